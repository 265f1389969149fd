package render

import (
	"encoding/json"
	"html/template"
	"slices"
	"strings"
	"time"

	"guidepost/generator/internal/i18n"
	"guidepost/generator/internal/search"
)

// Site is what every page knows of the site.
type Site struct {
	Title        string
	Description  string
	Language     string
	Organisation string // the publisher's name, "" when not set
}

// Page is what every page has. URLs in it are relative to the page itself.
type Page struct {
	Site        Site
	Title       string // "" on the home page
	Description string
	Home        string   // the URL of the home page
	Canonical   string   // absolute URL of the page when the site has a base_url
	Crumbs      []Link   // the pages above this one, home first; empty on the home page
	Scripts     []string // URLs of scripts to load
	Search      string   // the URL of the search page, for the search box; "" when there is none
	Draft       bool
	NoIndex     bool // a step of a questionnaire: search engines are asked to leave it out

	Notice      template.HTML // the site's notice, shown on every page; "" for none
	FooterLinks []Link        // the site's footer links, from this page

	// Assets maps the theme's asset names ("style.css") to their URLs from this page.
	Assets map[string]string

	// Lang and Dir are the language of the page's words and its direction ("ltr", "rtl").
	Lang, Dir string
	// Languages, on a site of several languages, is the language switch: every language of
	// the site, each named in itself, linking to this page in it. Alternates are the
	// languages this page is written in (its hreflang links); a page shown in the default
	// language for want of a translation is not among them.
	Languages  []Language
	Alternates []Alternate
	// Fallback, when not "", is the note, in the reader's language, that this page is not
	// translated yet; ContentLang and ContentDir are then the language of its content.
	Fallback                string
	ContentLang, ContentDir string
	// LanguagesLabel names the language switch for assistive technology.
	LanguagesLabel string
	// PrintSource says, on paper, which page of which site this is ("Walking, from ...").
	PrintSource string
}

// A Language is one entry of the language switch.
type Language struct {
	Code, Name, Dir string
	URL             string // this page in that language
	Current         bool
}

// An Alternate is this page in one language, for <link rel="alternate" hreflang>.
type Alternate struct {
	Lang, URL string
}

// Asset returns the URL of the theme asset called name, from this page.
func (p Page) Asset(name string) string { return p.Assets[name] }

// A Link is a URL and its text.
type Link struct {
	URL  string
	Text string
	// Lang and Dir, when set, are the language of Text where it differs from the page's (a
	// page not yet translated, listed on a page in another language).
	Lang, Dir string
}

