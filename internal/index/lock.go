package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Holder says which process has a data folder open, so that another one
// can tell its user what it is waiting for, or reach the server that has
// it. It is kept in the data folder's lock file while the lock is held.
type Holder struct {
	Command string `json:"command,omitempty"` // "index", "serve", …
	PID     int    `json:"pid"`
	Content string `json:"content,omitempty"` // the content folder, absolute
	// URL and Token are set by a server once it listens: commands run
	// beside it send it their work, with the token to show they may.
	URL   string `json:"url,omitempty"`
	Token string `json:"token,omitempty"`
}

// String names the holder for a message: "annals serve (pid 42)".
func (h Holder) String() string {
	switch {
	case h.PID == 0:
		return "another annals process"
	case h.Command == "":
		return fmt.Sprintf("another annals process (pid %d)", h.PID)
	}
	return fmt.Sprintf("annals %s (pid %d)", h.Command, h.PID)
}

// BusyError is returned by Open when another process has the data folder
// open. Holder is what that process recorded; its Command is empty when it
// has not said yet.
type BusyError struct {
	Dir    string
	Holder Holder
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("the data folder %s is in use by %s", e.Dir, e.Holder)
}

// lockName is the lock file in the data folder. A process holds an
// exclusive lock on it for as long as it has the folder open: the search
// index allows one process at a time, and a second one would otherwise
// wait for it without a word. The lock goes with the process, however it
// ends.
const lockName = "lock"

// folderLock is a held lock on a data folder.
type folderLock struct{ f *os.File }

// lock takes the lock on the data folder dir without waiting, recording
// holder in it.
func lock(dir string, holder Holder) (*folderLock, error) {
	path := filepath.Join(dir, lockName)
	// Only the owner may read it: a server's token is in it.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, &BusyError{Dir: dir, Holder: readHolder(path)}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	l := &folderLock{f: f}
	if err := l.record(holder); err != nil {
		l.release()
		return nil, err
	}
	return l, nil
}

// record writes holder into the lock file.
func (l *folderLock) record(holder Holder) error {
	b, err := json.Marshal(holder)
	if err != nil {
		return err
	}
	// Readers take a short or empty file for a holder that has not said
	// who it is yet, and look again.
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("write %s: %w", l.f.Name(), err)
	}
	if _, err := l.f.WriteAt(append(b, '\n'), 0); err != nil {
		return fmt.Errorf("write %s: %w", l.f.Name(), err)
	}
	return nil
}

func (l *folderLock) release() error {
	// Closing the file releases the lock; the stale record left in it is
	// overwritten by the next holder and never read without the lock held.
	return l.f.Close()
}

// readHolder reads the record of the process holding the lock at path,
// or a Holder with only the pid unknown when it cannot be read.
func readHolder(path string) Holder {
	var h Holder
	b, err := os.ReadFile(path)
	if err == nil {
		json.Unmarshal(b, &h)
	}
	return h
}

var errLocked = errors.New("locked")
