package main

// skeleton is what "guidepost init" writes: a site that builds as it is.
var skeleton = []struct{ name, data string }{
	{"content/site.yaml", `title: My guidance site
description: Clear, practical guidance, checked by people who know the subject.
language: en
review_after: 12mo
search: true   # a search box on every page; see docs/search.md for its cost on large sites
`},
	{"content/articles/getting-started.md", `---
title: Getting started
description: How this site is written, and where to add your first pages.
reviewed: 2026-01-01
tags: [about]
---

Each article is a markdown file in content/articles/. The lines between the --- marks at
the top are its front matter: a title, a one-sentence description and, optionally, tags,
a review date and sources.

## Linking

Link to another article by its file name, such as [this one](getting-started.md), and to a
questionnaire by its .yaml file: [try the first check](../questionnaires/first-check.yaml).
`},
	{"content/questionnaires/first-check.yaml", `title: A first check
description: A two-question example of a questionnaire.
intro: Answer one question to see how a questionnaire works.
start: ready

nodes:
  ready:
    question: Have you read the getting started article?
    answers:
      - label: "Yes"
        next: done
      - label: Not yet
        next: read-first

  done:
    outcome: You are ready to write
    body: Add articles to content/articles and questions here.

  read-first:
    outcome: Start with the article
    level: caution
    body: It explains how pages and links work.
    articles: [getting-started]

tests:
  - answers: [ready=Yes]
    expect: done
  - answers: [ready=2]
    expect: read-first
`},
}
