// Site search with Pagefind (index written at build time by plansite/search.py), and the keyboard.
// - "/" or "s" focuses the search box, as Material's own search did.
// - The phone menu button opens Material's drawer (its own is a <label>, out of the keyboard's reach).
// - On the search page (/tim-kiem/), results show as you type; the address keeps ?q= so a
//   search can be shared or reloaded.
// Pagefind folds tone marks and case itself; đ→d is in the index (plansite/search.py).
// Synonyms and abbreviations come from the glossary (pagefind/synonyms.json): a query that
// contains any spelling of a glossary entry is searched in every spelling, results merged.
(function () {
  "use strict";
  var script = document.currentScript;
  var PAGEFIND = new URL("../../pagefind/pagefind.js", script.src).href;
  var SYNONYMS = new URL("../../pagefind/synonyms.json", script.src).href;
  // A large site is indexed in shards (plansite/search.py); the first is /pagefind/, the
  // others are listed here and merged into it.
  var SHARDS = new URL("../../pagefind/shards.json", script.src).href;
  var MAX_VARIANTS = 16;
  // Measured on this site (BENCHMARKS.md): Pagefind's default weight lets a title with "khoa"
  // outrank the one page with "khóa" for the query "khóa"; 5 ranks exact diacritics first.
  // pageLength (Pagefind's default 0.75): the guidance pages tell every rule in full once, in
  // folds, which made the average page longer; a long topic page that mentions a document then
  // outranked the document's own page for its number ("42/2020"). 0.85 weighs length a little more.
  var RANKING = { diacriticSimilarity: 5, pageLength: 0.85 };
  // Starts the block of extra index words (plansite/search.py, EXTRA_MARK): never shown.
  var EXTRA_MARK = "\u2042";
  var EXCERPT_WORDS = 32;
  var MAX_RESULTS = 20;

  // The same rules as plansite.search.fold(); tests/test_search.py checks both agree.
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function isTyping(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  document.addEventListener("keydown", function (event) {
    if ((event.key !== "/" && event.key !== "s") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    var boxes = [document.getElementById("search-page-input"), document.querySelector("[data-site-search]")];
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i]) continue;
      if (boxes[i].offsetParent !== null) {  // shown (the header box is hidden on phones)
        event.preventDefault();
        boxes[i].focus();
        boxes[i].select();
        return;
      }
    }
  });

  // The phone menu button (overrides/partials/header.html) opens Material's drawer.
  var menu = document.querySelector("[data-site-menu]");
  var drawer = document.getElementById("__drawer");
  if (menu && drawer) {
    menu.addEventListener("click", function () {
      drawer.checked = !drawer.checked;
      drawer.dispatchEvent(new Event("change"));
    });
    drawer.addEventListener("change", function () { menu.setAttribute("aria-expanded", String(drawer.checked)); });
  }

  var form = document.querySelector("[data-search-page]");
  if (!form) return;
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-page-status");
  var list = document.getElementById("search-page-results");
  var pagefind = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = Promise.all([
        import(PAGEFIND),
        fetch(SYNONYMS).then(function (response) { return response.json(); }),
        fetch(SHARDS).then(function (response) { return response.json(); }),
      ]).then(function (loaded) {
        var pf = loaded[0];
        return pf.options({ ranking: RANKING }).then(function () {
          return Promise.all(loaded[2].map(function (shard) {
            return pf.mergeIndex(new URL("../../" + shard, script.src).href, { ranking: RANKING });
          }));
        }).then(function () {
          return { pf: pf, synonyms: loaded[1] };
        });
      });
    }
    return pagefind;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Folded words joined by single spaces: "Ni-Lông" and "ni lông" are the same words.
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ");
  }

  // Words as written (composed, lower case), tone marks kept.
  function spelled(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The query as typed, then the query with the longest glossary spelling it contains replaced
  // by every spelling of the same entry: every spelling of an entry gives the same searches.
  function variants(query, groups) {
    var found = [words(query)];
    groups.forEach(function (spellings) {
      var longestFirst = spellings.map(words).sort(function (a, b) { return b.length - a.length; });
      found.slice().forEach(function (text) {
        var pattern = null;
        longestFirst.some(function (spelling) {
          var candidate = new RegExp("(^| )" + escapeRegExp(spelling) + "(?= |$)", "u");
          if (candidate.test(text)) pattern = candidate;
          return pattern !== null;
        });
        if (!pattern) return;
        longestFirst.forEach(function (other) {
          var variant = text.replace(pattern, function (_, before) { return before + other; });
          if (found.indexOf(variant) < 0 && found.length < MAX_VARIANTS) found.push(variant);
        });
      });
    });
    return [query].concat(found.slice(1));
  }

  // One list from all the searches, each page at its best score. Within one search, Pagefind
  // ranks exact-diacritic matches first (weighted up by RANKING).
  function searchAll(pf, queries) {
    return Promise.all(queries.map(function (q) { return pf.search(q); })).then(function (searches) {
      var best = {};
      searches.forEach(function (search) {
        search.results.forEach(function (result) {
          if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
        });
      });
      return Object.keys(best).map(function (id) { return best[id]; })
        .sort(function (a, b) { return b.score - a.score; });
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // An excerpt of the words the reader sees (not the extra index words), where most of the
  // searched words are, with them marked in whatever spelling the page uses.
  function excerpt(content, queries) {
    var shown = content.split(EXTRA_MARK)[0].split(/\s+/).filter(Boolean);
    // A word typed with its tone marks ("chợ") marks only that spelling, not "cho"; a word typed
    // without them ("cho", "dieu") marks every spelling, as Pagefind found them.
    var terms = spelled(queries.join(" ")).map(function (term) { return { text: term, exact: fold(term) !== term }; });
    var hits = shown.map(function (word) {
      var parts = spelled(word);
      return terms.some(function (term) {
        return parts.some(function (part) {
          return (term.exact ? part : fold(part)).indexOf(term.text) === 0;
        });
      });
    });
    var best = 0;
    var bestCount = -1;
    for (var start = 0; start < Math.max(1, shown.length - EXCERPT_WORDS + 1); start++) {
      var count = 0;
      for (var i = start; i < Math.min(shown.length, start + EXCERPT_WORDS); i++) if (hits[i]) count++;
      if (count > bestCount) { best = start; bestCount = count; }
    }
    var text = shown.slice(best, best + EXCERPT_WORDS).map(function (word, i) {
      return hits[best + i] ? "<mark>" + escapeHtml(word) + "</mark>" : escapeHtml(word);
    });
    return (best > 0 ? "… " : "") + text.join(" ") + (best + EXCERPT_WORDS < shown.length ? " …" : "");
  }

  function show(query) {
    var ticket = ++latest;
    if (!query) {
      status.textContent = "";
      list.innerHTML = "";
      return Promise.resolve();
    }
    status.textContent = "Đang tìm…";
    var queries = [query];
    return load().then(function (loaded) {
      queries = variants(query, loaded.synonyms);
      return searchAll(loaded.pf, queries);
    }).then(function (results) {
      if (ticket !== latest) return;
      return Promise.all(results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
        .then(function (pages) {
          if (ticket !== latest) return;
          var total = results.length;
          status.textContent = total ? "Tìm thấy " + total + " trang cho “" + query + "”." : "Không tìm thấy trang nào cho “" + query + "”.";
          list.innerHTML = pages.map(function (page) {
            return '<li class="md-search-page__result"><a href="' + escapeHtml(page.url) + '">' +
              escapeHtml(page.meta.title || page.url) + "</a><p>" + excerpt(page.content, queries) + "</p></li>";
          }).join("");
          document.body.dataset.searchDone = query;  // lets the browser tests wait for the results
        });
    }).catch(function (error) {
      status.textContent = "Không tải được bộ tìm kiếm. Hãy tải lại trang.";
      throw error;
    });
  }

  var timer = 0;
  function run() {
    var query = input.value.normalize("NFC").trim();
    var address = new URL(location.href);
    if (query) address.searchParams.set("q", query); else address.searchParams.delete("q");
    history.replaceState(null, "", address);
    return show(query);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  window.siteSearch = { fold: fold, words: words, excerpt: excerpt, variants: variants, spelled: spelled };
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run();
  }
})();
