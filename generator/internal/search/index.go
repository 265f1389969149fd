// Package search builds the full-text index of a site for the search page, as files that
// load as classic scripts: no fetch, no ES modules, no WebAssembly, so that search works on
// a CDN, opened from disk (file://) and inlined in the single-file export.
//
// What is indexed: each article's title, description, tags, headings and body text (taken
// from its rendered HTML by Extract), and each questionnaire's title, description, intro,
// questions and outcome titles. Words are folded (Fold: NFD, combining marks dropped, lower
// case), stop words left out, and stemmed with the Snowball English stemmer, so "Walking"
// and "walked" are both "walk". A word's score in a document weighs where it is: the title
// most, then headings, tags, the description, and the body (growing with the log of how
// often it occurs).
//
// The index is split into shards, each a script that adds its data to a global queue,
// self.guidepostSearch (an array until the page's script replaces its push):
//
//		(self.guidepostSearch=self.guidepostSearch||[]).push({"i":"t0", ...});
//
//	  - term shards ("t" + n) hold, for a range of keys in sorted order, the postings of stems
//	    ("t": stem -> [doc, score, doc, score ...], doc numbers as the difference from the one
//	    before) and the stems of the words seen in documents whose stem differs ("v": word ->
//	    stem), so the script needs no stemmer: it looks the reader's word up, and a word typed
//	    half-way ("feve") finds every key it begins;
//	  - text shards ("d" + n) hold, for a range of document numbers ("f": the first), each
//	    document's URL, title, description, kind and sentences, read only for the results shown.
//
// Term shards are cut at about Options.TermShard bytes; text shards are cut from blocks of
// Options.DocBlock documents, each block halved until its parts hold at most Options.DocShard
// bytes (or one document), so that where they are cut depends on the documents of the block
// alone (see splitGroup). A small site (Options.SmallSite) has one file holding both, and a
// query on a site of 10,000 articles reads a few shards of each kind.
//
// The cost of the index falls mostly on each page as it renders (Doc.PrepareHTML): the text
// is read from its HTML by a small reader of the HTML the markdown package writes, its words
// are counted by number (Stems numbers every word and stem once, and caches them in a
// scratch that each processor takes back), and its entry in a text shard is written then, the
// one copy of its text kept. In a cold build, Texts.PrepareHTML keeps each entry in its
// block's buffer, and Texts makes the text shards of each block of documents as soon as the
// block is prepared, lets go of their text, and uses the buffer for a block to come. Build
// then fills the numbers' postings and makes the shards straight into their files, on every
// processor.
//
// Build is a function of the documents alone. A Cache, given from one Build to the next as
// dev mode does, makes the next Build cheaper without changing what it makes: the inverted
// index is updated for the documents that changed (when few did), the JSON of each key and
// the text shards whose documents did not change are kept, and so are the files of shards
// whose content is the same. Each shard's name carries a sum of its content (package
// hashed), so that it can be cached forever, like the theme's assets. The Manifest, which
// the search page holds as JSON, says which shard holds which keys and documents, and the
// stop words, which the script leaves out of queries.
package search

import (
	"bytes"
	"slices"
	"strconv"
	"sync"

	"guidepost/generator/internal/hashed"
	"guidepost/generator/internal/parallel"
)

// Options tune Build.
type Options struct {
	Dir       string // the folder of the shards, from the site root
	TermShard int    // the size a term shard is cut at, in bytes; 0: DefaultTermShard
	DocShard  int    // the size a text shard is cut at, in bytes; 0: DefaultDocShard
	SmallSite int    // the size up to which the whole index is one file; 0: DefaultSmallSite
	Stems     *Stems // a cache of stems; nil: a new one
	// Cache, when not nil, keeps parts of the index for the next Build of nearly the same
	// documents (dev mode): a text shard whose documents are those of the last Build is not
	// made again.
	Cache *Cache
	// Emit, when not nil and Cache is nil (a cold build), is given each shard's file as soon
	// as it is made, from several goroutines at once; Index.Files then lists the shards by
	// name only (Data nil). So the whole index is never held at once.
	Emit func(File)
	// DocBlock is how many documents the text shards are cut from at a time; 0:
	// DefaultDocBlock (see splitGroup).
	DocBlock int
	// Texts, when not nil (a cold build, with Emit), holds the text shards made while the
	// documents were prepared; the documents it was given must be the first of Build's.
	Texts *Texts
	// Reuse says that Emit keeps nothing of a File's Data once it has returned (it wrote the
	// file out): files are then made in buffers used again, not each in memory of its own
	// (50 MB at 10,000 articles).
	Reuse bool
}

