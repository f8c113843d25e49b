// The reader: an article's clean text, as text, with the evidence of a claim or an event marked by its character
// offsets (the record's Evidence start/end into that same text). The text is untrusted: it only ever becomes
// text nodes, so "<script>" or "onerror=" in it is shown, never run.

import { getJSON } from "./api.js";
import { el, replace } from "./dom.js";

// Roles a span can have, innermost last: a segment covered by several shows them all (classes hl-<role>).
export const ROLES = ["sentence", "evidence", "content", "cue", "source"];

/** Cut text at every span boundary; each piece with the roles of the spans that cover it. */
export function segments(text, spans) {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set([0, text.length]);
  for (const span of valid) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const roles = ROLES.filter((role) => valid.some((s) => s.role === role && s.start <= start && s.end >= end));
    pieces.push({ start, end, roles });
  }
  return pieces;
}

export class Reader {
  constructor(root) {
    this.root = root;
    this.title = root.querySelector("#reader-title");
    this.meta = root.querySelector("#reader-meta");
    this.note = root.querySelector("#reader-note");
    this.body = root.querySelector("#reader-text");
    this.articles = new Map(); // id -> Promise of the article (its text included)
    this.records = new Map(); // id -> Promise of its record
    this.shown = 0; // the latest request wins when clicks come faster than answers
  }

  article(id) {
    if (!this.articles.has(id)) {
      const request = getJSON(`articles/${encodeURIComponent(id)}`);
      request.catch(() => this.articles.delete(id));
      this.articles.set(id, request);
    }
    return this.articles.get(id);
  }

  record(id) {
    if (!this.records.has(id)) {
      const request = getJSON(`articles/${encodeURIComponent(id)}/record`);
      request.catch(() => this.records.delete(id));
      this.records.set(id, request);
    }
    return this.records.get(id);
  }

  /**
   * Show an article with spans marked: [{start, end, role, text?}]; `text` (the evidence's own copy of its words)
   * is checked against the article so a record read from an older text is said to be stale, not mis-marked.
   * `summary` is a line of DOM nodes or strings above the text (who said what).
   */
  async show(articleId, spans, summary = []) {
    const ticket = ++this.shown;
    this.root.hidden = false;
    this.title.textContent = "Loading the article…";
    this.meta.textContent = "";
    const article = await this.article(articleId);
    if (ticket !== this.shown) return;
    const text = String(article.text ?? "");
    this.title.textContent = article.title || article.id;
    replace(this.meta, [article.outlet, article.published ? String(article.published).slice(0, 10) : "",
      article.id].filter(Boolean).join(" · "));
    const stale = spans.filter((s) => s.text && text.slice(s.start, s.end) !== s.text);
    const notes = [...summary];
    if (stale.length) {
      notes.push(el("strong", {}, " The record's offsets do not match this article's text (it changed since "
        + "it was read); the marks may be off."));
    }
    this.note.hidden = notes.length === 0;
    replace(this.note, notes);
    const nodes = segments(text, spans).map(({ start, end, roles }) => {
      const piece = text.slice(start, end);
      if (!roles.length) return document.createTextNode(piece);
      const tag = roles.some((r) => r !== "sentence") ? "mark" : "span";
      return el(tag, { class: roles.map((r) => `hl-${r}`).join(" "), "data-roles": roles.join(" ") }, piece);
    });
    replace(this.body, nodes);
    // Scroll the text alone (not the page or the list beside it) to put the marked words in its middle.
    const focus = this.body.querySelector(".hl-content, .hl-evidence, .hl-cue, .hl-sentence");
    this.body.scrollTop = focus ? Math.max(0, focus.offsetTop - this.body.clientHeight / 3) : 0;
  }
}
