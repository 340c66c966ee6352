package org.dovelua.auth.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What {@link ConfigParser} read from a dovecot.conf: the part the auth emulation needs. */
public final class DovecotConfig {
  /** The setting that marks a 2.4 config (it must come first there). */
  public static final String CONFIG_VERSION_SETTING = "dovecot_config_version";

  private final Path sourceFile;
  private final ConfigSyntax syntax;
  private final Map<String, String> settings;
  private final List<DbConfig> passdbs;
  private final List<DbConfig> userdbs;
  private final List<String> warnings;
  private final Map<String, Map<String, String>> services;
  private final Map<String, Map<String, String>> serviceLocations;
  private final List<Token> tokens;
  private final Map<String, String> dicts;
  private Map<String, String> oauth2 = Map.of();

  DovecotConfig(Path sourceFile, ConfigSyntax syntax, Map<String, String> settings,
      List<DbConfig> passdbs, List<DbConfig> userdbs, List<String> warnings,
      Map<String, Map<String, String>> services, Map<String, Map<String, String>> serviceLocations,
      Map<String, String> dicts, List<Token> tokens) {
    this.dicts = dicts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(dicts));
    this.tokens = List.copyOf(tokens);
    this.services = Map.copyOf(services);
    this.serviceLocations = Map.copyOf(serviceLocations);
    this.sourceFile = Objects.requireNonNull(sourceFile);
    this.syntax = Objects.requireNonNull(syntax);
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.passdbs = List.copyOf(passdbs);
    this.userdbs = List.copyOf(userdbs);
    this.warnings = List.copyOf(warnings);
  }

  /** The top file (or the pseudo file name given with the text). */
  public Path sourceFile() {
    return sourceFile;
  }

  /**
   * Top-level settings in first-set order, later values winning, {@code $variables} expanded.
   * Settings inside sections ({@code protocol}, {@code service}, ...) are not in here.
   */
  public Map<String, String> settings() {
    return settings;
  }

  /** A top-level setting, or null when the file does not set it. */
  public String setting(String key) {
    return settings.get(key);
  }

  /**
   * A setting of a {@code service auth} or {@code service auth-worker} block (the others are not
   * read), or null when the file does not set it there.
   */
  public String serviceSetting(String service, String key) {
    Map<String, String> block = services.get(service);
    return block == null ? null : block.get(key);
  }

  /** The {@code service auth} and {@code service auth-worker} blocks read: service name to settings. */
  public Map<String, Map<String, String>> services() {
    return services;
  }

  /** {@code file:line} of a {@link #serviceSetting}, or null. */
  public String serviceSettingLocation(String service, String key) {
    Map<String, String> block = serviceLocations.get(service);
    return block == null ? null : block.get(key);
  }

  /**
   * The top-level {@code dict { NAME = URI }} block (dict-settings.c {@code dicts}): the names
   * Dovecot's dict service answers for, in file order; null when the file has no such block.
   */
  public Map<String, String> dicts() {
    return dicts;
  }

  DovecotConfig withOauth2(Map<String, String> settings) {
    this.oauth2 = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    return this;
  }

  /**
   * What 2.4's {@code oauth2} filter sees (db-oauth2.c): root {@code oauth2_*} settings, then those
   * inside {@code oauth2 { }} with their prefix; nested sections' keys as {@code section/.../key}.
   */
  public Map<String, String> oauth2() {
    return oauth2;
  }

  /** {@code dovecot_config_version}, or null (then the file is 2.3 unless its blocks say 2.4). */
  public String dovecotConfigVersion() {
    return settings.get(CONFIG_VERSION_SETTING);
  }

  public ConfigSyntax syntax() {
    return syntax;
  }

  /** Top-level passdb blocks in file order (includes spliced in). */
  public List<DbConfig> passdbs() {
    return passdbs;
  }

  /** Top-level userdb blocks in file order (includes spliced in). */
  public List<DbConfig> userdbs() {
    return userdbs;
  }

  /**
   * Refuses a setting or section name {@code names}' release does not know, as doveconf does
   * before anything runs.
   */
  public void checkNames(KnownSettings names) throws ConfigException {
    names.check(tokens);
  }

  /** Located warnings Dovecot would log while reading the file (e.g. ambiguous '#'). */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "DovecotConfig[" + sourceFile + ", " + syntax + ", settings=" + settings
        + ", passdbs=" + passdbs + ", userdbs=" + userdbs + "]";
  }
}
