package layered

import (
	"maps"
	"math/rand/v2"
	"testing"
)

// TestDerive checks a Map against plain maps over random sets, deletes and derivations:
// each version keeps what it had, whatever its derived versions do.
func TestDerive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	type version struct {
		m    *Map[int, int]
		want map[int]int
	}
	start := map[int]int{}
	for i := range 200 {
		start[i] = i
	}
	versions := []version{{New(maps.Clone(start)), start}}
	for step := range 400 {
		from := versions[r.IntN(len(versions))]
		v := version{from.m.Derive(), maps.Clone(from.want)}
		for range r.IntN(40) {
			k := r.IntN(300)
			if r.IntN(4) == 0 {
				v.m.Delete(k)
				delete(v.want, k)
			} else {
				v.m.Set(k, step)
				v.want[k] = step
			}
		}
		versions = append(versions, v)
		for i, x := range versions {
			if got := maps.Collect(x.m.All()); !maps.Equal(got, x.want) || x.m.Len() != len(x.want) {
				t.Fatalf("step %d: version %d has %d keys (Len %d), want %d", step, i, len(got), x.m.Len(), len(x.want))
			}
			for k := range 300 {
				got, ok := x.m.Get(k)
				want, wok := x.want[k]
				if got != want || ok != wok {
					t.Fatalf("step %d: version %d: Get(%d) = %d, %v; want %d, %v", step, i, k, got, ok, want, wok)
				}
			}
		}
		if len(versions) > 30 {
			versions = versions[1:]
		}
	}
}
