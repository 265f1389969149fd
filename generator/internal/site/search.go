package site

import (
	"slices"
	"strings"
	"sync"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/i18n"
	"guidepost/generator/internal/layered"
	"guidepost/generator/internal/render"
	"guidepost/generator/internal/search"
)

// The search page, its file, and the folder of its index's shards (every file in it is named
// by a hash of its content).
const (
	searchPage     = "search/"
	SearchPageFile = searchPage + "index.html"
	SearchDir      = "search-index"
)

// searchDocs collects the documents of the search index while articles render: an
// article's text is taken from its HTML, which is not kept.
type searchDocs struct {
	stems *search.Stems
	cache *search.Cache // nil but in incremental builds
	mu    sync.Mutex
	docs  *layered.Map[string, *search.Doc] // by article page ("articles/walking/")

	// In a cold build, texts makes the index's text shards while the articles render
	// (streamTexts), and keeps the articles' documents instead of docs, each article's
	// being numbers[a] (the order of searchIndex).
	texts   *search.Texts
	numbers map[*content.Article]int
}

func newSearchDocs(stems *search.Stems) *searchDocs {
	if stems == nil {
		stems = &search.Stems{}
	}
	return &searchDocs{stems: stems, docs: layered.New[string, *search.Doc](nil)}
}

func (s *searchDocs) add(page string, d *search.Doc) {
	s.mu.Lock()
	if d == nil {
		s.docs.Delete(page)
	} else {
		s.docs.Set(page, d)
	}
	s.mu.Unlock()
}

// indexArticle makes the search document of article a, whose page p has the HTML body:
// drafts are never indexed. The hooks see it (a dev rebuild keeps it with the page, for the
// next rebuild that reuses the page).
func (b *builder) indexArticle(p string, a *content.Article, body string) {
	if b.search == nil { // the site has no search ("search: false")
		return
	}
	if a.Draft { // in dev a quick build may make a published article a draft
		b.search.add(p, nil)
		b.hooks.Indexed(p, nil)
		return
	}
	tags := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		tags[i] = strings.ReplaceAll(t, "-", " ")
	}
	d := &search.Doc{URL: b.links.rel(searchPage, p), Title: a.Title, Description: a.Description, Tags: tags}
	if n, ok := b.search.numbers[a]; ok { // a cold build: its text shards are made as it goes, and texts keeps it
		b.search.texts.PrepareHTML(n, d, body, b.search.stems)
	} else {
		d.PrepareHTML(body, b.search.stems)
		b.search.add(p, d)
	}
	b.hooks.Indexed(p, d)
}

// streamTexts sets the text shards of a cold build to be made while the articles render, and
// written with w, rather than once all are: every article's text is then not all in memory at
// once. The articles indexed are numbered as searchIndex numbers them: those published, in
// listing order.
func (b *builder) streamTexts(w *Writer) {
	if b.search == nil {
		return
	}
	numbers := make(map[*content.Article]int, len(b.articles))
	for _, a := range b.articles {
		if a.Slug != "" && !a.Draft {
			numbers[a] = len(numbers)
		}
	}
	b.search.numbers = numbers
	b.search.texts = search.NewTexts(len(numbers), search.Options{Dir: SearchDir, Emit: func(f search.File) { w.Write(f.Name, false, f.Data) }, Reuse: Forgets(w.out)})
}

// questionnaireDoc returns the search document of a questionnaire: its title, description, and its
// questions and outcomes as headings.
func (b *builder) questionnaireDoc(slug, title, description string, headings []string) *search.Doc {
	return &search.Doc{URL: b.links.rel(searchPage, questionnairePage(slug)), Title: title, Description: description, Kind: b.cat.Must("search.questionnaire"), Headings: headings}
}

