package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Fever", "fever"},
		{"FIÈVRE", "fievre"},
		{"Señor Ångström", "senor angstrom"},
		{"İstanbul", "istanbul"},
		{"naïve café", "naive cafe"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWords(t *testing.T) {
	var got []string
	Words("The Walking-Dead: don't stop at 5 km/h, or 10 miles!", func(w string) { got = append(got, strings.Clone(w)) })
	want := []string{"walking", "dead", "don", "stop", "5", "km", "10", "miles"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestStem(t *testing.T) {
	for _, w := range []string{"walking", "walked", "walks", "walk"} {
		if got := Stem(w); got != "walk" {
			t.Errorf("Stem(%q) = %q, want walk", w, got)
		}
	}
}

func TestExtract(t *testing.T) {
	body := `<h2 id="a">When to <em>stop</em></h2>
<p>Stop at once. Then rest for 2 days! Is it worse? call a doctor.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>
<ul><li>Fever &amp; chills</li><li>Numbness</li></ul>
<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>A source.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>`
	headings, text := Extract(body)
	sentences := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if want := []string{"When to stop"}; !slices.Equal(headings, want) {
		t.Errorf("headings %q, want %q", headings, want)
	}
	want := []string{"Stop at once.", "Then rest for 2 days!", "Is it worse? call a doctor.", "Fever & chills", "Numbness", "A source."}
	if !slices.Equal(sentences, want) {
		t.Errorf("sentences\n%q\nwant\n%q", sentences, want)
	}
	_, long := Extract("<p>" + strings.Repeat("word ", 100) + "</p>")
	if len(long) > maxSentence+len("…\n") || !strings.HasSuffix(long, "word…\n") {
		t.Errorf("a long sentence is kept as %q", long)
	}
}

// shard is a shard's data as the script reads it.
type shard struct {
	ID    string            `json:"i"`
	Terms map[string][]int  `json:"t"`
	Vars  map[string]string `json:"v"`
	First int               `json:"f"`
	Docs  [][]any           `json:"d"`
}

func decode(t *testing.T, f File) shard {
	t.Helper()
	s := string(f.Data)
	if !strings.HasPrefix(s, queueStart) || !strings.HasSuffix(s, queueEnd) {
		t.Fatalf("%s is not a call of the queue: %.80s", f.Name, s)
	}
	var sh shard
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, queueStart), queueEnd)), &sh); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return sh
}

func docs() []*Doc {
	return []*Doc{
		{URL: "a/", Title: "Walking instead of running", Description: "Walk when your back hurts.", Text: "Go for a walk.\nFever means rest.\n"},
		{URL: "b/", Title: "Rest", Tags: []string{"low impact"}, Headings: []string{"When walking hurts"}, Text: "Rest a day.\nWalking helps later.\n"},
		{URL: "c/", Title: "Swimming", Kind: "Questionnaire", Text: "Water holds you up.\n"},
	}
}

func TestBuildSmall(t *testing.T) {
	idx := Build(docs(), Options{Dir: "search-index"})
	if len(idx.Files) != 1 || idx.Manifest.Terms[0].Name != idx.Files[0].Name || idx.Manifest.Texts[0].Name != idx.Files[0].Name {
		t.Fatalf("a small index is %d files, manifest %+v", len(idx.Files), idx.Manifest)
	}
	if !strings.HasPrefix(idx.Files[0].Name, "search-index/s0.") || !strings.HasSuffix(idx.Files[0].Name, ".js") {
		t.Errorf("file named %s", idx.Files[0].Name)
	}
	sh := decode(t, idx.Files[0])
	walk := sh.Terms["walk"]
	// doc 0: title, description, body; doc 1: heading, body (delta 1).
	if len(walk) != 4 || walk[0] != 0 || walk[2] != 1 || walk[1] <= walk[3] {
		t.Errorf("walk's postings %v: want docs 0 and 1, the title scoring more than the heading", walk)
	}
	if sh.Vars["walking"] != "walk" || sh.Vars["hurts"] != "hurt" {
		t.Errorf("variants %v", sh.Vars)
	}
	if _, ok := sh.Terms["the"]; ok {
		t.Error("a stop word is indexed")
	}
	if sh.Terms["low"] == nil || sh.Terms["impact"] == nil {
		t.Error("tags are not indexed")
	}
	if len(sh.Docs) != 3 || sh.Docs[2][3] != "Questionnaire" || sh.Docs[1][0] != "b/" {
		t.Errorf("documents %v", sh.Docs)
	}
	again := Build(docs(), Options{Dir: "search-index"})
	if again.Files[0].Name != idx.Files[0].Name || string(again.Files[0].Data) != string(idx.Files[0].Data) {
		t.Error("two builds of the same documents differ")
	}
}

