package main

import (
	"context"

	"guidepost/generator/internal/site"
)

// untilDone runs build and returns its result, or ctx's error as soon as ctx is done (Ctrl-C,
// SIGTERM) without waiting for build to return: a goroutine may be deep in one large file,
// and the process ends right after. The caller must make sure that nothing build still
// writes lands anywhere (site.Dir.Abort refuses later writes).
func untilDone(ctx context.Context, build func() site.Result) (site.Result, error) {
	done := make(chan site.Result, 1)
	go func() { done <- build() }()
	select {
	case res := <-done:
		if err := ctx.Err(); err != nil {
			return res, err
		}
		return res, nil
	case <-ctx.Done():
		return site.Result{}, ctx.Err()
	}
}
