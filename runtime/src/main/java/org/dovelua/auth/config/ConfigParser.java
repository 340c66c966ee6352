package org.dovelua.auth.config;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the subset of dovecot.conf that Lua authentication depends on: top-level settings and
 * top-level passdb/userdb blocks, the {@code vsz_limit} of {@code service auth} and
 * {@code service auth-worker}, and the {@code dict {}} block (the dict service's dictionaries). Every other section ({@code service}, {@code protocol},
 * {@code local}/{@code remote} filters, {@code namespace}, {@code plugin}, ...) is checked for
 * syntax and otherwise skipped, so filter-specific settings never override global ones.
 */
public final class ConfigParser {
  /** What an open section collects. */
  private enum Role {
    DB,
    LUA_SETTINGS,
    FIELDS,
    /** {@code service auth} and {@code service auth-worker}: their {@code vsz_limit}. */
    SERVICE,
    /** The top-level {@code dict {}} block: the dict service's {@code NAME = URI} entries. */
    DICT,
    /** 2.4's top-level {@code oauth2 { }} filter and the sections inside it (db-oauth2.c). */
    OAUTH2,
    IGNORED
  }

  private record Frame(Role role, Token start) {}

  private final Map<String, String> globals = new LinkedHashMap<>();
  private final List<DbBlock> blocks = new ArrayList<>();
  private final Map<String, Map<String, String>> services = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> serviceLocations = new LinkedHashMap<>();
  private Map<String, String> currentService;
  private Map<String, String> currentServiceAt;
  private final Deque<Frame> open = new ArrayDeque<>();
  private DbBlock currentDb;
  /** The {@code dict {}} entries, null while the file has no such block. */
  private Map<String, String> dicts;
  /** The {@code oauth2 { }} settings: names with their oauth2_ prefix, nested ones as {@code section/.../key}. */
  private final Map<String, String> oauth2 = new LinkedHashMap<>();
  private final Deque<String> oauth2Path = new ArrayDeque<>();

  private ConfigParser() {}

  /** Parses {@code file} and what it includes. */
  public static DovecotConfig parse(Path file) throws ConfigException {
    ConfigLexer lexer = new ConfigLexer();
    return new ConfigParser().build(file, lexer.lex(file), lexer.warnings());
  }

  /** Parses {@code text} as if read from {@code pseudoFile} (which names it in messages). */
  public static DovecotConfig parse(String text, Path pseudoFile) throws ConfigException {
    ConfigLexer lexer = new ConfigLexer();
    return new ConfigParser().build(pseudoFile, lexer.lex(text, pseudoFile), lexer.warnings());
  }

  private DovecotConfig build(Path file, List<Token> tokens, List<String> warnings)
      throws ConfigException {
    for (Token token : tokens) {
      accept(token);
    }
    ConfigSyntax syntax =
        globals.containsKey(DovecotConfig.CONFIG_VERSION_SETTING)
                || blocks.stream().anyMatch(DbBlock::looksLike24)
            ? ConfigSyntax.V2_4
            : ConfigSyntax.V2_3;
    List<DbConfig> passdbs = new ArrayList<>();
    List<DbConfig> userdbs = new ArrayList<>();
    for (DbBlock block : blocks) {
      (block.kind.equals("passdb") ? passdbs : userdbs).add(block.build(syntax));
    }
    // the oauth2 filter sees the root oauth2_* settings; its own win
    Map<String, String> oauth2All = new LinkedHashMap<>();
    globals.forEach((k, v) -> {
      if (k.startsWith("oauth2_")) {
        oauth2All.put(k, v);
      }
    });
    oauth2All.putAll(oauth2);
    return new DovecotConfig(file, syntax, globals, passdbs, userdbs, warnings, services, serviceLocations, dicts, tokens)
        .withOauth2(oauth2All);
  }

  private void accept(Token token) throws ConfigException {
    switch (token.type()) {
      case SETTING, VARIABLE_SETTING -> setting(token);
      case SECTION_START -> sectionStart(token);
      case SECTION_END -> sectionEnd(token);
      case END_OF_FILE -> endOfFile(token);
    }
  }

