package org.dovelua.auth.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates well-formed dovecot.conf trees for property tests, renders them to text in varied
 * styles, and says what ConfigParser must read from them. Rendering follows config-parser.c's
 * rules (what needs quoting, where a comment may start, how continuation joins), so a mismatch
 * points at the parser.
 */
final class RandomConfig {
  /** A line of the generated tree. */
  sealed interface Item permits Setting, Section, Comment, Blank {}

  record Setting(String key, String value) implements Item {}

  record Section(String type, String name, List<Item> body) implements Item {}

  record Comment(String text) implements Item {}

  record Blank() implements Item {}

  /** What the parser must produce (locations except line left out). */
  record ExpectedDb(String kind, String name, String driver, String args,
      Map<String, String> settings, Map<String, String> luaSettings,
      Map<String, String> fields, int line) {}

  private enum Mode { V23, V24_VERSION, V24_IMPLICIT }

  private static final String[] GLOBAL_KEYS = {"auth_mechanisms", "auth_verbose",
      "auth_username_format", "auth_master_user_separator", "mail_plugins", "protocols",
      "listen", "passdb", "userdb", "lua_settings", "fields"};
  private static final String[] DB_KEYS = {"result_success", "result_failure",
      "result_internalfail", "skip", "master", "pass", "deny", "default_fields",
      "override_fields", "lua_file", "passdb_use_worker", "use_worker", "auth_verbose"};
  private static final String[] SECTION_TYPES = {"service", "protocol", "local", "remote",
      "namespace", "plugin", "inet_listener", "unix_listener", "ssl_things", "mailbox",
      "sëction", "lua_settings", "fields", "passdb", "userdb"};
  private static final String[] DB_NAMES = {"lua", "static", "passwd-file", "sql", "ldap",
      "foo", "master_db", "ünï"};
  private static final int[] VALUE_CHARS = {'a', 'b', 'z', 'A', '0', '9', ' ', ' ', '\t', '#',
      '=', '"', '\'', '\\', '{', '}', '$', '<', '%', '/', '.', ';', ':', '*', 'é', '日',
      0x1F600, 0x00A0, 0x000B, '!', ','};
  private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz_0123456789./-";

  final List<Item> items = new ArrayList<>();
  private final Random random;
  private final Mode mode;

  RandomConfig(long seed) {
    random = new Random(seed);
    mode = Mode.values()[random.nextInt(Mode.values().length)];
    generate();
  }

  // ---- generation ----

