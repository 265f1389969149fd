package review

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/testutil"
)

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestMake checks each status at its boundaries, for a report on 1 December 2026 of pages
// reviewed every 180 days, "due soon" within 30 days (up to 31 December).
func TestMake(t *testing.T) {
	today := time.Date(2026, 12, 1, 17, 45, 0, 0, time.UTC) // the time of day counts for nothing
	tests := []struct {
		due    string // "" for a page never reviewed
		status Status
	}{
		{"2025-01-01", Overdue},
		{"2026-11-30", Overdue}, // due yesterday
		{"2026-12-01", DueSoon}, // due today
		{"2026-12-31", DueSoon}, // the last day of the window
		{"2027-01-01", Current}, // the day after it
		{"", Undated},
	}
	every := content.Period{Days: 180}
	for _, tt := range tests {
		var reviewed time.Time
		if tt.due != "" {
			reviewed = mustDay(t, tt.due).AddDate(0, 0, -180).Add(9 * time.Hour)
		}
		r := Make([]Item{{Kind: "article", Path: "a.md", Reviewed: reviewed}}, today, every, content.Period{Days: 30})
		e := r.Entries[0]
		if e.Status != tt.status || date(e.Due) != tt.due {
			t.Errorf("reviewed %s: %s, due %q; want %s, due %q", date(reviewed), e.Status, date(e.Due), tt.status, tt.due)
		}
	}
}

// TestMakeNoPeriod: without review_after nothing is due, and a reviewed page is current.
func TestMakeNoPeriod(t *testing.T) {
	items := []Item{{Path: "b.md", Reviewed: mustDay(t, "2020-01-01")}, {Path: "a.md"}}
	r := Make(items, mustDay(t, "2026-12-01"), content.Period{}, content.Period{Days: 30})
	got := []string{}
	for _, e := range r.Entries {
		got = append(got, e.Path+" "+e.Status.String()+" "+date(e.Due))
	}
	if want := []string{"a.md undated ", "b.md current "}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("entries %q, want %q", got, want)
	}
}

// TestOrder: most pressing status first; within one, the earliest due, then the earliest
// reviewed, then the path.
func TestOrder(t *testing.T) {
	items := []Item{
		{Path: "current.md", Reviewed: mustDay(t, "2026-11-01")},
		{Path: "z-undated.md"},
		{Path: "a-undated.md"},
		{Path: "overdue-late.md", Reviewed: mustDay(t, "2026-01-01")},
		{Path: "overdue-early.md", Reviewed: mustDay(t, "2025-01-01")},
		{Path: "soon.md", Reviewed: mustDay(t, "2026-06-10")},
	}
	r := Make(items, mustDay(t, "2026-12-01"), content.Period{Months: 6}, content.Period{Days: 30})
	var got []string
	for _, e := range r.Entries {
		got = append(got, e.Path)
	}
	want := []string{"overdue-early.md", "overdue-late.md", "soon.md", "a-undated.md", "z-undated.md", "current.md"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("order %q, want %q", got, want)
	}
}

// TestGolden loads the site in testdata/site from disk and compares each format of its
// report on 1 December 2026 with testdata/report.*; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, drafts := range []bool{false, true} {
		var diags diag.List
		items, s := Load(os.DirFS("testdata/site"), drafts, &diags)
		if diags.Len() > 0 {
			t.Fatalf("the fixture has problems: %v", diags.Sorted())
		}
		r := Make(items, mustDay(t, "2026-12-01"), s.ReviewAfter, DefaultWithin())
		formats := map[string]func(*bytes.Buffer) error{
			"txt":  func(b *bytes.Buffer) error { return r.WriteText(b) },
			"csv":  func(b *bytes.Buffer) error { return r.WriteCSV(b) },
			"json": func(b *bytes.Buffer) error { return r.WriteJSON(b) },
			"html": func(b *bytes.Buffer) error { return r.WriteHTML(b, "/_guidepost/reload.js") },
		}
		for ext, write := range formats {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatal(err)
			}
			name := "report." + ext
			if drafts {
				name = "report-drafts." + ext
			}
			golden := filepath.Join("testdata", name)
			if testutil.Update() {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", golden, buf.Bytes())
			}
		}
	}
}

// TestJSON checks the JSON report's fields as a tool would read them.
func TestJSON(t *testing.T) {
	var diags diag.List
	items, s := Load(os.DirFS("testdata/site"), false, &diags)
	var buf bytes.Buffer
	if err := Make(items, mustDay(t, "2026-12-01"), s.ReviewAfter, DefaultWithin()).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Today   string         `json:"today"`
		Every   string         `json:"review_after"`
		Counts  map[string]int `json:"counts"`
		Entries []struct {
			Status, Due, Reviewed, Kind, File, Title string
		} `json:"entries"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	wantCounts := map[string]int{"overdue": 2, "due soon": 2, "undated": 2, "current": 2}
	for k, v := range wantCounts {
		if got.Counts[k] != v {
			t.Errorf("counts %v, want %v", got.Counts, wantCounts)
			break
		}
	}
	first := got.Entries[0]
	if got.Today != "2026-12-01" || got.Every != "6mo" || first.Status != "overdue" || first.File != "content/articles/long-ago.md" || first.Due != "2025-07-10" {
		t.Errorf("report %+v", got)
	}
	for _, e := range got.Entries {
		if e.File == "content/questionnaires/check.yaml" && (e.Kind != "questionnaire" || e.Reviewed != "2026-11-20" || e.Status != "current") {
			t.Errorf("questionnaire entry %+v", e)
		}
		if e.File == "content/articles/draft-one.md" {
			t.Errorf("a draft is listed without --drafts: %+v", e)
		}
	}
}
