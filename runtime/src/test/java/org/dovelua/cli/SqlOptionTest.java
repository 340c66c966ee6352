package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sql URL=FILE}: a postgres script's server is the fixture; a bad spec is a usage error. */
class SqlOptionTest {
    @TempDir
    Path dir;

    @Test
    void theFixtureIsTheServerAndABadSpecIsAUsageError() throws Exception {
        Path script = Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  local conn, err = require('luasql.postgres').postgres():connect('mail', 'u', 'p', 'pg.example.org')",
                "  if not conn then req:log_warning(err) return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, 'down' end",
                "  local cur = conn:execute(\"SELECT count(*) FROM users\")",
                "  req:log_warning('users: ' .. cur:fetch() .. ' rows: ' .. cur:numrows())",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'",
                "end", ""));
        Path fixture = Files.writeString(dir.resolve("users.sql"), "CREATE TABLE users (name TEXT);\n"
                + "INSERT INTO users VALUES ('a'), ('b');\n");
        Main.Result ok = Main.capture("--script", script.toString(), "--sql", "postgres://pg.example.org/mail=" + fixture,
                "auth", "test", "alice", "pw");
        assertThat(ok.stderr()).contains("users: 2 rows: 1.0");
        Main.Result none = Main.capture("--script", script.toString(), "auth", "test", "alice", "pw");
        assertThat(none.stderr()).contains("LuaSQL: error connecting to database. PostgreSQL: could not translate host"
                + " name \"pg.example.org\" to address: Name or service not known")
                .contains("dovelua: hint: no PostgreSQL server answers postgres://pg.example.org/mail in dovelua: add --sql");
        Main.Result bad = Main.capture("--script", script.toString(), "--sql", "postgres://pg.example.org", "auth", "test", "a", "p");
        assertThat(bad.exitCode()).isEqualTo(64);
        assertThat(bad.stderr()).contains("dovelua: --sql postgres://pg.example.org: expected URL=FILE");
        Main.Result missing = Main.capture("--script", script.toString(), "--sql", "postgres://pg.example.org/mail=nope.sql",
                "auth", "test", "a", "p");
        assertThat(missing.exitCode()).isEqualTo(64);
        assertThat(missing.stderr()).contains("dovelua: --sql postgres://pg.example.org/mail=nope.sql: the fixture nope.sql does not exist");
    }
}
