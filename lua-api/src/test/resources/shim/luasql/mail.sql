CREATE TABLE users (
  id INTEGER AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL UNIQUE,
  password VARCHAR(128),
  active BOOLEAN,
  quota BIGINT
);
INSERT INTO users (username, password, active, quota) VALUES ('alice@example.org', '{PLAIN}secret', TRUE, 1024);
INSERT INTO users (username, password, active, quota) VALUES ('bob@example.org', NULL, FALSE, NULL);
