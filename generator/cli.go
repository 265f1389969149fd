package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// Version is guidepost's version.
const Version = "0.1.0"

// Main is the guidepost command. Its fields are what the process gives it, so tests can run
// it in a temporary folder and read what it prints.
type Main struct {
	Stdout, Stderr io.Writer
	Dir            string    // the site folder (the one holding content/)
	Now            time.Time // today; zero means the clock's
}

// UsageError is a mistake in the command line: exit code 2.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

// ErrFailed is returned when the input had errors, already printed: exit code 1.
var ErrFailed = errors.New("failed")

// ExitCode maps Run's error to the process's exit code.
func ExitCode(err error) int {
	var u *UsageError
	var t *TroubleError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u), errors.As(err, &t):
		return 2
	}
	return 1
}

const usage = `guidepost builds a static guidance site from markdown articles and questionnaires.

Usage: guidepost <command> [flags]   (run it in the site folder, the one holding content/)

Commands:
  build     build the site into public/
  dev       serve the site on 127.0.0.1, rebuild on change, reload the browser
  check     check everything, write nothing
  paths     list every complete path of the questionnaires
  deploy TARGET  upload the last build to object storage (S3, GCS, Azure, a folder)
  init DIR  start a new site in DIR that builds as it is
  review    list what is due for review (--within 30d, --format text|csv|json, --strict)
  map SLUG  draw a questionnaire as a flow map, SLUG.svg (-o FILE.svg)
  diff REV [SLUG]        compare the questionnaires at a git revision with the working tree
  diff OLD.yaml NEW.yaml  compare two versions of a questionnaire (exit 1 when readers see changes)
  signoff SLUG -o DIR     write a printable sign-off pack of a questionnaire into DIR
  version   print the version
  help      print this help

Run "guidepost <command> -h" for a command's flags.
`

// Run runs the command named by args[0].
func (m *Main) Run(ctx context.Context, args []string) error {
	if m.Now.IsZero() {
		m.Now = time.Now()
	}
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return &UsageError{"no command given"}
	}
	err := m.run(ctx, args[0], args[1:])
	if err != nil && !errors.Is(err, ErrFailed) && !errors.Is(err, context.Canceled) && !errors.As(err, new(*UsageError)) {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err) // every failure says why
	}
	return err
}

