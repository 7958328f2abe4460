-- Order lines move to the ledger service.
DROP TABLE order_items;