// A Summary is a page in a listing.
type Summary struct {
	URL         string `json:"url"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Draft       bool   `json:"-"`
	Absolute    string `json:"-"` // its full address, when the site has a base_url: printed after its title
	// Lang and Dir, when set, are the language of the entry where it differs from the page's.
	Lang string `json:"lang,omitempty"`
	Dir  string `json:"dir,omitempty"`
	// HTML, when not empty, is what the template "summary" rendered for this entry before
	// (dev mode keeps them), for Summaries.HTML.
	HTML template.HTML `json:"-"`
}

// Summaries is a list of pages, which the template "summaries" prints.
type Summaries []Summary

// chunkSize is about how many bytes of entries Chunks puts in one piece: under the 32 KB
// from which the runtime allocates each object on pages of its own.
const chunkSize = 16 << 10

// Chunks returns the HTML of every entry, one after the other, in pieces of about chunkSize
// bytes, when each has it, and nil otherwise. "summaries" prints them instead of rendering
// each entry again with "summary": in dev mode a list of 10,000 entries prints in a
// fraction of the time. Pieces, not one string (HTML): the copies of a string of 400 KB
// (a tag's listing at 10,000 articles), its own and fmt's, cost more than the few prints,
// and printing entry by entry costs more still (a call of the escaper each).
func (s Summaries) Chunks() []template.HTML {
	if len(s) == 0 || slices.ContainsFunc(s, func(e Summary) bool { return e.HTML == "" }) {
		return nil
	}
	var out []template.HTML
	for len(s) > 0 {
		n, size := 0, 0
		for n < len(s) && (n == 0 || size+len(s[n].HTML) <= chunkSize) {
			size += len(s[n].HTML)
			n++
		}
		var b strings.Builder
		b.Grow(size)
		for _, e := range s[:n] {
			b.WriteString(string(e.HTML))
		}
		out = append(out, template.HTML(b.String()))
		s = s[n:]
	}
	return out
}

// HTML returns the HTML of every entry, one after the other, when each has it, and ""
// otherwise; the default theme prints Chunks, but a site's own templates may print this. "summaries" prints it instead of rendering each entry again with "summary":
// in dev mode a list of 10,000 entries prints in a fraction of the time.
func (s Summaries) HTML() template.HTML {
	n := 0
	for _, e := range s {
		if e.HTML == "" {
			return ""
		}
		n += len(e.HTML)
	}
	var b strings.Builder
	b.Grow(n)
	for _, e := range s {
		b.WriteString(string(e.HTML))
	}
	return template.HTML(b.String())
}

// A Date is a day shown to readers.
type Date struct {
	ISO  string // 2026-03-31
	Text string // 31 March 2026
}

// MakeDate returns t as a Date, or nil when t is zero.
func MakeDate(t time.Time) *Date {
	if t.IsZero() {
		return nil
	}
	return &Date{ISO: t.Format(time.DateOnly), Text: t.Format("2 January 2006")}
}

// Index is the home page.
type Index struct {
	Page
	Questionnaires []Summary
	Topics         []Topic   // the most used tags, most articles first
	MoreTopics     bool      // there are more tags than Topics shows
	TopicsURL      string    // the index of every tag
	Articles       Summaries // the first articles in listing order
	Total          int       // how many articles the site has
	ArticlesURL    string    // the A to Z of every article
}

// A Topic is a tag, its URL and how many articles it has.
type Topic struct {
	URL   string
	Text  string
	Count int
}

// Tags is the index of every tag, A to Z.
type Tags struct {
	Page
	Topics []Topic
}

// Articles is one page of the A to Z of every article, in groups by first letter.
type Articles struct {
	Page
	Groups []Letter
	Pages  []PageLink // every page of the A to Z, for the pagination; empty when one page
	Number int        // this page's, from 1
	Prev   string     // the URL of the page before, "" on the first
	Next   string     // the URL of the page after, "" on the last
	// Pagination, when not empty, is what the template "pagination" rendered from Pages,
	// Prev, Next and Number alone: the default theme prints it, above and below the list,
	// rather than running the template twice a page (and a dev rebuild keeps it when the
	// page's articles shift but its pagination does not).
	Pagination template.HTML
}

// A Letter is the articles of one page of the A to Z whose titles begin with Letter.
type Letter struct {
	Letter   string // "A", or "#" for titles that begin with a digit or a sign
	ID       string // the heading's id: "letter-a"
	Articles Summaries
}

// A PageLink is one page of a paginated list: its URL and the letters it spans ("A–C").
type PageLink struct {
	URL     string
	Text    string
	Current bool
}

// Article is an article's page.
type Article struct {
	Page
	Body       template.HTML
	Sources    []template.HTML
	Published  *Date
	Reviewed   *Date
	NextReview *Date // when the article is due for review: Reviewed and site.yaml's review_after
	// Contents is "On this page": an <li> with a link for each h2 heading of the body, when
	// there are 3 or more; "" otherwise.
	Contents       template.HTML
	Tags           []Link
	Related        Summaries
	Questionnaires []Summary // questionnaires whose outcomes recommend this article
}

// Tag is the listing of one tag's articles.
type Tag struct {
	Page
	Articles Summaries
}

// NotFound is the 404 page.
type NotFound struct {
	Page
}

// Questionnaire is a questionnaire's start page. Tree is embedded in the page as JSON for the
// script that runs the questionnaire in place.
type Questionnaire struct {
	Page
	Intro    template.HTML
	StartURL string
	Tree     Tree
}

// Tree is a questionnaire as the in-page script reads it. URLs are relative to the
// questionnaire's start page; markdown fields are HTML.
type Tree struct {
	Title      string          `json:"title"`
	Start      string          `json:"start"`
	Disclaimer template.HTML   `json:"disclaimer,omitempty"`
	Nodes      map[string]Step `json:"nodes"`
	// Messages are the script's words in the page's language (i18n.Script), by key.
	Messages map[i18n.Key]any `json:"messages"`
}

// A Step is one node of the tree, in the page and in the script's data.
type Step struct {
	ID       string        `json:"-"`
	Kind     string        `json:"kind"` // choice, checklist or outcome
	URL      string        `json:"-"`    // its static page (the script does not need it)
	Question string        `json:"question,omitempty"`
	Help     template.HTML `json:"help,omitempty"`
	Answers  []Answer      `json:"answers,omitempty"`
	Items    []string      `json:"items,omitempty"`
	ItemIDs  []string      `json:"itemIds,omitempty"`
	Any      string        `json:"any,omitempty"`
	None     string        `json:"none,omitempty"`
	// AnyRules and NoneRules stand for Any and None when rules decide (see Answer.Rules).
	AnyRules  json.RawMessage `json:"anyRules,omitempty"`
	NoneRules json.RawMessage `json:"noneRules,omitempty"`
	NoneLabel string          `json:"noneLabel,omitempty"` // the checklist's exclusive last option
	Each      bool            `json:"each,omitempty"`
	Outcome   string          `json:"outcome,omitempty"`
	Level     string          `json:"level,omitempty"` // info, caution, urgent or emergency
	Body      template.HTML   `json:"body,omitempty"`
	Sections  []Section       `json:"sections,omitempty"` // every section; the script picks
	Action    *Action         `json:"action,omitempty"`
	Articles  Summaries       `json:"articles,omitempty"`
	Error     string          `json:"error,omitempty"`     // a question's error message (see site.errorText)
	Remaining int             `json:"remaining,omitempty"` // the most questions left from it, itself included
}

// An Answer is one answer of a choice.
type Answer struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Hint  string `json:"hint,omitempty"`
	Next  string `json:"next,omitempty"`
	// Rules, when Next is "", decide where the answer leads: compiled rules, as package
	// questionnaire writes them in JSON for the script.
	Rules json.RawMessage `json:"rules,omitempty"`
	URL   string          `json:"-"` // the next page, from the node's page
}

// A Section is a part of a composed outcome, shown when its condition holds.
type Section struct {
	If   json.RawMessage `json:"if"` // compiled, as package questionnaire writes it
	Body template.HTML   `json:"body"`
}

// An Action is an outcome's first and most prominent control. URL is trusted: package
// questionnaire lets only http(s):, tel:, mailto: and article files through, and html/template
// would otherwise refuse tel:.
type Action struct {
	Label string       `json:"label"`
	URL   template.URL `json:"url"`
}

// Node is the static page of one node, for readers without script.
type Node struct {
	Page
	Step
	Questionnaire Link            // the questionnaire's title and start page
	AnyURL        string          // checklist: where "yes" leads (one item's page: "yes, it applies")
	NoneURL       string          // checklist: where "no" leads (one item's page: "no")
	Disclaimer    template.HTML   // outcome
	Shown         []template.HTML // outcome: the bodies of the sections these answers show
	// Item is set on the pages of a checklist with each: true, which ask about one item
	// at a time: its text, and its place among the items.
	Item             string
	ItemNum, ItemsOf int
	First            bool     // the first question: no "Start again"
	Back             *Link    // the page before, when one page only leads here; nil otherwise
	Progress         Progress // a question's
	Given            []Given  // an outcome's answers, when its page has one way from the start
}

// Progress says how far a question is along the way: "Question Number of up to UpTo" when
// every way to it is as long (Number > 0), otherwise that Left questions at most are left.
type Progress struct {
	Number, UpTo, Left int
}

// Given is one answer given on the way to an outcome, with the page that asked it.
type Given struct {
	Question string
	Answer   string
	Change   string // the URL of the question's page
}

// Search is the search page. Index tells its script where the index's shards are; Inline,
// in a single-file build, lists the shards' files, which the page names as scripts for the
// single file to inline (elsewhere the script loads the shards it needs itself). Readers without
// script are sent to the A to Z of every article and to the topics instead.
type Search struct {
	Page
	Index  search.Manifest
	Inline []string
	// ArticlesURL and TopicsURL are the A to Z of every article and the list of topics, which
	// the page offers to readers without JavaScript (and before a query).
	ArticlesURL, TopicsURL string
	// Messages are the search script's words in the page's language (i18n.SearchScript).
	Messages map[i18n.Key]any
}
