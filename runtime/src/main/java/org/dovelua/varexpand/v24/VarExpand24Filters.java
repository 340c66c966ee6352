package org.dovelua.varexpand.v24;

import static org.dovelua.varexpand.v24.VarExpand24.anyOrVar;
import static org.dovelua.varexpand.v24.VarExpand24.numberOrVar;
import static org.dovelua.varexpand.v24.VarExpand24.stringOrVar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovelua.lib.DovecotBase64;
import org.dovelua.lib.HashMethod;
import org.dovelua.lib.PosixRegex;
import org.dovelua.lib.WildcardMatch;
import org.dovelua.varexpand.v24.VarExpand24.State;
import org.dovelua.varexpand.v24.VarExpand24Program.Param;
import org.dovelua.varexpand.v24.VarExpand24Program.Statement;
import org.dovelua.version.Since;

/**
 * The built-in filters of Dovecot 2.4's var-expand (src/lib-var-expand/expansion-filter.c), with
 * its error texts, and {@code if} (expansion-filter-if.c); {@code encrypt}/{@code decrypt} are
 * {@link VarExpand24Crypt}.
 */
final class VarExpand24Filters {
    private VarExpand24Filters() {
    }

    static final class FilterError extends Exception {
        FilterError(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    interface Filter {
        void apply(Statement stmt, State state) throws FilterError;
    }

    private static final Map<String, Filter> FILTERS = Map.ofEntries(
            Map.entry("lookup", VarExpand24Filters::lookup),
            Map.entry("literal", VarExpand24Filters::literal),
            Map.entry("calculate", VarExpand24Filters::calculate),
            Map.entry("concat", VarExpand24Filters::concat),
            Map.entry("upper", (s, st) -> caseFilter(s, st, "upper")),
            Map.entry("lower", (s, st) -> caseFilter(s, st, "lower")),
            Map.entry("hash", VarExpand24Filters::hash),
            Map.entry("md5", (s, st) -> hashAlgo(s, "md5", false, st)),
            Map.entry("sha1", (s, st) -> hashAlgo(s, "sha1", false, st)),
            Map.entry("sha256", (s, st) -> hashAlgo(s, "sha256", false, st)),
            Map.entry("sha384", (s, st) -> hashAlgo(s, "sha384", false, st)),
            Map.entry("sha512", (s, st) -> hashAlgo(s, "sha512", false, st)),
            Map.entry("base64", VarExpand24Filters::base64),
            Map.entry("unbase64", VarExpand24Filters::unbase64),
            Map.entry("hex", VarExpand24Filters::hex),
            Map.entry("unhex", VarExpand24Filters::unhex),
            Map.entry("hexlify", VarExpand24Filters::hexlify),
            Map.entry("unhexlify", VarExpand24Filters::unhexlify),
            Map.entry("default", VarExpand24Filters::defaultFilter),
            Map.entry("reverse", VarExpand24Filters::reverse),
            Map.entry("truncate", VarExpand24Filters::truncate),
            Map.entry("substr", VarExpand24Filters::substr),
            Map.entry("ldap_dn", VarExpand24Filters::ldapDn),
            Map.entry("if", VarExpand24Filters::ifFilter),
            Map.entry("regexp", VarExpand24Filters::regexp),
            Map.entry("lenumber", (s, st) -> number(s, false, st)),
            Map.entry("benumber", (s, st) -> number(s, true, st)),
            Map.entry("index", VarExpand24Filters::index),
            Map.entry("username", VarExpand24Filters::username),
            Map.entry("domain", VarExpand24Filters::domain),
            Map.entry("list", VarExpand24Filters::list),
            Map.entry("lfill", (s, st) -> fill(s, true, st)),
            Map.entry("rfill", (s, st) -> fill(s, false, st)),
            Map.entry("text", VarExpand24Filters::text),
            Map.entry("encrypt", VarExpand24Crypt::encrypt),
            Map.entry("decrypt", VarExpand24Crypt::decrypt));

    /** var_expand_find_filter(): the built-in table of {@code version} (switch from 2.4.3, a1ecade1f1). */
    static Filter find(String name, org.dovelua.version.DovecotVersion version) {
        switch (name) {
            case "switch":
                return version.has(Since.VAR_EXPAND_SWITCH) ? VarExpand24Switch::apply : null;
            case "safe":
                return version.has(Since.VAR_EXPAND_SAFE) ? VarExpand24Filters::safe : null;
            case "escape":
                return version.has(Since.VAR_EXPAND_ESCAPE) ? VarExpand24Filters::escape : null;
            case "epoch":
                return version.has(Since.VAR_EXPAND_TIME_FILTERS) ? VarExpand24TimeFilters::epoch : null;
            case "from_epoch":
                return version.has(Since.VAR_EXPAND_TIME_FILTERS) ? VarExpand24TimeFilters::fromEpoch : null;
            case "date":
                return version.has(Since.VAR_EXPAND_TIME_FILTERS) ? VarExpand24TimeFilters::date : null;
            case "iso8601":
                return version.has(Since.VAR_EXPAND_TIME_FILTERS) ? VarExpand24TimeFilters::iso8601 : null;
            default:
                return FILTERS.get(name);
        }
    }

    /**
     * fn_safe(): marks the value safe from the escape function (takes no parameter check); 2.4.5 refuses it
     * anywhere but last (commit 15431fee93).
     */
    private static void safe(Statement stmt, State state) throws FilterError {
        if (!state.lastStatement && state.vars.version().has(Since.VAR_EXPAND_SAFE_LAST)) {
            throw new FilterError("safe filter must be last in the filter chain");
        }
    }

    /**
     * fn_escape() (commit 0215055774): the value through the params' escape function. dovecot.var_expand()
     * has none; an auth request's var_expand gets escape_none(), which returns the value's own pointer, and
     * var_expand_state_set_transfer_data() asserts against that (seen on 2.4.5, case 474).
     */
    private static void escape(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "escape");
        if (!state.vars.hasParams()) {
            throw new FilterError("No escape function available");
        }
        throw new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.PANIC,
                "file var-expand.c: line 322 (var_expand_state_set_transfer_data): assertion failed: ((const char *)value"
                        + " < (const char *)state->transfer->data || (const char *)value > (const char *)state->transfer->data"
                        + " + state->transfer->used)");
    }

