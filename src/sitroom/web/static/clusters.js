// What the views share about an event cluster: its colour, its time span and its place at their precision.

import { words } from "./dom.js";

// Every type keeps one colour on the map, the timeline and the legend. ACLED's six event types (and sitroom's
// Displacement) in strong colours; PLOVER's categories in lighter ones by family: force and threats in reds,
// demands and rejection in yellows and browns, talks and help in blues and greens. A type not listed takes a spare
// colour by a hash of its name, so it too keeps its colour.
const TYPE_COLOURS = {
  "battles": "#c0392b",
  "explosions/remote violence": "#e67e22",
  "violence against civilians": "#8e44ad",
  "protests": "#2471a3",
  "riots": "#16a085",
  "strategic developments": "#566573",
  "displacement": "#6e2c00",
  "assault": "#f1948a",
  "coerce": "#f5b041",
  "threaten": "#f7b6d2",
  "mobilize": "#c39bd3",
  "protest": "#85c1e9",
  "sanction": "#b7950b",
  "accuse": "#dbdb8d",
  "reject": "#c49c94",
  "demand": "#e377c2",
  "disapprove": "#a3e4d7",
  "request": "#17becf",
  "consult": "#1a5276",
  "aid": "#1e8449",
  "support": "#82e0aa",
  "agree": "#0b5345",
  "cooperate": "#58d68d",
  "concede": "#bfc9ca",
  "retreat": "#a04000",
};
const SPARE_COLOURS = ["#b8860b", "#2c7a4b", "#a0522d", "#4b6584", "#c2185b", "#5d4037", "#00838f", "#6d4c41"];

export function colourOf(eventType) {
  const key = String(eventType || "").toLowerCase();
  if (TYPE_COLOURS[key]) return TYPE_COLOURS[key];
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return SPARE_COLOURS[hash % SPARE_COLOURS.length];
}

export function typeName(cluster) {
  return cluster.event_type || "untyped";
}

/**
 * A cluster's confidence in words: "confidence 0.75", "confidence not scored" (clusters fused before events were
 * scored). 0-1: how completely its best report tells the event; a ranking score, not a probability.
 */
export function confidenceText(cluster) {
  return Number.isFinite(cluster.confidence) ? `confidence ${cluster.confidence.toFixed(2)}` : "confidence not scored";
}

/** Whether a cluster meets a minimum confidence ("" or not a number: no minimum; an unscored one never meets one). */
export function meetsConfidence(cluster, minimum) {
  const floor = Number.parseFloat(minimum);
  if (!Number.isFinite(floor) || floor <= 0) return true;
  return Number.isFinite(cluster.confidence) && cluster.confidence >= floor;
}

/** "1 report", "3 reports". */
export function reports(n) {
  return `${n} report${n === 1 ? "" : "s"}`;
}

/** Members in a cluster (a list row gives `size`, a full cluster its `members`). */
export function sizeOf(cluster) {
  if (Number.isFinite(cluster.size)) return cluster.size;
  if (Array.isArray(cluster.members)) return cluster.members.length;
  return 1;
}

const DAY_MS = 86_400_000;

/**
 * The days a cluster's date stands for, by its granularity: a day is a day; "2024-10-01" read at month
 * granularity is all of October (drawn as a span, not a point on the 1st). Null when it has no usable date.
 */
export function dateSpan(cluster) {
  const text = String(cluster.date || "");
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const start = Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start)) return null;
  const day = new Date(start);
  const granularity = cluster.date_granularity || "day";
  const addMonths = (n) => Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + n, day.getUTCDate());
  let end;
  switch (granularity) {
    case "week": end = start + 7 * DAY_MS; break;
    case "month": end = addMonths(1); break;
    case "season": case "quarter": end = addMonths(3); break;
    case "year": end = addMonths(12); break;
    case "decade": end = addMonths(120); break;
    case "century": end = addMonths(1200); break;
    default: end = start + DAY_MS; // day, part of day, time, or the report's own day ("")
  }
  return { start, end, granularity, point: end - start <= DAY_MS };
}

export function describeDate(cluster) {
  if (!cluster.date) return "no date";
  const granularity = cluster.date_granularity;
  const day = String(cluster.date).slice(0, 10);
  if (!granularity) return `${day} (the report's day)`;
  if (granularity === "month") return `${day.slice(0, 7)} (some day that month)`;
  if (granularity === "year") return `${day.slice(0, 4)} (some day that year)`;
  if (granularity === "week") return `week of ${day}`;
  return `${day} (${words(granularity)})`;
}

// How wide an area stands for a place read at each precision where no boundary is drawn for it: the map shades a
// disc this wide instead of a pin, so "somewhere in Donetsk Oblast" never looks like a town. An oblast of Ukraine
// covers 20-30,000 km² (a disc of ~90 km), a raion 1-4,000 km² (~30 km); "near" is the resolver's own "near" reach.
export const AREA_RADIUS_KM = { near: 10, admin2: 30, admin1: 90, country: 300 };

export const PRECISION_WORDS = {
  exact: "at this place",
  near: "near this place (within about 10 km)",
  admin2: "somewhere in this district",
  admin1: "somewhere in this region",
  country: "somewhere in this country",
};

export function placeName(cluster) {
  const parts = [cluster.place, cluster.admin1 && cluster.admin1 !== cluster.place ? cluster.admin1 : "",
    cluster.country];
  return parts.filter(Boolean).join(", ") || "no place";
}

export function isPlaced(cluster) {
  return Number.isFinite(cluster.latitude) && Number.isFinite(cluster.longitude);
}
