package org.dovelua.auth.config;

import java.nio.file.Path;

/**
 * A dovecot.conf that Dovecot itself would refuse. The message is located and says how to fix it:
 * {@code dovecot.conf:7: Expecting '{' (a setting is written "key = value")}. The "what" part
 * copies src/config/config-parser.c's wording where it has one, so users can grep for it.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String problem;
  private final String hint;
  private final boolean refusedByDoveconf;

  /**
   * @param file the file the problem is in
   * @param line 1-based line number, or 0 when the problem is about the file as a whole
   * @param problem what is wrong, in Dovecot's wording where it has one
   * @param hint how to fix it, or null
   */
  public ConfigException(Path file, int line, String problem, String hint) {
    this(file, line, problem, hint, true);
  }

  /**
   * @param refusedByDoveconf false for a problem doveconf lets through and the auth process
   *     refuses at its start (e.g. a passdb without driver)
   */
  public ConfigException(Path file, int line, String problem, String hint, boolean refusedByDoveconf) {
    super(format(file, line, problem, hint));
    this.refusedByDoveconf = refusedByDoveconf;
    this.file = file;
    this.line = line;
    this.problem = problem;
    this.hint = hint;
  }

  private static String format(Path file, int line, String problem, String hint) {
    StringBuilder sb = new StringBuilder().append(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ").append(problem);
    if (hint != null) {
      sb.append(" (").append(hint).append(')');
    }
    return sb.toString();
  }

  public Path file() {
    return file;
  }

  /** 1-based line number, 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  /** Whether doveconf refuses it (doveadm then stops with exit 89), not only the auth process. */
  public boolean refusedByDoveconf() {
    return refusedByDoveconf;
  }

  /** How to fix it, or null. */
  public String hint() {
    return hint;
  }

  /**
   * The text doveconf puts after {@code doveconf: Fatal: }: {@code Error in configuration file
   * FILE line N: PROBLEM}, without {@code line N} for a problem of the whole file
   * (config-parser.c {@code config_parse_file}).
   */
  public String doveconfError() {
    return "Error in configuration file " + file + (line > 0 ? " line " + line : "") + ": " + problem;
  }

  /** The message without location and hint. */
  public String problem() {
    return problem;
  }
}
