package org.dovelua.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code dovelua test --merge-junit OUT REPORT...}: the reports of the shards of one suite
 * ({@code --shard K/N --junit-xml ...}) as one report, every {@code <testsuite>} kept and the
 * totals of {@code <testsuites>} summed, as CI systems want a single file.
 */
public final class JunitMerge {
    private static final String[] TOTALS = {"tests", "failures", "errors", "skipped"};

    private JunitMerge() {
    }

    /** Merges {@code reports} into {@code target}; a file that is not a JUnit report is named in the error. */
    public static int merge(Path target, List<Path> reports) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document out = f.newDocumentBuilder().newDocument();
            Element root = out.createElement("testsuites");
            root.setAttribute("name", "dovelua test");
            out.appendChild(root);
            long[] sums = new long[TOTALS.length];
            int suites = 0;
            for (Path p : reports) {
                Document in;
                try {
                    in = f.newDocumentBuilder().parse(p.toFile());
                } catch (org.xml.sax.SAXException e) {
                    throw new IOException(p + ": not an XML report: " + e.getMessage());
                }
                Element r = in.getDocumentElement();
                List<Element> found = new ArrayList<>();
                if (r.getTagName().equals("testsuite")) {
                    found.add(r);
                } else if (r.getTagName().equals("testsuites")) {
                    NodeList l = r.getChildNodes();
                    for (int i = 0; i < l.getLength(); i++) {
                        if (l.item(i) instanceof Element e && e.getTagName().equals("testsuite")) {
                            found.add(e);
                        }
                    }
                } else {
                    throw new IOException(p + ": not a JUnit report (its root is <" + r.getTagName()
                            + ">, expected <testsuites> or <testsuite>)");
                }
                for (Element s : found) {
                    for (int i = 0; i < TOTALS.length; i++) {
                        String v = s.getAttribute(TOTALS[i]);
                        sums[i] += v.isEmpty() ? 0 : Long.parseLong(v.trim());
                    }
                    Node copy = out.importNode(s, true);
                    root.appendChild(out.createTextNode("\n  "));
                    root.appendChild(copy);
                    suites++;
                }
            }
            root.appendChild(out.createTextNode("\n"));
            for (int i = 0; i < TOTALS.length; i++) {
                root.setAttribute(TOTALS[i], String.valueOf(sums[i]));
            }
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(out), new StreamResult(target.toFile()));
            return suites;
        } catch (javax.xml.parsers.ParserConfigurationException | javax.xml.transform.TransformerException
                | NumberFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
