-- Preferences of this seller's desk (the interface language, ...), one value per key.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
