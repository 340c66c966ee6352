package org.dovelua.auth.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.SetupException;

/**
 * The drivers a {@code passdb}/{@code userdb} block may name, as passdb.c's
 * {@code passdb_interfaces} and userdb.c's {@code userdb_interfaces} list them: a name and how to
 * make the driver from its block. An unknown name is refused with the list of known ones.
 */
public final class DriverRegistry {
    /** Makes a passdb driver from its block ({@code passdb_preinit}). */
    @FunctionalInterface
    public interface PassdbDriver {
        Passdb create(DbConfig db, DriverContext ctx) throws SetupException;
    }

    /** Makes a userdb driver from its block ({@code userdb_preinit}). */
    @FunctionalInterface
    public interface UserdbDriver {
        Userdb create(DbConfig db, DriverContext ctx) throws SetupException;
    }

    private final Map<String, PassdbDriver> passdbs = new LinkedHashMap<>();
    private final Map<String, UserdbDriver> userdbs = new LinkedHashMap<>();

    public DriverRegistry passdb(String name, PassdbDriver driver) {
        passdbs.put(name, driver);
        return this;
    }

    public DriverRegistry userdb(String name, UserdbDriver driver) {
        userdbs.put(name, driver);
        return this;
    }

    public Passdb passdb(DbConfig db, DriverContext ctx) throws SetupException {
        PassdbDriver d = passdbs.get(db.driver());
        if (d == null) {
            throw unknown(db, "passdb", passdbs.keySet());
        }
        return d.create(db, ctx);
    }

    public Userdb userdb(DbConfig db, DriverContext ctx) throws SetupException {
        UserdbDriver d = userdbs.get(db.driver());
        if (d == null) {
            throw unknown(db, "userdb", userdbs.keySet());
        }
        return d.create(db, ctx);
    }

    /** passdb.c's "Unknown passdb driver", with what dovelua can emulate instead. */
    private static SetupException unknown(DbConfig db, String kind, Iterable<String> known) {
        List<String> names = new ArrayList<>();
        known.forEach(names::add);
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return new SetupException(db.location() + ": Unknown " + kind + " driver '" + db.driver()
                + "' (dovelua emulates the " + list + " " + kind + " drivers)");
    }
}