// A Cache keeps the text shards of a Build for the next one. Its zero value is ready to use.
type Cache struct {
	texts    map[*Doc]textShard // by their first document
	terms    terms
	files    map[string]shardFile // by shard id
	termKeys map[string][]uint32  // the keys of each term shard, by shard id
}

// A shardFile is a shard's file and the body it was made of.
type shardFile struct {
	body []byte
	file File
}

type textShard struct {
	docs  []*Doc
	start int
	body  []byte
}

// text returns the body of the text shard of docs, numbered from start, when the last Build
// made it.
func (c *Cache) text(docs []*Doc, start int) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	t, ok := c.texts[docs[0]]
	if !ok || t.start != start || len(t.docs) != len(docs) {
		return nil, false
	}
	for i, d := range docs {
		if t.docs[i] != d {
			return nil, false
		}
	}
	return t.body, true
}

// textSize returns the size of the documents' entries in text shards.
func textSize(docs []*Doc) int {
	n := 0
	for _, d := range docs {
		n += len(d.entry) + 1
	}
	return n
}

// Default shard sizes: about 40 KB and 30 KB gzip-compressed; and a whole index of up to
// about 60 KB gzip-compressed (a site of a hundred articles or so) is one file. Text shards
// are cut from blocks of 64 documents.
const (
	DefaultTermShard = 160 << 10
	DefaultDocShard  = 96 << 10
	DefaultSmallSite = 640 << 10
	DefaultDocBlock  = 64
)

// A File is one shard: its path from the site root and its content.
type File struct {
	Name string
	Data []byte
}

// Manifest tells the script where the index is. It is written into the search page.
type Manifest struct {
	Docs  int        `json:"n"`    // how many documents there are
	Stop  []string   `json:"stop"` // the stop words
	Terms []ShardRef `json:"t"`    // term shards, by their first key
	Texts []ShardRef `json:"d"`    // text shards, by their first document
}

// A ShardRef names a shard and what it holds first.
type ShardRef struct {
	ID    string `json:"i"`
	First string `json:"f,omitempty"` // term shards: the first key
	Doc   int    `json:"n,omitempty"` // text shards: the first document
	Name  string `json:"-"`           // its path from the site root
	URL   string `json:"u"`           // its URL from the search page; the caller sets it
}

// An Index is what Build makes.
type Index struct {
	Manifest Manifest
	Files    []File
}

// queue is how a shard begins and ends.
const (
	queueStart = "(self.guidepostSearch=self.guidepostSearch||[]).push("
	queueEnd   = ");\n"
)

// Build indexes docs, in the order given (a document's number is its place in docs).
// Without Options.Cache, the documents are for this Build only: it lets go of each one's text
// once it is in its shard, so that the text is not held twice while the shards are written.
func Build(docs []*Doc, opts Options) Index {
	opts.defaults()
	parallel.Do(len(docs), func(i int) {
		d := docs[i]
		if d.Prepare(opts.Stems); d.stems != opts.Stems {
			d.rebase(opts.Stems)
		}
	})
	c := opts.Cache
	if c == nil {
		c = &Cache{}
	}
	c.terms.update(docs, opts.Stems, opts.Cache != nil)
	// In a cold build the term shards' files are made from the keys' JSON where it was
	// written (parts), not from a body copied from it first.
	lazy := opts.Emit != nil && opts.Cache == nil
	terms := termShards(c, opts.TermShard, lazy)
	if len(terms) == 1 && lazy {
		terms[0].body, terms[0].parts = appendParts(nil, terms[0].parts), nil
	}

	w := &shardWriter{
		idx:   Index{Manifest: Manifest{Docs: len(docs), Stop: stopWords}},
		dir:   opts.Dir,
		emit:  opts.Emit,
		keep:  opts.Cache != nil,
		last:  c.files,
		files: make(map[string]shardFile),
	}
	if w.keep {
		w.emit = nil
	}
	defer func() { c.files = w.files }()
	// (Once Texts wrote shards, their text alone was larger than a small site's.)
	if len(terms) == 1 && !opts.Texts.written() && len(terms[0].body)+textSize(docs) <= opts.SmallSite { // one file for the whole index
		body := appendText(make([]byte, 0, textSize(docs)+32), docs, 0)
		ref := w.write(ShardRef{ID: "s0"}, terms[0].body, body)
		w.idx.Manifest.Terms = []ShardRef{ref}
		w.idx.Manifest.Texts = []ShardRef{ref}
		if opts.Cache != nil {
			opts.Cache.texts = nil
		}
		return w.idx
	}
	if w.emit != nil { // a cold build: the files are made, hashed and written in parallel
		w.idx.Manifest.Terms = w.emitTerms(terms, opts.Reuse)
	}
	for i, s := range terms {
		switch {
		case w.emit != nil:
		case s.same:
			w.idx.Manifest.Terms = append(w.idx.Manifest.Terms, w.write(s.ref))
		default:
			w.idx.Manifest.Terms = append(w.idx.Manifest.Terms, w.write(s.ref, s.body))
		}
		terms[i].body = nil
	}
	terms = nil
	// Text shards: cut from blocks of documents, so that an edit of one document changes the
	// shards of its block (Cache keeps the others).
	next := w.texts(docs, opts)
	if len(docs) == 0 {
		w.idx.Manifest.Texts = append(w.idx.Manifest.Texts, w.write(ShardRef{ID: textID(0)}, []byte(`"f":0,"d":[]`)))
	}
	if opts.Cache != nil {
		opts.Cache.texts = next
	}
	return w.idx
}

