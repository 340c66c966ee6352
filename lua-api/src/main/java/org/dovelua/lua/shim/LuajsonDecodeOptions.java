package org.dovelua.lua.shim;

import org.dovelua.lua.LuaArgs;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

/**
 * A luajson decoder's options, resolved as {@code buildDecoder} (json/decode.lua) merges them: the
 * mode's own keys over decode.lua's defaults, then each section ({@code array}, {@code object},
 * {@code strings}, {@code number}, {@code others}) over its module's defaults (composite.lua,
 * strings.lua, number.lua, others.lua), one shallow {@code util.merge} each.
 *
 * <p>Options that are lpeg patterns in luajson ({@code strings.escapeCheck}) are opaque userdata
 * here, one per pattern luajson itself defines; patterns of one's own and the function-call
 * extension ({@code calls}) cannot be had without lpeg and are refused by name.
 */
record LuajsonDecodeOptions(
        boolean unicodeWhitespace, boolean initialObject, boolean nothrow,
        boolean arrayAllowEmpty, boolean arrayTrailingComma,
        boolean objectAllowEmpty, boolean objectTrailingComma, boolean objectNumber, boolean objectIdentifier,
        LuaValue setObjectKey,
        byte[] badChars, String escapeCheck, LuaValue decodeUnicode, boolean strictQuotes,
        boolean nan, boolean inf, boolean frac, boolean exp, boolean hex,
        boolean allowUndefined, LuaValue nullValue, LuaValue undefinedValue) {

    /** strings.lua's default {@code escapeCheck}: {@code #lpeg.S('bfnrtv/\\"xu\'z')}. */
    static final String DEFAULT_ESCAPES = "bfnrtv/\\\"xu'z";
    /** strings.lua's strict {@code escapeCheck}: {@code #lpeg.S('bfnrtv/\\"u')}. */
    static final String STRICT_ESCAPES = "bfnrtv/\\\"u";

    /** {@code emptyValue} of state.lua's {@code create}. */
    LuaValue emptyValue() {
        return allowUndefined ? undefinedValue : nullValue;
    }

    /** The opaque stand-in for one of luajson's escape-check patterns. */
    static LuaValue escapeCheck(String chars) {
        return new LuaUserdata(new EscapeSet(chars));
    }

    record EscapeSet(String chars) {
    }

    /** Module defaults, from which {@link #resolve} reads what the mode leaves out. */
    record Defaults(LuaValue nullValue, LuaValue undefinedValue, LuaValue rawset, LuaValue decodeUnicode,
            LuaValue escapeCheck) {

        /** The section tables as luajson's {@code mergeOptions} leaves them for {@code mode} ("strict", "simple" or null). */
        LuaTable modeTable(String mode) {
            boolean strict = "strict".equals(mode);
            boolean simple = "simple".equals(mode);
            LuaTable t = new LuaTable();
            if (strict) { // decode.lua's json_decode.strict
                t.set("unicodeWhitespace", LuaValue.TRUE);
                t.set("initialObject", LuaValue.TRUE);
                t.set("nothrow", LuaValue.FALSE);
            }
            LuaTable array = new LuaTable(); // composite.lua
            array.set("allowEmptyElement", LuaValue.FALSE);
            array.set("trailingComma", LuaValue.valueOf(!strict));
            LuaTable object = new LuaTable();
            object.set("allowEmptyElement", LuaValue.FALSE);
            object.set("trailingComma", LuaValue.valueOf(!strict));
            object.set("number", LuaValue.valueOf(!strict));
            object.set("identifier", LuaValue.valueOf(!strict));
            object.set("setObjectKey", rawset);
            LuaTable calls = new LuaTable();
            calls.set("allowEmptyElement", LuaValue.FALSE);
            calls.set("allowUndefined", LuaValue.FALSE);
            calls.set("trailingComma", LuaValue.TRUE);
            LuaTable strings = new LuaTable(); // strings.lua
            strings.set("badChars", strict ? "\b\f\n\r\t\u000b" : "");
            strings.set("additionalEscapes", LuaValue.FALSE);
            strings.set("escapeCheck", strict ? LuajsonDecodeOptions.escapeCheck(STRICT_ESCAPES) : escapeCheck);
            strings.set("decodeUnicode", decodeUnicode);
            strings.set("strict_quotes", LuaValue.valueOf(strict));
            LuaTable number = new LuaTable(); // number.lua
            number.set("nan", LuaValue.valueOf(!strict));
            number.set("inf", LuaValue.valueOf(!strict));
            number.set("frac", LuaValue.TRUE);
            number.set("exp", LuaValue.TRUE);
            number.set("hex", LuaValue.FALSE);
            LuaTable others = new LuaTable(); // others.lua
            others.set("allowUndefined", LuaValue.valueOf(!strict));
            others.set("null", simple ? LuaValue.FALSE : nullValue);
            others.set("undefined", simple ? LuaValue.FALSE : undefinedValue);
            t.set("array", array);
            t.set("object", object);
            t.set("calls", calls);
            t.set("strings", strings);
            t.set("number", number);
            t.set("others", others);
            return t;
        }

        /** {@code buildDecoder(mode)}: the mode over decode.lua's defaults, each section over its module's. */
        LuajsonDecodeOptions resolve(LuaValue mode) {
            LuaTable base = modeTable(null);
            Section top = new Section(mode, null);
            top.base.set("unicodeWhitespace", LuaValue.TRUE);
            top.base.set("initialObject", LuaValue.FALSE);
            top.base.set("nothrow", LuaValue.FALSE);
            Section array = top.section("array", base);
            Section object = top.section("object", base);
            Section calls = top.section("calls", base);
            Section strings = top.section("strings", base);
            Section number = top.section("number", base);
            Section others = top.section("others", base);
            if (calls.on("defs") || calls.on("allowUndefined")) {
                throw unsupported("calls (function-call decoding)");
            }
            if (strings.on("additionalEscapes")) {
                throw unsupported("strings.additionalEscapes");
            }
            LuaValue check = strings.get("escapeCheck");
            String escapes = null;
            if (check.toboolean()) {
                if (!(check.touserdata() instanceof EscapeSet set)) {
                    throw unsupported("strings.escapeCheck other than luajson's own patterns");
                }
                escapes = set.chars();
            }
            LuaValue bad = strings.get("badChars");
            return new LuajsonDecodeOptions(top.on("unicodeWhitespace"), top.on("initialObject"), top.on("nothrow"),
                    array.on("allowEmptyElement"), array.on("trailingComma"),
                    object.on("allowEmptyElement"), object.on("trailingComma"), object.on("number"),
                    object.on("identifier"), object.get("setObjectKey"),
                    bad.isstring() ? bytes(bad.checkstring()) : new byte[0], escapes,
                    strings.get("decodeUnicode"), strings.on("strict_quotes"),
                    number.on("nan"), number.on("inf"), number.on("frac"), number.on("exp"), number.on("hex"),
                    others.on("allowUndefined"), orNil(others.get("null")), orNil(others.get("undefined")));
        }

        /** others.lua's {@code options.null or nil}: false stands for nil, as nil cannot be merged. */
        private static LuaValue orNil(LuaValue v) {
            return v.toboolean() ? v : LuaValue.NIL;
        }

        private static byte[] bytes(org.luaj.vm2.LuaString s) {
            byte[] b = new byte[s.m_length];
            s.copyInto(0, b, 0, b.length);
            return b;
        }

        private static org.luaj.vm2.LuaError unsupported(String what) {
            return LuaArgs.error("dovelua: json.decode option " + what + " needs lpeg, which dovelua does not have");
        }
    }

    /** One {@code util.merge({}, defaults, given)}: what the user gave (raw, as {@code pairs} sees it) wins. */
    private static final class Section {
        final LuaValue given;
        final LuaTable base;

        Section(LuaValue given, LuaTable base) {
            this.given = given.istable() ? given : LuaValue.NIL;
            this.base = base == null ? new LuaTable() : base;
        }

        Section section(String name, LuaTable defaults) {
            return new Section(get(name), defaults.get(name).checktable());
        }

        LuaValue get(String key) {
            LuaValue v = given.isnil() ? LuaValue.NIL : given.rawget(key);
            return v.isnil() ? base.rawget(key) : v;
        }

        boolean on(String key) {
            return get(key).toboolean();
        }
    }
}
