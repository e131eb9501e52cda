package index_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/store"
)

// TestOpenBusy opens a data folder that is already open: the second Open
// fails at once and names the holder, a read-only library reads beside
// it, and once the first is closed the folder opens again.
func TestOpenBusy(t *testing.T) {
	ctx := context.Background()
	content, data := t.TempDir(), t.TempDir()
	put(t, content, "events/a.md", event("Alpha"))
	first, err := index.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Update(ctx, index.Options{Content: content}); err != nil {
		t.Fatal(err)
	}
	holder := index.Holder{Command: "serve", Content: content, URL: "http://127.0.0.1:1", Token: "secret"}
	if err := first.Announce(holder); err != nil {
		t.Fatal(err)
	}

	_, err = index.Open(ctx, data)
	var busy *index.BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("second Open: %v, want a BusyError", err)
	}
	holder.PID = os.Getpid()
	if busy.Holder != holder {
		t.Errorf("holder %+v, want %+v", busy.Holder, holder)
	}
	if want := "the data folder " + data + " is in use by annals serve (pid "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start %q", err, want)
	}

	ro, err := index.OpenReadOnly(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if ns, err := ro.DB.Notes(ctx, store.Filter{}); err != nil || len(ns) != 1 {
		t.Errorf("read-only library: %d notes, %v; want 1", len(ns), err)
	}
	if _, err := ro.Update(ctx, index.Options{Content: content}); err == nil {
		t.Error("a read-only library updated")
	}
	if err := ro.Close(); err != nil {
		t.Error(err)
	}

	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := index.Open(ctx, data)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}
