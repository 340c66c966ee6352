package org.dovelua.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/** {@code --json}: {@code {"findings": [{file, line, column, severity, rule, message}, ...]}}. */
public final class JsonReporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReporter() {
    }

    public static void print(List<Finding> findings, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode o = list.addObject();
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("column", f.column());
            o.put("severity", f.severity().word());
            o.put("rule", f.rule().id());
            o.put("message", f.message());
        }
        out.println(root.toString());
        out.flush();
    }
}
