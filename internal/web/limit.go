package web

import (
	"net/http"
	"runtime"
)

// maxRendering bounds the requests rendered at once. A list or note page
// reads every event from the store: at a few thousand notes that is tens
// of MB and a tenth of a second each, so a burst of requests the cache
// cannot answer (a cold start, or a different unknown /tags/… each time)
// took 18 s and 1.9 GB for 64 of them, and more would run out of memory.
// Queued, they take the same CPU and a bounded amount of memory.
var maxRendering = 2 * runtime.GOMAXPROCS(0)

// limit lets at most n requests into next at once; the others wait their
// turn, or give up when their client does.
func limit(next http.Handler, n int) http.Handler {
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
		case <-r.Context().Done():
			return
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}
