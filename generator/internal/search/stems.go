package search

import (
	"math/bits"
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
// looking words up is much of the time of counting a page's words.) Each slot also keeps
// where its word is counted in the document being prepared, so that a word found again in
// a document is counted without looking its stem up.
type wordCache struct {
	slots []cacheSlot // a power of two long
	keys  []string    // by slot: its word (apart, so that slots are small)
	shift uint        // a hash's slot is its top bits: hash >> shift
	n     int
}

type cacheSlot struct {
	hash uint64 // hashWord(key), compared first
	head uint64 // the first eight bytes of key (all of it, zero-padded, when shorter)
	w    word
	n    uint32 // len(key); 0: an empty slot
	doc  uint32 // the scratch's document that sum is of
	sum  int32  // in that document, the place of the counts of the word's stem; -1: not counted
}

// hashSeed begins every hash of a word.
const hashSeed = 0x9e3779b97f4a7c15

// hashWord returns the hash of w in a wordCache and its head, the first eight bytes of w
// (little-endian, zero-padded when w is shorter). It reads w eight bytes at a time, as
// countWords reads a page's words: hashChunk for each whole eight bytes, then hashEnd.
func hashWord(w string) (h, head uint64) {
	n := len(w)
	h = hashSeed
	for i := 0; len(w) >= 8; i++ {
		c := load64(w)
		if i == 0 {
			head = c
		}
		h = hashChunk(h, c)
		w = w[8:]
	}
	t := loadTail(w)
	if n < 8 {
		head = t
	}
	return hashEnd(h, t, n), head
}

// hashChunk adds eight bytes of a word to its hash.
func hashChunk(h, c uint64) uint64 {
	return bits.RotateLeft64((h^c)*0xff51afd7ed558ccd, 31)
}

// hashEnd ends the hash of a word of n bytes with its last bytes, t (fewer than eight): one
// multiplication, whose top bits, which choose the slot, depend on every bit of a short
// word (which keeps the dependent chain of instructions from a word to its slot short).
func hashEnd(h, t uint64, n int) uint64 {
	return (h ^ t ^ uint64(n)<<56) * 0xc4ceb9fe1a85ec53
}

// load64 reads the first eight bytes of s, little-endian.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// loadTail reads s, fewer than eight bytes, little-endian, zero-padded.
func loadTail(s string) uint64 {
	switch n := len(s); {
	case n >= 4: // two loads, which overlap unless n is 8
		return uint64(load32(s)) | uint64(load32(s[n-4:]))<<(8*(n-4))
	case n > 0:
		return uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1))
	}
	return 0
}

// load32 reads the first four bytes of s, little-endian.
func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// find returns the slot of w, whose hash and head are h and head, or -1.
func (c *wordCache) find(w string, h, head uint64) int {
	if len(c.slots) == 0 {
		return -1
	}
	mask := len(c.slots) - 1
	for i := int(h >> c.shift); ; i = (i + 1) & mask {
		sl := &c.slots[i]
		if sl.hash == h && sl.head == head && int(sl.n) == len(w) && (len(w) <= 8 || c.keys[i] == w) {
			return i
		}
		if sl.n == 0 {
			return -1
		}
	}
}

// findShort returns the slot of the word of n bytes, at most eight, whose hash is h and
// whose bytes are head (the word itself is not needed), or -1.
func (c *wordCache) findShort(n int, h, head uint64) int {
	if len(c.slots) == 0 {
		return -1
	}
	mask := len(c.slots) - 1
	for i := int(h >> c.shift); ; i = (i + 1) & mask {
		sl := &c.slots[i]
		if sl.hash == h && sl.head == head && int(sl.n) == n {
			return i
		}
		if sl.n == 0 {
			return -1
		}
	}
}

// put adds w, which find did not find, to the cache, with slot sl, and returns its slot.
func (c *wordCache) put(w string, sl cacheSlot) int {
	if 2*(c.n+1) > len(c.slots) {
		old, keys := c.slots, c.keys
		size := max(2*len(old), 1024)
		c.slots, c.keys, c.n = make([]cacheSlot, size), make([]string, size), 0
		c.shift = uint(64 - bits.TrailingZeros(uint(size)))
		for i, o := range old {
			if o.n != 0 {
				c.put(keys[i], o)
			}
		}
	}
	mask := len(c.slots) - 1
	i := int(sl.hash >> c.shift)
	for c.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	sl.n = uint32(len(w))
	c.slots[i], c.keys[i] = sl, w
	c.n++
	return i
}

// lookup returns the numbers of the folded word w and of its stem, numbering them if new;
// w may be reused after it returns.
func (s *Stems) lookup(c *wordCache, w string) word {
	return c.slots[s.slot(c, w)].w
}

// slot returns the slot of the folded word w in c, adding it if new.
func (s *Stems) slot(c *wordCache, w string) int {
	h, head := hashWord(w)
	if i := c.find(w, h, head); i >= 0 {
		return i
	}
	return s.miss(c, w, h, head)
}

// miss adds to c the word w, not in it, whose hash and head are h and head, numbering it if
// new, and returns its slot.
func (s *Stems) miss(c *wordCache, w string, h, head uint64) int {
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
	return c.put(canon, cacheSlot{hash: h, head: head, w: n})
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
