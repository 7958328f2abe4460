-- atlas:txmode none
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entries_account_idx ON ledger_entries (account);
