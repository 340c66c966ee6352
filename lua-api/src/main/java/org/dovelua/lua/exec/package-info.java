/**
 * What a script's {@code io.popen} and {@code os.execute} reach: a {@link org.dovelua.lua.exec.Shell}
 * that answers {@code /bin/sh -c COMMAND} from exec stubs ({@link org.dovelua.lua.exec.StubShell}, the
 * default: an unstubbed command is a missing program) or, with {@code --allow-exec}, by running it
 * ({@link org.dovelua.lua.exec.RealShell}); {@link org.dovelua.lua.exec.RecordingShell} keeps what each
 * command was given for a case's {@code expect: exec:}.
 */
package org.dovelua.lua.exec;
