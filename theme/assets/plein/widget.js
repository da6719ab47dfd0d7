/* Plein social widget: progressive enhancement of <section id="plein-social">.
   Contract: docs/architecture.md ("Widget mount", "Comments service API").
   Plain ES2020 modules. This one, the entry every page loads, holds the helpers the parts share (passed to them
   as a `kit`, no globals), the bell and the announcements; the conversation is widget-thread.js, imported here
   (base.html preloads it), and the parts few page loads need are widget-more.js, imported on use. User text only
   ever reaches the page through textContent, comment bodies are the service's sanitized `html`. */
import { conversation } from "./widget-thread.js";

const root = document.getElementById("plein-social"); // absent on search, tag and 404 pages: only the bell
const pageId = root?.dataset.pageId;

const lang = root?.dataset.lang || document.documentElement.lang || "en";
const t = JSON.parse(document.getElementById("plein-strings")?.textContent || "{}"); // theme/mkdocs_theme.yml `widget`
const config = JSON.parse(document.getElementById("plein-search-config")?.textContent || "{}");
const api = (root?.dataset.api || config.api || "/api").replace(/\/$/, "");
const home = document.querySelector(".site-title")?.href || "/"; // the site root, absolute
/** The parts few page loads need, loaded on use: the @ autocomplete (once a text box is focused), the home page's
    activity stream, announcements, choosing a demo name. */
const more = () => import(new URL("widget-more.js", import.meta.url));
const TIMEOUT_MS = 5000;
const UNITS = [["year", 31536e3], ["month", 2592e3], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });

let csrf = null;

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

/** "3 minutes ago" in the page's language, for `date`; the conversation brings its times up to date with it. */
function timeAgo(date) {
  const seconds = (date - Date.now()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return relative.format(0, "second");
}

/** A <time> saying how long ago `iso` was, the full date and time in its title. */
function time(iso) {
  const date = new Date(iso);
  const title = date.toLocaleString(lang, { dateStyle: "long", timeStyle: "short" });
  return h("time", { datetime: iso, title }, timeAgo(date));
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

/** What an answer about the viewer (/api/me, a thread) sets up on every page: the token their writes carry,
    the bell and the announcements. */
function session(data) {
  csrf = data.csrf_token;
  bell(data.viewer ? data.unread : null);
  notices(data.announcements);
}

/** Without a conversation on the page: the bell from /api/me and, on hashtag pages, a follow button. */
async function me() {
  const data = await call("GET", "/me").catch(() => ({}));
  session(data);
  const feed = document.querySelector("[data-hashtag]");
  const tag = feed?.dataset.hashtag;
  if (!data.viewer || !tag) return;
  const state = await call("GET", `/follows?kind=hashtag&target=${encodeURIComponent(tag)}`).catch(() => null);
  if (state) feed.before(h("p", { class: "plein-social" }, followButton(`${t.followTag} #${tag}`, "hashtag", tag, state.following)));
}

/** What the other parts draw with: widget-thread.js (the conversation) and widget-more.js (the parts loaded on use). */
const kit = { h, call, act, showError, t, time, timeAgo, root, pageId, api, more, session, bell, followButton };
if (location.pathname === new URL(home).pathname) more().then((parts) => parts.activity(kit)).catch(() => {});
if (pageId) conversation(kit);
else me();
