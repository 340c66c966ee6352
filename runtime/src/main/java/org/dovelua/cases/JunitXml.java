package org.dovelua.cases;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A Surefire-style report: {@code <testsuites>} with one {@code <testsuite>} per case file and a
 * {@code <testcase>} per case ({@code <failure>}, {@code <skipped>}), as CI systems read it.
 */
public final class JunitXml {
    /** A case file that could not be read, reported as one failed test of its suite. */
    public record Unreadable(Path file, String message) {
    }

    private JunitXml() {
    }

    /**
     * One {@code <testcase>}: {@code file}/{@code line} are left out when null; a failed one has a
     * {@code failureMessage} (and body), a skipped one a {@code skippedMessage}.
     */
    public record Row(String name, String classname, String file, Integer line, String time, String failureMessage,
            String failureBody, String skippedMessage) {
        /** A test that ran for {@code nanos}; {@code failureMessage} null when it passed. */
        public static Row ran(String name, String classname, String file, long nanos, String failureMessage,
                String failureBody) {
            return new Row(name, classname, file, null, seconds(nanos), failureMessage, failureBody, null);
        }
    }

    /** One {@code <testsuite>}; {@code nanos} null leaves its time out. */
    public record Suite(String name, Long nanos, List<Row> rows) {
    }

    public static void write(Path target, List<CaseOutcome> outcomes, List<Unreadable> unreadable) throws IOException {
        Map<Path, List<CaseOutcome>> byFile = new LinkedHashMap<>();
        for (CaseOutcome o : outcomes) {
            byFile.computeIfAbsent(o.file().file(), f -> new ArrayList<>()).add(o);
        }
        List<Suite> suites = new ArrayList<>();
        for (Map.Entry<Path, List<CaseOutcome>> e : byFile.entrySet()) {
            suites.add(suite(e.getKey(), e.getValue()));
        }
        for (Unreadable u : unreadable) {
            String shown = CaseFiles.shown(u.file());
            suites.add(new Suite(shown, null, List.of(new Row("read the case file", shown, null, null, "0",
                    "the case file cannot be read", u.message(), null))));
        }
        write(target, "dovelua test", suites);
    }

    /** The report of {@code suites} under {@code <testsuites name="...">}, counts summed from the rows. */
    public static void write(Path target, String name, List<Suite> suites) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<Row> all = suites.stream().flatMap(s -> s.rows().stream()).toList();
        try (Writer w = Files.newBufferedWriter(target)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", name);
            x.writeAttribute("tests", String.valueOf(all.size()));
            x.writeAttribute("failures", String.valueOf(failures(all)));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", String.valueOf(skipped(all)));
            for (Suite s : suites) {
                suite(x, s);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static long failures(List<Row> rows) {
        return rows.stream().filter(r -> r.failureMessage() != null).count();
    }

    private static long skipped(List<Row> rows) {
        return rows.stream().filter(r -> r.skippedMessage() != null).count();
    }

    private static Suite suite(Path file, List<CaseOutcome> cases) {
        String shown = CaseFiles.shown(file);
        List<Row> rows = new ArrayList<>();
        for (CaseOutcome o : cases) {
            String failure = null;
            String body = null;
            String skipped = null;
            if (o.status() == CaseOutcome.Status.FAILED) {
                failure = o.error() != null ? o.error() : o.mismatches().get(0).what() + " differs";
                body = o.title() + "\n" + o.report();
            } else if (o.status() == CaseOutcome.Status.SKIPPED) {
                skipped = o.error() == null ? "" : o.error();
            }
            rows.add(new Row(o.testCase().name(), shown, shown, o.testCase().at().line(), seconds(o.nanos()), failure,
                    body, skipped));
        }
        return new Suite(shown, cases.stream().mapToLong(CaseOutcome::nanos).sum(), rows);
    }

    private static void suite(XMLStreamWriter x, Suite s) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", s.name());
        x.writeAttribute("tests", String.valueOf(s.rows().size()));
        x.writeAttribute("failures", String.valueOf(failures(s.rows())));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(skipped(s.rows())));
        if (s.nanos() != null) {
            x.writeAttribute("time", seconds(s.nanos()));
        }
        for (Row r : s.rows()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", clean(r.name()));
            x.writeAttribute("classname", r.classname());
            if (r.file() != null) {
                x.writeAttribute("file", r.file());
            }
            if (r.line() != null) {
                x.writeAttribute("line", String.valueOf(r.line()));
            }
            x.writeAttribute("time", r.time());
            if (r.failureMessage() != null) {
                failure(x, r.failureMessage(), r.failureBody() == null ? "" : r.failureBody());
            } else if (r.skippedMessage() != null) {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", clean(r.skippedMessage()));
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void failure(XMLStreamWriter x, String message, String body) throws XMLStreamException {
        x.writeStartElement("failure");
        x.writeAttribute("message", clean(message));
        x.writeAttribute("type", "dovelua.CaseFailure");
        x.writeCharacters(clean(body));
        x.writeEndElement();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** XML 1.0 cannot carry most control characters; they are shown as {@code \\uXXXX}. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
