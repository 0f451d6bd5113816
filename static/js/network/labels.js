// Which actors get a name in the picture, and where the name goes (pure functions).
//
// Every actor has an importance: its number of partners and its broker role (betweenness),
// both relative to the largest in the network, plus a bonus for what the current colouring or
// highlight emphasises. Names are placed in that order at the current zoom, in screen pixels:
// below the node, else right, above or left of it; a name that would overlap an already
// placed one or leave the canvas is not drawn. Zooming in spreads the nodes apart, so more
// names fit (the label grid of sigma.js, on top of vis-network).

export const ANCHORS = ["below", "right", "above", "left"];
export const BESIDE_FIRST = ["right", "below", "above", "left"]; // actors laid out in cells, names beside
const CELL = 64;

/** Importance of each node: 0..2 from degree and betweenness, plus `bonus` (Map id -> number). */
export function importance(nodes, bonus = new Map()) {
  let maxDegree = 0;
  let maxBetweenness = 0;
  for (const node of nodes) {
    maxDegree = Math.max(maxDegree, node.degree || 0);
    maxBetweenness = Math.max(maxBetweenness, node.betweenness || 0);
  }
  const scores = new Map();
  for (const node of nodes) {
    const degree = maxDegree ? (node.degree || 0) / maxDegree : 0;
    const broker = maxBetweenness ? (node.betweenness || 0) / maxBetweenness : 0;
    scores.set(node.id, degree + broker + (bonus.get(node.id) || 0));
  }
  return scores;
}

/** Node ids by falling importance; equal ones by name, so the order is stable. */
export function rankOrder(nodes, scores) {
  return [...nodes]
    .sort((a, b) => (scores.get(b.id) || 0) - (scores.get(a.id) || 0) || String(a.label).localeCompare(String(b.label)))
    .map((node) => node.id);
}

/** The box of a label of size `width` x `height` next to a node of radius `radius` at (x, y). */
export function labelBox(x, y, radius, width, height, anchor, gap = 3) {
  switch (anchor) {
    case "right": return {x: x + radius + gap, y: y - height / 2, w: width, h: height};
    case "above": return {x: x - width / 2, y: y - radius - gap - height, w: width, h: height};
    case "left": return {x: x - radius - gap - width, y: y - height / 2, w: width, h: height};
    default: return {x: x - width / 2, y: y + radius + gap, w: width, h: height};
  }
}

export function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Placed boxes, looked up through a grid of CELL-pixel cells. */
export class BoxIndex {
  constructor() {
    this.cells = new Map();
  }

  *keys(box) {
    for (let cx = Math.floor(box.x / CELL); cx <= Math.floor((box.x + box.w) / CELL); cx += 1) {
      for (let cy = Math.floor(box.y / CELL); cy <= Math.floor((box.y + box.h) / CELL); cy += 1) yield `${cx},${cy}`;
    }
  }

  collides(box) {
    for (const key of this.keys(box)) {
      for (const other of this.cells.get(key) || []) if (overlaps(box, other)) return true;
    }
    return false;
  }

  add(box) {
    for (const key of this.keys(box)) {
      if (!this.cells.has(key)) this.cells.set(key, []);
      this.cells.get(key).push(box);
    }
  }
}

/**
 * Place labels in the given order. `candidates`: [{id, x, y, radius, width, height}] in screen
 * pixels, most important first; `bounds`: {w, h} of the canvas; `reserved`: boxes already
 * taken (cluster names); `anchors`: the sides tried, in this order. Returns [{id, anchor, box}]
 * for the labels to draw; at most `limit`.
 */
export function placeLabels(candidates, bounds, {reserved = [], limit = Infinity, margin = 2, anchors = ANCHORS} = {}) {
  const index = new BoxIndex();
  reserved.forEach((box) => index.add(box));
  const placed = [];
  for (const candidate of candidates) {
    if (placed.length >= limit) break;
    for (const anchor of anchors) {
      const box = labelBox(candidate.x, candidate.y, candidate.radius, candidate.width, candidate.height, anchor);
      if (box.x < margin || box.y < margin || box.x + box.w > bounds.w - margin || box.y + box.h > bounds.h - margin) continue;
      if (index.collides(box)) continue;
      index.add(box);
      placed.push({id: candidate.id, anchor, box});
      break;
    }
  }
  return placed;
}