func TestBuildShards(t *testing.T) {
	var ds []*Doc
	for i := range 300 {
		ds = append(ds, &Doc{URL: "x/", Title: "Article " + strings.Repeat("z", i%7) + "word", Text: "Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima.\n" +
			"Unique" + strings.Repeat("q", i%50) + " mike november oscar papa.\n"})
	}
	idx := Build(ds, Options{Dir: "s", TermShard: 2000, DocShard: 3000, SmallSite: 100})
	if len(idx.Manifest.Terms) < 3 || len(idx.Manifest.Texts) < 3 {
		t.Fatalf("%d term shards and %d text shards, want several", len(idx.Manifest.Terms), len(idx.Manifest.Texts))
	}
	byName := make(map[string]shard)
	for _, f := range idx.Files {
		byName[f.Name] = decode(t, f)
	}
	// Every key is in the shard the manifest says, found as the script finds it: the last
	// shard whose first key is at most the key.
	for i, ref := range idx.Manifest.Terms {
		sh := byName[ref.Name]
		if sh.ID != ref.ID {
			t.Errorf("%s holds shard %q, want %q", ref.Name, sh.ID, ref.ID)
		}
		for k := range sh.Terms {
			if k < ref.First || i+1 < len(idx.Manifest.Terms) && k >= idx.Manifest.Terms[i+1].First {
				t.Errorf("key %q in shard %s, whose keys begin at %q", k, ref.ID, ref.First)
			}
		}
	}
	n := 0
	for i, ref := range idx.Manifest.Texts {
		sh := byName[ref.Name]
		if sh.First != ref.Doc || sh.First != n {
			t.Errorf("text shard %d begins at %d, manifest says %d, want %d", i, sh.First, ref.Doc, n)
		}
		n += len(sh.Docs)
	}
	if n != len(ds) {
		t.Errorf("the text shards hold %d documents, want %d", n, len(ds))
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(`<h2>Title</h2><p>One. Two! <sup><a class="footnote-ref">1</a></sup></p>`)
	f.Add(`<p>caf&eacute; <a class="footnote-backref">x</a> A.</p><table><tr><td>x</td></tr></table>`)
	f.Fuzz(func(t *testing.T, body string) {
		headings, text := Extract(body)
		for _, s := range headings {
			if s == "" || strings.Contains(s, "\n") {
				t.Errorf("empty or multi-line heading %q", s)
			}
		}
		if text != "" && (!strings.HasSuffix(text, "\n") || strings.Contains(text, "\n\n") || text[0] == '\n') {
			t.Errorf("text %q: want sentences each ending in one newline", text)
		}
		d := &Doc{Title: body, Headings: headings, Text: text}
		Build([]*Doc{d}, Options{Dir: "s"})
	})
}

// TestCacheEqualsBuild edits, adds, removes and moves documents between Builds that share a
// Cache and checks each result against a Build from nothing.
func TestCacheEqualsBuild(t *testing.T) {
	words := strings.Fields("walk walking walked rest resting fever doctor swim swimming knee back pain stretch yoga gentle")
	type source struct{ url, title, text string } // Prepare lets go of a document's text
	sources := make(map[*Doc]source)
	doc := func(i, v int) *Doc {
		var b strings.Builder
		for j := range 12 {
			b.WriteString(words[(i*7+j*v+v)%len(words)] + " ")
			if j%4 == 3 {
				b.WriteString(".\n")
			}
		}
		d := &Doc{URL: fmt.Sprintf("a%d/", i), Title: words[(i+v)%len(words)], Text: b.String()}
		sources[d] = source{d.URL, d.Title, d.Text}
		return d
	}
	var docs []*Doc
	for i := range 60 {
		docs = append(docs, doc(i, 1))
	}
	cache, stems := &Cache{}, &Stems{}
	opts := Options{Dir: "s", TermShard: 300, DocShard: 400, SmallSite: 100}
	for step := range 40 {
		switch step % 4 {
		case 0: // an edit
			i := (step * 13) % len(docs)
			docs[i] = doc(i, step+2)
		case 1: // two edits
			docs[(step*5)%len(docs)] = doc(step, step+3)
			docs[(step*11)%len(docs)] = doc(step+1, step+4)
		case 2: // a move
			i, j := (step*7)%len(docs), (step*3)%len(docs)
			docs[i], docs[j] = docs[j], docs[i]
		case 3: // one more, or one less
			if step%8 == 3 {
				docs = append(docs, doc(100+step, 1))
			} else {
				docs = docs[1:]
			}
		}
		fresh := make([]*Doc, len(docs))
		for i, d := range docs {
			s := sources[d]
			fresh[i] = &Doc{URL: s.url, Title: s.title, Text: s.text}
		}
		opts.Cache, opts.Stems = cache, stems
		got := Build(docs, opts)
		opts.Cache, opts.Stems = nil, nil
		want := Build(fresh, opts)
		if len(got.Files) != len(want.Files) {
			t.Fatalf("step %d: %d files, want %d", step, len(got.Files), len(want.Files))
		}
		for i := range got.Files {
			if got.Files[i].Name != want.Files[i].Name || string(got.Files[i].Data) != string(want.Files[i].Data) {
				t.Fatalf("step %d: %s differs from a build from nothing (%s)\n%s\n%s", step, got.Files[i].Name, want.Files[i].Name, got.Files[i].Data, want.Files[i].Data)
			}
		}
	}
}

// FuzzEntry checks that a document's entry in a text shard is what encoding/json makes of it.
func FuzzEntry(f *testing.F) {
	f.Add("a/", "Café <b> & \"quotes\"", "Line\u2028sep\ttab", "One.\nTwo \x00\xff.\n")
	// Long runs of text that needs no escaping, broken at every place of eight bytes, which
	// appendJSON reads at once.
	f.Add("../articles/walking-with-back-pain/", "Walking with back pain: a guide", "It’s safe to keep moving >= 3 days",
		"Walking helps most people with back pain.\nA physio said \"keep going\" & rest\\stretch.\n")
	f.Fuzz(func(t *testing.T, url, title, description, text string) {
		d := &Doc{URL: url, Title: title, Description: description, Text: text}
		var sentences []string
		if text != "" {
			sentences = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		}
		want, err := json.Marshal([]any{url, title, description, "", sentences})
		if err != nil {
			t.Fatal(err)
		}
		if got := d.appendEntry(nil); string(got) != string(want) {
			t.Errorf("entry\n%s\nwant\n%s", got, want)
		}
	})
}

// TestOtherStems builds documents prepared with one Stems with another, as a Build without
// Options.Stems does: the index is the same as that of documents never prepared.
func TestOtherStems(t *testing.T) {
	prepared := docs()
	other := &Stems{}
	Words("unrelated words first", func(w string) { other.lookup(&wordCache{}, w) })
	for _, d := range prepared {
		d.Prepare(other)
	}
	got, want := Build(prepared, Options{Dir: "s"}), Build(docs(), Options{Dir: "s"})
	if len(got.Files) != 1 || string(got.Files[0].Data) != string(want.Files[0].Data) {
		t.Errorf("documents prepared with another Stems give\n%s\nwant\n%s", got.Files[0].Data, want.Files[0].Data)
	}
}

// FuzzCountWords checks that the words a document is indexed by, their scores, and the words
// whose stem differs from them, are those of the words Words finds in its text, stemmed:
// countWords splits and folds words itself, for speed.
func FuzzCountWords(f *testing.F) {
	f.Add("The Walking-Dead: don't stop at 5 km/h, or 10 miles! Fièvre, İstanbul, naïve café x 7")
	f.Add("e\u0301te\u0301 a\u0300 1\u00b2 \u0663\u0664 Ǆemal")
	// Words of seven to seventeen bytes, each twice, with capitals or not, at the end of the
	// text or not: countWords reads eight bytes at a time.
	f.Add("walking WALKING exercise Exercise exercises exerciseS physiotherapy Physiotherapy " +
		"stretchingexercise StretchingExercises 12345678 123456789 x y 7 hospitalisation Hospitalisation")
	f.Add("Ab.cd,EFGHIJKL;efghijkl;efghijklm-EFGHIJKLM")
	f.Fuzz(func(t *testing.T, text string) {
		stems := &Stems{}
		d := &Doc{Text: text}
		d.Prepare(stems)
		strs, _ := stems.table()
		got := make(map[string]int) // the score of each stem
		for k, score := range d.list.terms() {
			got[strs[k]] = int(score)
		}
		found := make(map[string]uint16) // how often each stem is found
		Words(text, func(w string) { found[Stem(strings.Clone(w))]++ })
		want := make(map[string]int)
		for st, n := range found {
			want[st] = counts{body: n}.score()
		}
		if !maps.Equal(got, want) {
			t.Fatalf("indexed with scores %v, want %v", got, want)
		}
		var gotVariants, wantVariants []string
		for v := range d.list.variants() {
			gotVariants = append(gotVariants, strs[v])
		}
		Words(text, func(w string) {
			if Stem(w) != w && !slices.Contains(wantVariants, w) {
				wantVariants = append(wantVariants, strings.Clone(w))
			}
		})
		slices.Sort(gotVariants)
		slices.Sort(wantVariants)
		if !slices.Equal(gotVariants, wantVariants) {
			t.Fatalf("words whose stem differs %q, want %q", gotVariants, wantVariants)
		}
	})
}

// TestEmitEqualsFiles builds the same documents with Options.Emit and without, for a site of
// one shard and one of many: Emit is given every file Build would return, each once, and
// the Index names them in the same order, without their data.
func TestEmitEqualsFiles(t *testing.T) {
	// letters spells i in letters: each document has words of its own.
	letters := func(i int) string {
		w := ""
		for ; i > 0; i /= 26 {
			w += string(rune('a' + i%26))
		}
		return w
	}
	docs := func(many bool) []*Doc {
		var ds []*Doc
		for i := range 200 {
			d := &Doc{URL: fmt.Sprintf("a%d/", i), Title: "Article " + strings.Repeat("y", i%5) + "word",
				Text: "Walking helps a sore back. Rest " + strings.Repeat("r", i%30) + " days too.\n"}
			if many { // thousands of keys, some with variants: the keys' JSON is made in several chunks
				for j := range 20 {
					w := letters(20*i + j + 1)
					d.Text += "Quoz" + w + " jump" + w + "ing.\n"
				}
			}
			ds = append(ds, d)
		}
		return ds
	}
	for _, c := range []struct {
		small int
		many  bool
		reuse bool // Options.Reuse: the term shards are made in buffers used again
	}{{0, false, false}, {100, false, false}, {100, true, false}, {100, true, true}} {
		small := c.small
		docs := func() []*Doc { return docs(c.many) }
		opts := Options{Dir: "s", TermShard: 2000, DocShard: 3000, SmallSite: small}
		want := Build(docs(), opts)
		if c.many && len(want.Manifest.Terms) < 20 {
			t.Fatalf("%d term shards, want many", len(want.Manifest.Terms))
		}
		emitted, arrays := make(map[string][]byte), make(map[string]*byte)
		opts.Emit, opts.Reuse = recordEmits(t, "", emitted, c.reuse, arrays), c.reuse
		got := Build(docs(), opts)
		if n := distinctArrays(arrays, "s/t"); c.reuse && n >= len(want.Manifest.Terms) {
			t.Errorf("small site %d: %d term shards given in %d arrays, want fewer", small, len(want.Manifest.Terms), n)
		}
		if len(got.Files) != len(want.Files) || len(emitted) != len(want.Files) {
			t.Fatalf("small site %d: %d files listed and %d given, want %d", small, len(got.Files), len(emitted), len(want.Files))
		}
		for i, f := range want.Files {
			if got.Files[i].Name != f.Name || got.Files[i].Data != nil {
				t.Errorf("small site %d: file %d is %s with %d bytes listed, want %s without data", small, i, got.Files[i].Name, len(got.Files[i].Data), f.Name)
			}
			if string(emitted[f.Name]) != string(f.Data) {
				t.Errorf("small site %d: %s given as\n%s\nwant\n%s", small, f.Name, emitted[f.Name], f.Data)
			}
		}
		if !reflect.DeepEqual(got.Manifest, want.Manifest) {
			t.Errorf("small site %d: manifest\n%+v\nwant\n%+v", small, got.Manifest, want.Manifest)
		}
	}
}

// TestTextsEqualsBuild gives a Texts the documents of a Build in a shuffled order, from
// several goroutines, as a cold build's pages render, then builds with it: the files and
// the manifest are those of a Build without it, each file given to Emit once. A site whose
// text stays under SmallSite is still one file.
func TestTextsEqualsBuild(t *testing.T) {
	docs := func(n int) []*Doc {
		var ds []*Doc
		for i := range n {
			ds = append(ds, &Doc{URL: fmt.Sprintf("a%d/", i), Title: "Article " + strings.Repeat("y", i%5) + "word",
				Text: "Walking helps a sore back. Rest " + strings.Repeat("r", (i*37)%300) + " days too.\n"})
		}
		return ds
	}
	// html is the body of document i, when documents are prepared from HTML: Texts keeps
	// their entries in its blocks' buffers.
	html := func(i int) string {
		return "<h2>Rest</h2>\n<p>Walking helps a <em>sore</em> back. Rest " + strings.Repeat("r", (i*53)%400) + " days too.</p>\n"
	}
	for _, c := range []struct {
		docs, articles, small int  // articles: how many docs are added to Texts, the first
		html                  bool // prepared from HTML by Texts
		inOrder               bool // added in order by one goroutine: blocks' buffers are used again
		reuse                 bool // Options.Reuse: files are made in buffers used again
	}{{200, 190, 100, false, false, false}, {200, 200, 100, false, false, false}, {200, 190, 1 << 20, false, false, false},
		{30, 30, 100, false, false, false}, {0, 0, 100, false, false, false}, {200, 190, 100, true, false, false},
		{200, 190, 100, true, true, false}, {200, 190, 1 << 20, true, false, false},
		{200, 190, 100, true, false, true}, {200, 190, 100, false, true, true}, {200, 190, 1 << 20, true, false, true}} {
		name := fmt.Sprintf("docs=%d/articles=%d/small=%d/html=%v/inOrder=%v/reuse=%v", c.docs, c.articles, c.small, c.html, c.inOrder, c.reuse)
		opts := Options{Dir: "s", TermShard: 2000, DocShard: 3000, SmallSite: c.small, DocBlock: 16}
		if c.small > 2000 {
			opts.TermShard = c.small
		}
		wantDocs := docs(c.docs)
		if c.html {
			for i, d := range wantDocs {
				d.Text = ""
				d.PrepareHTML(html(i), &Stems{})
			}
		}
		want := Build(wantDocs, opts)
		if c.small > 2000 && len(want.Files) != 1 {
			t.Fatalf("%s: %d files, want one", name, len(want.Files))
		}
		emitted, arrays := make(map[string][]byte), make(map[string]*byte)
		opts.Emit, opts.Reuse = recordEmits(t, name+": ", emitted, c.reuse, arrays), c.reuse
		ds, stems := docs(c.docs), &Stems{}
		if c.html {
			for _, d := range ds {
				d.Text = ""
			}
		}
		opts.Stems = stems
		opts.Texts = NewTexts(c.articles, opts)
		if _, ok := opts.Texts.Docs(); ok && c.articles > 0 {
			t.Errorf("%s: Docs says every document was added before any was", name)
		}
		order := rand.New(rand.NewPCG(1, uint64(c.docs))).Perm(c.articles)
		goroutines := 3
		if c.inOrder {
			order, goroutines = order[:0], 1
			for k := range c.articles {
				order = append(order, k)
			}
		}
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Go(func() {
				for k := g; k < len(order); k += goroutines {
					if i := order[k]; c.html {
						opts.Texts.PrepareHTML(i, ds[i], html(i), stems)
					} else {
						ds[i].Prepare(stems)
						opts.Texts.Add(i, ds[i], stems)
					}
				}
			})
		}
		wg.Wait()
		for i := c.articles; i < c.docs && c.html; i++ { // the documents not added to Texts
			ds[i].PrepareHTML(html(i), stems)
		}
		if added, ok := opts.Texts.Docs(); !ok || !slices.Equal(added, ds[:c.articles]) {
			t.Errorf("%s: Docs gives %d documents (all: %v), want the %d added", name, len(added), ok, c.articles)
		}
		got := Build(ds, opts)
		if len(got.Files) != len(want.Files) || len(emitted) != len(want.Files) {
			t.Fatalf("%s: %d files listed and %d given, want %d", name, len(got.Files), len(emitted), len(want.Files))
		}
		if n := distinctArrays(arrays, "s/d"); c.reuse && len(want.Files) > 1 && n >= len(want.Manifest.Texts) {
			t.Errorf("%s: %d text shards given in %d arrays, want fewer", name, len(want.Manifest.Texts), n)
		}
		for i, f := range want.Files {
			if got.Files[i].Name != f.Name || string(emitted[f.Name]) != string(f.Data) {
				t.Errorf("%s: file %d is %s given as\n%s\nwant %s\n%s", name, i, got.Files[i].Name, emitted[f.Name], f.Name, f.Data)
			}
		}
		if !reflect.DeepEqual(got.Manifest, want.Manifest) {
			t.Errorf("%s: manifest\n%+v\nwant\n%+v", name, got.Manifest, want.Manifest)
		}
	}
}

