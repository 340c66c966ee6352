package org.dovelua.auth;

/** A passdb driver ({@code struct passdb_module_interface}): plaintext verify and credentials lookup. */
public interface Passdb {
    /** {@code verify_plain}: the result code for {@code password}. */
    long verifyPlain(AuthRequest r, String password);

    /** {@code lookup_credentials}: the result code; on OK the request's passdb password is set. */
    long lookupCredentials(AuthRequest r);

    /** The driver name, e.g. {@code lua}. */
    String driver();

    /** Whether the driver runs in auth workers ({@code blocking=yes}). */
    default boolean blocking() {
        return false;
    }

    /** Called once at auth process start ({@code passdb_init}). */
    default void init() throws AuthInitException {
    }

    default void deinit() {
    }

    /** The auth worker hosting this driver died; a new one takes its place. */
    default void restartWorker() throws AuthInitException {
    }
}
