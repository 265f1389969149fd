package site

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/render"
)

// The pages that list the site's articles and tags beyond the home page: the index of every
// tag (/tags/) and the A to Z of every article (/articles/, then /articles/page/2/ ...).
const (
	tagsPage = "tags/"
	azPage   = "articles/"
	// azPerPage is how many articles one page of the A to Z lists: at 10,000 articles, 50
	// pages of about 20 KB compressed each.
	azPerPage = 200
	// homeArticles and homeTopics are how many articles and tags the home page lists.
	homeArticles = 20
	homeTopics   = 24
)

// azPageOf returns the path of page i (from 0) of the A to Z.
func azPageOf(i int) string {
	if i == 0 {
		return azPage
	}
	return azPage + "page/" + strconv.Itoa(i+1) + "/"
}

// indexAZ sorts the articles that have a page by title, without case, into the pages of
// the A to Z.
func (b *builder) indexAZ() {
	list := b.paged()
	keys := make(map[*content.Article]string, len(list))
	for _, a := range list {
		keys[a] = strings.ToLower(a.Title)
	}
	slices.SortFunc(list, func(x, y *content.Article) int {
		return cmp.Or(strings.Compare(keys[x], keys[y]), strings.Compare(x.Slug, y.Slug))
	})
	b.pageAZ(list)
}

// compareAZ compares two articles in the order of the A to Z (see indexAZ).
func compareAZ(x, y *content.Article) int {
	return cmp.Or(strings.Compare(strings.ToLower(x.Title), strings.ToLower(y.Title)), strings.Compare(x.Slug, y.Slug))
}

// pageAZ cuts list, the articles in the order of the A to Z, into its pages.
func (b *builder) pageAZ(list []*content.Article) {
	b.az = nil
	for len(list) > 0 {
		n := min(azPerPage, len(list))
		b.az = append(b.az, list[:n:n])
		list = list[n:]
	}
	if len(b.az) == 0 {
		b.az = [][]*content.Article{nil}
	}
}

// letter returns the letter an article is listed under: the first letter of its title in
// upper case, or "#" for a title beginning with anything else.
func letter(title string) string {
	r, _ := utf8.DecodeRuneInString(title)
	if !unicode.IsLetter(r) {
		return "#"
	}
	if u := unicode.ToUpper(r); u >= 'A' && u <= 'Z' {
		return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[u-'A' : u-'A'+1] // without an allocation
	}
	return string(unicode.ToUpper(r))
}

// azJobs returns the jobs rendering the A to Z's pages.
func (b *builder) azJobs() []job {
	jobs := make([]job, len(b.az))
	for i := range b.az {
		jobs[i] = job{name: azPageOf(i) + "index.html", source: content.ArticlesDir, page: true,
			render: func() ([]byte, error) { return b.renderAZ(i) },
			reads:  func() Reads { return b.readsAZ(i) }}
	}
	return jobs
}

func (b *builder) tagsJob() job {
	return job{name: tagsPage + "index.html", source: content.ArticlesDir, page: true, render: b.renderTags,
		reads: func() Reads { return Reads{Words: b.tagCounts(), Theme: "tags"} }}
}

// tagCounts returns each tag and how many articles it has: what lists of topics show.
func (b *builder) tagCounts() []string {
	words := make([]string, 0, 2*len(b.tags))
	for _, t := range b.tags {
		words = append(words, t.name, strconv.Itoa(len(t.articles)))
	}
	return words
}

// readsAZ: page i of the A to Z lists its articles and links to every page by its letters.
func (b *builder) readsAZ(i int) Reads {
	r := Reads{Listed: b.az[i], Theme: "articles"}
	for j := range b.az {
		r.Words = append(r.Words, b.azLabel(j))
	}
	return r
}

// azLabel returns the letters page i of the A to Z spans: "A", or "A–C".
func (b *builder) azLabel(i int) string {
	list := b.az[i]
	if len(list) == 0 {
		return "A–Z"
	}
	first, last := letter(list[0].Title), letter(list[len(list)-1].Title)
	if first == last {
		return first
	}
	return first + "–" + last
}

