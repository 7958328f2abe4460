CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, body text NOT NULL);
