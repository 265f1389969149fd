package site

import (
	"io/fs"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/questionnaire"
)

// Questionnaires loads the site's content and returns its questionnaires, parsed and
// checked as a build checks them, in the order of their files, with every problem found
// on the way (the articles' too).
func Questionnaires(fsys fs.FS, opts Options) ([]*questionnaire.Questionnaire, *diag.List) {
	diags := &diag.List{}
	c := content.Load(fsys, content.Options{Drafts: opts.Drafts, Now: opts.Now, NoBodies: true, Limits: opts.Limits}, diags)
	return loadQuestionnaires(fsys, c, opts.Limits, diags), diags
}
