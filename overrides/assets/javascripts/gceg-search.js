/* Search on the online sites: Pagefind (pagefind/, written by the build from the
 * finished pages, macros/search_index.py) driven from Material's header search box
 * (overrides/partials/search.html).
 *
 * Nothing of the index is loaded with a page: Pagefind's library, its WebAssembly and
 * the index chunks a query needs are fetched when the reader first focuses the box or
 * presses a search key, and later searches reuse them. The chunks of the words typed
 * are fetched as keys are pressed, a page of results' excerpts when the page before it
 * is scrolled to, and the filters' values when the reader opens them: what a search
 * loads does not grow with the site (BENCHMARKS.md). Results are built as DOM nodes:
 * titles and sections are plain text in the index and are set as text; an excerpt is
 * Pagefind's escaped text with <mark> around matched words, parsed in an inert document
 * (DOMParser: no script runs, nothing loads), and only its text and marks are kept.
 * Hand-written because Pagefind's own interfaces draw their own search box, and the
 * reader should find search where Material puts it, as in the offline bundle. */
(function () {
  "use strict";
  var root = document.querySelector("[data-gceg-pagefind]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector(".gceg-search__input");
  var form = root.querySelector("form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var filterBox = root.querySelector(".gceg-search-filters");
  var filterButton = root.querySelector(".gceg-search-filters-toggle");
  var buttonText = filterButton ? filterButton.textContent : "";
  var filtersShown = null;
  var labels = JSON.parse(root.getAttribute("data-gceg-filters") || "[]");
  var pagefind = null;
  var loading = null;
  var chosen = {};
  var latest = 0;
  var timer = 0;
  var PAGE = 10;
  var busy = false;
  var ready = false;
  var again = false;
  var next = null;
  var more = "IntersectionObserver" in window ? new IntersectionObserver(function (seen) {
    if (!next || !seen.some(function (entry) { return entry.isIntersecting; })) return;
    var page = next;
    next = null;
    more.disconnect();
    if (page.ticket === latest) showPage(page.search, page.ticket, page.start);
  }, { root: root.querySelector(".md-search__scrollwrap"), rootMargin: "0px 0px 200px 0px" }) : null;

  function text(name) {
    return root.getAttribute("data-gceg-" + name) || "";
  }

  function load() {
    if (!loading) {
      var url = new URL(root.getAttribute("data-gceg-pagefind"), document.baseURI).href;
      loading = import(url).then(function (module) {
        pagefind = module;
        return module.options({ excerptLength: 24 }).then(function () {
          return module.init();
        }).then(function () {
          ready = true;
        });
      });
      loading.catch(function (error) {
        loading = null;
        meta.textContent = String(error);
      });
    }
    return loading;
  }

  /* The reader's filters: one list per filter the site's pages carry. Their values
   * (every page's kind, years, topics) are loaded when the reader first opens them. */
  function showFilters() {
    return pagefind.filters().then(function (filters) {
      labels.forEach(function (pair) {
        var name = pair[0];
        var values = filters[name];
        if (!values || !Object.keys(values).length) return;
        var label = document.createElement("label");
        label.className = "gceg-search-filter";
        label.appendChild(document.createTextNode(pair[1] + " "));
        var select = document.createElement("select");
        select.setAttribute("data-filter", name);
        select.appendChild(new Option(text("any"), ""));
        Object.keys(values).sort().forEach(function (value) {
          select.appendChild(new Option(value + " (" + values[value] + ")", value));
        });
        select.addEventListener("change", function () {
          if (select.value) chosen[name] = select.value;
          else delete chosen[name];
          var count = Object.keys(chosen).length;
          filterButton.textContent = buttonText + (count ? " (" + count + ")" : "");
          run();
        });
        label.appendChild(select);
        filterBox.appendChild(label);
      });
    });
  }

  function toggleFilters() {
    var open = filterButton.getAttribute("aria-expanded") !== "true";
    filterButton.setAttribute("aria-expanded", String(open));
    if (!open) {
      filterBox.hidden = true;
      return;
    }
    if (!filtersShown) filtersShown = load().then(showFilters);
    filtersShown.then(function () {
      filterBox.hidden = filterButton.getAttribute("aria-expanded") !== "true";
      var first = filterBox.querySelector("select");
      if (first && !filterBox.hidden) first.focus();
    }, function () {
      filtersShown = null; /* the next press tries again */
      filterButton.setAttribute("aria-expanded", "false");
    });
  }

  /* Pagefind's excerpt, as text with its <mark> elements and nothing else. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createDocumentFragment();
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function result(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (data.meta.section) {
      var section = document.createElement("p");
      section.className = "gceg-search-result__section";
      section.textContent = data.meta.section;
      article.appendChild(section);
    }
    var title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    article.appendChild(title);
    var teaser = document.createElement("p");
    teaser.className = "md-search-result__teaser";
    teaser.appendChild(excerptNodes(data.excerpt || ""));
    article.appendChild(teaser);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  /* Results in pages of PAGE: a page's excerpts are fetched when the one before it
   * scrolls into view, so a search loads the excerpts the reader sees, not all. */
  function showPage(search, ticket, start) {
    var slice = search.results.slice(start, start + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (found) {
      if (ticket !== latest) return;
      var items = found.map(result);
      if (start === 0) list.replaceChildren.apply(list, items);
      else items.forEach(function (item) { list.appendChild(item); });
      if (more && start + PAGE < search.results.length) {
        next = { search: search, ticket: ticket, start: start + PAGE };
        more.observe(items[items.length - 1]);
      }
    });
  }

  /* One search at a time: a search of a common word on a large site takes the worker
   * a second or more, and the searches of the letters typed meanwhile would queue
   * behind it. A search reads the box when it starts; keys pressed while it runs
   * start one more search, of the box as it is then, once it ends. */
  function run() {
    var ticket = ++latest;
    next = null;
    if (more) more.disconnect();
    if (!input.value.trim() && !Object.keys(chosen).length) {
      again = false;
      list.replaceChildren();
      meta.textContent = text("placeholder");
      return;
    }
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    load().then(function () {
      ticket = latest; /* what is asked for now, whatever was typed while loading */
      return pagefind.search(input.value.trim() || null, { filters: chosen });
    }).then(function (search) {
      busy = false;
      if (again) {
        again = false;
        if (ticket !== latest) return run();
      }
      if (ticket !== latest) return null;
      var count = search.results.length;
      meta.textContent = count === 0 ? text("none")
        : count === 1 ? text("one") : text("other").replace("#", count);
      return showPage(search, ticket, 0);
    }, function (error) {
      busy = false;
      again = false;
      meta.textContent = String(error);
    });
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    load();
  }

  input.addEventListener("focus", open);
  if (filterButton) filterButton.addEventListener("click", toggleFilters);
  input.addEventListener("input", function () {
    /* the index chunks for the words typed so far are fetched at once; the search
       itself waits for a pause in typing */
    var query = input.value.trim();
    if (query) {
      load().then(function () {
        return pagefind.preload(query, { filters: chosen });
      }).catch(function () {}); /* a failure shows when the search runs */
    }
    clearTimeout(timer);
    /* until the library is ready a search waits for it anyway, and reads the box then */
    if (ready) timer = setTimeout(run, 80);
    else run();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(run, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
  });
  /* Material's keys for search (/, s, f) open this box, outside fields that take text. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
