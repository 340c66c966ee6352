package org.dovelua.lua.http;

import java.util.ArrayList;
import java.util.List;

/**
 * What 2.4's lib-ssl-iostream logs while a client connection's TLS handshake runs
 * (iostream-openssl.c): {@code openssl_info_callback}'s {@code SSL: where=0x%x, ret=%d: %s} for each
 * state OpenSSL's client state machine reports (ssl/statem/statem.c, statem_clnt.c), named by
 * {@code SSL_state_string_long} (ssl/ssl_stat.c), and between them the verify callback's verdict on
 * the server certificate ({@code openssl_iostream_verify_client_cert}). The callback is told
 * {@code SSL_CB_HANDSHAKE_START} (0x10), a {@code SSL_CB_CONNECT_LOOP} (0x1001) before each state
 * change (a message header read, or a written message's transition), {@code SSL_CB_HANDSHAKE_DONE}
 * (0x20) and {@code SSL_CB_CONNECT_EXIT} (0x1002). Exits with ret=-1, where a read would block,
 * vary from run to run and are left out (docs/differential-testing.md). Each line is as the
 * connection's event logs it, after the ssl event's {@code HOST: } prefix.
 */
final class OpenSslClientStates {
    private static final String BEFORE = "before SSL initialization";
    private static final String CLIENT_HELLO = "SSLv3/TLS write client hello";
    private static final String SERVER_HELLO = "SSLv3/TLS read server hello";
    private static final String SERVER_CERT = "SSLv3/TLS read server certificate";
    private static final String WRITE_CCS = "SSLv3/TLS write change cipher spec";
    private static final String WRITE_FINISHED = "SSLv3/TLS write finished";
    private static final String READ_FINISHED = "SSLv3/TLS read finished";
    private static final String SESSION_TICKET = "SSLv3/TLS read server session ticket";
    private static final String OK = "SSL negotiation finished successfully";

    private OpenSslClientStates() {
    }

    /**
     * A full handshake (lib-ssl-iostream's client sets no session to resume), {@code verdict} (the
     * certificate's line) logged where the server's Certificate is processed. TLS 1.3 as a JDK or
     * OpenSSL server answers (seen on 2.4.1, case 507); TLS 1.2 and before as OpenSSL 3's client logs a
     * full handshake with a server that sends a session ticket (a JDK 13+ or OpenSSL server does, to
     * a client offering the extension, as lib-ssl-iostream's does unless {@code ssl_options =
     * no_ticket}) and, for an (EC)DHE suite, a ServerKeyExchange; a server asking for a client
     * certificate would add states that are not modelled.
     */
    static List<String> handshake(TlsHandshake h, String verdict) {
        List<String> out = new ArrayList<>();
        out.add(state(0x10, BEFORE));
        loop(out, BEFORE, CLIENT_HELLO, CLIENT_HELLO);
        if (h.tls13()) {
            loop(out, SERVER_HELLO, "TLSv1.3 read encrypted extensions");
            out.add(verdict);
            loop(out, SERVER_CERT, "TLSv1.3 read server certificate verify", READ_FINISHED, WRITE_CCS,
                    WRITE_FINISHED);
        } else {
            loop(out, SERVER_HELLO);
            out.add(verdict);
            loop(out, SERVER_CERT);
            if (h.serverKeyExchange()) {
                loop(out, "SSLv3/TLS read server key exchange");
            }
            loop(out, "SSLv3/TLS read server done", "SSLv3/TLS write client key exchange", WRITE_CCS,
                    WRITE_FINISHED, WRITE_FINISHED, SESSION_TICKET, "SSLv3/TLS read change cipher spec",
                    READ_FINISHED);
        }
        out.add(state(0x20, OK));
        out.add(state(0x1002, OK));
        return out;
    }

    /**
     * The first read after a TLS 1.3 handshake finds the server's NewSessionTicket (RFC 8446 4.6.1,
     * one from a JDK server): the state machine is entered again, writes nothing, reads the ticket
     * and exits (statem.c, statem_clnt.c {@code ossl_statem_client_write_transition}'s TLS_ST_OK).
     * TLS 1.2's ticket was read in the handshake: nothing.
     */
    static List<String> firstRead(TlsHandshake h) {
        if (!h.tls13()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        loop(out, OK, OK, SESSION_TICKET);
        out.add(state(0x1002, OK));
        return out;
    }

    private static void loop(List<String> out, String... states) {
        for (String s : states) {
            out.add(state(0x1001, s));
        }
    }

    private static String state(int where, String name) {
        return "SSL: where=0x" + Integer.toHexString(where) + ", ret=1: " + name;
    }
}
