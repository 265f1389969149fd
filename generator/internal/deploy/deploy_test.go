package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gocloud.dev/blob"

	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// A store is a target the suite deploys to: a fresh, empty bucket on each call.
type store func(t *testing.T) (target string)

// TestDeployToFolder runs the suite against a folder, through file:///.
func TestDeployToFolder(t *testing.T) {
	suite(t, func(t *testing.T) string {
		return "file://" + filepath.ToSlash(t.TempDir())
	})
}

// suite is every case of a deploy, against the buckets that newBucket makes.
func suite(t *testing.T, newBucket store) {
	t.Run("story", func(t *testing.T) { story(t, newBucket(t)) })
	t.Run("interrupted", func(t *testing.T) { interrupted(t, newBucket(t)) })
	t.Run("precompressed", func(t *testing.T) { precompressed(t, newBucket(t)) })
}

// story deploys a site, then its edits, one after the other, as a publisher would.
func story(t *testing.T, target string) {
	ctx := context.Background()
	src, out := t.TempDir(), t.TempDir()
	writeSite(t, src, 6)
	buildSite(t, src, out, false)
	bucket := open(t, target)

	// The first deploy uploads every file but _headers, assets and media before pages.
	var order []string
	sum, err := Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes, Progress: func(p Progress) { order = append(order, p.Key) }})
	if err != nil {
		t.Fatalf("first deploy: %v", err)
	}
	built := folder(t, out)
	if sum.Uploaded != len(built) || sum.Unchanged != 0 || sum.Deleted != 0 || !slices.Equal(sum.Uploads, slices.Sorted(maps.Keys(built))) {
		t.Errorf("first deploy: %+v, want the %d built files uploaded", sum, len(built))
	}
	if want := total(built); sum.Bytes != want {
		t.Errorf("first deploy: %d bytes uploaded, want %d", sum.Bytes, want)
	}
	if i := slices.IndexFunc(order, isPage); i < 0 || slices.ContainsFunc(order[i:], func(k string) bool { return !isPage(k) }) {
		t.Errorf("first deploy uploaded a file that is not a page after a page: %q", order)
	}
	sameObjects(t, bucket, built)
	checkMetadata(t, bucket, out, built)

	// Nothing changed: nothing uploaded.
	sum, err = Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes})
	if err != nil || sum.Uploaded != 0 || sum.Deleted != 0 || sum.Unchanged != len(built) || sum.Bytes != 0 {
		t.Errorf("second deploy of the same build: %+v, %v; want nothing uploaded or deleted", sum, err)
	}

	// One article's body edited: only the pages whose bytes changed are uploaded.
	edit(t, filepath.Join(src, "content/articles/a2.md"), func(s string) string { return s + "\nOne more sentence about stretching.\n" })
	buildSite(t, src, out, false)
	now := folder(t, out)
	sum, err = Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes})
	if err != nil {
		t.Fatalf("deploy after an edit: %v", err)
	}
	if want := changed(built, now); !slices.Equal(sum.Uploads, want) || !slices.Contains(want, "articles/a2/index.html") || len(want) > 3 {
		t.Errorf("deploy after editing one article uploaded %q, want %q (the changed files: its page, no more than a few)", sum.Uploads, want)
	}
	sameObjects(t, bucket, now)
	built = now

	// One article deleted: its page is deleted, after the uploads of the pages that linked it.
	if err := os.Remove(filepath.Join(src, "content/articles/a5.md")); err != nil {
		t.Fatal(err)
	}
	buildSite(t, src, out, false)
	now = folder(t, out)
	order = nil
	sum, err = Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes, Progress: func(p Progress) {
		if order = append(order, p.Key); len(order) == 1 {
			// Someone else deletes it in the meantime: still a success.
			if err := bucket.Delete(ctx, "articles/a5/index.html"); err != nil {
				t.Error(err)
			}
		}
	}})
	if err != nil {
		t.Fatalf("deploy after a deletion: %v", err)
	}
	// Its page goes, and so do the files whose names carry a hash of what changed (the
	// search index's shards that held it).
	lost := slices.Sorted(slices.Values(gone(built, now)))
	deleted := slices.Sorted(slices.Values(sum.Deletes))
	if !slices.Equal(deleted, lost) || !slices.Contains(lost, "articles/a5/index.html") || sum.Deleted != len(lost) {
		t.Errorf("deploy after deleting an article deleted %q, want the files no longer built %q, its page among them", sum.Deletes, lost)
	}
	if n := len(lost); len(order) < n || !slices.Equal(slices.Sorted(slices.Values(order[len(order)-n:])), lost) {
		t.Errorf("the deletions were not the last steps: %q", order)
	}
	if want := changed(built, now); !slices.Equal(sum.Uploads, want) || len(want) == 0 {
		t.Errorf("deploy after deleting an article uploaded %q, want the pages that changed: %q", sum.Uploads, want)
	}
	sameObjects(t, bucket, now)
	built = now

	// The delete guard: three articles gone (and a tag, all of whose articles went), but
	// two deletes allowed: nothing changes.
	for _, a := range []string{"a1", "a3", "a4"} {
		if err := os.Remove(filepath.Join(src, "content/articles", a+".md")); err != nil {
			t.Fatal(err)
		}
	}
	buildSite(t, src, out, false)
	now = folder(t, out)
	wantDeletes := gone(built, now)
	if !slices.Contains(wantDeletes, "articles/a3/index.html") || len(wantDeletes) < 3 {
		t.Fatalf("the build lost %q, want the pages of a1, a3 and a4 at least", wantDeletes)
	}
	sum, err = Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: 2})
	var tooMany *TooManyDeletesError
	if !errors.As(err, &tooMany) || tooMany.Deletes != len(wantDeletes) || sum.Uploaded != 0 || sum.Deleted != 0 {
		t.Fatalf("deploy of %d deletions with at most 2 allowed: %+v, %v; want TooManyDeletesError and nothing done", len(wantDeletes), sum, err)
	}
	sameObjects(t, bucket, built)
	if _, err := Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: 2, DryRun: true}); !errors.As(err, &tooMany) {
		t.Errorf("a dry run of 3 deletions with at most 2 allowed: %v, want TooManyDeletesError", err)
	}

	// A dry run says what would change and changes nothing.
	sum, err = Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: 2, Force: true, DryRun: true})
	if err != nil || !slices.Equal(sum.Deletes, wantDeletes) || !slices.Equal(sum.Uploads, changed(built, now)) {
		t.Errorf("dry run: %+v, %v; want the deletes %q and uploads %q", sum, err, wantDeletes, changed(built, now))
	}
	sameObjects(t, bucket, built)

	// --force lets them go.
	sum, err = Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: 2, Force: true})
	if err != nil || sum.Deleted != len(wantDeletes) {
		t.Errorf("forced deploy of 3 deletions: %+v, %v", sum, err)
	}
	sameObjects(t, bucket, now)
}

