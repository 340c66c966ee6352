package org.dovelua.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** str_tabunescape() and t_strsplit_tabescaped() (strescape.c@2.3.19). */
class TabUnescapeTest {
    @Test
    void unescapes() {
        assertEquals("a\tb\nc\rd\001e\0f", TabEscape.unescape("a\001tb\001nc\001rd\0011e\0010f"));
        // any other character stands for itself; a lone trailing \001 is dropped
        assertEquals("xq", TabEscape.unescape("x\001q"));
        assertEquals("x", TabEscape.unescape("x\001"));
        String s = "v\t\001\r\n";
        assertEquals(s, TabEscape.unescape(TabEscape.escape(s)));
    }

    @Test
    void splitsAtEveryRawTab() {
        assertEquals(List.of(), TabEscape.split(""));
        assertEquals(List.of("", ""), TabEscape.split("\t"));
        assertEquals(List.of("+1", "Oa\tb", "1700000000"), TabEscape.split("+1\tOa\001tb\t1700000000"));
        // \001 before a raw TAB: the TAB still splits, the \001 is a lone trailing escape
        assertEquals(List.of("a", "b"), TabEscape.split("a\001\tb"));
    }
}
