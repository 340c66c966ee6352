package org.dovelua.auth.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Splits dovecot.conf into {@link Token}s the way src/config/config-parser.c
 * ({@code config_parse_line()}, 2.3) reads lines: comments, {@code \} continuation, quoting,
 * {@code key = <file}, {@code $variables}, sections, and {@code !include}/{@code !include_try}
 * (spliced in place, so the token stream is one flat list).
 *
 * <p>One deliberate difference: Dovecot keeps {@code key = value }} as the value "value }"; we
 * reject it, because it is always a brace that was meant to close the section.
 */
public final class ConfigLexer {
  /** Deepest {@code !include} nesting accepted below the top file. */
  public static final int MAX_INCLUDE_DEPTH = 20;

  private static final String SETTING_HINT = "a setting is written \"key = value\", a section \"name {\"";

  private final List<Token> tokens = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  /** Files being read, outermost first; used for recursion and depth checks. */
  private final Deque<Path> includeStack = new ArrayDeque<>();

  /** Reads {@code file} and everything it includes. */
  public List<Token> lex(Path file) throws ConfigException {
    String text;
    try {
      text = ConfigFiles.read(file);
    } catch (IOException e) {
      throw new ConfigException(file, 0,
          "open(" + file + ") failed: " + ConfigFiles.reason(e), "check the path to dovecot.conf");
    }
    return lex(text, file);
  }

  /** Reads {@code text} as if it were {@code pseudoFile}; includes are relative to its directory. */
  public List<Token> lex(String text, Path pseudoFile) throws ConfigException {
    if (!tokens.isEmpty()) {
      throw new IllegalStateException("a ConfigLexer reads one file; create a new one");
    }
    int lastLine = lexFile(text, pseudoFile);
    tokens.add(new Token(Token.Type.END_OF_FILE, "", "", pseudoFile, lastLine));
    return Collections.unmodifiableList(tokens);
  }

