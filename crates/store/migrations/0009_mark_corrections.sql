-- Corrections of the placement register and the exit checklist. A placement recorded by
-- mistake is voided with its day and reason, never deleted: it stays in the register, struck
-- through, and no longer counts as a mark. A tick recorded by mistake is taken back: the tick
-- it took back is kept here, append-only, with the reason.
ALTER TABLE placement ADD COLUMN voided_on TEXT;
ALTER TABLE placement ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE exit_item_taken_back (
    id            INTEGER PRIMARY KEY,
    exit_item_id  INTEGER NOT NULL REFERENCES exit_item (id),
    taken_back_on TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (reason <> ''),
    done_on       TEXT NOT NULL,
    done_by       TEXT NOT NULL,
    evidence_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX exit_item_taken_back_item ON exit_item_taken_back (exit_item_id, id);

CREATE TRIGGER exit_item_taken_back_no_update BEFORE UPDATE ON exit_item_taken_back
BEGIN
    SELECT RAISE(ABORT, 'ticks taken back are append-only');
END;
CREATE TRIGGER exit_item_taken_back_no_delete BEFORE DELETE ON exit_item_taken_back
BEGIN
    SELECT RAISE(ABORT, 'ticks taken back are append-only');
END;
