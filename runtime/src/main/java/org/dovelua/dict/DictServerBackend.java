package org.dovelua.dict;

import java.util.List;
import java.util.Map;

/**
 * What a {@link DictProxyServer} answers from: a data file ({@link DictProxyData}) or the
 * dictionaries of Dovecot's dict service ({@link DictService}). As dict-connection.c, the
 * handshake names a dictionary and the connection then serves that one.
 */
public interface DictServerBackend {
    /** Async ids and timings (protocol 3.2, as Dovecot's dict server) or bare in-order replies. */
    boolean async();

    /**
     * {@code dict_connection_dict_init()}: the dictionary the handshake names, or null when the
     * server refuses it (it has logged why; the connection is closed).
     *
     * @param listener the socket's name in the server's log label ({@code conn unix:dict (pid=P,uid=U): })
     */
    Source open(String dictName, String listener);

    /** One connection's dictionary. */
    interface Source {
        /** The answer to {@code L}; null is not found ({@code N}). */
        DictProxyData.Answer lookup(String key, String username);

        /** The answer to {@code I}: the rows, or a fault instead of them. */
        Listing iterate(String path, String username);
    }

    /** An iteration's rows (key, values), or the fault ({@code fail}, {@code drop}, ...) instead. */
    record Listing(List<Map.Entry<String, List<String>>> rows, DictProxyData.Answer fault) {
    }
}
