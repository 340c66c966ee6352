package org.dovelua.cases;

import java.util.List;
import org.dovelua.nauthilus.NauthilusMode;
import org.dovelua.nauthilus.luatest.NauthilusVersion;

/**
 * The one place that reads a plugin case file's {@code version:} and {@code mode:}: the Nauthilus
 * release ({@link NauthilusVersion}'s rows) and whether the plugin runs as Nauthilus's test mode
 * or as a 3.1 server runs it (production, the default for dovelua's own cases: issue 14).
 */
public final class PluginModes {
    public static final String DEFAULT_MODE = NauthilusMode.PRODUCTION.flag;
    public static final String DEFAULT_VERSION = "3.1";
    /** The modes a case file may name. */
    public static final List<String> MODES = List.of(NauthilusMode.PRODUCTION.flag, NauthilusMode.TEST.flag);

    private PluginModes() {
    }

    /** {@code version:}'s release, or null when dovelua knows no such release. */
    public static NauthilusVersion version(String text) {
        return NauthilusVersion.parse(text);
    }

    /** {@code mode:}'s mode, or null. */
    public static NauthilusMode mode(String text) {
        return NauthilusMode.of(text);
    }
}
