package search

import (
	"slices"
	"strconv"
	"strings"
)

// terms is the inverted index of a Build: each key's postings (document number << 8 | score,
// by document) and, for words whose stem differs, their stem with how many documents hold
// the word; and the JSON each key is written as in a term shard, made when first needed.
// A Cache keeps it, so that the next Build updates it for the documents that changed only.
type terms struct {
	docs     []*Doc
	postings map[string][]uint32
	variants map[string]variant
	keys     []string          // every key of postings and variants, sorted
	tjson    map[string][]byte // `"key":[...],` by key
	vjson    map[string][]byte // `"word":"stem",` by word
}

type variant struct {
	stem string
	docs int
}

// update makes t the index of docs: from the start, or, when few documents changed place or
// content since the last update, by taking the old ones out and putting the new ones in.
func (t *terms) update(docs []*Doc) {
	var changed []int
	if t.postings != nil && len(docs) == len(t.docs) {
		for i, d := range docs {
			if t.docs[i] != d {
				changed = append(changed, i)
				if len(changed) > 16+len(docs)/64 {
					break
				}
			}
		}
	}
	if t.postings == nil || len(docs) != len(t.docs) || len(changed) > 16+len(docs)/64 {
		t.rebuild(docs)
		return
	}
	added := make(map[string]bool)
	for _, n := range changed {
		t.remove(t.docs[n], n)
		t.add(docs[n], n, added)
	}
	t.docs = slices.Clone(docs)
	for k := range added {
		if i, found := slices.BinarySearch(t.keys, k); !found && t.has(k) {
			t.keys = slices.Insert(t.keys, i, k)
		}
	}
	t.keys = slices.DeleteFunc(t.keys, func(k string) bool { return !t.has(k) })
}

func (t *terms) has(k string) bool {
	_, p := t.postings[k]
	_, v := t.variants[k]
	return p || v
}

func (t *terms) rebuild(docs []*Doc) {
	t.docs = slices.Clone(docs)
	t.postings = make(map[string][]uint32)
	t.variants = make(map[string]variant)
	t.tjson = make(map[string][]byte)
	t.vjson = make(map[string][]byte)
	for n, d := range docs {
		t.add(d, n, nil)
	}
	t.keys = make([]string, 0, len(t.postings)+len(t.variants))
	for k := range t.postings {
		t.keys = append(t.keys, k)
	}
	for k := range t.variants {
		if _, ok := t.postings[k]; !ok {
			t.keys = append(t.keys, k)
		}
	}
	slices.Sort(t.keys)
}

// add puts document d, numbered n, into the index; added, when not nil, gets the keys that
// may be new.
func (t *terms) add(d *Doc, n int, added map[string]bool) {
	eachTerm(d, func(k string, score byte) {
		p := uint32(n)<<8 | uint32(score)
		ps := t.postings[k]
		if len(ps) == 0 || ps[len(ps)-1]>>8 < uint32(n) {
			t.postings[k] = append(ps, p)
		} else {
			i, _ := slices.BinarySearchFunc(ps, uint32(n), func(x, n uint32) int { return int(x>>8) - int(n) })
			t.postings[k] = slices.Insert(ps, i, p)
		}
		if added != nil {
			delete(t.tjson, k)
			if len(ps) == 0 {
				added[k] = true
			}
		}
	})
	eachVariant(d, func(w, st string) {
		v, ok := t.variants[w]
		t.variants[w] = variant{stem: st, docs: v.docs + 1}
		if !ok && added != nil {
			delete(t.vjson, w)
			added[w] = true
		}
	})
}

// remove takes document d, numbered n, out of the index.
func (t *terms) remove(d *Doc, n int) {
	eachTerm(d, func(k string, _ byte) {
		ps := t.postings[k]
		i, found := slices.BinarySearchFunc(ps, uint32(n), func(x, n uint32) int { return int(x>>8) - int(n) })
		if !found {
			return
		}
		ps = slices.Delete(ps, i, i+1)
		if len(ps) == 0 {
			delete(t.postings, k)
		} else {
			t.postings[k] = ps
		}
		delete(t.tjson, k)
	})
	eachVariant(d, func(w, _ string) {
		v := t.variants[w]
		if v.docs <= 1 {
			delete(t.variants, w)
			delete(t.vjson, w)
			return
		}
		v.docs--
		t.variants[w] = v
	})
}

func eachTerm(d *Doc, fn func(k string, score byte)) {
	terms := d.terms
	for i := 0; terms != ""; i++ {
		k, rest, _ := strings.Cut(terms, "\n")
		fn(k, d.scores[i])
		terms = rest
	}
}

func eachVariant(d *Doc, fn func(w, st string)) {
	vs := d.variants
	for vs != "" {
		line, rest, _ := strings.Cut(vs, "\n")
		w, st, _ := strings.Cut(line, " ")
		fn(w, st)
		vs = rest
	}
}

// json returns what key k is written as in a term shard: its postings, doc numbers as the
// difference from the one before, and its stem when it is a word with another stem.
func (t *terms) json(k string) (postings, stem []byte) {
	if ps, ok := t.postings[k]; ok {
		postings, ok = t.tjson[k]
		if !ok {
			postings = make([]byte, 0, len(k)+6+len(ps)*5)
			postings = append(postings, '"')
			postings = append(postings, k...)
			postings = append(postings, `":[`...)
			prev := 0
			for i, p := range ps {
				n := int(p >> 8)
				if i > 0 {
					postings = append(postings, ',')
				}
				postings = strconv.AppendInt(postings, int64(n-prev), 10)
				postings = append(postings, ',')
				postings = strconv.AppendInt(postings, int64(p&0xff), 10)
				prev = n
			}
			postings = append(postings, "],"...)
			t.tjson[k] = postings
		}
	}
	if v, ok := t.variants[k]; ok {
		stem, ok = t.vjson[k]
		if !ok {
			stem = []byte(`"` + k + `":"` + v.stem + `",`)
			t.vjson[k] = stem
		}
	}
	return postings, stem
}
