package org.dovelua.auth.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code passdb} or {@code userdb} block, in either syntax. The parser does not validate
 * drivers or args; the runtime does, and uses {@link #location()} to point at the block.
 *
 * @param kind "passdb" or "userdb"
 * @param name 2.4: the block name ({@code passdb lua {}); 2.3: the section name if given, else
 *     the driver
 * @param driver {@code driver =} inside the block; in 2.4 defaulting to the block name
 * @param args 2.3 {@code args =}, raw; "" when absent
 * @param settings every other {@code key = value} directly inside the block, in file order
 * @param luaSettings the nested {@code lua_settings {}} block (2.4 STRLIST), in file order
 * @param fields the nested {@code passdb_fields {}}, {@code userdb_fields {}} and {@code fields
 *     {}} blocks merged, in file order
 * @param sourceFile the file the block starts in
 * @param line the line the block starts on
 */
public record DbConfig(
    String kind,
    String name,
    String driver,
    String args,
    Map<String, String> settings,
    Map<String, String> luaSettings,
    Map<String, String> fields,
    Path sourceFile,
    int line) {

  public DbConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(sourceFile, "sourceFile");
    settings = frozen(settings);
    luaSettings = frozen(luaSettings);
    fields = frozen(fields);
  }

  /** A setting inside the block, or null when absent. */
  public String setting(String key) {
    return settings.get(key);
  }

  /** {@code file:line} of the block start, the prefix for the runtime's located errors. */
  public String location() {
    return sourceFile + ":" + line;
  }

  private static Map<String, String> frozen(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map)));
  }
}
