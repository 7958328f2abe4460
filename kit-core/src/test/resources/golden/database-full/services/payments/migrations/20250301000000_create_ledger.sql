CREATE TABLE IF NOT EXISTS ledger_entries (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account     text          NOT NULL,
  amount      numeric(18,2) NOT NULL,
  booked_at   timestamptz   NOT NULL DEFAULT now()
);
