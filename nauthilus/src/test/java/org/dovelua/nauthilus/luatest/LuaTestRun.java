package org.dovelua.nauthilus.luatest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** One runner invocation as main.go runLuaTest makes it, in a working directory; stdout, stderr and exit code. */
record LuaTestRun(String stdout, String stderr, int exit, TestResult result) {
    static LuaTestRun run(Path workDir, String script, String kind, String mock) {
        return run(workDir, script, kind, mock, org.dovelua.nauthilus.NauthilusMode.TEST);
    }

    static LuaTestRun run(Path workDir, String script, String kind, String mock, org.dovelua.nauthilus.NauthilusMode mode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        TestResult result = null;
        int exit;
        try {
            TestRunner runner = TestRunner.create(script, CallbackKind.of(kind, mode), mock, mode, workDir);
            try {
                result = runner.run();
                runner.printResult(o, result);
                exit = TestRunner.exitCode(result);
            } catch (RunnerException ex) {
                e.println("Error running test: " + ex.getMessage());
                exit = 1;
            }
        } catch (RunnerException ex) {
            e.println("Error creating test runner: " + ex.getMessage());
            exit = 1;
        }
        o.flush();
        e.flush();
        return new LuaTestRun(out.toString(), err.toString(), exit, result);
    }

    /** Writes {@code script.lua} (and {@code fixture.json} when given) into dir and runs them. */
    static LuaTestRun inline(Path dir, String lua, String kind, String fixtureJson) {
        return inline(dir, lua, kind, fixtureJson, org.dovelua.nauthilus.NauthilusMode.TEST);
    }

    static LuaTestRun inline(Path dir, String lua, String kind, String fixtureJson, org.dovelua.nauthilus.NauthilusMode mode) {
        try {
            Files.writeString(dir.resolve("script.lua"), lua);
            if (fixtureJson != null) {
                Files.writeString(dir.resolve("fixture.json"), fixtureJson);
            }
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return run(dir, "script.lua", kind, fixtureJson == null ? "" : "fixture.json", mode);
    }
}
