CREATE TABLE users (
  id SERIAL PRIMARY KEY,
  username VARCHAR(64) NOT NULL UNIQUE,
  password TEXT,
  active BOOLEAN,
  quota BIGINT
);
INSERT INTO users (username, password, active, quota) VALUES ('alice@example.org', '{PLAIN}secret', TRUE, 1024);
INSERT INTO users (username, password, active, quota) VALUES ('bob@example.org', NULL, FALSE, NULL);
