//go:build !linux

package site

// exchange puts the folder tmp in place of the folder target: outside Linux, by two
// renames (see Dir). It returns where the previous target is now.
func exchange(tmp, target string) (old string, err error) {
	return renameTwice(tmp, target)
}
