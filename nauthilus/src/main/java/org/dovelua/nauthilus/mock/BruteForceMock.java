package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dovelua.nauthilus.GoDuration;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code nauthilus_brute_force}. Test mode (mocks.go LoaderModBruteForceMock) has {@code is_blocked}
 * and {@code increment}; the call is recorded but a mismatch is ignored here (it still fails the run
 * at validation). Production (lualib/bruteforce/bruteforce.go LoaderModBruteForce) has
 * {@code is_ip_address_blocked(ip)} and the custom toleration functions instead; here
 * {@code is_ip_address_blocked} answers from the same {@code is_blocked} field and the tolerations
 * live for the run, as the process-wide tolerate store does.
 */
public final class BruteForceMock extends MockModule {
    private final boolean production;
    /** IP -> {percent, ttl nanoseconds} (tolerate.GetTolerate()'s custom tolerations). */
    private final Map<String, long[]> tolerations = new LinkedHashMap<>();

    public BruteForceMock(JsonNode block, ModuleCalls calls) {
        this(block, calls, false);
    }

    private BruteForceMock(JsonNode block, ModuleCalls calls, boolean production) {
        super(block, calls);
        this.production = production;
    }

    /** The production module (bruteforce.go LoaderModBruteForce's six functions). */
    public static BruteForceMock production(JsonNode block, ModuleCalls calls) {
        return new BruteForceMock(block, calls, true);
    }

    @Override
    void define(LuaTable mod) {
        if (production) {
            defineProduction(mod);
            return;
        }
        mod.set("is_blocked", fn("is_blocked", a -> {
            record("is_blocked", "");
            return LuaValue.valueOf(FixtureBlock.bool(block, "is_blocked"));
        }));
        // increment_by when positive, else 1
        mod.set("increment", fn("increment", a -> {
            record("increment", "");
            long by = FixtureBlock.integer(block, "increment_by");
            return num(by > 0 ? by : 1);
        }));
    }

    private void defineProduction(LuaTable mod) {
        // IsIPAddressBlocked: (list of bucket names, nil) when blocked, else (nil, nil). The fixture
        // names no buckets, so a blocked address answers an empty list (a true value, as a real list is).
        mod.set("is_ip_address_blocked", fn("is_ip_address_blocked", a -> {
            String ip = a.checkString(1);
            record("is_ip_address_blocked", ip);
            LuaValue buckets = FixtureBlock.bool(block, "is_blocked") ? new LuaTable() : LuaValue.NIL;
            return LuaValue.varargsOf(buckets, LuaValue.NIL);
        }));
        mod.set("set_custom_tolerations", fn("set_custom_tolerations", a -> {
            LuaTable list = a.checkTable(1);
            record("set_custom_tolerations", "");
            Map<String, long[]> parsed = new LinkedHashMap<>();
            String err = null;
            LuaValue k = LuaValue.NIL;
            while (true) { // tolerations.ForEach; an error keeps the last one seen
                Varargs n = list.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                if (!n.arg(2).istable()) {
                    err = "each toleration must be a table";
                    continue;
                }
                LuaTable t = (LuaTable) n.arg(2);
                Long ttl = GoDuration.parse(asString(t.rawget("tolerate_ttl")));
                if (ttl == null) {
                    err = "invalid tolerate_ttl format";
                    continue;
                }
                parsed.put(asString(t.rawget("ip_address")), new long[] {percent(t), ttl});
            }
            if (err != null) {
                return nilAnd(err);
            }
            tolerations.clear();
            tolerations.putAll(parsed);
            return ok();
        }));
        mod.set("set_custom_toleration", fn("set_custom_toleration", a -> {
            LuaTable t = a.checkTable(1);
            record("set_custom_toleration", "");
            Long ttl = GoDuration.parse(asString(t.rawget("tolerate_ttl")));
            if (ttl == null) {
                return nilAnd("invalid tolerate_ttl format");
            }
            tolerations.put(asString(t.rawget("ip_address")), new long[] {percent(t), ttl});
            return ok();
        }));
        mod.set("delete_custom_toleration", fn("delete_custom_toleration", a -> {
            String ip = a.checkString(1);
            record("delete_custom_toleration", ip);
            tolerations.remove(ip);
            return ok();
        }));
        mod.set("get_custom_tolerations", fn("get_custom_tolerations", a -> {
            record("get_custom_tolerations", "");
            LuaTable out = new LuaTable();
            tolerations.forEach((ip, v) -> {
                LuaTable t = new LuaTable();
                t.rawset("ip_address", ip);
                t.rawset("tolerate_percent", (double) v[0]);
                t.rawset("tolerate_ttl", GoDuration.format(v[1]));
                out.rawset(out.length() + 1, t);
            });
            return valueAndNil(out);
        }));
        // GetTolerateMap: the tolerate counters of an address; the fixture has none, so an empty table
        mod.set("get_tolerate_map", fn("get_tolerate_map", a -> {
            String ip = a.checkString(1);
            record("get_tolerate_map", ip);
            return valueAndNil(new LuaTable());
        }));
    }

    private static Varargs ok() {
        return LuaValue.varargsOf(LuaValue.valueOf("OK"), LuaValue.NIL);
    }

    /** uint8(lua.LVAsNumber(tolerate_percent)). */
    private static long percent(LuaValue t) {
        LuaValue v = t.rawget("tolerate_percent");
        double d = v.type() == LuaValue.TNUMBER || (v.type() == LuaValue.TSTRING && v.tonumber().isnumber())
                ? v.todouble() : 0;
        return ((long) d) & 0xff;
    }

    /** lua.LVAsString: strings and numbers, else "". */
    private static String asString(LuaValue v) {
        return v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER
                ? org.dovelua.nauthilus.GoValues.string(v) : "";
    }
}
