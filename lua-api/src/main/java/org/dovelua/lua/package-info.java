/**
 * The generic Lua host (Dovecot's src/lib-lua, dlua-script.c): a state per script, loading,
 * protected calls with time and stack limits, the built-in module table. Knows nothing about auth.
 */
package org.dovelua.lua;
