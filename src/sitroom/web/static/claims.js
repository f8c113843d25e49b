// The claims explorer: who said what, how (stance), whether anyone checked (verification) and how the ledger
// judges it across sources (its claim cluster's status); a click opens the article with the source, the cue and
// the content marked.

import { getPage } from "./api.js";
import { clip, el, quoted, slug, words } from "./dom.js";

const PAGE_SIZE = 100;
const STANCE_VERBS = { assert: "asserts", deny: "denies", no_comment: "declines to comment", retract: "retracts" };

export class ClaimsExplorer {
  constructor({ form, list, more, reader, onError }) {
    this.form = form;
    this.list = list;
    this.more = more;
    this.reader = reader;
    this.onError = onError;
    this.statusOf = new Map(); // "<article id>/<claim id>" -> its claim cluster's status
    this.next = null;
    this.generation = 0;
    this.selected = null;
    let typing = null;
    form.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => this.reload(), 250);
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    more.addEventListener("click", () => this.load());
  }

  /**
   * The statuses of the claim clusters that are not single-source, by member, so each claim shows (and can be
   * filtered by) its status; where fusion ran (`fused`), a claim in none of them stands alone: single source.
   */
  setClaimClusters(clusters, fused) {
    this.statusOf.clear();
    this.fused = fused;
    for (const cluster of clusters) {
      for (const member of cluster.members || []) this.statusOf.set(member, cluster.status);
    }
  }

  status(key) {
    return this.statusOf.get(key) || (this.fused ? "single_source" : "");
  }

  filters() {
    const data = new FormData(this.form);
    return Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v).trim()]));
  }

  async reload() {
    this.generation += 1;
    this.next = null;
    this.list.replaceChildren();
    await this.load(true);
  }

  /**
   * The next page of claims, every filter applied by the server before it pages (so a page is full however rare
   * the status); a claim filtered by status shows that status, whether or not its cluster is among those loaded.
   */
  async load(first = false) {
    const generation = this.generation;
    const { source, stance, status, verification } = this.filters();
    try {
      const page = await getPage("claims", { source, stance, status, verification, limit: PAGE_SIZE },
        first ? null : this.next);
      if (generation !== this.generation) return;
      this.next = page.next;
      for (const claim of page.rows) {
        const key = `${claim.article_id}/${claim.claim_id}`;
        this.list.append(this.item(claim, status || this.status(key)));
      }
    } catch (error) {
      this.onError(error);
    }
    if (!this.list.children.length) this.list.append(el("li", { class: "empty" }, "No claims match the filters."));
    this.more.hidden = !this.next;
  }

  item(claim, claimStatus) {
    const key = `${claim.article_id}/${claim.claim_id}`;
    const badges = [
      el("span", { class: `badge stance-${slug(claim.stance)}` }, words(claim.stance)),
      claim.verification ? el("span", { class: "badge verification" }, words(claim.verification)) : null,
      claimStatus ? el("span", { class: `badge status-${slug(claimStatus)}` }, words(claimStatus)) : null,
    ];
    const button = el("button", { type: "button", class: "claim", "data-claim": key },
      el("span", { class: "claim-source" }, claim.source || "unnamed source"),
      " ", el("span", { class: "claim-cue" }, claim.cue), " ",
      el("span", { class: "claim-content" }, quoted(clip(claim.content, 220))),
      el("span", { class: "claim-meta" }, badges,
        claim.published ? el("span", { class: "muted" }, String(claim.published).slice(0, 10)) : null));
    button.addEventListener("click", () => this.open(claim.article_id, claim.claim_id));
    return el("li", {}, button);
  }

  /** Open a claim's article with its source, cue, content and sentence marked. */
  async open(articleId, claimId) {
    const key = `${articleId}/${claimId}`;
    this.selected = key;
    for (const button of this.list.querySelectorAll("button.claim")) {
      button.classList.toggle("selected", button.dataset.claim === key);
    }
    try {
      const record = await this.reader.record(articleId);
      const claim = (record.claims || []).find((c) => c.id === claimId);
      if (!claim) throw new Error(`claim ${claimId} is not in the record of article ${articleId}`);
      const spans = [];
      const add = (evidence, role) => {
        if (evidence) spans.push({ start: evidence.start, end: evidence.end, text: evidence.text, role });
      };
      add(claim.evidence, "sentence");
      add(claim.source_mention, "source");
      add(claim.cue, "cue");
      add(claim.content, "content");
      const actor = (record.actors || []).find((a) => a.id === claim.source);
      const notes = (claim.verification || []).map((n) => `${words(n.status)}: ${quoted(clip(n.evidence?.text, 120))}`);
      const summary = [
        el("strong", {}, actor ? actor.name : claim.source_mention?.text || "An unnamed source"),
        ` ${STANCE_VERBS[claim.stance] || words(claim.stance)} (${words(claim.kind)} speech, cue “${claim.cue.text}”)`,
        claim.confidence != null ? ` · confidence ${Number(claim.confidence).toFixed(2)}` : "",
        this.status(key) ? ` · across sources: ${words(this.status(key))}` : "",
        notes.length ? ` · ${notes.join("; ")}` : "",
      ];
      await this.reader.show(articleId, spans, summary);
    } catch (error) {
      this.onError(error);
    }
  }
}
