package org.dovelua.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the answer as one JSON object on stdout instead of doveadm's text. */
final class JsonOption {
    @Option(names = "--json", description = "Print the answer as one JSON object (command, exit, result, fields, "
            + "users, logs, http, exec) instead of doveadm's output; log lines still go to stderr.")
    boolean json;
}
