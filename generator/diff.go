package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/site"
	"guidepost/generator/internal/treediff"
)

// TroubleError is a comparison that could not be made: exit code 2, as diff(1) has it.
type TroubleError struct{ msg string }

func (e *TroubleError) Error() string { return e.msg }

// version is one version of a questionnaire file: where it comes from and its bytes.
type version struct {
	label string // for people and positions: "content/questionnaires/x.yaml" or "HEAD:content/..."
	slug  string
	src   []byte
}

func (m *Main) diff(args []string) error {
	fs := m.flags("diff", "REV [SLUG] | OLD.yaml NEW.yaml", "Compares the questionnaires at the git revision REV with the working tree (or two files), path by path:\nwhich answers now reach another outcome, level or sections, which paths were added or removed,\nwhich texts changed. Exit 0 when readers see no change, 1 when they do (sign-off needed), 2 when\nit cannot compare.")
	format := fs.String("format", "text", "the report's `format`: text or json")
	if err := parseN(fs, args, 1, 2); err != nil {
		return okOnHelp(err)
	}
	n := fs.NArg()
	if *format != "text" && *format != "json" {
		return m.usageError("diff", "REV [SLUG] | OLD.yaml NEW.yaml", fmt.Sprintf("--format: %q is not text or json", *format))
	}
	var pairs [][2]*version
	var err error
	if n == 2 && isYAML(fs.Arg(0)) && isYAML(fs.Arg(1)) {
		pairs, err = m.filePair(fs.Arg(0), fs.Arg(1))
	} else {
		pairs, err = m.revPairs(fs.Arg(0), fs.Arg(1))
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "guidepost diff: %v\n", err)
		return &TroubleError{err.Error()}
	}
	var diags diag.List
	var reports []*treediff.Report
	for _, p := range pairs {
		old, new := p[0].parse(&diags), p[1].parse(&diags)
		if diags.Errors() > 0 {
			continue
		}
		r, err := treediff.Compare(old, new)
		if err != nil {
			diags.Errorf(diag.Pos{Path: p[1].String()}, "%v", err)
			continue
		}
		r.Old, r.New = p[0].String(), p[1].String()
		reports = append(reports, r)
	}
	if m.report(&diags) {
		fmt.Fprintln(m.Stderr, "guidepost diff: cannot compare trees with errors; fix them first (guidepost check)")
		return &TroubleError{"errors"}
	}
	write := treediff.WriteText
	if *format == "json" {
		write = treediff.WriteJSON
	}
	if err := write(m.Stdout, reports); err != nil {
		return err
	}
	for _, r := range reports {
		if r.Visible() {
			return ErrFailed
		}
	}
	return nil
}

func (v *version) String() string {
	if v == nil {
		return "(none)"
	}
	return v.label
}

// parse parses and checks the version; nil stays nil (a questionnaire new or gone).
func (v *version) parse(diags *diag.List) *questionnaire.Questionnaire {
	if v == nil {
		return nil
	}
	q := site.ParseQuestionnaire(v.label, v.src, limits.Limits{}, diags)
	if q == nil {
		return nil // the reason is in diags, which stops the comparison
	}
	q.Slug = v.slug
	q.Check(nil, diags)
	return q
}

func isYAML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// filePair reads two questionnaire files named on the command line.
func (m *Main) filePair(oldName, newName string) ([][2]*version, error) {
	var vs [2]*version
	for i, name := range []string{oldName, newName} {
		src, err := os.ReadFile(m.path(name))
		if err != nil {
			return nil, err
		}
		vs[i] = &version{label: filepath.ToSlash(name), slug: strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)), src: src}
	}
	return [][2]*version{vs}, nil
}

// revPairs reads the questionnaires of the site at the git revision rev and in the working
// tree, paired by slug and sorted by it; only the one named slug when slug is not "".
func (m *Main) revPairs(rev, slug string) ([][2]*version, error) {
	if _, err := m.git("rev-parse", "--is-inside-work-tree"); err != nil {
		return nil, fmt.Errorf("%s is not in a git checkout, so there is no revision %q to compare with; compare two files with \"guidepost diff OLD.yaml NEW.yaml\"", m.Dir, rev)
	}
	if _, err := m.git("rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("git knows no revision %q", rev)
	}
	byslug := map[string]*[2]*version{}
	at := func(s string) *[2]*version {
		if byslug[s] == nil {
			byslug[s] = &[2]*version{}
		}
		return byslug[s]
	}
	list, err := m.git("ls-tree", "-r", "--name-only", rev, "--", content.QuestionnairesDir)
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		if path.Ext(p) != ".yaml" {
			continue
		}
		src, err := m.git("show", rev+":./"+p)
		if err != nil {
			return nil, err
		}
		s := strings.TrimSuffix(path.Base(p), ".yaml")
		at(s)[0] = &version{label: rev + ":" + p, slug: s, src: src}
	}
	err = fs.WalkDir(os.DirFS(m.Dir), content.QuestionnairesDir, func(p string, e fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return fs.SkipAll
		}
		if err != nil || e.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		src, err := os.ReadFile(filepath.Join(m.Dir, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		s := strings.TrimSuffix(path.Base(p), ".yaml")
		at(s)[1] = &version{label: p, slug: s, src: src}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slugs := slices.Sorted(func(yield func(string) bool) {
		for s := range byslug {
			if !yield(s) {
				return
			}
		}
	})
	if slug != "" {
		if byslug[slug] == nil {
			msg := fmt.Sprintf("no questionnaire %q at %s or in the working tree", slug, rev)
			if hint := diag.Suggest(slug, slugs); hint != "" {
				msg += "; " + hint
			}
			return nil, errors.New(msg)
		}
		slugs = []string{slug}
	}
	var out [][2]*version
	for _, s := range slugs {
		out = append(out, *byslug[s])
	}
	return out, nil
}

// git runs git in the site folder and returns what it printed, or an error holding what it
// said on its standard error.
func (m *Main) git(args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", m.Dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
