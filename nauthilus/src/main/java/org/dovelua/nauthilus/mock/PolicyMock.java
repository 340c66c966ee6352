package org.dovelua.nauthilus.mock;

import static org.dovelua.nauthilus.mock.MockFunctions.define;
import static org.dovelua.nauthilus.mock.MockFunctions.recordOrRaise;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code nauthilus_policy} of test mode (mocks.go {@code LoaderModPolicyMock},
 * {@code recordLuaTableRegistration}): only {@code emit_attribute{id=, value=, details={}}}; an empty
 * id is an argument error, the call is recorded as {@code id=.. value=.. details.k=v} (details sorted by
 * key) and a mismatch raises. Emissions are kept in {@link #emitted()}.
 */
public final class PolicyMock extends TwoArgFunction {
    private final ModuleCalls calls;
    private final List<String> emitted = new ArrayList<>();

    public PolicyMock(JsonNode block, ModuleCalls calls) {
        this.calls = calls;
    }

    /** The argument texts of the accepted emissions, in order. */
    public List<String> emitted() {
        return emitted;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable m = new LuaTable();
        define(m, "emit_attribute", args -> {
            LuaTable t = args.checktable(1);
            String id = luaValueString(t.rawget("id")).strip();
            String value = luaValueString(t.rawget("value"));
            Map<String, String> details = new TreeMap<>(); // keyedMapArgs sorts the keys
            LuaValue d = t.rawget("details");
            if (d.istable()) {
                GoValues.forEach((LuaTable) d, (k, v) -> details.put(k.tojstring(), luaValueString(v)));
            }
            if (id.isEmpty()) {
                LuaValue.argerror(1, "id must be a non-empty string");
            }
            StringBuilder text = new StringBuilder("id=" + id + " value=" + value);
            details.forEach((k, v) -> text.append(" details.").append(k).append('=').append(v));
            recordOrRaise(calls, "emit_attribute", text.toString());
            emitted.add(text.toString());
            return NONE;
        });
        return m;
    }


    /** mocks.go luaValueString: numbers as strconv.FormatFloat(f, 'f', -1, 64), tables as their values joined with ",", nil as "". */
    static String luaValueString(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TBOOLEAN:
                return Boolean.toString(v.toboolean());
            case LuaValue.TNUMBER: {
                double d = v.todouble();
                if (Double.isNaN(d)) {
                    return "NaN";
                }
                if (Double.isInfinite(d)) {
                    return d > 0 ? "+Inf" : "-Inf";
                }
                if (d == 0) {
                    return 1 / d < 0 ? "-0" : "0";
                }
                return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            }
            case LuaValue.TSTRING:
                return v.tojstring();
            case LuaValue.TTABLE: {
                List<String> parts = new ArrayList<>();
                GoValues.forEach((LuaTable) v, (k, x) -> parts.add(luaValueString(x)));
                return String.join(",", parts);
            }
            case LuaValue.TNIL:
                return "";
            default:
                return v.tojstring();
        }
    }
}
