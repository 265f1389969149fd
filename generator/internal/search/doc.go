package search

import (
	"bytes"
	"encoding/binary"
	"iter"
	"math"
	"math/bits"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Field weights: a word in the title counts most, then the headings and tags, then the
// description, then the body.
const (
	titleWeight       = 12
	headingWeight     = 6
	tagWeight         = 5
	descriptionWeight = 4
	maxScore          = 255
)

// A Doc is one page the index finds: an article or a questionnaire.
type Doc struct {
	URL         string   // from the search page; Prepare lets go of it
	Title       string   // shown as the result's link
	Description string   // shown under it
	Kind        string   // "" for an article; "Questionnaire" is shown before a questionnaire's title
	Tags        []string // as words ("low impact"); Prepare lets go of them
	Headings    []string // Prepare lets go of them
	Text        string   // the body's sentences, in order, each ending in "\n" (see Extract); Prepare lets go of it

	once  sync.Once
	stems *Stems   // what numbers its terms and variants
	list  termList // the numbers of the stems of its words, with their scores, and of its variants
	entry []byte   // its entry in a text shard, JSON: the one copy of its text kept
}

// counts are how often a word occurs in each field of a document, by field.
type counts [5]uint16

// The fields of a document.
const (
	title = iota
	heading
	tag
	description
	body
)

// inc counts one more word in field f, up to math.MaxUint16.
func (c *counts) inc(f int) {
	if c[f] < math.MaxUint16 {
		c[f]++
	}
}

func (c counts) score() int {
	s := 0
	if c[title] > 0 {
		s += titleWeight
	}
	s += headingWeight * int(min(c[heading], 2))
	if c[tag] > 0 {
		s += tagWeight
	}
	if c[description] > 0 {
		s += descriptionWeight
	}
	switch n := c[body]; {
	case int(n) < len(bodyScores):
		s += int(bodyScores[n])
	default:
		s += bodyScore(n)
	}
	return min(s, maxScore)
}

// bodyScore is what a word found n times in the body adds to its score: 2 for once, growing
// with the log of n.
func bodyScore(n uint16) int {
	if n == 0 {
		return 0
	}
	return 2 + int(math.Round(2*math.Log2(float64(n))))
}

// bodyScores holds bodyScore of the counts most words have.
var bodyScores = func() (t [64]uint8) {
	for n := range t {
		t[n] = uint8(bodyScore(uint16(n)))
	}
	return t
}()

// Prepare computes what the index needs of d, once: the numbers of the stems of its words
// with their scores, and its entry in a text shard, which is then the one copy of its text
// kept: Prepare sets Text, Headings, Tags and URL to nothing. The other fields must not
// change afterwards. Build calls it for documents not prepared yet; calling it while the page
// renders spreads the work.
func (d *Doc) Prepare(stems *Stems) {
	d.once.Do(func() {
		sc := stems.scratch()
		d.prepare(stems, sc, nil, 0)
		stems.done(sc)
	})
}

// PrepareHTML sets d's Headings and Text from an article's HTML body, as Extract does, and
// prepares d as Prepare does, once, reading the text into a buffer kept for the next
// document.
func (d *Doc) PrepareHTML(body string, stems *Stems) {
	d.prepareHTML(body, stems, nil, 0)
}

// prepareHTML is PrepareHTML, the entry kept by texts as document i's when texts is not nil.
func (d *Doc) prepareHTML(body string, stems *Stems, texts *Texts, i int) {
	d.once.Do(func() {
		sc := stems.scratch()
		sc.extract(body)
		d.Text = unsafeString(sc.out) // let go of before sc is used again
		d.prepare(stems, sc, texts, i)
		stems.done(sc)
	})
}

// cloneEntry returns a copy of entry at its size: the entry kept of a document prepared
// alone.
func cloneEntry(entry []byte) []byte {
	c := make([]byte, len(entry))
	copy(c, entry)
	return c
}

// scratch is what prepare needs for one document, kept for the next one of the same Stems.
type scratch struct {
	busy      atomic.Bool // taken by a document
	cache     wordCache
	doc       uint32  // the number of the document being prepared (in cache's slots), from 1
	at        []int32 // by stem number: 1 + its place in terms and sums; 0: not seen yet
	sums      []counts
	terms     []uint32 // the document's stems, in the order first seen
	variants  []uint32 // the document's words whose stem differs from them
	extractor          // for PrepareHTML: the document's text and headings
	word      []byte   // for countWords
	entry     []byte   // for prepare
	scores    []byte   // for prepare
	list      termList // for prepare
}

// scratch returns a scratch for one document, to give back with done: the one this
// processor gave back last, when it is free. A scratch's word cache and tables are written
// as a document is counted; taken by another processor, its cache lines would be moved
// from the first processor's cache to the second's, word after word (in profiles of a build
// of 10,000 articles, that was most of the time of looking words up). A sync.Pool keeps
// one for each processor; unlike a sync.Pool, Stems keeps every scratch through garbage
// collections, with the words its cache holds.
func (s *Stems) scratch() *scratch {
	if sc, ok := s.pool.Get().(*scratch); ok && sc.busy.CompareAndSwap(false, true) {
		return sc
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sc := range s.all {
		if sc.busy.CompareAndSwap(false, true) {
			return sc
		}
	}
	sc := &scratch{}
	sc.busy.Store(true)
	s.all = append(s.all, sc)
	return sc
}

func (s *Stems) done(sc *scratch) {
	sc.busy.Store(false)
	s.pool.Put(sc)
}

// place returns where number n's place is kept in at, growing at as needed.
func (sc *scratch) place(n uint32) *int32 {
	if int(n) >= len(sc.at) {
		sc.at = append(sc.at, make([]int32, int(n)+1-len(sc.at)+1024)...)
	}
	return &sc.at[n]
}

// prepare prepares d with sc; its entry is kept by texts as document i's when texts is not
// nil.
func (d *Doc) prepare(stems *Stems, sc *scratch, texts *Texts, i int) {
	sc.next()
	sc.countWords(stems, d.Title, title)
	for _, h := range d.Headings {
		sc.countWords(stems, h, heading)
	}
	for i := range sc.headEnds { // PrepareHTML's, not copied into Headings
		sc.countWords(stems, unsafeString(sc.headingAt(i)), heading)
	}
	sc.heads, sc.headEnds = sc.heads[:0], sc.headEnds[:0]
	for _, t := range d.Tags {
		sc.countWords(stems, t, tag)
	}
	sc.countWords(stems, d.Description, description)
	sc.countWords(stems, d.Text, body)
	// The order of terms and variants does not matter: Build sorts what it writes.
	sc.scores = sc.scores[:0]
	for i, st := range sc.terms {
		sc.scores = append(sc.scores, byte(sc.sums[i].score()))
		sc.at[st] = 0
	}
	sc.list = packTerms(sc.list[:0], sc.terms, sc.scores, sc.variants)
	d.list = termList(bytes.Clone(sc.list))
	sc.sums, sc.terms, sc.variants = sc.sums[:0], sc.terms[:0], sc.variants[:0]
	d.stems = stems
	// The entry is most of what the index keeps while pages render: it is written into the
	// scratch, then copied at its size (cloneEntry) or into its block's buffer (Texts), which
	// a guess at its size would waste.
	sc.entry = d.appendEntry(sc.entry[:0])
	if texts != nil {
		d.entry = texts.keep(i, sc.entry)
	} else {
		d.entry = cloneEntry(sc.entry)
	}
	d.Text, d.Headings, d.Tags, d.URL = "", nil, nil, "" // kept in the entry, or counted: until the index is built, they would only take room
}

// lowerWord maps the ASCII characters of words (letters and digits) to their lower case, and
// every other byte to 0.
var lowerWord = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// next begins a document: the places kept in the cache's slots are of the last one.
func (sc *scratch) next() {
	sc.doc++
	if sc.doc == 0 { // numbered again from 1, the slots forgetting their documents
		sc.cache.forget()
		sc.doc = 1
	}
}

// countWords counts each word of s in field f of the document, as Words splits and folds
// them, stop words left out. It is Words and the counting in one loop: most of the time of
// indexing a page goes here. A word of ASCII letters and digits, most words, is read by the
// inner loop alone; when it has at most eight bytes, it is folded and looked up in a
// register, as those bytes, not as a string; otherwise, unless it has capitals, as the slice
// of s it is, not copied.
func (sc *scratch) countWords(stems *Stems, s string, f int) {
	i := 0
	for i < len(s) {
		for i < len(s) && s[i] < utf8.RuneSelf && lowerWord[s[i]] == 0 {
			i++
		}
		start, upper := i, false
		for i < len(s) {
			c := s[i]
			lc := lowerWord[c]
			if lc == 0 {
				break
			}
			upper = upper || lc != c
			i++
		}
		if i < len(s) && s[i] >= utf8.RuneSelf {
			if end := wordEnd(s, start, i); end > i { // the word has other characters than ASCII
				w := Fold(s[start:end])
				sc.count(stems, w, f)
				i = end
				continue
			}
			if i == start { // a character that is no part of a word
				_, n := utf8.DecodeRuneInString(s[i:])
				i += n
				continue
			}
		}
		n := i - start
		if n < 2 && (n == 0 || s[start] < '0' || s[start] > '9') {
			continue
		}
		if n <= 8 && start+8 <= len(s) {
			x := load64(s[start:]) & (^uint64(0) >> (64 - 8*n))
			if upper {
				x |= inRange(x, 'A', 'Z') >> 2 // capitals made small letters
			}
			if ref := sc.cache.findShort(x); ref >= 0 {
				sc.countSlot(ref, f)
				continue
			}
		}
		w := s[start:i]
		if upper {
			sc.word = append(sc.word[:0], w...)
			for j, c := range sc.word {
				sc.word[j] = lowerWord[c]
			}
			w = unsafeString(sc.word)
		}
		sc.count(stems, w, f)
	}
}

// Bytes of eight: each byte's lowest bit, and each byte's highest.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// zeroBytes returns the highest bit of each byte of x that is 0, and perhaps of bytes above
// one (borrowed from): the lowest bit it returns is always of a byte that is 0, and it
// returns none when no byte is.
func zeroBytes(x uint64) uint64 { return (x - lowBits) &^ x & highBits }

// inRange returns the highest bit of each byte of x that is ASCII and from lo to hi (both
// at most 0x7e).
func inRange(x uint64, lo, hi byte) uint64 {
	y := x | highBits // no byte borrows from the next below
	return (y - lowBits*uint64(lo)) &^ (y - lowBits*uint64(hi+1)) &^ x & highBits
}

// wordEnd returns where the word that begins at start in s ends, s[start:i] being ASCII
// letters and digits and s[i] the first byte of another character: a word runs on through
// letters, digits, and combining marks after its first character (Fold drops them).
func wordEnd(s string, start, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if lowerWord[c] == 0 {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && (i == start || !unicode.Is(unicode.M, r)) {
			return i
		}
		i += n
	}
	return i
}

// count counts one word in field f, w folded.
func (sc *scratch) count(stems *Stems, w string, f int) {
	if len(w) < 2 && (len(w) == 0 || w[0] < '0' || w[0] > '9') {
		return
	}
	sc.countSlot(stems.ref(&sc.cache, w), f)
}

// countSlot counts the word of the cache's slot ref in field f: in the counts of its stem,
// the counts of the words of one stem being summed. The first time in a document, the slot
// is given the place of those counts, and the word is added to the document's variants when
// its stem differs from it.
func (sc *scratch) countSlot(ref, f int) {
	sl := sc.cache.slot(ref)
	if sl.doc != sc.doc {
		sl.doc, sl.sum = sc.doc, sc.first(sc.cache.word(ref))
	}
	if sl.sum >= 0 {
		sc.sums[sl.sum].inc(f)
	}
}

// first returns the place of the counts of n's stem in the document, adding them if new, and
// adds n to the variants if its stem differs from it; -1 for a stop word.
func (sc *scratch) first(n word) int32 {
	if n == stop {
		return -1
	}
	at := sc.place(n.stem)
	if *at == 0 {
		sc.terms = append(sc.terms, n.stem)
		sc.sums = append(sc.sums, counts{})
		*at = int32(len(sc.sums))
	}
	if n.id != n.stem {
		sc.variants = append(sc.variants, n.id)
	}
	return *at - 1
}

// appendEntry appends the document's entry in a text shard to b, as encoding/json writes
// [url, title, description, kind, [sentence...]] (null for no sentences).
func (d *Doc) appendEntry(b []byte) []byte {
	b = append(b, '[')
	for _, s := range []string{d.URL, d.Title, d.Description, d.Kind} {
		b = appendJSON(b, s)
		b = append(b, ',')
	}
	if d.Text == "" {
		return append(b, "null]"...)
	}
	b = append(b, '[')
	b = appendString(b, strings.TrimSuffix(d.Text, "\n"), `","`) // a string for each sentence
	return append(b, "]]"...)
}

// rebase numbers d's terms and variants as stems does, for a document prepared with another
// Stems than the one Build is given.
func (d *Doc) rebase(stems *Stems) {
	strs, _ := d.stems.table()
	sc := stems.scratch()
	defer stems.done(sc)
	u := d.list.unpack()
	for i, t := range u.terms {
		u.terms[i] = stems.stemNumber(strs[t])
	}
	for i, v := range u.variants {
		u.variants[i] = stems.lookup(&sc.cache, strs[v]).id
	}
	d.list, d.stems = packTerms(nil, u.terms, u.scores, u.variants), stems
}

// A termList is what the index keeps of a document's words until it is built: the numbers
// of the stems of its words (its terms), each with its score, and the numbers of its words
// whose stem differs from them (its variants), packed. A number is a varint (one byte under
// 128, two under 16,384): first the length in bytes of the variants, then the variants,
// then each term and its score. Every article's list is kept until the end of a cold
// build, which the garbage collector's target multiplies (build runs with GOGC=300: each MB
// kept grows the heap by four, and a processor's time goes to the pages it first touches):
// at 10,000 articles the lists took 14.4 MB as arrays of uint32, 7.9 MB packed.
type termList []byte

// packTerms appends the list of terms with their scores, and variants, to b.
func packTerms(b []byte, terms []uint32, scores []byte, variants []uint32) termList {
	size := 0
	for _, v := range variants {
		size += uvarintLen(v)
	}
	b = binary.AppendUvarint(b, uint64(size))
	for _, v := range variants {
		b = binary.AppendUvarint(b, uint64(v))
	}
	for i, t := range terms {
		b = binary.AppendUvarint(b, uint64(t))
		b = append(b, scores[i])
	}
	return b
}

func uvarintLen(v uint32) int { return (bits.Len32(v|1) + 6) / 7 }

// split returns the variants' varints and the terms' of l.
func (l termList) split() (variants, terms []byte) {
	size, n := readUvarint(l)
	return l[n : n+int(size)], l[n+int(size):]
}

// readUvarint returns the varint that b begins with, and its length.
func readUvarint(b []byte) (uint32, int) {
	if b[0] < 0x80 {
		return uint32(b[0]), 1
	}
	v, n := binary.Uvarint(b)
	return uint32(v), n
}

// terms yields each term of l with its score.
func (l termList) terms() iter.Seq2[uint32, byte] {
	return func(yield func(uint32, byte) bool) {
		_, b := l.split()
		for len(b) > 0 {
			t, n := readUvarint(b)
			if !yield(t, b[n]) {
				return
			}
			b = b[n+1:]
		}
	}
}

// variants yields each variant of l.
func (l termList) variants() iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		b, _ := l.split()
		for len(b) > 0 {
			v, n := readUvarint(b)
			if !yield(v) {
				return
			}
			b = b[n:]
		}
	}
}

