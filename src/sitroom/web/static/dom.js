// Building DOM from data without ever parsing data as HTML: every string goes in as a text node.

const SVG_NS = "http://www.w3.org/2000/svg";

/** An element with attributes and children; strings among the children become text nodes, never markup. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

/** The SVG counterpart of el(). */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

function setAttributes(node, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) throw new Error(`el(): attach ${name} with addEventListener, not an attribute`);
    if (name === "dataset") {
      for (const [key, item] of Object.entries(value)) node.dataset[key] = String(item);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace a node's children with the given ones. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A CSS class name safe to build from data ("Explosions/Remote violence" -> "explosions-remote-violence"). */
export function slug(value) {
  return String(value || "none").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "none";
}

/** Words for a vocabulary value ("single_source" -> "single source"). */
export function words(value) {
  return String(value || "").replaceAll("_", " ");
}

/** A string cut to n characters at a word boundary, with an ellipsis where it was cut. */
export function clip(text, n) {
  const value = String(text || "");
  if (value.length <= n) return value;
  const cut = value.lastIndexOf(" ", n);
  return `${value.slice(0, cut > n * 0.6 ? cut : n).trimEnd()}…`;
}

/** Words in quotation marks, unless they already open with one (a direct quote keeps its own). */
export function quoted(text) {
  const value = String(text || "");
  return /^["“‘'«„]/.test(value) ? value : `“${value}”`;
}
