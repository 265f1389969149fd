// Package review tells editors what is due for review.
//
// A report lists every article and questionnaire of a site with the day it was last
// reviewed (its "reviewed:" date), the day its next review is due (that date plus the
// site's review_after period) and its status:
//
//	overdue    the due day has passed
//	due soon   the due day is today or falls within the report's window (30 days by default)
//	undated    no "reviewed:" date, so nobody can tell when it was last checked
//	current    reviewed, and not due within the window
//
// When the site sets no review_after, nothing has a due day: entries are undated or
// current. Entries come in that order of status, most pressing first; within a status by
// due day (then reviewed day), then by path, so the report is the same for the same site
// and day. The report prints as aligned text for people, CSV for spreadsheets, JSON for
// tools and HTML for dev mode's page.
package review

import (
	"cmp"
	"slices"
	"time"

	"guidepost/generator/internal/content"
)

// DefaultWithin is how far ahead "due soon" looks unless told otherwise: 30 days.
func DefaultWithin() content.Period { return content.Period{Days: 30} }

// Status is where an entry stands.
type Status int

const (
	Overdue Status = iota
	DueSoon
	Undated
	Current
)

func (s Status) String() string {
	switch s {
	case Overdue:
		return "overdue"
	case DueSoon:
		return "due soon"
	case Undated:
		return "undated"
	}
	return "current"
}

// MarshalText gives the status as the text report writes it.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// An Item is a page that can be reviewed: an article or a questionnaire.
type Item struct {
	Kind     string // "article" or "questionnaire"
	Path     string // the source file, a slash path relative to the site folder
	Title    string
	Reviewed time.Time // zero when not set
}

// An Entry is one item of a report.
type Entry struct {
	Item
	Due    time.Time // zero when the item is undated or the site sets no period
	Status Status
}

// A Report is what is due for review on a day.
type Report struct {
	Today   time.Time      // the day the report is for
	Every   content.Period // the site's review_after; zero when not set
	Within  content.Period // how far ahead "due soon" looks
	Entries []Entry        // most pressing first
}

// Counts returns how many entries have each status, indexed by Status.
func (r Report) Counts() [4]int {
	var n [4]int
	for _, e := range r.Entries {
		n[e.Status]++
	}
	return n
}

// Make builds the report for today (only its date counts) of items reviewed every period
// every, with "due soon" looking within ahead.
func Make(items []Item, today time.Time, every, within content.Period) Report {
	today = day(today)
	soon := within.After(today)
	r := Report{Today: today, Every: every, Within: within, Entries: make([]Entry, len(items))}
	for i, it := range items {
		e := Entry{Item: it, Status: Current}
		switch {
		case it.Reviewed.IsZero():
			e.Status = Undated
		case every.IsZero():
		default:
			e.Due = every.After(day(it.Reviewed))
			if e.Due.Before(today) {
				e.Status = Overdue
			} else if !e.Due.After(soon) {
				e.Status = DueSoon
			}
		}
		r.Entries[i] = e
	}
	slices.SortFunc(r.Entries, func(a, b Entry) int {
		return cmp.Or(
			cmp.Compare(a.Status, b.Status),
			a.Due.Compare(b.Due),
			a.Reviewed.Compare(b.Reviewed),
			cmp.Compare(a.Path, b.Path),
		)
	})
	return r
}

// day returns t's date at midnight UTC, so that a clock's time of day never moves a status.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
