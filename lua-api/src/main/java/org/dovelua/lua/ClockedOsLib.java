package org.dovelua.lua;

import java.time.Clock;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * LuaJ's {@code os} library reading the state's {@link ProcessClock}: {@code os.time()} and
 * {@code os.date()} without a time argument ({@code time(NULL)} in loslib.c) give the process's
 * time, not the JVM's. {@code os.clock} stays CPU time.
 */
final class ClockedOsLib extends JseOsLib {
    private final Clock clock;

    ClockedOsLib(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected double time(LuaTable table) {
        if (table == null) {
            return clock.millis() / 1000.0;
        }
        return super.time(table);
    }
}
