package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	// The stores a target URL may name: s3://, gs://, azblob:// and file:///.
	_ "gocloud.dev/blob/azureblob"
	_ "gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/gcsblob"
	_ "gocloud.dev/blob/s3blob"
)

// Open opens the bucket that the gocloud.dev/blob URL target names (s3://, gs://,
// azblob:// or file:///). It does not reach the store: Deploy's listing does.
func Open(ctx context.Context, target string) (*blob.Bucket, error) {
	u, err := url.Parse(target)
	if err != nil || u.Scheme == "" {
		return nil, fmt.Errorf("%q is not a target URL: use s3://BUCKET?region=REGION, gs://BUCKET, azblob://CONTAINER or file:///FOLDER", target)
	}
	if q := u.Query(); u.Scheme == "file" && !q.Has("no_tmp_dir") {
		// Write each file's temporary copy beside it, not in the system's temporary folder,
		// from which renaming fails when the target is another drive.
		q.Set("no_tmp_dir", "true")
		u.RawQuery = q.Encode()
		target = u.String()
	}
	b, err := blob.OpenBucket(ctx, target)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", Redact(target), oneLine(err))
	}
	return b, nil
}

// Redact returns target without its query, which may hold a SAS token or the like, for
// messages.
func Redact(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "the target"
	}
	u.RawQuery, u.User = "", nil
	return u.String()
}

// listBucket returns the bucket's objects: key → MD5 (nil when the store gives none).
func listBucket(ctx context.Context, bucket *blob.Bucket) (map[string][]byte, error) {
	remote := make(map[string][]byte)
	it := bucket.List(nil)
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			return remote, nil
		}
		if err != nil {
			return nil, unreachable(err)
		}
		if !obj.IsDir {
			remote[obj.Key] = obj.MD5
		}
	}
}

// unreachable says in one line why the bucket could not be listed, before anything was
// changed.
func unreachable(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	why := "cannot reach the target"
	switch {
	case gcerrors.Code(err) == gcerrors.NotFound:
		why = "the bucket does not exist"
	case gcerrors.Code(err) == gcerrors.PermissionDenied || refused(err):
		why = "the credentials were refused (check the environment's credentials and their rights on the bucket)"
	case strings.Contains(err.Error(), "get credentials"):
		// The AWS SDK's words when its chain found none; it has no error type for it.
		why = "no credentials found (set them in the environment, as the provider's own tools expect)"
	}
	return fmt.Errorf("%s, nothing changed: %w", why, oneLine(err))
}

// refused says whether the store turned the credentials down: it answered 401 or 403, or
// named an unknown key or a bad signature, which S3 and S3-compatible stores do with codes
// that gcerrors does not map.
func refused(err error) bool {
	var api interface{ ErrorCode() string }
	if errors.As(err, &api) && slices.Contains(credentialCodes, api.ErrorCode()) {
		return true
	}
	var status interface{ HTTPStatusCode() int }
	if errors.As(err, &status) {
		c := status.HTTPStatusCode()
		return c == http.StatusUnauthorized || c == http.StatusForbidden
	}
	return false
}

// credentialCodes are the S3 error codes of refused credentials: AWS's, and versitygw's
// for an access key it does not know (with status 404, which alone would read as a
// missing bucket).
var credentialCodes = []string{"InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "XAdminUserNotFound"}

// upload writes f as its object, whole or not at all.
func upload(ctx context.Context, bucket *blob.Bucket, dir fs.FS, f *file) error {
	r, err := dir.Open(f.src)
	if err != nil {
		return err
	}
	defer r.Close()
	opts := &blob.WriterOptions{
		ContentType:                 f.contentType,
		CacheControl:                f.cacheControl,
		ContentEncoding:             f.contentEncoding,
		ContentMD5:                  f.md5,
		DisableContentTypeDetection: true,
	}
	// One request for the whole file, so that S3 stores its MD5 as the ETag (a multipart
	// upload's ETag is not an MD5, and the file would be uploaded again on every deploy).
	const part = 5 << 20
	if f.size >= part {
		opts.BufferSize = int(f.size) + 1
	}
	if err := bucket.Upload(ctx, f.key, r, opts); err != nil {
		return fmt.Errorf("upload %s: %w", f.key, oneLine(err))
	}
	return nil
}

// oneLine keeps an SDK's error on one line: some span several, with request ids.
type lineError struct{ err error }

func (e lineError) Error() string { return strings.Join(strings.Fields(e.err.Error()), " ") }
func (e lineError) Unwrap() error { return e.err }

func oneLine(err error) error { return lineError{err} }