  private void generate() {
    if (mode == Mode.V24_VERSION) {
      items.add(new Setting(DovecotConfig.CONFIG_VERSION_SETTING, "2.4." + random.nextInt(4)));
    }
    if (mode == Mode.V24_IMPLICIT) {
      items.add(db(true));
    }
    int count = random.nextInt(12);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(10);
      if (pick < 4) {
        items.add(new Setting(pickKey(GLOBAL_KEYS), value()));
      } else if (pick < 6) {
        items.add(db(false));
      } else if (pick < 8) {
        items.add(unknownSection(0));
      } else {
        items.add(filler());
      }
    }
    if (random.nextInt(4) == 0) {
      items.add(random.nextInt(items.size() + 1), db(false));
    }
  }

  private Item filler() {
    return random.nextBoolean() ? new Blank() : new Comment(text());
  }

  private Section db(boolean forceNamedWithoutDriver) {
    String kind = random.nextBoolean() ? "passdb" : "userdb";
    boolean named = forceNamedWithoutDriver || mode != Mode.V23 || random.nextBoolean();
    String name = named ? DB_NAMES[random.nextInt(DB_NAMES.length)] : "";
    // 2.3 needs a driver in every block (a named block without one would make the file 2.4);
    // 2.4 needs one only in unnamed blocks.
    boolean withDriver = !forceNamedWithoutDriver && (!named || mode == Mode.V23
        || random.nextBoolean());
    List<Item> body = new ArrayList<>();
    int count = random.nextInt(7);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(10);
      if (pick < 5) {
        body.add(new Setting(pickKey(DB_KEYS), value()));
      } else if (pick < 6) {
        body.add(mapSection("lua_settings"));
      } else if (pick < 7) {
        String[] types = {"fields", "passdb_fields", "userdb_fields"};
        body.add(mapSection(types[random.nextInt(types.length)]));
      } else if (pick < 8) {
        body.add(unknownSection(2));
      } else {
        body.add(filler());
      }
    }
    if (withDriver) {
      body.add(random.nextInt(body.size() + 1), new Setting("driver", value()));
    }
    if (random.nextBoolean()) {
      body.add(random.nextInt(body.size() + 1), new Setting("args", value()));
    }
    return new Section(kind, name, body);
  }

  private Section mapSection(String type) {
    List<Item> body = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      body.add(random.nextInt(5) == 0 ? filler() : new Setting(pickKey(DB_KEYS), value()));
    }
    if (random.nextInt(6) == 0) {
      body.add(unknownSection(3)); // nested deeper than a STRLIST: ignored
    }
    return new Section(type, random.nextInt(5) == 0 ? key() : "", body);
  }

  private Section unknownSection(int depth) {
    String type = SECTION_TYPES[random.nextInt(SECTION_TYPES.length - (depth == 0 ? 2 : 0))];
    List<Item> body = new ArrayList<>();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(6);
      if (pick < 3) {
        body.add(new Setting(pickKey(GLOBAL_KEYS), value()));
      } else if (pick < 4 && depth < 3) {
        body.add(unknownSection(depth + 1));
      } else if (pick < 5 && depth < 3) {
        body.add(db(false)); // only top-level blocks count
      } else {
        body.add(filler());
      }
    }
    return new Section(type, random.nextBoolean() ? key() : "", body);
  }

  private String pickKey(String[] pool) {
    return random.nextInt(3) == 0 ? key() : pool[random.nextInt(pool.length)];
  }

  private String key() {
    StringBuilder sb = new StringBuilder();
    sb.append((char) ('a' + random.nextInt(26)));
    int length = random.nextInt(10);
    for (int i = 0; i < length; i++) {
      sb.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
    }
    if (random.nextInt(10) == 0) {
      sb.append(random.nextBoolean() ? "ä" : "日本");
    }
    String key = sb.toString();
    return key.equals("driver") || key.equals("args") ? key + "_" : key;
  }

  private String value() {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(5) == 0 ? 0 : random.nextInt(14);
    for (int i = 0; i < length; i++) {
      sb.appendCodePoint(VALUE_CHARS[random.nextInt(VALUE_CHARS.length)]);
    }
    return sb.toString();
  }

  private String text() {
    return value().replace('\n', ' ');
  }

  // ---- rendering ----

  /** Renders the tree; records each top-level passdb/userdb's line in {@code dbLines}. */
  String render(List<Integer> dbLines) {
    StringBuilder out = new StringBuilder();
    String newline = random.nextInt(4) == 0 ? "\r\n" : "\n";
    int[] line = {1};
    renderItems(items, 0, out, newline, line, dbLines);
    return out.toString();
  }

  private void renderItems(List<Item> list, int depth, StringBuilder out, String nl, int[] line,
      List<Integer> dbLines) {
    for (Item item : list) {
      String indent = indent(depth);
      if (item instanceof Blank) {
        emit(out, random.nextBoolean() ? "" : indent, nl, line);
      } else if (item instanceof Comment c) {
        emit(out, indent + "#" + c.text(), nl, line);
      } else if (item instanceof Setting s) {
        renderSetting(s, indent, out, nl, line);
      } else if (item instanceof Section s) {
        if (depth == 0 && (s.type().equals("passdb") || s.type().equals("userdb"))) {
          dbLines.add(line[0]);
        }
        String head = s.type() + (s.name().isEmpty() ? "" : white(1) + s.name());
        emit(out, indent + head + white(1) + "{" + trailingComment(), nl, line);
        renderItems(s.body(), depth + 1, out, nl, line, dbLines);
        emit(out, indent(depth) + "}" + trailingComment(), nl, line);
      }
    }
  }

  private void renderSetting(Setting s, String indent, StringBuilder out, String nl,
      int[] line) {
    String before = white(0);
    String after = white(0);
    String value = renderValue(s.value());
    String comment = trailingComment();
    switch (random.nextInt(8)) {
      case 0 -> { // continue between key and '='
        emit(out, indent + s.key() + white(0) + "\\", nl, line);
        continuationFiller(out, nl, line);
        emit(out, indent(1) + "=" + after + value + comment, nl, line);
      }
      case 1 -> { // continue after '='; an empty continuation line would be skipped
        value = value.isEmpty() ? "\"\"" : value;
        emit(out, indent + s.key() + before + "=" + white(0) + "\\", nl, line);
        continuationFiller(out, nl, line);
        emit(out, indent(1) + value + comment, nl, line);
      }
      default -> emit(out, indent + s.key() + before + "=" + after + value + comment, nl, line);
    }
  }

  /** Comment and blank lines do not end a continuation in config-parser.c. */
  private void continuationFiller(StringBuilder out, String nl, int[] line) {
    if (random.nextInt(4) == 0) {
      emit(out, random.nextBoolean() ? "  # inside continuation" : "", nl, line);
    }
  }

  /** Raw when Dovecot would read it back unchanged, else quoted (sometimes quoted anyway). */
  private String renderValue(String value) {
    boolean raw = !value.isEmpty() || random.nextBoolean();
    for (int i = 0; i < value.length() && raw; i++) {
      raw = "#\"'\\}".indexOf(value.charAt(i)) < 0;
    }
    if (raw && !value.isEmpty()) {
      char first = value.charAt(0);
      char last = value.charAt(value.length() - 1);
      raw = "$< \t".indexOf(first) < 0 && last != ' ' && last != '\t';
    }
    if (raw && random.nextInt(5) != 0) {
      return value;
    }
    char quote = random.nextInt(4) == 0 ? '\'' : '"';
    StringBuilder sb = new StringBuilder().append(quote);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == quote || random.nextInt(20) == 0) {
        sb.append('\\'); // any character may be escaped; str_unescape() drops the backslash
      }
      sb.append(c);
    }
    return sb.append(quote).toString();
  }

  private String trailingComment() {
    int pick = random.nextInt(6);
    return pick == 0 ? white(1) + "#" + text() : pick == 1 ? white(0) : "";
  }

  private String indent(int depth) {
    return random.nextInt(5) == 0 ? white(0) : "  ".repeat(depth);
  }

  private String white(int min) {
    String[] choices = {"", " ", "\t", "  ", " \t "};
    String w = choices[random.nextInt(choices.length)];
    return w.length() < min ? " " : w;
  }

  private static void emit(StringBuilder out, String text, String nl, int[] line) {
    out.append(text).append(nl);
    line[0]++;
  }

  // ---- expectation ----

  Map<String, String> expectedSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Item item : items) {
      if (item instanceof Setting s) {
        settings.put(s.key(), s.value());
      }
    }
    return settings;
  }

  ConfigSyntax expectedSyntax() {
    return mode == Mode.V23 ? ConfigSyntax.V2_3 : ConfigSyntax.V2_4;
  }

  List<ExpectedDb> expectedDbs(String kind, List<Integer> dbLines) {
    List<ExpectedDb> dbs = new ArrayList<>();
    int index = 0;
    for (Item item : items) {
      if (item instanceof Section s && (s.type().equals("passdb") || s.type().equals("userdb"))) {
        int line = dbLines.get(index++);
        if (s.type().equals(kind)) {
          dbs.add(expectedDb(s, line));
        }
      }
    }
    return dbs;
  }

  private ExpectedDb expectedDb(Section s, int line) {
    String driver = null;
    String args = "";
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> lua = new LinkedHashMap<>();
    Map<String, String> fields = new LinkedHashMap<>();
    for (Item item : s.body()) {
      if (item instanceof Setting set) {
        switch (set.key()) {
          case "driver" -> driver = set.value();
          case "args" -> args = set.value();
          default -> settings.put(set.key(), set.value());
        }
      } else if (item instanceof Section nested) {
        Map<String, String> target = nested.type().equals("lua_settings") ? lua
            : List.of("fields", "passdb_fields", "userdb_fields").contains(nested.type())
                ? fields : null;
        if (target != null) {
          for (Item inner : nested.body()) {
            if (inner instanceof Setting set) {
              target.put(set.key(), set.value());
            }
          }
        }
      }
    }
    if (driver == null) {
      driver = s.name(); // only generated for named 2.4 blocks
    }
    String name = s.name().isEmpty() ? driver : s.name();
    return new ExpectedDb(s.type(), name, driver, args, settings, lua, fields, line);
  }
}
