package review

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// date writes t as YYYY-MM-DD, or "" when it is zero.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Summary says how many entries have each status, in words: "1 overdue, 2 due soon, 0
// undated, 5 current".
func (r Report) Summary() string {
	n := r.Counts()
	parts := make([]string, len(n))
	for s, c := range n {
		parts[s] = fmt.Sprintf("%d %s", c, Status(s))
	}
	return strings.Join(parts, ", ")
}

// Heading says what the report is for: the day, the period and the window.
func (r Report) Heading() string {
	every := "the site sets no review_after, so nothing has a due date"
	if !r.Every.IsZero() {
		every = "reviews every " + r.Every.String()
	}
	return fmt.Sprintf("Review report for %s: %s; due soon means within %s", date(r.Today), every, r.Within)
}

// WriteText writes the report as aligned columns, for people.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\n\n", r.Heading())
	fmt.Fprintln(tw, "STATUS\tDUE\tREVIEWED\tKIND\tFILE\tTITLE")
	for _, e := range r.Entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Status, dash(date(e.Due)), dash(date(e.Reviewed)), e.Kind, e.Path, e.Title)
	}
	fmt.Fprintf(tw, "\n%s\n", r.Summary())
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// WriteCSV writes the report as CSV with a header row, for spreadsheets.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"status", "due", "reviewed", "kind", "file", "title"})
	for _, e := range r.Entries {
		cw.Write([]string{e.Status.String(), date(e.Due), date(e.Reviewed), e.Kind, e.Path, e.Title})
	}
	cw.Flush()
	return cw.Error()
}

// jsonReport is the report as WriteJSON writes it.
type jsonReport struct {
	Today   string         `json:"today"`
	Every   string         `json:"review_after,omitempty"`
	Within  string         `json:"within"`
	Counts  map[string]int `json:"counts"`
	Entries []jsonEntry    `json:"entries"`
}

type jsonEntry struct {
	Status   Status `json:"status"`
	Due      string `json:"due,omitempty"`
	Reviewed string `json:"reviewed,omitempty"`
	Kind     string `json:"kind"`
	Path     string `json:"file"`
	Title    string `json:"title"`
}

// WriteJSON writes the report as one JSON object, for tools.
func (r Report) WriteJSON(w io.Writer) error {
	out := jsonReport{Today: date(r.Today), Within: r.Within.String(), Counts: make(map[string]int), Entries: make([]jsonEntry, len(r.Entries))}
	if !r.Every.IsZero() {
		out.Every = r.Every.String()
	}
	for s, c := range r.Counts() {
		out.Counts[Status(s).String()] = c
	}
	for i, e := range r.Entries {
		out.Entries[i] = jsonEntry{Status: e.Status, Due: date(e.Due), Reviewed: date(e.Reviewed), Kind: e.Kind, Path: e.Path, Title: e.Title}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// pageTemplate is dev mode's page of the report. script is the reload script's URL.
var pageTemplate = template.Must(template.New("review").Funcs(template.FuncMap{
	"date": date,
	"slug": func(s string) string { return strings.ReplaceAll(s, " ", "-") },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Review report – guidepost dev</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;color:#0b0c0c;background:#fff}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
.status{font-weight:700;white-space:nowrap}.overdue{color:#942514}.due-soon{color:#594d00}
@media (prefers-color-scheme:dark){body{color:#f3f2f1;background:#0b0c0c}.overdue{color:#ff9c8a}.due-soon{color:#ffdd00}}
</style>
<script src="{{.Script}}" defer></script>
</head>
<body>
<main>
<h1>Review report</h1>
<p>{{.Report.Heading}}.</p>
<p><strong>{{.Report.Summary}}</strong></p>
<table>
<thead><tr><th scope="col">Status</th><th scope="col">Due</th><th scope="col">Last reviewed</th><th scope="col">Kind</th><th scope="col">Title</th><th scope="col">File</th></tr></thead>
<tbody>
{{- range .Report.Entries}}
<tr><td class="status {{.Status.String | slug}}">{{.Status}}</td><td>{{with date .Due}}<time datetime="{{.}}">{{.}}</time>{{else}}–{{end}}</td><td>{{with date .Reviewed}}<time datetime="{{.}}">{{.}}</time>{{else}}never{{end}}</td><td>{{.Kind}}</td><td>{{.Title}}</td><td><code>{{.Path}}</code></td></tr>
{{- end}}
</tbody>
</table>
<p>The same report from a terminal: <code>guidepost review</code> (add <code>--format csv</code> or <code>--format json</code>).</p>
</main>
</body>
</html>
`))

// WriteHTML writes the report as a page of its own, which loads the script at script (dev
// mode's reload script, so that the page follows the editor's saves).
func (r Report) WriteHTML(w io.Writer, script string) error {
	return pageTemplate.Execute(w, struct {
		Report Report
		Script string
	}{r, script})
}