  /** Non-fatal findings, located, in Dovecot's wording (it logs them with i_warning()). */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** Lexes one file into {@link #tokens}; returns its last line number. */
  private int lexFile(String text, Path file) throws ConfigException {
    includeStack.addLast(file.toAbsolutePath().normalize());
    String[] lines = text.split("\n", -1);
    StringBuilder continued = null; // config-parser.c's full_line
    int startLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i], file, i + 1);
      if (line == null) {
        continue; // comment or blank; does not end a continuation (as in Dovecot)
      }
      if (line.endsWith("\\")) {
        if (continued == null) {
          continued = new StringBuilder();
          startLine = i + 1;
        }
        continued.append(stripTrailingWhite(line.substring(0, line.length() - 1))).append(' ');
        continue;
      }
      if (continued != null) {
        classify(continued.append(line).toString(), file, startLine);
        continued = null;
      } else {
        classify(line, file, i + 1);
      }
    }
    if (continued != null) {
      // Dovecot drops a continuation left open at EOF; keeping it is kinder
      classify(stripTrailingWhite(continued.toString()), file, startLine);
    }
    includeStack.removeLast();
    int count = lines.length;
    return text.endsWith("\n") ? count - 1 : count;
  }

  /**
   * config-parser.c: "strip away comments. pretty kludgy way really..". A {@code #} outside
   * quotes ends the line; one not preceded by whitespace still does, with Dovecot's warning.
   * Returns the trimmed line, or null for a blank or comment line.
   */
  private String stripComment(String raw, Path file, int lineNo) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    int start = skipWhite(line, 0);
    if (start == line.length() || line.charAt(start) == '#') {
      return null;
    }
    int end = line.length();
    for (int p = start; p < line.length(); p++) {
      char c = line.charAt(p);
      if (c == '"' || c == '\'') {
        for (p++; p < line.length() && line.charAt(p) != c; p++) {
          if (line.charAt(p) == '\\' && p + 1 < line.length()) {
            p++;
          }
        }
        if (p >= line.length()) {
          break; // unterminated quote: the rest is not a comment
        }
      } else if (c == '#') {
        if (!isWhite(line.charAt(p - 1))) {
          warnings.add(file + ":" + lineNo + ": Ambiguous '#' character in line, treating it as"
              + " comment. Add a space before it to remove this warning.");
        }
        end = p;
        break;
      }
    }
    return stripTrailingWhite(line.substring(start, end));
  }

  /** Classifies one logical line (config-parser.c's a) key = value, b) section {, c) }). */
  private void classify(String line, Path file, int lineNo) throws ConfigException {
    int p = skipWhite(line, 0);
    int keyStart = p;
    while (p < line.length() && !isWhite(line.charAt(p)) && line.charAt(p) != '=') {
      p++;
    }
    String key = line.substring(keyStart, p);
    String rest = line.substring(skipWhite(line, p));

    if (key.equals("!include") || key.equals("!include_try")) {
      include(rest, key.equals("!include_try"), file, lineNo);
    } else if (rest.startsWith("=")) {
      setting(key, rest.substring(skipWhite(rest, 1)), file, lineNo);
    } else if (key.equals("}") && rest.isEmpty()) {
      tokens.add(new Token(Token.Type.SECTION_END, "", "", file, lineNo));
    } else {
      sectionStart(key, rest, file, lineNo);
    }
  }

  private void setting(String key, String value, Path file, int lineNo) throws ConfigException {
    if (key.isEmpty()) {
      // lib-settings/settings-parser.c settings_parse_line
      throw new ConfigException(file, lineNo, "Missing key name ('=' at the beginning of line)", SETTING_HINT);
    }
    Token.Type type = Token.Type.SETTING;
    if (value.startsWith("<")) {
      value = readValueFile(key, value.substring(skipWhite(value, 1)), file, lineNo);
    } else if (value.startsWith("$")) {
      type = Token.Type.VARIABLE_SETTING;
    } else if (isQuoted(value)) {
      value = unescape(value.substring(1, Math.max(1, value.length() - 1)));
    } else if (value.equals("}") || value.endsWith("}") && isWhite(value.charAt(value.length() - 2))) {
      throw new ConfigException(file, lineNo, "Unexpected '}' after the value of " + key,
          "put '}' on a line of its own; Dovecot would keep it as part of the value", false);
    }
    tokens.add(new Token(type, key, value, file, lineNo));
  }

  private void sectionStart(String type, String rest, Path file, int lineNo)
      throws ConfigException {
    String name = "";
    String brace = rest;
    if (!rest.startsWith("{")) {
      int p = 0;
      while (p < rest.length() && !isWhite(rest.charAt(p))) {
        p++;
      }
      name = rest.substring(0, p);
      brace = rest.substring(skipWhite(rest, p));
    }
    if (!brace.startsWith("{")) {
      throw new ConfigException(file, lineNo, "Expecting '{'", SETTING_HINT);
    }
    if (brace.length() > 1) {
      throw new ConfigException(file, lineNo, "Garbage after '{'",
          "nothing but a comment may follow '{' on its line");
    }
    tokens.add(new Token(Token.Type.SECTION_START, type, name, file, lineNo));
  }

  /** config-parser.c {@code settings_include()}: globs expand in sorted order. */
  private void include(String pattern, boolean tryOnly, Path file, int lineNo)
      throws ConfigException {
    String directive = tryOnly ? "!include_try" : "!include";
    // settings_include() globs every pattern: nothing found is "No matches", which !include_try ignores
    if (pattern.isEmpty()) {
      if (tryOnly) {
        return;
      }
      throw new ConfigException(file, lineNo, "No matches", directive + " is missing a file name: write \""
          + directive + " PATH\"");
    }
    List<Path> files;
    Path resolved;
    try {
      resolved = ConfigFiles.resolve(file, pattern);
      files = ConfigFiles.isGlob(resolved) ? ConfigFiles.glob(resolved) : List.of(resolved);
    } catch (ConfigFiles.BadPathException e) {
      throw new ConfigException(file, lineNo, directive + " " + pattern + ": " + e.getMessage(),
          "fix the path");
    }
    if (ConfigFiles.isGlob(resolved) && files.isEmpty()) {
      if (tryOnly) {
        return;
      }
      throw new ConfigException(file, lineNo, "No matches",
          directive + " " + resolved + " matches no file; use !include_try for files that may be absent");
    }
    for (Path included : files) {
      includeOne(included, tryOnly, directive, file, lineNo);
    }
  }

  private void includeOne(Path included, boolean tryOnly, String directive, Path file, int lineNo)
      throws ConfigException {
    if (includeStack.contains(included.toAbsolutePath().normalize())) {
      throw new ConfigException(file, lineNo, "Recursive include file: " + included,
          "a file must not include itself, directly or through other files");
    }
    if (includeStack.size() > MAX_INCLUDE_DEPTH) {
      throw new ConfigException(file, lineNo, directive + " " + included
          + ": includes nested deeper than " + MAX_INCLUDE_DEPTH + " levels",
          "flatten the chain of included files");
    }
    String text;
    try {
      text = ConfigFiles.read(included);
    } catch (IOException e) {
      if (tryOnly) {
        return; // Dovecot: ignore_errors skips a file it cannot open
      }
      if (!Files.exists(included)) {
        throw new ConfigException(file, lineNo, "No matches",
            directive + " " + included + ": no such file; use !include_try for files that may be absent");
      }
      if (Files.isDirectory(included)) {
        // 2.3.19 opens a directory and reads nothing from it (seen); dovelua refuses it in its own words
        throw new ConfigException(file, lineNo, directive + " " + included + ": " + ConfigFiles.reason(e),
            "make the file readable", false);
      }
      // settings_add_include()
      throw new ConfigException(file, lineNo,
          "Couldn't open include file " + included + ": " + ConfigFiles.reason(e), "make the file readable");
    }
    lexFile(text, included);
  }

  /** {@code key = <path}: the value is the file's content, trimmed. */
  private static String readValueFile(String key, String path, Path file, int lineNo)
      throws ConfigException {
    String hint = "the path after '<' names a file whose content becomes the value";
    if (path.isEmpty()) {
      throw new ConfigException(file, lineNo, key + ": Missing file name after '<'", hint);
    }
    try {
      Path target = ConfigFiles.resolve(file, path);
      return ConfigFiles.read(target).strip();
    } catch (ConfigFiles.BadPathException e) {
      throw new ConfigException(file, lineNo, key + ": Can't open file " + path + ": "
          + e.getMessage(), hint);
    } catch (IOException e) {
      throw new ConfigException(file, lineNo, key + ": Can't open file " + path + ": "
          + ConfigFiles.reason(e), hint);
    }
  }

  /** config-parser.c: a value starting and ending with the same quote is unquoted. */
  private static boolean isQuoted(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    return (first == '"' || first == '\'') && value.charAt(value.length() - 1) == first;
  }

  /** lib/strescape.c {@code str_unescape()}: a backslash keeps the next character as is. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (++i == s.length()) {
          break;
        }
        c = s.charAt(i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Dovecot's IS_WHITE(): only space and tab; other whitespace is part of values. */
  static boolean isWhite(char c) {
    return c == ' ' || c == '\t';
  }

  private static int skipWhite(String s, int from) {
    int p = from;
    while (p < s.length() && isWhite(s.charAt(p))) {
      p++;
    }
    return p;
  }

  private static String stripTrailingWhite(String s) {
    int end = s.length();
    while (end > 0 && isWhite(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
