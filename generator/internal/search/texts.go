package search

import (
	"slices"
	"strconv"
	"sync"

	"guidepost/generator/internal/hashed"
)

// Text shards are cut the same way in every Build, from the documents' entries alone, so
// that a cold build can make them while the pages render, before the other documents are
// known: the documents are taken in blocks of Options.DocBlock in order, and a block whose
// entries are larger than Options.DocShard is halved, and its halves again, until each part
// fits or holds one document. Each part is a text shard, named by its first document ("d"
// and its number), so that a shard does not depend on the shards before it: an edit of one
// document changes the shards of its block alone.

// textGroup is a text shard's documents and the number of the first.
type textGroup struct {
	docs  []*Doc
	start int
}

// splitGroup appends the text shards of one block, docs numbered from start, to groups: the
// block whole when its entries fit in size bytes, or else the shards of each half.
func splitGroup(groups []textGroup, docs []*Doc, start, size int) []textGroup {
	if len(docs) == 1 || textSize(docs) <= size {
		return append(groups, textGroup{docs: docs, start: start})
	}
	half := len(docs) / 2
	groups = splitGroup(groups, docs[:half], start, size)
	return splitGroup(groups, docs[half:], start+half, size)
}

// textID returns the id of the text shard whose first document is start.
func textID(start int) string { return "d" + strconv.Itoa(start) }

// Texts makes the text shards of a cold build while its documents are prepared, instead of
// once every page is rendered: each block of documents is made into its shards as soon as
// its last document is added, and the entries of its documents are let go of once their
// shards are written, so that the build never holds every document's text. Build, given it
// in Options.Texts, makes only the shards of the blocks it has not made (the last block,
// which the documents added after rendering, the questionnaires, complete).
//
// The shards are written through Options.Emit, but not before their text is larger than a
// small site's whole index: until then, Build may yet make the index one file.
type Texts struct {
	dir   string
	size  int // Options.DocShard
	small int // Options.SmallSite
	block int // Options.DocBlock
	emit  func(File)
	reuse bool // Options.Reuse

	mu         sync.Mutex
	docs       []*Doc        // by number; nil until added
	bufs       [][]byte      // by block: the entries of its documents added by PrepareHTML, in the order added
	free       [][]byte      // the buffers of blocks written, for the blocks to come
	left       []int         // by block: how many of its documents are not added yet
	made       [][]*madeText // by block: its shards, once made
	text       int           // the size of the text of the blocks made
	blocksMade int           // how many blocks are made
	held       []*madeText   // shards made, not yet written
	spare      spares        // with reuse
	emitted    bool          // shards are written as they are made
}

// A madeText is a text shard that Texts made: its ref (named), and its file until written.
type madeText struct {
	ref   ShardRef
	group textGroup
	data  []byte // nil once written
	sum   uint32
}

// NewTexts returns a Texts for the first n documents of a Build of opts (which must have
// Emit): only their whole blocks are made early.
func NewTexts(n int, opts Options) *Texts {
	opts.defaults()
	blocks := n / opts.DocBlock // a last, partial block waits for Build
	t := &Texts{dir: opts.Dir, size: opts.DocShard, small: opts.SmallSite, block: opts.DocBlock, emit: opts.Emit, reuse: opts.Reuse,
		docs: make([]*Doc, n), left: make([]int, blocks), made: make([][]*madeText, blocks), bufs: make([][]byte, blocks)}
	for i := range t.left {
		t.left[i] = opts.DocBlock
	}
	return t
}

// PrepareHTML prepares document i as Doc.PrepareHTML does, and adds it. Its entry in a text
// shard is not kept alone but in its block's buffer, and a block's buffer, once its shards
// are written, is the next block's: the entries, most of what the index keeps while pages
// render, are not each a new allocation.
func (t *Texts) PrepareHTML(i int, d *Doc, body string, stems *Stems) {
	d.prepareHTML(body, stems, t, i)
	t.Add(i, d, stems)
}

