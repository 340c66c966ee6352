package org.dovelua.auth.dict;

/**
 * {@code struct db_dict_key} (db-dict.h@2.3.19): a {@code key NAME { }} section. {@code format}
 * is the setting's text; {@code json} is the parsed format, set only when the section closes
 * (an unclosed section keeps the default, value-only).
 */
final class DictKey {
    String name;
    String key = "";
    String format = "value";
    String defaultValue;
    boolean json;

    DictKey(String name) {
        this.name = name;
    }

    /** A copy with the expanded key, as db_dict_value_iter_init() makes for each lookup. */
    DictKey withKey(String expanded) {
        DictKey k = new DictKey(name);
        k.key = expanded;
        k.format = format;
        k.defaultValue = defaultValue;
        k.json = json;
        return k;
    }
}
