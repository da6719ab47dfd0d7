/* Plein search: the search page, the live list on hashtag pages and trending hashtags.
   Progressive enhancement: without this script or the service the built pages stay as they are; without the
   service the search page searches the build's page index (plein/pages-index.json).
   Settings and strings come from <script id="plein-search-config"> (theme/partials/search-script.html).
   Only the service's `snippet` (escaped text with <mark>) is inserted as HTML; all else goes in as text. */
(() => {
  "use strict";

  const settings = document.getElementById("plein-search-config");
  if (!settings) return;
  const { api, root, lang, strings: t } = JSON.parse(settings.textContent);
  const base = api.replace(/\/$/, "");
  const PAGE_SIZE = 20; // results per page of /api/search and /api/hashtags/<slug>
  const TIMEOUT_MS = 5000;
  const UNITS = [
    ["year", 31536e3], ["month", 2592e3], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60],
  ];
  const plurals = new Intl.PluralRules(lang);
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });

  /** Create an element with attributes (null or false left out) and children (strings become text). */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value != null && value !== false) el.setAttribute(key, value);
    }
    el.append(...children.filter(Boolean));
    return el;
  }

  /** GET `path` from the API; rejects with an Error carrying the HTTP `status` (0: unreachable) and, for a
      refused query, the service's message. */
  async function get(path, params) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response = null;
    let data = null;
    try {
      const url = base + path + (params ? `?${params}` : "");
      response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      data = await response.json();
    } catch {
      // unreachable, timed out or not JSON: handled below
    } finally {
      clearTimeout(timer);
    }
    if (response?.ok && data) return data;
    const status = response?.status || 0;
    throw Object.assign(new Error(status === 400 ? data?.error?.message || "" : ""), { status });
  }

  /** A counted string: `forms` holds one form per plural category, with {n} (and {q}) filled in. */
  function counted(forms, n, q = "") {
    return (forms[plurals.select(n)] || forms.other).replace("{n}", n.toLocaleString(lang)).replace("{q}", q);
  }

  function time(iso) {
    const date = new Date(iso);
    const seconds = (date - Date.now()) / 1000;
    const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) || ["second", 1];
    const title = date.toLocaleString(lang, { dateStyle: "long", timeStyle: "short" });
    return h("time", { datetime: iso, title }, relative.format(Math.trunc(seconds / size), unit));
  }

  /** One result as a card like the build's list of tagged pages: link, kind, author, date, snippet. */
  function item(result) {
    const snippet = h("p", { class: "plein-tagged__description" });
    snippet.innerHTML = result.snippet; // the service escapes everything but its <mark>
    const facts = [t[result.kind] || result.kind, result.author, result.created && time(result.created)];
    const meta = h("span", { class: "plein-tagged__owner" });
    facts.filter(Boolean).forEach((fact, i) => meta.append(i ? " · " : "", fact));
    return h("li", { class: `plein-tagged__page plein-result plein-result--${result.kind}` },
      h("a", { href: root + result.url }, result.title || result.url), " ", meta, snippet);
  }

  /** The search page: fills the header's search box (its one box; the filters join its form) from the URL, shows
      a page of results and links to others; without the service, the pages found in the build's index. */
  async function searchPage(section) {
    const form = document.getElementById("site-search");
    const notice = section.querySelector(".plein-search__notice");
    const status = section.querySelector("[role=status]");
    const params = new URLSearchParams(location.search);
    for (const [name, value] of params) if (form.elements[name]) form.elements[name].value = value;
    section.addEventListener("change", (event) => { // the filters sit in the page, not inside the form
      if (event.target.name === "kind" && form.elements.q.value.trim()) form.requestSubmit();
    });
    const q = (params.get("q") || "").trim();
    if (!q) return;
    for (const [name, value] of [...params]) if (!value.trim()) params.delete(name);
    const page = Math.max(1, Number.parseInt(params.get("page"), 10) || 1);
    const list = section.querySelector("ol");
    try {
      const data = await get("/search", params);
      status.textContent = data.total ? counted(t.results, data.total, q) : t.none.replace("{q}", q);
      list.replaceChildren(...data.results.map(item));
      pager(section.querySelector("nav"), params, page, (page - 1) * PAGE_SIZE + data.results.length < data.total);
    } catch (error) {
      if (error.message) { status.textContent = error.message; return; } // the service refused the query
      notice.textContent = error.status === 503 ? t.building : t.offline;
      notice.hidden = false;
      if (params.get("kind") === "comment") { status.textContent = t.none.replace("{q}", q); return; }
      const found = await fetch(`${root}plein/pages-index.json`) // loaded only now: [url, title, summary, words]
        .then((response) => response.json()).then((data) => findPages(data.pages, q), () => []);
      status.textContent = found.length ? counted(t.results, found.length, q) : t.none.replace("{q}", q);
      list.replaceChildren(...found.slice(0, PAGE_SIZE).map(item));
    }
  }

  /** Pages holding every word of `q` as the start of one of theirs, those with the words in the title first. */
  function findPages(pages, q) {
    const terms = q.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) || [];
    const escape = (text) => text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
    return pages
      .filter(([, , , words]) => terms.length && terms.every((term) => ` ${words}`.includes(` ${term}`)))
      .map(([url, title, summary], order) => ({
        order, rank: terms.filter((term) => title.toLowerCase().includes(term)).length,
        result: { kind: "page", url, title, snippet: escape(summary) },
      }))
      .sort((a, b) => b.rank - a.rank || a.order - b.order)
      .map(({ result }) => result);
  }

  function pager(nav, params, page, hasNext) {
    const link = (number, label, rel) => {
      params.set("page", number);
      return h("a", { class: `pager__link pager__link--${rel}`, href: `?${params}`, rel }, label);
    };
    if (page > 1) nav.append(link(page - 1, t.previous, "prev"));
    if (hasNext) nav.append(link(page + 1, t.next, "next"));
    nav.hidden = !nav.children.length;
  }

  /** On the 404 page at tags/<slug>/ (a hashtag only comments use has no built page): that hashtag. */
  function tagOfMissingPage(feed) {
    const match = location.pathname.match(/\/tags\/([^/]+)\/?$/);
    if (!match) return null;
    const tag = decodeURIComponent(match[1]);
    document.querySelector("h1").textContent = document.title = `#${tag}`;
    document.getElementById("plein-not-found").hidden = true;
    feed.hidden = false;
    return tag;
  }

  /** A hashtag page: the build's list of pages becomes every page and comment with the tag, newest first. */
  async function hashtagFeed(feed) {
    const tag = feed.dataset.hashtag || tagOfMissingPage(feed);
    if (!tag) return;
    const status = feed.querySelector("[role=status]");
    const path = `/hashtags/${encodeURIComponent(tag)}`;
    const more = h("button", { type: "button", hidden: true }, t.more);
    let list = null;
    let page = 0;
    let shown = 0;
    async function load() {
      const data = await get(path, new URLSearchParams({ page: page + 1 }));
      const items = data.results.map(item);
      if (!list && !items.length) { // nothing indexed (yet): the built list stays, if there is one
        if (!feed.querySelector(".plein-tagged")) status.textContent = t.unknown_tag.replace("{tag}", tag);
        return items;
      }
      if (!list) {
        list = h("ol", { class: "plein-tagged" });
        const built = feed.querySelector(".plein-tagged");
        if (built) built.replaceWith(list, more);
        else status.after(list, more);
      }
      list.append(...items);
      page += 1;
      shown += items.length;
      status.textContent = counted(t.tagged, data.total);
      more.hidden = !items.length || shown >= data.total;
      return items;
    }
    more.addEventListener("click", () => load().then(
      (items) => items[0]?.querySelector("a").focus(),
      () => { more.hidden = true; },
    ));
    await load().catch(() => {}); // without the service the built list of pages stays
  }

  /** Trending hashtags per window ("last 7 days", "last 30 days"), shown only when there are any. */
  async function trending(section) {
    const data = await get("/trending").catch(() => ({ windows: [] }));
    for (const { days, hashtags } of data.windows || []) {
      if (!hashtags.length) continue;
      section.append(h("h3", {}, t.days.replace("{n}", days)), h("ul", { class: "plein-hashtag-index" },
        ...hashtags.map(({ slug, count }) => h("li", {},
          h("a", { class: "hashtag", href: `${root}tags/${encodeURIComponent(slug)}/` }, `#${slug}`), " ",
          h("span", { class: "plein-hashtag-index__count" }, counted(t.uses, count))))));
      section.hidden = false;
    }
  }

  const parts = { "plein-search": searchPage, "plein-hashtag-feed": hashtagFeed, "plein-trending": trending };
  for (const [id, start] of Object.entries(parts)) {
    const el = document.getElementById(id);
    if (el) start(el);
  }
})();
