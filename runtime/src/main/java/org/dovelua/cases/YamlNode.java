package org.dovelua.cases;

import java.util.List;
import java.util.Map;

/** A YAML value with where it starts: a mapping, a sequence or a scalar. */
sealed interface YamlNode {
    Location at();

    /** What a type error calls this node, e.g. "a mapping". */
    String kind();

    record Mapping(Location at, Map<String, Entry> entries) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the key's own location. */
    record Entry(String key, Location keyAt, YamlNode value) {
    }

    record Sequence(Location at, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar: {@code text} as written, {@code type} what YAML made of it. */
    record Scalar(Location at, String text, Type type) implements YamlNode {
        enum Type { STRING, INT, FLOAT, BOOLEAN, NULL }

        @Override
        public String kind() {
            switch (type) {
                case INT:
                    return "a number (" + text + ")";
                case FLOAT:
                    return "a number (" + text + ")";
                case BOOLEAN:
                    return "a boolean (" + text + ")";
                case NULL:
                    return "an empty value";
                default:
                    return "a string";
            }
        }
    }
}
