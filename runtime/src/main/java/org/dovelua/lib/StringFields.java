package org.dovelua.lib;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code t_strsplit_spaces(str, " ")}: the field-string form scripts return in 2.3 and 2.4.0
 * (§6.5). Only the ASCII space separates; runs collapse; tabs and other blanks are data.
 */
public final class StringFields {
    private StringFields() {
    }

    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
