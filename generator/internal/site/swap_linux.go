package site

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange puts the folder tmp in place of the folder target in one step, so that target
// never goes missing, and returns where the previous target is now (tmp). A file system
// that cannot exchange (EINVAL, or a kernel without renameat2) gets renameTwice.
func exchange(tmp, target string) (old string, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, target, unix.RENAME_EXCHANGE)
	if err == nil {
		return tmp, nil
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) {
		return renameTwice(tmp, target)
	}
	return "", err
}