func (b *builder) renderAZ(i int) ([]byte, error) {
	p := azPageOf(i)
	title := b.cat.Must("articles.title")
	if i > 0 {
		title, _ = b.cat.T("articles.title_page", "n", i+1, "total", len(b.az))
	}
	data := render.Articles{Page: b.page(p, title, b.cat.Must("articles.description"), b.home(p)), Number: i + 1}
	var groups []*content.Article
	var l string // the letter of groups
	flush := func() error {
		if len(groups) == 0 {
			return nil
		}
		id := "letter-" + strings.ToLower(l)
		if l == "#" {
			id = "letter-other"
		}
		s, err := b.summaries("articles", p, groups)
		if err != nil {
			return err
		}
		data.Groups = append(data.Groups, render.Letter{Letter: l, ID: id, Articles: s})
		groups = nil
		return nil
	}
	for _, a := range b.az[i] {
		if next := letter(a.Title); len(groups) == 0 || next != l {
			if err := flush(); err != nil {
				return nil, err
			}
			l = next
		}
		groups = append(groups, a)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(b.az) > 1 {
		for j := range b.az {
			data.Pages = append(data.Pages, render.PageLink{URL: b.links.rel(p, azPageOf(j)), Text: b.azLabel(j), Current: j == i})
		}
		if i > 0 {
			data.Prev = b.links.rel(p, azPageOf(i-1))
		}
		if i+1 < len(b.az) {
			data.Next = b.links.rel(p, azPageOf(i+1))
		}
		var err error
		if data.Pagination, err = b.pagination(data); err != nil {
			return nil, err
		}
	}
	return b.theme.Execute("articles", data)
}

// paginations keeps what the template "pagination" rendered, by what it rendered from (see
// paginationKey), for the pages of the A to Z of the builders derived from one another,
// which share the theme: when an article is added or removed, the pages after it shift by
// one entry, and most keep their pagination.
type paginations struct {
	mu    sync.Mutex
	theme *render.Theme // what m was rendered with
	m     map[string]template.HTML
}

// pagination returns what the theme's template "pagination" renders from data's Pages,
// Prev, Next and Number alone, or "" when the theme has no such template.
func (b *builder) pagination(data render.Articles) (template.HTML, error) {
	if !b.theme.Defines("articles", "pagination") {
		return "", nil
	}
	key := paginationKey(data)
	b.paginations.mu.Lock()
	if b.paginations.theme != b.theme {
		b.paginations.theme = b.theme
		clear(b.paginations.m)
	}
	h, ok := b.paginations.m[key]
	b.paginations.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := b.theme.Fragment("articles", "pagination", render.Articles{Pages: data.Pages, Prev: data.Prev, Next: data.Next, Number: data.Number})
	if err != nil {
		return "", err
	}
	b.paginations.mu.Lock()
	defer b.paginations.mu.Unlock()
	if len(b.paginations.m) > 4*len(b.az)+64 { // labels changed often: forget the old ones
		clear(b.paginations.m)
	}
	if b.paginations.theme == b.theme {
		b.paginations.m[key] = h
	}
	return h, nil
}

// paginationKey returns the data a pagination is rendered from, as one string.
func paginationKey(data render.Articles) string {
	var k strings.Builder
	k.WriteString(strconv.Itoa(data.Number))
	for _, s := range []string{data.Prev, data.Next} {
		k.WriteByte(0)
		k.WriteString(s)
	}
	for _, l := range data.Pages {
		k.WriteByte(0)
		k.WriteString(l.URL)
		k.WriteByte(0)
		k.WriteString(l.Text)
		if l.Current {
			k.WriteString("\x00current")
		}
	}
	return k.String()
}

// topics returns the tags as topics seen from the page from, A to Z.
func (b *builder) topics(from string) []render.Topic {
	out := make([]render.Topic, len(b.tags))
	for i, t := range b.tags {
		out[i] = render.Topic{URL: b.links.rel(from, tagPage(t.name)), Text: tagTitle(t.name), Count: len(t.articles)}
	}
	return out
}

func (b *builder) renderTags() ([]byte, error) {
	return b.theme.Execute("tags", render.Tags{
		Page:   b.page(tagsPage, b.cat.Must("tags.title"), b.cat.Must("tags.description"), b.home(tagsPage)),
		Topics: b.topics(tagsPage),
	})
}

// homeTopicList returns the tags the home page shows: the homeTopics with the most
// articles, A to Z; and whether there are more.
func (b *builder) homeTopicList() ([]render.Topic, bool) {
	all := b.topics("")
	if len(all) <= homeTopics {
		return all, false
	}
	most := slices.Clone(all)
	slices.SortStableFunc(most, func(x, y render.Topic) int { return cmp.Compare(y.Count, x.Count) })
	most = most[:homeTopics]
	slices.SortFunc(most, func(x, y render.Topic) int { return strings.Compare(x.URL, y.URL) })
	return most, true
}
