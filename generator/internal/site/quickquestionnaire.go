package site

import (
	"slices"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/questionnaire"
)

// questionnaireEdit returns the questionnaire the watcher named alone, parsed again, and its
// index among the last build's, when a quick build can follow the edit: the file keeps its
// slug, it reported nothing before nor does now, and drafts are built (a hidden draft changes
// what a questionnaire may recommend). ok is false otherwise; nothing is changed.
func (inc *Incremental) questionnaireEdit(rfs *readFS, named map[string]bool) (q *questionnaire.Questionnaire, at int, ok bool) {
	last := inc.last
	b := last.b
	if len(named) != 1 || !inc.opts.Drafts || b.search != nil {
		return nil, 0, false
	}
	var p string
	for p = range named {
	}
	at = slices.IndexFunc(b.questionnaires, func(q *questionnaire.Questionnaire) bool { return q.Path == p })
	if at < 0 || slices.ContainsFunc(last.global, func(d diag.Diagnostic) bool { return d.Path == p }) {
		return nil, 0, false
	}
	built := &questionnaire.Articles{Built: make(map[string]bool, len(b.bySlug)), Drafts: map[string]bool{}}
	for slug := range b.bySlug {
		built.Built[slug] = true
	}
	var diags diag.List
	q = loadQuestionnaire(rfs, p, built, inc.opts.Limits, &diags)
	if q == nil || diags.Len() > 0 || q.Slug != b.questionnaires[at].Slug || q.Lang != "" {
		return nil, 0, false
	}
	return q, at, true
}

// applyQuestionnaire puts q in place of the last build's questionnaire at, and returns the
// jobs of the files that may show the change, by name: its pages (a node's page may be new,
// or gone: gone ones are dropped), its map, the home page, and the pages of the articles it
// recommended or recommends. ok is false when its actions name an article that is not built.
func (inc *Incremental) applyQuestionnaire(q *questionnaire.Questionnaire, at int, sum fingerprint) (consider map[string]job, ok bool) {
	last, b := inc.last, inc.last.b
	var diags diag.List
	saved := b.diags // checkActions reports to b.diags
	b.diags = &diags
	b.checkActions(q)
	b.diags = saved
	if diags.Len() > 0 {
		return nil, false
	}
	old := b.questionnaires[at]
	consider = make(map[string]job)
	before := b.questionnaireJobs(old)
	recommended := b.recommended(old)
	b.questionnaires[at] = q
	b.recommenders = make(map[string][]*questionnaire.Questionnaire)
	for _, q := range b.questionnaires {
		for _, n := range q.Nodes {
			for _, slug := range n.Articles {
				if !slices.Contains(b.recommenders[slug], q) {
					b.recommenders[slug] = append(b.recommenders[slug], q)
				}
			}
		}
	}
	last.in.sums[q.Path] = sum
	jobs := append(b.questionnaireJobs(q), b.homeJob())
	if b.site.Maps {
		jobs = append(jobs, job{name: questionnairePage(q.Slug) + "map.svg", source: q.Path, render: func() ([]byte, error) { return drawMap(q) }})
	}
	for _, slug := range slices.Concat(recommended, b.recommended(q)) {
		if a := b.bySlug[slug]; a != nil {
			jobs = append(jobs, b.articleJob(a))
		}
	}
	for _, j := range jobs {
		consider[j.name] = j
	}
	for _, j := range before {
		if _, ok := consider[j.name]; ok {
			continue
		}
		if prev := inc.cache[j.name]; prev != nil {
			b.forget(prev.log)
			last.unlink(prev.log)
		}
		delete(inc.cache, j.name)
		last.drop(j.name, true)
	}
	return consider, true
}

// recommended returns the slugs of the articles q's nodes recommend.
func (b *builder) recommended(q *questionnaire.Questionnaire) []string {
	var slugs []string
	for _, n := range q.Nodes {
		slugs = append(slugs, n.Articles...)
	}
	return slugs
}
