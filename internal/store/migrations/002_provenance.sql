-- What an event says of its own provenance: the source its author names as
-- the first report, the discrepancies between sources (a JSON list of
-- {about, values: [{value, sources, rank, note}]}) and the verdict on a
-- claim. One row per event that sets any of them.
CREATE TABLE event_provenance (
	note                   INTEGER PRIMARY KEY REFERENCES notes ON DELETE CASCADE,
	first_reported         TEXT NOT NULL, -- a citation key, or ''
	first_reported_locator TEXT NOT NULL,
	discrepancies          TEXT NOT NULL, -- JSON, '' when none
	verdict_rating         TEXT NOT NULL, -- '' when there is no verdict
	verdict_reviewed       TEXT NOT NULL, -- EDTF day
	verdict_summary        TEXT NOT NULL
);
