package org.dovelua.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.dovelua.version.Since;
import org.junit.jupiter.api.Test;

/** The edits issue 19 names are there, each with its concrete replacement; other rows say none exists. */
class MigrationHintsTest {
    @Test
    void theNamedEditsEachSayWhatToWrite() {
        assertThat(MigrationHints.hint(Since.VAR_EXPAND_24)).contains("req.service -> req.protocol");
        assertThat(MigrationHints.hint(Since.HTTP_CLIENT_24_SETTINGS)).contains("request_timeout = \"5s\"");
        assertThat(MigrationHints.hint(Since.PASSDB_RETURN_TYPES_CHECKED)).contains("return a table of fields");
        assertThat(MigrationHints.hint(Since.SCRIPT_INIT_TAKES_SETTINGS)).contains("script_init(args)");
        assertThat(MigrationHints.hint(Since.NO_RESPONSE_FROM_TEMPLATE)).contains("req:var_expand()");
        assertThat(MigrationHints.hint(Since.NOPASSWORD_WITHOUT_PASSWORD_CHECK)).contains("nopassword or password");
        assertThat(MigrationHints.hint(Since.FIELD_SUFFIX_DEFAULT)).contains(":protected to :default");
        assertThat(MigrationHints.hint(Since.WEAK_SCHEMES_REFUSED)).contains("auth_allow_weak_schemes = yes");
        assertThat(MigrationHints.hint(Since.DEFAULT_SCHEME_CRYPT)).contains("passdb_default_password_scheme = PLAIN");
        assertThat(MigrationHints.hint(Since.LOG_PREFIX_24)).contains("log expectations change").contains("no script edit");
        assertThat(MigrationHints.hint(Since.SETTINGS_24)).contains("lua_file");
    }

    @Test
    void aRowWithoutAnEditSaysSo() {
        assertThat(MigrationHints.hasOwnHint(Since.TABLE_EXPORT_CHECKS_KEYS)).isFalse();
        assertThat(MigrationHints.hint(Since.TABLE_EXPORT_CHECKS_KEYS))
                .isEqualTo("behaviour change; no script edit keeps the old behaviour");
        assertThat(MigrationHints.hasOwnHint(Since.LOG_PREFIX_24)).isTrue();
    }
}
