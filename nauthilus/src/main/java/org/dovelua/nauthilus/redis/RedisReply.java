package org.dovelua.nauthilus.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.luaj.vm2.LuaString;

/**
 * One reply of the in-process server as go-redis hands it to Nauthilus's module: a value, a nil
 * reply (go-redis's {@code redis.Nil}, whose text is {@code redis: nil}), or an error whose text is
 * the server's error line (go-redis internal/proto {@code RedisError}).
 */
final class RedisReply {
    /** go-redis redis.go: {@code Nil = proto.Nil}, text {@code "redis: nil"}. */
    static final String NIL_TEXT = "redis: nil";

    private final Object value;
    private final String error;

    private RedisReply(Object value, String error) {
        this.value = value;
        this.error = error;
    }

    static RedisReply of(Object raw) {
        return raw == null ? new RedisReply(null, NIL_TEXT) : new RedisReply(raw, null);
    }

    static RedisReply error(String text) {
        return new RedisReply(null, text);
    }

    boolean isNil() {
        return NIL_TEXT.equals(error) && value == null;
    }

    /** Null when the command succeeded; {@code redis: nil} for a nil reply. */
    String error() {
        return error;
    }

    Object raw() {
        return value;
    }

    long integer() {
        if (value instanceof Long) {
            return (Long) value;
        }
        return Long.parseLong(string());
    }

    String string() {
        return value instanceof byte[] ? new String((byte[]) value, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    LuaString luaString() {
        return value instanceof byte[] ? LuaString.valueOf((byte[]) value) : LuaString.valueOf(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    List<Object> list() {
        return (List<Object>) value;
    }

    static LuaString luaString(Object element) {
        return element instanceof byte[] ? LuaString.valueOf((byte[]) element)
                : LuaString.valueOf(String.valueOf(element));
    }
}
