/**
 * The modules with a C part that real scripts {@code require}, built in so they load offline: one
 * class per Lua-visible module in LuaJ's library idiom ({@code cjson}, {@code base64}, ...).
 */
package org.dovelua.lua.shim;
