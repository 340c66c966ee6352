package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_mail} in test mode (mocks.go LoaderModMailMock): {@code send_mail(tbl)} sends
 * nothing; it returns nil, or the error text alone (a mismatch or {@code send_error}).
 */
public final class MailMock extends MockModule {
    public MailMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        String sendError = FixtureBlock.string(block, "send_error");
        mod.set("send_mail", fn("send_mail", a -> {
            LuaTable tbl = a.checkTable(1);
            // tbl.RawGetString("server").String(): a missing server reads "nil"
            String server = GoValues.string(tbl.rawget("server"));
            String err = record("send_mail", server);
            if (err != null) {
                return str(err);
            }
            if (!sendError.isEmpty()) {
                return str(sendError);
            }
            return LuaValue.NIL;
        }));
    }
}