// unpacked is a termList as slices.
type unpacked struct {
	terms    []uint32
	scores   []byte
	variants []uint32
}

func (l termList) unpack() unpacked {
	var u unpacked
	for t, s := range l.terms() {
		u.terms = append(u.terms, t)
		u.scores = append(u.scores, s)
	}
	for v := range l.variants() {
		u.variants = append(u.variants, v)
	}
	return u
}

const hexDigits = "0123456789abcdef"

// jsonSafe tells the ASCII characters that appendJSON copies as they are.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSON appends s to b as a JSON string, escaped as encoding/json escapes it (HTML
// characters too, so that a shard inlined in a page cannot end its script element).
func appendJSON(b []byte, s string) []byte { return appendString(b, s, `\n`) }

// appendString appends s to b as appendJSON does, each "\n" written as newline: `\n` in a
// string, or `","` to end one string and begin the next.
func appendString(b []byte, s, newline string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight bytes at a time, up to the first that may need escaping (or begins a
			// character other than ASCII): most text needs none. Those are the bytes other
			// than ASCII, the controls, and those equal to '&' with 0x04 set ('"' or '&'),
			// to '>' with 0x02 set ('<' or '>'), or to '\\' (zeroBytes of x XOR each).
			x := load64(s[i:])
			m := (x | (x-lowBits*0x20)&^x | zeroBytes(x|lowBits*0x04^lowBits*'&') |
				zeroBytes(x|lowBits*0x02^lowBits*'>') | zeroBytes(x^lowBits*'\\')) & highBits
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
		}
		c := s[i]
		if jsonSafe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, newline...)
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
