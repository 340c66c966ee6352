-- The users table of the luasql example; users.sqlite is made from it with
--   sqlite3 users.sqlite < users.sql
CREATE TABLE users (
  username TEXT PRIMARY KEY,
  password TEXT NOT NULL,   -- a Dovecot password scheme string, checked with req:password_verify
  uid INTEGER NOT NULL,
  gid INTEGER NOT NULL,
  home TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO users VALUES ('alice@example.org', '{SSHA256}JvIF9DTuDSq+acP3fDJ/9vlTaDiVA1fIgai3B1LE+IwBAgMEBQYHCA==', 1001, 1001, '/home/alice', 1);
INSERT INTO users VALUES ('bob@example.org', '{SSHA256}Yss9TFYyZ0810ab9GoWvRveDP2twbMTffXB9bhEuwNVzYWx0c2FsdA==', 1002, 1002, '/home/bob', 1);
INSERT INTO users VALUES ('dave@example.org', '{SSHA256}BWj30Qy7GQED0u1+OAV1nfy+ZxXa+jGwUderIFF2I2ExMjM0NTY3OA==', 1004, 1004, '/home/dave', 0);
