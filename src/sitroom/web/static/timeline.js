// The timeline: one lane per event type, each cluster at its date (a dot for a day, a bar for a week or a month),
// dot size by members, colour by type. Drawn as SVG from data with text nodes only.

import {
  colourOf, confidenceText, dateSpan, describeDate, placeName, reports, sizeOf, typeName,
} from "./clusters.js";
import { clip, el, replace, slug, svg, words } from "./dom.js";

const DAY_MS = 86_400_000;
const LABEL_WIDTH = 170; // the lanes' type names
const AXIS_HEIGHT = 26;
const ROW_HEIGHT = 16; // one row of dots inside a lane
const MAX_ROWS = 4; // dots that would overlap stack into rows, up to this many; past it they overlap
const LANE_PAD = 8;

export class Timeline {
  constructor(container, { onSelect }) {
    this.container = container;
    this.onSelect = onSelect;
    this.clusters = [];
    this.selected = null;
    this.focus = true; // leave out the few clusters far from the rest (a "1922" misread stretches the axis)
    let width = 0; // redrawn when the width changes (the height is the drawing's own)
    new ResizeObserver(() => {
      if (container.clientWidth !== width) {
        width = container.clientWidth;
        this.draw();
      }
    }).observe(container);
  }

  setClusters(clusters) {
    this.clusters = clusters;
    this.draw();
  }

  select(id) {
    this.selected = id;
    for (const item of this.container.querySelectorAll(".tl-item")) {
      item.classList.toggle("selected", item.dataset.clusterId === id);
    }
  }

