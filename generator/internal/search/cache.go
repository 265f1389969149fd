package search

import (
	"runtime"
	"slices"
	"strconv"
	"strings"

	"guidepost/generator/internal/parallel"
)

// terms is the inverted index of a Build, by the numbers Stems gives words and stems: each
// stem's postings (document number << 8 | score, by document), and for each word whose stem
// differs, how many documents hold it. A Cache keeps it, so that the next Build updates it
// for the documents that changed only, and keeps the JSON each key is written as in a term
// shard.
type terms struct {
	stems    *Stems
	strs     []string // the Stems' table at the last update
	stemOf   []uint32
	docs     []*Doc
	postings [][]uint32 // by stem number
	variants []int32    // by word number: how many documents hold it
	keys     []uint32   // the numbers with postings or variants, sorted by their strings
	keep     bool       // keep the JSON of keys (a Cache is given)
	tjson    [][]byte   // by number: `"key":[...],`, when kept
	vjson    [][]byte   // by number: `"word":"stem",`, when kept
}

// update makes t the index of docs, numbered by stems: from the start, or, when few
// documents changed place or content since the last update, by taking the old ones out and
// putting the new ones in.
func (t *terms) update(docs []*Doc, stems *Stems, keep bool) {
	t.strs, t.stemOf = stems.table()
	grow := func(n int) {
		if extra := n - len(t.postings); extra > 0 {
			t.postings = append(t.postings, make([][]uint32, extra)...)
			t.variants = append(t.variants, make([]int32, extra)...)
			if t.keep {
				t.tjson = append(t.tjson, make([][]byte, extra)...)
				t.vjson = append(t.vjson, make([][]byte, extra)...)
			}
		}
	}
	var changed []int
	few := 16 + len(docs)/64
	if t.stems == stems && t.keep == keep && len(docs) == len(t.docs) {
		for i, d := range docs {
			if t.docs[i] != d {
				changed = append(changed, i)
				if len(changed) > few {
					break
				}
			}
		}
	}
	if t.stems != stems || t.keep != keep || len(docs) != len(t.docs) || len(changed) > few {
		t.stems, t.keep = stems, keep
		t.rebuild(docs)
		return
	}
	grow(len(t.strs))
	var added []uint32
	for _, n := range changed {
		added = t.replace(t.docs[n], docs[n], n, added)
	}
	t.docs = slices.Clone(docs)
	for _, k := range added {
		if i, found := slices.BinarySearchFunc(t.keys, t.strs[k], t.compare); !found && t.has(k) {
			t.keys = slices.Insert(t.keys, i, k)
		}
	}
	t.keys = slices.DeleteFunc(t.keys, func(k uint32) bool { return !t.has(k) })
}

func (t *terms) compare(k uint32, s string) int { return strings.Compare(t.strs[k], s) }

func (t *terms) has(k uint32) bool { return len(t.postings[k]) > 0 || t.variants[k] > 0 }

// pieceSize is the most postings rebuild allocates at once (64 KB), the lists of several
// stems sharing a piece. The heap of a build that rendered its pages has room for pieces
// that size in the pages it already touched, not for one array of every posting: at
// 10,000 articles, the 8.8 MB array of a build's 2.2 million postings took 30 ms of page
// faults to touch, the same 8.8 MB in pieces of 64 KB 1 ms.
const pieceSize = 16 << 10

// rebuild makes the index of docs from nothing: the postings of the stems are cut from
// pieces (pieceSize), sized by a first count. The documents are taken in parts, one a
// processor, counted and filled in parallel: a part's postings of each stem follow those of
// the parts before it, so each list is in the order of the documents, as it would be
// filled by one loop.
func (t *terms) rebuild(docs []*Doc) {
	n := len(t.strs)
	t.docs = slices.Clone(docs)
	t.postings = make([][]uint32, n)
	t.variants = make([]int32, n)
	t.tjson, t.vjson = nil, nil
	if t.keep {
		t.tjson, t.vjson = make([][]byte, n), make([][]byte, n)
	}
	parts := max(1, min(runtime.GOMAXPROCS(0), len(docs)/512))
	part := func(j int) []*Doc { return docs[j*len(docs)/parts : (j+1)*len(docs)/parts] }
	dfs, variants := make([][]int32, parts), make([][]int32, parts) // by part, by stem
	parallel.Do(parts, func(j int) {
		df, vs := make([]int32, n), make([]int32, n)
		for _, d := range part(j) {
			for k := range d.list.terms() {
				df[k]++
			}
			for w := range d.list.variants() {
				vs[w]++
			}
		}
		dfs[j], variants[j] = df, vs
	})
	df := make([]int32, n)
	for k := range n {
		for j := range parts {
			// dfs[j][k] becomes where part j's postings of k begin in the list of k.
			df[k], dfs[j][k] = df[k]+dfs[j][k], df[k]
			t.variants[k] += variants[j][k]
		}
	}
	var piece []uint32
	for k, c := range df {
		switch {
		case c == 0:
		case c > pieceSize/8: // a long list alone, so that a piece's end is not much wasted
			t.postings[k] = make([]uint32, c)
		default:
			if int(c) > len(piece) {
				piece = make([]uint32, pieceSize)
			}
			t.postings[k], piece = piece[:c:c], piece[c:]
		}
	}
	parallel.Do(parts, func(j int) {
		at := dfs[j]
		i := j * len(docs) / parts // the number of the part's first document
		for _, d := range part(j) {
			for k, score := range d.list.terms() {
				t.postings[k][at[k]] = uint32(i)<<8 | uint32(score)
				at[k]++
			}
			i++
		}
	})
	t.keys = make([]uint32, 0, n)
	for k := range n {
		if df[k] > 0 || t.variants[k] > 0 {
			t.keys = append(t.keys, uint32(k))
		}
	}
	slices.SortFunc(t.keys, func(a, b uint32) int { return strings.Compare(t.strs[a], t.strs[b]) })
}

