// Package layered provides Map, a map that a new version is derived from without copying it
// and without changing it: what the new version sets or deletes goes to a small layer of its
// own over the map it came from, which it shares and only reads. A dev rebuild derives each
// build's state from the last build's so, at the cost of the few entries it changes rather
// than of the whole site, and the last build stays whole should the new one fail.
//
// A Map is two maps: below, shared by every version derived from it and never changed once
// shared, and over, the version's own changes. Deriving copies over; when over grows to a
// fair part of below, the derived version gets a new below holding every entry, so that
// lookups stay two at most and the copies stay small. A Map is not safe for use by several
// goroutines at once, but for Get from many when none writes.
package layered

import "iter"

// A Map maps keys to values; the zero Map is not usable: see New.
type Map[K comparable, V any] struct {
	below map[K]V
	over  map[K]entry[V]
	n     int
}

type entry[V any] struct {
	v    V
	gone bool // deleted
}

// New returns a Map holding m, which the caller gives up: it must not change m after this.
func New[K comparable, V any](m map[K]V) *Map[K, V] {
	if m == nil {
		m = make(map[K]V)
	}
	return &Map[K, V]{below: m, n: len(m)}
}

// Derive returns a new version of m, equal to it. Setting or deleting in either one leaves
// the other as it is.
func (m *Map[K, V]) Derive() *Map[K, V] {
	if len(m.over) > 64+len(m.below)/8 {
		flat := make(map[K]V, m.n)
		for k, v := range m.All() {
			flat[k] = v
		}
		return New(flat)
	}
	d := &Map[K, V]{below: m.below, n: m.n, over: make(map[K]entry[V], len(m.over)+8)}
	for k, e := range m.over {
		d.over[k] = e
	}
	return d
}

// Get returns the value of k, and whether m has k.
func (m *Map[K, V]) Get(k K) (V, bool) {
	if e, ok := m.over[k]; ok {
		return e.v, !e.gone
	}
	v, ok := m.below[k]
	return v, ok
}

// Value returns the value of k, the zero value when m does not have it.
func (m *Map[K, V]) Value(k K) V {
	v, _ := m.Get(k)
	return v
}

// Set sets the value of k.
func (m *Map[K, V]) Set(k K, v V) {
	if _, ok := m.Get(k); !ok {
		m.n++
	}
	if m.over == nil {
		m.over = make(map[K]entry[V])
	}
	m.over[k] = entry[V]{v: v}
}

// Delete removes k.
func (m *Map[K, V]) Delete(k K) {
	if _, ok := m.Get(k); !ok {
		return
	}
	m.n--
	if m.over == nil {
		m.over = make(map[K]entry[V])
	}
	m.over[k] = entry[V]{gone: true}
}

// Len returns the number of keys.
func (m *Map[K, V]) Len() int { return m.n }

// All returns every key with its value, each once, in no order.
func (m *Map[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for k, e := range m.over {
			if !e.gone && !yield(k, e.v) {
				return
			}
		}
		for k, v := range m.below {
			if _, ok := m.over[k]; ok {
				continue
			}
			if !yield(k, v) {
				return
			}
		}
	}
}
