package corpus

// The vocabulary articles are made of. Headings are plain words so that goldmark and Hugo
// give them the same ids.

var activities = []string{
	"Walking", "Swimming", "Cycling", "Running", "Yoga", "Pilates", "Gardening",
	"Lifting weights", "Stretching", "Dancing", "Climbing stairs", "Desk work",
	"Carrying shopping", "Housework", "Driving", "Rowing", "Hiking", "Tai chi",
}

var conditions = []string{
	"a sore back", "a stiff neck", "knee pain", "shoulder pain", "hip pain", "sciatica",
	"a sprained ankle", "tennis elbow", "wrist pain", "morning stiffness", "a pulled muscle",
	"arthritis", "heel pain", "a slipped disc",
}

var variants = []string{
	"", "", "", "at home", "at work", "for beginners", "in later life", "after an injury",
	"in cold weather", "on a busy day", "while travelling", "after surgery",
}

var descriptions = []string{
	"How to keep moving safely while your body recovers, and when to stop and ask for help.",
	"Simple changes that let you stay active on a bad day without making things worse.",
	"What to try first, what to avoid, and the signs that mean you should see a doctor.",
	"A practical plan for easing back into activity after a flare-up of pain.",
	"Why gentle movement usually helps more than rest, and how to start small.",
	"Everyday advice for staying active, sleeping better and getting back to normal.",
	"Clear steps for adapting your routine so that pain does not take over your week.",
	"What the evidence says, and how to turn it into a routine that fits your life.",
}

var tags = []string{
	"exercise", "walking", "swimming", "cycling", "yoga", "strength", "stretching", "rest",
	"pain-relief", "posture", "sleep", "work", "older-adults", "sport", "recovery", "red-flags",
}

var headings = []string{
	"Why it helps", "Before you start", "How to begin", "When to stop", "What the research says",
	"Adapting it to a bad day", "Making it a habit", "Common mistakes", "Warning signs",
	"Questions people ask", "What to wear", "How much is enough", "Getting back to normal",
	"Looking after yourself at night", "Working with your doctor", "A week at a time",
	"Keeping track of progress", "Help from other people",
}

var sentences = []string{
	"Most people with this kind of pain feel better within a few weeks, even without treatment.",
	"Gentle movement keeps the joints supple and the muscles around them strong enough to help.",
	"Start with less than you think you can manage, and add a little more every few days.",
	"If the pain spreads down a leg or an arm, stop and make an appointment with your doctor.",
	"A short walk after each meal is easier to keep up than one long session at the weekend.",
	"Pain on the day after exercise is common and usually fades once your body gets used to it.",
	"Warm muscles stretch more easily, so a few minutes of easy movement first makes a difference.",
	"Keep a simple diary of what you did and how you felt, and look back at it every week.",
	"Lying in bed for days tends to make stiffness worse and slows down your recovery.",
	"Heat from a warm bath or a wrapped hot water bottle can ease tight muscles before you move.",
	"Over-the-counter painkillers may help you stay active, but read the leaflet and follow the dose.",
	"Your posture matters less than how often you change position during the day.",
	"A good night's sleep gives your body the time it needs to repair itself after activity.",
	"Ask a pharmacist for advice if you are not sure which medicines are safe to combine.",
	"People who stay a little active while they recover tend to return to work sooner.",
	"Choose an activity you enjoy, because you are far more likely to keep doing it.",
	"Breathe steadily through each movement rather than holding your breath when it gets hard.",
	"Supportive shoes with a cushioned sole take some of the jolt out of every step.",
	"If you sit for work, stand up and move around for a minute or two every half hour.",
	"Building strength slowly over several months protects you against the pain coming back.",
	"Fever, weight loss without trying or numbness around the groin need urgent medical advice.",
	"Talk to a physiotherapist if the pain has not improved after six weeks of self-care.",
	"Friends and family can help by joining you for a walk or a swim on the harder days.",
	"It is normal to have good days and bad days, so judge your progress over a few weeks.",
	"Set yourself small goals, such as walking to the end of the road and back without stopping.",
	"Cold packs wrapped in a towel can calm a fresh injury in the first day or two.",
	"A few simple stretches before bed can make it easier to get up the next morning.",
	"Lifting with bent knees and the load held close to your body puts less strain on your back.",
	"Being anxious about pain is understandable, yet worry on its own can make the pain feel worse.",
	"Check with your doctor before you start if you have a heart condition or high blood pressure.",
	"Swapping a hard session for an easy one is a sensible choice, not a sign of weakness.",
	"Drinking enough water and eating regular meals keeps your energy steady through the day.",
}

