package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class I18nMockTest {
    @Test
    void registerCatalogCapturesAndReportsSortedEntries() {
        try (MockHarness h = new MockHarness("nauthilus_i18n", null, I18nMock::new)) {
            Varargs r = h.run("local i = require('nauthilus_i18n')\n"
                    + "return select('#', i.register_catalog({language = ' de ', namespace = 'ns',"
                    + " entries = {zeta = 'Z', alpha = 1.5, flag = true}}))");
            assertThat(r.arg(1).toint()).isZero();
            assertThat(h.calls.calls).containsExactly(
                    "register_catalog|language=de namespace=ns entries.alpha=1.5 entries.flag=true entries.zeta=Z");
            assertThat(((I18nMock) h.module).catalogs()).containsExactly(new I18nMock.Catalog("de", "ns",
                    Map.of("alpha", "1.5", "flag", "true", "zeta", "Z")));
        }
    }

    @Test
    void anEmptyLanguageIsAnArgumentErrorAndNotRecorded() {
        try (MockHarness h = new MockHarness("nauthilus_i18n", null, I18nMock::new)) {
            assertThat(h.error("require('nauthilus_i18n').register_catalog({language = '  '})"))
                    .contains("bad argument #1 to register_catalog (language must be a non-empty string)");
            assertThat(h.calls.calls).isEmpty();
        }
    }

    @Test
    void getLocalizedAnswersTheFallback() {
        try (MockHarness h = new MockHarness("nauthilus_i18n", null, I18nMock::new)) {
            Varargs r = h.run("local t = require('nauthilus_i18n').get_localized({i18n_key = 'k1', fallback = 'Hello'})\n"
                    + "return t.message, t.language, t.localized, t.i18n_key, t.fallback_used");
            assertThat(r.arg(1).tojstring()).isEqualTo("Hello");
            assertThat(r.arg(2).tojstring()).isEqualTo("en");
            assertThat(r.arg(3).toboolean()).isFalse();
            assertThat(r.arg(4).tojstring()).isEqualTo("k1");
            assertThat(r.arg(5).toboolean()).isTrue();
            assertThat(h.calls.calls).containsExactly("get_localized|i18n_key=k1 language=en fallback=Hello");
        }
    }

    @Test
    void aMismatchRaises() {
        try (MockHarness h = new MockHarness("nauthilus_i18n", null, I18nMock::new)) {
            h.calls.failCall(1);
            assertThat(h.error("require('nauthilus_i18n').get_localized({})")).endsWith("mismatch #1 get_localized");
            h.calls.failCall(2);
            assertThat(h.error("require('nauthilus_i18n').register_catalog({language = 'fr'})"))
                    .endsWith("mismatch #2 register_catalog");
            assertThat(((I18nMock) h.module).catalogs()).isEmpty();
        }
    }
}
