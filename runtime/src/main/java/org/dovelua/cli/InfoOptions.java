package org.dovelua.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** doveadm's {@code -x key=value} auth info, shared by the commands that send a request. */
final class InfoOptions {
    @Option(names = "-x", paramLabel = "KEY=VALUE",
            description = "Auth info: service, lip, rip, lport, rport, real_*, secured, session, ...")
    List<String> info = new ArrayList<>();
}
