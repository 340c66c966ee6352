package org.dovelua.lua.http;

import java.util.List;

/**
 * What OpenSSL 3's client logs through 2.4's info callback for a full TLS 1.2 handshake with an
 * ECDHE suite and a session ticket, as {@code openssl s_client -state} showed against a JDK server
 * (the unit and the socket-level test expect the same lines).
 */
final class OpenSslStateLines {
    static final List<String> TLS12_ECDHE_WITH_TICKET = List.of(
            "SSL: where=0x10, ret=1: before SSL initialization",
            "SSL: where=0x1001, ret=1: before SSL initialization",
            "SSL: where=0x1001, ret=1: SSLv3/TLS write client hello",
            "SSL: where=0x1001, ret=1: SSLv3/TLS write client hello",
            "SSL: where=0x1001, ret=1: SSLv3/TLS read server hello",
            "Received valid SSL certificate: /CN=127.0.0.1",
            "SSL: where=0x1001, ret=1: SSLv3/TLS read server certificate",
            "SSL: where=0x1001, ret=1: SSLv3/TLS read server key exchange",
            "SSL: where=0x1001, ret=1: SSLv3/TLS read server done",
            "SSL: where=0x1001, ret=1: SSLv3/TLS write client key exchange",
            "SSL: where=0x1001, ret=1: SSLv3/TLS write change cipher spec",
            "SSL: where=0x1001, ret=1: SSLv3/TLS write finished",
            "SSL: where=0x1001, ret=1: SSLv3/TLS write finished",
            "SSL: where=0x1001, ret=1: SSLv3/TLS read server session ticket",
            "SSL: where=0x1001, ret=1: SSLv3/TLS read change cipher spec",
            "SSL: where=0x1001, ret=1: SSLv3/TLS read finished",
            "SSL: where=0x20, ret=1: SSL negotiation finished successfully",
            "SSL: where=0x1002, ret=1: SSL negotiation finished successfully");

    private OpenSslStateLines() {
    }
}
