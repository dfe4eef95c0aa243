-- The seller, its outlets and web presence, its contracts (1.3), acceptance means (2.4.2) and
-- the append-only membership history.

CREATE TABLE seller (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    legal_form  TEXT NOT NULL CHECK (legal_form IN ('individual_entrepreneur', 'legal_entity')),
    tax_id      TEXT NOT NULL CHECK (length(tax_id) = 12),
    name        TEXT NOT NULL CHECK (name <> ''),
    created_on  TEXT NOT NULL
) STRICT;

CREATE TABLE outlet (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (name <> ''),
    city     TEXT NOT NULL,
    address  TEXT NOT NULL
) STRICT;

CREATE TABLE web_presence (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('website', 'social_page')),
    url   TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE contract (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('platform_services', 'bank', 'accession')),
    number     TEXT NOT NULL,
    signed_on  TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'terminated'))
) STRICT;

CREATE TABLE acceptance_means (
    id               INTEGER PRIMARY KEY,
    outlet_id        INTEGER NOT NULL REFERENCES outlet (id),
    kind             TEXT NOT NULL CHECK (kind IN ('pos_terminal', 'qr_code')),
    identifier       TEXT NOT NULL CHECK (identifier <> ''),
    since            TEXT NOT NULL,
    disconnected_on  TEXT,
    UNIQUE (kind, identifier)
) STRICT;
CREATE INDEX acceptance_means_outlet ON acceptance_means (outlet_id);

CREATE TABLE membership_event (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_on  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL
) STRICT;

-- The history is append-only: the status is derived from it, so rewriting it would rewrite
-- the past. A correction is a new event.
CREATE TRIGGER membership_event_no_update BEFORE UPDATE ON membership_event
BEGIN
    SELECT RAISE(ABORT, 'the membership history is append-only');
END;
CREATE TRIGGER membership_event_no_delete BEFORE DELETE ON membership_event
BEGIN
    SELECT RAISE(ABORT, 'the membership history is append-only');
END;
