//go:build unix

package testutil

import (
	"syscall"
	"time"
)

// CPUTime returns the processor time this process has used so far, in user and kernel mode,
// for benchmarks on a machine busy with other work, where it varies less than wall time.
func CPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// Usage returns what this process has used so far: processor time in kernel mode, and minor
// page faults (pages of memory the kernel handed it, each costing kernel time), which say how
// much of a benchmark's processor time is growing its memory.
func Usage() (sys time.Duration, faults int64, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, false
	}
	return time.Duration(ru.Stime.Nano()), ru.Minflt, true
}
