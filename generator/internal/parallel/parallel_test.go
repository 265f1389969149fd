package parallel

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestDoCallsEachStepOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		Do(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: step %d ran %d times", n, i, c)
			}
		}
	}
}

// TestDoOnKeepsToItsWorkers: no more steps run at once than DoOn is given workers, and each
// runs once.
func TestDoOnKeepsToItsWorkers(t *testing.T) {
	for _, workers := range []int{1, 2, 3} {
		var running, most atomic.Int32
		calls := make([]atomic.Int32, 50)
		DoOn(workers, len(calls), func(i int) {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(time.Millisecond) // the others may start meanwhile
			calls[i].Add(1)
			running.Add(-1)
		})
		if m := most.Load(); m > int32(workers) {
			t.Errorf("workers=%d: %d steps ran at once", workers, m)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("workers=%d: step %d ran %d times", workers, i, c)
			}
		}
	}
}
