//go:build !unix

package testutil

import "time"

// CPUTime is not measured here: ok is false.
func CPUTime() (time.Duration, bool) { return 0, false }

// Usage is not measured here: ok is false.
func Usage() (sys time.Duration, faults int64, ok bool) { return 0, 0, false }