// run runs the command cmd with its arguments.
func (m *Main) run(ctx context.Context, cmd string, rest []string) error {
	switch cmd {
	case "build":
		return m.build(ctx, rest)
	case "check":
		return m.check(ctx, rest)
	case "paths":
		return m.paths(rest)
	case "dev":
		return m.dev(ctx, rest)
	case "init":
		return m.init(rest)
	case "review":
		return m.review(rest)
	case "map":
		return m.drawMap(ctx, rest)
	case "diff":
		return m.diff(rest)
	case "signoff":
		return m.signoff(ctx, rest)
	case "deploy":
		return m.deploy(ctx, rest)
	case "version", "--version", "-v":
		fmt.Fprintf(m.Stdout, "guidepost %s\n", Version)
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprintf(m.Stderr, "guidepost: unknown command %q\n\n%s", cmd, usage)
	return &UsageError{"unknown command " + cmd}
}

// flags returns a flag set for cmd that prints its usage on -h.
func (m *Main) flags(cmd, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: guidepost %s %s\n\n%s\n\nFlags:\n", cmd, args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, turning flag mistakes into usage errors and -h into success.
func parse(fs *flag.FlagSet, args []string, positional int) error {
	return parseN(fs, args, positional, positional)
}

// parseN is parse for a command that takes from least to most arguments.
func parseN(fs *flag.FlagSet, args []string, least, most int) error {
	// Flags may come after the arguments too ("map SLUG -o FILE"): parse up to each
	// argument, set it aside, and go on; then give the arguments back to fs.
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return flag.ErrHelp
			}
			return &UsageError{err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		if used := len(args) - fs.NArg(); used > 0 && args[used-1] == "--" { // "--" ends the flags
			rest = append(rest, fs.Args()...)
			break
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
	fs.Parse(append([]string{"--"}, rest...))
	if fs.NArg() < least || fs.NArg() > most {
		n := fmt.Sprint(least)
		if most > least {
			n = fmt.Sprintf("%d to %d", least, most)
		}
		msg := fmt.Sprintf("%s takes %s argument(s), got %q", fs.Name(), n, fs.Args())
		fmt.Fprintf(fs.Output(), "guidepost: %s\n\n", msg)
		fs.Usage()
		return &UsageError{msg}
	}
	return nil
}

// report prints diagnostics and says whether there were errors.
func (m *Main) report(diags *diag.List) bool {
	for _, d := range diags.Sorted() {
		fmt.Fprintln(m.Stderr, d)
	}
	if n := diags.Errors(); n > 0 {
		fmt.Fprintf(m.Stderr, "%d %s\n", n, plural(n, "error", "errors"))
		return true
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (m *Main) options() site.Options {
	return site.Options{Now: m.Now, Theme: templates.FS}
}

func (m *Main) build(ctx context.Context, args []string) error {
	fs := m.flags("build", "[flags]", "Builds the site into a folder, all at once: on any error the folder is left as it was.")
	drafts := fs.Bool("drafts", false, "include draft articles, marked as drafts")
	out := fs.String("out", "public", "the output `folder`")
	baseURL := fs.String("base-url", "", "the site's absolute `URL`, overriding site.yaml's base_url")
	offline := fs.Bool("offline", false, "write links that work opened from disk, and leave out what only a server uses")
	zipFile := fs.String("zip", "", "also pack the site into the zip archive `FILE`, to open from disk (implies --offline)")
	single := fs.String("single-file", "", "write the whole site as one self-contained HTML `FILE` instead of a folder")
	precompress := fs.Bool("precompress", false, "also write a gzip (.gz) and a brotli (.br) copy beside each text file")
	lang := fs.String("lang", "", "build only this `language` of a site of several, at the root (an offline copy or single file of one language)")
	lim := limitFlags(fs)
	strict := fs.Bool("strict", false, "fail on warnings too, as on errors (for CI)")
	if err := parse(fs, args, 0); err != nil {
		return okOnHelp(err)
	}
	if *single != "" {
		var clash []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "out" || f.Name == "offline" || f.Name == "zip" || f.Name == "precompress" {
				clash = append(clash, "--"+f.Name)
			}
		})
		if len(clash) > 0 {
			msg := "--single-file writes one file, not a folder: drop " + strings.Join(clash, ", ")
			fmt.Fprintf(m.Stderr, "guidepost: %s\n", msg)
			return &UsageError{msg}
		}
	}
	outSet := false
	fs.Visit(func(f *flag.Flag) { outSet = outSet || f.Name == "out" })
	if err := m.checkTargets(*out, outSet, *zipFile, *single); err != nil {
		return err
	}
	start := time.Now()
	collectLess()
	opts := m.options()
	opts.Drafts, opts.BaseURL, opts.Offline = *drafts, *baseURL, *offline || *zipFile != ""
	opts.Limits = *lim
	opts.Minify = publish.Minify()
	opts.Language = *lang
	if *single != "" {
		return m.buildSingle(ctx, opts, *single, start, *strict)
	}

	target := m.path(*out)
	if *zipFile != "" && !outSet {
		// --zip alone: the folder is only a step to the archive, and must not replace
		// public/, which holds the server build.
		tmp, err := os.MkdirTemp("", "guidepost-zip-")
		if err != nil {
			fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
			return ErrFailed
		}
		defer os.RemoveAll(tmp)
		target = filepath.Join(tmp, "site")
		*out = "a temporary folder"
	}
	return m.buildFolder(ctx, opts, target, *out, *zipFile, publish.FolderOptions{Precompress: *precompress}, start, *strict)
}

// buildFolder builds the site into the folder target (named out to the user), all at
// once, and packs it into zipFile when that is not "".
func (m *Main) buildFolder(ctx context.Context, opts site.Options, target, out, zipFile string, fo publish.FolderOptions, start time.Time, strict bool) error {
	folder, err := publish.NewFolder(target, fo)
	if err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
		return ErrFailed
	}
	res, err := untilDone(ctx, func() site.Result { return folder.Build(ctx, os.DirFS(m.Dir), opts) })
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		folder.Abort() // removes what was written; the build's goroutines can write no more
		fmt.Fprintf(m.Stderr, "build interrupted: %s left as it was\n", out)
		return err
	}
	if m.reportAs(res.Diags, strict) {
		folder.Abort()
		fmt.Fprintf(m.Stderr, "build failed: %s left as it was\n", out)
		return ErrFailed
	}
	warning, err := folder.Commit()
	if err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
		return ErrFailed
	}
	if warning != nil { // the build is in place: a warning, not a failure
		fmt.Fprintf(m.Stderr, "guidepost: warning: %v\n", warning)
	}
	fmt.Fprintf(m.Stdout, "built %d pages (%d files) into %s in %s\n", res.Pages, res.Files, out, since(start))
	if zipFile != "" {
		if err := folder.ZipTo(m.path(zipFile)); err != nil {
			fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
			return ErrFailed
		}
		fmt.Fprintf(m.Stdout, "packed %s into %s\n", out, zipFile)
	}
	return nil
}

