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
// Term shards are cut at about Options.TermShard bytes; text shards hold the same number of
// documents each, about Options.DocShard bytes' worth (a power of two, so that it stays the
// same as documents change a little). A small site (Options.SmallSite) has one file holding both, and a query on
// a site of 10,000 articles reads a few shards of each kind.
//
// Build is a function of the documents alone. A Cache, given from one Build to the next as
// dev mode does, makes the next Build cheaper without changing what it makes: the inverted
// index is updated for the documents that changed (when few did), the JSON of each key and
// the text shards whose documents did not change are kept, and so are the files of shards
// whose content is the same. Each shard's name carries a hash of its content (the first 4 bytes of its SHA-256, as the theme's assets) (cached forever, like the theme's
// assets). The Manifest, which the search page holds as JSON, says which shard holds which
// keys and documents, and the stop words, which the script leaves out of queries.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"

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
}

// A Cache keeps the text shards of a Build for the next one. Its zero value is ready to use.
type Cache struct {
	texts map[*Doc]textShard // by their first document
	terms terms
	files map[string]shardFile // by shard id
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

// docsPerShard returns how many documents each text shard holds: about size bytes' worth,
// rounded down to a power of two, so that small changes to the documents keep it.
func docsPerShard(docs []*Doc, size int) int {
	total := 0
	for _, d := range docs {
		total += len(d.entry) + 1
	}
	if len(docs) == 0 || total <= size {
		return max(len(docs), 1)
	}
	per := 1
	for per*2*total/len(docs) <= size {
		per *= 2
	}
	return per
}

// Default shard sizes: about 40 KB and 30 KB gzip-compressed; and a whole index of up to
// about 60 KB gzip-compressed (a site of a hundred articles or so) is one file.
const (
	DefaultTermShard = 160 << 10
	DefaultDocShard  = 96 << 10
	DefaultSmallSite = 640 << 10
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
func Build(docs []*Doc, opts Options) Index {
	if opts.TermShard <= 0 {
		opts.TermShard = DefaultTermShard
	}
	if opts.DocShard <= 0 {
		opts.DocShard = DefaultDocShard
	}
	if opts.SmallSite <= 0 {
		opts.SmallSite = DefaultSmallSite
	}
	if opts.Stems == nil {
		opts.Stems = &Stems{}
	}
	parallel.Do(len(docs), func(i int) { docs[i].Prepare(opts.Stems) })

	c := opts.Cache
	if c == nil {
		c = &Cache{}
	}
	c.terms.update(docs)

	// Term shards and text shards are made as the content of their JSON object, without
	// their id, and written at the end: a small site's two are one file.
	type shard struct {
		ref  ShardRef
		body []byte
	}
	var terms, texts []shard

	var t, v bytes.Buffer
	first := ""
	flush := func() {
		var buf bytes.Buffer
		buf.Grow(t.Len() + v.Len() + 16)
		buf.WriteString(`"t":{`)
		buf.Write(bytes.TrimSuffix(t.Bytes(), []byte(",")))
		buf.WriteString(`},"v":{`)
		buf.Write(bytes.TrimSuffix(v.Bytes(), []byte(",")))
		buf.WriteString("}")
		terms = append(terms, shard{ShardRef{ID: "t" + strconv.Itoa(len(terms)), First: first}, buf.Bytes()})
		t.Reset()
		v.Reset()
	}
	for _, k := range c.terms.keys {
		if t.Len()+v.Len() >= opts.TermShard {
			flush()
			first = k
		}
		ps, st := c.terms.json(k)
		t.Write(ps)
		v.Write(st)
	}
	flush()

	// Text shards: the same number of documents in each, so that an edit of one document
	// changes one shard (Cache keeps the others).
	per := docsPerShard(docs, opts.DocShard)
	small := len(terms) == 1 && len(terms[0].body)+textSize(docs) <= opts.SmallSite
	if small { // one file for the whole index
		per = max(len(docs), 1)
	}
	var next map[*Doc]textShard
	if opts.Cache != nil {
		next = make(map[*Doc]textShard)
	}
	for start := 0; start < len(docs); start += per {
		group := docs[start:min(start+per, len(docs))]
		body, ok := opts.Cache.text(group, start)
		if !ok {
			n := 0
			for _, doc := range group {
				n += len(doc.entry) + 1
			}
			buf := make([]byte, 0, n+32)
			buf = append(buf, `"f":`...)
			buf = strconv.AppendInt(buf, int64(start), 10)
			buf = append(buf, `,"d":[`...)
			for i, doc := range group {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = append(buf, doc.entry...)
			}
			body = append(buf, ']')
		}
		if next != nil {
			next[group[0]] = textShard{docs: slices.Clone(group), start: start, body: body}
		}
		texts = append(texts, shard{ShardRef{ID: "d" + strconv.Itoa(len(texts)), Doc: start}, body})
	}
	if len(docs) == 0 {
		texts = append(texts, shard{ShardRef{ID: "d0"}, []byte(`"f":0,"d":[]`)})
	}
	if opts.Cache != nil {
		opts.Cache.texts = next
	}

	idx := Index{Manifest: Manifest{Docs: len(docs), Stop: stopWords}}
	files := make(map[string]shardFile)
	write := func(ref ShardRef, bodies ...[]byte) ShardRef {
		if len(bodies) == 1 {
			if f, ok := c.files[ref.ID]; ok && bytes.Equal(f.body, bodies[0]) {
				ref.Name = f.file.Name
				idx.Files = append(idx.Files, f.file)
				files[ref.ID] = f
				return ref
			}
		}
		var buf bytes.Buffer
		n := len(queueStart+queueEnd) + 16
		for _, b := range bodies {
			n += len(b) + 1
		}
		buf.Grow(n)
		buf.WriteString(queueStart + `{"i":"` + ref.ID + `"`)
		for _, b := range bodies {
			buf.WriteByte(',')
			buf.Write(b)
		}
		buf.WriteString("}" + queueEnd)
		sum := sha256.Sum256(buf.Bytes())
		ref.Name = opts.Dir + "/" + ref.ID + "." + hex.EncodeToString(sum[:4]) + ".js"
		idx.Files = append(idx.Files, File{Name: ref.Name, Data: buf.Bytes()})
		if len(bodies) == 1 {
			files[ref.ID] = shardFile{body: bodies[0], file: idx.Files[len(idx.Files)-1]}
		}
		return ref
	}
	defer func() { c.files = files }()
	if small && len(texts) == 1 {
		ref := write(ShardRef{ID: "s0"}, terms[0].body, texts[0].body)
		idx.Manifest.Terms = []ShardRef{ref}
		idx.Manifest.Texts = []ShardRef{ref}
		return idx
	}
	for _, s := range terms {
		idx.Manifest.Terms = append(idx.Manifest.Terms, write(s.ref, s.body))
	}
	for _, s := range texts {
		idx.Manifest.Texts = append(idx.Manifest.Texts, write(s.ref, s.body))
	}
	return idx
}
