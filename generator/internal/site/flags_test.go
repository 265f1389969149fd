package site

import "flag"

// update rewrites the golden files under testdata/ instead of comparing with them:
// go test ./generator/internal/site -update
var update = flag.Bool("update", false, "rewrite golden files in testdata/")
