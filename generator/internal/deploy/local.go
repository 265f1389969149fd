package deploy

import (
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"guidepost/generator/internal/parallel"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
)

// A file is one object to be: where its bytes are in the folder, and what they are.
type file struct {
	key             string // the object's key: the file's slash path from the folder's root
	src             string // the file whose bytes are uploaded: key, or its .gz copy
	size            int64
	md5             []byte
	contentType     string
	cacheControl    string
	contentEncoding string
	hashed          bool // named by a hash of its content
}

// readFolder returns the files of the build in dir, by key, with their MD5s.
func readFolder(dir fs.FS, precompressed bool) (map[string]*file, error) {
	headers, err := fs.ReadFile(dir, publish.HeadersFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("the folder has no %s, so it is not the output of guidepost build (an --offline build has none): build it first, or use --build", publish.HeadersFile)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", publish.HeadersFile, err)
	}
	present := make(map[string]bool)
	var names []string
	err = fs.WalkDir(dir, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			present[p] = true
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the folder: %w", err)
	}

	hashed := make(map[string]bool)
	for _, h := range publish.HashedFiles(headers, names) {
		hashed[h] = true
	}
	files := make(map[string]*file)
	var list []*file
	gz := 0
	for _, p := range names {
		if p == publish.HeadersFile || p == site.MarkerFile || isCopy(p, present) {
			continue
		}
		f := &file{
			key: p, src: p, hashed: hashed[p],
			contentType:  publish.ContentType(p),
			cacheControl: publish.CacheControl(hashed[p]),
		}
		if precompressed && present[p+".gz"] {
			f.src, f.contentEncoding = p+".gz", "gzip"
			gz++
		}
		files[p] = f
		list = append(list, f)
	}
	if precompressed && gz == 0 {
		return nil, errors.New("--precompressed, but the folder has no .gz copies: build it with --precompress")
	}

	errs := make([]error, len(list))
	parallel.Do(len(list), func(i int) {
		list[i].size, list[i].md5, errs[i] = sum(dir, list[i].src)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// isCopy says whether p is the gzip or brotli copy of another file of the folder, which
// build --precompress writes beside the files it compresses.
func isCopy(p string, present map[string]bool) bool {
	ext := path.Ext(p)
	return (ext == ".gz" || ext == ".br") && present[strings.TrimSuffix(p, ext)]
}

// sum returns the size and MD5 of the file name of dir.
func sum(dir fs.FS, name string) (int64, []byte, error) {
	f, err := dir.Open(name)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	h := md5.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, nil, fmt.Errorf("read %s: %w", name, err)
	}
	return n, h.Sum(nil), nil
}
