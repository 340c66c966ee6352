/**
 * What keeps a script inside its test: the virtual file system (mounts, real-path checks), the
 * {@code io}/{@code os}/{@code package} overrides that read through it, and errno texts as glibc words them.
 * The commands {@code io.popen} and {@code os.execute} run reach a {@link Shell}: exec stubs
 * ({@link StubShell}, the default: an unstubbed command is a missing program) or, with
 * {@code --allow-exec}, real ones ({@link RealShell}); {@link RecordingShell} keeps what each command was
 * given for a case's {@code expect: exec:}.
 */
package org.dovelua.lua.sandbox;
