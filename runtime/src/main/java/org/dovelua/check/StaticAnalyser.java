package org.dovelua.check;

import org.dovelua.version.DovecotVersion;

/** The static analyser: parses a script and runs every rule family over its model. */
final class StaticAnalyser {
    private StaticAnalyser() {
    }

    /** The script's model, or null when it does not parse (the syntax finding is added). */
    static ScriptModel analyse(ScriptTarget t, String text, DovecotVersion v, Findings out) {
        LuaSource source = LuaSource.parse(t.shown, text);
        if (source.syntaxError != null) {
            out.add(source.syntaxError);
            return null;
        }
        ScriptModel m = ScriptModel.of(source);
        RequestMemberRules.check(m, v, out);
        HttpClientRules.check(m, v, out);
        ReturnValueRules.check(m, v, out);
        TrapRules.check(m, v, out);
        ConfigRules.blocking(m, t, out);
        ConfigRules.scheme(m, t, out);
        return m;
    }
}
