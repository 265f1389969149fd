package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"guidepost/generator/internal/deploy"
)

// deploy uploads the last build to object storage (see package deploy).
func (m *Main) deploy(ctx context.Context, args []string) error {
	fs := m.flags("deploy", "TARGET [flags]", `Uploads the last build (public/, or --dir) to object storage: only the files that changed,
assets before the pages that use them, then deletes the objects no longer built.
TARGET is a gocloud.dev/blob URL, such as
  s3://BUCKET?region=eu-west-2                    (AWS S3)
  s3://BUCKET?endpoint=https://HOST&region=auto   (S3-compatible stores)
  gs://BUCKET                                     (Google Cloud Storage)
  azblob://CONTAINER                              (Azure Blob Storage)
  file:///FOLDER                                  (a folder, such as a shared drive)
Credentials come from the environment, as each provider's tools find them.`)
	dir := fs.String("dir", "public", "the built `folder` to upload")
	dryRun := fs.Bool("dry-run", false, "say what would be uploaded and deleted, change nothing")
	maxDeletes := fs.Int("max-deletes", deploy.DefaultMaxDeletes, "stop, changing nothing, when more than `N` objects would be deleted")
	force := fs.Bool("force", false, "delete however many objects are no longer built")
	build := fs.Bool("build", false, "build the site into the folder first, as guidepost build does")
	precompressed := fs.Bool("precompressed", false, "upload the gzip copy of each text file (build --precompress), with Content-Encoding: gzip")
	positional, err := parseInterspersed(fs, args)
	if err == nil && len(positional) != 1 {
		msg := fmt.Sprintf("deploy takes 1 argument, the target, got %q", positional)
		fmt.Fprintf(m.Stderr, "guidepost: %s\n\n", msg)
		fs.Usage()
		err = &UsageError{msg}
	}
	if err != nil {
		return okOnHelp(err)
	}
	target := positional[0]

	// The target first: a mistyped URL fails before a build.
	start := time.Now()
	name := deploy.Redact(target)
	bucket, err := deploy.Open(ctx, target)
	if err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: deploy: %v\n", err)
		return ErrFailed
	}
	defer bucket.Close()

	if *build {
		buildArgs := []string{"--out", *dir}
		if *precompressed {
			buildArgs = append(buildArgs, "--precompress")
		}
		if err := m.build(ctx, buildArgs); err != nil {
			return err
		}
	}
	folder := *dir
	if !filepath.IsAbs(folder) {
		folder = filepath.Join(m.Dir, folder)
	}
	if _, err := os.Stat(folder); err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: deploy: no folder %s: run guidepost build first, or use --build\n", *dir)
		return ErrFailed
	}

	var last time.Time
	opts := deploy.Options{
		DryRun: *dryRun, MaxDeletes: *maxDeletes, Force: *force, Precompressed: *precompressed,
		Progress: func(p deploy.Progress) {
			if time.Since(last) < time.Second && p.Done < p.Total {
				return
			}
			last = time.Now()
			fmt.Fprintf(m.Stderr, "deploying to %s: %d of %d done, %s uploaded\n", name, p.Done, p.Total, size(p.Bytes))
		},
	}
	sum, err := deploy.Deploy(ctx, bucket, os.DirFS(folder), opts)
	if *dryRun && err == nil {
		for _, k := range sum.Uploads {
			fmt.Fprintf(m.Stdout, "would upload %s\n", k)
		}
		for _, k := range sum.Deletes {
			fmt.Fprintf(m.Stdout, "would delete %s\n", k)
		}
		fmt.Fprintf(m.Stdout, "dry run, nothing changed: would upload %d files (%s), delete %d, keep %d unchanged in %s\n",
			sum.Uploaded, size(sum.Bytes), sum.Deleted, sum.Unchanged, name)
		return nil
	}
	switch {
	case err != nil && ctx.Err() != nil:
		fmt.Fprintf(m.Stderr, "deploy interrupted after %d uploads and %d deletions: every page still finds its assets; run it again to finish\n", sum.Uploaded, sum.Deleted)
		return err
	case err != nil:
		var tooMany *deploy.TooManyDeletesError
		if !errors.As(err, &tooMany) && (sum.Uploaded > 0 || sum.Deleted > 0) {
			fmt.Fprintf(m.Stderr, "guidepost: deploy: %v (after %d uploads and %d deletions; run it again to finish)\n", err, sum.Uploaded, sum.Deleted)
			return ErrFailed
		}
		fmt.Fprintf(m.Stderr, "guidepost: deploy: %v\n", err)
		return ErrFailed
	}
	fmt.Fprintf(m.Stdout, "deployed %s to %s: %d uploaded (%s), %d unchanged, %d deleted in %s\n",
		*dir, name, sum.Uploaded, size(sum.Bytes), sum.Unchanged, sum.Deleted, since(start))
	return nil
}

// parseInterspersed parses args whose flags may come before or after the positional
// arguments, which it returns.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, &UsageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// size writes n bytes for people.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
