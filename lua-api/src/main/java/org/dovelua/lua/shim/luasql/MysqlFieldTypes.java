package org.dovelua.lua.shim.luasql;

import java.lang.reflect.Field;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.mariadb.jdbc.client.ColumnDecoder;
import org.mariadb.jdbc.client.result.Result;

/**
 * A real MySQL/MariaDB column as ls_mysql.c's {@code create_colinfo} names it: {@code getcolumntype}
 * of the field's {@code enum_field_types} and the field's {@code length} in bytes (a VARCHAR(64) in
 * utf8mb4 is {@code string(256)}). JDBC's metadata gives characters, so the column definitions the
 * server sent are read from Connector/J's result, whose field holding them is not public.
 */
final class MysqlFieldTypes {
    private static final Field COLUMNS;

    static {
        try {
            COLUMNS = Result.class.getDeclaredField("metadataList");
            COLUMNS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private MysqlFieldTypes() {
    }

    /** {@code "%.20s(%ld)"}: the type's name and the field's length, per column (1-based). */
    static String[] describe(ResultSet rs) throws SQLException {
        ColumnDecoder[] columns;
        try {
            columns = (ColumnDecoder[]) COLUMNS.get(rs.unwrap(Result.class));
        } catch (IllegalAccessException e) {
            throw new SQLException("Connector/J's column definitions are out of reach", e);
        }
        String[] out = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = name(columns[i].getType().name()) + "(" + columns[i].getColumnLength() + ")";
        }
        return out;
    }

    /** ls_mysql.c getcolumntype (LuaSQL 2.6.0); NEWDECIMAL, BIT, VARCHAR and JSON are not in it. */
    static String name(String dataType) {
        return switch (dataType) {
            case "VARSTRING", "STRING" -> "string";
            case "OLDDECIMAL", "SMALLINT", "INTEGER", "FLOAT", "DOUBLE", "BIGINT", "MEDIUMINT", "YEAR", "TINYINT" ->
                    "number";
            case "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "BLOB" -> "binary";
            case "DATE", "NEWDATE" -> "date";
            case "DATETIME" -> "datetime";
            case "TIME" -> "time";
            case "TIMESTAMP" -> "timestamp";
            case "ENUM", "SET" -> "set";
            case "NULL" -> "null";
            default -> "undefined";
        };
    }
}
