// sitroom's page: the ledger's event clusters on a map and a timeline, its claims in an explorer, and every item
// back to the words of the article it was read from. Same-origin JSON only; article text is only ever text.
//
// Links into the page (the briefing's evidence links use them):
//   #cluster=<id>                          select an event cluster and list its reports
//   #article=<id>&start=<n>&end=<n>        open an article with that span marked
//   #claim=<article id>/<claim id>         open a claim in its article

import { getAll, getJSON } from "./api.js";
import { ClaimsExplorer } from "./claims.js";
import { describeDate, meetsConfidence, placeName, reports, sizeOf, typeName } from "./clusters.js";
import { clip, el, quoted, replace, words } from "./dom.js";
import { EventMap } from "./map.js";
import { Reader } from "./reader.js";
import { Timeline } from "./timeline.js";

// The most event (and claim) clusters the page holds at once; a larger ledger is asked again for the dates the
// filter names. They come from api/cluster-bodies: each cluster with its point, precision, actors and members (a
// row of api/clusters has none of these), its evidence left for api/clusters/{id}.
const MAX_CLUSTERS = 5000;
const PAGE_ROWS = 1000;
// Claim clusters whose status says something a lone claim does not (single_source is every other claim's).
const JUDGED = ["corroborated", "contested", "denied", "retracted"];

const $ = (selector) => document.querySelector(selector);
const statusLine = $("#status");

function report(error) {
  statusLine.classList.add("error");
  statusLine.textContent = `Could not load: ${error.message}`;
}

const state = { clusters: [], countryName: (code) => code, selected: null, partial: "", large: false };

const reader = new Reader($("#reader"));
const timeline = new Timeline($("#timeline"), { onSelect: (id) => selectCluster(id) });
const explorer = new ClaimsExplorer({
  form: $("#claim-filters"), list: $("#claim-list"), more: $("#claims-more"), reader, onError: report,
});
let map = null;

// --- filters over the event clusters -----------------------------------------------------------------------

const filterForm = $("#filters");

function currentFilters() {
  const data = Object.fromEntries([...new FormData(filterForm).entries()].map(([k, v]) => [k, String(v).trim()]));
  return { ...data, region: data.region.toLowerCase(), actor: data.actor.toLowerCase() };
}

function matches(cluster, f) {
  const day = cluster.date ? String(cluster.date).slice(0, 10) : "";
  if (f.since && (!day || day < f.since)) return false;
  if (f.until && (!day || day > f.until)) return false;
  if (f.type && cluster.event_type !== f.type && cluster.sub_event_type !== f.type) return false;
  if (f.status && cluster.status !== f.status) return false;
  if (f.region) {
    const names = [cluster.place, cluster.admin1, cluster.country, state.countryName(cluster.country)];
    if (!names.some((n) => n && String(n).toLowerCase().includes(f.region))) return false;
  }
  if (f.actor && !(cluster.actors || []).some((a) => String(a).toLowerCase().includes(f.actor))) return false;
  return meetsConfidence(cluster, f.min_confidence);
}

function applyFilters() {
  const f = currentFilters();
  const shown = state.clusters.filter((c) => matches(c, f));
  timeline.setClusters(shown);
  if (map) map.setClusters(shown);
  $("#timeline-count").textContent = `${shown.length} of ${state.clusters.length} event clusters`
    + (state.partial ? ` (${state.partial})` : "");
  if (state.selected) timeline.select(state.selected);
}

// The page holds at most MAX_CLUSTERS; a ledger larger than that is asked again for the dates the filter names, so
// narrowing the dates reaches every cluster.
let shownDates = "";
async function filtersChanged() {
  const f = currentFilters();
  const dates = `${f.since}|${f.until}|${f.min_confidence}`;
  if (state.large && dates !== shownDates) {
    shownDates = dates;
    try {
      await loadEventClusters(f);
    } catch (error) {
      report(error);
    }
  }
  applyFilters();
}

