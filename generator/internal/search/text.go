package search

import (
	"bytes"
	"html"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// stopWords are left out of the index and of queries: they are in almost every document
// and say nothing of what it is about. The list is written into the index for the script.
var stopWords = []string{
	"a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do",
	"does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
	"into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "than",
	"that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
	"was", "we", "were", "what", "when", "which", "while", "who", "will", "with", "you", "your",
}

var stopSet = func() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// Fold returns s as the index compares words: decomposed (NFD), without combining marks,
// in lower case. "Fièvre" is "fievre". The script folds queries the same way.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.M, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Words calls fn with each word of s, folded: each run of letters and digits, as the
// script splits a query. Stop words and one-letter words are left out. The string fn gets
// may be reused after fn returns.
func Words(s string, fn func(w string)) {
	words(s, func(w string) {
		if !stopSet[w] {
			fn(w)
		}
	})
}

// words is Words with the stop words left in (Stems numbers them as stop words).
func words(s string, fn func(w string)) {
	var buf []byte
	start := -1
	ascii := true
	emit := func(end int) {
		w := s[start:end]
		if ascii {
			buf = buf[:0]
			for i := 0; i < len(w); i++ {
				c := w[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			w = unsafeString(buf)
		} else {
			w = Fold(w)
		}
		start, ascii = -1, true
		if len(w) > 1 || w[0] >= '0' && w[0] <= '9' {
			fn(w)
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			word := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
			switch {
			case word && start < 0:
				start = i
			case !word && start >= 0:
				emit(i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		// A letter, a digit, or a combining mark inside a word (Fold drops it).
		word := unicode.IsLetter(r) || unicode.IsNumber(r) || start >= 0 && unicode.Is(unicode.M, r)
		switch {
		case word && start < 0:
			start = i
			ascii = false
		case word:
			ascii = false
		case !word && start >= 0:
			emit(i)
		}
		i += n
	}
	if start >= 0 {
		emit(len(s))
	}
}

// unsafeString returns the bytes of b as a string without copying them; b must not change
// while the string is in use.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Stem returns the English stem of a folded word: "walking" and "walked" are "walk".
func Stem(w string) string {
	return english.Stem(w, false)
}

// isBlock reports whether name is an element whose text is a block of its own: a sentence
// never runs from one to the next.
func isBlock(name string) bool {
	switch name {
	case "p", "li", "td", "th", "dt", "dd", "blockquote", "pre", "figcaption", "h1", "h2", "h3",
		"h4", "h5", "h6", "div", "section", "tr", "table", "ul", "ol", "br", "hr", "caption":
		return true
	}
	return false
}

// maxSentence is the longest sentence kept for showing, in bytes; longer ones are cut at a
// space and end with "…".
const maxSentence = 280

// Extract returns the text of an article's HTML body (as the markdown package writes it):
// its headings (h1 to h6), and the sentences of everything else, in order, each ending in
// "\n" (Doc.Text). Footnote marks (<sup>) and the links back from footnotes are left out.
func Extract(body string) (headings []string, text string) {
	var e extractor
	e.extract(body)
	return e.headings(), string(e.out)
}

// extract reads the text of body as Extract does, into e.out and e.heads, whose arrays (and
// e's other buffers) it uses again.
func (e *extractor) extract(body string) {
	*e = extractor{out: e.out[:0], heads: e.heads[:0], headEnds: e.headEnds[:0], unescaped: e.unescaped[:0]}
	sup := 0       // how many <sup> are open
	backlink := -1 // the depth of <a> at which a footnote's link back began; -1: none
	anchors := 0   // how many <a> are open
	var lower [16]byte
	for len(body) > 0 {
		i := strings.IndexByte(body, '<')
		if i < 0 {
			i = len(body)
		}
		if i > 0 && sup == 0 && backlink < 0 {
			e.text(body[:i])
		}
		body = body[i:]
		if body == "" {
			break
		}
		tag, rest, kind := nextTag(body)
		if kind == notTag { // a "<" that begins no tag is text
			if sup == 0 && backlink < 0 {
				e.text("<")
			}
			body = body[1:]
			continue
		}
		body = rest
		if kind == comment {
			continue
		}
		start := kind == startTag
		name := unsafeString(lowerName(lower[:0], tagName(tag, start))) // not copied: compared only, not kept
		if isBlock(name) {
			e.end()
			e.heading = start && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
		}
		switch {
		case name == "sup" && start:
			sup++
		case name == "sup" && sup > 0:
			sup--
		case name == "a" && start:
			anchors++
			if strings.Contains(tag, "footnote-backref") {
				backlink = anchors
			}
		case name == "a" && anchors > 0:
			anchors--
			if anchors < backlink {
				backlink = -1
			}
		}
	}
	e.end()
}

// The kinds of markup nextTag finds.
const (
	notTag   = iota // a "<" that is text
	startTag        // <name ...>
	endTag          // </name ...>
	comment         // <!-- ... -->, <!...> or <?...>, and </ not followed by a letter
)

// nextTag reads the markup that s begins with (s[0] is '<'), as an HTML tokenizer does:
// it returns the markup, what follows it, and its kind. Quoted attribute values may hold
// ">". Markup that does not end takes the rest of s.
func nextTag(s string) (tag, rest string, kind int) {
	if len(s) < 2 {
		return "", s, notTag
	}
	c := s[1]
	switch {
	case strings.HasPrefix(s, "<!--"):
		if end := strings.Index(s[4:], "-->"); end >= 0 {
			return s[:4+end+3], s[4+end+3:], comment
		}
		return s, "", comment
	case c == '!' || c == '?' || c == '/' && (len(s) < 3 || !isLetter(s[2])):
		if end := strings.IndexByte(s, '>'); end >= 0 {
			return s[:end+1], s[end+1:], comment
		}
		return s, "", comment
	case c == '/':
		kind = endTag
	case isLetter(c):
		kind = startTag
	default:
		return "", s, notTag
	}
	quote, value := byte(0), false // value: an attribute's value may begin (after "=")
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '>':
			return s[:i+1], s[i+1:], kind
		case value && (c == '"' || c == '\''):
			quote, value = c, false
		case c == '=':
			value = true
		case !isSpace(c):
			value = false
		}
	}
	return s, "", kind
}

// tagName returns the name of a tag nextTag read.
func tagName(tag string, start bool) string {
	i := 1
	if !start {
		i = 2
	}
	j := i
	for j < len(tag) && !isSpace(tag[j]) && tag[j] != '/' && tag[j] != '>' {
		j++
	}
	return tag[i:j]
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// text writes text, with its character references decoded and no-break spaces made spaces.
func (e *extractor) text(s string) {
	if strings.IndexByte(s, '&') >= 0 {
		if b, ok := appendUnescaped(e.unescaped[:0], s); ok {
			e.unescaped, s = b, unsafeString(b) // written before e.unescaped is used again
		} else {
			s = html.UnescapeString(s)
		}
	}
	if strings.Contains(s, "\u00a0") {
		s = strings.ReplaceAll(s, "\u00a0", " ")
	}
	e.write(s)
}

// entities are the character references the markdown package writes (goldmark's escapes and
// its typographer's), decoded.
var entities = map[string]string{
	"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "#39": "'", "nbsp": "\u00a0",
	"lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "ndash": "–", "mdash": "—",
	"hellip": "…", "laquo": "«", "raquo": "»",
}

// appendUnescaped appends s to b with its character references decoded, as
// html.UnescapeString decodes them, when each is one of entities; false: another was found,
// and b is not to be used.
func appendUnescaped(b []byte, s string) ([]byte, bool) {
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			return append(b, s...), true
		}
		b = append(b, s[:i]...)
		s = s[i:]
		end := strings.IndexByte(s[:min(len(s), 8)], ';')
		if end < 0 {
			return b, false
		}
		r, ok := entities[s[1:end]]
		if !ok {
			return b, false
		}
		b = append(b, r...)
		s = s[end+1:]
	}
}

// lowerName appends name to b in lower case; names longer than b's capacity are cut (no
// element that matters here has one).
func lowerName(b []byte, name string) []byte {
	for i := range min(len(name), cap(b)) {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// extractor gathers the text of one block at a time, with its spaces made single, and
// splits it into sentences at its end.
type extractor struct {
	out      []byte // the sentences so far, each ending in "\n"
	heading  bool   // the block is a heading
	heads    []byte // the headings, one after the other
	headEnds []int  // where each heading ends in heads
	block    int    // where the block's text begins in out
	space    bool   // a space is pending

	unescaped []byte // text decoded, kept for the next text
}

// headingAt returns heading i, as a slice of e.heads.
func (e *extractor) headingAt(i int) []byte {
	start := 0
	if i > 0 {
		start = e.headEnds[i-1]
	}
	return e.heads[start:e.headEnds[i]]
}

// headings returns the headings, copied.
func (e *extractor) headings() []string {
	var hs []string
	for i := range e.headEnds {
		hs = append(hs, string(e.headingAt(i)))
	}
	return hs
}

func (e *extractor) write(p string) {
	for len(p) > 0 {
		if isSpace(p[0]) {
			e.space = len(e.out) > e.block
			p = p[1:]
			continue
		}
		if e.space {
			e.out = append(e.out, ' ')
			e.space = false
		}
		// The longest run that needs no change is copied at once: characters other than
		// spaces, and single " " between them.
		n := skipPlain(p)
		for n < len(p) {
			if !isSpace(p[n]) {
				n++
			} else if p[n] == ' ' && n+1 < len(p) && !isSpace(p[n+1]) {
				n += 2
			} else {
				break
			}
		}
		e.out = append(e.out, p[:n]...)
		p = p[n:]
	}
}

// skipPlain returns how far from its start p (whose first byte is no space) surely needs no
// change, reading seven bytes at a time (and the eighth, for what follows a seventh): up to
// the byte before the first control from "\t" to "\r", or space followed by one of them or
// by a space, which write's loop then reads byte by byte. Most text is words and single
// spaces, which a byte at a time took most of the time of extracting an article's text.
func skipPlain(p string) int {
	const seven = highBits >> 8 // the highest bits of the first seven bytes
	n := 1
	for n+8 <= len(p) {
		x := load64(p[n:])
		sp, ctl := inRange(x, ' ', ' '), inRange(x, '\t', '\r')
		if m := (ctl | sp&((sp|ctl)>>8)) & seven; m != 0 {
			return n + bits.TrailingZeros64(m)/8 - 1 // a space before it is read again
		}
		n += 7
	}
	return n
}

func isSpace(c byte) bool { return spaces[c] }

var spaces = [256]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true}

// end ends the block: a heading goes to headings, other text is split into sentences after
// ".", "!" or "?" followed by a space and a capital letter or a digit, that space becoming
// the "\n" that ends the sentence.
func (e *extractor) end() {
	t := e.out[e.block:]
	e.space = false
	switch {
	case len(t) == 0:
		return
	case e.heading:
		e.heads = append(e.heads, t...)
		e.headEnds = append(e.headEnds, len(e.heads))
		e.out = e.out[:e.block]
		return
	}
	start, long := 0, false
	for i := indexStop(t); i >= 0 && i+2 < len(t); {
		if t[i+1] == ' ' {
			r, _ := utf8.DecodeRune(t[i+2:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				t[i+1] = '\n'
				long = long || i+1-start > maxSentence
				start = i + 2
			}
		}
		next := indexStop(t[i+1:])
		if next < 0 {
			break
		}
		i += 1 + next
	}
	long = long || len(t)-start > maxSentence
	e.out = append(e.out, '\n')
	if long { // rare: clip the long sentences
		var clipped []byte
		for _, s := range bytes.SplitAfter(e.out[e.block:], []byte("\n")) {
			if len(s) > 0 {
				clipped = appendClipped(clipped, bytes.TrimSuffix(s, []byte("\n")))
			}
		}
		e.out = append(e.out[:e.block], clipped...)
	}
	e.block = len(e.out)
}

// indexStop returns the index of the first ".", "!" or "?" in t, or -1: where a sentence may
// end. (Three searches of one byte, each searching only up to what the one before found,
// take less time than a loop over every byte, and bytes.IndexAny makes a table of the
// characters at each call.)
func indexStop(t []byte) int {
	i := bytes.IndexByte(t, '.')
	end := len(t)
	if i >= 0 {
		end = i
	}
	if j := bytes.IndexByte(t[:end], '!'); j >= 0 {
		i, end = j, j
	}
	if j := bytes.IndexByte(t[:end], '?'); j >= 0 {
		i = j
	}
	return i
}

// appendClipped appends a sentence and "\n", shortened to at most maxSentence bytes at a
// space.
func appendClipped(out, s []byte) []byte {
	if len(s) <= maxSentence {
		out = append(out, s...)
		return append(out, '\n')
	}
	cut := bytes.LastIndexByte(s[:maxSentence], ' ')
	if cut <= 0 {
		cut = maxSentence
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	out = append(out, s[:cut]...)
	return append(out, "…\n"...)
}
