package note

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// kindWikiLink is the AST node kind of a [[target|label]] link.
var kindWikiLink = ast.NewNodeKind("WikiLink")

type wikiLinkNode struct {
	ast.BaseInline
	target string
	label  string // empty: show the target note's title
	offset int
}

func (n *wikiLinkNode) Kind() ast.NodeKind { return kindWikiLink }

func (n *wikiLinkNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Target": n.target, "Label": n.label}, nil)
}

// wikiLinkParser reads [[id]] and [[id|label]] on one line.
type wikiLinkParser struct{}

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (wikiLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	// The first bracket after "[[" must start the closing "]]": looking
	// no further keeps a line of a thousand "[[" linear to read.
	rest := line[2:]
	end := bytes.IndexAny(rest, "[]")
	if end < 0 || !bytes.HasPrefix(rest[end:], []byte("]]")) {
		return nil
	}
	inner := string(rest[:end])
	if strings.ContainsRune(inner, '\n') {
		return nil
	}
	target, label, _ := strings.Cut(inner, "|")
	target = strings.TrimSpace(target)
	if target == "" {
		return nil
	}
	block.Advance(end + 4)
	return &wikiLinkNode{target: target, label: strings.TrimSpace(label), offset: seg.Start}
}
