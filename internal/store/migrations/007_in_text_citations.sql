-- In-text citations ("@key says") are citations too, marked so that a key
-- naming no source can be shown as text.
ALTER TABLE citations ADD COLUMN in_text INTEGER NOT NULL DEFAULT 0;