// TestTextShardSizes checks that a text shard is larger than Options.DocShard only when it
// holds one document, and that the shards hold the documents in order, each once.
func TestTextShardSizes(t *testing.T) {
	var ds []*Doc
	for i := range 500 {
		ds = append(ds, &Doc{URL: fmt.Sprintf("a%d/", i), Title: "Article",
			Text: strings.Repeat("Some words to fill the text. ", 1+(i*i)%97) + "\n"})
	}
	const size = 4000
	idx := Build(ds, Options{Dir: "s", DocShard: size, SmallSite: 100})
	n := 0
	for _, f := range idx.Files {
		if !strings.HasPrefix(f.Name, "s/d") {
			continue
		}
		sh := decode(t, f)
		if sh.First != n {
			t.Errorf("%s begins at document %d, want %d", f.Name, sh.First, n)
		}
		n += len(sh.Docs)
		if len(f.Data) > size+100 && len(sh.Docs) > 1 {
			t.Errorf("%s is %d bytes with %d documents, want at most %d", f.Name, len(f.Data), len(sh.Docs), size)
		}
	}
	if n != len(ds) {
		t.Errorf("text shards hold %d documents, want %d", n, len(ds))
	}
}

// TestRebuildInOrder checks the inverted index that terms.rebuild makes of documents counted
// and filled in parts, in parallel: each stem's postings are those of one loop over the
// documents in order, and so are the counts of the variants. Its 5,000 documents give stems
// lists long enough to be allocated alone, and others that fill pieces (pieceSize).
func TestRebuildInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3)) // three parts, whatever the machine
	r := rand.New(rand.NewPCG(3, 4))
	const n = 40 // stems and words
	var docs []*Doc
	var lists []unpacked
	for range 5000 {
		var u unpacked
		for _, k := range r.Perm(n) {
			if r.IntN(n+1) > k { // stem k in (k+1)/(n+1) of the documents
				continue
			}
			u.terms = append(u.terms, uint32(k))
			u.scores = append(u.scores, byte(r.IntN(256)))
		}
		for _, w := range r.Perm(n)[:r.IntN(4)] {
			u.variants = append(u.variants, uint32(w))
		}
		docs = append(docs, &Doc{list: packTerms(nil, u.terms, u.scores, u.variants)})
		lists = append(lists, u)
	}
	var tm terms
	tm.strs = make([]string, n)
	for k := range n {
		tm.strs[k] = fmt.Sprint("w", k)
	}
	tm.rebuild(docs)
	want, variants := make([][]uint32, n), make([]int32, n)
	for i, d := range lists {
		for j, k := range d.terms {
			want[k] = append(want[k], uint32(i)<<8|uint32(d.scores[j]))
		}
		for _, w := range d.variants {
			variants[w]++
		}
	}
	for k := range n {
		if !slices.Equal(tm.postings[k], want[k]) {
			t.Errorf("stem %d: postings %v, want %v", k, tm.postings[k], want[k])
		}
	}
	if !slices.Equal(tm.variants, variants) {
		t.Errorf("variants %v, want %v", tm.variants, variants)
	}
}

