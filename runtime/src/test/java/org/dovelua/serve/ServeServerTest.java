package org.dovelua.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The listener answers one call at a time, so a peer must not be able to hold it by sending slowly. */
class ServeServerTest {
    @Test
    void aPeerDrippingItsRequestIsDroppedAtTheRequestDeadlineAndTheNextCallIsAnswered() throws Exception {
        String token = ServeEndpoint.newToken();
        try (ServeServer server = new ServeServer(token, 300)) {
            Thread serving = new Thread(() -> server.serve(r -> ServeProtocol.Answer.done(0, "served " + r.argv(), "")));
            serving.start();
            AtomicBoolean sentAll = new AtomicBoolean();
            Thread dripper = new Thread(() -> {
                // a byte of the right token every 50 ms: each read gets something well within its timeout
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    OutputStream out = s.getOutputStream();
                    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(50);
                    }
                    sentAll.set(true); // (never the NUL that ends the field)
                } catch (Exception e) {
                    // dropped by the server: what this test wants
                }
            });
            dripper.start();
            Thread.sleep(100); // the dripper's connection is the one being read
            ServeEndpoint endpoint = new ServeEndpoint(Path.of("unused"), server.port(), token);
            ServeProtocol.Answer a = ServeClient.call(endpoint, "/", List.of("--version"));
            boolean dripperDone = sentAll.get();
            assertThat(new String(a.stdout(), StandardCharsets.UTF_8)).isEqualTo("served [--version]");
            // answered before the slow peer had sent its token: it no longer holds the server
            assertThat(dripperDone).isFalse();
            server.stop();
            serving.join();
            dripper.join();
        }
    }
}
