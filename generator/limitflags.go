package main

import (
	"flag"
	"strings"

	"guidepost/generator/internal/limits"
)

// limitFlags adds the flags that change the limits on editors' files to fs, and returns
// what they will set once fs is parsed.
func limitFlags(fs *flag.FlagSet) *limits.Limits {
	l := limits.Limits{}.OrDefault()
	name := func(f string) string { return strings.TrimPrefix(f, "--") }
	fs.Int64Var(&l.FileSize, name(limits.FlagFileSize), l.FileSize, "the largest article, questionnaire or site.yaml, in `bytes`")
	fs.IntVar(&l.Depth, name(limits.FlagDepth), l.Depth, "how deeply front matter, lists and quotes may `nest`")
	fs.IntVar(&l.Links, name(limits.FlagLinks), l.Links, "the most \"[\" (`links`) in one paragraph of markdown")
	return &l
}
