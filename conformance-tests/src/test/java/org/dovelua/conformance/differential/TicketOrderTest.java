package org.dovelua.conformance.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TLS 1.3 session ticket's state lines compare wherever OpenSSL happened to read the ticket. */
class TicketOrderTest {
    private static final String C = "auth-worker: Debug: http-client: conn 127.0.0.1:PORT [2]: ";
    private static final List<String> TICKET = List.of(
            C + "127.0.0.1: SSL: where=0x1001, ret=1: SSL negotiation finished successfully",
            C + "127.0.0.1: SSL: where=0x1001, ret=1: SSL negotiation finished successfully",
            C + "127.0.0.1: SSL: where=0x1001, ret=1: SSLv3/TLS read server session ticket",
            C + "127.0.0.1: SSL: where=0x1002, ret=1: SSL negotiation finished successfully");

    private static List<String> log(boolean early) {
        List<String> l = new ArrayList<>();
        l.add(C + "SSL handshake successful");
        if (early) {
            l.addAll(TICKET);
        }
        l.add(C + "Ready for requests");
        l.add("auth-worker: Debug: http-client[2]: peer 127.0.0.1:PORT: No more requests to service for this peer");
        if (!early) {
            l.addAll(TICKET);
        }
        l.add("auth-worker: Debug: http-client[2]: request [Req2: GET https://127.0.0.1:PORT/trusted]: Got 200 response");
        return l;
    }

    @Test
    void earlyAndLateTicketsCompareEqual() {
        assertThat(Comparison.byProcess(log(false))).isEqualTo(Comparison.byProcess(log(true)));
        assertThat(Comparison.ticketsAfterHandshake(log(false))).isEqualTo(log(true));
    }

    @Test
    void otherLinesKeepTheirOrder() {
        List<String> swapped = log(true);
        swapped.add(6, swapped.remove(7)); // the response before "No more requests": a real difference
        assertThat(Comparison.byProcess(swapped)).isNotEqualTo(Comparison.byProcess(log(true)));
        // a ticket of another connection is not moved under this one's handshake
        List<String> other = log(false);
        other.replaceAll(l -> TICKET.contains(l) ? l.replace("[2]", "[3]") : l);
        assertThat(Comparison.ticketsAfterHandshake(other)).isEqualTo(other);
    }
}
