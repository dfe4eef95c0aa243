-- Finding fines: by any part of a notice number or of the notes (three characters or more,
-- through an FTS5 index of trigrams, whatever the case), and sorted by every column a user
-- sorts by, a page at a time through an index each.

CREATE VIRTUAL TABLE fine_search USING fts5 (
    notice_number, notes,
    content = 'fine', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO fine_search (rowid, notice_number, notes) SELECT id, notice_number, notes FROM fine;

CREATE TRIGGER fine_search_insert AFTER INSERT ON fine
BEGIN
    INSERT INTO fine_search (rowid, notice_number, notes) VALUES (new.id, new.notice_number, new.notes);
END;
CREATE TRIGGER fine_search_update AFTER UPDATE OF notice_number, notes ON fine
BEGIN
    INSERT INTO fine_search (fine_search, rowid, notice_number, notes)
        VALUES ('delete', old.id, old.notice_number, old.notes);
    INSERT INTO fine_search (rowid, notice_number, notes) VALUES (new.id, new.notice_number, new.notes);
END;
CREATE TRIGGER fine_search_delete AFTER DELETE ON fine
BEGIN
    INSERT INTO fine_search (fine_search, rowid, notice_number, notes)
        VALUES ('delete', old.id, old.notice_number, old.notes);
END;

CREATE INDEX fine_sort_amount ON fine (amount_tiyn, id);
CREATE INDEX fine_sort_due ON fine (due_date, id);
CREATE INDEX fine_sort_balance ON fine (balance_tiyn, id);
CREATE INDEX fine_sort_state ON fine (state, id);
