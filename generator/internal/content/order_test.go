package content

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestListingOrder checks SortArticles against its definition (weight, then title ignoring
// case, then slug) and CompareArticles against SortArticles, on shuffled lists with ties.
func TestListingOrder(t *testing.T) {
	want := []*Article{
		{Slug: "c", Title: "Zebra", Weight: -2},
		{Slug: "a", Title: "apple", Weight: 0},
		{Slug: "b", Title: "Apple", Weight: 0},
		{Slug: "d", Title: "Banana", Weight: 0},
		{Slug: "e", Title: "banana split", Weight: 0},
		{Slug: "f", Title: "Cherry", Weight: 3},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		list := slices.Clone(want)
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		SortArticles(list)
		if !slices.Equal(list, want) {
			t.Fatalf("SortArticles gave %v, want %v", slugs(list), slugs(want))
		}
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		if slices.SortFunc(list, CompareArticles); !slices.Equal(list, want) {
			t.Fatalf("sorting with CompareArticles gave %v, want %v", slugs(list), slugs(want))
		}
	}
}

func slugs(list []*Article) []string {
	var s []string
	for _, a := range list {
		s = append(s, a.Slug)
	}
	return s
}
