-- When each note last changed, for "last updated", the Atom feed and
-- /changes: the time of the last git commit that touched its file, or the
-- file's modification time when it has uncommitted changes or there is no
-- git history. 0 until the next index run sets it (index.DerivedVersion 4
-- makes that run read every note again).
ALTER TABLE notes ADD COLUMN updated INTEGER NOT NULL DEFAULT 0; -- unix nanoseconds
CREATE INDEX notes_updated ON notes (updated);

-- The git history of the content folder as the last run read it: the
-- commit it reflects (head) in which work tree (repo), and for each file
-- the time of the newest commit that touched it. A run reads only the
-- commits made since.
CREATE TABLE git_head (
	one  INTEGER PRIMARY KEY CHECK (one = 1),
	repo TEXT NOT NULL, -- the work tree's top folder, then the content folder's prefix
	head TEXT NOT NULL
);
CREATE TABLE git_files (
	path      TEXT PRIMARY KEY, -- relative to the content folder, with "/"
	committed INTEGER NOT NULL  -- unix nanoseconds
) WITHOUT ROWID;

-- The id of the statement each citation backs, made from its sentence's
-- text (note.Citation.Anchor).
ALTER TABLE citations ADD COLUMN anchor TEXT NOT NULL DEFAULT '';
