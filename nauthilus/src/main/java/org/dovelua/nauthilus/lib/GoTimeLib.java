package org.dovelua.nauthilus.lib;

import static org.dovelua.nauthilus.LuaFunctions.fn;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * vadv gopher-lua-libs {@code time} (time/api.go): {@code unix()} (seconds as a float),
 * {@code unix_nano()}, {@code sleep(seconds)}, {@code parse(value, layout[, location])} -> UTC unix
 * seconds or (nil, err), {@code format(unix, layout = "Mon Jan 2 15:04:05 -0700 MST 2006"[,
 * location])} in the process's local zone unless a location is given.
 */
public final class GoTimeLib extends TwoArgFunction {
    private final Clock clock;
    private final ZoneId local;

    public GoTimeLib() {
        this(Clock.systemUTC(), ZoneId.systemDefault());
    }

    /** With the clock unix/unix_nano read and the zone Go's time.Local stands for. */
    public GoTimeLib(Clock clock, ZoneId local) {
        this.clock = clock;
        this.local = local;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable t = new LuaTable();
        t.rawset("unix", fn(a -> {
            Instant now = clock.instant();
            return LuaValue.valueOf((double) unixNano(now) / 1e9);
        }));
        t.rawset("unix_nano", fn(a -> LuaValue.valueOf((double) unixNano(clock.instant()))));
        t.rawset("sleep", fn(a -> {
            double seconds = new GopherArgs("sleep", a).checkNumber(1);
            long nanos = (long) (seconds * 1e9);
            if (nanos > 0) {
                try {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LuaError("sleep interrupted");
                }
            }
            return LuaValue.NONE;
        }));
        t.rawset("parse", fn(this::parse));
        t.rawset("format", fn(this::format));
        return t;
    }

    private Varargs parse(Varargs a) {
        String layout = new GopherArgs("parse", a).checkLuaString(2).tojstring();
        String value = new GopherArgs("parse", a).checkLuaString(1).tojstring();
        ZoneId loc = ZoneOffset.UTC;
        if (a.narg() > 2) {
            String name = new GopherArgs("parse", a).checkLuaString(3).tojstring();
            try {
                loc = loadLocation(name);
            } catch (DateTimeException e) {
                return GopherArgs.nilAnd("unknown time zone " + name);
            }
        }
        try {
            ZonedDateTime t = GoTime.parse(layout, value, loc);
            return LuaValue.valueOf((double) unixNano(t.toInstant()) / 1e9);
        } catch (GoTime.ParseError e) {
            return GopherArgs.nilAnd(e.getMessage());
        }
    }

    private Varargs format(Varargs a) {
        double tt = new GopherArgs("format", a).checkNumber(1);
        long sec = (long) tt;
        long nsec = (long) ((tt - sec) * 1e9);
        Instant instant = Instant.ofEpochSecond(sec, nsec);
        String layout = "Mon Jan 2 15:04:05 -0700 MST 2006";
        if (a.narg() > 1) {
            layout = new GopherArgs("format", a).checkLuaString(2).tojstring();
        }
        if (a.narg() < 3) {
            return LuaString.valueOf(GoTime.format(instant.atZone(local), layout));
        }
        String name = new GopherArgs("format", a).checkLuaString(3).tojstring();
        ZoneId loc;
        try {
            loc = loadLocation(name);
        } catch (DateTimeException e) {
            return GopherArgs.nilAnd("unknown time zone " + name);
        }
        return LuaString.valueOf(GoTime.format(instant.atZone(loc), layout));
    }

    /** time.LoadLocation: "" and "UTC" are UTC, "Local" the local zone, else an IANA name. */
    private ZoneId loadLocation(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return local;
        }
        if (!ZoneId.getAvailableZoneIds().contains(name)) {
            throw new DateTimeException(name);
        }
        return ZoneId.of(name);
    }

    /** Go's UnixNano: seconds*1e9 + nanos in wrapping int64 arithmetic. */
    static long unixNano(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