// defaults fills in the options left zero.
func (o *Options) defaults() {
	if o.TermShard <= 0 {
		o.TermShard = DefaultTermShard
	}
	if o.DocShard <= 0 {
		o.DocShard = DefaultDocShard
	}
	if o.SmallSite <= 0 {
		o.SmallSite = DefaultSmallSite
	}
	if o.DocBlock <= 0 {
		o.DocBlock = DefaultDocBlock
	}
	if o.Stems == nil {
		o.Stems = &Stems{}
	}
}

// A keyChunk is the JSON of a run of keys, made in parallel with the others.
type keyChunk struct {
	keys       []uint32
	dirty      []uint32 // with a Cache: the keys whose JSON was written again
	p, v       []byte
	pEnd, vEnd []int // where each key's JSON ends in p and v
}

// keyChunks makes the JSON of c's keys in parallel, in chunks of keys: 1024 keys, or fewer
// keys of 8,192 postings (a site of few words, each on many pages, has few keys, but their
// JSON is much of the index). A chunk's JSON is then some 60 KB, which the heap of a build
// that rendered its pages has room for in pages it already touched (see pieceSize): in
// chunks of 65,536 postings, it took twice as long. With a Cache each key's JSON is kept in
// c.terms, and only the keys whose postings changed are written again.
func keyChunks(c *Cache) []keyChunk {
	keys := c.terms.keys
	var chunks []keyChunk
	start, postings := 0, 0
	for i, k := range keys {
		if i-start == 1024 || postings >= 1<<13 {
			chunks = append(chunks, keyChunk{keys: keys[start:i]})
			start, postings = i, 0
		}
		postings += len(c.terms.postings[k])
	}
	if start < len(keys) {
		chunks = append(chunks, keyChunk{keys: keys[start:]})
	}
	parallel.Do(len(chunks), func(i int) {
		ch := &chunks[i]
		if c.terms.keep {
			var p, v []byte
			for _, k := range ch.keys {
				if c.terms.stale(k) {
					ch.dirty = append(ch.dirty, k)
					p, v = c.terms.appendKey(p[:0], v[:0], k)
				}
			}
			return
		}
		ch.pEnd, ch.vEnd = make([]int, len(ch.keys)), make([]int, len(ch.keys))
		// Sized for about 7 bytes a posting (a small difference, a score, two commas), so
		// that the buffer seldom grows: growing it was half of what the keys' JSON allocated.
		size := 0
		for _, k := range ch.keys {
			size += len(c.terms.strs[k]) + 8 + 7*len(c.terms.postings[k])
		}
		ch.p = make([]byte, 0, size)
		for j, k := range ch.keys {
			ch.p, ch.v = c.terms.appendKey(ch.p, ch.v, k)
			ch.pEnd[j], ch.vEnd[j] = len(ch.p), len(ch.v)
		}
	})
	return chunks
}

