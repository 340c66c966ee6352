package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_password} in test mode (mocks.go LoaderModPasswordMock): fixed answers from
 * the block; a mismatched expected call is returned as the second value, never raised.
 */
public final class PasswordMock extends MockModule {
    /** mocks.go passwordHashMock's default hash. */
    static final String DEFAULT_HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public PasswordMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        // passwordCompareMock: args "hash:plain"; mismatch -> false, err
        mod.set("compare_passwords", fn("compare_passwords", a -> {
            String hash = a.checkString(1);
            String plain = a.checkString(2);
            String err = record("compare_passwords", hash + ":" + plain);
            if (err != null) {
                return LuaValue.varargsOf(LuaValue.FALSE, str(err));
            }
            return valueAndNil(LuaValue.valueOf(FixtureBlock.bool(block, "compare_result")));
        }));
        // passwordPolicyMock: args = the password; policy_result is false unless set (the
        // struct always exists, ensureResetMock)
        mod.set("check_password_policy", fn("check_password_policy", a -> {
            a.checkTable(1);
            String password = a.checkString(2);
            String err = record("check_password_policy", password);
            if (err != null) {
                return LuaValue.varargsOf(LuaValue.FALSE, str(err));
            }
            return valueAndNil(LuaValue.valueOf(FixtureBlock.bool(block, "policy_result")));
        }));
        // passwordHashMock: generated_hash or a fixed 64-hex default; mismatch -> nil, err
        mod.set("generate_password_hash", fn("generate_password_hash", a -> {
            String password = a.checkString(1);
            String err = record("generate_password_hash", password);
            if (err != null) {
                return nilAnd(err);
            }
            String hash = FixtureBlock.string(block, "generated_hash");
            return valueAndNil(str(hash.isEmpty() ? DEFAULT_HASH : hash));
        }));
    }
}
