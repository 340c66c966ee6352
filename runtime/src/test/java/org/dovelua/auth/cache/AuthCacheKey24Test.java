package org.dovelua.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/** 2.4's auth_cache_parse_key_and_fields() (src/auth/auth-cache.c@2.4.1) over lib-var-expand's variables. */
class AuthCacheKey24Test {
    private static final DovecotVersion V241 = DovecotVersion.parse("2.4.1");

    private static String parse(String query) throws VarExpand.VarExpandException {
        return AuthCacheKey.parse24(query, List.of(), "lua", V241);
    }

    @Test
    void knownVariablesComeInTableOrderThenTheOthersSorted() throws Exception {
        assertThat(parse("%{user}")).isEqualTo("%{user}");
        assertThat(parse("%{remote_ip} %{user} %{remote_ip}")).isEqualTo("%{user}\t%{remote_ip}");
        // unknown ones follow in var_expand_program_variables()' sorted order, each once
        assertThat(parse("%{zeta}%{user}%{alpha}%{zeta}")).isEqualTo("%{user}\t%{alpha}\t%{zeta}");
        assertThat(parse("no variables")).isEmpty();
    }

    @Test
    void filtersAndTheirVariableArgumentsCount() throws Exception {
        assertThat(parse("%{user | lower}")).isEqualTo("%{user}");
        assertThat(parse("%{user | default(remote_ip)}")).isEqualTo("%{user}\t%{remote_ip}");
        // a likely function name first is not a variable (var-expand-parser.y filter_var_names)
        assertThat(parse("%{literal('x')}")).isEmpty();
    }

    @Test
    void providersAreDroppedButPassdbAndUserdbFieldsKept() throws Exception {
        assertThat(parse("%{env:HOME}%{user}")).isEqualTo("%{user}");
        assertThat(parse("%{passdb:uid}%{user}")).isEqualTo("%{user}\t%{passdb:uid}");
        assertThat(parse("%{userdb:home}")).isEqualTo("%{userdb:home}");
    }

    @Test
    void theDriverNameAndTheFieldsValues() throws Exception {
        // db-lua.c passes "lua" as the driver to exclude
        assertThat(parse("%{lua}%{user}")).isEqualTo("%{user}");
        assertThat(AuthCacheKey.parse24("%{user}", List.of("%{remote_ip}", "x"), "lua", V241))
                .isEqualTo("%{user}\t%{remote_ip}");
    }

    @Test
    void theSslFingerprintsAreVariablesFrom242() throws Exception {
        assertThat(parse("%{ssl_client_cert_fp}")).isEqualTo("%{ssl_client_cert_fp}");
        assertThat(AuthCacheKey.parse24("%{owner_user}%{ssl_client_cert_fp}", List.of(), "lua",
                DovecotVersion.parse("2.4.2"))).isEqualTo("%{ssl_client_cert_fp}\t%{owner_user}");
    }

    @Test
    void aTemplateThatDoesNotParseIsAnError() {
        assertThatThrownBy(() -> parse("%{user")).isInstanceOf(VarExpand.VarExpandException.class);
    }
}
