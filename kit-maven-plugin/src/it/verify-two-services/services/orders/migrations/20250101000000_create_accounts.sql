-- The same table as payments has: the two histories must not share a database.
CREATE TABLE accounts (id bigint PRIMARY KEY);
