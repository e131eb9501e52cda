-- In-text citations ("@key says") are citations too, marked so that a key
-- naming no source can be shown as text. Every file is read again on the
-- next update (its hash no longer matches), so that notes written before
-- get their in-text citations, and bibliographies the entries the readers
-- of this version keep.
ALTER TABLE citations ADD COLUMN in_text INTEGER NOT NULL DEFAULT 0;
UPDATE notes SET hash = '';
