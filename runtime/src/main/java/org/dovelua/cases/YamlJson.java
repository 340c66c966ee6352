package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * A case file's YAML subtree as Jackson JSON (for inline stub specs and expected JSON bodies),
 * and the way back from a JSON path to where it is written.
 */
final class YamlJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private YamlJson() {
    }

    static JsonNode of(YamlNode n) {
        if (n instanceof YamlNode.Mapping m) {
            ObjectNode o = F.objectNode();
            m.entries().forEach((k, e) -> o.set(k, of(e.value())));
            return o;
        }
        if (n instanceof YamlNode.Sequence s) {
            ArrayNode a = F.arrayNode();
            s.items().forEach(i -> a.add(of(i)));
            return a;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) n;
        switch (s.type()) {
            case INT:
                return F.numberNode(new BigInteger(s.text().replace("_", "")));
            case FLOAT:
                try {
                    return F.numberNode(new BigDecimal(s.text()));
                } catch (NumberFormatException e) {
                    return F.textNode(s.text()); // .inf, .nan: no JSON number
                }
            case BOOLEAN:
                // the parser's YAML 1.1 words (jackson-dataformat-yaml YAMLParser._matchYAMLBoolean):
                // true/yes/on are true, false/no/off false, in lower, Capital or UPPER case
                return F.booleanNode(java.util.List.of("true", "yes", "on")
                        .contains(s.text().toLowerCase(java.util.Locale.ROOT)));
            case NULL:
                return F.nullNode();
            default:
                return F.textNode(s.text());
        }
    }

    /**
     * Where the node at {@code path} (field names and list indexes) is: a key's own position for
     * a field, an item's for an index; as deep as the path reaches into what is written.
     */
    static Location locate(YamlNode root, List<Object> path) {
        YamlNode n = root;
        Location at = root.at();
        for (Object step : path) {
            if (step instanceof String key && n instanceof YamlNode.Mapping m && m.entries().containsKey(key)) {
                YamlNode.Entry e = m.entries().get(key);
                at = e.keyAt();
                n = e.value();
            } else if (step instanceof Integer i && n instanceof YamlNode.Sequence s && i >= 0 && i < s.items().size()) {
                n = s.items().get(i);
                at = n.at();
            } else {
                break;
            }
        }
        return at;
    }
}
