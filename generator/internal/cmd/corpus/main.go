// Command corpus writes a generated corpus of guidance articles for benchmarks: the same
// articles as a guidepost site (OUT/guidepost) and as a Hugo site (OUT/hugo).
//
//	go run ./generator/internal/cmd/corpus -n 10000 -out corpus
//
// Both folders are replaced; corpus refuses to replace a folder it did not write.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"guidepost/generator/internal/corpus"
)

// marker is the file that says corpus wrote a folder, and so may replace it.
const marker = ".guidepost-corpus"

func main() {
	n := flag.Int("n", 10000, "how many articles")
	out := flag.String("out", "corpus", "the `folder` to write guidepost/ and hugo/ into")
	seed := flag.Uint64("seed", corpus.DefaultSeed, "the seed of the generator")
	flag.Parse()
	if err := run(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "corpus: %v\n", err)
		os.Exit(1)
	}
}

func run(out string, n int, seed uint64) error {
	for _, w := range []struct {
		dir   string
		write func(string, int, uint64) error
	}{
		{filepath.Join(out, "guidepost"), corpus.Write},
		{filepath.Join(out, "hugo"), corpus.WriteHugo},
	} {
		if err := clear(w.dir); err != nil {
			return err
		}
		if err := w.write(w.dir, n, seed); err != nil {
			return fmt.Errorf("writing %s: %w", w.dir, err)
		}
		if err := os.WriteFile(filepath.Join(w.dir, marker), nil, 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %d articles into %s\n", n, w.dir)
	}
	return nil
}

// clear removes dir when corpus wrote it; a missing dir is fine.
func clear(dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
		return fmt.Errorf("%s exists and was not written by corpus: remove it or choose another -out", dir)
	}
	return os.RemoveAll(dir)
}