var linkSentences = []string{
	"There is more about this in %s.",
	"Read %s if you want to go further.",
	"Some readers also find %s useful.",
	"For a different approach, see %s.",
}

var listItems = []string{
	"wear comfortable clothes that let you move freely",
	"keep a bottle of water close by",
	"warm up for five minutes at an easy pace",
	"stop if the pain becomes sharp or spreads",
	"take short breaks whenever you need them",
	"cool down slowly instead of stopping suddenly",
	"choose flat and even ground at first",
	"go at a pace at which you can still talk",
	"note how you feel the next morning",
	"increase the time before you increase the effort",
	"ask someone to come with you the first few times",
	"plan a rest day after a harder session",
	"use a chair or a wall for balance if you need it",
	"put your phone away so that you can pay attention to your body",
}

var often = []string{"daily", "twice a week", "three times a week", "most days", "weekly"}

var effort = []string{"easy", "light", "moderate", "steady"}

var sources = []string{
	"Hartley J, Moreno P. Staying active with musculoskeletal pain: a review of trials. *Journal of Everyday Health*. 2019.",
	"Okafor N, Lind S. Walking programmes for adults with persistent pain. *Rehabilitation Notes*. 2021.",
	"Brennan T, Ito K. Rest or movement after an acute injury? A systematic review. *Clinical Practice Today*. 2018.",
	"Silva R, Novak D. Sleep and recovery from soft tissue pain. *Sleep and Health*. 2020.",
	"Mensah A, Clarke E. Strength training in later life: benefits and risks. *Ageing Well*. 2022.",
}

const siteYAML = `title: Moving well with pain
description: Generated guidance articles for measuring how guidepost scales to large sites.
base_url: https://example.org/
language: en
`

// questionnaireYAML recommends three articles, filled in by slug.
const questionnaireYAML = `title: Is it safe to be active today?
description: A short check that says whether to see a doctor first or to carry on gently.
intro: |
  Answer one question about how you feel today.
start: warning-signs
disclaimer: |
  This is general guidance, not a diagnosis.

nodes:
  warning-signs:
    question: Do any of these apply to you?
    kind: checklist
    items:
      - You have a fever
      - You had a fall or an accident recently
      - You have numbness that will not go away
    any: see-a-doctor
    none: carry-on

  see-a-doctor:
    outcome: See a doctor before you exercise
    level: urgent
    body: |
      Some symptoms need a doctor's opinion before you go on.
    articles: [%s]

  carry-on:
    outcome: Carry on gently
    body: |
      Keep moving at an easy pace and build up slowly.
    articles: [%s, %s]

tests:
  - answers: [warning-signs=yes]
    expect: see-a-doctor
  - answers: [warning-signs=no]
    expect: carry-on
`

// hugoFiles are the Hugo site's configuration and layouts: the least that renders the pages
// guidepost renders, with the same markdown features.
var hugoFiles = map[string]string{
	"config.toml": `baseURL = "https://example.org/"
languageCode = "en"
title = "Moving well with pain"
disableKinds = ["RSS", "taxonomy", "section"]
ignoreErrors = ["error-disable-taxonomy"]
enableRobotsTXT = true

[taxonomies]
tag = "tags"

[markup.goldmark.renderer]
unsafe = false
`,
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p><a href="{{ "" | relURL }}">Home</a></p></footer>
</body>
</html>
`,
	"layouts/_default/single.html": `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="lede">{{ .Description }}</p>
{{ .Content }}
{{ with .Params.sources }}
<section><h2>Sources</h2>
<ol>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ol>
</section>
{{ end }}
{{ with .Params.reviewed }}<p>Page last reviewed: {{ . }}</p>{{ end }}
</article>
{{ with .GetTerms "tags" }}
<nav aria-label="Topics"><h2>Topics</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</nav>
{{ end }}
{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ range $pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>
{{ end }}
</ul>
{{ end }}
`,
	"layouts/404.html": `{{ define "main" }}<h1>Page not found</h1><p><a href="{{ "" | relURL }}">Home</a></p>{{ end }}
`,
	"static/style.css": `body { font-family: sans-serif; max-width: 40rem; margin: 0 auto; }
`,
}
