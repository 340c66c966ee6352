package org.dovelua.auth.dict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code struct db_dict_settings} and how db-dict.c@2.3.19 fills it from the dict config file:
 * {@code parse_setting()}, {@code parse_obsolete_setting()}, {@code parse_section()} (the
 * {@link SettingsReader.Handler}) and {@code db_dict_settings_parse()} (the objects checks).
 */
final class DictConfig implements SettingsReader.Handler {
    private enum Section { ROOT, KEY, PASSDB, USERDB }

    // setting_defs / default_dict_settings
    String uri;
    String defaultPassScheme = "MD5";
    String iteratePrefix = "";
    boolean iterateDisable;
    String passdbObjects = "";
    String userdbObjects = "";

    final List<DictKey> keys = new ArrayList<>();
    final List<DictField> passdbFields = new ArrayList<>();
    final List<DictField> userdbFields = new ArrayList<>();
    final List<DictKey> parsedPassdbObjects = new ArrayList<>();
    final List<DictKey> parsedUserdbObjects = new ArrayList<>();

    private Section section = Section.ROOT;
    private DictKey curKey;

    /** A failure of {@code db_dict_settings_parse()}: i_fatal() text without the config path. */
    static final class ObjectsException extends Exception {
        ObjectsException(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code parse_obsolete_setting()}: 2.2's password_key, user_key, value_format. */
    private String obsolete(String key, String value, boolean[] handled) {
        handled[0] = true;
        if (key.equals("password_key") || key.equals("user_key")) {
            // key passdb { key=<value> format=json }  passdb_objects = passdb (and userdb likewise)
            boolean pass = key.equals("password_key");
            curKey = new DictKey(pass ? "passdb" : "userdb");
            curKey.format = "json";
            curKey.json = true;
            curKey.key = value;
            keys.add(curKey);
            (pass ? parsedPassdbObjects : parsedUserdbObjects).add(curKey);
            return null;
        }
        if (key.equals("value_format")) {
            return value.equals("json") ? null : "Deprecated value_format must be 'json'";
        }
        handled[0] = false;
        return null;
    }

    @Override
    public String setting(String key, String value) {
        switch (section) {
            case ROOT: {
                boolean[] handled = new boolean[1];
                String error = obsolete(key, value, handled);
                if (handled[0] || error != null) {
                    return error;
                }
                return rootSetting(key, value);
            }
            case KEY:
                return keySetting(key, value);
            case PASSDB:
                passdbFields.add(new DictField(key, value));
                return null;
            case USERDB:
            default:
                userdbFields.add(new DictField(key, value));
                return null;
        }
    }

    /** {@code parse_setting_from_defs()} over {@code setting_defs}. */
    private String rootSetting(String key, String value) {
        switch (key) {
            case "uri" -> uri = value;
            case "default_pass_scheme" -> defaultPassScheme = value;
            case "iterate_prefix" -> iteratePrefix = value;
            case "iterate_disable" -> {
                // get_bool(): yes/no in any case
                String v = value.toLowerCase(Locale.ROOT);
                if (v.equals("yes")) {
                    iterateDisable = true;
                } else if (v.equals("no")) {
                    iterateDisable = false;
                } else {
                    return "Invalid boolean: " + value;
                }
            }
            case "passdb_objects" -> passdbObjects = value;
            case "userdb_objects" -> userdbObjects = value;
            default -> {
                return "Unknown setting: " + key;
            }
        }
        return null;
    }

    /** {@code parse_setting_from_defs()} over {@code key_setting_defs} (name, key, format, default_value). */
    private String keySetting(String key, String value) {
        switch (key) {
            case "name" -> curKey.name = value;
            case "key" -> curKey.key = value;
            case "format" -> curKey.format = value;
            case "default_value" -> curKey.defaultValue = value;
            default -> {
                return "Unknown setting: " + key;
            }
        }
        return null;
    }

    /** {@code parse_section()}. */
    @Override
    public String section(String type, String name) {
        if (type == null) {
            section = Section.ROOT;
            if (curKey != null) {
                if (curKey.format.equals("value")) {
                    curKey.json = false;
                } else if (curKey.format.equals("json")) {
                    curKey.json = true;
                } else {
                    return "Unknown key format: " + curKey.format;
                }
            }
            curKey = null;
            return null;
        }
        if (section != Section.ROOT) {
            return "Nested sections not supported";
        }
        switch (type) {
            case "key":
                // settings_read() passes "" for a section without a name, never NULL: the
                // "Key section is missing name" check cannot fire (seen on 2.3.19)
                if (name.indexOf('.') >= 0) {
                    return "Key section names must not contain '.'";
                }
                section = Section.KEY;
                curKey = new DictKey(name);
                keys.add(curKey);
                return null;
            case "passdb_fields":
                section = Section.PASSDB;
                return null;
            case "userdb_fields":
                section = Section.USERDB;
                return null;
            default:
                return "Unknown section";
        }
    }

    /** {@code db_dict_set_key_find()}: the first key of that name. */
    DictKey find(String name) {
        for (DictKey k : keys) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** {@code db_dict_settings_parse()}: the object lists name JSON keys. */
    void parseObjects() throws ObjectsException {
        objects("passdb_objects", passdbObjects, parsedPassdbObjects);
        objects("userdb_objects", userdbObjects, parsedUserdbObjects);
    }

    private void objects(String setting, String names, List<DictKey> parsed) throws ObjectsException {
        // t_strsplit_spaces(): runs of spaces separate, empty names dropped
        for (String name : names.split(" ")) {
            if (name.isEmpty()) {
                continue;
            }
            DictKey key = find(name);
            if (key == null) {
                throw new ObjectsException("dict: " + setting + " refers to key " + name + ", which doesn't exist");
            }
            if (!key.json) {
                throw new ObjectsException("dict: " + setting + " refers to key " + name
                        + ", but it's in value-only format");
            }
            parsed.add(key);
        }
    }
}
