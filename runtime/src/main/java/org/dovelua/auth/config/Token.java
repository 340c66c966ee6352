package org.dovelua.auth.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One logical line of dovecot.conf as {@link ConfigLexer} reads it, mirroring config-parser.c's
 * {@code enum config_line_type}. Includes are already spliced in, so every token names its own
 * file and line.
 *
 * @param type what the line is
 * @param key the setting name; the section type for {@link Type#SECTION_START}; "" otherwise
 * @param value the value (unquoted, or the content of a {@code <file}); the section name ("" when
 *     absent) for {@link Type#SECTION_START}; "" otherwise
 * @param file the file the line is in
 * @param line the 1-based number of the line (the first one when continued with {@code \})
 */
public record Token(Type type, String key, String value, Path file, int line) {

  /** Kinds of logical lines. */
  public enum Type {
    /** {@code key = value}, {@code key = "quoted"}, {@code key = <file}. */
    SETTING,
    /**
     * {@code key = $name rest}: Dovecot 2.3's CONFIG_LINE_TYPE_KEYVARIABLE. The value keeps its
     * {@code $}; the parser expands it, since only it knows what was set before.
     */
    VARIABLE_SETTING,
    /** {@code type {} or {@code type name {}. */
    SECTION_START,
    /** A lone {@code }}. */
    SECTION_END,
    /** End of the top file; its line is the file's last line. */
    END_OF_FILE
  }

  public Token {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(file, "file");
  }

  /** {@code file:line}, the prefix of located messages. */
  public String location() {
    return file + ":" + line;
  }
}