  private void setting(Token token) {
    Role role = open.isEmpty() ? null : open.peek().role();
    if (role == Role.IGNORED) {
      return;
    }
    String value = token.type() == Token.Type.VARIABLE_SETTING ? expand(token) : token.value();
    if (role == null) {
      globals.put(token.key(), value);
    } else if (role == Role.DB) {
      currentDb.set(token.key(), value);
    } else if (role == Role.OAUTH2) {
      oauth2.put(oauth2Key(token.key()), value);
    } else if (role == Role.DICT) {
      // dict-settings.c: dicts is a SET_STRLIST; a name given twice keeps the last URI
      dicts.put(token.key(), value);
    } else if (role == Role.SERVICE) {
      currentService.put(token.key(), value);
      currentServiceAt.put(token.key(), token.location());
    } else if (role == Role.LUA_SETTINGS) {
      currentDb.luaSettings.put(token.key(), value);
    } else {
      currentDb.fields.put(token.key(), value);
    }
  }

  private void sectionStart(Token token) {
    Role parent = open.isEmpty() ? null : open.peek().role();
    Role role = Role.IGNORED;
    String type = token.key();
    if (parent == null && (type.equals("passdb") || type.equals("userdb"))) {
      role = Role.DB;
      currentDb = new DbBlock(type, token.value(), token.file(), token.line());
      blocks.add(currentDb);
    } else if (parent == null && type.equals("service")
        && (token.value().equals("auth") || token.value().equals("auth-worker"))) {
      role = Role.SERVICE;
      currentService = services.computeIfAbsent(token.value(), k -> new LinkedHashMap<>());
      currentServiceAt = serviceLocations.computeIfAbsent(token.value(), k -> new LinkedHashMap<>());
    } else if (parent == null && type.equals("dict") && token.value().isEmpty()) {
      role = Role.DICT;
      if (dicts == null) {
        dicts = new LinkedHashMap<>();
      }
    } else if (parent == null && type.equals("oauth2") && token.value().isEmpty()) {
      role = Role.OAUTH2;
      oauth2Path.clear();
    } else if (parent == Role.OAUTH2) {
      role = Role.OAUTH2;
      String section = token.value().isEmpty() ? type : type + " " + token.value();
      oauth2Path.addLast(oauth2Path.isEmpty() ? oauth2Key(section) : section);
      // the section itself (an empty named filter still names its driver: dict nosuch { })
      oauth2.putIfAbsent(String.join("/", oauth2Path), "");
    } else if (parent == Role.DB && type.equals("lua_settings")) {
      role = Role.LUA_SETTINGS;
    } else if (parent == Role.DB
        && (type.equals("passdb_fields") || type.equals("userdb_fields") || type.equals("fields"))) {
      role = Role.FIELDS;
    }
    open.push(new Frame(role, token));
  }

  private void sectionEnd(Token token) throws ConfigException {
    if (open.isEmpty()) {
      throw new ConfigException(token.file(), token.line(), "Unexpected '}'",
          "no section is open here; remove the extra '}'");
    }
    Role closed = open.pop().role();
    if (closed == Role.DB) {
      currentDb = null;
    } else if (closed == Role.OAUTH2 && !oauth2Path.isEmpty()) {
      oauth2Path.removeLast();
    }
  }

  private void endOfFile(Token token) throws ConfigException {
    if (!open.isEmpty()) {
      Token start = open.peek().start();
      String section = start.value().isEmpty() ? start.key() : start.key() + " " + start.value();
      // config-parser.c config_parse_file: the whole file is named, with where the section started
      throw new ConfigException(token.file(), 0, "Missing '}' (section started at " + start.location() + ")",
          "section \"" + section + "\" is not closed; add '}' on a line of its own");
    }
  }

  /** A name inside {@code oauth2 { }}: with its oauth2_ prefix (2.4 adds it), under the open sections. */
  private String oauth2Key(String key) {
    if (!oauth2Path.isEmpty()) {
      return String.join("/", oauth2Path) + "/" + key;
    }
    return key.startsWith("oauth2_") ? key : "oauth2_" + key;
  }

  /**
   * 2.3's {@code key = $name rest}: {@code $name} becomes the value {@code name} has so far
   * (config-parser.c {@code config_write_value()}). Inside a block the block's own setting is
   * preferred, except for {@code key = $key ...}, which means the outer value. Dovecot falls back
   * to built-in defaults we do not have, so an unknown name is left as written.
   */
  private String expand(Token token) {
    String value = token.value();
    int space = value.indexOf(' ');
    String name = space < 0 ? value.substring(1) : value.substring(1, space);
    String rest = space < 0 ? "" : value.substring(space);
    String found = null;
    if (currentDb != null && !name.equals(token.key())) {
      found = open.peek().role() == Role.DB ? currentDb.get(name) : null;
    }
    if (found == null) {
      found = globals.get(name);
    }
    return found == null ? value : found + rest;
  }
}
