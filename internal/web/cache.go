package web

import (
	"bytes"
	"container/list"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// cacheBytes bounds the bodies kept by the page cache. A page larger than a
// quarter of it (the whole chronology of a very large collection) is
// rendered each time rather than pushing everything else out.
const cacheBytes = 128 << 20

// pageCache keeps the successful GET responses of pages and API, keyed by
// the URL as the client asked for it (scheme and host included: pages cite
// their own absolute address) and the day (pages cite "accessed today"),
// for as long as the notes stay as they were: version returns the
// store generation, which changes exactly when the notes do, and a new
// version empties the cache. Entries beyond the byte bound go least
// recently used first. Responses that stream (they flush), forbid storing
// (Cache-Control: no-store) or set cookies are passed through untouched.
type pageCache struct {
	version  func() int64
	maxBytes int

	mu      sync.Mutex
	current int64 // the version the entries belong to
	size    int   // bytes of all bodies
	entries map[string]*list.Element
	recent  *list.List // of *cachedPage, most recently used first
	// inflight has a channel for each page being rendered, closed when
	// it is done.
	inflight map[inflightKey]chan struct{}
}

type cachedPage struct {
	url    string
	status int
	header http.Header
	body   []byte
}

func newPageCache(version func() int64, maxBytes int) *pageCache {
	return &pageCache{version: version, maxBytes: maxBytes, entries: map[string]*list.Element{}, recent: list.New()}
}

// wrap returns next with its GET responses cached.
func (c *pageCache) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		url := pageKey(r, time.Now())
		v := c.version()
		if p := c.get(v, url); p != nil {
			p.serve(w)
			return
		}
		// The first request for a page renders it; the same request
		// arriving meanwhile waits for that page rather than rendering it
		// again (a burst of readers after an edit, or a crowd arriving at
		// once). If it could not be kept, each renders its own.
		if done, leader := c.begin(v, url); !leader {
			select {
			case <-done:
			case <-r.Context().Done():
				return
			}
			if p := c.get(v, url); p != nil {
				p.serve(w)
				return
			}
		} else {
			defer c.end(v, url)
		}
		rec := &recorder{ResponseWriter: w, limit: c.maxBytes / 4}
		next.ServeHTTP(rec, r)
		if rec.status == http.StatusOK && !rec.passed && storable(rec.header) {
			c.put(v, &cachedPage{url: url, status: rec.status, header: rec.header, body: rec.body.Bytes()})
		}
	})
}

// serve writes the kept response.
func (p *cachedPage) serve(w http.ResponseWriter) {
	h := w.Header()
	for k, vs := range p.header {
		h[k] = slices.Clone(vs)
	}
	w.WriteHeader(p.status)
	_, _ = w.Write(p.body)
}

// begin registers a render of url at version v. It reports whether the
// caller leads it; otherwise done closes when the leader has finished.
func (c *pageCache) begin(v int64, url string) (done <-chan struct{}, leader bool) {
	key := inflightKey{v, url}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.inflight[key]; ok {
		return ch, false
	}
	if c.inflight == nil {
		c.inflight = map[inflightKey]chan struct{}{}
	}
	c.inflight[key] = make(chan struct{})
	return nil, true
}

func (c *pageCache) end(v int64, url string) {
	key := inflightKey{v, url}
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.inflight[key])
	delete(c.inflight, key)
}

type inflightKey struct {
	version int64
	url     string
}

// pageKey names a response: the day, and the URL with scheme and host.
func pageKey(r *http.Request, now time.Time) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return now.UTC().Format(time.DateOnly) + " " + scheme + "://" + r.Host + r.URL.RequestURI()
}

func storable(h http.Header) bool {
	return !strings.Contains(h.Get("Cache-Control"), "no-store") && h.Get("Set-Cookie") == ""
}

func (c *pageCache) get(v int64, url string) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.current {
		return nil
	}
	e := c.entries[url]
	if e == nil {
		return nil
	}
	c.recent.MoveToFront(e)
	return e.Value.(*cachedPage)
}

func (c *pageCache) put(v int64, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case v < c.current:
		return // rendered from notes that have changed since
	case v > c.current:
		c.current = v
		c.entries = map[string]*list.Element{}
		c.recent.Init()
		c.size = 0
	}
	if old := c.entries[p.url]; old != nil {
		c.remove(old)
	}
	c.entries[p.url] = c.recent.PushFront(p)
	c.size += len(p.body)
	for c.size > c.maxBytes {
		c.remove(c.recent.Back())
	}
}

func (c *pageCache) remove(e *list.Element) {
	p := c.recent.Remove(e).(*cachedPage)
	delete(c.entries, p.url)
	c.size -= len(p.body)
}

// recorder passes a response through to the client and keeps a copy of
// it, unless it grows past limit or is flushed: a flushed response is a
// stream, which has no end to keep.
type recorder struct {
	http.ResponseWriter
	limit  int
	status int
	header http.Header // as sent, with the status
	body   bytes.Buffer
	passed bool // not kept
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
		r.header = r.ResponseWriter.Header().Clone()
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	if !r.passed {
		if r.body.Len()+len(b) > r.limit {
			r.passed = true
			r.body = bytes.Buffer{}
		} else {
			r.body.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// FlushError is what http.ResponseController calls to flush.
func (r *recorder) FlushError() error {
	r.passed = true
	return http.NewResponseController(r.ResponseWriter).Flush()
}

// Flush lets handlers flush through the http.Flusher interface too.
func (r *recorder) Flush() { _ = r.FlushError() }

// Unwrap gives http.ResponseController the connection's own writer, for
// deadlines.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