// interrupted cancels a deploy half-way through, checks that every page in the bucket
// still finds its stylesheet and script, then deploys again.
func interrupted(t *testing.T, target string) {
	src, out := t.TempDir(), t.TempDir()
	writeSite(t, src, 30)
	buildSite(t, src, out, false)
	bucket := open(t, target)
	if _, err := Deploy(context.Background(), bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes}); err != nil {
		t.Fatal(err)
	}

	// A new stylesheet: a new hashed file, every page changed, the old stylesheet to delete.
	os.MkdirAll(filepath.Join(src, "templates/assets"), 0o755)
	css, err := fs.ReadFile(templates.FS, "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "templates/assets/style.css"), append(css, "\nmain { padding: 1px; }\n"...), 0o644)
	buildSite(t, src, out, false)
	built := folder(t, out)

	for _, stop := range []int{1, 12} {
		ctx, cancel := context.WithCancel(context.Background())
		sum, err := Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes, Jobs: 2, Progress: func(p Progress) {
			if p.Done == stop {
				cancel()
			}
		}})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("deploy cancelled after %d steps: %v, want context.Canceled", stop, err)
		}
		if sum.Deleted != 0 || sum.Uploaded >= len(sum.Uploads) {
			t.Errorf("deploy cancelled after %d steps: %d of %d uploaded, %d deleted; want it cut short before deleting", stop, sum.Uploaded, len(sum.Uploads), sum.Deleted)
		}
		pagesFindAssets(t, bucket)
	}

	sum, err := Deploy(context.Background(), bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes})
	if err != nil || sum.Deleted != 1 || sum.Uploaded == 0 {
		t.Errorf("deploy after the interruptions: %+v, %v; want the rest uploaded and the old stylesheet deleted", sum, err)
	}
	sameObjects(t, bucket, built)
	pagesFindAssets(t, bucket)
}