// replace puts document d in place of old, numbered n, and appends to added the keys that
// may be new. Postings that are the same in both (a term of the same score) are left as
// they are, so that an edit of a page writes again the JSON of the keys whose postings
// changed only, not of all its words.
func (t *terms) replace(old, d *Doc, n int, added []uint32) []uint32 {
	scores := make(map[uint32]byte)
	for k, s := range old.list.terms() {
		scores[k] = s
	}
	same := make(map[uint32]bool)
	for k, s := range d.list.terms() {
		if was, ok := scores[k]; ok && s == was {
			same[k] = true
		}
	}
	trim := func(x *Doc) unpacked {
		y := unpacked{}
		for k, s := range x.list.terms() {
			if !same[k] {
				y.terms = append(y.terms, k)
				y.scores = append(y.scores, s)
			}
		}
		for w := range x.list.variants() {
			y.variants = append(y.variants, w)
		}
		return y
	}
	t.remove(trim(old), n)
	return t.add(trim(d), n, added)
}

// add puts the terms and variants of document d, numbered n, into the index, and appends to
// added the keys that may be new.
func (t *terms) add(d unpacked, n int, added []uint32) []uint32 {
	for i, k := range d.terms {
		p := uint32(n)<<8 | uint32(d.scores[i])
		ps := t.postings[k]
		if len(ps) == 0 || ps[len(ps)-1]>>8 < uint32(n) {
			t.postings[k] = append(ps, p)
		} else {
			j, _ := slices.BinarySearchFunc(ps, uint32(n), byDoc)
			t.postings[k] = slices.Insert(ps, j, p)
		}
		if t.keep {
			t.tjson[k] = nil
		}
		if len(ps) == 0 {
			added = append(added, k)
		}
	}
	for _, w := range d.variants {
		t.variants[w]++
		if t.variants[w] == 1 {
			if t.keep {
				t.vjson[w] = nil
			}
			added = append(added, w)
		}
	}
	return added
}

func byDoc(p, n uint32) int { return int(p>>8) - int(n) }

// remove takes the terms and variants of document d, numbered n, out of the index.
func (t *terms) remove(d unpacked, n int) {
	for _, k := range d.terms {
		ps := t.postings[k]
		i, found := slices.BinarySearchFunc(ps, uint32(n), byDoc)
		if !found {
			continue
		}
		t.postings[k] = slices.Delete(ps, i, i+1)
		if t.keep {
			t.tjson[k] = nil
		}
	}
	for _, w := range d.variants {
		if t.variants[w] > 0 {
			t.variants[w]--
		}
	}
}

// appendKey appends what key k is written as in a term shard: its postings to p, doc numbers
// as the difference from the one before, and to v its stem when it is a word with another
// stem.
func (t *terms) appendKey(p, v []byte, k uint32) ([]byte, []byte) {
	if ps := t.postings[k]; len(ps) > 0 {
		if t.keep && t.tjson[k] != nil {
			p = append(p, t.tjson[k]...)
		} else {
			start := len(p)
			p = append(p, '"')
			p = append(p, t.strs[k]...)
			p = append(p, `":[`...)
			prev := uint32(0)
			for i, x := range ps {
				n := x >> 8
				if i > 0 {
					p = append(p, ',')
				}
				p = appendUint(p, n-prev)
				p = append(p, ',')
				p = appendUint(p, x&0xff)
				prev = n
			}
			p = append(p, "],"...)
			if t.keep {
				t.tjson[k] = slices.Clone(p[start:])
			}
		}
	}
	if t.variants[k] > 0 {
		if t.keep && t.vjson[k] != nil {
			v = append(v, t.vjson[k]...)
		} else {
			start := len(v)
			v = append(v, '"')
			v = append(v, t.strs[k]...)
			v = append(v, `":"`...)
			v = append(v, t.strs[t.stemOf[k]]...)
			v = append(v, `",`...)
			if t.keep {
				t.vjson[k] = slices.Clone(v[start:])
			}
		}
	}
	return p, v
}

// stale reports whether the JSON of key k is not kept (its postings or variants changed).
func (t *terms) stale(k uint32) bool {
	return len(t.postings[k]) > 0 && t.tjson[k] == nil || t.variants[k] > 0 && t.vjson[k] == nil
}

// keptSize returns the size of the JSON appendKept appends of key k.
func (t *terms) keptSize(k uint32) int {
	n := 0
	if len(t.postings[k]) > 0 {
		n += len(t.tjson[k])
	}
	if t.variants[k] > 0 {
		n += len(t.vjson[k])
	}
	return n
}

// appendKept appends the JSON appendKey wrote of key k and kept, to p and v.
func (t *terms) appendKept(p, v []byte, k uint32) ([]byte, []byte) {
	if len(t.postings[k]) > 0 {
		p = append(p, t.tjson[k]...)
	}
	if t.variants[k] > 0 {
		v = append(v, t.vjson[k]...)
	}
	return p, v
}

// appendUint appends n in decimal; the numbers of postings are mostly small (the difference
// from the document before, a score), which this writes without a division.
func appendUint(b []byte, n uint32) []byte {
	switch {
	case n < 10:
		return append(b, byte('0'+n))
	case n < 100:
		return append(b, byte('0'+n/10), byte('0'+n%10))
	}
	return strconv.AppendUint(b, uint64(n), 10)
}