// buildSingle builds the site as one self-contained HTML file.
func (m *Main) buildSingle(ctx context.Context, opts site.Options, file string, start time.Time, strict bool) error {
	var data []byte
	res, err := untilDone(ctx, func() site.Result {
		var res site.Result
		data, res = publish.Single(ctx, os.DirFS(m.Dir), opts)
		return res
	})
	if err != nil {
		fmt.Fprintf(m.Stderr, "build interrupted: %s not written\n", file)
		return err
	}
	if m.reportAs(res.Diags, strict) {
		fmt.Fprintf(m.Stderr, "build failed: %s not written\n", file)
		return ErrFailed
	}
	if err := publish.WriteFile(m.path(file), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
		return ErrFailed
	}
	fmt.Fprintf(m.Stdout, "built %d pages into %s (%d KB) in %s\n", res.Pages, file, (len(data)+1023)/1024, since(start))
	return nil
}

// path returns the file name given on the command line, relative to the site folder.
func (m *Main) path(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(m.Dir, name)
}

// collectLess lets the heap grow to four times what is live before the garbage collector
// runs, not twice (unless GOGC says otherwise): a build allocates some 130 KB a page and keeps
// about 2 KB an article, so at 10,000 articles it takes a tenth less time for some 30 MB more
// at its peak (130 MB; GOGC=200 gives 100 MB, 400 no faster for 170 MB). Only build and check
// call it; they end with the process.
func collectLess() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
}

func since(t time.Time) string {
	return time.Since(t).Round(time.Millisecond).String()
}

func okOnHelp(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func (m *Main) check(ctx context.Context, args []string) error {
	fs := m.flags("check", "", "Checks the whole site as build would, and writes nothing.")
	drafts := fs.Bool("drafts", false, "check draft articles too, as dev and build --drafts see them")
	lim := limitFlags(fs)
	strict := fs.Bool("strict", false, "fail on warnings too, as on errors (for CI)")
	if err := parse(fs, args, 0); err != nil {
		return okOnHelp(err)
	}
	opts := m.options()
	opts.Drafts, opts.Limits = *drafts, *lim
	collectLess()
	res, err := untilDone(ctx, func() site.Result { return site.Build(ctx, os.DirFS(m.Dir), opts, site.Discard{}) })
	if err != nil {
		fmt.Fprintln(m.Stderr, "check interrupted")
		return err
	}
	if m.reportAs(res.Diags, *strict) {
		return ErrFailed
	}
	fmt.Fprintf(m.Stdout, "ok: %d pages, no errors\n", res.Pages)
	return nil
}

func (m *Main) init(args []string) error {
	fs := m.flags("init", "DIR", "Starts a new site in DIR: settings, one article and one small questionnaire, ready to build.\nIt writes nothing if any of those files exists already.")
	if err := parse(fs, args, 1); err != nil {
		return okOnHelp(err)
	}
	dir := fs.Arg(0)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(m.Dir, dir)
	}
	var exists []string
	for _, f := range skeleton {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.name))); err == nil {
			exists = append(exists, f.name)
		}
	}
	if len(exists) > 0 {
		fmt.Fprintf(m.Stderr, "guidepost: %s already holds %s: nothing written\n", fs.Arg(0), strings.Join(exists, ", "))
		return ErrFailed
	}
	for _, f := range skeleton {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("init: %w", err)
		}
		if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
			return fmt.Errorf("init: %w", err)
		}
	}
	fmt.Fprintf(m.Stdout, "started a site in %s\nnext: cd %s && guidepost dev\n", fs.Arg(0), fs.Arg(0))
	return nil
}