  draw() {
    const width = Math.max(360, this.container.clientWidth || 800);
    let dated = [];
    let undated = 0;
    for (const cluster of this.clusters) {
      const span = dateSpan(cluster);
      if (span) dated.push({ cluster, span });
      else undated += 1;
    }
    if (!dated.length) {
      replace(this.container, svg("svg", { class: "timeline-svg", width, height: 40, role: "img",
        "aria-label": "No dated clusters" },
      svg("text", { x: 8, y: 24, class: "tl-empty" },
        this.clusters.length ? `${undated} clusters, none with a date` : "No event clusters match the filters")));
      return;
    }
    let low = Math.min(...dated.map((d) => d.span.start));
    let high = Math.max(...dated.map((d) => d.span.end));
    const outside = this.focused(dated, low, high);
    if (outside && this.focus) {
      ({ low, high } = outside);
      dated = dated.filter((d) => d.span.start >= low && d.span.start < high);
    }
    const pad = Math.max(DAY_MS, (high - low) * 0.02);
    low -= pad;
    high += pad;
    const plotWidth = width - LABEL_WIDTH - 12;
    const x = (time) => LABEL_WIDTH + ((time - low) / (high - low)) * plotWidth;

    // Lanes: the types with the most clusters first.
    const byType = new Map();
    for (const item of dated) {
      const type = typeName(item.cluster);
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type).push(item);
    }
    const lanes = [...byType.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));

    const groups = [];
    let top = 4;
    for (const [type, items] of lanes) {
      items.sort((a, b) => a.span.start - b.span.start || sizeOf(b.cluster) - sizeOf(a.cluster));
      const rowEnds = [];
      const placed = items.map((item) => {
        const radius = Math.min(9, 3.5 + Math.sqrt(sizeOf(item.cluster)) * 1.5);
        const left = item.span.point ? x((item.span.start + item.span.end) / 2) - radius : x(item.span.start);
        const right = item.span.point ? left + 2 * radius : Math.max(x(item.span.end), left + 4);
        let row = rowEnds.findIndex((end) => end + 2 <= left);
        if (row === -1) row = rowEnds.length < MAX_ROWS ? rowEnds.length : rowEnds.indexOf(Math.min(...rowEnds));
        rowEnds[row] = Math.max(rowEnds[row] ?? -Infinity, right);
        return { ...item, radius, left, right, row };
      });
      const rows = Math.max(1, rowEnds.length);
      const laneHeight = rows * ROW_HEIGHT + LANE_PAD;
      const colour = colourOf(type);
      const lane = svg("g", { class: `tl-lane type-${slug(type)}`, "data-type": type },
        svg("rect", { x: 0, y: top, width, height: laneHeight, class: "tl-lane-bg" }),
        svg("text", { x: 8, y: top + laneHeight / 2 + 4, class: "tl-lane-label" },
          svg("title", {}, type), clip(type, 24), ` (${items.length})`));
      for (const item of placed) {
        const cy = top + LANE_PAD / 2 + item.row * ROW_HEIGHT + ROW_HEIGHT / 2;
        lane.append(this.item(item, cy, colour));
      }
      groups.push(lane);
      top += laneHeight;
    }

    const axis = this.axis(low, high, x, top, width);
    const height = top + AXIS_HEIGHT + (undated ? 16 : 0);
    const children = [...groups, axis];
    if (undated) {
      children.push(svg("text", { x: 8, y: height - 4, class: "tl-undated" },
        `${undated} cluster${undated === 1 ? "" : "s"} with no date (not drawn)`));
    }
    replace(this.container, this.note(outside), svg("svg", { class: "timeline-svg", width, height, role: "group",
      "aria-label": `${dated.length} dated event clusters` }, ...children));
    if (this.selected) this.select(this.selected);
  }

  /**
   * Where a few clusters lie far from the rest (the middle 96% of the dates span under a third of the whole), the
   * axis spans the middle 96% and says how many lie before and after; null where nothing is left out.
   */
  focused(dated, low, high) {
    const starts = dated.map((d) => d.span.start).sort((a, b) => a - b);
    if (starts.length < 20) return null;
    const from = starts[Math.floor(starts.length * 0.02)];
    const to = starts[Math.ceil(starts.length * 0.98) - 1] + DAY_MS;
    if (to - from >= (high - low) / 3) return null;
    const before = starts.filter((t) => t < from);
    const after = starts.filter((t) => t >= to);
    return { low: from, high: to, before: before.length, after: after.length, first: before[0],
      last: after[after.length - 1] };
  }

  note(outside) {
    if (!outside) return null;
    const day = (t) => new Date(t).toISOString().slice(0, 10);
    const toggle = el("button", { type: "button", class: "tl-toggle" }, this.focus ? "Whole range" : "Focus");
    toggle.addEventListener("click", () => {
      this.focus = !this.focus;
      this.draw();
    });
    const text = this.focus
      ? `${outside.before ? `${outside.before} earlier (from ${day(outside.first)})` : ""}`
        + `${outside.before && outside.after ? " and " : ""}`
        + `${outside.after ? `${outside.after} later (to ${day(outside.last)})` : ""} not drawn. `
      : "The whole range of dates. ";
    return el("p", { class: "tl-note" }, text, toggle);
  }

  item({ cluster, span, radius, left, right }, cy, colour) {
    const title = `${cluster.label || typeName(cluster)}\n${describeDate(cluster)} · ${placeName(cluster)}\n`
      + `${reports(sizeOf(cluster))}, ${cluster.independent_sources ?? "?"} independent sources · ${words(cluster.status)}`
      + ` · ${confidenceText(cluster)}`;
    const shape = span.point
      ? svg("circle", { cx: left + radius, cy, r: radius, fill: colour, class: "tl-mark" })
      : svg("rect", { x: left, y: cy - 5, width: right - left, height: 10, rx: 4, fill: colour,
        class: "tl-mark tl-span" });
    const group = svg("g", {
      class: `tl-item status-${slug(cluster.status)}`, tabindex: 0, role: "button",
      "aria-label": clip(title.replaceAll("\n", " · "), 200), dataset: { clusterId: cluster.id },
    }, svg("title", {}, title), shape);
    const choose = () => this.onSelect(cluster.id);
    group.addEventListener("click", choose);
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose();
      }
    });
    return group;
  }

  axis(low, high, x, top, width) {
    const group = svg("g", { class: "tl-axis" },
      svg("line", { x1: LABEL_WIDTH, x2: width - 12, y1: top + 1, y2: top + 1 }));
    const days = (high - low) / DAY_MS;
    const ticks = [];
    const first = new Date(low);
    if (days <= 16) {
      for (let t = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate() + 1); t < high; t += DAY_MS) {
        ticks.push([t, new Date(t).toISOString().slice(5, 10)]);
      }
    } else if (days <= 120) {
      let t = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
      t += ((8 - new Date(t).getUTCDay()) % 7) * DAY_MS; // Mondays
      for (; t < high; t += 7 * DAY_MS) ticks.push([t, new Date(t).toISOString().slice(5, 10)]);
    } else {
      const step = days <= 400 ? 1 : days <= 1500 ? 3 : 12;
      let month = first.getUTCMonth() + 1;
      month += (step - (month % step)) % step;
      for (let t = Date.UTC(first.getUTCFullYear(), month, 1); t < high;
        t = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + step, 1)) {
        ticks.push([t, step === 12 ? new Date(t).toISOString().slice(0, 4) : new Date(t).toISOString().slice(0, 7)]);
      }
    }
    const every = Math.max(1, Math.ceil(ticks.length / Math.max(2, Math.floor((width - LABEL_WIDTH) / 70))));
    ticks.forEach(([t, label], index) => {
      group.append(svg("line", { x1: x(t), x2: x(t), y1: top + 1, y2: top + 6 }));
      if (index % every === 0) {
        group.append(svg("text", { x: x(t), y: top + 18, "text-anchor": "middle" }, label));
      }
    });
    return group;
  }
}
