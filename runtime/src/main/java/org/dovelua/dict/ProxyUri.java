package org.dovelua.dict;

/**
 * A {@code proxy:} dict's arguments as {@code client_dict_init()} (dict-client.c@2.3.19) reads
 * them: {@code [idle_msecs=<n>:][warn_slow_msecs=<n>:][<path>]:<dict name>}. The socket path is
 * the text up to the first {@code :}; an empty path is {@code base_dir/dict}, a relative one is
 * under {@code base_dir}; the rest (colons included) is the dict name sent in the HELLO line.
 *
 * <p>2.3.19 looks for the {@code :} after {@code warn_slow_msecs=} from the 11th character
 * instead of the 16th; "warn_slow_msecs=" has no {@code :} so the quirk cannot be observed.
 */
public record ProxyUri(int idleMsecs, int warnSlowMsecs, String socketPath, String dictName) {
    /** DICT_CLIENT_DEFAULT_TIMEOUT_MSECS: disconnect as soon as the burst is done. */
    public static final int DEFAULT_IDLE_MSECS = 0;
    /** DICT_CLIENT_DEFAULT_WARN_SLOW_MSECS. */
    public static final int DEFAULT_WARN_SLOW_MSECS = 5000;
    /** dict-client.h DEFAULT_DICT_SERVER_SOCKET_FNAME. */
    static final String DEFAULT_SOCKET_FNAME = "dict";

    public static ProxyUri parse(String uri, String baseDir) throws DictInitException {
        int idle = DEFAULT_IDLE_MSECS;
        int warnSlow = DEFAULT_WARN_SLOW_MSECS;
        for (;;) {
            if (uri.startsWith("idle_msecs=")) {
                int p = uri.indexOf(':', 11);
                if (p < 0) {
                    throw new DictInitException("Invalid URI: " + uri);
                }
                idle = strToUint(uri.substring(11, p), "Invalid idle_msecs");
                uri = uri.substring(p + 1);
            } else if (uri.startsWith("warn_slow_msecs=")) {
                int p = uri.indexOf(':', 11);
                if (p < 0) {
                    throw new DictInitException("Invalid URI: " + uri);
                }
                warnSlow = strToUint(uri.substring(16, p), "Invalid warn_slow_msecs");
                uri = uri.substring(p + 1);
            } else {
                break;
            }
        }
        int dest = uri.indexOf(':');
        if (dest < 0) {
            throw new DictInitException("Invalid URI: " + uri);
        }
        String path;
        if (dest == 0) {
            path = baseDir + "/" + DEFAULT_SOCKET_FNAME;
        } else if (uri.charAt(0) == '/') {
            path = uri.substring(0, dest);
        } else {
            path = baseDir + "/" + uri.substring(0, dest);
        }
        return new ProxyUri(idle, warnSlow, path, uri.substring(dest + 1));
    }

    /** {@code str_to_uint()}: decimal digits only, at least one, no overflow of 32 bits. */
    static int strToUint(String s, String error) throws DictInitException {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DictInitException(error);
        }
        try {
            long v = Long.parseLong(s);
            if (v > 0xffffffffL) {
                throw new DictInitException(error);
            }
            return (int) Math.min(v, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw new DictInitException(error);
        }
    }
}