// keep returns the copy of document i's entry to keep: in its block's buffer when it fits.
func (t *Texts) keep(i int, entry []byte) []byte {
	b := i / t.block
	if b >= len(t.bufs) { // the last block, which Build makes
		return cloneEntry(entry)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	buf := t.bufs[b]
	if buf == nil {
		if n := len(t.free); n > 0 {
			buf, t.free = t.free[n-1][:0], t.free[:n-1]
		} else {
			// Room for a block of entries of the size of those so far, or of DocShard
			// each fourth of a block.
			size := 4 * t.size
			if made := t.blocksMade; made > 0 {
				size = t.text / made * 5 / 4
			}
			buf = make([]byte, 0, size)
		}
	}
	if len(buf)+len(entry) > cap(buf) { // rare: a block larger than the buffer
		t.bufs[b] = buf
		return cloneEntry(entry)
	}
	start := len(buf)
	buf = append(buf, entry...)
	t.bufs[b] = buf
	return buf[start:len(buf):len(buf)]
}

// Add gives document i, prepared (Doc.PrepareHTML or Doc.Prepare); it may be called from
// several goroutines at once. The goroutine that adds a block's last document makes its
// shards.
func (t *Texts) Add(i int, d *Doc, stems *Stems) {
	d.Prepare(stems)
	b := i / t.block
	t.mu.Lock()
	t.docs[i] = d
	done := false
	if b < len(t.left) {
		t.left[b]--
		done = t.left[b] == 0
	}
	t.mu.Unlock()
	if !done {
		return
	}
	docs := t.docs[b*t.block : (b+1)*t.block] // no other goroutine writes these now
	var made []*madeText
	text := 0
	for _, g := range splitGroup(nil, docs, b*t.block, t.size) {
		m := &madeText{ref: ShardRef{ID: textID(g.start), Doc: g.start}, group: g}
		m.data = appendTextFile(t.spare.get(), g)
		m.sum = hashed.Sum(m.data)
		m.ref.Name = shardName(t.dir, m.ref.ID, m.sum)
		text += textSize(g.docs)
		made = append(made, m)
	}
	t.mu.Lock()
	t.made[b] = made
	t.text += text
	t.blocksMade++
	var write []*madeText
	if t.emitted {
		write = made
	} else {
		t.held = append(t.held, made...)
		if t.text > t.small { // the index cannot be one file now
			t.emitted, write, t.held = true, t.held, nil
		}
	}
	t.mu.Unlock()
	t.write(write)
}

// write writes the files of made shards and lets go of them and of their documents' text:
// the buffers of their blocks are free for the blocks to come, and with reuse those of their
// files for the shards to come.
func (t *Texts) write(made []*madeText) {
	for _, m := range made {
		t.emit(File{Name: m.ref.Name, Data: m.data})
		if t.reuse {
			t.spare.put(m.data)
		}
		m.data = nil
		for _, d := range m.group.docs {
			d.entry = nil
		}
	}
	t.mu.Lock()
	for _, m := range made {
		if b := m.group.start / t.block; t.bufs[b] != nil {
			t.free = append(t.free, t.bufs[b])
			t.bufs[b] = nil
		}
	}
	t.mu.Unlock()
}

// Docs returns the documents added, by number, and whether all the n of NewTexts are: a
// cold build's articles. A Build of them, followed by the other documents, may be given t.
func (t *Texts) Docs() ([]*Doc, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.docs), !slices.Contains(t.docs, nil)
}

// shards returns the shards made of the block of documents beginning at start, and whether
// there are; the shards held are written now (Build has ruled out a one-file index).
func (t *Texts) shards(start int) ([]*madeText, bool) {
	if t == nil || start%t.block != 0 || start/t.block >= len(t.made) {
		return nil, false
	}
	t.mu.Lock()
	made := t.made[start/t.block]
	var write []*madeText
	if !t.emitted {
		t.emitted, write, t.held = true, t.held, nil
	}
	t.mu.Unlock()
	t.write(write)
	return made, made != nil
}

// written reports whether some shards were written already: the index is not one file.
func (t *Texts) written() bool {
	if t == nil {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emitted
}

// appendTextFile appends the file of the text shard of g to data.
func appendTextFile(data []byte, g textGroup) []byte {
	if data == nil {
		data = make([]byte, 0, len(queueStart+queueEnd)+textSize(g.docs)+64)
	}
	data = append(appendOpen(data, textID(g.start)), ',')
	data = appendText(data, g.docs, g.start)
	return append(data, "}"+queueEnd...)
}