// precompressed deploys a build's gzip copies in place of the files.
func precompressed(t *testing.T, target string) {
	src, out := t.TempDir(), t.TempDir()
	writeSite(t, src, 2)
	buildSite(t, src, out, true)
	bucket := open(t, target)
	ctx := context.Background()
	sum, err := Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes, Precompressed: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range sum.Uploads {
		if strings.HasSuffix(key, ".gz") || strings.HasSuffix(key, ".br") || key == publish.HeadersFile {
			t.Errorf("uploaded %s, which is not served", key)
		}
	}
	for _, tt := range []struct{ key, encoding string }{
		{"index.html", "gzip"},
		{"media/dot.png", ""},
	} {
		attrs, err := bucket.Attributes(ctx, tt.key)
		if err != nil {
			t.Fatal(err)
		}
		if attrs.ContentEncoding != tt.encoding || attrs.ContentType != publish.ContentType(tt.key) {
			t.Errorf("%s: Content-Encoding %q, Content-Type %q; want %q, %q", tt.key, attrs.ContentEncoding, attrs.ContentType, tt.encoding, publish.ContentType(tt.key))
		}
		src := tt.key
		if tt.encoding != "" {
			src += ".gz"
		}
		if want := md5sum(t, filepath.Join(out, src)); !bytes.Equal(attrs.MD5, want) {
			t.Errorf("%s: stored MD5 %x, want that of %s, %x", tt.key, attrs.MD5, src, want)
		}
	}
	again, err := Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes, Precompressed: true})
	if err != nil || again.Uploaded != 0 {
		t.Errorf("second precompressed deploy: %+v, %v; want nothing uploaded", again, err)
	}
	// Without the flag the plain files replace the gzip ones.
	plain, err := Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes})
	if err != nil || !slices.Contains(plain.Uploads, "index.html") || slices.Contains(plain.Uploads, "media/dot.png") {
		t.Errorf("deploy without --precompressed after one with it: %+v, %v; want the text files uploaded again", plain, err)
	}
	if _, err := Deploy(ctx, bucket, os.DirFS(t.TempDir()), Options{}); err == nil || !strings.Contains(err.Error(), "_headers") {
		t.Errorf("deploy of an empty folder: %v, want an error naming _headers", err)
	}
}

