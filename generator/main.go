// Command guidepost builds a static guidance site from markdown articles and decision-tree
// questionnaires. Run "guidepost help" for its commands.
//
// This file only wires the process to Main: signals, arguments, the exit code. Everything
// else is in Main.Run, which tests call directly.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Dir: "."}
	err := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(ExitCode(err))
}