let typing = null;
filterForm.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(filtersChanged, 200);
});
filterForm.addEventListener("reset", () => setTimeout(filtersChanged, 0));
filterForm.addEventListener("submit", (event) => event.preventDefault());

function fillChoices(clusters) {
  const types = new Set();
  const regions = new Set();
  const actors = new Set();
  for (const c of clusters) {
    for (const t of [c.event_type, c.sub_event_type]) if (t) types.add(t);
    for (const r of [c.admin1, state.countryName(c.country)]) if (r) regions.add(r);
    for (const a of c.actors || []) actors.add(a);
  }
  const select = filterForm.elements.type;
  select.replaceChildren(el("option", { value: "" }, "all types"),
    ...[...types].sort().map((t) => el("option", { value: t }, t)));
  replace($("#regions"), [...regions].sort().map((r) => el("option", { value: r })));
  replace($("#actors"), [...actors].sort().slice(0, 500).map((a) => el("option", { value: a })));
}

// --- one cluster in detail ---------------------------------------------------------------------------------

async function selectCluster(id) {
  state.selected = id;
  timeline.select(id);
  if (map) map.select(id);
  const panel = $("#cluster");
  panel.hidden = false;
  replace(panel, el("p", { class: "muted" }, "Loading the cluster…"));
  let cluster;
  try {
    cluster = await getJSON(`clusters/${encodeURIComponent(id)}`);
  } catch (error) {
    report(error);
    return;
  }
  if (state.selected !== id) return;
  const facts = [
    ["Type", [typeName(cluster), cluster.sub_event_type].filter(Boolean).join(" · ")],
    ["When", describeDate(cluster)],
    ["Where", `${placeName(cluster)}${cluster.precision ? ` (precision: ${words(cluster.precision)})` : ""}`],
    ["Status", `${words(cluster.status)}, ${cluster.independent_sources} independent source`
      + `${cluster.independent_sources === 1 ? "" : "s"}, ${reports(sizeOf(cluster))}`],
    ["Fatalities", cluster.fatalities == null ? "none reported" : `${cluster.fatalities} (ACLED's conservative `
      + "figure of the reports')"],
    ["Actors", (cluster.actors || []).join("; ") || "none named"],
    ["Confidence", Number.isFinite(cluster.confidence) ? `${cluster.confidence.toFixed(2)} (how completely its best`
      + " report tells it, 0-1: a ranking score, not a probability)" : "not scored"],
  ];
  const members = (cluster.detail || []).map((member) => {
    const [articleId] = String(member.member).split("/");
    const evidence = member.evidence;
    const button = el("button", { type: "button", class: "member" },
      el("span", { class: "member-source" }, member.source || "a report"),
      member.figure != null ? el("span", { class: "badge" }, `${member.figure} killed`) : null,
      member.role && member.role !== "member" ? el("span", { class: "badge" }, words(member.role)) : null,
      el("span", { class: "member-evidence" }, quoted(clip(evidence?.text, 260))));
    button.addEventListener("click", () => {
      reader.show(evidence?.article_id || articleId,
        evidence ? [{ start: evidence.start, end: evidence.end, text: evidence.text, role: "evidence" }] : [],
        [el("strong", {}, member.source || "A report"), ` on: ${cluster.label || typeName(cluster)}`])
        .catch(report);
    });
    return el("li", {}, button);
  });
  replace(panel,
    el("h3", {}, cluster.label || typeName(cluster)),
    el("dl", { class: "facts" }, facts.map(([term, value]) => [el("dt", {}, term), el("dd", {}, value)])),
    el("h4", {}, "Reports (click one to read it in its article)"),
    el("ol", { class: "members" }, members.length ? members : el("li", { class: "muted" }, "No member detail.")));
}

