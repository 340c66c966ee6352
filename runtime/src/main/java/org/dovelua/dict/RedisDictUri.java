package org.dovelua.dict;

/**
 * The arguments of a {@code redis:} dict URI as {@code redis_dict_init()} (dict-redis.c@2.3.19)
 * reads them: split at every {@code :} (t_strsplit keeps empty parts), each part
 * {@code path=}, {@code host=} (an IP: net_addr2ip), {@code port=}, {@code prefix=}, {@code db=},
 * {@code expire_secs=}, {@code timeout_msecs=} or {@code password=}. A bad part does not stop the
 * loop, so the last problem is the one reported.
 */
public record RedisDictUri(String unixPath, String host, int port, String prefix, long db,
        String expireSecs, long timeoutMsecs, String password) {
    /** REDIS_DEFAULT_PORT. */
    public static final int DEFAULT_PORT = 6379;
    /** REDIS_DEFAULT_LOOKUP_TIMEOUT_MSECS. */
    public static final long DEFAULT_TIMEOUT_MSECS = 30_000;

    public static RedisDictUri parse(String args) throws DictInitException {
        String unixPath = null;
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        String prefix = "";
        long db = 0;
        String expire = null;
        long timeout = DEFAULT_TIMEOUT_MSECS;
        String password = "";
        String error = null;
        // t_strsplit("") is an empty array; otherwise every separator makes a part
        String[] parts = args.isEmpty() ? new String[0] : args.split(":", -1);
        for (String a : parts) {
            if (a.startsWith("path=")) {
                unixPath = a.substring(5);
            } else if (a.startsWith("host=")) {
                String ip = InetAton.parse(a.substring(5));
                if (ip == null) {
                    error = "Invalid IP: " + a.substring(5);
                } else {
                    host = ip;
                }
            } else if (a.startsWith("port=")) {
                // net_str2port(): str_to_uintmax, then 1..65535
                long p = strToUint(a.substring(5), Long.MAX_VALUE);
                if (p < 1 || p > 65535) {
                    error = "Invalid port: " + a.substring(5);
                } else {
                    port = (int) p;
                }
            } else if (a.startsWith("prefix=")) {
                prefix = a.substring(7);
            } else if (a.startsWith("db=")) {
                long d = strToUint(a.substring(3), 0xFFFFFFFFL);
                if (d < 0) {
                    error = "Invalid db number: " + a.substring(3);
                } else {
                    db = d;
                }
            } else if (a.startsWith("expire_secs=")) {
                String v = a.substring(12);
                long s = strToUint(v, 0xFFFFFFFFL);
                if (s <= 0) {
                    error = "Invalid expire_secs: " + v;
                }
                expire = v; // set even when invalid, as the C code does
            } else if (a.startsWith("timeout_msecs=")) {
                long t = strToUint(a.substring(14), 0xFFFFFFFFL);
                if (t < 0) {
                    error = "Invalid timeout_msecs: " + a.substring(14);
                } else {
                    timeout = t;
                }
            } else if (a.startsWith("password=")) {
                password = a.substring(9);
            } else {
                error = "Unknown parameter: " + a;
            }
        }
        if (error != null) {
            throw new DictInitException(error);
        }
        return new RedisDictUri(unixPath, host, port, prefix, db, expire, timeout, password);
    }

    /**
     * str_to_uint()/str_to_uintmax() (lib/strnum.c): one or more ASCII digits and nothing else,
     * at most {@code max}; -1 when not.
     */
    static long strToUint(String s, long max) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (n > (max - (c - '0')) / 10) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The text the server's log and errors show for the peer: {@code host:port} or the socket path. */
    public String peer() {
        return unixPath != null ? unixPath : host + ":" + port;
    }
}
