package org.dovelua.auth.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A passdb/userdb block while it is being read. It only becomes a {@link DbConfig} once the
 * whole file is read, because the syntax (and so the driver's default) depends on all blocks.
 */
final class DbBlock {
  final String kind;
  final String sectionName;
  final Path file;
  final int line;
  String driver;
  String args = "";
  final Map<String, String> settings = new LinkedHashMap<>();
  final Map<String, String> luaSettings = new LinkedHashMap<>();
  final Map<String, String> fields = new LinkedHashMap<>();

  DbBlock(String kind, String sectionName, Path file, int line) {
    this.kind = kind;
    this.sectionName = sectionName;
    this.file = file;
    this.line = line;
  }

  void set(String key, String value) {
    switch (key) {
      case "driver" -> driver = value;
      case "args" -> args = value;
      default -> settings.put(key, value);
    }
  }

  /** Current value of a setting written directly in this block, for $variable lookups. */
  String get(String key) {
    return switch (key) {
      case "driver" -> driver;
      case "args" -> args.isEmpty() ? null : args;
      default -> settings.get(key);
    };
  }

  /** A named block without a driver is only meaningful in 2.4, where the name is the driver. */
  boolean looksLike24() {
    return !sectionName.isEmpty() && driver == null;
  }

  DbConfig build(ConfigSyntax syntax) throws ConfigException {
    String effectiveDriver = driver;
    if (effectiveDriver == null && syntax == ConfigSyntax.V2_4) {
      effectiveDriver = sectionName.isEmpty() ? null : sectionName; // 2.4: name = driver
    }
    if (effectiveDriver == null) {
      throw new ConfigException(file, line, kind + " { } is missing driver",
          "add \"driver = lua\" (or another driver) inside the block", false);
    }
    String name = sectionName.isEmpty() ? effectiveDriver : sectionName;
    return new DbConfig(kind, name, effectiveDriver, args, settings, luaSettings, fields, file,
        line);
  }
}
