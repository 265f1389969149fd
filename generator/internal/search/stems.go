package search

import (
	"strings"
	"sync"
)

// Stems numbers the words and stems of the documents it prepares, and caches each word's
// stem; it is safe for concurrent use. Documents prepared with one Stems must be built with
// it (Options.Stems); one Stems may serve many builds, as in dev mode.
//
// Words and stems share one numbering (a word that is its own stem is one number), so that
// the index holds each word once, as a number, and every key of the index is one string.
type Stems struct {
	mu   sync.RWMutex
	ids  map[string]uint32
	strs []string // by number; never changed once added, so a copy of the slice stays right
	stem []uint32 // by number: the number of the word's stem, or noStem for a stem not seen as a word

	free []*scratch // kept for the next document, each with the words it has looked up (read without the lock)
}

const noStem = ^uint32(0)

// stop is the word of a stop word: Stems numbers stop words that way, and prepare leaves
// them out.
var stop = word{noStem, noStem}

// A word is a word's number and its stem's.
type word struct{ id, stem uint32 }

// A wordCache is what one goroutine has looked up of a Stems: a hash table of words, by
// hashWord, open addressing with linear probing, at most half full. Its keys are the
// Stems' own strings. (In profiles of a build it took about half the time of a Go map, and
// looking words up is much of the time of counting a page's words.)
type wordCache struct {
	slots []cacheSlot // a power of two long
	n     int
}

type cacheSlot struct {
	key  string // "": an empty slot
	hash uint64 // hashWord(key), compared before key
	w    word
}

// hashWord returns the hash of w in a wordCache. It reads w eight bytes at a time (most
// words are read in one or two loads), which is what makes looking a word up cheap.
func hashWord(w string) uint64 {
	const m = 0x9e3779b97f4a7c15
	h := uint64(len(w)) * m
	for len(w) > 8 {
		h = mix(h ^ load64(w))
		w = w[8:]
	}
	var x uint64
	switch n := len(w); {
	case n >= 4:
		x = uint64(load32(w)) | uint64(load32(w[n-4:]))<<32
	case n > 0:
		x = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
	}
	return mix(h ^ x)
}

// mix spreads the bits of x over all of its bits (the finalizer of MurmurHash3).
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	return x ^ x>>33
}

// load64 and load32 read the first eight and four bytes of s, little-endian.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func (c *wordCache) get(w string, h uint64) (word, bool) {
	mask := uint64(len(c.slots) - 1)
	for i := h & mask; len(c.slots) > 0; i = (i + 1) & mask {
		sl := &c.slots[i]
		if sl.hash == h && sl.key == w {
			return sl.w, true
		}
		if sl.key == "" {
			break
		}
	}
	return word{}, false
}

// put adds w, which get did not find, to the cache.
func (c *wordCache) put(w string, h uint64, n word) {
	if 2*(c.n+1) > len(c.slots) {
		old := c.slots
		c.slots, c.n = make([]cacheSlot, max(2*len(old), 4096)), 0
		for _, sl := range old {
			if sl.key != "" {
				c.put(sl.key, sl.hash, sl.w)
			}
		}
	}
	mask := uint64(len(c.slots) - 1)
	i := h & mask
	for c.slots[i].key != "" {
		i = (i + 1) & mask
	}
	c.slots[i] = cacheSlot{w, h, n}
	c.n++
}

// lookup returns the numbers of the folded word w and of its stem, numbering them if new;
// w may be reused after it returns.
func (s *Stems) lookup(c *wordCache, w string) word {
	h := hashWord(w)
	if n, ok := c.get(w, h); ok {
		return n
	}
	var n word
	canon, found := "", false
	s.mu.RLock()
	if id, ok := s.ids[w]; ok && s.stem[id] != noStem {
		n, canon, found = word{id, s.stem[id]}, s.strs[id], true
	}
	s.mu.RUnlock()
	switch {
	case found:
	case stopSet[w]:
		n, canon = stop, s.stopWord(w)
	default:
		n, canon = s.add(w)
	}
	c.put(canon, h, n)
	return n
}

// add numbers w, a word, and its stem.
func (s *Stems) add(w string) (word, string) {
	st := Stem(w) // outside the lock: stemming is the slow part
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.number(w)
	if s.stem[id] == noStem {
		s.stem[id] = s.number(st)
	}
	return word{id, s.stem[id]}, s.strs[id]
}

// stopWord returns the Stems' own copy of w, a stop word, which is not numbered.
func (s *Stems) stopWord(w string) string {
	for _, st := range stopWords {
		if st == w {
			return st
		}
	}
	return strings.Clone(w)
}

// stemNumber returns the number of st, a stem, numbering it if new.
func (s *Stems) stemNumber(st string) uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.number(st)
}

// number returns the number of str, a word or a stem, numbering it if new; s.mu is held.
func (s *Stems) number(str string) uint32 {
	if s.ids == nil {
		s.ids = make(map[string]uint32)
	}
	if id, ok := s.ids[str]; ok {
		return id
	}
	str = strings.Clone(str) // it may be part of a page's text, or reused
	id := uint32(len(s.strs))
	s.ids[str] = id
	s.strs = append(s.strs, str)
	s.stem = append(s.stem, noStem)
	return id
}

// table returns the strings and stems numbered so far: later additions do not change them.
func (s *Stems) table() (strs []string, stems []uint32) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.strs, s.stem
}
