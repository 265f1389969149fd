/* guidepost: runs the questionnaire of the page in place, one question at a time.
 *
 * The tree is the JSON of <script id="questionnaire-data">; the questions replace the content of #questionnaire.
 * The answers given are kept in the URL fragment, so that the browser's back button,
 * reloading and sharing the link all show the same step:
 *
 *   #warning-signs=no/pain-today=2/worse-with-exercise=3
 *
 * Each part is node-id=answer, in the order of the path from the start. A choice's answer is
 * the 1-based position of the answer picked; a checklist's is the positions of the items
 * ticked, joined by commas ("1,3"), or "no" when the reader chose "None of these" (a shared
 * link may also say "yes").
 *
 * Where an answer leads may depend on earlier answers (format 2): the generator compiles the
 * rules and the sections' conditions into JSON arrays (see package questionnaire, compile.go)
 * and holds() below interprets them, with the same meaning as the generator's own Holds, so
 * that the in-place flow and the static pages take the same routes. No eval: the page's
 * Content Security Policy forbids it.
 * The first part that does not follow the path, and everything after it, is dropped, so a
 * broken or outdated link shows the furthest step it still leads to (at worst the first
 * question, whose fragment is "#start"). No fragment is the start page: the title, the
 * introduction and the Start button.
 *
 * Each step follows the GOV.UK question-page pattern: a back link, the progress ("Question 2
 * of up to 5"), then a fieldset whose legend holds the questionnaire's title as a caption
 * and the question as the page's h1; continuing without an answer shows an error summary
 * ("There is a problem") that takes focus and links to the first answer. An outcome is an
 * NHS-style care card whose title is the h1, then the answers given with Change links.
 * Every reader-facing string comes from the page (the tree's "messages"), in its language.
 *
 * A classic script with no dependency: it runs from file:// and under a Content Security
 * Policy of script-src 'self'. Without it the page links to the static pages of the nodes.
 */
