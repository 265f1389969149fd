// Package deploy copies the folder of a build (guidepost build) to object storage: an S3
// bucket or an S3-compatible store, Google Cloud Storage, Azure Blob Storage, or a folder
// (file:///), named by a gocloud.dev/blob URL. It has one job: make the bucket hold the
// folder's files, each with the headers a reader must get, changing as little as it can
// and never leaving readers a page whose stylesheet or script is missing.
//
// Deploy works in this order:
//
//  1. It reads the folder. Each file becomes the object of the same key (its slash path
//     from the folder's root) with the Content-Type and Cache-Control that package publish
//     gives it: the files that the folder's _headers marks immutable (those named by a hash
//     of their content) get publish.ImmutableCache, every other file publish.PageCache.
//     _headers itself is not uploaded, nor the .gz and .br copies of build --precompress;
//     with Options.Precompressed, a file that has a .gz copy is uploaded as that copy, with
//     Content-Encoding: gzip (object stores cannot choose a copy by the reader's
//     Accept-Encoding, and every browser takes gzip). A folder with no _headers (an
//     --offline build, or not a build at all) is refused.
//  2. It lists the bucket, once. That is also the check that the target is there: an
//     unreachable endpoint, refused credentials or a missing bucket end the deploy here,
//     with one line saying which, before anything is written or deleted.
//  3. It compares each file's MD5 with the remote object's (its ETag on S3): only new and
//     changed files are uploaded. Objects that the folder no longer holds are deleted,
//     but when they are more than Options.MaxDeletes the deploy stops here, having changed
//     nothing, unless Options.Force: a mistyped bucket or folder must not empty a site.
//  4. It uploads, Options.Jobs at a time: first every file that is not a page (hashed
//     assets, media, the sitemap), then the pages (.html), which name those files, and
//     only when every upload succeeded, the deletions. Each object is written whole or not
//     at all, so a deploy interrupted at any point leaves pages that find their assets (the
//     old ones are deleted only at the end), and the next deploy, which compares again,
//     uploads what is still missing and deletes what is left over.
//
// With Options.DryRun it does steps 1 to 3 and reports what it would do. Credentials come
// only from the environment, as each driver's SDK finds them (for S3: AWS_ACCESS_KEY_ID
// and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance role; for GCS: Application Default
// Credentials; for Azure: AZURE_STORAGE_ACCOUNT with a key, a SAS token or a default Azure
// credential), never from the site's files, and nothing this package prints holds them.
package deploy

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
	"golang.org/x/sync/errgroup"
)

// DefaultMaxDeletes is how many objects a deploy deletes without Options.Force.
const DefaultMaxDeletes = 256

// DefaultJobs is how many uploads or deletions run at once by default: object stores answer
// each request slowly and many at once well.
const DefaultJobs = 16

// Options are the choices of a deploy.
type Options struct {
	DryRun        bool // report what would change, change nothing
	MaxDeletes    int  // the most objects deleted without Force
	Force         bool // delete however many objects are no longer built
	Precompressed bool // upload the .gz copy of each file that has one, with Content-Encoding: gzip
	Jobs          int  // uploads at once; 0 means DefaultJobs

	// Progress, when set, is called after each upload or deletion, one call at a time.
	Progress func(Progress)
}

// Progress is how far a deploy is.
type Progress struct {
	Key         string // the object just uploaded or deleted
	Done, Total int    // uploads and deletions done, and to do
	Bytes       int64  // bytes uploaded so far
}

// Summary is what a deploy did, or with Options.DryRun would do.
type Summary struct {
	Uploaded, Unchanged, Deleted int
	Bytes                        int64    // bytes uploaded
	Uploads, Deletes             []string // the keys uploaded and deleted, sorted
}

// Deploy makes bucket hold the files of the build in dir, as the package comment says. On
// an error it returns what it had done until then.
func Deploy(ctx context.Context, bucket *blob.Bucket, dir fs.FS, opts Options) (Summary, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = DefaultJobs
	}
	files, err := readFolder(dir, opts.Precompressed)
	if err != nil {
		return Summary{}, err
	}
	remote, err := listBucket(ctx, bucket)
	if err != nil {
		return Summary{}, err
	}
	p := makePlan(files, remote)
	sum := Summary{Unchanged: p.unchanged, Deletes: p.deletes}
	for _, phase := range p.phases {
		for _, f := range phase {
			sum.Uploads = append(sum.Uploads, f.key)
		}
	}
	slices.Sort(sum.Uploads)
	if len(p.deletes) > opts.MaxDeletes && !opts.Force {
		return Summary{Unchanged: p.unchanged}, &TooManyDeletesError{Deletes: len(p.deletes), Max: opts.MaxDeletes}
	}
	if opts.DryRun {
		sum.Uploaded, sum.Deleted = len(sum.Uploads), len(sum.Deletes)
		for _, f := range sum.Uploads {
			sum.Bytes += files[f].size
		}
		return sum, nil
	}

	var done, uploaded, deleted atomic.Int64
	var bytes atomic.Int64
	var mu sync.Mutex // one Progress call at a time
	total := len(sum.Uploads) + len(sum.Deletes)
	step := func(key string) {
		n := done.Add(1)
		if opts.Progress != nil {
			mu.Lock()
			opts.Progress(Progress{Key: key, Done: int(n), Total: total, Bytes: bytes.Load()})
			mu.Unlock()
		}
	}
	result := func() Summary {
		sum.Uploaded, sum.Deleted, sum.Bytes = int(uploaded.Load()), int(deleted.Load()), bytes.Load()
		return sum
	}
	for _, phase := range p.phases {
		err := run(ctx, opts.Jobs, len(phase), func(ctx context.Context, i int) error {
			f := phase[i]
			if err := upload(ctx, bucket, dir, f); err != nil {
				return err
			}
			uploaded.Add(1)
			bytes.Add(f.size)
			step(f.key)
			return nil
		})
		if err != nil {
			return result(), err
		}
	}
	err = run(ctx, opts.Jobs, len(p.deletes), func(ctx context.Context, i int) error {
		key := p.deletes[i]
		// An object already gone (a deploy elsewhere, a person) is as good as deleted.
		if err := bucket.Delete(ctx, key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
			return fmt.Errorf("delete %s: %w", key, oneLine(err))
		}
		deleted.Add(1)
		step(key)
		return nil
	})
	return result(), err
}

// TooManyDeletesError stops a deploy that would delete more objects than allowed.
type TooManyDeletesError struct{ Deletes, Max int }

func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("the deploy would delete %d objects, more than the %d allowed: nothing changed; check the target and the folder, then use --force or a higher --max-deletes", e.Deletes, e.Max)
}

// run calls fn for 0..n-1, jobs at a time, until the first error or the end of ctx, which
// it returns rather than the errors of the requests it cut short.
func run(ctx context.Context, jobs, n int, fn func(context.Context, int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return fn(gctx, i) })
	}
	err := g.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
