package org.dovelua.auth.dict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * src/lib-settings/settings.c@2.3.19 {@code settings_read()}: the lexer of the dict driver's
 * config file (not dovecot.conf's parser). Lines of {@code key = value}, {@code type [name] {},
 * {@code }}, {@code !include[_try] path}; {@code #} comments outside quotes, a trailing {@code \}
 * joins the next line, quoted values are {@code str_unescape()}d, unquoted ones get
 * {@code $ENV:NAME}. The first error ends the read as {@code Error in configuration file F line N: M}.
 * Open sections at the end of the file are not an error (settings.c has no such check).
 */
final class SettingsReader {
    /** What the reader calls ({@code settings_callback_t}, {@code settings_section_callback_t}). */
    interface Handler {
        /** A {@code key = value} line: null, or the error. */
        String setting(String key, String value);

        /** A section opens ({@code type} != null; {@code name} "" when not given) or closes (both null): null, or the error. */
        String section(String type, String name);
    }

    /** How the reader reaches files: their bytes, or the {@code %m} text of a failed open. */
    interface Files {
        byte[] read(String path) throws OpenFailure;

        /** Whether {@code glob()} of a pattern without magic characters finds the path. */
        boolean exists(String path);
    }

    /** A failed {@code open()}: the message is strerror's text. */
    static final class OpenFailure extends Exception {
        OpenFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** A failed read: {@code *error_r} of settings_read(). */
    static final class SettingsException extends Exception {
        SettingsException(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code struct input_stack}. */
    private static final class Input {
        final String path;
        final List<String> lines;
        int next;
        int linenum;

        Input(String path, List<String> lines) {
            this.path = path;
            this.lines = lines;
        }
    }

    private final Files files;
    private final Map<String, String> env;
    private final Consumer<String> warnings;

    SettingsReader(Files files, Map<String, String> env, Consumer<String> warnings) {
        this.files = files;
        this.env = env;
        this.warnings = warnings;
    }

    private static boolean white(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * {@code i_stream_read_next_line()} with {@code return_partial_line}: LF-separated lines, a CR
     * before the LF dropped, the last line returned without its LF; a NUL ends the line's C string.
     */
    static List<String> lines(byte[] content) {
        List<String> out = new ArrayList<>();
        String s = new String(content, StandardCharsets.UTF_8);
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            String line = nl < 0 ? s.substring(start) : s.substring(start, nl);
            if (nl >= 0 && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            int nul = line.indexOf('\0');
            out.add(nul < 0 ? line : line.substring(0, nul));
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return out;
    }

    /** {@code settings_read(path, NULL, ...)}. */
    void read(String path, Handler handler) throws SettingsException {
        Input root;
        try {
            root = new Input(path, lines(files.read(path)));
        } catch (OpenFailure e) {
            throw new SettingsException("Can't open configuration file " + path + ": " + e.getMessage());
        }
        List<Input> stack = new ArrayList<>();
        stack.add(root);
        StringBuilder fullLine = new StringBuilder();
        int sections = 0;
        String lastSectionPath = null;
        int lastSectionLine = 0;
        while (!stack.isEmpty()) {
            Input input = stack.get(stack.size() - 1);
            if (input.next >= input.lines.size()) {
                stack.remove(stack.size() - 1);
                continue;
            }
            String raw = input.lines.get(input.next++);
            input.linenum++;
            int i = 0;
            while (i < raw.length() && white(raw.charAt(i))) {
                i++;
            }
            String line = raw.substring(i);
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            line = stripComment(line, input);
            // remove whitespace from the end of the line
            int len = line.length();
            while (len > 0 && white(line.charAt(len - 1))) {
                len--;
            }
            line = line.substring(0, len);
            if (len > 0 && line.charAt(len - 1) == '\\') {
                // continues in the next line, joined with one space
                len--;
                while (len > 0 && white(line.charAt(len - 1))) {
                    len--;
                }
                fullLine.append(line, 0, len).append(' ');
                continue;
            }
            if (fullLine.length() > 0) {
                fullLine.append(line);
                line = fullLine.toString();
            }
            String error = null;
            // a) key = value, b) section_type [section_name] {, c) }
            int k = 0;
            while (k < line.length() && !white(line.charAt(k)) && line.charAt(k) != '=') {
                k++;
            }
            String key = line.substring(0, k);
            int p = k;
            if (p < line.length() && white(line.charAt(p))) {
                p++;
                while (p < line.length() && white(line.charAt(p))) {
                    p++;
                }
            }
            String rest = line.substring(p);
            if (key.equals("!include_try") || key.equals("!include")) {
                boolean ignore = key.equals("!include_try");
                String target = fixRelativePath(rest, input.path);
                String[] err = new String[1];
                Input included = include(target, stack, ignore, err);
                if (err[0] == null) {
                    if (included != null) {
                        stack.add(included);
                    }
                    // goto prevfile: the joined line is not reset (settings.c)
                    continue;
                }
                error = err[0];
            } else if (rest.startsWith("=")) {
                String value = rest.substring(1);
                int w = 0;
                while (w < value.length() && white(value.charAt(w))) {
                    w++;
                }
                value = value.substring(w);
                int vl = value.length();
                boolean quoted = false;
                if (vl > 0 && ((value.charAt(0) == '"' && value.charAt(vl - 1) == '"')
                        || (value.charAt(0) == '\'' && value.charAt(vl - 1) == '\''))) {
                    value = strUnescape(vl == 1 ? "" : value.substring(1, vl - 1));
                    quoted = true;
                }
                if (!quoted) {
                    value = expandEnvironmentVars(value, env);
                }
                error = handler.setting(key, value);
            } else if (!key.equals("}") || !rest.isEmpty()) {
                // b) and errors
                String name;
                if (rest.startsWith("{")) {
                    name = "";
                } else {
                    int e = 0;
                    while (e < rest.length() && !white(rest.charAt(e))) {
                        e++;
                    }
                    name = rest.substring(0, e);
                    while (e < rest.length() && white(rest.charAt(e))) {
                        e++;
                    }
                    rest = rest.substring(e);
                }
                if (!rest.startsWith("{")) {
                    error = "Expecting '='";
                } else {
                    sections++;
                    error = handler.section(key, name);
                    if (error != null && lastSectionLine != 0) {
                        error = error + " (section changed in " + lastSectionPath + " at line " + lastSectionLine + ")";
                    }
                    lastSectionPath = input.path;
                    lastSectionLine = input.linenum;
                }
            } else {
                // c)
                if (sections == 0) {
                    error = "Unexpected '}'";
                } else {
                    error = handler.section(null, null);
                    lastSectionPath = input.path;
                    lastSectionLine = input.linenum;
                    sections--;
                }
            }
            if (error != null) {
                throw new SettingsException("Error in configuration file " + input.path + " line " + input.linenum
                        + ": " + error);
            }
            fullLine.setLength(0);
        }
    }

    /** The comment-stripping loop: quotes protect {@code #}; a {@code #} right after text warns. */
    private String stripComment(String line, Input input) {
        int n = line.length();
        for (int p = 0; p < n; p++) {
            char c = line.charAt(p);
            if (c == '\'' || c == '"') {
                char quote = c;
                for (p++; p < n && line.charAt(p) != quote; p++) {
                    if (line.charAt(p) == '\\' && p + 1 < n) {
                        p++;
                    }
                }
                if (p >= n) {
                    break;
                }
            } else if (c == '#') {
                if (!white(line.charAt(p - 1))) {
                    warnings.accept("Configuration file " + input.path + " line " + input.linenum
                            + ": Ambiguous '#' character in line, treating it as comment. "
                            + "Add a space before it to remove this warning.");
                }
                return line.substring(0, p);
            }
        }
        return line;
    }

    /** {@code fix_relative_path()}: relative to the including file's directory. */
    static String fixRelativePath(String path, String including) {
        if (path.startsWith("/")) {
            return path;
        }
        int slash = including.lastIndexOf('/');
        return slash < 0 ? path : including.substring(0, slash + 1) + path;
    }

    /**
     * {@code settings_include()} + {@code settings_add_include()}: {@code glob()} of a pattern
     * without magic characters finds the path itself or nothing ("No matches"); dovelua does not
     * expand glob patterns (see docs/dict-driver.md).
     */
    private Input include(String path, List<Input> stack, boolean ignore, String[] error) {
        if (!files.exists(path)) {
            if (!ignore) {
                error[0] = "No matches";
            }
            return null;
        }
        for (Input in : stack) {
            if (in.path.equals(path)) {
                error[0] = "Recursive include file: " + path;
                return null;
            }
        }
        try {
            return new Input(path, lines(files.read(path)));
        } catch (OpenFailure e) {
            if (!ignore) {
                error[0] = "Couldn't open include file " + path + ": " + e.getMessage();
            }
            return null;
        }
    }

    /** {@code str_unescape()} (lib/strescape.c): a backslash keeps the next character as is. */
    static String strUnescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= s.length()) {
                    break;
                }
                c = s.charAt(i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * {@code expand_environment_vars()}: {@code $ENV:NAME} at the value's start or after
     * whitespace; the name runs to the next space; an unset variable expands to nothing.
     */
    static String expandEnvironmentVars(String value, Map<String, String> env) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int pv = 0;
        while (pv >= 0) {
            int p = value.indexOf('$', pv);
            if (p < 0) {
                break;
            }
            out.append(value, pv, p);
            int varEnd;
            if ((p == 0 || white(value.charAt(p - 1))) && value.startsWith("$ENV:", p)) {
                int space = value.indexOf(' ', p);
                String name = space < 0 ? value.substring(p + 5) : value.substring(p + 5, space);
                String v = env.get(name);
                if (v != null) {
                    out.append(v);
                }
                varEnd = space;
            } else {
                out.append('$');
                varEnd = p + 1;
            }
            pv = varEnd;
        }
        if (pv >= 0) {
            out.append(value.substring(pv));
        }
        return out.toString();
    }
}
