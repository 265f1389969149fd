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

  var events = new EventSource(new URL("events", here));

  events.addEventListener("hello", function (e) {
    var n = JSON.parse(e.data).build;
    if (build !== null && n !== build) {
      // Reconnected to a server that built since: this page may be stale.
      location.reload();
      return;
    }
    shows(n);
    hideErrors();
  });

  events.addEventListener("reload", function () {
    location.reload();
  });

  events.addEventListener("css", function (e) {
    var data = JSON.parse(e.data);
    swapStylesheets(data.stylesheets);
    shows(data.build);
    hideErrors();
  });

  // shows records that the page shows build n, also as <html data-guidepost-build="n">, for
  // tests and the curious.
  function shows(n) {
    build = n;
    document.documentElement.setAttribute("data-guidepost-build", String(n));
  }

  events.addEventListener("errors", function (e) {
    showErrors(JSON.parse(e.data).errors || []);
  });

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

  function showErrors(errors) {
    hideErrors();
    if (!document.getElementById("guidepost-overlay-style")) {
      var style = document.createElement("link");
      style.id = "guidepost-overlay-style";
      style.rel = "stylesheet";
      style.href = new URL("overlay.css", here).href;
      document.head.appendChild(style);
    }
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
