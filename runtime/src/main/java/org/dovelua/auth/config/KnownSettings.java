package org.dovelua.auth.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * The setting names a Dovecot release knows, and doveconf's refusal of any other name: the first
 * unknown one stops the config with its line, as src/config/config-parser.c does. The names are
 * data generated from the real servers' {@code doveconf -a}/{@code -d}
 * (conformance-tests/known-settings/generate.py): settings dovelua does not emulate are known too,
 * so they stay accepted.
 *
 * <p>2.3 (config-parser.c {@code config_apply_line}): a name is looked up with its section path,
 * {@code passdb { driver}; a section is a setting of its parent, and filters ({@code protocol},
 * {@code local}, {@code remote}, {@code local_name}: config-filter.c) take root settings and are
 * not part of the path ({@code section_stack_write}). SET_STRLIST sections (plugin, dict) take any
 * key. 2.4 ({@code config_set_unknown_key_error}, {@code config_parser_add_section}): names are flat
 * and tried as written, then with the enclosing filter's {@code type_} and {@code type_name_}
 * prefixes; a section is a filter (some name starts with {@code type_}) or a list setting (free-form).
 */
public final class KnownSettings {
  private static final Set<String> FILTERS = Set.of("protocol", "local", "remote", "local_name");
  /**
   * 2.4 named filters that are no setting of their own ({@code SET_FILTER_NAME}), so doveconf's
   * listings behind known-settings-2.4.txt never print them: db-oauth2.c's
   * {@code oauth2_local_validation} (its dict's settings inside).
   */
  private static final Set<String> FILTER_NAMES_24 = Set.of("oauth2_local_validation");
  private static final String FREE_FORM = " { *";
  private static final String SEP = " { ";

  private static volatile KnownSettings v23;
  private static volatile KnownSettings v24;
  /**
   * How a later 2.4 release's names differ from the generated 2.4.1 list: the names its row adds and
   * drops. doveconf -d on 2.4.5 (forky) against 2.4.1 (trixie); each row's upstream commits are in
   * its Since source (cases 475/476, 510/511).
   */
  private record Change(Since row, Set<String> added, Set<String> dropped) {}

  /** In release order, so a name a later row drops again goes. */
  private static final List<Change> CHANGES_24 = List.of(
      new Change(Since.OAUTH2_TOKEN_EXPIRE_GRACE, Set.of("oauth2_token_expire_grace"), Set.of()),
      new Change(Since.SETTING_NAMES_242,
          Set.of("acl_dict_index", "auth_master_socket_path", "dns_client_timeout", "imap4rev2_enable",
              "ssl_peer_certificate_fingerprint_hash", "sieve_extlists_list_name",
              "sieve_extlists_list_max_lookup_size"),
          Set.of("http_client_dns_client_socket_path")),
      new Change(Since.SETTING_NAMES_243, Set.of("mailbox_list_normalize_names_to_nfc"), Set.of("acl_global_path")),
      new Change(Since.SETTING_NAMES_244, Set.of("service_reuse_port"), Set.of("inet_listener_reuse_port")),
      new Change(Since.SETTING_NAMES_245,
          Set.of("last_login_dict_fields", "sieve_notify_max_notifications", "sieve_notify_mailto_max_headers",
              "sieve_notify_mailto_max_recipients"),
          Set.of("passdb_sql_update_query")));
  private static final java.util.Map<List<Since>, KnownSettings> V24_CHANGED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Set<String> names;
  private final boolean flat;

  private KnownSettings(Set<String> names, boolean flat) {
    this.names = names;
    this.flat = flat;
  }

  /** The names of {@code version}'s family (one list per row of {@link Since#SETTING_NAMES_FLAT}). */
  public static KnownSettings of(DovecotVersion version) {
    if (version.has(Since.SETTING_NAMES_FLAT)) {
      if (v24 == null) {
        v24 = new KnownSettings(load("known-settings-2.4.txt"), true);
      }
      List<Change> changes = new ArrayList<>();
      for (Change c : CHANGES_24) {
        if (version.has(c.row())) {
          changes.add(c);
        }
      }
      if (changes.isEmpty()) {
        return v24;
      }
      KnownSettings base = v24;
      return V24_CHANGED.computeIfAbsent(changes.stream().map(Change::row).toList(), r -> {
        Set<String> all = new HashSet<>(base.names);
        for (Change c : changes) {
          all.addAll(c.added());
          all.removeAll(c.dropped());
        }
        return new KnownSettings(Set.copyOf(all), true);
      });
    }
    if (v23 == null) {
      v23 = new KnownSettings(load("known-settings-2.3.txt"), false);
    }
    return v23;
  }

  /** Whether a top-level setting of this name is known. */
  public boolean knows(String name) {
    return names.contains(name);
  }

  private static Set<String> load(String resource) {
    Set<String> out = new HashSet<>();
    try (InputStream in = KnownSettings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }

  private enum Kind {
    /** A section of the 2.3 path, or a 2.4 named filter. */
    SECTION,
    /** protocol/local/remote/local_name: neither in the path nor a prefix. */
    FILTER,
    /** A list setting: any key inside. */
    FREE
  }

  private record Frame(Kind kind, String type, String name) {}

  /** Refuses the first setting or section name the release does not know, as doveconf does. */
  public void check(List<Token> tokens) throws ConfigException {
    Deque<Frame> open = new ArrayDeque<>();
    for (Token t : tokens) {
      boolean free = !open.isEmpty() && open.peek().kind() == Kind.FREE;
      switch (t.type()) {
        case SETTING, VARIABLE_SETTING -> {
          if (!free) {
            setting(t, open);
          }
        }
        case SECTION_START -> open.push(free ? new Frame(Kind.FREE, t.key(), t.value()) : section(t, open));
        case SECTION_END -> {
          if (!open.isEmpty()) {
            open.pop();
          }
        }
        case END_OF_FILE -> { }
      }
    }
  }

  private void setting(Token t, Deque<Frame> open) throws ConfigException {
    String key = t.key();
    if (!flat) {
      String prefix = path(open);
      if (!names.contains(prefix + key)) {
        throw unknown(t, "Unknown setting: " + prefix + key, key, siblings(prefix));
      }
      return;
    }
    if (names.contains(key) || prefixed(key, open) != null) {
      return;
    }
    Frame filter = innermostSection(open);
    StringBuilder problem = new StringBuilder(key).append(": Unknown setting: ").append(key);
    Set<String> near = new TreeSet<>(names);
    if (filter != null) {
      String type = filter.type();
      problem.append(" (").append(type).append('_').append(key);
      if (!filter.name().isEmpty()) {
        problem.append(" or ").append(type).append('_').append(filter.name().replace('/', '_')).append('_').append(key);
      }
      problem.append(" not found either.");
      if (!filter.name().isEmpty()) {
        List<String> alt = alternatives(type, key);
        if (alt.size() == 1) {
          problem.append(" Did you mean ").append(alt.get(0)).append('?');
        } else if (alt.size() > 1) {
          problem.append(" Did you mean one of: ").append(String.join(", ", alt)).append('?');
        }
        if (!alt.isEmpty()) {
          // Dovecot's own suggestion is the better one; no dovelua hint beside it
          throw new ConfigException(t.file(), t.line(), problem.append(')').toString(), null);
        }
      }
      problem.append(')');
      for (String n : names) {
        if (n.startsWith(type + "_")) {
          near.add(n.substring(type.length() + 1));
        }
      }
    }
    throw unknown(t, problem.toString(), key, near);
  }

  private Frame section(Token t, Deque<Frame> open) throws ConfigException {
    String type = t.key();
    if (FILTERS.contains(type)) {
      return new Frame(Kind.FILTER, type, t.value());
    }
    if (!flat) {
      String full = path(open) + type;
      if (names.contains(full + FREE_FORM)) {
        return new Frame(Kind.FREE, type, t.value());
      }
      if (!names.contains(full)) {
        throw unknown(t, "Unknown setting: " + full + SEP + type, type, siblings(path(open)));
      }
      return new Frame(Kind.SECTION, type, t.value());
    }
    if (names.contains(type) || prefixed(type, open) != null || FILTER_NAMES_24.contains(type)) {
      return new Frame(Kind.FREE, type, t.value());
    }
    for (String n : names) {
      if (n.startsWith(type + "_")) {
        return new Frame(Kind.SECTION, type, t.value());
      }
    }
    Set<String> filters = new TreeSet<>();
    names.forEach(n -> filters.add(n.contains("_") ? n.substring(0, n.indexOf('_')) : n));
    throw unknown(t, "Unknown section name: " + type, type, filters);
  }

  /** The 2.3 path of the open sections, {@code "service { unix_listener { "}. */
  private static String path(Deque<Frame> open) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<Frame> it = open.descendingIterator(); it.hasNext(); ) {
      Frame f = it.next();
      if (f.kind() == Kind.SECTION) {
        sb.append(f.type()).append(SEP);
      }
    }
    return sb.toString();
  }

  /** The names directly under a 2.3 path. */
  private Set<String> siblings(String prefix) {
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      if (n.startsWith(prefix) && !n.substring(prefix.length()).contains(SEP) && !n.endsWith(FREE_FORM)) {
        out.add(n.substring(prefix.length()));
      }
    }
    return out;
  }

  /**
   * 2.4's autoprefix: {@code type_key} or {@code type_name_key} of the innermost filter only, or null
   * (config-parser.c config_apply_line_full tries cur_section's filter_name, then the bare key: in
   * service { inet_listener { reuse_port } } 2.4.5 does not reach service_reuse_port).
   */
  private String prefixed(String key, Deque<Frame> open) {
    Frame f = innermostSection(open);
    if (f != null) {
      String byType = f.type() + "_" + key;
      if (names.contains(byType)) {
        return byType;
      }
      String byName = f.type() + "_" + f.name().replace('/', '_') + "_" + key;
      if (!f.name().isEmpty() && names.contains(byName)) {
        return byName;
      }
    }
    return null;
  }

  private static Frame innermostSection(Deque<Frame> open) {
    for (Frame f : open) {
      if (f.kind() == Kind.SECTION) {
        return f;
      }
    }
    return null;
  }

  /** config_set_unknown_key_error's {@code type_*_key} suggestions, e.g. passdb_static_password. */
  private List<String> alternatives(String type, String key) {
    List<String> out = new ArrayList<>();
    String prefix = type + "_";
    for (String n : new TreeSet<>(names)) {
      if (!n.startsWith(prefix)) {
        continue;
      }
      String suffix = n.substring(prefix.length());
      int cut = suffix.indexOf('_');
      if (cut >= 0 && suffix.substring(cut + 1).equals(key)) {
        out.add(n);
      }
    }
    return out;
  }

  private static ConfigException unknown(Token t, String problem, String key, Set<String> candidates) {
    String near = nearest(key, candidates);
    return new ConfigException(t.file(), t.line(), problem, near == null ? null : "did you mean " + near + "?");
  }

  /** The candidate within two edits (and less than half the word) of {@code word}, or null. */
  static String nearest(String word, Set<String> candidates) {
    String best = null;
    int bestDistance = Math.min(2, (word.length() - 1) / 2);
    for (String c : candidates) {
      int d = org.dovelua.lib.EditDistance.osa(word, c);
      if (d > 0 && d <= bestDistance) {
        best = c;
        bestDistance = d - 1;
      }
    }
    return best;
  }

}
