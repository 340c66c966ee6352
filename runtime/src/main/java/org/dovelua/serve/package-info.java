/**
 * {@code dovelua serve}: a long-running dovelua the {@code dovelua} launcher forwards command lines
 * to over loopback, as doveadm talks to a running Dovecot. {@link org.dovelua.serve.ServeEndpoint}
 * is where a server is found (port and token, a 0600 file), {@link org.dovelua.serve.ServeProtocol}
 * the bytes on the wire, {@link org.dovelua.serve.ServeServer} the listener and
 * {@link org.dovelua.serve.ServeClient} the Java side of a call (the launcher's bash is the other).
 * What a call runs is the CLI's business ({@code org.dovelua.cli.ServedProcesses}).
 */
package org.dovelua.serve;
