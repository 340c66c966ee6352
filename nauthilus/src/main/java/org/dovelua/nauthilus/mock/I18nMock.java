package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code nauthilus_i18n} in test mode (mocks.go LoaderModI18NMock): catalogs are captured, lookups
 * always answer the fallback; a mismatched expected call raises.
 */
public final class I18nMock extends MockModule {
    /** types.go I18NCatalogRegistration. */
    public record Catalog(String language, String namespace, Map<String, String> entries) {
    }

    private final List<Catalog> catalogs = new ArrayList<>();

    public I18nMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    /** The catalogs registered so far (I18NMock.Catalogs). */
    public List<Catalog> catalogs() {
        return Collections.unmodifiableList(catalogs);
    }

    @Override
    void define(LuaTable mod) {
        // recordLuaTableRegistration with i18NCatalogFromTable / i18NCatalogArgs
        mod.set("register_catalog", fn("register_catalog", a -> {
            LuaTable table = a.checkTable(1);
            String language = GoValues.trimSpace(GoValues.argText(table.rawget("language")));
            String namespace = GoValues.trimSpace(GoValues.argText(table.rawget("namespace")));
            Map<String, String> entries = new TreeMap<>();
            LuaValue entriesValue = table.rawget("entries");
            if (entriesValue.istable()) {
                LuaValue k = LuaValue.NIL;
                while (true) {
                    Varargs n = entriesValue.next(k);
                    if ((k = n.arg1()).isnil()) {
                        break;
                    }
                    entries.put(GoValues.string(k), GoValues.argText(n.arg(2)));
                }
            }
            if (language.isEmpty()) {
                throw a.argError(1, "language must be a non-empty string");
            }
            String err = record("register_catalog", keyedArgs(
                    List.of("language=" + language, "namespace=" + namespace), "entries.", entries));
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            catalogs.add(new Catalog(language, namespace, entries));
            return LuaValue.NONE;
        }));
        // the get_localized closure: fallback message, language defaulting to "en"
        mod.set("get_localized", fn("get_localized", a -> {
            LuaTable table = a.checkTable(1);
            String key = GoValues.trimSpace(GoValues.argText(table.rawget("i18n_key")));
            String fallback = GoValues.argText(table.rawget("fallback"));
            String language = GoValues.trimSpace(GoValues.argText(table.rawget("language")));
            if (language.isEmpty()) {
                language = "en";
            }
            String err = record("get_localized",
                    "i18n_key=" + key + " language=" + language + " fallback=" + fallback);
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            LuaTable result = new LuaTable();
            result.set("message", str(fallback));
            result.set("language", str(language));
            result.set("localized", LuaValue.FALSE);
            result.set("i18n_key", str(key));
            result.set("fallback_used", LuaValue.TRUE);
            return result;
        }));
    }

    /** mocks.go keyedMapArgs: base parts, then prefix+key=value in sorted key order, space-joined. */
    static String keyedArgs(List<String> base, String prefix, Map<String, String> values) {
        List<String> parts = new ArrayList<>(base);
        new TreeMap<>(values).forEach((k, v) -> parts.add(prefix + k + "=" + v));
        return String.join(" ", parts);
    }
}
