package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

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
// script splits a query. Stop words and one-letter words are left out.
func Words(s string, fn func(w string)) {
	s = Fold(s)
	start := -1
	emit := func(end int) {
		w := s[start:end]
		if (len(w) > 1 || w[0] >= '0' && w[0] <= '9') && !stopSet[w] {
			fn(w)
		}
		start = -1
	}
	for i, r := range s {
		word := r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r))
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			emit(i)
		}
	}
	if start >= 0 {
		emit(len(s))
	}
}

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
// its headings (h1 to h6) and the sentences of everything else, in order. Footnote marks
// (<sup>) and the links back from footnotes are left out.
func Extract(body string) (headings, sentences []string) {
	l := phtml.NewLexer(parse.NewInputString(body))
	var text strings.Builder
	heading := false
	sup := 0       // how many <sup> are open
	backlink := -1 // the depth of <a> at which a footnote's link back began; -1: none
	anchors := 0   // how many <a> are open
	var tag string // the start tag being read
	flush := func() {
		t := strings.Join(strings.Fields(text.String()), " ")
		text.Reset()
		if t == "" {
			return
		}
		if heading {
			headings = append(headings, t)
			return
		}
		sentences = appendSentences(sentences, t)
	}
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			flush()
			return headings, sentences
		case phtml.StartTagToken, phtml.EndTagToken:
			name := strings.ToLower(string(l.Text()))
			start := tt == phtml.StartTagToken
			tag = name
			if blocks[name] {
				flush()
				heading = start && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
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
			if tag == "a" && string(l.AttrKey()) == "class" && strings.Contains(string(l.AttrVal()), "footnote-backref") {
				backlink = anchors
			}
		case phtml.TextToken:
			if sup == 0 && backlink < 0 {
				text.WriteString(html.UnescapeString(string(data)))
			}
		}
	}
}

// appendSentences splits the text of one block into sentences: after ".", "!" or "?"
// followed by a space and a capital letter or digit.
func appendSentences(out []string, t string) []string {
	start := 0
	for i := 0; i+2 < len(t); i++ {
		if (t[i] == '.' || t[i] == '!' || t[i] == '?') && t[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(t[i+2:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				out = append(out, clip(t[start:i+1]))
				start = i + 2
			}
		}
	}
	return append(out, clip(t[start:]))
}

// clip shortens a sentence to at most maxSentence bytes, at a space.
func clip(s string) string {
	if len(s) <= maxSentence {
		return s
	}
	cut := strings.LastIndexByte(s[:maxSentence], ' ')
	if cut <= 0 {
		cut = maxSentence
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + "…"
}
