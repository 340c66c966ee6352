package org.dovelua.dict;

import java.util.List;
import org.dovelua.lib.TabEscape;

/**
 * One line from a dict server as {@code dict_conn_input_line()} (dict-client.c@2.3.19) reads it:
 * an async-id allocation {@code *<n>} (checked on the raw line), or a reply: the line split at
 * TABs and unescaped ({@code t_strsplit_tabescaped}), an optional {@code +<n>} first field, then
 * the reply code (the first character of the next field, {@code \0} when the field is empty or
 * missing), its value, and the extra fields (values, or the server's timings).
 */
public record DictReply(String line, String asyncArg, char code, String value, List<String> extra) {
    /** dict-client.h DICT_PROTOCOL_REPLY_ASYNC_ID. */
    public static final char ASYNC_ID = '*';
    /** DICT_PROTOCOL_REPLY_ASYNC_REPLY. */
    public static final char ASYNC_REPLY = '+';
    /** DICT_PROTOCOL_REPLY_ITER_FINISHED: no fields at all, or an empty first field. */
    public static final char ITER_FINISHED = '\0';

    public boolean isAsyncId() {
        return code == ASYNC_ID && asyncArg == null && value == null;
    }

    public static DictReply parse(String line) {
        if (!line.isEmpty() && line.charAt(0) == ASYNC_ID) {
            return new DictReply(line, null, ASYNC_ID, null, List.of());
        }
        List<String> args = TabEscape.split(line);
        String async = null;
        if (!args.isEmpty() && !args.get(0).isEmpty() && args.get(0).charAt(0) == ASYNC_REPLY) {
            async = args.get(0);
            args = args.subList(1, args.size());
        }
        if (args.isEmpty()) {
            // dict_cmd_callback_line: "" is a valid iteration reply (value NULL)
            return new DictReply(line, async, ITER_FINISHED, null, List.of());
        }
        String first = args.get(0);
        char code = first.isEmpty() ? ITER_FINISHED : first.charAt(0);
        return new DictReply(line, async, code, first.isEmpty() ? "" : first.substring(1),
                List.copyOf(args.subList(1, args.size())));
    }

    /** {@code str_to_uint()} of an id after its {@code *}/{@code +}, or 0 when invalid (0 is invalid too). */
    static long id(String arg) {
        String digits = arg.substring(1);
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        long v = Long.parseLong(digits);
        return v > 0xffffffffL ? 0 : v;
    }
}
