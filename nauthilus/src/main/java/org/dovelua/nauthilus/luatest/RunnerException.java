package org.dovelua.nauthilus.luatest;

/** An error that ends the test run before a result exists (runner.go returns it; main.go prints it and exits 1). */
public final class RunnerException extends Exception {
    public RunnerException(String message) {
        super(message);
    }
}
