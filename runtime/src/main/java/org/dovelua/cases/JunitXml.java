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

    public static void write(Path target, List<CaseOutcome> outcomes, List<Unreadable> unreadable) throws IOException {
        Map<Path, List<CaseOutcome>> byFile = new LinkedHashMap<>();
        for (CaseOutcome o : outcomes) {
            byFile.computeIfAbsent(o.file().file(), f -> new ArrayList<>()).add(o);
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(target)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            long failed = outcomes.stream().filter(o -> o.status() == CaseOutcome.Status.FAILED).count();
            long skipped = outcomes.stream().filter(o -> o.status() == CaseOutcome.Status.SKIPPED).count();
            x.writeAttribute("name", "dovelua test");
            x.writeAttribute("tests", String.valueOf(outcomes.size() + unreadable.size()));
            x.writeAttribute("failures", String.valueOf(failed + unreadable.size()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", String.valueOf(skipped));
            for (Map.Entry<Path, List<CaseOutcome>> e : byFile.entrySet()) {
                suite(x, e.getKey(), e.getValue());
            }
            for (Unreadable u : unreadable) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", CaseFiles.shown(u.file()));
                x.writeAttribute("tests", "1");
                x.writeAttribute("failures", "1");
                x.writeAttribute("errors", "0");
                x.writeAttribute("skipped", "0");
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", "read the case file");
                x.writeAttribute("classname", CaseFiles.shown(u.file()));
                x.writeAttribute("time", "0");
                failure(x, "the case file cannot be read", u.message());
                x.writeEndElement();
                x.writeCharacters("\n  ");
                x.writeEndElement();
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

    private static void suite(XMLStreamWriter x, Path file, List<CaseOutcome> cases) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", CaseFiles.shown(file));
        x.writeAttribute("tests", String.valueOf(cases.size()));
        x.writeAttribute("failures", String.valueOf(cases.stream().filter(o -> o.status() == CaseOutcome.Status.FAILED).count()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(cases.stream().filter(o -> o.status() == CaseOutcome.Status.SKIPPED).count()));
        x.writeAttribute("time", seconds(cases.stream().mapToLong(CaseOutcome::nanos).sum()));
        for (CaseOutcome o : cases) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", clean(o.testCase().name()));
            x.writeAttribute("classname", CaseFiles.shown(file));
            x.writeAttribute("file", CaseFiles.shown(file));
            x.writeAttribute("line", String.valueOf(o.testCase().at().line()));
            x.writeAttribute("time", seconds(o.nanos()));
            if (o.status() == CaseOutcome.Status.FAILED) {
                String first = o.error() != null ? o.error() : o.mismatches().get(0).what() + " differs";
                failure(x, first, o.title() + "\n" + o.report());
            } else if (o.status() == CaseOutcome.Status.SKIPPED) {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", clean(o.error() == null ? "" : o.error()));
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
