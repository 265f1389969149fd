package search

import (
	"encoding/json"
	"math"
	"strings"
	"sync"
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
	URL         string   // from the search page
	Title       string   // shown as the result's link
	Description string   // shown under it
	Kind        string   // "" for an article; "Questionnaire" is shown before a questionnaire's title
	Tags        []string // as words ("low impact")
	Headings    []string
	Text        string // the body's sentences, in order, each ending in "\n" (see Extract)

	once     sync.Once
	terms    string // the stems of its words, each ending in "\n"
	scores   []byte // the score of each term, in the order of terms
	variants string // "word stem\n" for each word whose stem differs from it
	entry    []byte // its entry in a text shard, JSON
}

// Stems caches the stems of words; it is safe for concurrent use and only makes indexing
// faster. One Stems may serve many builds.
type Stems struct {
	mu sync.RWMutex
	m  map[string]string
}

func (s *Stems) stem(w string) string {
	s.mu.RLock()
	st, ok := s.m[w]
	s.mu.RUnlock()
	if ok {
		return st
	}
	key := strings.Clone(w) // w is part of a document's text, which the cache must not keep
	st = Stem(key)
	if st == key {
		st = key
	}
	s.mu.Lock()
	if s.m == nil {
		s.m = make(map[string]string)
	}
	s.m[key] = st
	s.mu.Unlock()
	return st
}

// counts are how often a word occurs in each field of a document.
type counts struct{ title, heading, tag, description, body uint16 }

func (c counts) score() int {
	s := 0
	if c.title > 0 {
		s += titleWeight
	}
	s += headingWeight * int(min(c.heading, 2))
	if c.tag > 0 {
		s += tagWeight
	}
	if c.description > 0 {
		s += descriptionWeight
	}
	if c.body > 0 {
		s += 2 + int(math.Round(2*math.Log2(float64(c.body))))
	}
	return min(s, maxScore)
}

// Prepare computes what the index needs of d, once: the stems of its words with their
// scores. Its fields must not change afterwards. Build calls it for
// documents not prepared yet; calling it while the page renders spreads the work.
func (d *Doc) Prepare(stems *Stems) {
	d.once.Do(func() { d.prepare(stems) })
}

// scratch is what prepare needs for one document, kept for the next one.
type scratch struct {
	index map[string]int32
	words []counts
	names []string
}

var scratches = sync.Pool{New: func() any { return &scratch{index: make(map[string]int32, 512)} }}

func (d *Doc) prepare(stems *Stems) {
	sc := scratches.Get().(*scratch)
	defer func() {
		clear(sc.index)
		sc.words, sc.names = sc.words[:0], sc.names[:0]
		scratches.Put(sc)
	}()
	index := sc.index
	add := func(field func(*counts)) func(string) {
		return func(w string) {
			i, ok := index[w]
			if !ok {
				w = strings.Clone(w) // Words reuses it
				i = int32(len(sc.words))
				index[w] = i
				sc.words = append(sc.words, counts{})
				sc.names = append(sc.names, w)
			}
			field(&sc.words[i])
		}
	}
	Words(d.Title, add(func(c *counts) { c.title++ }))
	for _, h := range d.Headings {
		Words(h, add(func(c *counts) { c.heading++ }))
	}
	for _, t := range d.Tags {
		Words(t, add(func(c *counts) { c.tag++ }))
	}
	Words(d.Description, add(func(c *counts) { c.description++ }))
	Words(d.Text, add(func(c *counts) {
		if c.body < math.MaxUint16 {
			c.body++
		}
	}))
	// The order of terms and variants does not matter: Build sorts what it writes.
	words, names := sc.words, sc.names
	byStem := make(map[string]int, len(words))
	var sums []counts
	var stemNames []string
	var v strings.Builder
	for i, w := range names {
		st := stems.stem(w)
		if st != w {
			v.WriteString(w + " " + st + "\n")
		}
		j, ok := byStem[st]
		if !ok {
			j = len(sums)
			byStem[st] = j
			sums = append(sums, counts{})
			stemNames = append(stemNames, st)
		}
		c, s := words[i], &sums[j]
		s.title += c.title
		s.heading += c.heading
		s.tag += c.tag
		s.description += c.description
		s.body += c.body
	}
	var b strings.Builder
	d.scores = make([]byte, len(sums))
	for i, st := range stemNames {
		b.WriteString(st)
		b.WriteByte('\n')
		d.scores[i] = byte(sums[i].score())
	}
	d.terms = b.String()
	d.variants = v.String()
	d.entry, _ = json.Marshal([]any{d.URL, d.Title, d.Description, d.Kind, d.sentences()})
}

// sentences returns the document's sentences.
func (d *Doc) sentences() []string {
	if d.Text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n")
}
