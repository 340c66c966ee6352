package org.dovelua.check;

import java.io.StringReader;
import org.dovelua.lua.lua54.Lua54Syntax;
import org.luaj.vm2.ast.Chunk;
import org.luaj.vm2.ast.NameResolver;
import org.luaj.vm2.parser.LuaParser;
import org.luaj.vm2.parser.ParseException;
import org.luaj.vm2.parser.TokenMgrError;

/**
 * A script's syntax tree: the source through the 5.4 front end ({@link Lua54Syntax#rewrite}, which
 * keeps every line where it was; columns can shift on the lines it rewrites) and LuaJ's JavaCC
 * parser ({@code org.luaj.vm2.parser.LuaParser}, Lua 5.2), names resolved to their variables. A
 * script that does not parse is a {@link Rule#SYNTAX} finding.
 */
final class LuaSource {
    final String file;
    final Chunk chunk;
    final Finding syntaxError;

    private LuaSource(String file, Chunk chunk, Finding syntaxError) {
        this.file = file;
        this.chunk = chunk;
        this.syntaxError = syntaxError;
    }

    static LuaSource parse(String file, String text) {
        // lua_load skips a first line starting with '#' (lauxlib.c skipcomment); keep its newline
        String source = text.startsWith("#") ? text.replaceFirst("^#[^\n]*", "") : text;
        String rewritten;
        try {
            rewritten = Lua54Syntax.rewrite(file, source);
        } catch (RuntimeException e) {
            rewritten = source;
        }
        LuaParser parser = new LuaParser(new StringReader(rewritten));
        parser.getCharStream().setTabSize(1); // columns count characters, as compilers print them
        try {
            Chunk chunk = parser.Chunk();
            chunk.accept(new NameResolver());
            return new LuaSource(file, chunk, null);
        } catch (ParseException e) {
            org.luaj.vm2.parser.Token at = e.currentToken != null && e.currentToken.next != null
                    ? e.currentToken.next : e.currentToken;
            int line = at == null ? 1 : at.beginLine;
            int col = at == null ? 1 : at.beginColumn;
            String near = at == null || at.image == null || at.image.isEmpty() ? "<eof>" : "'" + at.image + "'";
            return failed(file, line, col, "syntax error near " + near);
        } catch (TokenMgrError e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)")
                    .matcher(String.valueOf(e.getMessage()));
            boolean found = m.find();
            int line = found ? Integer.parseInt(m.group(1)) : 1;
            int col = found ? Integer.parseInt(m.group(2)) : 1;
            return failed(file, line, col, "malformed token: " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(file, 1, 1, "cannot parse: " + e.getMessage());
        }
    }

    private static LuaSource failed(String file, int line, int col, String message) {
        return new LuaSource(file, null, new Finding(file, line, col, Rule.SYNTAX,
                message + " (Dovecot fails to load the script)"));
    }
}
