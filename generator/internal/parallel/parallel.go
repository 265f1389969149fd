// Package parallel runs independent steps on every processor: loading articles and
// rendering pages are both n steps that share nothing but their output.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Do calls fn(0) ... fn(n-1), each once, on as many goroutines as there are processors, and
// returns when all have returned. Steps are taken in order but may end in any order.
func Do(n int, fn func(i int)) { DoOn(runtime.GOMAXPROCS(0), n, fn) }

// DoOn is Do on at most workers goroutines.
func DoOn(workers, n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}
