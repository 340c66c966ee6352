package org.dovelua.dict;

/**
 * {@code redis_dict_get_full_key()} and {@code redis_escape_username()} (dict-redis.c@2.3.19):
 * {@code shared/} is dropped; {@code priv/} becomes the username and {@code /} (the username
 * escaped as {@code \-} for {@code /} and {@code \\} for {@code \} only when it contains a
 * {@code /}); the URI's prefix goes in front.
 */
final class RedisKeys {
    private static final String SHARED = "shared/"; // DICT_PATH_SHARED
    private static final String PRIVATE = "priv/"; // DICT_PATH_PRIVATE

    private RedisKeys() {
    }

    static String fullKey(String prefix, String username, String key) {
        String k;
        if (key.startsWith(SHARED)) {
            k = key.substring(SHARED.length());
        } else if (key.startsWith(PRIVATE)) {
            String user = username.indexOf('/') < 0 ? username : escape(username);
            k = user + "/" + key.substring(PRIVATE.length());
        } else {
            // i_unreached() in C: lib-dict's callers only pass shared/ and priv/ keys
            throw new IllegalArgumentException("dict key without shared/ or priv/: " + key);
        }
        return prefix + k;
    }

    static String escape(String username) {
        StringBuilder sb = new StringBuilder(username.length() + 8);
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (c == '/') {
                sb.append("\\-");
            } else if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
