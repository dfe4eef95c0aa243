-- Published versions of the club's rules (4.1–4.3) and their acknowledgement by the owner. The
-- version shipped with Seller Desk is not stored: it is in the program.

CREATE TABLE rules_version (
    id               INTEGER PRIMARY KEY,
    -- The day it was published on the site or app: in force from that day (4.3).
    published_on     TEXT NOT NULL,
    -- The text as imported (from a PDF, its text layer).
    text             TEXT NOT NULL,
    -- SHA-256 of the text's canonical form (a clause a line): the same text wrapped another way
    -- is the same version.
    canonical_sha256 TEXT NOT NULL UNIQUE,
    source_name      TEXT NOT NULL,
    source_sha256    TEXT NOT NULL,
    imported_at      TEXT NOT NULL
) STRICT;

CREATE TABLE rules_acknowledgement (
    id              INTEGER PRIMARY KEY,
    -- The version acknowledged, and the one acknowledged before it (NULL: the shipped text).
    version_id      INTEGER NOT NULL REFERENCES rules_version (id),
    from_version_id INTEGER REFERENCES rules_version (id),
    person_id       INTEGER REFERENCES person (id),
    acknowledged_at TEXT NOT NULL,
    -- The acknowledgement PDF in the document archive (its EDS signature, when made, is there).
    document_id     INTEGER NOT NULL REFERENCES document (id)
) STRICT;

-- A refresher after a change of the rules names the version that made it due.
ALTER TABLE training_assignment ADD COLUMN rules_version_id INTEGER REFERENCES rules_version (id);

CREATE TRIGGER rules_version_no_update BEFORE UPDATE ON rules_version
BEGIN
    SELECT RAISE(ABORT, 'a version of the rules is kept as imported');
END;
CREATE TRIGGER rules_version_no_delete BEFORE DELETE ON rules_version
BEGIN
    SELECT RAISE(ABORT, 'a version of the rules is kept as imported');
END;
CREATE TRIGGER rules_acknowledgement_no_update BEFORE UPDATE ON rules_acknowledgement
BEGIN
    SELECT RAISE(ABORT, 'an acknowledgement is kept as made');
END;
CREATE TRIGGER rules_acknowledgement_no_delete BEFORE DELETE ON rules_acknowledgement
BEGIN
    SELECT RAISE(ABORT, 'an acknowledgement is kept as made');
END;
