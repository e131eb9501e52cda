-- Every table below is derived from the notes in the content folder and can
-- be rebuilt from them. Child rows hang off notes(rowid) and go with it.
CREATE TABLE notes (
	rowid     INTEGER PRIMARY KEY,
	path      TEXT NOT NULL UNIQUE, -- relative to the content folder, with "/"
	kind      TEXT NOT NULL,
	id        TEXT NOT NULL,
	hash      TEXT NOT NULL,        -- sha256 of the file
	size      INTEGER NOT NULL,
	mtime     INTEGER NOT NULL,     -- unix nanoseconds
	title     TEXT NOT NULL,
	draft     INTEGER NOT NULL,
	body      TEXT NOT NULL,
	body_line INTEGER NOT NULL,
	text      TEXT NOT NULL,
	UNIQUE (kind, id)
);

CREATE TABLE events (
	note       INTEGER PRIMARY KEY REFERENCES notes ON DELETE CASCADE,
	date       TEXT NOT NULL,     -- EDTF as written
	start_day  INTEGER NOT NULL,  -- earliest possible start as YYYYMMDD
	end_day    INTEGER NOT NULL,  -- latest possible end as YYYYMMDD
	place      TEXT NOT NULL,
	status     TEXT NOT NULL,
	claimed_by TEXT NOT NULL,
	summary    TEXT NOT NULL
);
CREATE INDEX events_chronology ON events (start_day, end_day);

CREATE TABLE event_actors (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	actor    TEXT NOT NULL,
	PRIMARY KEY (note, position)
);
CREATE INDEX event_actors_actor ON event_actors (actor);

CREATE TABLE event_tags (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	tag      TEXT NOT NULL,
	PRIMARY KEY (note, position)
);
CREATE INDEX event_tags_tag ON event_tags (tag);

CREATE TABLE event_sources (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	source   TEXT NOT NULL,
	PRIMARY KEY (note, position)
);
CREATE INDEX event_sources_source ON event_sources (source);

CREATE TABLE event_related (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	related  TEXT NOT NULL,
	PRIMARY KEY (note, position)
);

CREATE TABLE sources (
	note            INTEGER PRIMARY KEY REFERENCES notes ON DELETE CASCADE,
	type            TEXT NOT NULL,
	container_title TEXT NOT NULL,
	publisher       TEXT NOT NULL,
	issued          TEXT NOT NULL,
	accessed        TEXT NOT NULL,
	url             TEXT NOT NULL,
	language        TEXT NOT NULL,
	archived        TEXT NOT NULL,
	origin          TEXT NOT NULL
);

CREATE TABLE source_authors (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	family   TEXT NOT NULL,
	given    TEXT NOT NULL,
	literal  TEXT NOT NULL,
	PRIMARY KEY (note, position)
);

CREATE TABLE source_via (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	via      TEXT NOT NULL,
	PRIMARY KEY (note, position)
);

CREATE TABLE actors (
	note INTEGER PRIMARY KEY REFERENCES notes ON DELETE CASCADE,
	type TEXT NOT NULL
);

CREATE TABLE actor_aliases (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	alias    TEXT NOT NULL,
	PRIMARY KEY (note, position)
);

-- One row per cited item; number is the footnote of its cluster.
CREATE TABLE citations (
	note            INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position        INTEGER NOT NULL,
	number          INTEGER NOT NULL,
	key             TEXT NOT NULL,
	locator_label   TEXT NOT NULL,
	locator_value   TEXT NOT NULL,
	prefix          TEXT NOT NULL,
	suffix          TEXT NOT NULL,
	suppress_author INTEGER NOT NULL,
	sentence        TEXT NOT NULL,
	line            INTEGER NOT NULL,
	col             INTEGER NOT NULL,
	PRIMARY KEY (note, position)
);
CREATE INDEX citations_key ON citations (key);

CREATE TABLE links (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	target   TEXT NOT NULL,
	label    TEXT NOT NULL,
	line     INTEGER NOT NULL,
	col      INTEGER NOT NULL,
	PRIMARY KEY (note, position)
);
CREATE INDEX links_target ON links (target);

-- generation counts committed changes; the search index records the
-- generation it reflects, so a mismatch means it must be rebuilt.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('generation', 0);
