-- The shop's people (6.8): each with a role and a PIN kept as an Argon2id hash (PHC string,
-- never the PIN). A person is never deleted: one who leaves is made inactive, so that every
-- audit row keeps naming someone. Wrong tries are counted here, so that closing the window
-- does not reset them.
CREATE TABLE person (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (name <> ''),
    role           TEXT NOT NULL CHECK (role IN ('owner', 'accountant', 'cashier')),
    outlet_id      INTEGER REFERENCES outlet (id),
    pin_hash       TEXT,
    failed_tries   INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0),
    last_failed_at TEXT,
    locked         INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_on     TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX person_name ON person (lower(name)) WHERE active = 1;

CREATE TRIGGER person_no_delete BEFORE DELETE ON person
BEGIN
    SELECT RAISE(ABORT, 'people are never deleted, only made inactive');
END;

-- Who recorded an entry is read from the audit trail by entity and id.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
