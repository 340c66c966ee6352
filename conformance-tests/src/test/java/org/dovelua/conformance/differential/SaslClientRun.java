package org.dovelua.conformance.differential;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.sasl.OwnClients;
import org.dovelua.auth.sasl.SaslClient;
import org.dovelua.doveadm.Doveadm;
import org.dovelua.version.DovecotVersion;

/**
 * The harness command {@code sasl-client MECH USER PASSWORD}: a SASL exchange where doveadm has no
 * client (CRAM-MD5, DIGEST-MD5). Against real Dovecot it speaks the auth-client protocol itself on
 * {@code run/auth-client} (VERSION/CPID handshake, {@code AUTH}, {@code CONT}s; lib-auth-client's
 * lines: {@code service=} on 2.3, {@code protocol=} and {@code final-resp-ok} on 2.4, {@code debug} as doveadm
 * with auth_debug) with
 * dovelua's client mechanism ({@link OwnClients}), and prints the reply as doveadm's auth test
 * does; dovelua answers the same run as {@code auth test --sasl-client -A MECH USER PASSWORD}.
 */
final class SaslClientRun {
    static final String COMMAND = "sasl-client";

    private SaslClientRun() {
    }

    static boolean is(List<String> args) {
        return !args.isEmpty() && args.get(0).equals(COMMAND);
    }

    /** dovelua's command line for the run. */
    static List<String> doveluaArgs(List<String> args) {
        List<String> out = new ArrayList<>(List.of("auth", "test", "--sasl-client", "-A"));
        out.addAll(args.subList(1, args.size()));
        return out;
    }

    /** The exchange against real Dovecot's auth-client socket in {@code runDir}. */
    static Command.Result real(Path runDir, List<String> args, String version, boolean debug) throws Exception {
        String mech = args.get(1);
        String user = args.get(2);
        String password = args.get(3);
        DovecotVersion v = DovecotVersion.parse(version);
        boolean v24 = version.startsWith("2.4");
        SaslClient client = OwnClients.find(mech, user, null, password, "doveadm", new SecureRandom());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Doveadm doveadm = new Doveadm(new PrintWriter(out, true), new PrintWriter(err, true)).version(v);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(runDir.resolve("auth-client")));
            OutputStream os = Channels.newOutputStream(ch);
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            send(os, "VERSION\t1\t2\nCPID\t" + ProcessHandle.current().pid() + "\n");
            String line;
            while ((line = in.readLine()) != null && !line.equals("DONE")) {
                // VERSION, MECH, SPID, CUID, COOKIE: the handshake
            }
            byte[] initial = client.output();
            StringBuilder auth = new StringBuilder("AUTH\t1\t" + client.name() + (v24 ? "\tprotocol=doveadm\tfinal-resp-ok"
                    : "\tservice=doveadm") + (debug ? "\tdebug" : ""));
            if (client.initialResponse()) {
                auth.append("\tresp=").append(Base64.getEncoder().encodeToString(initial));
            }
            send(os, auth + "\n");
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("CONT")) {
                    client.input(Base64.getDecoder().decode(f.length > 2 ? f[2] : ""));
                    send(os, "CONT\t1\t" + Base64.getEncoder().encodeToString(client.output()) + "\n");
                    continue;
                }
                List<String> fields = new ArrayList<>(Arrays.asList(f).subList(2, f.length));
                int code = doveadm.authTest(user, new AuthEngine.AuthReply(f[0].equals("OK"), fields));
                return new Command.Result(code, out.toString(), err.toString());
            }
        }
        return new Command.Result(75, out.toString(), err + "auth-client: connection closed\n");
    }

    private static void send(OutputStream os, String s) throws Exception {
        os.write(s.getBytes(StandardCharsets.UTF_8));
        os.flush();
    }
}
