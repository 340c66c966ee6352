/**
 * Lua 5.4 where scripts can see it, over LuaJ's 5.2: the source front end (new operators, escapes,
 * attributes), and the 5.4 libraries (lstrlib.c, lmathlib.c, lutf8lib.c, liolib.c) with the C
 * library routines they rest on (printf's %g, strtod).
 */
package org.dovelua.lua.lua54;
