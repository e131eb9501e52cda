-- Place notes: where on Earth a place is, and the other names events give it.
CREATE TABLE places (
	note    INTEGER PRIMARY KEY REFERENCES notes ON DELETE CASCADE,
	located INTEGER NOT NULL, -- 1 when the note gives coordinates
	lat     REAL NOT NULL,    -- WGS 84 degrees
	lon     REAL NOT NULL,
	country TEXT NOT NULL     -- ISO 3166 code, or ''
);

CREATE TABLE place_aliases (
	note     INTEGER NOT NULL REFERENCES notes ON DELETE CASCADE,
	position INTEGER NOT NULL,
	alias    TEXT NOT NULL,
	PRIMARY KEY (note, position)
);
