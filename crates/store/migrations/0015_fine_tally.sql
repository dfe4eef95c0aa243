-- The status page's sums over many fines (open, overdue, due within the week) without reading
-- every fine: one row per state, due date and "still owed", kept by triggers in the same
-- transaction as each change to a fine. A shop's fines fall on a few thousand due dates at most,
-- so a sum over this table reads a few thousand rows whatever the number of fines. Lists and
-- totals with any other filter (an outlet, a period, a search) still read the fines themselves.

CREATE TABLE fine_tally (
    state          TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    owed           INTEGER NOT NULL CHECK (owed IN (0, 1)),
    fines          INTEGER NOT NULL,
    amount_tiyn    INTEGER NOT NULL,
    paid_tiyn      INTEGER NOT NULL,
    offset_tiyn    INTEGER NOT NULL,
    balance_tiyn   INTEGER NOT NULL,
    PRIMARY KEY (state, due_date, owed)
) STRICT, WITHOUT ROWID;

INSERT INTO fine_tally (state, due_date, owed, fines, amount_tiyn, paid_tiyn, offset_tiyn, balance_tiyn)
    SELECT state, due_date, balance_tiyn > 0, count(*), sum(amount_tiyn), sum(paid_tiyn), sum(offset_tiyn),
           sum(balance_tiyn)
    FROM fine GROUP BY state, due_date, balance_tiyn > 0;

CREATE TRIGGER fine_tally_insert AFTER INSERT ON fine
BEGIN
    INSERT INTO fine_tally (state, due_date, owed, fines, amount_tiyn, paid_tiyn, offset_tiyn, balance_tiyn)
        VALUES (new.state, new.due_date, new.balance_tiyn > 0, 1, new.amount_tiyn, new.paid_tiyn,
                new.offset_tiyn, new.balance_tiyn)
        ON CONFLICT (state, due_date, owed) DO UPDATE SET
            fines = fines + 1,
            amount_tiyn = amount_tiyn + excluded.amount_tiyn,
            paid_tiyn = paid_tiyn + excluded.paid_tiyn,
            offset_tiyn = offset_tiyn + excluded.offset_tiyn,
            balance_tiyn = balance_tiyn + excluded.balance_tiyn;
END;

CREATE TRIGGER fine_tally_delete AFTER DELETE ON fine
BEGIN
    UPDATE fine_tally SET
        fines = fines - 1,
        amount_tiyn = amount_tiyn - old.amount_tiyn,
        paid_tiyn = paid_tiyn - old.paid_tiyn,
        offset_tiyn = offset_tiyn - old.offset_tiyn,
        balance_tiyn = balance_tiyn - old.balance_tiyn
    WHERE state = old.state AND due_date = old.due_date AND owed = (old.balance_tiyn > 0);
    DELETE FROM fine_tally WHERE state = old.state AND due_date = old.due_date AND owed = (old.balance_tiyn > 0)
        AND fines = 0;
END;

CREATE TRIGGER fine_tally_update AFTER UPDATE OF state, due_date, amount_tiyn, paid_tiyn, offset_tiyn, balance_tiyn
    ON fine
BEGIN
    UPDATE fine_tally SET
        fines = fines - 1,
        amount_tiyn = amount_tiyn - old.amount_tiyn,
        paid_tiyn = paid_tiyn - old.paid_tiyn,
        offset_tiyn = offset_tiyn - old.offset_tiyn,
        balance_tiyn = balance_tiyn - old.balance_tiyn
    WHERE state = old.state AND due_date = old.due_date AND owed = (old.balance_tiyn > 0);
    DELETE FROM fine_tally WHERE state = old.state AND due_date = old.due_date AND owed = (old.balance_tiyn > 0)
        AND fines = 0;
    INSERT INTO fine_tally (state, due_date, owed, fines, amount_tiyn, paid_tiyn, offset_tiyn, balance_tiyn)
        VALUES (new.state, new.due_date, new.balance_tiyn > 0, 1, new.amount_tiyn, new.paid_tiyn,
                new.offset_tiyn, new.balance_tiyn)
        ON CONFLICT (state, due_date, owed) DO UPDATE SET
            fines = fines + 1,
            amount_tiyn = amount_tiyn + excluded.amount_tiyn,
            paid_tiyn = paid_tiyn + excluded.paid_tiyn,
            offset_tiyn = offset_tiyn + excluded.offset_tiyn,
            balance_tiyn = balance_tiyn + excluded.balance_tiyn;
END;

-- "Pay this one next": the owed fines by due date, read from the front of a partial index.
CREATE INDEX fine_owed_due ON fine (due_date, id) WHERE state IN ('received', 'upheld') AND balance_tiyn > 0;