/** Several clusters under one click (those known only by one country): a list to pick one from. */
function listClusters(ids) {
  const chosen = new Set(ids);
  const clusters = state.clusters.filter((c) => chosen.has(c.id))
    .sort((a, b) => String(a.date || "").localeCompare(String(b.date || "")));
  const panel = $("#cluster");
  panel.hidden = false;
  const country = clusters.length ? state.countryName(clusters[0].country) : "";
  replace(panel,
    el("h3", {}, `${clusters.length} event clusters known only to be somewhere in ${country}`),
    el("ol", { class: "members" }, clusters.map((cluster) => {
      const button = el("button", { type: "button", class: "member", dataset: { clusterId: cluster.id } },
        el("span", { class: "member-source" }, `${describeDate(cluster)} · ${typeName(cluster)}`),
        el("span", { class: "member-evidence" }, clip(cluster.label, 200)));
      button.addEventListener("click", () => selectCluster(cluster.id));
      return el("li", {}, button);
    })));
}

// --- links into the page -----------------------------------------------------------------------------------

function followHash() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  if (params.has("cluster")) selectCluster(params.get("cluster"));
  if (params.has("claim")) {
    const value = params.get("claim");
    const cut = value.lastIndexOf("/");
    if (cut > 0) explorer.open(value.slice(0, cut), value.slice(cut + 1));
  } else if (params.has("article")) {
    const start = Number.parseInt(params.get("start"), 10);
    const end = Number.parseInt(params.get("end"), 10);
    const spans = Number.isInteger(start) && Number.isInteger(end) ? [{ start, end, role: "evidence" }] : [];
    reader.show(params.get("article"), spans).catch(report);
  }
}
window.addEventListener("hashchange", followHash);

// --- start -------------------------------------------------------------------------------------------------

/** The event clusters, of the filter's dates (and minimum confidence) where given. */
async function loadEventClusters({ since = "", until = "", min_confidence = "" } = {}) {
  const floor = Number.parseFloat(min_confidence); // asked only where it is a minimum, never past 1 (a 422)
  const asked = Number.isFinite(floor) && floor > 0 ? Math.min(floor, 1) : "";
  const events = await getAll("cluster-bodies", { kind: "event", since, until, min_confidence: asked, limit: PAGE_ROWS },
    MAX_CLUSTERS);
  state.clusters = events.rows;
  state.partial = events.truncated ? `the first ${events.rows.length}: narrow the dates to reach the others` : "";
  state.large ||= events.truncated; // from now on, the dates are asked of the server
}

async function start() {
  const mapReady = EventMap.create($("#map"), $("#map-legend"), {
    onSelect: (id) => selectCluster(id), onSelectMany: (ids) => listClusters(ids),
  })
    .then((made) => {
      map = made;
      state.countryName = (code) => made.countryName(code);
    })
    .catch((error) => report(new Error(`the base map: ${error.message}`)));
  const [anyClaimCluster, ...judged] = await Promise.all([
    getAll("clusters", { kind: "claim", limit: 1 }, 1),
    ...JUDGED.map((status) => getAll("cluster-bodies", { kind: "claim", status, limit: PAGE_ROWS }, MAX_CLUSTERS)),
  ]);
  explorer.setClaimClusters(judged.flatMap((page) => page.rows), anyClaimCluster.rows.length > 0);
  const claimsLoaded = explorer.reload();
  await loadEventClusters();
  await mapReady;
  fillChoices(state.clusters);
  applyFilters();
  await claimsLoaded;
  const disputed = judged.reduce((sum, page) => sum + page.rows.length, 0);
  $("#counts").textContent = `${state.clusters.length}${state.large ? "+" : ""} event clusters · `
    + `${disputed} claim cluster${disputed === 1 ? "" : "s"} corroborated, contested, denied or retracted`;
  if (!statusLine.classList.contains("error")) {
    statusLine.textContent = "";
    statusLine.hidden = true;
  }
  followHash();
  document.documentElement.dataset.state = "ready";
}

start().catch((error) => {
  report(error);
  document.documentElement.dataset.state = "error";
});
