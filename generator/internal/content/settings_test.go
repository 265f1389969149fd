package content

import (
	"slices"
	"testing"

	"guidepost/generator/internal/diag"
)

// TestSiteSettings reads notice, organisation and footer_links, and reports every bad footer
// link at once, each at its position.
func TestSiteSettings(t *testing.T) {
	src := `title: T
description: D
notice: "In an emergency, call 999."
organisation: Example Health Board
footer_links:
  - label: Accessibility statement
    href: accessibility.md#contact
  - label: Contact
    href: mailto:help@example.org
  - label: Elsewhere
    href: https://example.org/privacy
  - label: Outside
    href: ../secret.md
  - label: Nowhere
    href: ftp://example.org/
  - label: ""
    href: x.md
  - href: y.md
`
	var diags diag.List
	s := ParseSite([]byte(src), &diags)
	if s.Notice != "In an emergency, call 999." || s.NoticeLine != 3 || s.NoticeCol != 10 || s.Organisation != "Example Health Board" {
		t.Errorf("notice %q at %d:%d, organisation %q", s.Notice, s.NoticeLine, s.NoticeCol, s.Organisation)
	}
	var got []string
	for _, l := range s.FooterLinks {
		got = append(got, l.Label+" "+l.Href+" "+l.Article)
	}
	want := []string{
		"Accessibility statement accessibility.md#contact content/articles/accessibility.md",
		"Contact mailto:help@example.org ",
		"Elsewhere https://example.org/privacy ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("footer links\n got %q\nwant %q", got, want)
	}
	var errs []string
	for _, d := range diags.Sorted() {
		errs = append(errs, d.String())
	}
	wantErrs := []string{
		`content/site.yaml:13:11: href: "../secret.md" is not inside content/articles/; name a file inside content/articles/, such as accessibility.md`,
		`content/site.yaml:15:11: href: "ftp://example.org/" is neither an article nor a web address; write an article's source file (accessibility.md) or an address starting https://, mailto: or tel:`,
		`content/site.yaml:16:12: label is empty; write some text or remove the line`,
		`content/site.yaml:18:5: footer link: missing required key "label"; add a line "label: ..."`,
	}
	if !slices.Equal(errs, wantErrs) {
		t.Errorf("errors\n got %q\nwant %q", errs, wantErrs)
	}
}
