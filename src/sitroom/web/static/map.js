// The map: Natural Earth's countries (world-atlas, vendored) as the only base map, no tiles, no network; each
// event cluster drawn at its precision: a point where the place is a town, a shaded disc for a district or a region
// (no boundary of those ships offline), the country itself shaded when only the country is known.

import * as L from "./vendor/leaflet/leaflet-src.esm.js";
import { feature } from "./vendor/topojson-client/src/index.js";
import {
  AREA_RADIUS_KM, PRECISION_WORDS, colourOf, confidenceText, describeDate, isPlaced, placeName, reports, sizeOf,
  typeName,
} from "./clusters.js";
import { el, words } from "./dom.js";

const COUNTRIES_URL = new URL("./vendor/world-atlas/countries-50m.json", import.meta.url);
const CODES_URL = new URL("./vendor/i18n-iso-countries/codes.json", import.meta.url);
const ATTRIBUTION = "Boundaries: Natural Earth (public domain) via world-atlas";
// Antarctica's outline circles the pole, which has no flat form in Web Mercator (it would be drawn as a band across
// the world); it is left out of the base map.
const LEFT_OUT = new Set(["010"]);

async function json(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
  return response.json();
}

export class EventMap {
  /** Build the map and its base layer; resolves once the countries are drawn. */
  static async create(container, legend, { onSelect, onSelectMany }) {
    const [topology, codes] = await Promise.all([json(COUNTRIES_URL), json(CODES_URL)]);
    return new EventMap(container, legend, topology, codes, { onSelect, onSelectMany });
  }

