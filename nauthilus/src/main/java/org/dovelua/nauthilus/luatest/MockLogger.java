package org.dovelua.nauthilus.luatest;

import java.util.ArrayList;
import java.util.List;

/** mocks.go {@code MockLogger}: the run's log lines and status messages (a status is logged too, as {@code [STATUS] msg}). */
public final class MockLogger {
    final List<String> logs = new ArrayList<>();
    final List<String> statusMessages = new ArrayList<>();

    public void log(String msg) {
        logs.add(msg);
    }

    public void logStatus(String msg) {
        statusMessages.add(msg);
        log("[STATUS] " + msg);
    }
}