// searchIndex builds the index of the articles rendered (in listing order) and the
// questionnaires, giving its files to emit (reuse: emit keeps nothing of them, see
// search.Options); ok is false when a cold build did not index every article it numbered,
// which only a failure to render one leaves (reported then).
func (b *builder) searchIndex(emit func(search.File), reuse bool) (_ search.Index, ok bool) {
	var docs []*search.Doc
	if b.search.texts != nil {
		if docs, ok = b.search.texts.Docs(); !ok {
			return search.Index{}, false
		}
	} else {
		for _, a := range b.articles {
			if d := b.search.docs.Value(articlePage(a.Slug)); d != nil && a.Slug != "" {
				docs = append(docs, d)
			}
		}
	}
	for _, q := range b.questionnaires {
		var headings []string
		for _, n := range q.Nodes {
			switch {
			case n.Outcome != "":
				headings = append(headings, n.Outcome)
			case n.Question != "":
				headings = append(headings, n.Question)
			}
		}
		docs = append(docs, b.questionnaireDoc(q.Slug, q.Title, q.Description, headings))
	}
	idx := search.Build(docs, search.Options{Dir: SearchDir, Stems: b.search.stems, Cache: b.search.cache, Emit: emit, Texts: b.search.texts, Reuse: reuse})
	for i := range idx.Manifest.Terms {
		idx.Manifest.Terms[i].URL = b.links.rel(searchPage, idx.Manifest.Terms[i].Name)
	}
	for i := range idx.Manifest.Texts {
		idx.Manifest.Texts[i].URL = b.links.rel(searchPage, idx.Manifest.Texts[i].Name)
	}
	return idx, true
}

// searchFiles returns the files of search, built once every article is rendered: the
// index's shards and the search page (a page, the last of the list), and the names of the
// shards, sorted.
func (b *builder) searchFiles() (files []job, shards []string) {
	if b.search == nil {
		return nil, nil
	}
	idx, _ := b.searchIndex(nil, false) // no Texts in an incremental build
	for _, f := range idx.Files {
		data := f.Data
		files = append(files, job{name: f.Name, source: content.ArticlesDir, render: func() ([]byte, error) { return data, nil }})
		shards = append(shards, f.Name)
	}
	files = append(files, job{name: searchPage + "index.html", source: content.ArticlesDir, page: true, render: func() ([]byte, error) {
		return b.renderSearch(idx)
	}})
	slices.Sort(shards)
	return files, shards
}

func (b *builder) renderSearch(idx search.Index) ([]byte, error) {
	data := render.Search{
		Page:        b.page(searchPage, b.cat.Must("search.title"), b.searchDescription(), b.home(searchPage)),
		Index:       idx.Manifest,
		ArticlesURL: b.links.rel(searchPage, azPage),
		TopicsURL:   b.links.rel(searchPage, tagsPage),
		Messages:    b.cat.Messages(i18n.SearchScript()),
	}
	if b.opts.SingleFile {
		for _, f := range idx.Files {
			data.Inline = append(data.Inline, b.links.rel(searchPage, f.Name))
		}
	}
	return b.theme.Execute("search", data)
}

// streamSearch writes the files of search with w, in a cold build: each shard as soon as it
// is made, so that the index is never all in memory, then the search page. It returns the
// names of the shards, sorted, and reports problems to b.diags.
func (b *builder) streamSearch(w *Writer) (shards []string) {
	if b.search == nil {
		return nil
	}
	idx, ok := b.searchIndex(func(f search.File) { w.Write(f.Name, false, f.Data) }, Forgets(w.out))
	if !ok {
		if b.diags.Errors() == 0 {
			b.diags.Errorf(diag.Pos{Path: content.ArticlesDir}, "internal error: the search index misses articles rendered")
		}
		return nil
	}
	for _, f := range idx.Files {
		shards = append(shards, f.Name)
	}
	slices.Sort(shards)
	page := job{name: searchPage + "index.html", source: content.ArticlesDir, page: true, render: func() ([]byte, error) {
		return b.renderSearch(idx)
	}}
	if data, ok := produce(b, page); ok && data != nil {
		w.Write(page.name, page.page, data)
	}
	return shards
}

// searchOutput is what writeSearch wrote.
type searchOutput struct {
	data   map[string][]byte // the files written, by name
	shards []string          // the shards of the index, sorted, written or not
	page   bool              // the search page was written
}

// writeSearch produces the files of search and writes them with w, reporting problems to
// b.diags.
func (b *builder) writeSearch(w *Writer) searchOutput {
	jobs, shards := b.searchFiles()
	so := searchOutput{shards: shards, data: make(map[string][]byte, len(jobs))}
	for _, j := range jobs {
		data, ok := produce(b, j)
		if !ok || data == nil || !w.Write(j.name, j.page, data) {
			continue
		}
		so.data[j.name] = data
		so.page = so.page || j.page
	}
	return so
}
