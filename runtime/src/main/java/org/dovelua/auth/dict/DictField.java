package org.dovelua.auth.dict;

/** {@code struct db_dict_field}: one {@code name = template} line of passdb_fields/userdb_fields. */
record DictField(String name, String value) {
}