// termShards returns the term shards of c's keys, each of about size bytes, as the content
// of their JSON object without their id: they are written at the end, since a small site's
// index is one file, with its text.
//
// When lazy, a shard's JSON is not copied into a body: the shard lists the parts of the
// chunks' JSON it is made of (appendParts writes them), so that its file is made from them
// directly.
func termShards(c *Cache, size int, lazy bool) []termShard {
	chunks := keyChunks(c)
	if c.terms.keep {
		return keptShards(c, chunks, size)
	}
	var terms []termShard
	body := []byte(`"t":{`)
	var v []byte
	var parts []termPart
	pn, vn := 0, 0 // the size of the shard's keys' JSON so far, postings and variants
	first := ""
	end := func() termShard {
		sh := termShard{ref: ShardRef{ID: "t" + strconv.Itoa(len(terms)), First: first}, parts: parts}
		if !lazy {
			sh.body = endTerms(body, v)
		}
		return sh
	}
	for ci := range chunks {
		ch := &chunks[ci]
		pStart, vStart := 0, 0
		part, p0, v0 := false, 0, 0 // part: the shard's last part is of this chunk, from p0 and v0
		for j, k := range ch.keys {
			if pn+vn >= size {
				terms = append(terms, end())
				pn, vn, parts, part = 0, 0, nil, false
				if !lazy {
					body, v = append(make([]byte, 0, size+size/4), `"t":{`...), v[:0]
				}
				first = c.terms.strs[k]
			}
			pn, vn = pn+ch.pEnd[j]-pStart, vn+ch.vEnd[j]-vStart
			if lazy {
				if !part {
					parts, part, p0, v0 = append(parts, termPart{}), true, pStart, vStart
				}
				parts[len(parts)-1] = termPart{p: ch.p[p0:ch.pEnd[j]], v: ch.v[v0:ch.vEnd[j]]}
			} else {
				body = append(body, ch.p[pStart:ch.pEnd[j]]...)
				v = append(v, ch.v[vStart:ch.vEnd[j]]...)
			}
			pStart, vStart = ch.pEnd[j], ch.vEnd[j]
		}
	}
	return append(terms, end())
}

// A termPart is JSON of a run of keys of one chunk: their postings and their variants.
type termPart struct{ p, v []byte }

// appendParts appends to b the JSON of a term shard made of parts, as endTerms ends it.
func appendParts(b []byte, parts []termPart) []byte {
	b = append(b, `"t":{`...)
	start := len(b)
	for _, pt := range parts {
		b = append(b, pt.p...)
	}
	if len(b) > start && b[len(b)-1] == ',' {
		b = b[:len(b)-1]
	}
	b = append(b, `},"v":{`...)
	start = len(b)
	for _, pt := range parts {
		b = append(b, pt.v...)
	}
	if len(b) > start && b[len(b)-1] == ',' {
		b = b[:len(b)-1]
	}
	return append(b, '}')
}

// partsSize returns the size of what appendParts appends, at most.
func partsSize(parts []termPart) int {
	n := len(`"t":{},"v":{}`)
	for _, pt := range parts {
		n += len(pt.p) + len(pt.v)
	}
	return n
}

// keptShards returns the term shards of c's keys when a Cache keeps each key's JSON: they
// are cut where termShards would cut them, from the sizes of the keys' JSON; a shard of the
// same keys as in the last Build, none written again, is not made again (the shardWriter
// then finds its file unchanged).
func keptShards(c *Cache, chunks []keyChunk, size int) []termShard {
	var terms []termShard
	var body, v []byte
	dirty := make(map[uint32]bool)
	for _, ch := range chunks {
		for _, k := range ch.dirty {
			dirty[k] = true
		}
	}
	keys := c.terms.keys
	var groups [][]uint32
	start, n := 0, 0
	for i, k := range keys {
		if n >= size {
			groups = append(groups, keys[start:i])
			start, n = i, 0
		}
		n += c.terms.keptSize(k)
	}
	groups = append(groups, keys[start:])
	termKeys := make(map[string][]uint32, len(groups))
	for i, g := range groups {
		ref := ShardRef{ID: "t" + strconv.Itoa(i)}
		if i > 0 {
			ref.First = c.terms.strs[g[0]]
		}
		termKeys[ref.ID] = slices.Clone(g)
		if len(groups) > 1 && slices.Equal(c.termKeys[ref.ID], g) && !slices.ContainsFunc(g, func(k uint32) bool { return dirty[k] }) {
			if _, ok := c.files[ref.ID]; ok {
				terms = append(terms, termShard{ref: ref, same: true})
				continue
			}
		}
		body, v = append(body[:0], `"t":{`...), v[:0]
		for _, k := range g {
			body, v = c.terms.appendKept(body, v, k)
		}
		terms = append(terms, termShard{ref: ref, body: slices.Clone(endTerms(body, v))})
	}
	c.termKeys = termKeys
	return terms
}

