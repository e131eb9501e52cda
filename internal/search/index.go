// Package search is annals' full-text index, built with bleve and derived
// from the store: it can always be deleted and rebuilt. It is the only
// package that imports bleve.
package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Doc is one searchable note.
type Doc struct {
	Kind    string    `json:"kind"`
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Summary string    `json:"summary,omitempty"`
	Body    string    `json:"body,omitempty"`
	Names   []string  `json:"names,omitempty"` // actors' names and aliases
	Place   string    `json:"place,omitempty"`
	Tags    []string  `json:"tag,omitempty"`
	Actors  []string  `json:"actor,omitempty"` // actor ids or plain names
	Status  string    `json:"status,omitempty"`
	Sources []string  `json:"source,omitempty"`
	Start   time.Time `json:"start,omitzero"`
	End     time.Time `json:"end,omitzero"`
	EDTF    string    `json:"edtf,omitempty"`
	Display string    `json:"display,omitempty"`
}

// Ref names a document by the kind and id of its note.
type Ref struct{ Kind, ID string }

// key is the bleve document id: ids are unique only within a kind.
func key(kind, id string) string { return kind + "/" + id }

// batchSize bounds a bleve batch: large enough to avoid a segment per few
// documents, small enough to bound memory.
const batchSize = 2000

var generationKey = []byte("generation")

// Index is an open search index.
type Index struct {
	idx   bleve.Index
	mu    sync.Mutex
	epoch uint64    // counts the changes begun and ended by Update
	dates *dateList // nil until a browse by date needs it
}

// Open opens the index at path. A missing or unreadable index is reported
// as an error; Build makes a new one.
func Open(path string) (_ *Index, err error) {
	// Scorch reads each segment's footer while opening, and panics on a
	// damaged one.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("open search index %s: %w: %v", path, ErrCorrupt, p)
		}
	}()
	// The segments are listed before opening: once open, scorch starts
	// merging them into new files, which are not whole until written.
	segments, err := filepath.Glob(filepath.Join(path, "store", "*.zap"))
	if err != nil {
		return nil, fmt.Errorf("open search index %s: %w", path, err)
	}
	// The data folder's lock keeps other annals processes out; should
	// anything else hold the index, fail rather than wait for it forever.
	idx, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": "1s"})
	if err != nil {
		return nil, fmt.Errorf("open search index %s: %w", path, err)
	}
	if err := verify(segments); err != nil {
		idx.Close()
		return nil, fmt.Errorf("open search index %s: %w: %v", path, ErrCorrupt, err)
	}
	return &Index{idx: idx}, nil
}

// ErrCorrupt says the index on disk is damaged and must be rebuilt.
var ErrCorrupt = errors.New("search index is damaged")

// verify checks each segment file against the CRC-32 that ends it. Scorch
// opens a segment without checking, and a search that then reads a
// damaged one can panic. A segment merged away since it was listed is
// gone, which is no damage.
func verify(segments []string) error {
	for _, seg := range segments {
		if err := checkCRC(seg); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

func checkCRC(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() < 4 {
		return fmt.Errorf("segment %s is truncated", filepath.Base(path))
	}
	crc := crc32.NewIEEE()
	if _, err := io.CopyN(crc, f, info.Size()-4); err != nil {
		return err
	}
	var want [4]byte
	if _, err := io.ReadFull(f, want[:]); err != nil {
		return err
	}
	if crc.Sum32() != binary.BigEndian.Uint32(want[:]) {
		return fmt.Errorf("segment %s fails its checksum", filepath.Base(path))
	}
	return nil
}

// Close closes the index.
func (ix *Index) Close() error { return ix.idx.Close() }

// Generation returns the store generation the index reflects, or -1 when
// it does not know (an index left half-built by a crash).
func (ix *Index) Generation() int64 {
	v, err := ix.idx.GetInternal(generationKey)
	if err != nil || v == nil {
		return -1
	}
	g, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return -1
	}
	return g
}

// Update indexes docs, removes the notes named in removed and records the
// store generation it now reflects. The generation is written with the last
// batch, so a crash part-way leaves a stale generation and a rebuild.
// progress, if not nil, is told how many docs are written after each batch.
func (ix *Index) Update(ctx context.Context, docs []Doc, removed []Ref, generation int64, progress func(done, total int)) error {
	ix.changed()
	defer ix.changed()
	b := ix.idx.NewBatch()
	b.DeleteInternal(generationKey)
	for _, r := range removed {
		b.Delete(key(r.Kind, r.ID))
	}
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.Index(key(d.Kind, d.ID), d); err != nil {
			return fmt.Errorf("index %s %s: %w", d.Kind, d.ID, err)
		}
		if b.Size() >= batchSize {
			if err := ix.idx.Batch(b); err != nil {
				return fmt.Errorf("write search index: %w", err)
			}
			b.Reset()
			if progress != nil {
				progress(i+1, len(docs))
			}
		}
	}
	b.SetInternal(generationKey, []byte(strconv.FormatInt(generation, 10)))
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("write search index: %w", err)
	}
	if progress != nil {
		progress(len(docs), len(docs))
	}
	return nil
}

// Build writes a new index of docs at path, replacing any index there. It
// builds beside path and renames, so readers of the old index never see a
// half-built one and a crash leaves the old index or none.
func Build(ctx context.Context, path string, docs []Doc, generation int64, progress func(done, total int)) error {
	tmp := path + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	// Not unsafe_batch: scorch's Close does not persist batches still in
	// memory, so an index built that way can come back empty.
	idx, err := bleve.New(tmp, m)
	if err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	ix := &Index{idx: idx}
	err = ix.Update(ctx, docs, nil, generation, progress)
	err = errors.Join(err, idx.Close())
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("build search index: %w", err)
	}
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	return nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (uint64, error) { return ix.idx.DocCount() }
