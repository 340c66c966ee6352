package org.dovelua.lua.dovecot;

/**
 * Where a Dovecot process writes its log lines. {@code process} is the label Dovecot puts first
 * ({@code auth}, {@code auth-worker}), {@code message} is the text after {@code "<Level>: "},
 * already carrying any event prefix such as {@code lua(alice,10.0.0.1): }.
 */
@FunctionalInterface
public interface LogSink {
    void log(String process, LogLevel level, String message);

    /** A sink that drops everything. */
    LogSink NONE = (process, level, message) -> { };
}