    // ---- the macros of var-expand-private.h ----

    static FilterError unsupportedKey(String key) {
        return new FilterError("Unsupported key '" + key + "'");
    }

    static FilterError tooManyPositional() {
        return new FilterError("Too many positional parameters");
    }

    private static void noParameters(Statement stmt) throws FilterError {
        if (stmt.params().isEmpty()) {
            throw new FilterError("Missing parameters");
        }
    }

    private static void anyParameters(Statement stmt) throws FilterError {
        if (!stmt.params().isEmpty()) {
            Param p = stmt.params().get(0);
            throw p.key() != null ? unsupportedKey(p.key()) : tooManyPositional();
        }
    }

    private static void needTransfer(State state, String action) throws FilterError {
        if (!state.transferSet) {
            throw new FilterError("No value to " + action);
        }
    }

    private static Param first(Statement stmt) {
        return stmt.params().isEmpty() ? null : stmt.params().get(0);
    }

    // ---- the filters ----

    private static void lookup(Statement stmt, State state) throws FilterError {
        Param p = first(stmt);
        if (p == null) {
            throw new FilterError("Missing name to lookup");
        }
        if (p.key() != null) {
            throw unsupportedKey(p.key());
        }
        state.unset();
        state.set(state.lookup(stringOrVar(state, p)));
    }