(function () {
  'use strict';
  var root = document.getElementById('questionnaire');
  var data = document.getElementById('questionnaire-data');
  if (!root || !data || !window.history || !history.pushState) return;
  var tree;
  try {
    tree = JSON.parse(data.textContent);
  } catch (e) {
    return; // the static flow stays
  }
  var nodes = tree.nodes;
  if (!nodes || !nodes[tree.start]) return;

  // The words the reader sees come from the page, in its language: the generator writes the
  // site's catalogue of them into the tree's "messages" (package i18n), as it writes them into
  // the static pages, so that the script holds no words of its own.
  var M = tree.messages;
  if (!M) return; // the static flow stays
  function fill(text, vars) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? String(vars[k]) : m; });
  }
  var TEXT = {
    start: M['questionnaire.start'],
    back: M['questionnaire.back'],
    continue: M['questionnaire.continue'],
    startAgain: M['questionnaire.restart'],
    print: M['questionnaire.print'],
    question: function (n) { return fill(M['questionnaire.question'], { n: n }); },
    progress: function (n, upTo) { return fill(M['questionnaire.progress'], { n: n, total: upTo }); },
    problem: M['questionnaire.problem'],
    errorPrefix: M['questionnaire.error'] + ' ',
    selectAll: M['questionnaire.select_all'],
    noneOfThese: M['questionnaire.none'],
    or: M['questionnaire.or'],
    atLeastOne: M['questionnaire.at_least_one'],
    readMore: M['questionnaire.read_more'],
    yourAnswers: M['questionnaire.answers'],
    change: M['questionnaire.change'],
    changeHidden: function (q) { return ' ' + fill(M['questionnaire.change_what'], { question: q }); },
    printed: function (date) { return fill(M['questionnaire.printed'], { date: date }); },
    // Each level's icon (a symbol, not a word) and its words.
    levels: { info: ['i', M['level.info']], caution: ['\u25B2', M['level.caution']], urgent: ['!', M['level.urgent']], emergency: ['!', M['level.emergency']] }
  };
  var levels = TEXT.levels;
  var startView = document.getElementById('questionnaire-start');
  var startButton = root.firstElementChild; // the Start button, shown again on the start page
  var pageTitle = document.title;
  var address = document.getElementById('print-address');
  var addressText = address ? address.textContent : '';
  var status = el('p', { 'class': 'visually-hidden', role: 'status' });
  root.parentNode.insertBefore(status, root);
  var memory = []; // the steps of the longest path seen, so that going back keeps later answers
  var shown = null; // the fragment on screen

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (c) {
      if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  // markup makes an element whose content is HTML that the generator rendered from markdown.
  function markup(tag, cls, html) {
    var e = el(tag, { 'class': cls });
    e.innerHTML = html;
    return e;
  }

  function hidden(text) {
    return el('span', { 'class': 'visually-hidden' }, [text]);
  }

  // answer returns the answer written as tok to node n, in its canonical form, or null.
  function answer(n, tok) {
    var max = n.kind === 'choice' ? n.answers.length : n.items.length;
    var seen = [];
    if (n.kind === 'checklist' && (tok === 'yes' || tok === 'no')) return tok;
    var parts = tok.split(',');
    if (n.kind === 'choice' && parts.length !== 1) return null;
    for (var i = 0; i < parts.length; i++) {
      if (!/^[1-9][0-9]*$/.test(parts[i]) || +parts[i] > max) return null;
      if (seen.indexOf(+parts[i]) < 0) seen.push(+parts[i]);
    }
    return seen.sort(function (a, b) { return a - b; }).join(',');
  }

  // value gives the answer tok to node n as conditions read it: a choice's answer id; for a
  // checklist "yes" or "no", or with each: true the ticked items' ids joined by "+", or "none".
  function value(n, tok) {
    if (n.kind === 'choice') return n.answers[tok - 1].id;
    if (tok === 'no') return n.each ? 'none' : 'no';
    if (tok === 'yes' || !n.each) return 'yes';
    return tok.split(',').map(function (i) { return n.itemIds[i - 1]; }).join('+');
  }

  function anyTicked(v) {
    return v !== 'no' && v !== 'none';
  }

  // holds interprets a compiled condition c for the answers given so far.
  function holds(c, said) {
    if (c[0] === 'not') return !holds(c[1], said);
    if (c[0] === 'and') return holds(c[1], said) && holds(c[2], said);
    if (c[0] === 'or') return holds(c[1], said) || holds(c[2], said);
    var v = said[c[1]];
    if (v === undefined) return false;
    if (c[0] === 'has') return v.split('+').indexOf(c[2][0]) >= 0;
    var checklist = nodes[c[1]].kind === 'checklist';
    var is = function (want) { return checklist ? anyTicked(v) === (want === 'yes') : v === want; };
    return c[0] === '!=' ? !is(c[2][0]) : c[2].some(is);
  }

  // target returns the node a plain id or the first rule that holds leads to.
  function target(id, rules, said) {
    if (!rules) return id;
    for (var i = 0; i < rules.length; i++) {
      if (rules[i][0] === null || holds(rules[i][0], said)) return rules[i][1];
    }
    return null;
  }

  function next(n, tok, said) {
    if (n.kind === 'choice') return target(n.answers[tok - 1].next, n.answers[tok - 1].rules, said);
    return tok === 'no' ? target(n.none, n.noneRules, said) : target(n.any, n.anyRules, said);
  }

  // walk follows the steps from the start: the answers they give, and the node they reach.
  function walk(steps) {
    var said = {};
    var id = tree.start;
    steps.forEach(function (s) {
      said[s.id] = value(nodes[s.id], s.tok);
      id = next(nodes[s.id], s.tok, said);
    });
    return { said: said, id: id };
  }

  // parse reads the steps of a fragment, as far as they follow the tree.
  function parse(frag) {
    var steps = [];
    var said = {};
    var id = tree.start;
    var parts = frag ? frag.split('/') : [];
    for (var i = 0; i < parts.length; i++) {
      var n = nodes[id];
      var eq = parts[i].indexOf('=');
      if (!n || n.kind === 'outcome' || eq < 0 || parts[i].slice(0, eq) !== id) break;
      var tok = answer(n, parts[i].slice(eq + 1));
      if (tok === null) break;
      steps.push({ id: id, tok: tok });
      said[id] = value(n, tok);
      id = next(n, tok, said);
    }
    return steps;
  }

  function format(steps) {
    return steps.map(function (s) { return s.id + '=' + s.tok; }).join('/') || 'start';
  }

  function url(frag) {
    return frag ? '#' + frag : location.pathname + location.search;
  }

  function fragment() {
    var h = location.hash.slice(1);
    try {
      return decodeURIComponent(h);
    } catch (e) {
      return h;
    }
  }

  // go shows the step the steps lead to, as a new entry of the browser's history.
  function go(steps) {
    var frag = format(steps);
    try {
      history.pushState({ back: shown }, '', url(frag));
    } catch (e) {
      location.hash = frag; // where the history API refuses (some browsers from file://)
      return; // hashchange shows it
    }
    show(true);
  }

  // back goes to the step before steps' last, or from the first question to the start page.
  function back(steps) {
    var before = steps.length ? format(steps.slice(0, -1)) : '';
    if (history.state && history.state.back === before) history.back();
    else if (steps.length) go(steps.slice(0, -1));
    else home();
  }

  // home shows the start page, as a new entry of the browser's history.
  function home() {
    try {
      history.pushState({ back: shown }, '', url(''));
    } catch (e) {
      location.hash = '';
      return;
    }
    show(true);
  }

  function backLink(steps, href) {
    var a = el('a', { 'class': 'back-link', href: href }, [TEXT.back]);
    a.addEventListener('click', function (e) {
      e.preventDefault();
      back(steps);
    });
    return a;
  }

  function restart() {
    memory = [];
    go([]);
  }

  function prefixOf(a, b) {
    if (a.length > b.length) return false;
    for (var i = 0; i < a.length; i++) {
      if (a[i].id !== b[i].id || a[i].tok !== b[i].tok) return false;
    }
    return true;
  }

  // show renders the step of the URL's fragment; focus moves to it when asked.
  function show(focus) {
    var frag = fragment();
    var steps = parse(frag);
    var canon = frag ? format(steps) : '';
    if (canon !== frag) history.replaceState(history.state, '', url(canon));
    if (canon === shown) return;
    shown = canon;
    if (canon === '') {
      root.textContent = '';
      root.appendChild(startButton);
      startView.hidden = false;
      document.title = pageTitle;
      if (address) address.textContent = addressText;
      if (focus) {
        startView.querySelector('h1').setAttribute('tabindex', '-1');
        startView.querySelector('h1').focus();
        status.textContent = pageTitle;
      }
      return;
    }
    if (!prefixOf(steps, memory)) memory = steps.slice();

    var at = walk(steps);
    var id = at.id;
    var n = nodes[id];
    var view = n.kind === 'outcome' ? outcome(steps, n, at.said) : question(steps, id, n);
    view.node.setAttribute('data-node', id);
    root.textContent = '';
    root.appendChild(view.node);
    startView.hidden = true;
    document.title = view.title + ' \u2013 ' + pageTitle;
    if (address) address.textContent = view.title + ', ' + location.href + '. ' + TEXT.printed(today());
    if (focus) {
      view.focus.focus();
      status.textContent = view.say;
    }
  }

  function today() {
    try {
      return new Date().toLocaleDateString(document.documentElement.lang || undefined, { day: 'numeric', month: 'long', year: 'numeric' });
    } catch (e) {
      return new Date().toDateString();
    }
  }

  function controls(steps, first) {
    var box = el('div', { 'class': 'questionnaire-controls' }, [first]);
    if (steps.length) {
      var r = el('button', { type: 'button', 'class': 'questionnaire-link' }, [TEXT.startAgain]);
      r.addEventListener('click', restart);
      box.appendChild(r);
    }
    return box;
  }

  function question(steps, id, n) {
    var choice = n.kind === 'choice';
    var kept = memory[steps.length];
    var ticked = kept && kept.id === id ? kept.tok.split(',') : [];
    var number = steps.length + 1;
    var legend = el('legend', { 'class': 'questionnaire-legend', tabindex: '-1' }, [
      el('span', { 'class': 'questionnaire-caption' }, [tree.title]),
      el('h1', {}, [n.question])
    ]);
    var fieldset = el('fieldset', {}, [legend]);
    var described = [];
    if (n.help) {
      fieldset.appendChild(markup('div', 'hint questionnaire-help', n.help)).id = 'questionnaire-help';
      described.push('questionnaire-help');
    }
    var noneText = n.noneLabel || TEXT.noneOfThese;
    if (!choice) {
      fieldset.appendChild(el('p', { 'class': 'hint', id: 'questionnaire-how' }, [TEXT.selectAll]));
      described.push('questionnaire-how');
    }
    if (described.length) fieldset.setAttribute('aria-describedby', described.join(' '));
    var error = el('p', { 'class': 'error-message', id: 'questionnaire-error', hidden: '' }, [hidden(TEXT.errorPrefix), n.error]);
    fieldset.appendChild(error);

    var options = el('div', { 'class': 'questionnaire-options' });
    (choice ? n.answers : n.items).forEach(function (a, i) {
      var v = String(i + 1);
      var oid = 'questionnaire-option-' + v;
      var hint = choice && a.hint ? oid + '-hint' : null;
      var input = el('input', {
        type: choice ? 'radio' : 'checkbox', name: 'answer', id: oid, value: v, 'aria-describedby': hint,
        'data-id': choice ? a.id : n.itemIds[i]
      });
      input.checked = ticked.indexOf(v) >= 0;
      options.appendChild(el('div', { 'class': 'questionnaire-option' }, [
        input,
        el('label', { 'for': oid }, [choice ? a.label : a]),
        hint && el('p', { 'class': 'hint', id: hint }, [a.hint])
      ]));
    });
    if (!choice) {
      // The exclusive last option: ticking it clears the items, ticking an item clears it.
      var none = el('input', { type: 'checkbox', name: 'answer', id: 'questionnaire-option-none', value: 'no', 'data-id': 'none', 'data-behaviour': 'exclusive' });
      none.checked = ticked.indexOf('no') >= 0;
      options.appendChild(el('p', { 'class': 'questionnaire-or' }, [TEXT.or]));
      options.appendChild(el('div', { 'class': 'questionnaire-option' }, [none, el('label', { 'for': 'questionnaire-option-none' }, [noneText])]));
      options.addEventListener('change', function (e) {
        if (!e.target.checked) return;
        [].forEach.call(options.querySelectorAll('input'), function (i) {
          if ((e.target === none) !== (i === none)) i.checked = false;
        });
      });
    }
    fieldset.appendChild(options);

    // The error summary: hidden until the reader continues without an answer.
    var first = options.querySelector('input');
    var jump = el('a', { href: '#' + first.id }, [n.error]);
    jump.addEventListener('click', function (e) {
      e.preventDefault(); // the fragment holds the answers: go to the answer without changing it
      legend.scrollIntoView();
      first.focus({ preventScroll: true });
    });
    var summary = el('div', { 'class': 'error-summary', id: 'questionnaire-error-summary', tabindex: '-1', hidden: '' }, [
      el('div', { role: 'alert' }, [
        el('h2', { 'class': 'error-summary-title' }, [TEXT.problem]),
        el('ul', { 'class': 'error-summary-list' }, [el('li', {}, [jump])])
      ])
    ]);

    var group = el('div', { 'class': 'form-group' }, [fieldset]);
    var form = el('form', { 'class': 'questionnaire-step', novalidate: '' }, [
      group,
      controls(steps, el('button', { type: 'submit', 'class': 'button' }, [TEXT.continue]))
    ]);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var picked = [].map.call(form.querySelectorAll('input:checked'), function (i) { return i.value; });
      if (!picked.length) {
        error.hidden = false;
        summary.hidden = false;
        fieldset.setAttribute('aria-describedby', described.concat('questionnaire-error').join(' '));
        group.classList.add('form-group-error');
        document.title = TEXT.errorPrefix + n.question + ' \u2013 ' + pageTitle;
        summary.focus();
        return;
      }
      go(steps.concat({ id: id, tok: picked.join(',') }));
    });
    var upTo = steps.length + (n.remaining || 1);
    var box = el('div', { 'class': 'questionnaire-question' }, [
      backLink(steps, url(steps.length ? format(steps.slice(0, -1)) : '')),
      summary,
      el('p', { 'class': 'questionnaire-progress' }, [TEXT.progress(number, upTo)]),
      form
    ]);
    return {
      node: box, focus: legend, title: n.question,
      say: TEXT.question(number) + ': ' + n.question
    };
  }

  function given(n, tok) {
    if (n.kind === 'choice') return n.answers[tok - 1].label;
    if (tok === 'no') return n.noneLabel || TEXT.noneOfThese;
    if (tok === 'yes') return TEXT.atLeastOne;
    return el('ul', {}, tok.split(',').map(function (i) { return el('li', {}, [n.items[i - 1]]); }));
  }

  function outcome(steps, n, said) {
    var level = levels[n.level] || levels.info;
    var heading = el('h1', { 'class': 'questionnaire-heading', tabindex: '-1' }, [n.outcome]);
    var content = el('div', { 'class': 'outcome-content' }, [
      n.action && el('p', { 'class': 'outcome-action' }, [el('a', { 'class': 'button button-action', href: n.action.url }, [n.action.label])]),
      markup('div', 'outcome-body', n.body)
    ]);
    (n.sections || []).forEach(function (s, i) {
      if (holds(s['if'], said)) content.appendChild(markup('div', 'outcome-section', s.body)).setAttribute('data-section', i);
    });
    var card = el('div', { 'class': 'outcome outcome-' + n.level }, [
      el('div', { 'class': 'outcome-head' }, [
        el('p', { 'class': 'outcome-level' }, [el('span', { 'class': 'level-icon', 'aria-hidden': 'true' }, [level[0]]), ' ' + level[1]]),
        heading
      ]),
      content
    ]);
    var box = el('div', { 'class': 'questionnaire-result' }, [backLink(steps, url(format(steps.slice(0, -1)))), card]);
    if (steps.length) {
      box.appendChild(el('h2', {}, [TEXT.yourAnswers]));
      box.appendChild(el('dl', { 'class': 'questionnaire-summary' }, steps.map(function (s, i) {
        var q = nodes[s.id];
        return el('div', {}, [
          el('dt', {}, [q.question]),
          el('dd', {}, [given(q, s.tok)]),
          el('dd', { 'class': 'questionnaire-change' }, [
            el('a', { href: '#' + format(steps.slice(0, i)) }, [TEXT.change, hidden(TEXT.changeHidden(q.question))])
          ])
        ]);
      })));
    }
    if (n.articles) {
      box.appendChild(el('h2', {}, [TEXT.readMore]));
      box.appendChild(el('ul', { 'class': 'summaries questionnaire-read-more' }, n.articles.map(function (a) {
        var link = el('a', { href: a.url }, [a.title]);
        link.setAttribute('data-print-href', link.href); // printed after the title
        return el('li', {}, [link, el('p', {}, [a.description])]);
      })));
    }
    if (tree.disclaimer) box.appendChild(markup('div', 'disclaimer', tree.disclaimer));
    var print = el('button', { type: 'button', 'class': 'button button-secondary' }, [TEXT.print]);
    print.addEventListener('click', function () { window.print(); });
    box.appendChild(controls(steps, print));
    return { node: box, focus: heading, title: n.outcome, say: level[1] + ': ' + n.outcome };
  }

  // The Start button asks the first question in place.
  var startLink = startButton && startButton.querySelector('a');
  if (startLink) {
    startLink.setAttribute('href', '#start');
    startLink.addEventListener('click', function (e) {
      e.preventDefault();
      go([]);
    });
  }
  window.addEventListener('popstate', function () { show(true); });
  window.addEventListener('hashchange', function () { show(true); });
  show(fragment() !== '');
})();
