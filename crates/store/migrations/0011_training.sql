-- The cashiers' training (2.5.2, 6.3, 6.11): every attempt with the questions drawn and each
-- answer given, the certificates issued, the lessons assigned after a refusal, and the lessons
-- read. Nothing here is deleted; an attempt is finished once, an assignment done once.

CREATE TABLE training_attempt (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    kind          TEXT NOT NULL CHECK (kind IN ('certification', 'rule', 'review')),
    -- The one rule of a quiz on a rule (an assignment); NULL otherwise.
    rule          TEXT,
    lang          TEXT NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    rules_version TEXT NOT NULL,
    -- The questions drawn, in the order shown, each with its options' order (JSON).
    questions     TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    right_count   INTEGER,
    total         INTEGER,
    passed        INTEGER CHECK (passed IN (0, 1))
) STRICT;
CREATE INDEX training_attempt_person ON training_attempt (person_id);

CREATE TABLE training_answer (
    attempt_id   INTEGER NOT NULL REFERENCES training_attempt (id),
    position     INTEGER NOT NULL CHECK (position >= 0),
    question_id  TEXT NOT NULL,
    rule         TEXT NOT NULL,
    -- The option chosen, by its number in the content file (not its place on screen).
    chosen       INTEGER NOT NULL CHECK (chosen >= 1),
    correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at  TEXT NOT NULL,
    PRIMARY KEY (attempt_id, position)
) STRICT;

CREATE TABLE training_certificate (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    attempt_id    INTEGER NOT NULL UNIQUE REFERENCES training_attempt (id),
    -- As printed on the certificate on the day it was issued.
    person_name   TEXT NOT NULL,
    shop_name     TEXT NOT NULL,
    outlet_name   TEXT,
    rules_version TEXT NOT NULL,
    clauses       TEXT NOT NULL,
    right_count   INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    issued_on     TEXT NOT NULL,
    valid_until   TEXT NOT NULL,
    -- SHA-256 of the PDF in each language, to tell the issued file from an altered one.
    sha256_kk     TEXT NOT NULL,
    sha256_ru     TEXT NOT NULL,
    sha256_en     TEXT NOT NULL
) STRICT;

CREATE TABLE training_assignment (
    id                   INTEGER PRIMARY KEY,
    person_id            INTEGER NOT NULL REFERENCES person (id),
    rule                 TEXT NOT NULL,
    corrective_action_id INTEGER REFERENCES corrective_action (id),
    assigned_on          TEXT NOT NULL,
    done_attempt_id      INTEGER REFERENCES training_attempt (id)
) STRICT;

CREATE TABLE training_lesson_read (
    person_id INTEGER NOT NULL REFERENCES person (id),
    rule      TEXT NOT NULL,
    read_on   TEXT NOT NULL,
    PRIMARY KEY (person_id, rule, read_on)
) STRICT;

CREATE TRIGGER training_attempt_once BEFORE UPDATE ON training_attempt WHEN OLD.finished_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a finished attempt is kept as it was');
END;
CREATE TRIGGER training_attempt_no_delete BEFORE DELETE ON training_attempt
BEGIN
    SELECT RAISE(ABORT, 'attempts are kept');
END;
CREATE TRIGGER training_answer_no_update BEFORE UPDATE ON training_answer
BEGIN
    SELECT RAISE(ABORT, 'answers are kept as given');
END;
CREATE TRIGGER training_answer_no_delete BEFORE DELETE ON training_answer
BEGIN
    SELECT RAISE(ABORT, 'answers are kept as given');
END;
CREATE TRIGGER training_certificate_no_update BEFORE UPDATE ON training_certificate
BEGIN
    SELECT RAISE(ABORT, 'a certificate is kept as issued');
END;
CREATE TRIGGER training_certificate_no_delete BEFORE DELETE ON training_certificate
BEGIN
    SELECT RAISE(ABORT, 'a certificate is kept as issued');
END;
CREATE TRIGGER training_assignment_once BEFORE UPDATE ON training_assignment WHEN OLD.done_attempt_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a done assignment is kept as it was');
END;
CREATE TRIGGER training_assignment_no_delete BEFORE DELETE ON training_assignment
BEGIN
    SELECT RAISE(ABORT, 'assignments are kept');
END;
