/**
 * The LuaJ bytecode patches ({@link org.dovelua.lua.lua54.vm.LuajPatches}) and every method they
 * call: 5.4 numbers (lvm.c, lobject.c), numerals, float text and VM/syntax error texts.
 *
 * <p>Called from patched LuaJ bytecode: keep the names and signatures of the static methods here
 * (the patches name them by class literal, so a move fails to compile, but a changed signature only
 * fails when the patch is applied at start-up; {@code LuajPatchesTest} checks every target).
 */
package org.dovelua.lua.lua54.vm;
