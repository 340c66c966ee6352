package org.dovelua.dict;

/** {@code dict_init()} refused a URI (lib-dict's {@code error_r}, e.g. "Unknown dict module: X"). */
public final class DictInitException extends Exception {
    private static final long serialVersionUID = 1L;

    public DictInitException(String message) {
        super(message);
    }
}
