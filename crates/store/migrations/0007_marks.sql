-- The club's marks where the seller shows them (2.5.1), and leaving (5.1): the placement
-- register, advertising materials, the exit checklist built from them, and website checks.
CREATE TABLE placement (
    id         INTEGER PRIMARY KEY,
    item       TEXT NOT NULL CHECK (item IN ('sticker', 'table-tent', 'poster-a4', 'poster-a3', 'badge', 'flyer', 'other')),
    outlet_id  INTEGER REFERENCES outlet (id),
    spot       TEXT NOT NULL,
    placed_on  TEXT NOT NULL,
    placed_by  TEXT NOT NULL,
    photo      BLOB,
    photo_name TEXT
) STRICT;
CREATE INDEX placement_outlet ON placement (outlet_id);

CREATE TABLE ad_material (
    id          INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    since       TEXT NOT NULL
) STRICT;

-- One exit at a time: the ExitStarted event it belongs to, its deadline, and the completion
-- statement once rendered (a document of the archive).
CREATE TABLE exit_plan (
    exit_seq              INTEGER PRIMARY KEY REFERENCES membership_event (seq),
    started_on            TEXT NOT NULL,
    deadline              TEXT NOT NULL,
    statement_document_id INTEGER REFERENCES document (id)
) STRICT;

CREATE TABLE exit_item (
    id             INTEGER PRIMARY KEY,
    exit_seq       INTEGER NOT NULL REFERENCES exit_plan (exit_seq),
    source         TEXT NOT NULL CHECK (source IN ('placement', 'website', 'social_page', 'advertising')),
    source_id      INTEGER NOT NULL,
    item           TEXT NOT NULL DEFAULT '',
    outlet_id      INTEGER,
    label          TEXT NOT NULL,
    done_on        TEXT,
    done_by        TEXT,
    evidence_note  TEXT,
    evidence_photo BLOB,
    evidence_name  TEXT
) STRICT;
CREATE INDEX exit_item_exit ON exit_item (exit_seq);

-- Each run of the website check: where it started, what it found (JSON), whether clean.
CREATE TABLE site_check (
    id          INTEGER PRIMARY KEY,
    exit_item_id INTEGER REFERENCES exit_item (id),
    url         TEXT NOT NULL,
    checked_at  TEXT NOT NULL,
    pages       INTEGER NOT NULL,
    findings    TEXT NOT NULL,
    clean       INTEGER NOT NULL CHECK (clean IN (0, 1))
) STRICT;
