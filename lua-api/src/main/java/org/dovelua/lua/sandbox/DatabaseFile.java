package org.dovelua.lua.sandbox;

import java.nio.file.Path;

/**
 * A database file a script names (SQLite's {@code sqlite3_open_v2} path) as the sandbox lets it be
 * opened: the local file, and whether writes may reach it. A mounted file is read-only, as every
 * mount is; with {@code --allow-fs} an unmounted path is the real, writable file.
 *
 * @param local the file to open
 * @param writable false for a mount: open it read-only, never create it
 * @param refused says (once) why a write was refused, for the hint after SQLite's own error
 */
public record DatabaseFile(Path local, boolean writable, Runnable refused) {
}
