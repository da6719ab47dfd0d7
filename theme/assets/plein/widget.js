/* Plein social widget: progressive enhancement of <section id="plein-social">.
   Contract: docs/architecture.md ("Widget mount", "Comments service API").
   Plain ES2020 in one IIFE; user text only ever reaches the page through textContent,
   comment bodies are the service's sanitized `html`. */
(() => {
  "use strict";

  const root = document.getElementById("plein-social"); // absent on search, tag and 404 pages: only the bell
  const pageId = root?.dataset.pageId;

  const lang = root?.dataset.lang || document.documentElement.lang || "en";
  const t = JSON.parse(document.getElementById("plein-strings")?.textContent || "{}"); // theme/mkdocs_theme.yml `widget`
  const config = JSON.parse(document.getElementById("plein-search-config")?.textContent || "{}");
  const api = (root?.dataset.api || config.api || "/api").replace(/\/$/, "");
  const pagePath = "/pages/" + pageId?.split("/").map(encodeURIComponent).join("/");
  const home = document.querySelector(".site-title")?.href || "/"; // the site root, absolute
  const script = document.currentScript;
  /** The parts few page loads need, loaded on use: the @ autocomplete (once a text box is focused), the home page's
      activity stream, announcements, choosing a demo name. */
  const more = () => import(new URL("widget-more.js", script.src));
  const TIMEOUT_MS = 5000;
  const REFRESH_MS = 30000;
  const UNITS = [["year", 31536e3], ["month", 2592e3], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });

  let thread = null; // the last Thread loaded
  let older = null; // where the comments before those shown continue: the thread's `older` ({before, count})
  let csrf = null;
  let app = null; // the widget's element inside the mount
  let uid = 0;

  /** Create an element: `on*` attributes become listeners, false/null attributes are left out,
      children are nodes or strings (strings become text, never HTML). */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else if (value !== false && value != null) el.setAttribute(key, value === true ? "" : value);
    }
    el.append(...children.filter((child) => child || child === 0));
    return el;
  }

  // randomUUID exists in secure contexts only (not on a plain-http intranet)
  const newKey = () => crypto.randomUUID?.() || Math.random().toString(36).slice(2) + Date.now().toString(36);

  /** Call the API; resolves with the JSON answer, rejects with an Error whose message can be shown.
      `offline` is set when the service is unreachable (network, timeout, 5xx, not our API). A POST without an answer
      is sent once more with its Idempotency-Key (the service does it once). */
  async function call(method, path, body, key = method === "POST" && newKey(), again = true) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const headers = { Accept: "application/json", "Accept-Language": lang }; // API errors in the page's language
    if (method !== "GET") Object.assign(headers, { "Content-Type": "application/json", "X-CSRF-Token": csrf || "" });
    if (key) headers["Idempotency-Key"] = key;
    let response = null;
    let data = null;
    try {
      response = await fetch(api + path, {
        method, headers, signal: controller.signal, cache: "no-cache", credentials: "same-origin",
        body: method === "GET" ? undefined : JSON.stringify(body || {}),
      });
      data = response.status === 204 ? {} : await response.json();
    } catch {
      // network error, timeout or a body that is not JSON: handled below
    } finally {
      clearTimeout(timer);
    }
    if (response?.ok && data) return data;
    if (key && again && !response) return call(method, path, body, key, false);
    const message = response && response.status < 500 && data?.error?.message;
    throw Object.assign(new Error(message || t.offline), { offline: !message });
  }

  function announce(message) {
    status.textContent = message;
  }

  /** Show an error next to the control that caused it (in its form, reaction bar, comment or the widget). */
  function showError(near, message) {
    const host = near.closest("form, .plein-reactions, article, aside, .plein-app, .plein-social");
    let box = host.querySelector(":scope > .plein-error");
    if (!box && !message) return;
    if (!box) host.append((box = h("p", { class: "plein-error", role: "alert" })));
    box.textContent = message;
  }

  /** Run an action for a button once at a time; its failure is shown next to the button. */
  async function act(button, action) {
    if (button.getAttribute("aria-disabled")) return;
    button.setAttribute("aria-disabled", "true");
    showError(button, "");
    try {
      await action();
    } catch (error) {
      if (button.isConnected) showError(button, error.message);
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  function timeAgo(date) {
    const seconds = (date - Date.now()) / 1000;
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
    }
    return relative.format(0, "second");
  }

  function time(iso) {
    const date = new Date(iso);
    const title = date.toLocaleString(lang, { dateStyle: "long", timeStyle: "short" });
    return h("time", { datetime: iso, title }, timeAgo(date));
  }

  /** A text form (new comment, reply, edit): `submit(text)` runs on send (also Ctrl+Enter), the field empties
      on success; `cancel`, when given, gets a button and the Escape key. */
  function textForm(label, submitLabel, value, submit, cancel) {
    const id = "plein-text-" + ++uid;
    const area = h("textarea", { id, name: "text", rows: 3, required: true, dir: "auto", "aria-describedby": id + "n" });
    const size = h("small", { id: id + "n", class: "plein-note" });
    const count = (max = thread.text_max, n = [...area.value].length) => { // past 80 % of the limit
      size.textContent = n > max * 0.8 ? t.length.replace("{n}", n).replace("{max}", max) : "";
      area.setAttribute("aria-invalid", n > max);
    };
    area.addEventListener("input", () => count());
    area.addEventListener("focus", () => more().then((parts) => parts.mentions(kit, area)), { once: true });
    area.value = value;
    count();
    const send = h("button", { type: "submit", class: "plein-primary" }, submitLabel);
    const form = h("form", { class: "plein-form" },
      h("label", { for: id }, label), area, size,
      h("div", { class: "plein-row" }, send,
        cancel && h("button", { type: "button", onclick: cancel }, t.cancel)));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(send, async () => { await submit(area.value); area.value = ""; count(); }); // blank, too long: API says
    });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
      if (event.key === "Escape" && cancel) cancel();
    });
    return form;
  }

  /** A toggle for following a page or hashtag (`kind`, `target`); pressed while followed. */
  function followButton(label, kind, target, following) {
    const button = h("button", { type: "button", class: "plein-follow", "aria-pressed": `${!!following}`,
      onclick: () => act(button, async () => {
        const on = button.getAttribute("aria-pressed") === "true";
        button.setAttribute("aria-pressed", (await call(on ? "DELETE" : "PUT", "/follows", { kind, target })).following);
      }) }, label);
    return button;
  }

  /** The bell in the site header (the theme's template): a link to the notifications page with the unread count;
      none when signed out. */
  function bell(count) {
    const bar = document.querySelector(".site-header__bar");
    let link = bar?.querySelector(".plein-bell");
    if (count == null) return link?.remove();
    const template = document.getElementById("plein-bell");
    if (!template) return;
    if (!link) template.after((link = template.content.firstElementChild.cloneNode(true)));
    link.lastChild.textContent = count || "";
    link.setAttribute("aria-label", count ? `${t.bell}, ${count} ${t.unread}` : t.bell);
  }

  /** The reader's unseen announcements on top of the page (drawn by widget-more.js when there are any). */
  function notices(items = []) {
    document.querySelectorAll(".plein-announcement").forEach((el) => el.remove());
    if (items.length) more().then((parts) => parts.notices(kit, items));
  }

  /** Without a conversation on the page: the bell from /api/me and, on hashtag pages, a follow button. */
  async function me() {
    const data = await call("GET", "/me").catch(() => ({}));
    csrf = data.csrf_token;
    bell(data.viewer ? data.unread : null);
    notices(data.announcements);
    const feed = document.querySelector("[data-hashtag]");
    const tag = feed?.dataset.hashtag;
    if (!data.viewer || !tag) return;
    const state = await call("GET", `/follows?kind=hashtag&target=${encodeURIComponent(tag)}`).catch(() => null);
    if (state) feed.before(h("p", { class: "plein-social" }, followButton(`${t.followTag} #${tag}`, "hashtag", tag, state.following)));
  }

  /** Emoji toggle buttons with counts and "Who reacted?" (a GET of `path`, where toggles are posted). */
  function reactionBar(reactions, path, label = t.reactions) {
    const can = thread.can.react;
    const buttons = thread.emoji.map((emoji) => h("button", {
      type: "button", class: "plein-emoji", disabled: !can,
      onclick: (event) => act(event.currentTarget, async () => update(await call("POST", path, { emoji }))),
    }));
    const people = h("p", { hidden: true });
    const who = h("button", { type: "button", "aria-expanded": "false", onclick: () => act(who, async () => {
      if (people.hidden) people.textContent = Object.entries((await call("GET", path)).people)
        .map(([emoji, list]) => emoji + " " + list.map((p) => p.name).join(", ")).join(" · ");
      who.setAttribute("aria-expanded", !(people.hidden = !people.hidden));
    }) }, t.who);
    function update({ counts = {}, mine = [] }) {
      thread.emoji.forEach((emoji, i) => {
        const count = counts[emoji] || 0;
        buttons[i].textContent = count ? `${emoji} ${count}` : emoji;
        buttons[i].setAttribute("aria-label", `${t.reactWith} ${buttons[i].textContent}`);
        buttons[i].setAttribute("aria-pressed", mine.includes(emoji));
        buttons[i].hidden = !can && !count;
      });
      who.hidden = !Object.values(counts).some(Boolean);
      who.setAttribute("aria-expanded", !(people.hidden = true)); // reopened: fresh
    }
    update(reactions);
    return h("div", { class: "plein-reactions", role: "group", "aria-label": label }, ...buttons, who, people);
  }

  function article(comment) {
    const { id, state, author } = comment;
    const body = h("div", { class: "plein-body", dir: "auto" });
    if (state === "removed") body.textContent = t.removed;
    else body.innerHTML = comment.html; // sanitized by the service, with hashtag and mention links
    const el = h("article", { id: "comment-" + id, class: "plein-comment plein-" + state, tabindex: -1 },
      h("header", {},
        author && h("strong", {}, author.name), author?.written_by && ` (${author.written_by.name})`, " ",
        h("a", { href: "#comment-" + id, class: "plein-permalink" }, time(comment.created)),
        comment.edited && h("span", { class: "plein-note" }, t.edited),
        state === "hidden" && h("span", { class: "plein-badge" }, t.hiddenMark), badge(comment)),
      body,
      state !== "removed" && reactionBar(comment.reactions || {}, `/comments/${id}/reactions`));
    el.append(actions(comment, el));
    el.comment = comment; // its badge is drawn again when the page's questions change
    return el;
  }

  function actions(comment, el) {
    const can = comment.can || {};
    const bar = h("div", { class: "plein-actions" });
    const add = (allowed, label, run) => allowed && bar.append(
      h("button", { type: "button", onclick: (event) => run(event.currentTarget) }, label));
    add(can.reply && thread.can.comment, t.reply, (button) => openReply(comment, el, button));
    add(can.edit, t.edit, (button) => openEdit(comment, el, button));
    add(can.delete, t.del, (button) => confirm(t.confirmDelete) && act(button, () => remove(comment, el)));
    const q = thread.questions?.[comment.parent_id];
    const best = q?.best_answer_id === comment.id;
    add(q?.can_mark && comment.state === "visible", best ? t.unmarkBest : t.markBest, (button) => act(button, async () => {
      await call(best ? "DELETE" : "POST", `/questions/${comment.parent_id}/best`, { answer_id: comment.id });
      history.replaceState(null, "", "#comment-" + comment.id); // shown again after the reload, even if earlier
      await load();
    }));
    for (const action of ["hide", "restore"]) {
      add(can[action], t[action], (button) => act(button, async () => {
        replace(el, await call("POST", `/comments/${comment.id}/${action}`));
        announce(t[action === "hide" ? "hidden" : "restored"]);
      }));
    }
    return bar;
  }

  /** A question's state, or "best answer" on the reply its asker (or owner, moderator) chose. */
  function badge({ id, parent_id: parent }) {
    const q = thread.questions?.[id];
    const best = thread.questions?.[parent]?.best_answer_id === id;
    return (q || best) && h("span", { class: "plein-badge plein-q" }, q ? t[q.state + "Q"] : t.bestAnswer);
  }

  /** The question badges of the comments shown, after the page's questions changed (answered, solved). */
  function badges(questions) {
    if (JSON.stringify(questions) === JSON.stringify(thread.questions)) return;
    thread.questions = questions;
    for (const el of app.querySelectorAll("article.plein-comment")) {
      el.querySelector(".plein-q")?.remove();
      el.firstElementChild.append(badge(el.comment) || "");
    }
  }

  function item(comment) {
    const best = thread.questions?.[comment.id]?.best_answer_id; // shown right under its question
    const replies = h("ol", { class: "plein-replies" },
      ...(comment.replies || []).sort((a, b) => (b.id === best) - (a.id === best)).map(item));
    return h("li", {}, article(comment), replies);
  }

  /** Put a fresh rendering of `comment` in place of `el` and move focus there. */
  function replace(el, comment) {
    const fresh = article(comment);
    el.replaceWith(fresh);
    fresh.focus();
    updateCount();
    return fresh;
  }

  function openReply(comment, el, button) {
    const open = el.nextElementSibling;
    if (open?.matches("form")) return open.querySelector("textarea").focus();
    const form = textForm(t.replyLabel, t.post, "", async (text) => {
      const posted = await post(text, comment.id, el.parentElement.lastElementChild);
      form.remove();
      posted.focus();
    }, () => { form.remove(); button.focus(); });
    el.after(form);
    form.querySelector("textarea").focus();
  }

  function openEdit(comment, el, button) {
    const body = el.querySelector(".plein-body");
    if (body.hidden) return;
    const form = textForm(t.editLabel, t.save, comment.text || body.textContent, async (text) => {
      replace(el, await call("PATCH", `/comments/${comment.id}`, { text }));
      announce(t.saved);
    }, () => { form.remove(); body.hidden = false; button.focus(); });
    body.hidden = true;
    body.after(form);
    form.querySelector("textarea").focus();
  }

  async function remove(comment, el) {
    const removed = await call("DELETE", `/comments/${comment.id}`);
    const li = el.parentElement;
    if (li.querySelector(".plein-replies > li")) replace(el, removed);
    else {
      li.remove();
      updateCount();
      heading.focus();
    }
    announce(t.deleted);
  }

  /** Post a comment or reply, add it to `list` and announce it; returns its article. */
  async function post(text, parentId, list, question = false) {
    const comment = await call("POST", `${pagePath}/comments`,
      { text, parent_id: parentId, question, as: app.querySelector(".plein-as")?.value || null });
    if (question) (thread.questions ||= {})[comment.id] = { state: "open" };
    // a refresh may have brought it in already
    const li = document.getElementById("comment-" + comment.id)?.parentElement || list.appendChild(item(comment));
    updateCount();
    announce(describe(li));
    return li.firstElementChild;
  }

  /** "New comment by <name>: <text>" for the comment in `li`. */
  function describe(li) {
    const name = li.querySelector("header strong")?.textContent;
    return `${t.posted} ${name}: ${li.querySelector(".plein-body").innerText}`;
  }

  /** Put the comments of an answer that are not shown yet where they belong among their siblings (in order of
      writing, which ids follow); returns their new list items. */
  function merge(comments, list, added = []) {
    for (const comment of comments) {
      const shown = document.getElementById("comment-" + comment.id);
      if (shown) merge(comment.replies || [], shown.parentElement.lastElementChild, added);
      else added.push(list.insertBefore(item(comment),
        [...list.children].find((li) => +li.firstElementChild.id.slice(8) > comment.id) || null));
    }
    return added;
  }

  /** The answer before the oldest comments shown, merged in; the button then names how many are left. */
  async function loadOlder() {
    const data = await call("GET", `${pagePath}/thread?before=${older.before}`);
    merge(data.comments, app.querySelector(".plein-comments"));
    showOlder(data.older);
  }

  function showOlder(next) {
    older = next;
    earlier.hidden = !next;
    earlier.textContent = t.older.replace("{n}", next?.count);
    updateCount();
  }

  /** Add the comments others posted since the thread was shown (replies too) and announce them. */
  async function refresh() {
    if (document.hidden || !app) return;
    let data;
    try {
      data = await call("GET", `${pagePath}/thread`);
    } catch {
      return; // keep what is shown; the next refresh tries again
    }
    bell(data.viewer ? data.unread : null);
    badges(data.questions);
    const added = merge(data.comments, app.querySelector(".plein-comments"));
    if (!added.length) return;
    updateCount();
    announce(added.filter((li) => li.firstElementChild.matches(".plein-visible")).map(describe).join(" "));
  }

  function updateCount() { // those shown and those not loaded yet
    const count = root.querySelectorAll(".plein-visible").length + (older?.count || 0);
    counter.textContent = count ? ` (${count})` : "";
  }

  function account() {
    const { viewer, demo, login } = thread;
    if (viewer) {
      return h("p", { class: "plein-account" }, `${t.signedIn} `, h("strong", {}, viewer.name), " ",
        (demo || login) && h("button", { type: "button", onclick: (event) => act(event.currentTarget, async () => {
          const out = await call("POST", demo ? "/demo/logout" : "/auth/logout");
          if (out.redirect) return location.assign(out.redirect); // OpenID Connect: the provider ends its login too
          await load();
          heading.focus();
        }) }, t.signOut));
    }
    if (login) return h("p", { class: "plein-account" }, h("a", { href: `${api}/auth/login?next=${location.pathname}` }, t.signIn));
    if (!demo) return h("p", { class: "plein-account" }, t.signInToReact);
    const slot = h("div"); // demo mode only: choosing a name is one of the parts loaded on use
    more().then((parts) => slot.replaceWith(parts.demoLogin(kit)));
    return slot;
  }

  function render(data) {
    thread = data;
    csrf = data.csrf_token;
    bell(data.viewer ? data.unread : null);
    notices(data.announcements);
    root.querySelector(".plein-snapshot")?.remove();
    offlineNotice().hidden = true;
    const list = h("ol", { class: "plein-comments", "data-empty": t.empty }, ...data.comments.map(item));
    const fresh = h("div", { class: "plein-app" },
      data.demo && h("p", { class: "plein-banner plein-demo" }, t.demo),
      account(),
      data.post_as?.length > 0 && h("p", {}, h("label", {}, `${t.postAs} `,
        h("select", { class: "plein-as" }, h("option", { value: "" }, data.viewer.name),
          ...data.post_as.map((d) => h("option", { value: d.id }, d.name))))),
      data.viewer && followButton(t.follow, "page", pageId, data.following),
      reactionBar(data.reactions, `${pagePath}/reactions`, t.pageReactions),
      data.page?.archived && h("p", { class: "plein-banner" }, t.archived),
      earlier, list,
      data.can.comment && composer(list));
    if (app) app.replaceWith(fresh);
    else status.before(fresh);
    app = fresh;
    showOlder(data.older);
    showTarget();
  }

  /** The form of a new comment, which may be asked as a question. */
  function composer(list) {
    const box = h("input", { type: "checkbox" });
    const form = textForm(t.comment, t.post, "", async (text) => {
      await post(text, null, list, box.checked);
      box.checked = false;
    });
    form.querySelector(".plein-row").before(h("label", { class: "plein-ask" }, box, t.askQuestion));
    return form;
  }

  function offlineNotice() {
    let notice = root.querySelector(".plein-social__offline");
    if (!notice) root.append((notice = h("p", { class: "plein-social__offline", hidden: true }, t.offline)));
    return notice;
  }

  /** Scroll to and highlight the comment named in the address (#comment-<id>), loading earlier ones until it is
      shown (a notification may lead to an old comment). */
  function showTarget() {
    const named = location.hash.startsWith("#comment-");
    const target = named && document.getElementById(location.hash.slice(1));
    if (named && !target && older) return loadOlder().then(showTarget, () => {});
    if (!target || !root.contains(target)) return;
    root.querySelector(".plein-target")?.classList.remove("plein-target");
    target.classList.add("plein-target");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      render(await call("GET", `${pagePath}/thread`));
    } catch (error) {
      if (app) return showError(app, error.message);
      const notice = offlineNotice();
      if (!error.offline) notice.textContent = error.message;
      notice.hidden = false;
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  const kit = { h, call, act, t, time, root, load, announce }; // what widget-more.js draws with
  if (location.pathname === new URL(home).pathname) more().then((parts) => parts.activity(kit)).catch(() => {});
  if (!pageId) return me();
  const heading = root.querySelector("h2") || root;
  const counter = h("span", { class: "plein-count" });
  const earlier = h("button", { type: "button", class: "plein-older", hidden: true, onclick: () => act(earlier, loadOlder) });
  heading.setAttribute("tabindex", -1);
  heading.append(counter);
  const status = h("p", { class: "plein-sr", role: "status", "aria-live": "polite" });
  root.append(status);
  addEventListener("hashchange", showTarget);
  document.addEventListener("visibilitychange", refresh);
  setInterval(() => {
    for (const el of root.querySelectorAll("time[datetime]")) el.textContent = timeAgo(new Date(el.dateTime));
    refresh();
  }, REFRESH_MS);
  load();
})();
