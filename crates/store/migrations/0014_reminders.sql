-- Reminders shown on the desktop, one row per subject and threshold (a fine due tomorrow, the
-- club's stop announced...): each is shown once however often the app opens.
CREATE TABLE reminder_sent (
    key      TEXT PRIMARY KEY,
    sent_at  TEXT NOT NULL
) STRICT;
