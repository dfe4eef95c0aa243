-- OCSP answers kept with the documents whose signer they are about (4.5): each one checked
-- (the responder's signature, the certificate asked about, the nonce, its freshness) before it is
-- stored; kept for good, as evidence that the key was not revoked when the answer was given.
CREATE TABLE ocsp_answer (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER REFERENCES document (id),
    -- The holder (CN) of the certificate the answer is about, and what it said.
    holder       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('good', 'revoked', 'unknown')),
    responder    TEXT NOT NULL,
    produced_at  TEXT NOT NULL,
    der          BLOB NOT NULL UNIQUE,
    fetched_at   TEXT NOT NULL
) STRICT;

CREATE TRIGGER ocsp_answer_kept BEFORE UPDATE ON ocsp_answer
BEGIN
    SELECT RAISE(ABORT, 'an OCSP answer is kept as it came');
END;

CREATE TRIGGER ocsp_answer_not_deleted BEFORE DELETE ON ocsp_answer
BEGIN
    SELECT RAISE(ABORT, 'an OCSP answer is evidence and is not deleted');
END;
