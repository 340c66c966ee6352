package org.dovelua.cli;

import picocli.CommandLine.Option;

/** doveadm's {@code -f FIELD}: print only that field's value. */
final class FieldOption {
    @Option(names = "-f", paramLabel = "FIELD", description = "Print only this field's value.")
    String field;
}
