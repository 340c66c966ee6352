package org.dovelua.nauthilus.redis;

import java.util.List;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * go-redis's command kinds (command.go {@code StringCmd}, {@code IntCmd}, {@code BoolCmd}, ...): how
 * each reads a reply into the value Nauthilus then pushes, as pipeline.go {@code setResultValue}
 * maps them, with the errors their {@code readReply} gives (a nil reply is {@code redis: nil},
 * except for BoolCmd, which reads it as false).
 */
enum GoRedisCmd {
    STRING, INT, BOOL, STATUS, FLOAT, SLICE, STRING_SLICE, MAP, SCAN, ZSLICE;

    /** A command's value, or its error text (Nil included). */
    record Outcome(LuaValue value, String error) {
        boolean isNil() {
            return RedisReply.NIL_TEXT.equals(error);
        }
    }

    Outcome read(RedisReply r) {
        if (r.error() != null) {
            if (this == BOOL && r.isNil()) {
                return new Outcome(LuaValue.FALSE, null); // command.go BoolCmd.readReply
            }
            return new Outcome(LuaValue.NIL, r.error());
        }
        switch (this) {
            case STRING:
            case STATUS:
                return new Outcome(r.luaString(), null);
            case INT:
                return new Outcome(RedisResults.number(r.integer()), null);
            case BOOL:
                return new Outcome(LuaValue.valueOf(r.raw() instanceof Long ? r.integer() != 0 : "OK".equals(r.string())), null);
            case FLOAT:
                try {
                    return new Outcome(RedisResults.number(GoStrconv.parseFloat(r.string())), null);
                } catch (GoStrconv.NumError e) {
                    return new Outcome(LuaValue.NIL, e.getMessage());
                }
            case SLICE: {
                // pipeline.go sliceResultValue: Append skips nil values (gopher-lua LTable.Append)
                LuaTable t = new LuaTable();
                int i = 1;
                for (Object o : r.list()) {
                    if (o != null) {
                        t.rawset(i++, RedisReply.luaString(o));
                    }
                }
                return new Outcome(t, null);
            }
            case STRING_SLICE:
                return new Outcome(RedisResults.stringList(r.list()), null);
            case MAP: {
                LuaTable t = new LuaTable();
                List<Object> l = r.list();
                for (int i = 0; i + 1 < l.size(); i += 2) {
                    t.rawset(RedisReply.luaString(l.get(i)), RedisReply.luaString(l.get(i + 1)));
                }
                return new Outcome(t, null);
            }
            case SCAN: {
                List<Object> l = r.list();
                LuaTable t = new LuaTable();
                t.rawset("cursor", RedisResults.number(Long.parseUnsignedLong(RedisReply.of(l.get(0)).string())));
                @SuppressWarnings("unchecked")
                List<Object> keys = (List<Object>) l.get(1);
                t.rawset("keys", RedisResults.stringList(keys));
                return new Outcome(t, null);
            }
            case ZSLICE: {
                LuaTable rows = new LuaTable();
                List<Object> l = r.list();
                int n = 1;
                for (int i = 0; i + 1 < l.size(); i += 2) {
                    double score;
                    try {
                        score = GoStrconv.parseFloat(RedisReply.of(l.get(i + 1)).string());
                    } catch (GoStrconv.NumError e) {
                        return new Outcome(LuaValue.NIL, e.getMessage());
                    }
                    LuaTable row = new LuaTable();
                    row.rawset("member", RedisReply.luaString(l.get(i)));
                    row.rawset("score", RedisResults.number(score));
                    rows.rawset(n++, row);
                }
                return new Outcome(rows, null);
            }
            default:
                throw new IllegalStateException(name());
        }
    }
}
