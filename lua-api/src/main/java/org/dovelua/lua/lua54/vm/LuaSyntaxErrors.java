package org.dovelua.lua.lua54.vm;

import java.util.regex.Pattern;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;

/**
 * Syntax errors as Lua 5.4's lexer words them (llex.c {@code lexerror}): {@code chunk:line: msg
 * near 'token'}, with the chunk named as {@code luaO_chunkid} names it. LuaJ's
 * {@code LexState.lexerror}, patched by {@link LuajPatches}, raises what this builds; LuaJ's own
 * left out the {@code near} part and wrote {@code unexpected symbol 43 (+)}.
 */
public final class LuaSyntaxErrors {
    private static final int FIRST_RESERVED = 257;
    private static final int TK_EOS = 286;
    static final int TK_NUMBER = 287;
    private static final int TK_NAME = 288;
    private static final int TK_STRING = 289;
    private static final Pattern LUAJ_UNEXPECTED = Pattern.compile("unexpected symbol -?\\d+ \\(.*\\)", Pattern.DOTALL);
    private static final int LUA_IDSIZE = 60;

    private LuaSyntaxErrors() {
    }

    /**
     * The error {@code lexerror(msg, token)} raises; {@code text} is LuaJ's {@code txtToken(token)}
     * (the lexer's buffer for names, strings and numerals).
     */
    public static LuaError lexerror(LuaString source, int line, String msg, int token, String text) {
        // LuaJ's error_expected quotes the names 5.4 leaves bare ("<name> expected")
        String m = LUAJ_UNEXPECTED.matcher(msg).matches() ? "unexpected symbol"
                : msg.replace("'<eos>'", "<eof>").replaceAll("'(<(name|string|number|eof)>)'", "$1");
        if (token != 0) {
            m = m + " near " + txtToken(token, text);
        }
        return new LuaError(chunkid(source.tojstring()) + ":" + line + ": " + m);
    }

    /** llex.c {@code txtToken} and {@code luaX_token2str}. */
    static String txtToken(int token, String text) {
        if (token == TK_NAME || token == TK_STRING || token == TK_NUMBER) {
            // a numeral's buffer still ends in the NUL LuaJ's read_numeral saved
            return "'" + (text.endsWith("\0") ? text.substring(0, text.length() - 1) : text) + "'";
        }
        if (token < FIRST_RESERVED) {
            return token >= 32 && token < 127 ? "'" + (char) token + "'" : "'<\\" + token + ">'";
        }
        return token == TK_EOS ? "<eof>" : "'" + text + "'"; // LuaJ calls it <eos>
    }

    /**
     * {@code Prototype.shortsource()} once patched: Lua's {@code short_src} (tracebacks,
     * {@code debug.getinfo}), which is {@code luaO_chunkid} of the source.
     */
    public static String shortsource(org.luaj.vm2.Prototype p) {
        if (p.source == null) {
            return "?";
        }
        String s = p.source.tojstring();
        return s.startsWith("\033") ? "binary string" : chunkid(s);
    }

    /** {@link #chunkid(String)} of a prototype's source. */
    public static String chunkid(LuaString source) {
        return chunkid(source.tojstring());
    }

    /** lobject.c {@code luaO_chunkid}: how a chunk is named in messages. */
    public static String chunkid(String source) {
        if (source.startsWith("=")) {
            return source.length() <= LUA_IDSIZE ? source.substring(1) : source.substring(1, LUA_IDSIZE);
        }
        if (source.startsWith("@")) {
            return source.length() <= LUA_IDSIZE ? source.substring(1)
                    : "..." + source.substring(source.length() - (LUA_IDSIZE - 4));
        }
        int room = LUA_IDSIZE - "[string \"...\"]".length() - 1;
        int nl = source.indexOf('\n');
        if (source.length() < room && nl < 0) {
            return "[string \"" + source + "\"]";
        }
        int len = nl >= 0 ? nl : source.length();
        return "[string \"" + source.substring(0, Math.min(len, room)) + "...\"]";
    }
}
