-- Order lines move to the ledger service.
-- kit:nolint DROP_TABLE: the ledger service owns them now
DROP TABLE order_items;
