package hashed

import "testing"

func TestName(t *testing.T) {
	for _, tt := range []struct {
		name string
		sum  uint32
		want string
	}{
		{"assets/style.css", 0x1a2b3c4d, "assets/style.1a2b3c4d.css"},
		{"search-index/t3.js", 0xf, "search-index/t3.0000000f.js"},
		{"search-index/d0.js", 0xffffffff, "search-index/d0.ffffffff.js"},
	} {
		if got := Name(tt.name, tt.sum); got != tt.want {
			t.Errorf("Name(%q, %#x) = %q, want %q", tt.name, tt.sum, got, tt.want)
		}
	}
}

func TestSumIsCRC32C(t *testing.T) {
	// The check value of CRC-32C (the sum of "123456789") in the catalogue of CRC parameters.
	if got := Sum([]byte("123456789")); got != 0xe3069283 {
		t.Errorf("Sum(123456789) = %#x, want 0xe3069283", got)
	}
	a, b := []byte("the same shard"), []byte("the same shard.")
	if Sum(a) == Sum(b) {
		t.Errorf("Sum(%q) = Sum(%q)", a, b)
	}
}
