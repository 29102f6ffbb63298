-- The top-level data fields a collection stores encrypted (src/records/codec.ts): their values live
-- in the record's `$enc` object as envelopes, never in clear.
ALTER TABLE collections ADD COLUMN encrypted jsonb NOT NULL DEFAULT '[]'::jsonb;
