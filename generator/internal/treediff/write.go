package treediff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// line writes p as one line: its steps, its outcome and level, and the sections shown.
func (p Path) line() string {
	s := p.Steps + " -> " + p.Outcome + " (" + p.Level + ")"
	if len(p.Sections) > 0 {
		s += fmt.Sprintf(" with %d %s", len(p.Sections), plural(len(p.Sections), "section", "sections"))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// WriteText writes the reports for people, one block each, and a last line saying whether
// readers see any change.
func WriteText(w io.Writer, reports []*Report) error {
	visible := 0
	var b strings.Builder
	for _, r := range reports {
		if r.Visible() {
			visible++
		}
		fmt.Fprintf(&b, "%s: %s -> %s\n", r.Slug, r.Old, r.New)
		fmt.Fprintf(&b, "  %d paths in both: %d changed; %d added, %d removed; %d %s changed; %d %s\n",
			r.Compared, len(r.Changed), len(r.Added), len(r.Removed),
			len(r.Texts), plural(len(r.Texts), "text", "texts"), len(r.Renamed), plural(len(r.Renamed), "rename", "renames"))
		if len(r.Changed) > 0 {
			b.WriteString("  changed paths:\n")
			for _, c := range r.Changed {
				fmt.Fprintf(&b, "    %s\n      was: %s\n      now: %s\n", strings.Join(c.What, ", "), c.Old.line(), c.New.line())
				if contains(c.What, "sections") {
					for _, s := range c.Old.Sections {
						fmt.Fprintf(&b, "      - section: %s\n", firstLine(s))
					}
					for _, s := range c.New.Sections {
						fmt.Fprintf(&b, "      + section: %s\n", firstLine(s))
					}
				}
			}
		}
		for _, l := range []struct {
			name  string
			paths []Path
		}{{"added paths", r.Added}, {"removed paths", r.Removed}} {
			if len(l.paths) > 0 {
				fmt.Fprintf(&b, "  %s:\n", l.name)
				for _, p := range l.paths {
					fmt.Fprintf(&b, "    %s\n", p.line())
				}
			}
		}
		if len(r.Texts) > 0 {
			b.WriteString("  texts changed:\n")
			for _, t := range r.Texts {
				fmt.Fprintf(&b, "    %s\n      - %s\n      + %s\n", t.Where, quote(t.Old), quote(t.New))
			}
		}
		if len(r.Renamed) > 0 {
			b.WriteString("  renamed, every route kept (readers see no change):\n")
			for _, rn := range r.Renamed {
				fmt.Fprintf(&b, "    %s %s -> %s\n", rn.Kind, rn.Old, rn.New)
			}
		}
		b.WriteString("\n")
	}
	if visible == 0 {
		b.WriteString("No change that readers can see.\n")
	} else {
		fmt.Fprintf(&b, "Sign-off needed: readers see changes in %d %s.\n", visible, plural(visible, "questionnaire", "questionnaires"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	first, _, more := strings.Cut(strings.TrimSpace(s), "\n")
	if more {
		first += " …"
	}
	return first
}

// quote shows an empty text as (none) and a long one on one line.
func quote(s string) string {
	if s == "" {
		return "(none)"
	}
	return strings.ReplaceAll(s, "\n", "⏎ ")
}

// WriteJSON writes the reports as one JSON object: {"visible": bool, "questionnaires": [...]}.
func WriteJSON(w io.Writer, reports []*Report) error {
	type entry struct {
		*Report
		Old     string `json:"old"`
		New     string `json:"new"`
		Visible bool   `json:"visible"`
	}
	out := struct {
		Visible        bool    `json:"visible"`
		Questionnaires []entry `json:"questionnaires"`
	}{Questionnaires: []entry{}}
	for _, r := range reports {
		out.Visible = out.Visible || r.Visible()
		out.Questionnaires = append(out.Questionnaires, entry{r, r.Old, r.New, r.Visible()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
