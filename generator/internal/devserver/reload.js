// guidepost dev: keeps the page in step with the files being edited. It listens to the dev
// server's events: after a good rebuild it reloads the page (the fragment, where a
// questionnaire keeps its step, stays), or swaps the stylesheets when only they changed;
// after a failed one it lists the errors over the page until a good rebuild. Dev mode only:
// no build ever contains this file.
(function () {
  "use strict";

  var here = new URL(".", document.currentScript.src); // .../_guidepost/
  var root = new URL("../", here); // the site's root
  var build = null; // the build this page shows
  var box = null; // the error box, while shown

  // What each event does to this page.
  var handlers = {
    hello: function (data) {
      if (build !== null && data.build !== build) {
        // Reconnected to a server that built since: this page may be stale.
        location.reload();
        return;
      }
      shows(data.build);
      hideErrors();
    },
    reload: function () {
      location.reload();
    },
    css: function (data) {
      swapStylesheets(data.stylesheets);
      shows(data.build);
      hideErrors();
    },
    errors: function (data) {
      showErrors(data.errors || []);
    },
  };

  function handle(name, data) {
    if (Object.prototype.hasOwnProperty.call(handlers, name)) {
      handlers[name](JSON.parse(data));
    }
  }

  // shows records that the page shows build n, also as <html data-guidepost-build="n">, for
  // tests and the curious.
  function shows(n) {
    build = n;
    document.documentElement.setAttribute("data-guidepost-build", String(n));
  }

  // A browser opens at most six connections to a server over HTTP/1.1, and an event stream
  // keeps one open: with a stream per tab, a seventh tab would hang. So one tab, the one
  // holding a lock, listens to the stream and passes each event on to the other tabs over a
  // BroadcastChannel; when it goes away, another tab takes the lock and listens.
  var tab = Math.random().toString(36).slice(2);
  var leading = false;
  var greeting = []; // what a tab opened now must be told: hello, and errors while they hold
  var channel = null;
  var lockName = "guidepost-dev " + root.href;

  if (window.BroadcastChannel && navigator.locks) {
    channel = new BroadcastChannel(lockName);
    channel.onmessage = function (m) {
      var msg = m.data;
      if (msg.ask) {
        if (leading) {
          greeting.forEach(function (e) {
            channel.postMessage({ to: msg.ask, name: e.name, data: e.data });
          });
        }
        return;
      }
      if (!msg.to || msg.to === tab) {
        handle(msg.name, msg.data);
      }
    };
    navigator.locks.request(lockName, function () {
      listen();
      return new Promise(function () {}); // held until the page goes away
    });
    channel.postMessage({ ask: tab });
  } else {
    listen();
  }

  // listen reads the event stream for every tab.
  function listen() {
    leading = true;
    var events = new EventSource(new URL("events", here));
    Object.keys(handlers).forEach(function (name) {
      events.addEventListener(name, function (e) {
        remember(name, e.data);
        if (channel) {
          channel.postMessage({ name: name, data: e.data });
        }
        handle(name, e.data);
      });
    });
  }

  // remember keeps the greeting up to date.
  function remember(name, data) {
    if (name === "hello") {
      greeting = [{ name: "hello", data: data }];
    } else if (name === "css") {
      greeting = [{ name: "hello", data: JSON.stringify({ build: JSON.parse(data).build }) }];
    } else if (name === "errors") {
      greeting = [greeting[0], { name: "errors", data: data }].filter(Boolean);
    }
  }

  // swapStylesheets replaces each stylesheet named in sheets (old path -> new path, from the
  // site's root) by its new version, removing the old one once the new one has loaded.
  function swapStylesheets(sheets) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      Object.keys(sheets).forEach(function (from) {
        if (link.href !== new URL(from, root).href) {
          return;
        }
        var next = link.cloneNode();
        next.href = new URL(sheets[from], root).href;
        next.addEventListener("load", function () {
          link.remove();
        });
        link.after(next);
      });
    });
  }

  // overlayStyle loads the styles of dev mode's own boxes, once.
  function overlayStyle() {
    if (!document.getElementById("guidepost-overlay-style")) {
      var style = document.createElement("link");
      style.id = "guidepost-overlay-style";
      style.rel = "stylesheet";
      style.href = new URL("overlay.css", here).href;
      document.head.appendChild(style);
    }
  }

  // On a questionnaire's pages, a small bar of dev links: the live flow map of the
  // questionnaire and the review report.
  var questionnaire = /^questionnaires\/([a-z0-9-]+)\//.exec(location.href.slice(root.href.length));
  if (questionnaire) {
    overlayStyle();
    var bar = document.createElement("nav");
    bar.id = "guidepost-devbar";
    bar.setAttribute("aria-label", "guidepost dev");
    [["Flow map", "map/" + questionnaire[1]], ["Review report", "review"]].forEach(function (l) {
      var a = document.createElement("a");
      a.href = new URL(l[1], here).href;
      a.textContent = l[0];
      bar.appendChild(a);
    });
    document.body.appendChild(bar);
  }

  function showErrors(errors) {
    hideErrors();
    overlayStyle();
    box = document.createElement("aside");
    box.id = "guidepost-errors";
    box.setAttribute("aria-labelledby", "guidepost-errors-title");

    var alert = document.createElement("div");
    alert.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.id = "guidepost-errors-title";
    title.textContent = errors.length === 1 ? "The site did not build: 1 error" : "The site did not build: " + errors.length + " errors";
    var note = document.createElement("p");
    note.textContent = "This page shows the last good build. Fix the files below and save: the page updates by itself.";
    var list = document.createElement("ol");
    errors.forEach(function (err) {
      var item = document.createElement("li");
      var pos = document.createElement("code");
      pos.textContent = err.pos;
      item.appendChild(pos);
      item.appendChild(document.createTextNode(": " + err.message + (err.hint ? "; " + err.hint : "")));
      list.appendChild(item);
    });
    alert.append(title, note, list);

    var hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide until the next save";
    hide.addEventListener("click", hideErrors);
    box.append(alert, hide);
    document.body.appendChild(box);
  }

  function hideErrors() {
    if (box) {
      box.remove();
      box = null;
    }
  }
})();
