-- Fines (6.2, 6.5): the agreed schedule with its history, fines as the notices state them, what
-- happened to each (disputes, outcomes, payments, offsets), their files, and the corrective
-- actions of 6.3. Money is integer tiyn, so that totals are exact SQL sums.

CREATE TABLE fine_schedule (
    id              INTEGER PRIMARY KEY,
    violation       TEXT NOT NULL,
    amount_tiyn     INTEGER NOT NULL CHECK (amount_tiyn > 0),
    effective_from  TEXT NOT NULL
) STRICT;

CREATE TABLE fine (
    id             INTEGER PRIMARY KEY,
    notice_number  TEXT NOT NULL UNIQUE CHECK (notice_number <> ''),
    notice_date    TEXT NOT NULL,
    fact_date      TEXT NOT NULL,
    outlet_id      INTEGER NOT NULL REFERENCES outlet (id),
    violation      TEXT NOT NULL,
    amount_tiyn    INTEGER NOT NULL CHECK (amount_tiyn > 0),
    due_date       TEXT NOT NULL,
    notes          TEXT NOT NULL DEFAULT '',
    -- Derived from the fine's events and rewritten in the same transaction as each of them, so
    -- that lists and totals over many fines are plain indexed queries.
    state          TEXT NOT NULL CHECK (state IN ('received', 'disputed', 'upheld', 'cancelled', 'paid')),
    paid_tiyn      INTEGER NOT NULL DEFAULT 0,
    offset_tiyn    INTEGER NOT NULL DEFAULT 0,
    balance_tiyn   INTEGER NOT NULL,
    -- Charged minus agreed on the fact's date; NULL when it matches or no schedule applies.
    mismatch_tiyn  INTEGER
) STRICT;
CREATE INDEX fine_notice_date ON fine (notice_date, id);
-- Covering indexes: period totals and the status page's sums read the index alone.
CREATE INDEX fine_period_totals ON fine (notice_date, state, amount_tiyn, paid_tiyn, offset_tiyn, balance_tiyn);
CREATE INDEX fine_state_due ON fine (state, due_date, balance_tiyn, amount_tiyn, paid_tiyn, offset_tiyn);
CREATE INDEX fine_outlet ON fine (outlet_id, notice_date);
CREATE INDEX fine_violation ON fine (violation, fact_date, state);

CREATE TABLE fine_event (
    id           INTEGER PRIMARY KEY,
    fine_id      INTEGER NOT NULL REFERENCES fine (id),
    occurred_on  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    amount_tiyn  INTEGER,
    grounds      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX fine_event_fine ON fine_event (fine_id, id);
CREATE INDEX fine_event_payments ON fine_event (kind, occurred_on);

CREATE TRIGGER fine_event_no_update BEFORE UPDATE ON fine_event
BEGIN
    SELECT RAISE(ABORT, 'a fine''s events are append-only');
END;
CREATE TRIGGER fine_event_no_delete BEFORE DELETE ON fine_event
BEGIN
    SELECT RAISE(ABORT, 'a fine''s events are append-only');
END;

-- Files kept with a fine: the platform's notice, dispute evidence, the dispute letter.
CREATE TABLE fine_file (
    id        INTEGER PRIMARY KEY,
    fine_id   INTEGER NOT NULL REFERENCES fine (id),
    event_id  INTEGER REFERENCES fine_event (id),
    role      TEXT NOT NULL CHECK (role IN ('notice', 'evidence', 'letter')),
    name      TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    bytes     BLOB NOT NULL
) STRICT;
CREATE INDEX fine_file_fine ON fine_file (fine_id);

CREATE TABLE corrective_action (
    id         INTEGER PRIMARY KEY,
    fine_id    INTEGER NOT NULL UNIQUE REFERENCES fine (id),
    outlet_id  INTEGER NOT NULL REFERENCES outlet (id),
    opened_on  TEXT NOT NULL,
    steps      TEXT NOT NULL DEFAULT '',
    done_on    TEXT,
    done_note  TEXT NOT NULL DEFAULT ''
) STRICT;
