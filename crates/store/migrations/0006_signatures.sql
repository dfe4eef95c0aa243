-- Digital signature (4.5): the certificates and CRLs the seller trusts, and the archive of
-- documents with their signatures. Nothing in the archive is replaced: a new version of a
-- document is a new row pointing at the one it follows; signatures are only added.

CREATE TABLE trust_cert (
    id        INTEGER PRIMARY KEY,
    role      TEXT NOT NULL CHECK (role IN ('root', 'intermediate')),
    subject   TEXT NOT NULL,
    der       BLOB NOT NULL UNIQUE,
    added_on  TEXT NOT NULL
) STRICT;

CREATE TABLE trust_crl (
    id        INTEGER PRIMARY KEY,
    issuer    TEXT NOT NULL,
    der       BLOB NOT NULL UNIQUE,
    added_on  TEXT NOT NULL
) STRICT;

CREATE TABLE document (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (title <> ''),
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    added_on    TEXT NOT NULL,
    -- The document this one is a new version of.
    version_of  INTEGER REFERENCES document (id)
) STRICT;

CREATE TABLE document_signature (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES document (id),
    cms           BLOB NOT NULL,
    attached      INTEGER NOT NULL CHECK (attached IN (0, 1)),
    signer        TEXT NOT NULL,
    iin           TEXT,
    bin           TEXT,
    signing_time  TEXT,
    -- The verdict when it was added: valid, tampered, untrusted_chain, expired, revoked, ...
    outcome       TEXT NOT NULL,
    added_on      TEXT NOT NULL
) STRICT;
CREATE INDEX document_signature_document ON document_signature (document_id);

CREATE TRIGGER document_no_update BEFORE UPDATE ON document
BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER document_no_delete BEFORE DELETE ON document
BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER document_signature_no_update BEFORE UPDATE ON document_signature
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
CREATE TRIGGER document_signature_no_delete BEFORE DELETE ON document_signature
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
