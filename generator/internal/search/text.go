package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/kljensen/snowball/english"
	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
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
		if (len(w) > 1 || w[0] >= '0' && w[0] <= '9') && !stopSet[w] {
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

// blocks are the elements whose text is a block of its own: a sentence never runs from
// one to the next.
var blocks = map[string]bool{
	"p": true, "li": true, "td": true, "th": true, "dt": true, "dd": true, "blockquote": true,
	"pre": true, "figcaption": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "div": true, "section": true, "tr": true, "table": true, "ul": true, "ol": true,
	"br": true, "hr": true, "caption": true,
}

// maxSentence is the longest sentence kept for showing, in bytes; longer ones are cut at a
// space and end with "…".
const maxSentence = 280

// Extract returns the text of an article's HTML body (as the markdown package writes it):
// its headings (h1 to h6), and the sentences of everything else, in order, each ending in
// "\n" (Doc.Text). Footnote marks (<sup>) and the links back from footnotes are left out.
func Extract(body string) (headings []string, text string) {
	l := phtml.NewLexer(parse.NewInputString(body))
	var e extractor
	e.out = make([]byte, 0, len(body)/2)
	heading := false
	sup := 0       // how many <sup> are open
	backlink := -1 // the depth of <a> at which a footnote's link back began; -1: none
	anchors := 0   // how many <a> are open
	var tag string // the start tag being read
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			e.end()
			return e.headings, string(e.out)
		case phtml.StartTagToken, phtml.EndTagToken:
			name := string(bytes.ToLower(l.Text()))
			start := tt == phtml.StartTagToken
			tag = name
			if blocks[name] {
				e.end()
				heading = start && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
				e.heading = heading
			}
			switch {
			case name == "sup" && start:
				sup++
			case name == "sup" && sup > 0:
				sup--
			case name == "a" && start:
				anchors++
			case name == "a" && anchors > 0:
				anchors--
				if anchors < backlink {
					backlink = -1
				}
			}
		case phtml.AttributeToken:
			if tag == "a" && string(l.AttrKey()) == "class" && bytes.Contains(l.AttrVal(), []byte("footnote-backref")) {
				backlink = anchors
			}
		case phtml.TextToken:
			if sup == 0 && backlink < 0 {
				if bytes.IndexByte(data, '&') >= 0 {
					data = []byte(html.UnescapeString(string(data)))
				}
				if bytes.Contains(data, nbsp) {
					data = bytes.ReplaceAll(data, nbsp, []byte(" "))
				}
				e.write(data)
			}
		}
	}
}

var nbsp = []byte("\u00a0")

// extractor gathers the text of one block at a time, with its spaces made single, and
// splits it into sentences at its end.
type extractor struct {
	out      []byte // the sentences so far, each ending in "\n"
	heading  bool   // the block is a heading
	headings []string
	block    int  // where the block's text begins in out
	space    bool // a space is pending
}

func (e *extractor) write(p []byte) {
	for _, c := range p {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			e.space = len(e.out) > e.block
			continue
		}
		if e.space {
			e.out = append(e.out, ' ')
			e.space = false
		}
		e.out = append(e.out, c)
	}
}

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
		e.headings = append(e.headings, string(t))
		e.out = e.out[:e.block]
		return
	}
	start, long := 0, false
	for i := bytes.IndexAny(t, ".!?"); i >= 0 && i+2 < len(t); {
		if t[i+1] == ' ' {
			r, _ := utf8.DecodeRune(t[i+2:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				t[i+1] = '\n'
				long = long || i+1-start > maxSentence
				start = i + 2
			}
		}
		next := bytes.IndexAny(t[i+1:], ".!?")
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