// endTerms ends the JSON of a term shard, body, with its variants, v.
func endTerms(body, v []byte) []byte {
	body = append(bytes.TrimSuffix(body, []byte(",")), `},"v":{`...)
	body = append(body, bytes.TrimSuffix(v, []byte(","))...)
	return append(body, '}')
}

// A shardWriter makes the files of an index's shards.
type shardWriter struct {
	idx   Index
	dir   string
	emit  func(File)           // nil: the files are kept in idx
	keep  bool                 // a Cache keeps the shards' bodies for the next Build
	last  map[string]shardFile // the last Build's shards, by id
	files map[string]shardFile // this Build's shards, by id, for the next one
}

// open begins the file of ref's shard, for a content of about n bytes.
func (w *shardWriter) open(ref ShardRef, n int) []byte { return openShard(ref.ID, n) }

// openShard begins the file of shard id, for a content of about n bytes.
func openShard(id string, n int) []byte {
	return appendOpen(make([]byte, 0, len(queueStart+queueEnd)+len(id)+n+16), id)
}

// spares are the buffers of files written, for the files to come, when Emit keeps nothing
// of them (Options.Reuse).
type spares struct {
	mu   sync.Mutex
	bufs [][]byte
}

// get returns a buffer of a file written, empty, or nil.
func (s *spares) get() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.bufs)
	if n == 0 {
		return nil
	}
	buf := s.bufs[n-1]
	s.bufs = s.bufs[:n-1]
	return buf[:0]
}

// put keeps the buffer of a file written.
func (s *spares) put(buf []byte) {
	s.mu.Lock()
	s.bufs = append(s.bufs, buf)
	s.mu.Unlock()
}

// appendOpen appends the beginning of the file of shard id to data.
func appendOpen(data []byte, id string) []byte {
	data = append(data, queueStart+`{"i":"`...)
	data = append(data, id...)
	return append(data, '"')
}

// record adds a file ended, with its sum, to the index. single says the content is one
// body, from start, which the Cache keeps to compare with the next Build's.
func (w *shardWriter) record(ref ShardRef, data []byte, start int, single bool, sum uint32) ShardRef {
	ref.Name = shardName(w.dir, ref.ID, sum)
	f := File{Name: ref.Name, Data: data}
	if w.emit != nil {
		w.emit(f)
		f.Data = nil
	}
	w.idx.Files = append(w.idx.Files, f)
	if single && w.keep { // the body is kept as part of the file
		w.files[ref.ID] = shardFile{body: data[start : len(data)-len("}"+queueEnd)], file: f}
	}
	return ref
}

// reuse adds the last Build's file of ref to the index.
func (w *shardWriter) reuse(ref ShardRef, f shardFile) ShardRef {
	ref.Name = f.file.Name
	w.idx.Files = append(w.idx.Files, f.file)
	w.files[ref.ID] = f
	return ref
}

// write adds the shard of ref made of bodies to the index, or the file of the last Build
// when it was made of the same body, and returns its ref.
func (w *shardWriter) write(ref ShardRef, bodies ...[]byte) ShardRef {
	if len(bodies) == 0 { // the shard of the last Build, unchanged (termShard.same)
		return w.reuse(ref, w.last[ref.ID])
	}
	if len(bodies) == 1 {
		if f, ok := w.last[ref.ID]; ok && bytes.Equal(f.body, bodies[0]) {
			return w.reuse(ref, f)
		}
	}
	n := 0
	for _, b := range bodies {
		n += len(b) + 1
	}
	data := w.open(ref, n)
	start := len(data) + 1
	for _, b := range bodies {
		data = append(data, ',')
		data = append(data, b...)
	}
	data = append(data, "}"+queueEnd...)
	return w.record(ref, data, start, len(bodies) == 1, hashed.Sum(data))
}

