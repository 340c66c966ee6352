package org.dovelua.auth.config;

/** Which dovecot.conf dialect a file is written in; it decides how passdb/userdb blocks read. */
public enum ConfigSyntax {
  /** {@code passdb { driver = lua  args = file=... }}: the driver is a setting. */
  V2_3,
  /**
   * {@code passdb lua { lua_file = ... }}: chosen when {@code dovecot_config_version} is set or a
   * named passdb/userdb block has no {@code driver} (2.4 then takes the driver from the name).
   */
  V2_4
}
