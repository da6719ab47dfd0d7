/* Plein social widget, the conversation under a page (<section id="plein-social"> with a page id): its comments
   and replies with their reactions, writing, editing and removing them, the earlier ones and those others post
   meanwhile. widget.js imports this module and starts it with its helpers (a `kit`); user text only ever reaches
   the page through textContent, comment bodies are the service's sanitized `html`. */

const REFRESH_MS = 30000;

/** Show the conversation of the page in `root` and keep it current; `shared` holds widget.js's helpers. */
export function conversation(shared) {
  const kit = { ...shared, load, announce }; // what widget-more.js draws with: the demo login loads the thread again
  const { h, call, act, showError, t, time, timeAgo, root, pageId, api, more, session, bell, followButton } = kit;
  const pagePath = "/pages/" + pageId.split("/").map(encodeURIComponent).join("/");

  let thread = null; // the last Thread loaded
  let older = null; // where the comments before those shown continue: the thread's `older` ({before, count})
  let app = null; // the widget's element inside the mount
  let uid = 0;
  let seen = ""; // the comment the address named that the service was told the viewer saw

  /** Say `message` to screen readers (the polite status line under the conversation). */
  function announce(message) {
    status.textContent = message;
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

  /** Emoji toggle buttons with counts and "Who reacted?" (a GET of `path`, where toggles are posted). */
  function reactionBar(reactions, path, label = t.reactions) {
    const can = thread.can.react;
    const buttons = thread.emoji.map((emoji) => h("button", {
      type: "button", class: "plein-emoji", disabled: !can,
      onclick: (event) => act(event.currentTarget, async () => update(await call("POST", path, { emoji }))),
    }));
    const people = h("p", { hidden: true });
    /** Fill the list of who reacted with what, as the service has it now. */
    const fill = async () => people.textContent = Object.entries((await call("GET", path)).people)
      .map(([emoji, list]) => emoji + " " + list.map((p) => p.name).join(", ")).join(" · ");
    const who = h("button", { type: "button", "aria-expanded": "false", onclick: () => act(who, async () => {
      if (people.hidden) await fill();
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
      if (who.hidden) who.setAttribute("aria-expanded", !(people.hidden = true));
      else if (!people.hidden) act(who, fill); // an open list follows the new counts
    }
    update(reactions);
    return h("div", { class: "plein-reactions", role: "group", "aria-label": label }, ...buttons, who, people);
  }

  /** A comment as shown: author, time, badges, its body (the service's sanitized HTML), reactions and actions. */
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

  /** The buttons for what the viewer may do with a comment (`can`): reply, edit, delete, mark best, hide, restore. */
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

  /** A comment with its replies, the best answer first, as a list item. */
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

  /** The reply form under a comment (or the focus back in it when open); the reply goes at the end of its replies. */
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

  /** The edit form in place of a comment's body, which shows again on cancel. */
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

  /** Delete a comment: one with replies stays in place as removed (focused), one without goes (focus to the heading). */
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

  /** The "earlier comments" button for the thread's `older` (hidden when there are none). */
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

  /** The count beside the heading: the comments shown and those not loaded yet. */
  function updateCount() {
    const count = root.querySelectorAll(".plein-visible").length + (older?.count || 0);
    counter.textContent = count ? ` (${count})` : "";
  }

  /** Who is signed in, with Sign out; else how to sign in (a link, choosing a demo name) or that one must to react. */
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

  /** Draw the thread (`data`, the service's Thread) in place of the one shown, or of the snapshot the build put in. */
  function render(data) {
    thread = data;
    session(data);
    root.querySelector(".plein-snapshot")?.remove();
    offlineNotice().hidden = true;
    const list = h("ol", { class: "plein-comments", "data-empty": t.empty }, ...data.comments.map(item));
    const form = data.can.comment && composer(list);
    const fresh = h("div", { class: "plein-app" },
      data.demo && h("p", { class: "plein-banner plein-demo" }, t.demo),
      account(),
      data.post_as?.length > 0 && h("p", {}, h("label", {}, `${t.postAs} `,
        h("select", { class: "plein-as" }, h("option", { value: "" }, data.viewer.name),
          ...data.post_as.map((d) => h("option", { value: d.id }, d.name))))),
      data.viewer && followButton(t.follow, "page", pageId, data.following),
      reactionBar(data.reactions, `${pagePath}/reactions`, t.pageReactions),
      data.page?.archived && h("p", { class: "plein-banner" }, t.archived),
      form && data.comments.length > 3 && jumpToForm(form),
      earlier, list, form);
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

  /** Under many comments the form is far down (a phone scrolls screens to reach it): a button that goes there. */
  function jumpToForm(form) {
    return h("button", { type: "button", class: "plein-jump", onclick: () => form.querySelector("textarea").focus() },
      t.writeComment);
  }

  /** The note that the service cannot be reached, created (hidden) on first use. */
  function offlineNotice() {
    let notice = root.querySelector(".plein-social__offline");
    if (!notice) root.append((notice = h("p", { class: "plein-social__offline", hidden: true }, t.offline)));
    return notice;
  }

  /** Scroll to and highlight the comment named in the address (#comment-<id>), loading earlier ones until it is
      shown (a notification may lead to an old comment); the viewer's notifications about it are then read. */
  function showTarget() {
    const named = location.hash.startsWith("#comment-");
    const target = named && document.getElementById(location.hash.slice(1));
    if (named && !target && older) return loadOlder().then(showTarget, () => {});
    if (!target || !root.contains(target)) return;
    root.querySelector(".plein-target")?.classList.remove("plein-target");
    target.classList.add("plein-target");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    if (thread.unread && seen !== target.id) {
      seen = target.id;
      call("POST", `/comments/${target.id.slice(8)}/seen`).then((out) => bell(out.unread), () => {});
    }
  }

  /** Ask for the thread and draw it; on failure the error in the thread shown, else the offline note (or the API's error). */
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
}