// emitTerms writes the files of the term shards of a cold build, in parallel (each is
// copied from the keys' JSON and summed), lists them in the index, and returns their refs,
// named; with reuse, each is made in the buffer of one already written.
func (w *shardWriter) emitTerms(terms []termShard, reuse bool) []ShardRef {
	refs := make([]ShardRef, len(terms))
	var bufs spares // with reuse
	parallel.Do(len(terms), func(i int) {
		t := &terms[i]
		buf := bufs.get()
		if buf == nil {
			buf = make([]byte, 0, len(queueStart+queueEnd)+len(t.ref.ID)+len(t.body)+partsSize(t.parts)+16)
		}
		data := append(appendOpen(buf, t.ref.ID), ',')
		if t.body != nil {
			data = append(data, t.body...)
		} else {
			data = appendParts(data, t.parts)
		}
		data = append(data, "}"+queueEnd...)
		t.body, t.parts = nil, nil
		refs[i] = terms[i].ref
		refs[i].Name = shardName(w.dir, refs[i].ID, hashed.Sum(data))
		w.emit(File{Name: refs[i].Name, Data: data})
		if reuse {
			bufs.put(data)
		}
	})
	for _, ref := range refs {
		w.idx.Files = append(w.idx.Files, File{Name: ref.Name})
	}
	return refs
}

// texts adds the text shards of docs to the index (splitGroup), and returns what opts.Cache
// keeps of them (nil without one). Those Texts made are listed by name; the files of the
// others that changed are made in parallel: they are most of the index, and making one is
// copying its documents' entries and hashing them.
func (w *shardWriter) texts(docs []*Doc, opts Options) map[*Doc]textShard {
	cache := opts.Cache
	var next map[*Doc]textShard
	if cache != nil {
		next = make(map[*Doc]textShard)
	}
	type text struct {
		ref    ShardRef
		group  textGroup
		made   bool   // made by opts.Texts: written already
		body   []byte // the body of the last Build, when its documents are the same
		data   []byte // a new file, when not
		bodyAt int    // where the body begins in data
		sum    uint32
	}
	var texts []text
	for start := 0; start < len(docs); start += opts.DocBlock {
		if made, ok := opts.Texts.shards(start); ok {
			for _, m := range made {
				texts = append(texts, text{ref: m.ref, group: m.group, made: true})
			}
			continue
		}
		for _, g := range splitGroup(nil, docs[start:min(start+opts.DocBlock, len(docs))], start, opts.DocShard) {
			t := text{ref: ShardRef{ID: textID(g.start), Doc: g.start}, group: g}
			t.body, _ = cache.text(g.docs, g.start)
			texts = append(texts, t)
		}
	}
	parallel.Do(len(texts), func(i int) {
		if t := &texts[i]; !t.made && t.body == nil {
			t.data = append(w.open(t.ref, textSize(t.group.docs)+32), ',')
			t.bodyAt = len(t.data)
			t.data = appendText(t.data, t.group.docs, t.ref.Doc)
			t.data = append(t.data, "}"+queueEnd...)
			if cache == nil { // the documents are for this Build only: let go of their text
				for _, d := range t.group.docs {
					d.entry = nil
				}
			}
			t.sum = hashed.Sum(t.data)
			if w.emit != nil { // written now, not held until every shard is made
				t.ref.Name = shardName(w.dir, t.ref.ID, t.sum)
				w.emit(File{Name: t.ref.Name, Data: t.data})
				t.data = nil
			}
		}
	})
	for _, t := range texts {
		ref := t.ref
		switch {
		case t.body != nil:
			ref = w.write(ref, t.body)
		case t.made || w.emit != nil:
			w.idx.Files = append(w.idx.Files, File{Name: ref.Name})
		default:
			ref = w.record(ref, t.data, t.bodyAt, true, t.sum)
		}
		if next != nil {
			next[t.group.docs[0]] = textShard{docs: slices.Clone(t.group.docs), start: ref.Doc, body: w.files[ref.ID].body}
		}
		w.idx.Manifest.Texts = append(w.idx.Manifest.Texts, ref)
	}
	return next
}

// shardName returns the path of shard id, from the site root, named by the sum of its
// file (hashed.Sum).
func shardName(dir, id string, sum uint32) string { return hashed.Name(dir+"/"+id+".js", sum) }

// A termShard is the content of a term shard's JSON object, without its id.
type termShard struct {
	ref   ShardRef
	body  []byte
	parts []termPart // termShards' lazy shard: the JSON it is made of, body being nil
	same  bool       // with a Cache: the keys and their JSON are those of the last Build's shard
}

// appendText appends the content of the text shard of docs, numbered from start, to buf.
func appendText(buf []byte, docs []*Doc, start int) []byte {
	buf = append(buf, `"f":`...)
	buf = strconv.AppendInt(buf, int64(start), 10)
	buf = append(buf, `,"d":[`...)
	for i, doc := range docs {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, doc.entry...)
	}
	return append(buf, ']')
}