// distinctArrays returns in how many arrays the files of arrays whose names begin with
// prefix were given.
func distinctArrays(arrays map[string]*byte, prefix string) int {
	seen := make(map[*byte]bool)
	for name, a := range arrays {
		if strings.HasPrefix(name, prefix) {
			seen[a] = true
		}
	}
	return len(seen)
}

// recordEmits returns an Options.Emit that keeps each file it is given in files, safe for
// use from several goroutines; a file given twice is an error, reported after prefix. With
// reuse it keeps a copy, as an Output that writes the file out, and notes in arrays the
// memory each file was given in.
func recordEmits(t *testing.T, prefix string, files map[string][]byte, reuse bool, arrays map[string]*byte) func(File) {
	var mu sync.Mutex
	return func(f File) {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := files[f.Name]; ok {
			t.Errorf("%s%s given twice", prefix, f.Name)
		}
		files[f.Name] = f.Data
		if reuse {
			files[f.Name] = bytes.Clone(f.Data)
			arrays[f.Name] = unsafe.SliceData(f.Data)
		}
	}
}

// FuzzTermList packs terms with their scores and variants, of any size of number, and reads
// them back.
func FuzzTermList(f *testing.F) {
	f.Add([]byte{0, 1, 2, 127, 128, 200}, []byte{255, 0, 1})
	f.Add([]byte{}, []byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x7f}, []byte{0x80, 0, 0, 0})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		// Each four bytes is a number, as big as four bytes hold; a's are terms (and their
		// scores, from their first byte), b's variants.
		numbers := func(p []byte) (ns []uint32) {
			for len(p) > 0 {
				var x [4]byte
				n := copy(x[:], p)
				ns = append(ns, uint32(x[0])|uint32(x[1])<<8|uint32(x[2])<<16|uint32(x[3])<<24)
				p = p[n:]
			}
			return ns
		}
		want := unpacked{terms: numbers(a), variants: numbers(b)}
		for _, k := range want.terms {
			want.scores = append(want.scores, byte(k))
		}
		got := termList(packTerms([]byte("x"), want.terms, want.scores, want.variants)[1:]).unpack()
		if !slices.Equal(got.terms, want.terms) || !slices.Equal(got.scores, want.scores) || !slices.Equal(got.variants, want.variants) {
			t.Errorf("packed and read back as %+v, want %+v", got, want)
		}
	})
}
