-- Bank details for payment documents (the accountant's 1C exchange file): the seller's own
-- account, and the payee fines are paid to, as the platform's notice names it. One row each.
CREATE TABLE bank_details (
    role       TEXT PRIMARY KEY CHECK (role IN ('seller', 'payee')),
    -- The payee's name and BIN/IIN; empty for the seller (its name and number are in `seller`).
    name       TEXT NOT NULL DEFAULT '',
    tax_id     TEXT NOT NULL DEFAULT '',
    iik        TEXT NOT NULL,
    bic        TEXT NOT NULL,
    bank_name  TEXT NOT NULL,
    -- The payee's beneficiary code and the payment purpose code; empty for the seller.
    kbe        TEXT NOT NULL DEFAULT '',
    knp        TEXT NOT NULL DEFAULT ''
) STRICT;
