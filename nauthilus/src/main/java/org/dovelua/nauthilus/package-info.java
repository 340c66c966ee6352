/**
 * The Nauthilus plugin host (Nauthilus's {@code server/lua} and {@code server/testing/luatest}):
 * the plugin modules, one class each, the request and its context, the Redis wiring, and the
 * {@code --test-lua}-compatible runner. Plugins run in the gopher-lua dialect (Lua 5.1 and
 * {@code goto}); see {@code ../shared/spec/nauthilus-plugin-host.md}.
 */
package org.dovelua.nauthilus;
