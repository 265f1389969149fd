package search

import (
	"math"
	"slices"
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
	Sentences   []string // the body's sentences, in order; the result shows the one matching best

	once     sync.Once
	terms    string // the stems of its words, sorted, each ending in "\n"
	scores   []byte // the score of each term, in the order of terms
	variants string // "word stem\n" for each word whose stem differs from it
	text     string // Sentences joined by "\n"
}

// Stems caches the stems of words; it is safe for concurrent use and only makes indexing
// faster. One Stems may serve many builds.
type Stems struct{ m sync.Map }

func (s *Stems) stem(w string) string {
	if v, ok := s.m.Load(w); ok {
		return v.(string)
	}
	key := strings.Clone(w) // w is part of a document's text, which the cache must not keep
	st := Stem(key)
	if st == key {
		st = key
	}
	s.m.Store(key, st)
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
// scores. Sentences and the other fields must not change afterwards. Build calls it for
// documents not prepared yet; calling it while the page renders spreads the work.
func (d *Doc) Prepare(stems *Stems) {
	d.once.Do(func() { d.prepare(stems) })
}

func (d *Doc) prepare(stems *Stems) {
	words := make(map[string]*counts, 256)
	add := func(field func(*counts)) func(string) {
		return func(w string) {
			c := words[w]
			if c == nil {
				c = new(counts)
				words[w] = c
			}
			field(c)
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
	for _, s := range d.Sentences {
		Words(s, add(func(c *counts) {
			if c.body < math.MaxUint16 {
				c.body++
			}
		}))
	}
	byStem := make(map[string]counts, len(words))
	var variants []string
	for w, c := range words {
		st := stems.stem(w)
		if st != w {
			variants = append(variants, w+" "+st+"\n")
		}
		s := byStem[st]
		s.title += c.title
		s.heading += c.heading
		s.tag += c.tag
		s.description += c.description
		s.body += c.body
		byStem[st] = s
	}
	keys := make([]string, 0, len(byStem))
	for st := range byStem {
		keys = append(keys, st)
	}
	slices.Sort(keys)
	var b strings.Builder
	d.scores = make([]byte, len(keys))
	for i, st := range keys {
		b.WriteString(st)
		b.WriteByte('\n')
		d.scores[i] = byte(byStem[st].score())
	}
	d.terms = b.String()
	slices.Sort(variants)
	d.variants = strings.Join(variants, "")
	d.text = strings.Join(d.Sentences, "\n")
	d.Sentences = nil // kept as text: one string instead of many
}

// sentences returns the document's sentences.
func (d *Doc) sentences() []string {
	if d.text == "" {
		return nil
	}
	return strings.Split(d.text, "\n")
}