    private static void caseFilter(Statement stmt, State state, String which) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, which);
        // str_lcase()/str_ucase(): ASCII only
        StringBuilder t = state.transfer;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (which.equals("lower") && c >= 'A' && c <= 'Z') {
                t.setCharAt(i, (char) (c + 32));
            } else if (which.equals("upper") && c >= 'a' && c <= 'z') {
                t.setCharAt(i, (char) (c - 32));
            }
        }
    }

    private static void defaultFilter(Statement stmt, State state) throws FilterError {
        if (state.transferSet && state.transfer.length() > 0) {
            return;
        }
        String value;
        Param p = first(stmt);
        if (p == null) {
            value = "";
        } else if (p.key() != null) {
            throw unsupportedKey(p.key());
        } else {
            value = anyOrVar(state, p);
            if (stmt.params().size() > 1) {
                throw tooManyPositional();
            }
        }
        state.set(value);
    }

    private static void literal(Statement stmt, State state) throws FilterError {
        noParameters(stmt);
        Param p = first(stmt);
        if (p.key() != null) {
            throw unsupportedKey(p.key());
        }
        state.set(anyOrVar(state, p));
    }

    private static void calculate(Statement stmt, State state) throws FilterError {
        noParameters(stmt);
        long oper = -1;
        long right = 0;
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            switch (p.idx()) {
                case 0 -> {
                    if (p.type() != VarExpand24Program.Type.INT) {
                        throw new FilterError("Missing operator");
                    }
                    oper = p.num();
                }
                case 1 -> right = numberOrVar(state, p);
                default -> throw tooManyPositional();
            }
        }
        needTransfer(state, "calculate");
        if (state.transferBinary && oper == 4) {
            // binary input is a 64-bit unsigned integer for modulo only
            if (right < 0) {
                throw new FilterError("Binary modulo must be positive integer");
            }
            byte[] in = state.data();
            long tmp = 0;
            for (int i = in.length - Math.min(in.length, 8); i < in.length; i++) {
                tmp = tmp << 8 | (in[i] & 0xff);
            }
            state.set(Long.toUnsignedString(Long.remainderUnsigned(tmp, right)));
            return;
        }
        Long value = VarExpand24.strToIntmax(state.transfer.toString());
        if (value == null) {
            throw new FilterError("Input is not a number");
        }
        long v = value;
        switch ((int) oper) {
            case 0 -> v += right;
            case 1 -> v -= right;
            case 2 -> v *= right;
            case 3 -> {
                // expansion-filter.c fn_calculate; 2.4.4 (4bf05ba62c) refuses any divisor <= 0
                if (positiveDivisor(state) ? right <= 0 : right == 0) {
                    throw new FilterError(positiveDivisor(state) ? "Division must be by positive integer" : "Division by zero");
                }
                v /= right;
            }
            case 4 -> {
                if (positiveDivisor(state) ? right <= 0 : right == 0) {
                    throw new FilterError(positiveDivisor(state) ? "Modulo must be by positive integer" : "Modulo by zero");
                }
                v %= right;
            }
            default -> throw new IllegalStateException("operator " + oper);
        }
        boolean binary = state.transferBinary;
        state.unset();
        state.setData(Long.toString(v));
        state.transferBinary = binary;
    }

    private static boolean positiveDivisor(State state) {
        return state.vars.version().has(Since.VAR_EXPAND_POSITIVE_DIVISOR);
    }

    private static void concat(Statement stmt, State state) throws FilterError {
        noParameters(stmt);
        StringBuilder result = new StringBuilder();
        if (state.transferSet) {
            result.append(state.transfer);
        }
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            result.append(anyOrVar(state, p));
        }
        state.setData(result.toString());
    }

    private static void hash(Statement stmt, State state) throws FilterError {
        noParameters(stmt);
        Param p = first(stmt);
        if (p.idx() == -1) {
            throw new FilterError("No algorithm as first parameter");
        }
        hashAlgo(stmt, stringOrVar(state, p), true, state);
    }

    private static void hashAlgo(Statement stmt, String algo, boolean fromParam, State state) throws FilterError {
        MessageDigest md = HashMethod.lookup(algo);
        if (md == null) {
            throw new FilterError("Unsupported algorithm '" + algo + "'");
        }
        long rounds = 1;
        String salt = "";
        for (Param p : stmt.params()) {
            String key = p.key();
            if (key == null) {
                if (!fromParam || p.idx() > 0) {
                    throw tooManyPositional();
                }
                continue;
            }
            if (key.equals("rounds")) {
                rounds = numberOrVar(state, p);
            } else if (key.equals("salt")) {
                salt = stringOrVar(state, p);
            } else {
                throw unsupportedKey(key);
            }
        }
        needTransfer(state, fromParam ? "hash" : algo);
        byte[] input = state.data();
        byte[] saltBytes = salt.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < (int) rounds; i++) {
            md.reset();
            md.update(saltBytes);
            md.update(input);
            input = md.digest();
        }
        state.setBinary(input);
    }

    private static void base64(Statement stmt, State state) throws FilterError {
        boolean pad = true;
        boolean url = false;
        for (Param p : stmt.params()) {
            String key = p.key();
            if (key == null) {
                throw tooManyPositional();
            }
            if (key.equals("pad")) {
                pad = bool(state, p);
            } else if (key.equals("url")) {
                url = bool(state, p);
            } else {
                throw unsupportedKey(key);
            }
        }
        needTransfer(state, "base64");
        Base64.Encoder enc = url ? Base64.getUrlEncoder() : Base64.getEncoder();
        if (!pad) {
            enc = enc.withoutPadding();
        }
        state.set(enc.encodeToString(state.data()));
    }

    /** var_expand_parameter_bool_or_var(). */
    static boolean bool(State state, Param p) throws FilterError {
        long v = numberOrVar(state, p);
        if (v != 0 && v != 1) {
            if (p.type() == VarExpand24Program.Type.INT) {
                // the error text formats param->value.str, which for a number literal is the
                // number read as a pointer: real 2.4.1's auth-worker dies of SIGSEGV (case 219)
                throw new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.SEGFAULT,
                        "Segmentation fault: var_expand_parameter_bool_or_var() formats the number " + v
                                + " as a string");
            }
            throw new FilterError("'" + p.str() + "' is not 0 or 1");
        }
        return v == 1;
    }

    private static void unbase64(Statement stmt, State state) throws FilterError {
        boolean url = false;
        int flags = 0;
        for (Param p : stmt.params()) {
            String key = p.key();
            if (key == null) {
                throw tooManyPositional();
            }
            long v;
            if (key.equals("pad")) {
                v = numberOrVar(state, p);
                if (v != 0 && v != 1) {
                    throw new FilterError("Supported values for pad are 0 or 1");
                }
                // fn_unbase64 ORs in BASE64_ENCODE_FLAG_NO_PADDING, whose bit is the decoder's
                // BASE64_DECODE_FLAG_NO_WHITESPACE: pad=0 makes whitespace end the input
                flags = v == 0 ? DovecotBase64.NO_WHITESPACE : 0;
            } else if (key.equals("url")) {
                v = numberOrVar(state, p);
                if (v != 0 && v != 1) {
                    throw new FilterError("Supported values for url are 0 or 1");
                }
                url = v == 1;
            } else {
                throw unsupportedKey(key);
            }
        }
        needTransfer(state, "unbase64");
        // t_base64_scheme_decode(): the error is ignored, the bytes decoded so far are the result
        state.setBinary(DovecotBase64.decodeIgnoringErrors(url ? DovecotBase64.Scheme.BASE64URL
                : DovecotBase64.Scheme.BASE64, flags, state.data()));
    }

    private static void hex(Statement stmt, State state) throws FilterError {
        long width = 0;
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            if (p.idx() != 0) {
                throw tooManyPositional();
            }
            width = numberOrVar(state, p);
        }
        needTransfer(state, "hex");
        String in = state.transfer.toString();
        if (!in.matches("[0-9]+")) {
            throw new FilterError("Input is not a number");
        }
        String h;
        try {
            h = Long.toHexString(Long.parseUnsignedLong(in));
        } catch (NumberFormatException e) {
            throw new FilterError("Input is not a number");
        }
        StringBuilder t = new StringBuilder(h);
        if (width < 0) {
            width = -width;
            while (t.length() < width) {
                t.append('0');
            }
            t.setLength((int) width);
        } else if (width > 0) {
            while (t.length() < width) {
                t.insert(0, '0');
            }
            t.delete(0, t.length() - (int) width);
        }
        state.transfer = t;
    }

    private static void unhex(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "unhex");
        String in = state.transfer.toString();
        try {
            if (!in.matches("[0-9a-fA-F]+")) {
                throw new NumberFormatException();
            }
            state.set(Long.toUnsignedString(Long.parseUnsignedLong(in, 16)));
        } catch (NumberFormatException e) {
            throw new FilterError("Input is not a hex number");
        }
    }

    private static void hexlify(Statement stmt, State state) throws FilterError {
        long width = 0;
        Param p = first(stmt);
        if (p != null) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            width = numberOrVar(state, p);
            if (width < 0) {
                throw new FilterError("Width must be positive");
            }
        }
        needTransfer(state, "hexlify");
        String result = HexFormat.of().formatHex(state.data());
        if (width != 0 && result.length() < width) {
            result = "0".repeat((int) width - result.length()) + result;
        } else if (width != 0 && result.length() > width) {
            result = result.substring(0, (int) width);
        }
        state.set(result);
    }

    private static void unhexlify(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "unhexlify");
        String in = state.transfer.toString();
        if (in.length() % 2 != 0 || !in.matches("[0-9a-fA-F]*")) {
            throw new FilterError("Not a hex value");
        }
        state.setBinary(HexFormat.of().parseHex(in));
    }

    private static void reverse(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "reverse");
        state.setData(new StringBuilder(state.transfer).reverse().toString());
    }

    private static void truncate(Statement stmt, State state) throws FilterError {
        noParameters(stmt);
        long len = -1;
        boolean bits = false;
        for (Param p : stmt.params()) {
            if ("bits".equals(p.key())) {
                len = bounded(numberOrVar(state, p));
                bits = true;
            } else if (p.idx() == 0) {
                len = bounded(numberOrVar(state, p));
            } else if (p.key() != null) {
                throw unsupportedKey(p.key());
            } else {
                throw tooManyPositional();
            }
        }
        if (len < 0) {
            throw new FilterError("Missing truncation length");
        }
        needTransfer(state, "truncate");
        byte[] data = state.data();
        boolean binary = state.transferBinary;
        if (bits) {
            data = truncateRshiftBits(data, len);
        } else if (len < data.length) {
            data = java.util.Arrays.copyOf(data, (int) len);
        }
        state.setData(new String(data, StandardCharsets.ISO_8859_1));
        state.transferBinary = binary;
    }

    private static long bounded(long v) throws FilterError {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new FilterError("Value of out of bounds");
        }
        return v;
    }

    /** buffer_truncate_rshift_bits() (lib/buffer.c): keep the first {@code bits} bits, right-aligned. */
    static byte[] truncateRshiftBits(byte[] buf, long bits) {
        long have = (long) buf.length * 8;
        if (bits >= have) {
            return buf;
        }
        int bytes = (int) ((bits + 7) / 8);
        int shift = (int) (bytes * 8 - bits);
        byte[] out = java.util.Arrays.copyOf(buf, bytes);
        if (shift > 0) {
            java.math.BigInteger v = new java.math.BigInteger(1, out).shiftRight(shift);
            byte[] raw = v.toByteArray();
            byte[] fixed = new byte[bytes];
            int n = Math.min(raw.length, bytes);
            System.arraycopy(raw, raw.length - n, fixed, bytes - n, n);
            out = fixed;
        }
        return out;
    }

    private static void substr(Statement stmt, State state) throws FilterError {
        long used = state.transfer.length();
        long off = -Integer.MAX_VALUE;
        long len = used;
        boolean gotOff = false;
        boolean gotLen = false;
        noParameters(stmt);
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            long v = numberOrVar(state, p);
            if (p.idx() == 0) {
                off = v;
                gotOff = true;
            } else if (p.idx() == 1) {
                len = v;
                gotLen = true;
            } else {
                throw tooManyPositional();
            }
        }
        if (!gotOff) {
            throw new FilterError("Missing offset parameter");
        }
        needTransfer(state, "substring");
        used = state.transfer.length();
        if (off < -used || off > used) {
            throw new FilterError("Offset out of bounds");
        }
        if (len < -used || len > used) {
            throw new FilterError("Length out of bounds");
        }
        if (len == 0) {
            state.setData("");
            return;
        }
        if (off < 0) {
            off = used + off;
        }
        if (!gotLen) {
            len = used - off;
        } else if (len < 0) {
            len = used + len;
            if (len < off) {
                throw new FilterError("Length out of bounds");
            }
            len -= off;
        }
        if (off < 0 || off > used) {
            throw new FilterError("Offset out of bounds");
        }
        if (len < 0 || len + off > used) {
            throw new FilterError("Length out of bounds");
        }
        state.setData(state.transfer.substring((int) off, (int) (off + len)));
    }

    private static void ldapDn(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "convert to ldap_dn");
        state.setData(cString(state.transfer.toString()).replace(".", ",dc="));
    }

    /**
     * {@code var_expand_parameter_from_state()}: the piped-in value as the left-hand side of if
     * and switch, a number for the numeric operators ("Input is not a number" otherwise).
     */
    static Param lhsFromState(State state, boolean numeric) throws FilterError {
        String t = cString(state.transfer.toString());
        if (!numeric) {
            return new Param(-1, null, VarExpand24Program.Type.STRING, t, 0);
        }
        Long n = VarExpand24.strToIntmax(t);
        if (n == null) {
            throw new FilterError("Input is not a number");
        }
        return new Param(-1, null, VarExpand24Program.Type.INT, null, n);
    }

    static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static void regexp(Statement stmt, State state) throws FilterError {
        noParameters(stmt);
        String pat = null;
        String rep = null;
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            String value = stringOrVar(state, p);
            switch (p.idx()) {
                case 0 -> pat = value;
                case 1 -> rep = value;
                default -> throw tooManyPositional();
            }
        }
        if (pat == null) {
            throw new FilterError("Missing pattern and replacement parameters");
        }
        if (rep == null) {
            throw new FilterError("Missing replacement parameter");
        }
        needTransfer(state, "regexp");
        String input = cString(state.transfer.toString());
        Pattern compiled = PosixRegex.compile(pat);
        if (compiled == null) {
            throw new FilterError("dovelua cannot compile the POSIX regular expression '" + pat + "'");
        }
        Matcher m = compiled.matcher(input);
        if (!m.find()) {
            return;
        }
        StringBuilder dest = new StringBuilder();
        int p0 = 0;
        int p1;
        while ((p1 = rep.indexOf('\\', p0)) >= 0) {
            char d = p1 + 1 < rep.length() ? rep.charAt(p1 + 1) : 0;
            if (d >= '0' && d <= '9') {
                dest.append(rep, p0, p1);
                int g = d - '0';
                if (g > m.groupCount() || m.start(g) < 0) {
                    throw new FilterError("Invalid capture group");
                }
                dest.append(m.group(g));
                p0 = p1 + 2;
            } else {
                // expansion-filter.c appends the backslash and keeps scanning from the same p0
                // (strchr finds the same backslash again): an endless loop in Dovecot
                throw new FilterError("dovelua cannot emulate a backslash not followed by a digit in regexp's "
                        + "replacement (Dovecot 2.4.1 loops forever on it)");
            }
        }
        dest.append(rep.substring(p0));
        state.setData(dest.toString());
    }

    private static void number(Statement stmt, boolean be, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "convert to number");
        byte[] d = state.data();
        if (d.length != 1 && d.length != 2 && d.length != 4 && d.length != 8) {
            throw new FilterError("Cannot convert '" + d.length + "' bytes to number");
        }
        long v = 0;
        for (int i = 0; i < d.length; i++) {
            int b = d[be ? i : d.length - 1 - i] & 0xff;
            v = v << 8 | b;
        }
        state.set(Long.toUnsignedString(v));
    }

    private static void index(Statement stmt, State state) throws FilterError {
        noParameters(stmt);
        String separator = null;
        int idx = 0;
        boolean gotIdx = false;
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            switch (p.idx()) {
                case 0 -> separator = stringOrVar(state, p);
                case 1 -> {
                    long v = numberOrVar(state, p);
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw new FilterError("Position out of bounds");
                    }
                    idx = (int) v;
                    gotIdx = true;
                }
                default -> throw tooManyPositional();
            }
        }
        if (separator == null) {
            throw new FilterError("Missing separator and index parameters");
        }
        if (!gotIdx) {
            throw new FilterError("Missing index parameter");
        }
        needTransfer(state, "index");
        indexCommon(state, idx, separator);
    }

    /** fn_index_common(): split on every occurrence of the separator. */
    private static void indexCommon(State state, int index, String separator) throws FilterError {
        String input = cString(state.transfer.toString());
        List<String> tokens = new ArrayList<>();
        int p;
        while ((p = input.indexOf(separator)) >= 0) {
            tokens.add(input.substring(0, p));
            input = input.substring(p + separator.length());
            if (separator.isEmpty()) {
                // strstr(input, "") matches at once, forever: Dovecot never returns
                throw new FilterError("dovelua cannot emulate index with an empty separator "
                        + "(Dovecot 2.4.1 loops forever on it)");
            }
        }
        tokens.add(input);
        if (index < 0) {
            index = tokens.size() + index;
        }
        if (index < 0 || index >= tokens.size()) {
            throw new FilterError("Position out of bounds");
        }
        state.set(tokens.get(index));
    }

    private static void username(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "get username from");
        indexCommon(state, 0, "@");
    }

    private static void domain(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "get domain from");
        String in = cString(state.transfer.toString());
        int at = in.indexOf('@');
        state.set(at < 0 ? "" : in.substring(at + 1));
    }

    private static void fill(Statement stmt, boolean left, State state) throws FilterError {
        long amount = 0;
        String filler = "0";
        noParameters(stmt);
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            switch (p.idx()) {
                case 0 -> {
                    long v = numberOrVar(state, p);
                    if (v < 1 || v > Integer.MAX_VALUE) {
                        throw new FilterError("Fill length out of bounds");
                    }
                    amount = v;
                }
                case 1 -> filler = stringOrVar(state, p);
                default -> throw tooManyPositional();
            }
        }
        if (amount < 1) {
            throw new FilterError("Missing amount");
        }
        needTransfer(state, "fill");
        if (filler.isEmpty() && state.transfer.length() < amount) {
            throw new FilterError("dovelua cannot emulate fill with an empty filler (Dovecot 2.4.1 loops forever)");
        }
        while (state.transfer.length() < amount) {
            if (left) {
                state.transfer.insert(0, filler);
            } else {
                state.transfer.append(filler);
            }
        }
    }

    /** fn_list(): a tab-escaped list joined with the separator (default ","). */
    private static void list(Statement stmt, State state) throws FilterError {
        String sep = ",";
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            if (p.idx() > 0) {
                throw tooManyPositional();
            }
            sep = stringOrVar(state, first(stmt));
        }
        needTransfer(state, "generate list from");
        String in = cString(state.transfer.toString());
        List<String> values = new ArrayList<>();
        for (String v : org.dovelua.lib.TabEscape.split(in)) { // t_strsplit_tabescaped()
            values.add(cString(v));
        }
        state.set(String.join(sep, values));
    }

    /** The comparators of expansion-filter-if.c, numeric ones first. */
    static final List<String> IF_OPS = List.of("==", "<", "<=", ">", ">=", "!=", "eq", "lt", "le", "gt",
            "ge", "ne", "*", "!*", "~", "!~");

    /**
     * expansion_filter_if(): {@code if(lhs, op, rhs, true, false)}, or with a value piped in
     * {@code if(op, rhs, true, false)} where the value is the left-hand side.
     */
    private static void ifFilter(Statement stmt, State state) throws FilterError {
        boolean useFirstAsLhs = !state.transferSet;
        Param lhs = null;
        Param rhs = null;
        Param onTrue = null;
        Param onFalse = null;
        String op = null;
        int parse = useFirstAsLhs ? 0 : 1;
        for (Param p : stmt.params()) {
            if (p.key() != null) {
                throw unsupportedKey(p.key());
            }
            switch (parse) {
                case 0 -> lhs = p;
                case 1 -> {
                    try {
                        op = stringOrVar(state, p);
                    } catch (FilterError e) {
                        throw new FilterError("Comparator: " + e.getMessage());
                    }
                }
                case 2 -> rhs = p;
                case 3 -> onTrue = p;
                case 4 -> onFalse = p;
                default -> throw tooManyPositional();
            }
            parse++;
        }
        if (parse != 5) {
            throw new FilterError("Missing parameters");
        }
        int opIdx = IF_OPS.indexOf(op);
        if (opIdx < 0) {
            throw new FilterError("Unsupported comparator '" + op + "'");
        }
        boolean numeric = opIdx < 6;
        if (!useFirstAsLhs) {
            lhs = lhsFromState(state, numeric);
        }
        boolean result = compare(state, lhs, opIdx, rhs);
        Param res = result ? onTrue : onFalse;
        String value;
        try {
            value = anyOrVar(state, res);
        } catch (FilterError e) {
            throw new FilterError((result ? "True branch" : "False branch") + ": " + e.getMessage());
        }
        state.set(value);
    }

    /** fn_if_cmp(). */
    static boolean compare(State state, Param pl, int op, Param pr) throws FilterError {
        if (op < 6) {
            long a;
            long b;
            try {
                a = numberOrVar(state, pl);
            } catch (FilterError e) {
                throw new FilterError("Left-hand side: " + e.getMessage());
            }
            try {
                b = numberOrVar(state, pr);
            } catch (FilterError e) {
                throw new FilterError("Right-hand side: " + e.getMessage());
            }
            return switch (op) {
                case 0 -> a == b;
                case 1 -> a < b;
                case 2 -> a <= b;
                case 3 -> a > b;
                case 4 -> a >= b;
                default -> a != b;
            };
        }
        String lhs;
        String rhs;
        try {
            lhs = cString(stringOrVar(state, pl));
        } catch (FilterError e) {
            throw new FilterError("Left-hand side " + e.getMessage());
        }
        try {
            rhs = cString(stringOrVar(state, pr));
        } catch (FilterError e) {
            throw new FilterError("Right-hand side " + e.getMessage());
        }
        // strcmp() compares unsigned bytes, as String.compareTo does on byte strings
        int cmp = lhs.compareTo(rhs);
        return switch (op) {
            case 6 -> cmp == 0;
            case 7 -> cmp < 0;
            case 8 -> cmp <= 0;
            case 9 -> cmp > 0;
            case 10 -> cmp >= 0;
            case 11 -> cmp != 0;
            case 12 -> WildcardMatch.match(lhs, rhs);
            case 13 -> !WildcardMatch.match(lhs, rhs);
            default -> {
                Pattern compiled = PosixRegex.compile(rhs);
                if (compiled == null) {
                    throw new FilterError("dovelua cannot compile the POSIX regular expression '" + rhs + "'");
                }
                boolean found = compiled.matcher(lhs).find();
                yield op == 14 ? found : !found;
            }
        };
    }

    private static void text(Statement stmt, State state) throws FilterError {
        anyParameters(stmt);
        needTransfer(state, "text");
        state.set(sanitizeUtf8(state.data()));
    }

    /**
     * str_sanitize_append_utf8() (lib/str-sanitize.c) with no length limit: invalid UTF-8 bytes
     * and control characters become U+FFFD; the input ends at a NUL.
     */
    static String sanitizeUtf8(byte[] in) {
        StringBuilder out = new StringBuilder();
        String replacement = new String("\uFFFD".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < in.length && in[i] != 0) {
            int len = utf8CharLength(in, i);
            if (len <= 0) {
                out.append(replacement);
                i++;
                continue;
            }
            int b = in[i] & 0xff;
            if (b < 0x20 || b == 0x7f) {
                out.append(replacement);
            } else {
                out.append(new String(in, i, len, StandardCharsets.ISO_8859_1));
            }
            i += len;
        }
        return out.toString();
    }

    /** The length of a valid UTF-8 sequence at {@code i}, or -1. */
    private static int utf8CharLength(byte[] in, int i) {
        int b = in[i] & 0xff;
        int len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : -1;
        if (len < 0 || i + len > in.length) {
            return -1;
        }
        String s = new String(in, i, len, StandardCharsets.UTF_8);
        return s.codePointCount(0, s.length()) == 1 && !s.contains("\uFFFD") ? len : -1;
    }
}
