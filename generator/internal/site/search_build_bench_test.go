package site_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// BenchmarkBuildSearch builds the generated corpus as BenchmarkBuild/out=discard does, with
// search off and on, so that what search costs a cold build is the ratio of the two. It also
// reports the processor time of a build (cpu-s/op, user and kernel), which a machine busy
// with other work changes less than the wall time, and of that the kernel's (sys-s/op) and
// the page faults (faults/op), the part of it that is growing the process's memory:
//
//	go test -run XXX -bench 'BuildSearch/articles=10000' -benchmem ./generator/internal/site
func BenchmarkBuildSearch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			off := corpus.WithSearch(b, corpus.TempDir(b, n), false)
			on := corpus.WithSearch(b, corpus.TempDir(b, n), true)
			for _, c := range []struct {
				name string
				dir  string
			}{{"search=off", off}, {"search=on", on}} {
				b.Run(c.name, func(b *testing.B) {
					fsys := os.DirFS(c.dir)
					opts := site.Options{Theme: templates.FS, Minify: publish.Minify()}
					start, ok := testutil.CPUTime()
					sys, faults, _ := testutil.Usage()
					for b.Loop() {
						checkBench(b, site.Build(context.Background(), fsys, opts, site.Discard{}), n)
					}
					if end, _ := testutil.CPUTime(); ok {
						b.ReportMetric((end-start).Seconds()/float64(b.N), "cpu-s/op")
					}
					if endSys, endFaults, ok := testutil.Usage(); ok {
						b.ReportMetric((endSys-sys).Seconds()/float64(b.N), "sys-s/op")
						b.ReportMetric(float64(endFaults-faults)/float64(b.N), "faults/op")
					}
				})
			}
		})
	}
}
