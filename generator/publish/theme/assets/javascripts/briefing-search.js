// briefing: answer Material's search box from Pagefind's chunked index (pagefind/ at the site's root).
// The index is loaded on the first focus of the box, and each query fetches only the chunks of its words, so the
// first results need kilobytes, not the whole site's index. Results are drawn with Material's own classes; the
// text of a result is set as text (an excerpt's <mark> highlights are the only markup kept).
(function () {
  "use strict";
  var form = document.forms.namedItem("briefing-search");
  var config = document.getElementById("__config");
  if (!form || !config) return;
  var input = form.elements.namedItem("query");
  var toggle = document.getElementById("__search");
  var root = form.closest("[data-briefing-search]");
  var list = root.querySelector(".md-search-result__list");
  var meta = root.querySelector(".md-search-result__meta");
  var base = new URL(JSON.parse(config.textContent).base, document.baseURI);
  var shown = 10;
  var pagefind = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: base.pathname, excerptLength: 24 })).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  function say(key, count) {
    meta.textContent = (meta.getAttribute("data-" + key) || "").replace("#", String(count));
  }

  // An excerpt as nodes: text, and <mark> around the words found; anything else in it is shown as text.
  function excerpt(html) {
    var fragment = document.createDocumentFragment();
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(node.textContent));
      }
    });
    return fragment;
  }

  function entry(href, heading, level, text) {
    var link = document.createElement("a");
    link.href = href;
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (level === 1) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var title = document.createElement(level === 1 ? "h1" : "h2");
    title.textContent = heading;
    article.appendChild(title);
    var paragraph = document.createElement("p");
    paragraph.appendChild(excerpt(text));
    article.appendChild(paragraph);
    link.appendChild(article);
    return link;
  }

  function render(results, total) {
    list.replaceChildren();
    say(total === 0 ? "none" : total === 1 ? "one" : "other", total);
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var title = (result.meta && result.meta.title) || result.url;
      item.appendChild(entry(result.url, title, 1, result.excerpt));
      (result.sub_results || []).slice(0, 3).forEach(function (sub) {
        if (sub.url !== result.url && sub.title !== title) item.appendChild(entry(sub.url, sub.title, 2, sub.excerpt));
      });
      list.appendChild(item);
    });
  }

  function search() {
    var query = input.value.trim();
    var asked = ++latest;
    if (!query) {
      list.replaceChildren();
      say("placeholder", 0);
      return;
    }
    load().then(function (module) {
      return module.debouncedSearch(query, {}, 100);
    }).then(function (found) {
      if (!found || asked !== latest) return null; // a newer query is on its way
      return Promise.all(found.results.slice(0, shown).map(function (result) { return result.data(); }))
        .then(function (results) { if (asked === latest) render(results, found.results.length); });
    }).catch(function (error) {
      meta.textContent = "Search is unavailable: " + error.message;
    });
  }

  input.addEventListener("focus", function () {
    if (toggle && !toggle.checked) toggle.checked = true;
    load();
  });
  input.addEventListener("input", search);
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
      else input.blur();
    });
  }
  // Material's "/" and "s" shortcuts open the search toggle; put the cursor in the box as its own search does.
  document.addEventListener("keydown", function (event) {
    if (document.activeElement === input || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.nodeName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      if (toggle) toggle.checked = true;
      input.focus();
    }
  });
  list.addEventListener("click", function () { if (toggle) toggle.checked = false; });
})();
