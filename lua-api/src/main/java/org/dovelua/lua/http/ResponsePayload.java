package org.dovelua.lua.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * How dlua reads a response payload ({@code dlua_http_response_input_payload} of 2.3.19.1 and
 * 2.4.1 src/lib-lua/dlua-dovecot-http.c). The response object is made when the headers arrive
 * ({@code dlua_http_request_callback}); the payload is then appended to a string until the stream
 * ends or fails. A failure does not change what the script sees but the payload, which keeps what
 * was read: lib-http has already called the callback (it is NULL afterwards,
 * http-client-request.c {@code http_client_request_callback}), and dlua only logs
 * {@code ERROR: REQUEST PAYLOAD READ ERROR: %s} ({@code ctx->error} is never shown to Lua).
 */
final class ResponsePayload {
    /** Why reading stopped early. */
    enum Cut {
        /** Read to the end. */
        NONE,
        /** {@code request_timeout_msecs} without input: lib-http's {@code i_stream_create_timeout}. */
        IDLE_TIMEOUT,
        /** {@code request_absolute_timeout_msecs}: lib-http ends the request, the payload stays cut. */
        ABSOLUTE_TIMEOUT,
        /** dovelua's ceiling ({@link HttpRouter#maxResponsePayload}). */
        CEILING
    }

    /**
     * What was read.
     *
     * @param error the istream error dlua logs, or null (none, or nothing Dovecot would log)
     */
    record Read(byte[] bytes, Cut cut, String error) {
        static final Read EMPTY = new Read(new byte[0], Cut.NONE, null);
    }

    /** http-message-parser.c {@code http_message_parse_body_sized}, when a max payload size is set. */
    static final String TOO_LARGE = "Payload is too large";
    /** http-transfer-chunked.c, when the chunks add up to more than the max payload size. */
    static final String CHUNKED_TOO_LARGE = "Total chunked payload size exceeds maximum";

    private ResponsePayload() {
    }

    /**
     * Reads {@code in} (the decoded payload) to its end, keeping at most {@code ceiling} bytes.
     * Idle waits fail as {@link SocketTimeoutException} (the socket's read timeout is the request
     * timeout); OkHttp's call timeout, and the raw exchange's deadline, as another
     * {@link InterruptedIOException}. Other I/O failures are thrown.
     */
    static Read read(InputStream in, boolean chunked, long ceiling, long idleTimeoutMs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long lastRead = System.nanoTime();
        try {
            while (true) {
                int room = (int) Math.min(buf.length, ceiling - out.size() + 1);
                int n = in.read(buf, 0, room);
                if (n < 0) {
                    return new Read(out.toByteArray(), Cut.NONE, null);
                }
                lastRead = System.nanoTime();
                if (out.size() + (long) n > ceiling) {
                    out.write(buf, 0, (int) (ceiling - out.size()));
                    // chunked: the error http_transfer_chunked_istream gives past its max_size;
                    // a body read to the connection's close has no limit in lib-http (its FIXME),
                    // so dlua logs nothing and only dovelua's hint says why it was cut
                    return new Read(out.toByteArray(), Cut.CEILING, chunked ? CHUNKED_TOO_LARGE : null);
                }
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return new Read(out.toByteArray(), Cut.IDLE_TIMEOUT, readTimeout(lastRead, idleTimeoutMs, out.size()));
        } catch (InterruptedIOException e) {
            // the queue's absolute timeout fails the request with "Absolute request timeout
            // expired" (http-client-queue.c), which reaches no callback: the script keeps the cut payload
            return new Read(out.toByteArray(), Cut.ABSOLUTE_TIMEOUT, null);
        }
    }

    /** istream-timeout.c {@code i_stream_timeout}: {@code Read timeout in %u.%03u s after %llu bytes%s}. */
    static String readTimeout(long lastReadNanos, long timeoutMs, long bytes) {
        long diff = (System.nanoTime() - lastReadNanos) / 1_000_000;
        long over = diff - timeoutMs;
        return String.format(Locale.ROOT, "Read timeout in %d.%03d s after %d bytes%s", diff / 1000, diff % 1000,
                bytes, over < 1000 ? "" : " (requested timeout in " + timeoutMs + " ms)");
    }
}
