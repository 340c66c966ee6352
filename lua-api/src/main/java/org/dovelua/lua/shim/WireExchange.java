package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dovelua.lua.http.HttpExchange;

/**
 * An HTTP/1.1 exchange read back from the bytes a {@link TcpSocket} sent and received, so a
 * request LuaSocket's http.lua wrote by hand is recorded as {@code dovecot.http}'s are: the
 * request line and headers as sent, bodies with any chunked coding removed. A response that never
 * came (the script closed first, or the server sent nothing) is status 0 with an empty reason.
 */
final class WireExchange {
    private WireExchange() {
    }

    private record Message(String startLine, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    static HttpExchange parse(String url, byte[] request, byte[] response) {
        Message req = message(request);
        String[] line = req.startLine.split(" ", 3);
        Message resp = message(response);
        int status = 0;
        String reason = "";
        String[] sl = resp.startLine.split(" ", 3);
        if (sl.length >= 2 && sl[0].startsWith("HTTP/") && sl[1].matches("\\d{3}")) {
            status = Integer.parseInt(sl[1]);
            reason = sl.length == 3 ? sl[2] : "";
        }
        return new HttpExchange(line[0], url, req.headers, req.body, status, reason, resp.headers, resp.body);
    }

    private static Message message(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        byte[] rest = end < 0 ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
        String[] lines = head.split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon);
                String value = lines[i].substring(colon + 1).strip();
                headers.add(Map.entry(name, value));
                chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked");
            }
        }
        return new Message(lines.length == 0 ? "" : lines[0], headers, chunked ? dechunk(rest) : rest);
    }

    /** The chunks' data, as far as the bytes go. */
    private static byte[] dechunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            int eol = indexOfCrlf(b, i);
            if (eol < 0) {
                break;
            }
            String sizeLine = new String(b, i, eol - i, StandardCharsets.ISO_8859_1);
            int semi = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            i = eol + 2;
            if (size == 0) {
                break;
            }
            int n = Math.min(size, b.length - i);
            out.write(b, i, n);
            i += n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