// writeSite writes a site of n articles, a1 to an (n >= 2), into dir.
func writeSite(t *testing.T, dir string, n int) {
	t.Helper()
	files := map[string]string{
		"content/site.yaml": "title: Deploy test\ndescription: A site to deploy.\nbase_url: https://example.org/\nlanguage: en\n",
		"content/questionnaires/check.yaml": `title: A check
description: One question.
start: sore
nodes:
  sore:
    question: Is your back sore?
    answers:
      - label: "Yes"
        next: rest
      - label: "No"
        next: go
  rest:
    outcome: Rest today
    body: See [the second article](../articles/a2.md).
    articles: [a2]
  go:
    outcome: Carry on
    body: Keep moving.
`,
	}
	for i := 1; i <= n; i++ {
		files[fmt.Sprintf("content/articles/a%d.md", i)] = fmt.Sprintf(`---
title: Article %d
description: What article %d says.
date: 2026-03-%02d
tags: [tag-%d]
---

Text of article %d, with a [picture](../media/dot.png) and [the second one](a2.md).
`, i, i, i, i%3, i)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "content/media"), 0o755)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\x60\x60\xf8\x0f\x00\x01\x04\x01\x00\x5f\xe5\xc3\x4b\x00\x00\x00\x00IEND\xaeB`\x82")
	if err := os.WriteFile(filepath.Join(dir, "content/media/dot.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// buildSite builds the site in src into out as guidepost build does, _headers included.
func buildSite(t *testing.T, src, out string, precompress bool) {
	t.Helper()
	dir, err := site.NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var output site.Output = dir
	if precompress {
		output = publish.Precompress(dir)
	}
	opts := site.Options{Now: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Theme: templates.FS, Minify: publish.Minify()}
	res := site.Build(context.Background(), os.DirFS(src), opts, output)
	if res.Diags.Errors() > 0 {
		dir.Abort()
		t.Fatalf("build: %v", res.Diags.Sorted())
	}
	if err := dir.WriteFile(publish.HeadersFile, publish.Headers(res.Written, res.Hashed)); err != nil {
		t.Fatal(err)
	}
	if err := dir.Commit(); err != nil {
		t.Fatal(err)
	}
}

// folder returns the files of the build in out that a deploy uploads: key → bytes.
func folder(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == publish.HeadersFile || p == site.MarkerFile || strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			return err
		}
		files[p], err = os.ReadFile(filepath.Join(out, p))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// changed returns the keys of now that are new or differ from before, sorted.
func changed(before, now map[string][]byte) []string {
	var keys []string
	for k, data := range now {
		if old, ok := before[k]; !ok || !bytes.Equal(old, data) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// gone returns the keys of before that now has not, sorted.
func gone(before, now map[string][]byte) []string {
	var keys []string
	for k := range before {
		if _, ok := now[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func total(files map[string][]byte) int64 {
	var n int64
	for _, data := range files {
		n += int64(len(data))
	}
	return n
}

func isPage(key string) bool { return path.Ext(key) == ".html" }

func edit(t *testing.T, name string, change func(string) string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(change(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

func md5sum(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sum := md5.Sum(data)
	return sum[:]
}

func open(t *testing.T, target string) *blob.Bucket {
	t.Helper()
	bucket, err := Open(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bucket.Close() })
	return bucket
}

// sameObjects fails the test unless the bucket holds exactly the files, byte for byte.
func sameObjects(t *testing.T, bucket *blob.Bucket, files map[string][]byte) {
	t.Helper()
	ctx := context.Background()
	keys := objects(t, bucket)
	if want := slices.Sorted(maps.Keys(files)); !slices.Equal(keys, want) {
		t.Errorf("the bucket holds\n%q\nwant\n%q", keys, want)
		return
	}
	for _, key := range keys {
		data, err := bucket.ReadAll(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, files[key]) {
			t.Errorf("object %s differs from the built file", key)
		}
	}
}

// objects lists the bucket's keys, sorted.
func objects(t *testing.T, bucket *blob.Bucket) []string {
	t.Helper()
	var keys []string
	it := bucket.List(nil)
	for {
		obj, err := it.Next(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, obj.Key)
	}
	slices.Sort(keys)
	return keys
}

// checkMetadata checks the headers stored with each object against the rules of
// _headers: immutable for the hashed files it names, short for every other one.
func checkMetadata(t *testing.T, bucket *blob.Bucket, out string, files map[string][]byte) {
	t.Helper()
	headers, err := os.ReadFile(filepath.Join(out, publish.HeadersFile))
	if err != nil {
		t.Fatal(err)
	}
	hashed := publish.HashedFiles(headers, slices.Collect(maps.Keys(files)))
	if !slices.ContainsFunc(hashed, func(k string) bool { return strings.HasSuffix(k, ".css") }) {
		t.Fatalf("no hashed stylesheet among %q", hashed)
	}
	want := map[string]string{ // a few spelled out, so the rules themselves are checked too
		"index.html":             "text/html; charset=utf-8|" + publish.PageCache,
		"articles/a1/index.html": "text/html; charset=utf-8|" + publish.PageCache,
		"media/dot.png":          "image/png|" + publish.PageCache,
		"sitemap.xml":            "application/xml; charset=utf-8|" + publish.PageCache,
	}
	for _, h := range hashed {
		want[h] = publish.ContentType(h) + "|" + publish.ImmutableCache
	}
	for key := range files {
		attrs, err := bucket.Attributes(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		got := attrs.ContentType + "|" + attrs.CacheControl
		w, ok := want[key]
		if !ok {
			w = publish.ContentType(key) + "|" + publish.PageCache
		}
		if got != w {
			t.Errorf("%s: Content-Type|Cache-Control %q, want %q", key, got, w)
		}
		if attrs.ContentEncoding != "" {
			t.Errorf("%s: Content-Encoding %q, want none", key, attrs.ContentEncoding)
		}
	}
}

var assetRef = regexp.MustCompile(`(?:href|src)="([^"]*assets/[^"]+)"`)

// pagesFindAssets fails the test when a page in the bucket names an asset the bucket does
// not hold.
func pagesFindAssets(t *testing.T, bucket *blob.Bucket) {
	t.Helper()
	keys := objects(t, bucket)
	pages := 0
	for _, key := range keys {
		if !isPage(key) {
			continue
		}
		data, err := bucket.ReadAll(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range assetRef.FindAllSubmatch(data, -1) {
			ref := path.Join(path.Dir(key), string(m[1]))
			if strings.HasPrefix(string(m[1]), "https://") {
				ref = strings.TrimPrefix(string(m[1]), "https://example.org/")
			}
			if !slices.Contains(keys, ref) {
				t.Errorf("%s names %s, which the bucket does not hold", key, m[1])
			}
			pages++
		}
	}
	if pages == 0 {
		t.Error("no page in the bucket names an asset: the check checked nothing")
	}
}
