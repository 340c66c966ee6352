package org.dovelua.auth.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/** {@code auth_fields_add()}'s value rule per release (auth-fields.c@2.3.19.1 vs @2.4.1). */
class AuthFieldsTest {
    private static List<String> rendered(String version) {
        AuthFields f = new AuthFields(DovecotVersion.parse(version));
        f.add("empty", "", false);
        f.add("unset", null, false);
        f.add("full", "x", false);
        f.importField("imported", null);
        return f.all().stream().map(AuthFields.Field::render).toList();
    }

    @Test
    void on23AnEmptyOrNullValueIsABareKey() {
        // p_strdup_empty(): "" and NULL are both NULL, auth_fields_append() writes the key alone
        assertThat(rendered("2.3.19")).containsExactly("empty", "unset", "full=x", "imported");
        AuthFields f = new AuthFields(DovecotVersion.parse("2.3.19"));
        f.add("unset", null, false);
        assertThat(f.find("unset")).isEmpty();
    }

    @Test
    void on24AnEmptyValueStaysAndNullIsYes() {
        // value == NULL ? "yes" : p_strdup(value); auth_fields_append() always writes key=value
        assertThat(rendered("2.4.1")).containsExactly("empty=", "unset=yes", "full=x", "imported=yes");
        assertThat(rendered("2.4.5")).isEqualTo(rendered("2.4.1"));
    }
}
