/* Plein social widget, the parts few page loads need: widget.js imports this module when one is needed, so the
   widget every page loads stays within its budget. Each part gets the widget's helpers (`h`, `call`, `act`, `t`,
   `time`, `root`) from widget.js, and in a conversation `load` and `announce` from widget-thread.js; user text only
   ever reaches the page through textContent. */

/** The reader's unseen announcements on top of the page (the theme's template); Dismiss is a POST. */
export function notices({ act, call }, items) {
  const template = document.getElementById("plein-announcement");
  for (const { id, title, text, url } of template ? items : []) {
    const el = template.content.firstElementChild.cloneNode(true);
    const [name, words, link, button] = el.querySelectorAll("strong, span, a, button");
    name.textContent = title;
    el.setAttribute("aria-label", `${el.getAttribute("aria-label")}: ${title}`); // one landmark name per banner
    words.textContent = text || "";
    link.href = url;
    button.onclick = () => act(button, async () => el.remove(await call("POST", `/announcements/${id}/dismiss`)));
    template.before(el);
  }
}

/** On the home page: the conversations going on now across the site (/api/activity), a page at a time. */
export async function activity({ h, call, act, t, time, root }) {
  const list = h("ol", { class: "plein-comments" });
  const more = h("button", { type: "button", onclick: () => act(more, next) }, t.more);
  const box = h("section", { class: "plein-social plein-activity", "aria-labelledby": "plein-now" },
    h("h2", { id: "plein-now" }, t.now), list, more);
  let page = 0;
  async function next() {
    const data = await call("GET", "/activity?page=" + (page + 1));
    const shown = list.children.length;
    page = data.page;
    list.append(...data.items.map(({ author, page: { url, title }, permalink, excerpt, created }) => h("li", {},
      h("article", { class: "plein-comment" }, h("header", {},
        author && h("a", { href: author.url }, author.name), author && ` ${t.on} `,
        h("a", { href: url }, title), h("a", { href: permalink, class: "plein-permalink" }, time(created))),
      h("p", { dir: "auto" }, excerpt)))));
    more.hidden = page >= data.pages;
    if (shown) list.children[shown].querySelector("a").focus(); // "more": on to the first new one
  }
  await next();
  if (list.children.length) (document.getElementById("plein-trending") || root).before(box);
}

/** Demo mode: choose a name to join in (a signed session cookie), then the thread again as that person. */
export function demoLogin({ h, call, act, t, root, load }) {
  const name = h("input", { id: "plein-name", name: "name", required: true, maxlength: 80, autocomplete: "nickname" });
  const send = h("button", { type: "submit" }, t.signIn);
  const form = h("form", { class: "plein-form plein-login" }, h("label", { for: name.id }, t.name),
    h("div", { class: "plein-row" }, name, send));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(send, async () => {
      await call("POST", "/demo/login", { name: name.value.trim() });
      await load(); // the thread says what the new viewer may do, and gives their CSRF token
      root.querySelector("textarea")?.focus();
    });
  });
  return form;
}

/** The @ autocomplete of `area` (its listbox after the field's note): after a pause in typing `@` and letters,
    colleagues by name; arrows move, Enter or Tab inserts `@<handle> `, Escape closes. The field stays a multi-line
    textbox (ARIA allows `textarea` no combobox role): `aria-autocomplete`, `aria-controls` and the active option
    tell assistive technology, and the live region says how many were found. */
export function mentions({ h, call, t, announce }, area) {
  const list = h("ul", { id: area.id + "-m", role: "listbox", class: "plein-mentions", "aria-label": t.people });
  const set = (name, value) => area.setAttribute(name, value);
  let people = [];
  let active = 0;
  let start = 0;
  let asked = 0;
  let timer;
  const close = () => show([]);
  const choose = (person) => {
    area.setRangeText(`@${person.handle} `, start, area.selectionStart, "end");
    close();
  };
  function show(found) {
    people = found;
    active = 0;
    list.replaceChildren(...found.map((person, i) => {
      const note = person.kind === "department" ? t.account : person.department;
      return h("li", {
        id: list.id + i, role: "option", onmousedown: (event) => { event.preventDefault(); choose(person); },
      }, person.name, note && h("small", {}, note));
    }));
    list.hidden = !found.length;
    mark();
  }
  function mark() {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", i === active));
    if (people.length) set("aria-activedescendant", list.id + active);
    else area.removeAttribute("aria-activedescendant");
  }
  set("aria-autocomplete", "list");
  set("aria-controls", list.id);
  show([]);
  area.addEventListener("input", suggest);
  function suggest() {
    const typed = /(?:^|\s)@([\p{L}\d._-]{1,40})$/u.exec(area.value.slice(0, area.selectionStart))?.[1];
    const ask = ++asked; // an answer to an older question is dropped
    clearTimeout(timer);
    if (!typed) return close();
    start = area.selectionStart - typed.length - 1;
    timer = setTimeout(async () => {
      const found = (await call("GET", "/people?q=" + encodeURIComponent(typed)).catch(() => ({}))).people || [];
      if (ask !== asked) return;
      show(found);
      announce(`${t.found} ${found.length}`);
    }, 250);
  }
  area.addEventListener("keydown", (event) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (!people.length || event.ctrlKey || !(step || /^(Enter|Tab|Escape)$/.test(event.key))) return;
    event.preventDefault();
    event.stopImmediatePropagation(); // not the form's Escape (cancel) or Ctrl+Enter
    if (step) {
      active = (active + step + people.length) % people.length;
      mark();
    } else if (event.key === "Escape") close();
    else choose(people[active]);
  }, true); // before the form's own keys (Escape cancels, Ctrl+Enter sends), which it may stop
  area.addEventListener("blur", close);
  area.nextElementSibling.after(list);
  suggest(); // what was typed before this module arrived
}
