/* guidepost: the search page.
 *
 * The page holds the index's manifest as JSON (<script data-search-index>): which shard holds
 * which words and which documents. Shards are classic scripts that push their data onto
 * self.guidepostSearch; this script loads the ones a query needs by adding <script> elements,
 * so it works from a server, from disk (file://, where fetch and modules are blocked) and in
 * the single file, where every shard is already inline. No fetch, no module, no WebAssembly,
 * nothing but scripts from the site itself: it runs under a CSP of script-src 'self'.
 *
 * A query is folded as the generator folds words (decomposed, combining marks dropped, lower
 * case) and split into words; stop words are left out. For each word the shards give the
 * stems it is a form of ("walking" is "walk") and, once it has three letters or more, the
 * stems of every word it begins ("feve" is "fever"). A document must match every word; its
 * score adds, for each word, its best stem's score (weighted by field in the generator)
 * times how rare the stem is. Results show the title, the description and the sentence
 * holding most of the words, with the words marked; the count is announced in a live region.
 */
(function () {
  'use strict';
  var PAGE = 10; // results shown at a time

  function start() {
    var root = document.querySelector('[data-search-page]');
    var indexEl = root && root.querySelector('[data-search-index]');
    if (!indexEl) return;
    var manifest;
    try {
      manifest = JSON.parse(indexEl.textContent);
    } catch (e) {
      return; // the page stays as it is without script
    }
    // The words the script shows come from the page, in its language (package i18n).
    var M;
    try {
      M = JSON.parse(root.querySelector('[data-search-messages]').textContent);
    } catch (e) {
      return; // without its words the script stays out: the page lists every article
    }
    var say = function (key, vars) {
      var text = M[key];
      if (typeof text === 'object') { // one text per plural form of the page's language
        var form = 'other';
        try { form = new Intl.PluralRules(document.documentElement.lang).select(vars.count); } catch (e) {}
        text = text[form] || text.other;
      }
      return String(text).replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? String(vars[k]) : m; });
    };
    var input = root.querySelector('[data-search-input]');
    var status = root.querySelector('[data-search-status]');
    var list = root.querySelector('[data-search-results]');
    var more = root.querySelector('[data-search-more]');
    var az = root.querySelector('[data-search-az]') || document.createElement('div');
    var form = input && input.form;
    if (!status || !list || !more || !form) return; // a theme's own search page without them
    var nojs = root.querySelector('[data-search-nojs]');
    if (nojs) nojs.hidden = true;

    var stop = {};
    manifest.stop.forEach(function (w) { stop[w] = true; });
    var refs = {};
    manifest.t.concat(manifest.d).forEach(function (r) { refs[r.i] = r; });

    // The shards, by id, as they arrive.
    var shards = {};
    var waiting = {};
    function arrive(data) {
      shards[data.i] = data;
      (waiting[data.i] || []).forEach(function (w) { w[0](); });
      delete waiting[data.i];
    }
    var queued = self.guidepostSearch;
    self.guidepostSearch = { push: arrive };
    if (queued && queued.forEach) queued.forEach(arrive);

    function load(ids) {
      return Promise.all(ids.map(function (id) {
        if (shards[id]) return null;
        return new Promise(function (resolve, reject) {
          if (!waiting[id]) {
            waiting[id] = [];
            var s = document.createElement('script');
            s.src = refs[id].u;
            s.onerror = function () {
              (waiting[id] || []).forEach(function (w) { w[1](new Error('cannot load ' + refs[id].u)); });
              delete waiting[id];
              s.remove();
            };
            document.head.appendChild(s);
          }
          waiting[id].push([resolve, reject]);
        });
      }));
    }

    function fold(s) {
      if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
      return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    }
    function words(q) {
      var out = [];
      (fold(q).match(/[\p{L}\p{N}]+/gu) || []).forEach(function (w) {
        if ((w.length > 1 || /^[0-9]$/.test(w)) && !stop[w] && out.indexOf(w) < 0) out.push(w);
      });
      return out;
    }

    // termShards returns the term shards holding key, and with prefix those holding keys
    // that begin with it.
    function termShards(key, prefix) {
      var t = manifest.t, lo = 0, hi = t.length - 1;
      while (lo < hi) { // the last shard whose first key is at most key
        var mid = (lo + hi + 1) >> 1;
        if ((t[mid].f || '') <= key) lo = mid; else hi = mid - 1;
      }
      var out = [t[lo].i];
      for (var j = lo + 1; prefix && j < t.length && t[j].f.lastIndexOf(key, 0) === 0; j++) out.push(t[j].i);
      return out;
    }
    function shardOf(key) { return shards[termShards(key, false)[0]]; }

    // forms returns the words w may be another form of, for a word no document holds as it
    // is written ("walked" when the site only says "walk" and "walking"): w without the
    // usual English endings.
    function forms(w) {
      var out = [];
      [['ing', ''], ['ing', 'e'], ['ed', ''], ['ed', 'e'], ['ies', 'y'], ['ied', 'y'], ['es', ''], ['s', ''], ['ly', '']].forEach(function (e) {
        var n = w.length - e[0].length;
        if (n >= 3 && w.slice(n) === e[0]) out.push(w.slice(0, n) + e[1]);
      });
      return out;
    }

    // stems returns, for word w, the stems it stands for, with a weight: 1 for its own
    // stem, 0.8 for those of its other forms, 0.6 for those of words it begins.
    function stemsOf(w) {
      var found = {};
      function add(st, weight) { if (!(found[st] >= weight)) found[st] = weight; }
      forms(w).forEach(function (f) {
        var s = shardOf(f);
        if (s.t[f]) add(f, 0.8);
        if (s.v[f]) add(s.v[f], 0.8);
      });
      var prefix = w.length >= 3;
      termShards(w, prefix).forEach(function (id) {
        var s = shards[id];
        if (s.t[w]) add(w, 1);
        if (s.v[w]) add(s.v[w], 1);
        if (!prefix) return;
        var k;
        for (k in s.t) if (k !== w && k.lastIndexOf(w, 0) === 0) add(k, 0.6);
        for (k in s.v) if (k !== w && k.lastIndexOf(w, 0) === 0) add(s.v[k], 0.6);
      });
      return found;
    }

    function unique(a) { return a.filter(function (x, i) { return a.indexOf(x) === i; }); }

    // query finds the documents matching every word of ws, best first.
    function query(ws) {
      var ids = [];
      ws.forEach(function (w) {
        ids = ids.concat(termShards(w, w.length >= 3));
        forms(w).forEach(function (f) { ids = ids.concat(termShards(f, false)); });
      });
      var stems;
      return load(unique(ids)).then(function () {
        stems = ws.map(stemsOf);
        var more = [];
        stems.forEach(function (m) { for (var st in m) more = more.concat(termShards(st, false)); });
        return load(unique(more));
      }).then(function () {
        // total[doc] adds each word's best score; hits[doc] counts the words matched.
        var total = new Float64Array(manifest.n), hits = new Uint8Array(manifest.n);
        var best = new Float64Array(manifest.n);
        var matched = {};
        stems.forEach(function (m) {
          best.fill(0);
          for (var st in m) {
            var s = shardOf(st), p = s && s.t[st];
            if (!p) continue;
            matched[st] = true;
            var weight = Math.log(1 + manifest.n / (p.length / 2)) * m[st], doc = 0;
            for (var i = 0; i < p.length; i += 2) {
              doc += p[i];
              var score = p[i + 1] * weight;
              if (score > best[doc]) best[doc] = score;
            }
          }
          for (var d = 0; d < best.length; d++) {
            if (best[d] > 0) {
              total[d] += best[d];
              hits[d]++;
            }
          }
        });
        var docs = [];
        for (var d = 0; d < hits.length; d++) if (hits[d] === ws.length) docs.push(d);
        docs.sort(function (a, b) { return total[b] - total[a] || a - b; });
        return { docs: docs, stems: matched };
      });
    }

    function textShard(doc) {
      var d = manifest.d, i = d.length - 1;
      while (i > 0 && (d[i].n || 0) > doc) i--;
      return d[i].i;
    }

    // matches says whether a word of a text is one of the query's: it begins with a word of
    // the query, or its stem (when a loaded shard knows it) is one the query matched.
    function matcher(ws, stems) {
      return function (word) {
        var w = fold(word);
        for (var i = 0; i < ws.length; i++) if (w.lastIndexOf(ws[i], 0) === 0) return true;
        var s = shards[termShards(w, false)[0]];
        var st = s && s.v[w] ? s.v[w] : w;
        return !!stems[st];
      };
    }

    // mark appends text to el with the words that match marked.
    function mark(el, text, match) {
      var re = /[\p{L}\p{N}]+/gu, last = 0, m;
      while ((m = re.exec(text))) {
        if (!match(m[0])) continue;
        if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
        var e = document.createElement('mark');
        e.textContent = m[0];
        el.appendChild(e);
        last = m.index + m[0].length;
      }
      if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
    }

    function sentence(sentences, match) {
      var best = null, bestCount = 0;
      (sentences || []).forEach(function (s) {
        var n = 0, seen = {};
        (s.match(/[\p{L}\p{N}]+/gu) || []).forEach(function (w) {
          var f = fold(w);
          if (!seen[f] && match(w)) { seen[f] = true; n++; }
        });
        if (n > bestCount) { best = s; bestCount = n; }
      });
      return best;
    }

    function el(tag, cls) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      return e;
    }

    var current = 0; // the number of the latest query, so that a slow one does not overwrite it
    var found = null;
    var shown = 0;

    // show appends the next results to the list.
    function show(n, focus) {
      var docs = found.docs.slice(shown, shown + PAGE);
      return load(unique(docs.map(textShard))).then(function () {
        if (n !== current) return;
        var match = matcher(found.words, found.stems);
        var first = null;
        docs.forEach(function (doc) {
          var s = shards[textShard(doc)], d = s.d[doc - s.f];
          var li = el('li'), h = el('h2', 'search-title'), a = el('a');
          a.href = d[0];
          mark(a, d[1], match);
          if (d[3]) {
            var kind = el('span', 'search-kind');
            kind.textContent = d[3] + ': ';
            h.appendChild(kind);
          }
          h.appendChild(a);
          li.appendChild(h);
          if (d[2]) {
            var p = el('p', 'search-description');
            mark(p, d[2], match);
            li.appendChild(p);
          }
          var text = sentence(d[4], match);
          if (text) {
            var q = el('p', 'search-sentence');
            mark(q, text, match);
            li.appendChild(q);
          }
          list.appendChild(li);
          first = first || a;
        });
        shown += docs.length;
        more.hidden = shown >= found.docs.length;
        if (focus && first) first.focus();
      });
    }

    function run(q) {
      var n = ++current;
      var ws = words(q);
      list.textContent = '';
      list.hidden = true;
      more.hidden = true;
      shown = 0;
      if (!ws.length) {
        status.textContent = q.trim() ? say('search.short') : '';
        az.hidden = false;
        return Promise.resolve();
      }
      az.hidden = true;
      status.textContent = say('search.searching');
      return query(ws).then(function (r) {
        if (n !== current) return;
        found = { docs: r.docs, stems: r.stems, words: ws };
        var count = r.docs.length;
        status.textContent = count === 0 ? say('search.none', { query: q.trim() }) :
          say('search.found', { count: count, query: q.trim() });
        list.hidden = count === 0;
        return show(n, false);
      }).catch(function () {
        if (n === current) status.textContent = say('search.failed');
      });
    }

    more.querySelector('button').addEventListener('click', function () { show(current, true); });

    var params = new URLSearchParams(location.search);
    var q = params.get('q') || '';
    document.querySelectorAll('input[name="q"]').forEach(function (i) { i.value = q; });
    var timer = 0;
    // go runs the query in the box and puts it in the address, for the back button and links.
    function go() {
      clearTimeout(timer);
      var v = input.value;
      try {
        var u = new URL(location.href);
        u.searchParams.set('q', v);
        history.replaceState(history.state, '', u.href);
      } catch (e) { /* some browsers refuse it for file: URLs: the results still show */ }
      return run(v);
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(go, 150);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      go();
    });
    self.guidepostSearchRun = run; // for tests and benchmarks: returns a promise
    if (q) run(q);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
