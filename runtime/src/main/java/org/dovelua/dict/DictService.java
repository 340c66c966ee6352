package org.dovelua.dict;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.dovelua.lua.dovecot.DovecotEvent;

/**
 * Dovecot's own dict service (src/dict, 2.3.19): the {@code dict} process answering the
 * {@code proxy:} clients that connect to its listeners {@code <base_dir>/dict} and
 * {@code <base_dir>/dict-async} (both in {@code doveconf -a}'s default services), with the
 * dictionaries of dovecot.conf's {@code dict { NAME = URI }} block. Each is opened through
 * {@link DictModules#standard()} ({@code file:} through the mounts, {@code redis:} with its
 * fixtures) and served by a {@link DictProxyServer}, so the {@code proxy:} client runs its one
 * code path. Its own log lines (dict-connection.c, dict-commands.c) go to the {@code dict}
 * process's log.
 */
public final class DictService {
    /** The service's unix_listeners (master-settings of service dict and dict-async, 2.3.19). */
    static final List<String> LISTENERS = List.of("dict", "dict-async");

    private final Map<String, String> dicts;
    private final String baseDir;
    private final DovecotEvent process;
    private final Consumer<String> hints;
    /** Opens a configured URI as the dict process does: the context the worker's dicts get, its own event. */
    private final Opener opener;
    /** dict-init-cache.c: one open dictionary per name, shared by the connections. */
    private final Map<String, Dict> open = new LinkedHashMap<>();

    /** {@code dict_init()} of a configured URI with the dict process's event as its parent. */
    @FunctionalInterface
    public interface Opener {
        Dict open(String uri, DovecotEvent parent) throws DictInitException;
    }

    /**
     * @param dicts   the {@code dict {}} block's entries, or null when dovecot.conf has no such block
     * @param process the dict process's root event ({@code dict: } in the log)
     */
    public DictService(Map<String, String> dicts, String baseDir, DovecotEvent process, Opener opener,
            Consumer<String> hints) {
        this.dicts = dicts == null ? null : Map.copyOf(dicts);
        this.baseDir = baseDir;
        this.process = process;
        this.opener = opener;
        this.hints = hints;
    }

    /** The listener a {@code proxy:} socket path is, if it is one of the service's. */
    Optional<String> listener(String socketPath) {
        for (String l : LISTENERS) {
            if (socketPath.equals(baseDir + "/" + l)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** A server answering as the service on {@code listener}, on a private socket. */
    DictProxyServer serve(String listener) throws IOException {
        return DictProxyServer.startPrivate(new Backend(), listener);
    }

    /**
     * dict_connection_dict_init() (dict-connection.c@2.3.19): the named dictionary, or an error
     * logged on the connection and the connection closed, which the client sees as
     * {@code Connection closed}.
     */
    private synchronized DictServerBackend.Source open(String name, String listener) {
        // connection.c connection_update_event(): "conn unix:LISTENER (pid=P,uid=U): " for a server
        // connection; the client is this process (the emulated auth worker)
        DovecotEvent conn = process.child().appendLogPrefix("conn unix:" + listener + " (" + clientLabel() + "): ");
        if (dicts == null) {
            conn.error("No dictionaries configured");
            hint("dovecot.conf has no dict { } block, so Dovecot's dict service has no dictionary '" + name
                    + "': add dict { " + name + " = URI }, or give --dict proxy::" + name + "=FILE");
            return null;
        }
        String uri = dicts.get(name);
        if (uri == null) {
            conn.error("Unconfigured dictionary name '" + name + "'");
            hint("the dict { } block of dovecot.conf names no dictionary '" + name + "' (it has: "
                    + String.join(", ", dicts.keySet()) + ")");
            return null;
        }
        // event_set_append_log_prefix(conn->event, "NAME: ") takes the place of the connection's label
        DovecotEvent named = process.child().appendLogPrefix(name + ": ");
        Dict dict = open.get(name);
        if (dict == null) {
            try {
                dict = opener.open(uri, named);
            } catch (DictInitException e) {
                named.error("Failed to initialize dictionary '" + name + "': " + e.getMessage());
                return null;
            }
            open.put(name, dict);
        }
        return new ServedDict(dict, named);
    }

    private void hint(String line) {
        hints.accept("dict service: " + line + " (docs/dict-proxy.md)");
    }

    private static String clientLabel() {
        long pid = ProcessHandle.current().pid();
        return "pid=" + pid + ",uid=" + UnixPeer.uidOf(pid);
    }

    /** dict_deinit() of the dictionaries the connections opened. */
    public synchronized void close() {
        open.values().forEach(Dict::close);
        open.clear();
    }

    private final class Backend implements DictServerBackend {
        @Override
        public boolean async() {
            // the auth worker's client speaks 3.2: async ids and timings (dict-commands.c)
            return true;
        }

        @Override
        public Source open(String dictName, String listener) {
            return DictService.this.open(dictName, listener);
        }
    }
}
