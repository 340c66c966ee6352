package org.dovelua.dict;

import java.util.List;

/**
 * One dictionary as src/lib-dict's {@code struct dict} offers it to the auth dict driver: a
 * synchronous {@code dict_lookup()} and a non-recursive {@code dict_iterate_init()} (flags 0,
 * values wanted, no row limit). Keys and paths carry their {@code shared/} prefix, as auth sends
 * them; {@code username} is {@code dict_op_settings.username} (the request's user, or the
 * iteration mask).
 */
public interface Dict extends AutoCloseable {
    /** {@code dict_lookup()}: found (1), not found (0) or failed (-1, with lib-dict's error text). */
    DictLookup lookup(String key, String username);

    /**
     * {@code dict_iterate_init()} + {@code dict_iterate()} + {@code dict_iterate_deinit()}: every
     * row under {@code path}, or the error the iteration ended with.
     */
    DictIteration iterate(String path, String username);

    /**
     * The process went back to its main loop with nothing pending (the auth request is
     * answered): a {@code proxy:} dict with idle_msecs 0 drops its connection now, so the next
     * request opens a new one (dict-client.c client_dict_add_timeout/client_dict_timeout).
     * Modules without connections ignore it.
     */
    default void idle() {
    }

    /** {@code dict_deinit()}: drops connections (no error: lib-dict has none to report). */
    @Override
    void close();

    /** The result of one lookup: {@code ret} 1 with {@code value}, 0, or -1 with {@code error}. */
    record DictLookup(int ret, String value, String error) {
        public static DictLookup found(String value) {
            return new DictLookup(1, value, null);
        }

        public static DictLookup notFound() {
            return new DictLookup(0, null, null);
        }

        public static DictLookup failed(String error) {
            return new DictLookup(-1, null, error);
        }
    }

    /** One iteration: the rows (full keys, values) in the dictionary's order, or the error. */
    record DictIteration(List<Row> rows, String error) {
        public record Row(String key, String value) {
        }

        public static DictIteration of(List<Row> rows) {
            return new DictIteration(List.copyOf(rows), null);
        }

        public static DictIteration failed(String error) {
            return new DictIteration(List.of(), error);
        }

        public boolean ok() {
            return error == null;
        }
    }
}
