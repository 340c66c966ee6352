/**
 * The {@code dovecot} global (dlua-dovecot.c): the {@code i_*} loggers, events and their flags,
 * {@code restrict_global_variables}, and the log levels and sinks the host writes through.
 */
package org.dovelua.lua.dovecot;
