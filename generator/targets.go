package main

import (
	"fmt"

	"guidepost/generator/internal/site"
)

// usageError prints msg and the usage line of the command cmd, and returns a UsageError.
func (m *Main) usageError(cmd, args, msg string) error {
	fmt.Fprintf(m.Stderr, "guidepost: %s\nUsage: guidepost %s %s   (\"guidepost %s -h\" lists its flags)\n", msg, cmd, args, cmd)
	return &UsageError{msg}
}

// checkTargets refuses, as a mistake on the command line, a build output that would
// overwrite the site, its sources, or files guidepost did not write (see site.CheckTarget).
// out is checked only when the folder is written: given with outSet, or without --zip and
// --single-file.
func (m *Main) checkTargets(out string, outSet bool, zipFile, single string) error {
	type target struct {
		flag, name string
		kind       site.TargetKind
	}
	var list []target
	if single != "" {
		list = append(list, target{"--single-file", single, site.TargetHTML})
	} else if outSet || zipFile == "" {
		list = append(list, target{"--out", out, site.TargetFolder})
	}
	if zipFile != "" {
		list = append(list, target{"--zip", zipFile, site.TargetZip})
	}
	for _, t := range list {
		if t.name == "" {
			return m.usageError("build", "[flags]", t.flag+" needs a name")
		}
		if err := site.CheckTarget(m.Dir, m.path(t.name), t.kind, t.flag); err != nil {
			return m.usageError("build", "[flags]", err.Error())
		}
	}
	return nil
}
