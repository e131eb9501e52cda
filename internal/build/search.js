// The search page of a static annals site. It ranks the notes of the index
// loaded by search-index.js by the words of the query found in their title
// (worth most), summary and text, ignoring case and accents; every word
// must be found. Results are built as DOM nodes with textContent, so
// nothing from a note is ever read as HTML.
(function () {
  "use strict";
  var form = document.getElementById("static-search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("hits");
  var index = window.annalsSearch;
  if (!form || !input || !status || !list || !index) {
    return;
  }
  var limit = 50;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var docs = index.docs.map(function (d) {
    return { file: d[0], title: d[1], date: d[2], kind: d[3], summary: d[4], text: d[5],
      t: fold(d[1]), s: fold(d[4]), x: fold(d[5]) };
  });

  function score(doc, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var w = terms[i], s = 0;
      if (doc.t.indexOf(w) >= 0) { s += 5; }
      if (doc.s.indexOf(w) >= 0) { s += 2; }
      if (doc.x.indexOf(w) >= 0) { s += 1; }
      if (s === 0) { return 0; }
      total += s;
    }
    return total;
  }

  function href(file) {
    return "../" + file.split("/").map(encodeURIComponent).join("/");
  }

  function element(tag, text, className) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (className) { el.className = className; }
    return el;
  }

  function run(query) {
    var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    list.replaceChildren();
    if (terms.length === 0) {
      status.textContent = "";
      return;
    }
    var hits = [];
    docs.forEach(function (doc, i) {
      var s = score(doc, terms);
      if (s > 0) { hits.push({ doc: doc, score: s, order: i }); }
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    status.textContent = hits.length === 0 ? "No hits." :
      hits.length + (hits.length === 1 ? " hit" : " hits") +
      (hits.length > limit ? ", showing the first " + limit + "." : ".");
    hits.slice(0, limit).forEach(function (h) {
      var li = document.createElement("li");
      var h2 = document.createElement("h2");
      var a = element("a", h.doc.title);
      a.href = href(h.doc.file);
      h2.appendChild(a);
      li.appendChild(h2);
      li.appendChild(element("p", (h.doc.date ? h.doc.date + " · " : "") + h.doc.kind, "date"));
      var excerpt = h.doc.summary || h.doc.text;
      if (excerpt) {
        li.appendChild(element("p", excerpt.length > 240 ? excerpt.slice(0, 240) + "…" : excerpt, "fragment"));
      }
      list.appendChild(li);
    });
  }

  function remember(query) {
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("q", query);
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      // Some browsers refuse history changes on pages opened from disk;
      // the search works the same without.
    }
  }

  form.hidden = false;
  document.getElementById("needs-script").hidden = true;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    remember(input.value);
    run(input.value);
  });
  input.addEventListener("input", function () { run(input.value); });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
  input.focus();
})();
