package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	var running, most, served atomic.Int64
	release := make(chan struct{})
	h := limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-release
		running.Add(-1)
		served.Add(1)
	}), 2)

	// A request whose client gives up while queued never runs.
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		}()
	}
	for running.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	gone := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil).WithContext(ctx))
		close(gone)
	}()
	cancel()
	<-gone
	close(release)
	wg.Wait()
	if most.Load() != 2 || served.Load() != 20 {
		t.Errorf("%d ran at once (want 2), %d served (want 20)", most.Load(), served.Load())
	}
}
