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

	all  []*scratch // every scratch made, each with the words it has looked up (see scratch)
	pool sync.Pool  // of *scratch: the one each processor gave back last
}

const noStem = ^uint32(0)

// stop is the word of a stop word: Stems numbers stop words that way, and prepare leaves
// them out.
var stop = word{noStem, noStem}

// A word is a word's number and its stem's.
type word struct{ id, stem uint32 }

// A wordCache is what one scratch has looked up of a Stems. A word of at most eight bytes,
// most words, is kept by its bytes (its head, little-endian, zero-padded: no word has a zero
// byte, so the head is the word) in a hash table, open addressing with linear probing, at
// most half full, of 16-byte slots: looking words up is much of the time of counting a
// page's words, and a short word is found by one multiplication and one comparison, with no
// string. A longer word is kept in a map, by the Stems' own string. Each slot also keeps
// where its word is counted in the document being prepared, so that a word found again in a
// document is counted without looking its stem up.
//
// A slot is named by a ref: i for slot i of the table, ^i for slot i of the long words.
type wordCache struct {
	slots []cacheSlot // a power of two long
	words []word      // by slot: its word's numbers (apart, as counting a word again needs no more than its slot)
	shift uint        // a head's slot is the top bits of its hash: hashHead(head) >> shift
	n     int

	long      map[string]int // the long words' refs
	longSlots []cacheSlot
	longWords []word
}

type cacheSlot struct {
	head uint64 // the word, for a word of at most eight bytes; 0: an empty slot
	doc  uint32 // the scratch's document that sum is of
	sum  int32  // in that document, the place of the counts of the word's stem; -1: not counted
}

// hashHead returns the hash of a word of at most eight bytes, head: one multiplication,
// whose top bits, which choose the slot, depend on every bit of the word (which keeps the
// dependent chain of instructions from a word to its slot short).
func hashHead(head uint64) uint64 { return head * 0x9e3779b97f4a7c15 }

// headOf returns the head of w, a word of at most eight bytes.
func headOf(w string) uint64 {
	if len(w) == 8 {
		return load64(w)
	}
	return loadTail(w)
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

// findShort returns the slot of the word of at most eight bytes whose head is head, or -1.
func (c *wordCache) findShort(head uint64) int {
	if len(c.slots) == 0 {
		return -1
	}
	mask := len(c.slots) - 1
	for i := int(hashHead(head) >> c.shift); ; i = (i + 1) & mask {
		switch c.slots[i].head {
		case head:
			return i
		case 0:
			return -1
		}
	}
}

// find returns the ref of w, and false when w is not kept.
func (c *wordCache) find(w string) (ref int, ok bool) {
	if len(w) <= 8 {
		i := c.findShort(headOf(w))
		return i, i >= 0
	}
	ref, ok = c.long[w]
	return ref, ok
}

// put adds w, which find did not find, to the cache, with its numbers, and returns its ref.
// A long w must be the Stems' own string.
func (c *wordCache) put(w string, n word) int {
	if len(w) > 8 {
		if c.long == nil {
			c.long = make(map[string]int)
		}
		ref := ^len(c.longSlots)
		c.longSlots = append(c.longSlots, cacheSlot{})
		c.longWords = append(c.longWords, n)
		c.long[w] = ref
		return ref
	}
	return c.putShort(cacheSlot{head: headOf(w)}, n)
}

// putShort adds slot sl, whose head find did not find, with n, and returns its place.
func (c *wordCache) putShort(sl cacheSlot, n word) int {
	if 2*(c.n+1) > len(c.slots) {
		old, words := c.slots, c.words
		size := max(2*len(old), 1024)
		c.slots, c.words, c.n = make([]cacheSlot, size), make([]word, size), 0
		c.shift = uint(64 - bits.TrailingZeros(uint(size)))
		for i, o := range old {
			if o.head != 0 {
				c.putShort(o, words[i])
			}
		}
	}
	mask := len(c.slots) - 1
	i := int(hashHead(sl.head) >> c.shift)
	for c.slots[i].head != 0 {
		i = (i + 1) & mask
	}
	c.slots[i], c.words[i] = sl, n
	c.n++
	return i
}

// slot returns the slot that ref names.
func (c *wordCache) slot(ref int) *cacheSlot {
	if ref < 0 {
		return &c.longSlots[^ref]
	}
	return &c.slots[ref]
}

// word returns the numbers of the word of the slot that ref names.
func (c *wordCache) word(ref int) word {
	if ref < 0 {
		return c.longWords[^ref]
	}
	return c.words[ref]
}

// forget makes every slot forget the document it counted.
func (c *wordCache) forget() {
	for i := range c.slots {
		c.slots[i].doc = 0
	}
	for i := range c.longSlots {
		c.longSlots[i].doc = 0
	}
}

// lookup returns the numbers of the folded word w and of its stem, numbering them if new;
// w may be reused after it returns.
func (s *Stems) lookup(c *wordCache, w string) word {
	return c.word(s.ref(c, w))
}

// ref returns the ref of the folded word w in c, adding it if new; w may be reused after it
// returns.
func (s *Stems) ref(c *wordCache, w string) int {
	if ref, ok := c.find(w); ok {
		return ref
	}
	return s.miss(c, w)
}

// miss adds to c the word w, not in it, numbering it if new, and returns its ref.
func (s *Stems) miss(c *wordCache, w string) int {
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
	return c.put(canon, n)
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
