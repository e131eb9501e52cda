package main

// While "annals serve" runs, it has the data folder: the search index
// allows one process at a time. The server records its address and a
// token in the folder's lock file, which only its owner can read, and the
// commands run beside it send it their update and their searches over
// HTTP; they read the database themselves, which SQLite allows.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/search"
	"annals.dev/annals/internal/web"
)

// peer is a server that has the data folder a command wants.
type peer struct {
	holder index.Holder
	data   string
}

// peerClient connects at once or not at all: a server that cannot take a
// connection within a second is not going to answer.
var peerClient = &http.Client{Transport: &http.Transport{
	DialContext: (&net.Dialer{Timeout: time.Second}).DialContext,
}}

// update asks the server to bring the index in step with the content
// folder, and returns what it did.
func (p *peer) update(ctx context.Context, e *env) (index.Report, error) {
	var rep index.Report
	err := p.call(ctx, e, "/_annals/update", struct{}{}, &rep)
	return rep, err
}

// search asks the server to run req.
func (p *peer) search(ctx context.Context, e *env, req search.Request) (*search.Result, error) {
	var res search.Result
	if err := p.call(ctx, e, "/_annals/search", req, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// call posts in to the server's path and decodes the answer into out. A
// server slower than a second to answer is waited for with a message.
func (p *peer) call(ctx context.Context, e *env, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.holder.URL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+p.holder.Token)
	req.Header.Set("Content-Type", "application/json")
	slow := time.AfterFunc(time.Second, func() {
		fmt.Fprintf(e.stderr, "annals: waiting for %s at %s, which has the data folder %s (Ctrl-C to stop)\n", p.holder, p.holder.URL, p.data)
	})
	defer slow.Stop()
	resp, err := peerClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s has the data folder %s but does not answer at %s (%v): stop it (kill %d) and run this command again", p.holder, p.data, p.holder.URL, err, p.holder.PID)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var fail struct {
			Error string `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&fail); err != nil || fail.Error == "" {
			return fmt.Errorf("%s at %s answered %s: stop it and run this command again", p.holder, p.holder.URL, resp.Status)
		}
		return &peerError{msg: fail.Error, badQuery: resp.StatusCode == http.StatusBadRequest}
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s at %s: %w", p.holder, p.holder.URL, err)
	}
	return nil
}

// peerError is an error the server reported, as it would have been
// reported here.
type peerError struct {
	msg      string
	badQuery bool
}

func (e *peerError) Error() string { return e.msg }

func (e *peerError) Is(target error) bool { return e.badQuery && target == search.ErrBadQuery }

// newToken returns the secret a server asks of the commands beside it, so
// that no web page a browser opens can make it do their work.
func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// commandRoutes adds to mux what the server answers the commands run beside
// it: an update of the index from its content folder, and searches.
func commandRoutes(ctx context.Context, e *env, mux *http.ServeMux, lib *index.Library, content, token string, live *web.Live) {
	authorized := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer "+token)) != 1 {
				replyJSON(w, http.StatusForbidden, map[string]string{"error": "this address answers only the annals commands run beside the server"})
				return
			}
			h(w, r)
		}
	}
	mux.HandleFunc("POST /_annals/update", authorized(func(w http.ResponseWriter, r *http.Request) {
		// An update of many notes may outlast the server's write
		// timeout, which is meant for slow readers of pages.
		http.NewResponseController(w).SetWriteDeadline(time.Time{})
		// The server's own context: a command that gives up does not
		// leave the update half done.
		rep, err := reindex(ctx, e, lib, content, nil, live)
		if err != nil {
			replyJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		replyJSON(w, http.StatusOK, rep)
	}))
	mux.HandleFunc("POST /_annals/search", authorized(func(w http.ResponseWriter, r *http.Request) {
		var req search.Request
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
			replyJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("read the search request: %v", err)})
			return
		}
		ix := lib.Search()
		if ix == nil {
			replyJSON(w, http.StatusInternalServerError, map[string]string{"error": "the server's search index is not open"})
			return
		}
		res, err := ix.Search(r.Context(), req)
		switch {
		case errors.Is(err, search.ErrBadQuery):
			replyJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		case err != nil:
			replyJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		default:
			replyJSON(w, http.StatusOK, res)
		}
	}))
}

func replyJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
