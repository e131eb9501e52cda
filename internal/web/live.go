package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"annals.dev/annals/internal/note"
)

// Live is the authoring state shown while "annals serve --watch" runs: a
// version that changes whenever the notes or their problems do, and the
// notes' current errors. Open pages follow it through server-sent events
// and reload themselves; every page lists the errors, so an author sees a
// broken note at once while the site keeps its last good version.
type Live struct {
	mu      sync.Mutex
	version int64
	gen     int64
	errors  note.Diagnostics
	subs    map[chan int64]struct{}
	closed  bool
	closing chan struct{}
}

// maxListeners bounds the open event streams; a page beyond it still works,
// it just does not reload itself.
const maxListeners = 64

// NewLive returns the state of a fresh authoring session.
func NewLive() *Live {
	return &Live{subs: map[chan int64]struct{}{}, closing: make(chan struct{})}
}

// Publish records the store generation after an index run and the errors
// it found. A run that looked at only some paths (looked, as diagnostics
// name them) replaces the errors of those paths and keeps the others; a
// run over the whole folder (looked nil) replaces them all. Open pages are
// told when the generation or the errors changed.
func (l *Live) Publish(gen int64, diags note.Diagnostics, looked []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs note.Diagnostics
	if looked != nil {
		for _, d := range l.errors {
			if !slices.ContainsFunc(looked, func(p string) bool { return d.Path == p || strings.HasPrefix(d.Path, p+"/") }) {
				errs = append(errs, d)
			}
		}
	}
	for _, d := range diags {
		if d.Severity == note.SeverityError {
			errs = append(errs, d)
		}
	}
	slices.SortStableFunc(errs, func(a, b note.Diagnostic) int { return strings.Compare(a.Path, b.Path) })
	if gen == l.gen && slices.Equal(errs, l.errors) && l.version > 0 {
		return
	}
	l.gen, l.errors = gen, errs
	l.version++
	for ch := range l.subs {
		// Publish is the only sender, under the lock: once an older
		// version not yet read is dropped, the send cannot block.
		select {
		case <-ch:
		default:
		}
		ch <- l.version
	}
}

// Close ends every event stream, so the server can shut down.
func (l *Live) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		l.closed = true
		close(l.closing)
	}
}

// liveView is what a page shows of the authoring state.
type liveView struct {
	Version int64
	Errors  note.Diagnostics
}

func (l *Live) view() liveView {
	l.mu.Lock()
	defer l.mu.Unlock()
	return liveView{Version: l.version, Errors: l.errors}
}

func (l *Live) subscribe() (chan int64, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed || len(l.subs) >= maxListeners {
		return nil, false
	}
	ch := make(chan int64, 1)
	ch <- l.version
	l.subs[ch] = struct{}{}
	return ch, true
}

func (l *Live) unsubscribe(ch chan int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.subs, ch)
}

// handleLive streams the version as server-sent events: one "change"
// event on connecting and one after every change. The page reloads when
// the version differs from the one it was rendered with.
func handleLive(l *Live) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ch, ok := l.subscribe()
		if !ok {
			http.Error(w, "too many open pages are following changes", http.StatusServiceUnavailable)
			return
		}
		defer l.unsubscribe(ch)
		// The stream outlives the server's write timeout by design.
		rc := http.NewResponseController(w)
		_ = rc.SetWriteDeadline(time.Time{})
		h := w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		keepAlive := time.NewTicker(30 * time.Second)
		defer keepAlive.Stop()
		for {
			var err error
			select {
			case v := <-ch:
				_, err = fmt.Fprintf(w, "retry: 1000\nevent: change\ndata: %d\n\n", v)
			case <-keepAlive.C:
				_, err = fmt.Fprint(w, ": keep-alive\n\n")
			case <-r.Context().Done():
				return
			case <-l.closing:
				return
			}
			if err == nil {
				err = rc.Flush()
			}
			if err != nil {
				return
			}
		}
	}
}

func handleLiveScript(v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(v.liveScript)
	}
}
