package org.dovelua.lua.shim;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.LuaArgs;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * json/decode/state.lua line by line: the stack machine the decoder loop feeds with the lexer's
 * captures. Its asserts and the Lua errors its code runs into (indexing a nil {@code active} at the
 * top level, {@code next(nil)}) carry state.lua's lines, as Lua 5.4's {@code assert} adds the
 * caller's position.
 */
final class LuajsonDecodeState {
    private static final String STATE_LUA = LuajsonDecodeLib.DIR + "decode/state.lua:";
    private static final LuaValue OBJECT = LuaValue.valueOf("object");

    private final LuajsonDecodeOptions options;
    private final LuaTable util;
    private final LuaValue rawset;
    private final List<LuaValue[]> stack = new ArrayList<>(); // {active, active_state, active_key}
    private LuaValue active = LuaValue.NIL;
    private LuaValue activeState = LuaValue.NIL;
    private LuaValue activeKey = LuaValue.NIL;
    private boolean previousSet;
    private LuaValue previous = LuaValue.NIL;

    LuajsonDecodeState(LuajsonDecodeOptions options, LuaTable util, LuaValue rawset) {
        this.options = options;
        this.util = util;
        this.rawset = rawset;
    }

    /** The decoder loop of decode.lua's {@code generateDecoder}, after the match. */
    LuaValue run(List<LuajsonLexer.Token> tokens) {
        for (LuajsonLexer.Token t : tokens) {
            if (t.action() == null) {
                setValue(t.value());
                continue;
            }
            switch (t.action()) {
                case BEGIN_ARRAY -> {
                    push();
                    newArray();
                }
                case END_ARRAY -> {
                    endArray();
                    pop();
                }
                case BEGIN_OBJECT -> {
                    push();
                    newObject();
                }
                case END_OBJECT -> {
                    endObject();
                    pop();
                }
                case SET_KEY -> setKey();
                case NEXT_VALUE -> putValue(false);
            }
        }
        if (options.initialObject() && !previous.istable()) {
            throw assertion(LuajsonDecodeLib.DIR + "decode.lua:88: ", "Initial value not an object or array");
        }
        if (!stack.isEmpty()) {
            throw assertion(LuajsonDecodeLib.DIR + "decode.lua:91: ", "Unclosed elements present");
        }
        return previous;
    }

    private static LuaError assertion(String where, String message) {
        return LuaArgs.error(where + message);
    }

    private static LuaError at(int line, String message) {
        return LuaArgs.error(STATE_LUA + line + ": " + message);
    }

    private void pop() {
        previousSet = true;
        previous = active;
        LuaValue[] top = stack.remove(stack.size() - 1);
        active = top[0];
        activeState = top[1];
        activeKey = top[2];
    }

    private void push() {
        stack.add(new LuaValue[] {active, activeState, activeKey});
    }

    private void putObjectValue(boolean trailing) {
        if (trailing && options.objectTrailingComma() && !activeKey.toboolean()) {
            return;
        }
        if (!activeKey.toboolean()) {
            throw at(51, "Missing key value");
        }
        LuaValue value = grabValue(options.objectAllowEmpty());
        if (options.setObjectKey() == rawset) {
            active.rawset(activeKey, value);
        } else {
            options.setObjectKey().call(active, activeKey, value);
        }
        activeKey = LuaValue.NIL;
    }

    private void putArrayValue(boolean trailing) {
        if (trailing && !previousSet && options.arrayTrailingComma()) {
            return;
        }
        LuaValue index = activeState.add(1);
        activeState = index;
        active.rawset(index, grabValue(options.arrayAllowEmpty()));
    }

    private void putValue(boolean trailing) {
        if (activeState.eq_b(OBJECT)) {
            putObjectValue(trailing);
        } else if (active.isnil()) {
            throw at(81, "attempt to index a nil value (field 'active')");
        } else {
            putArrayValue(trailing); // active.func is only set by the call extension, which is refused
        }
    }

    private void newArray() {
        LuaTable array = new LuaTable();
        LuaValue init = util.get("InitArray");
        LuaValue made = init.toboolean() ? init.call(array) : LuaValue.NIL;
        active = made.toboolean() ? made : array;
        activeState = LuaValue.ZERO;
        activeKey = LuaValue.NIL;
        unsetValue();
    }

    private void endArray() {
        if (previousSet || !activeState.eq_b(LuaValue.ZERO)) {
            putValue(true);
        }
        if (!activeState.isnumber() || !isBorder(activeState.toint())) {
            active.rawset("n", activeState); // "Store the length in"
        }
    }

    /**
     * Whether Lua 5.4's {@code #active} is {@code n}: so when 1..n are all there. With a hole (a
     * null decoded as nil) 5.4's border is not {@code n} either for the tables decoding builds.
     */
    private boolean isBorder(int n) {
        for (int i = 1; i <= n; i++) {
            if (active.rawget(i).isnil()) {
                return false;
            }
        }
        return active.rawget(n + 1).isnil();
    }

    private void newObject() {
        active = new LuaTable();
        activeState = OBJECT;
        activeKey = LuaValue.NIL;
        unsetValue();
    }

    private void endObject() {
        boolean nonEmpty = activeKey.toboolean() || previousSet;
        if (!nonEmpty) {
            if (!active.istable()) {
                throw at(119, "bad argument #1 to 'next' (table expected, got " + active.typename() + ")");
            }
            nonEmpty = !active.next(LuaValue.NIL).arg1().isnil();
        }
        if (nonEmpty) {
            putValue(true);
        }
    }

    private void unsetValue() {
        previousSet = false;
        previous = LuaValue.NIL;
    }

    private LuaValue grabValue(boolean allowEmpty) {
        if (!previousSet && allowEmpty) {
            return options.emptyValue();
        }
        if (!previousSet) {
            throw at(163, "Previous value not set");
        }
        previousSet = false;
        return previous;
    }

    private void setValue(LuaValue value) {
        if (previousSet) {
            throw at(169, "Value set when one already in slot");
        }
        previousSet = true;
        previous = value;
    }

    private void setKey() {
        if (!activeState.eq_b(OBJECT)) {
            throw at(175, "Cannot set key on array");
        }
        LuaValue value = grabValue(false);
        if (options.objectNumber()) {
            if (!value.isstring()) { // a string or a number
                throw at(179, "As configured, a key must be a number or string");
            }
        } else if (value.type() != LuaValue.TSTRING) {
            throw at(181, "As configured, a key must be a string");
        }
        activeKey = value;
    }
}
