package org.dovelua.lua.lua54;

/**
 * Lua 5.4's {@code %x} items inside a pattern set ({@code lstrlib.c}'s {@code match_class}) in
 * the C locale: a letter naming a class matches that class (upper case: its complement), any other
 * character matches itself.
 */
public final class LuaPatternClass {
    private LuaPatternClass() {
    }

    /** Does byte {@code c} match {@code %cl}? */
    public static boolean matches(int c, int cl) {
        boolean res;
        switch (cl >= 'A' && cl <= 'Z' ? cl + 32 : cl) { // C locale tolower
            case 'a' -> res = isalpha(c);
            case 'c' -> res = c < 32 || c == 127;
            case 'd' -> res = c >= '0' && c <= '9';
            case 'g' -> res = c > 32 && c < 127;
            case 'l' -> res = c >= 'a' && c <= 'z';
            case 'p' -> res = c > 32 && c < 127 && !isalnum(c);
            case 's' -> res = c == ' ' || (c >= '\t' && c <= '\r');
            case 'u' -> res = c >= 'A' && c <= 'Z';
            case 'w' -> res = isalnum(c);
            case 'x' -> res = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> {
                return cl == c;
            }
        }
        return (cl >= 'A' && cl <= 'Z') != res;
    }

    static boolean isalpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static boolean isalnum(int c) {
        return isalpha(c) || (c >= '0' && c <= '9');
    }
}
