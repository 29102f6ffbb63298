-- Notes archived by the archive-notes job (app.ts): kept, but no longer listed.
ALTER TABLE notes ADD COLUMN archived_at timestamptz;
