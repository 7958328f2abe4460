-- The same table as orders has.
CREATE TABLE accounts (id bigint PRIMARY KEY, iban text NOT NULL);
