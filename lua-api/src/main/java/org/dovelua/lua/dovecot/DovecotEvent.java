package org.dovelua.lua.dovecot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Dovecot event (lib/lib-event.c) as far as logging needs it: a parent chain, log prefixes
 * ({@code append} accumulates along the chain, {@code replace} stops the walk), a name, fields,
 * and the minimum level it logs at. The root event knows the process label and the sink.
 */
public final class DovecotEvent {
    private final DovecotEvent parent;
    private final String process;
    private final LogSink sink;
    private String appendPrefix = "";
    private String replacePrefix;
    private java.util.function.Supplier<String> prefixCallback;
    private java.util.function.Supplier<String> processPrefixCallback;
    private String name;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private Boolean debug;
    private LogLevel minLevel;
    private final String sourceFile;
    private final int sourceLine;

    private DovecotEvent(DovecotEvent parent, String process, LogSink sink, String sourceFile, int sourceLine) {
        this.parent = parent;
        this.process = process;
        this.sink = sink;
        this.sourceFile = sourceFile;
        this.sourceLine = sourceLine;
    }

    /** A process's root event: everything it logs goes to {@code sink} under {@code process}. */
    public static DovecotEvent root(String process, LogSink sink, boolean debug) {
        DovecotEvent e = new DovecotEvent(null, process, sink, null, 0);
        e.debug = debug;
        e.minLevel = LogLevel.DEBUG;
        return e;
    }

    /** {@code event_create(parent)}: a child that inherits prefix, debug and level settings. */
    public DovecotEvent child(String sourceFile, int sourceLine) {
        return new DovecotEvent(this, null, null, sourceFile, sourceLine);
    }

    public DovecotEvent child() {
        return child(null, 0);
    }

    public DovecotEvent parent() {
        return parent;
    }

    public DovecotEvent appendLogPrefix(String prefix) {
        appendPrefix = appendPrefix + prefix;
        return this;
    }

    /**
     * {@code event_set_append_log_prefix()} (lib-event.c {@code event_set_log_prefix(.., TRUE)}): the
     * event's own prefix becomes {@code prefix}, appended to the parents' (what it had is gone, so
     * two calls leave the second; seen on 2.4.5, case 403). {@link #appendLogPrefix} is dovelua's
     * own building of a prefix in steps.
     */
    public DovecotEvent setAppendLogPrefix(String prefix) {
        replacePrefix = null;
        prefixCallback = null;
        appendPrefix = prefix;
        return this;
    }

    public DovecotEvent replaceLogPrefix(String prefix) {
        replacePrefix = prefix;
        appendPrefix = "";
        return this;
    }

    /**
     * {@code event_set_log_prefix_callback(event, FALSE, ...)}: the prefix is computed at log time
     * (the auth request's {@code lua(user,ip)} changes when a passdb rewrites the user) and
     * replaces the parents' prefixes.
     */
    public DovecotEvent setLogPrefixCallback(java.util.function.Supplier<String> callback) {
        this.prefixCallback = callback;
        return this;
    }

    /**
     * The part of the prefix that comes before the level, after the process name (2.4's
     * {@code auth-worker(alice,10.0.0.1)<pid>: request [N]: Info: ...}); inherited by children.
     */
    public DovecotEvent setProcessLogPrefixCallback(java.util.function.Supplier<String> callback) {
        this.processPrefixCallback = callback;
        return this;
    }

    /** The process name with the nearest process-level prefix. */
    private String processLabel(DovecotEvent root) {
        for (DovecotEvent e = this; e != null; e = e.parent) {
            if (e.processPrefixCallback != null) {
                return root.process + e.processPrefixCallback.get();
            }
        }
        return root.process;
    }

    public DovecotEvent setName(String name) {
        this.name = name;
        return this;
    }

    public String name() {
        return name;
    }

    public DovecotEvent addField(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public Object field(String key) {
        for (DovecotEvent e = this; e != null; e = e.parent) {
            if (e.fields.containsKey(key)) {
                return e.fields.get(key);
            }
        }
        return null;
    }

    public Map<String, Object> ownFields() {
        return fields;
    }

    /** Forces (or stops forcing) debug logging for this event and its children. */
    public DovecotEvent setDebug(Boolean debug) {
        this.debug = debug;
        return this;
    }

    /** Sets the lowest level this event (and its children) lets through, e.g. WARNING without auth_verbose. */
    public DovecotEvent setMinLevel(LogLevel level) {
        this.minLevel = level;
        return this;
    }

    public String sourceFile() {
        return sourceFile;
    }

    public int sourceLine() {
        return sourceLine;
    }

    /** {@code event_get_log_prefix()}: appended prefixes from the root down, cut at a replace. */
    public String logPrefix() {
        if (replacePrefix != null) {
            return replacePrefix + appendPrefix;
        }
        if (prefixCallback != null) {
            return prefixCallback.get() + appendPrefix;
        }
        return (parent == null ? "" : parent.logPrefix()) + appendPrefix;
    }

    public boolean wantsDebug() {
        for (DovecotEvent e = this; e != null; e = e.parent) {
            if (e.debug != null) {
                return e.debug;
            }
        }
        return false;
    }

    /** Whether a message of {@code level} passes this event's level gate. */
    public boolean wants(LogLevel level) {
        if (level == LogLevel.DEBUG) {
            return wantsDebug();
        }
        for (DovecotEvent e = this; e != null; e = e.parent) {
            if (e.minLevel != null) {
                return level.compareTo(e.minLevel) >= 0;
            }
        }
        return true;
    }

    private DovecotEvent root() {
        DovecotEvent e = this;
        while (e.parent != null) {
            e = e.parent;
        }
        return e;
    }

    /** Logs {@code message} with this event's prefix if the level gate lets it through. */
    public void log(LogLevel level, String message) {
        if (!wants(level)) {
            return;
        }
        DovecotEvent root = root();
        root.sink.log(processLabel(root), level, logPrefix() + message);
    }

    /** Logs without the event's prefix, as {@code i_info()} and friends do on the process logger. */
    public void logPlain(LogLevel level, String message) {
        DovecotEvent root = root();
        root.sink.log(root.process, level, message);
    }

    public void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    public void info(String message) {
        log(LogLevel.INFO, message);
    }

    public void warning(String message) {
        log(LogLevel.WARNING, message);
    }

    public void error(String message) {
        log(LogLevel.ERROR, message);
    }
}