  constructor(container, legend, topology, codes, { onSelect, onSelectMany }) {
    this.legend = legend;
    this.onSelect = onSelect;
    this.onSelectMany = onSelectMany;
    this.map = L.map(container, {
      center: [48.5, 32], zoom: 5, minZoom: 2, maxZoom: 11, zoomSnap: 0.5, worldCopyJump: false,
      maxBounds: [[-85, -200], [85, 200]], attributionControl: false, preferCanvas: false,
    });
    L.control.attribution({ prefix: false }).addAttribution(ATTRIBUTION).addTo(this.map);
    L.control.scale({ imperial: false }).addTo(this.map);
    this.map.createPane("regions").style.zIndex = 410;
    this.map.createPane("points").style.zIndex = 420;

    // ISO 3166-1 alpha-2 (what the gazetteer gives) -> the numeric code world-atlas keys its features by.
    const numericOf = new Map(codes.map(([alpha2, , numeric]) => [alpha2, numeric]));
    const countries = feature(topology, topology.objects.countries);
    countries.features = countries.features.filter((f) => !LEFT_OUT.has(String(f.id)));
    for (const country of countries.features) unwrap(country.geometry);
    this.countryByAlpha2 = new Map();
    const byNumeric = new Map(countries.features.map((f) => [String(f.id), f]));
    for (const [alpha2, numeric] of numericOf) {
      if (byNumeric.has(numeric)) this.countryByAlpha2.set(alpha2, byNumeric.get(numeric));
    }
    this.countryName = (alpha2) => this.countryByAlpha2.get(alpha2)?.properties?.name || alpha2;
    const base = L.geoJSON(countries, {
      interactive: false, className: "country",
      style: { color: "#a9a59b", weight: 0.6, opacity: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(this.map);
    base.eachLayer((layer) => { // each outline says which country it is (for readers of the DOM, and tests)
      const path = layer.getElement();
      if (path) path.dataset.country = layer.feature.properties?.name || String(layer.feature.id);
    });

    this.layers = new Map(); // cluster id -> its layer
    this.clusterLayer = L.layerGroup().addTo(this.map);
    this.selected = null;
    this.fitted = false;
  }

  setClusters(clusters) {
    this.clusterLayer.clearLayers();
    this.layers.clear();
    const counts = { point: 0, area: 0, country: 0, unplaced: 0 };
    // Clusters known only by their country share one shading of it (dozens of them stack on Russia or Ukraine);
    // it darkens with their number and lists them.
    const byCountry = new Map();
    const precise = [];
    for (const cluster of clusters) {
      if (cluster.precision === "country" && this.countryByAlpha2.has(cluster.country)) {
        if (!byCountry.has(cluster.country)) byCountry.set(cluster.country, []);
        byCountry.get(cluster.country).push(cluster);
      } else {
        precise.push(cluster);
      }
    }
    for (const [code, members] of byCountry) {
      counts.country += members.length;
      this.add(this.countryLayer(code, members), members);
    }
    // Broad areas first, so a town inside a shaded region stays clickable on top of it.
    const order = { admin1: 0, admin2: 1, near: 2 };
    precise.sort((a, b) => (order[a.precision] ?? 3) - (order[b.precision] ?? 3));
    for (const cluster of precise) {
      const layer = this.layerFor(cluster, counts);
      if (layer) this.add(layer.bindTooltip(this.tooltip(cluster), { sticky: true, direction: "top" }), [cluster]);
    }
    this.drawLegend(clusters, counts);
    if (!this.fitted && this.layers.size) {
      // Fit to what is placed within a country where there is any: a country's whole outline (Russia's) would
      // zoom the map out to the world.
      const within = precise.filter((c) => this.layers.has(c.id)).map((c) => this.layers.get(c.id));
      const bounds = L.featureGroup(within.length ? within : [...this.layers.values()]).getBounds();
      if (bounds.isValid()) this.map.fitBounds(bounds.pad(0.3), { maxZoom: 6, animate: false });
      this.fitted = true;
    }
    if (this.selected) this.select(this.selected, { pan: false });
  }

  /** Put a layer on the map for these clusters: its paths name them (data-cluster-ids), a click selects them. */
  add(layer, members) {
    const ids = members.map((c) => c.id);
    layer.on("click", () => (ids.length === 1 ? this.onSelect(ids[0]) : this.onSelectMany(ids)));
    layer.addTo(this.clusterLayer);
    for (const path of pathsOf(layer)) path.dataset.clusterIds = ids.join(" ");
    for (const id of ids) this.layers.set(id, layer);
  }

  countryLayer(code, members) {
    const types = [...new Set(members.map(typeName))];
    const colour = types.length === 1 ? colourOf(types[0]) : "#34495e";
    const layer = L.geoJSON(this.countryByAlpha2.get(code), {
      pane: "regions", className: "cluster-region cluster-country",
      style: { color: colour, weight: 1.5, dashArray: "4 3", fillColor: colour,
        fillOpacity: Math.min(0.35, 0.06 + 0.03 * members.length) },
    });
    const shown = members.slice(0, 5).map((c) => el("li", {}, `${describeDate(c)}: ${c.label || typeName(c)}`));
    return layer.bindTooltip(el("div", { class: "map-tip" },
      el("strong", {}, `${members.length} event cluster${members.length === 1 ? "" : "s"} somewhere in `
        + this.countryName(code)),
      el("div", {}, "Known only by the country: the whole country is shaded, no point is claimed."),
      el("div", {}, types.slice(0, 6).join(", ") + (types.length > 6 ? ", …" : "")),
      el("ul", {}, shown, members.length > shown.length ? el("li", {}, `… ${members.length - shown.length} more`)
        : null)), { sticky: true, direction: "top" });
  }

  layerFor(cluster, counts) {
    const colour = colourOf(typeName(cluster));
    const precision = cluster.precision || "";
    if (!isPlaced(cluster)) {
      counts.unplaced += 1;
      return null;
    }
    const at = [cluster.latitude, cluster.longitude];
    const radius = Math.min(12, 4 + Math.sqrt(sizeOf(cluster)) * 2);
    if (precision === "exact") {
      counts.point += 1;
      return L.circleMarker(at, {
        pane: "points", className: "cluster-point", radius, color: "#1b1b1b", weight: 1, fillColor: colour,
        fillOpacity: 0.9,
      });
    }
    if (!precision) { // a point whose precision was not recorded (an older record): a hollow ring, not a pin
      counts.point += 1;
      return L.circleMarker(at, {
        pane: "points", className: "cluster-point cluster-unknown", radius, color: colour, weight: 2,
        dashArray: "3 2", fillOpacity: 0,
      });
    }
    counts.area += 1; // near, a district, a region; or a country with no outline in world-atlas
    return L.circle(at, {
      pane: "regions", className: `cluster-region cluster-${precision}`,
      radius: (AREA_RADIUS_KM[precision] ?? AREA_RADIUS_KM.admin1) * 1000,
      color: colour, weight: 1.5, dashArray: "4 3", fillColor: colour, fillOpacity: 0.2,
    });
  }

  tooltip(cluster) {
    const precision = cluster.precision || "";
    const where = PRECISION_WORDS[precision] || "about here (how precisely was not recorded)";
    return el("div", { class: "map-tip" },
      el("strong", {}, cluster.label || typeName(cluster)),
      el("div", {}, `${typeName(cluster)}${cluster.sub_event_type ? ` · ${cluster.sub_event_type}` : ""}`),
      el("div", {}, `${placeName(cluster)}: ${where}`),
      el("div", {}, `${describeDate(cluster)} · ${reports(sizeOf(cluster))} · ${words(cluster.status)}`),
      el("div", {}, confidenceText(cluster)));
  }

  drawLegend(clusters, counts) {
    const types = [...new Set(clusters.map(typeName))].sort();
    this.legend.replaceChildren(
      el("ul", { class: "legend-types" }, types.map((type) => {
        const swatch = el("span", { class: "swatch" });
        swatch.style.backgroundColor = colourOf(type);
        return el("li", {}, swatch, type);
      })),
      el("p", { class: "legend-counts" },
        `${counts.point} at a place · ${counts.area} in a district or region (shaded disc) · `
        + `${counts.country} in a country (shaded) · ${counts.unplaced} with no place (not drawn)`),
    );
  }

  select(id, { pan = true } = {}) {
    if (this.selected && this.layers.has(this.selected)) setSelected(this.layers.get(this.selected), false);
    this.selected = id;
    const layer = this.layers.get(id);
    if (!layer) return;
    setSelected(layer, true);
    if (!pan) return;
    // Bring it into view where it is out of sight; never zoom in on it (a region would fill the map).
    const bounds = layer.getBounds ? layer.getBounds() : L.latLngBounds([layer.getLatLng()]);
    if (!this.map.getBounds().intersects(bounds)) {
      this.map.fitBounds(bounds.pad(0.5), { maxZoom: this.map.getZoom() });
    }
  }
}

/**
 * Make rings that cross the antimeridian continuous (world-atlas stitches Russia's and Fiji's outlines across it:
 * a ring that jumps from 179° to -179° would be drawn back across the whole map). Each ring goes on past ±180°
 * instead, then is moved by whole turns so that its middle lies within -180°..180°.
 */
function unwrap(geometry) {
  const ring = (points) => {
    let shift = 0;
    let previous = null;
    const out = points.map(([lon, lat]) => {
      if (previous !== null) {
        if (lon + shift - previous > 180) shift -= 360;
        else if (lon + shift - previous < -180) shift += 360;
      }
      previous = lon + shift;
      return [previous, lat];
    });
    const middle = out.reduce((sum, [lon]) => sum + lon, 0) / (out.length || 1);
    const turns = Math.round(middle / 360);
    return turns ? out.map(([lon, lat]) => [lon - turns * 360, lat]) : out;
  };
  if (!geometry) return;
  if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(ring);
  else if (geometry.type === "MultiPolygon") geometry.coordinates = geometry.coordinates.map((p) => p.map(ring));
}

function pathsOf(layer) {
  const paths = [];
  const visit = (item) => {
    if (item.getLayers) item.getLayers().forEach(visit);
    else if (item.getElement && item.getElement()) paths.push(item.getElement());
  };
  visit(layer);
  return paths;
}

function setSelected(layer, on) {
  for (const path of pathsOf(layer)) path.classList.toggle("selected", on);
  if (on && layer.bringToFront) layer.bringToFront();
}
