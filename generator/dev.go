package main

import (
	"context"
	"fmt"
)

func (m *Main) dev(ctx context.Context, args []string) error {
	fmt.Fprintln(m.Stderr, "guidepost: dev is not built yet")
	return &UsageError{"dev is not available"}
}
