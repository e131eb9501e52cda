-- Sources keep their editors and DOI, as CSL-JSON and biblatex do.
CREATE TABLE source_editors (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	family   TEXT NOT NULL,
	given    TEXT NOT NULL,
	literal  TEXT NOT NULL,
	PRIMARY KEY (note, position)
);
ALTER TABLE sources ADD COLUMN doi TEXT NOT NULL DEFAULT '';
