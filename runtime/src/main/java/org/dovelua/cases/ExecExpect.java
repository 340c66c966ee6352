package org.dovelua.cases;

/**
 * One command a case expects a script to have started; null parts are not checked.
 *
 * @param at where the expectation is written
 * @param command the command line, exactly as the script passed it to {@code /bin/sh -c}
 * @param mode {@code r} or {@code w} ({@code io.popen}) or {@code execute} ({@code os.execute})
 * @param stdin what the script wrote to the command's stdin, exactly ({@code io.popen(cmd, "w")})
 */
public record ExecExpect(Location at, String command, String mode, String stdin) {
}
