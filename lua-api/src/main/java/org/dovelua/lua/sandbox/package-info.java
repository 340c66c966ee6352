/**
 * What keeps a script inside its test: the virtual file system (mounts, real-path checks), the
 * {@code io}/{@code os}/{@code package} overrides that read through it, and errno texts as glibc words them.
 */
package org.dovelua.lua.sandbox;
