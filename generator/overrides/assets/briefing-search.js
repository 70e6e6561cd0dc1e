// The header's search box: Pagefind's index of the page's language, queried with the words generator/search.py
// indexed (the same tokenizer, written again here; tests/test_search_words.py runs both on the same text).
(function () {
  "use strict";

  const CJK = "\\u3041-\\u3096\\u309d-\\u309f\\u30a1-\\u30fa\\u30fc-\\u30ff\\u3005-\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
  const LATIN = "a-z\\u00df-\\u00f6\\u00f8-\\u024f";
  const TOKEN = new RegExp(
    `([${CJK}]+)|([${LATIN}0-9]*[${LATIN}][${LATIN}0-9]*)|([0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?)|(%)`,
    "gu",
  );
  const JOINERS = /[\u30fb\u00b7]/g;
  const START = "zqzqzq";
  // The index is local: a search starts this long after the last keystroke.
  const DEBOUNCE_MS = 100;

  const normalize = (text) => text.normalize("NFKC").toLowerCase();
  const nameKey = (text) => normalize(text).replace(JOINERS, "").split(/\s+/).filter(Boolean).join(" ");

  function charWord(char) {
    let code = char.codePointAt(0);
    const letters = [];
    for (let i = 0; i < 4; i++) {
      letters.unshift(String.fromCharCode(97 + (code % 26)));
      code = Math.floor(code / 26);
    }
    return "z" + letters.join("") + "q";
  }

  function tokens(text) {
    const out = [];
    for (const m of normalize(text).matchAll(TOKEN)) {
      if (m[1]) out.push(["cjk", m[1]]);
      else if (m[2]) out.push(["word", m[2]]);
      else if (m[3]) out.push(["num", m[3].replace(/,/g, "").replace(/\./g, "d") + "n"]);
      else out.push(["pct", "pct"]);
    }
    return out;
  }

  // The phrase a query is searched as; mirrors text_words in generator/search.py.
  function queryWords(query) {
    const words = [];
    for (const [kind, value] of tokens(query)) {
      if (kind !== "cjk") {
        words.push(value);
        continue;
      }
      const codes = Array.from(value, charWord);
      for (let i = 0; i + 1 < codes.length; i++) words.push(codes[i], codes[i] + codes[i + 1]);
      words.push(codes[codes.length - 1]);
    }
    return words;
  }

  const escapeHtml = (text) =>
    text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  // The page's visible text as Pagefind stored it, without its search words.
  function visibleText(data) {
    const end = data.content.indexOf(START);
    return (end >= 0 ? data.content.slice(0, end) : data.content).replace(/\u200b/g, "");
  }

  // Where the query stands in the text: a map from each normalised character back to the original text,
  // so the excerpt shows the text as written (全角, case) with the match marked.
  function findIn(text, query) {
    const target = normalize(query).replace(/\s+/g, " ").trim();
    if (!target) return null;
    let flat = "";
    const at = [];
    for (let i = 0; i < text.length; ) {
      const char = String.fromCodePoint(text.codePointAt(i));
      const norm = normalize(char).replace(/\s+/g, " ");
      for (const _ of norm) at.push(i);
      flat += norm;
      i += char.length;
    }
    const found = flat.indexOf(target);
    if (found < 0) return null;
    const last = at[found + target.length - 1];
    return [at[found], last + String.fromCodePoint(text.codePointAt(last)).length];
  }

  function excerpt(text, span, width) {
    if (!span) return escapeHtml(text.slice(0, width * 2)) + (text.length > width * 2 ? "…" : "");
    const [from, to] = span;
    const start = Math.max(0, from - width);
    const end = Math.min(text.length, to + width);
    return (
      (start > 0 ? "…" : "") +
      escapeHtml(text.slice(start, from)) +
      "<mark>" + escapeHtml(text.slice(from, to)) + "</mark>" +
      escapeHtml(text.slice(to, end)) +
      (end < text.length ? "…" : "")
    );
  }

  // The section a match is in: the last heading with an id before it (Pagefind counts words between spaces).
  function sectionOf(data, text, span) {
    if (!span) return null;
    const words = text.slice(0, span[0]).split(/\s+/).filter(Boolean).length;
    let section = null;
    for (const anchor of data.anchors || []) {
      if (/^h[2-4]$/.test(anchor.element) && anchor.location <= words && anchor.id) section = anchor;
    }
    return section;
  }

  class Search {
    constructor(box) {
      this.box = box;
      this.input = box.querySelector("input");
      this.panel = box.querySelector(".briefing-search__results");
      this.bundle = new URL(box.dataset.bundle, document.baseURI).href;
      this.root = new URL("../", this.bundle).href;
      this.names = null;
      this.pagefind = null;
      this.loading = null;
      this.generation = 0;
      this.shown = [];
      this.timer = null;
      this.input.addEventListener("input", () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.run(this.input.value), DEBOUNCE_MS);
      });
      // The index and the names load while the reader types the first word.
      this.input.addEventListener("focus", () => this.load(), { once: true });
      this.input.addEventListener("keydown", (event) => {
        if (event.key === "Escape") this.clear();
      });
      // Escape anywhere closes the results; a click elsewhere hides them until the box has focus again.
      document.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && !this.panel.hidden) {
          this.clear();
          this.input.focus();
        }
      });
      document.addEventListener("click", (event) => {
        if (!box.contains(event.target)) this.panel.hidden = true;
      });
      this.input.addEventListener("focus", () => {
        if (this.panel.childElementCount) this.panel.hidden = false;
      });
    }

    load() {
      this.loading ??= Promise.all([
        import(this.bundle + "pagefind.js").then(async (pagefind) => {
          await pagefind.options({ excerptLength: 30 });
          await pagefind.init();
          return pagefind;
        }),
        fetch(new URL(this.box.dataset.names, document.baseURI)).then((r) => r.json()),
      ]).then(([pagefind, names]) => {
        this.pagefind = pagefind;
        this.names = names;
      });
      return this.loading;
    }

    async phrase(query) {
      const words = queryWords(query);
      if (!words.length) return [];
      const found = await this.pagefind.search(`"${words.join(" ")}"`);
      return found ? found.results : [];
    }

    // Every page the query is on: the query as a phrase; a name also as every other name of what it names;
    // words apart (each a phrase) if the whole is nowhere; Pagefind's own word search for a Latin word typed in part.
    async find(query) {
      const normal = normalize(query).trim();
      const entities = (this.names.forms[nameKey(query)] || []).map((i) => this.names.entities[i]);
      const variants = new Set([query]);
      for (const entity of entities) for (const form of entity.forms) variants.add(form);
      const results = new Map();
      for (const found of await Promise.all([...variants].map((v) => this.phrase(v)))) {
        for (const r of found) results.set(r.id, r);
      }
      const parts = normal.split(/\s+/).filter(Boolean);
      if (!results.size && parts.length > 1) {
        let common = null;
        for (const part of parts) {
          const ids = new Map((await this.phrase(part)).map((r) => [r.id, r]));
          common = common ? new Map([...common].filter(([id]) => ids.has(id))) : ids;
        }
        for (const [id, r] of common) results.set(id, r);
      }
      const last = (normal.match(/[a-z0-9]+$/) || [""])[0];
      if (!results.size && /[a-z]/.test(last)) {
        // A Latin word typed in part (xiao): Pagefind's own search matches word beginnings, and beyond them
        // the longest indexed word the query begins with; only pages with a word starting so are kept.
        const loose = await this.pagefind.search(query);
        const start = new RegExp(`(^|[^a-z0-9])${last}`);
        const found = loose ? loose.results.slice(0, 50) : [];
        const datas = await Promise.all(found.map((r) => r.data()));
        found.forEach((r, i) => start.test(normalize(visibleText(datas[i]))) && results.set(r.id, r));
      }
      return { results: [...results.values()], entities, variants: [...variants] };
    }

    async run(query) {
      const generation = ++this.generation;
      if (!query.trim()) return this.clear();
      await this.load();
      const { results, entities, variants } = await this.find(query);
      if (generation !== this.generation) return;
      const pinned = entities.map((e) => ({ url: new URL(e.url, this.root).href, title: e.title, text: e.text }));
      this.query = query;
      this.variants = variants;
      this.pinned = pinned;
      this.results = results;
      this.shown = [];
      this.panel.innerHTML = "";
      this.panel.hidden = false;
      this.panel.setAttribute("aria-busy", "true");
      const count = results.length;
      const summary = document.createElement("p");
      summary.className = "briefing-search__summary";
      summary.setAttribute("role", "status");
      const labels = this.names.labels;
      const pattern = count === 0 ? labels.none : count === 1 ? labels.one : labels.other;
      summary.textContent = pattern.replace("#", String(count));
      this.panel.append(summary);
      this.list = document.createElement("ol");
      this.list.className = "briefing-search__list";
      this.panel.append(this.list);
      for (const entry of pinned) this.list.append(this.item(entry.url, entry.title, escapeHtml(entry.text), null, true));
      await this.more(generation);
    }

    item(url, title, html, sub, pinned) {
      const li = document.createElement("li");
      li.className = "briefing-search__result" + (pinned ? " briefing-search__result--pinned" : "");
      const link = document.createElement("a");
      link.href = url;
      link.className = "briefing-search__link";
      link.textContent = title;
      li.append(link);
      if (html) {
        const p = document.createElement("p");
        p.className = "briefing-search__excerpt";
        p.innerHTML = html;
        li.append(p);
      }
      if (sub) {
        const a = document.createElement("a");
        a.href = sub.url;
        a.className = "briefing-search__section";
        a.textContent = sub.title;
        li.append(a);
      }
      return li;
    }

    async more(generation) {
      this.panel.setAttribute("aria-busy", "true");
      const next = this.results.slice(this.shown.length, this.shown.length + 10);
      const datas = await Promise.all(next.map((r) => r.data()));
      if (generation !== this.generation) return;
      const pinnedUrls = new Set(this.pinned.map((p) => p.url.split("#")[0]));
      for (const data of datas) {
        this.shown.push(data);
        const url = new URL(data.url, location.href).href;
        if (pinnedUrls.has(url)) continue;
        const text = visibleText(data);
        // A reading or an alias finds pages that show another name of the same entity: mark that one.
        let span = null;
        for (const variant of this.variants) if ((span = findIn(text, variant))) break;
        const section = sectionOf(data, text, span);
        const sub = section ? { url: `${url}#${section.id}`, title: section.text } : null;
        this.list.append(this.item(url, data.meta.title || url, excerpt(text, span, 40), sub, false));
      }
      this.panel.querySelector(".briefing-search__more")?.remove();
      if (this.shown.length < this.results.length) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "briefing-search__more md-button";
        button.textContent = this.names.labels.more;
        button.addEventListener("click", () => this.more(this.generation));
        this.panel.append(button);
      }
      this.panel.setAttribute("aria-busy", "false");
    }

    clear() {
      this.generation++;
      this.panel.innerHTML = "";
      this.panel.hidden = true;
      if (this.input.value) this.input.value = "";
    }
  }

  window.briefingSearchWords = queryWords;
  window.addEventListener("DOMContentLoaded", () => {
    const box = document.querySelector(".briefing-search[data-bundle]");
    if (box) window.briefingSearch = new Search(box);
  });
})();
