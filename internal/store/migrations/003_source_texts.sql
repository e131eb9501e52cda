-- A source's captured text (content/sources/<id>.txt), kept to check the
-- quotations and paragraph locators that cite it. Pages show only the
-- passages quoted, never the whole text.
CREATE TABLE source_texts (
	path   TEXT PRIMARY KEY,  -- relative to the content folder, with "/"
	source TEXT NOT NULL,     -- the id of the source it is the text of
	hash   TEXT NOT NULL,     -- sha256 of the file
	size   INTEGER NOT NULL,
	mtime  INTEGER NOT NULL,  -- unix nanoseconds
	text   TEXT NOT NULL
);
CREATE INDEX source_texts_source ON source_texts (source);

-- Who disputes an event: actor ids or plain names.
CREATE TABLE event_disputed_by (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	actor    TEXT NOT NULL,
	PRIMARY KEY (note, position)
);

