// What is drawn on top of vis-network's nodes and edges: the cluster discs (before), the cluster
// names, the actors' names without overlaps (labels.js) and the ring around the selected actor
// (after). Everything in screen pixels, from the network's own positions.

import {ANCHORS, BESIDE_FIRST, placeLabels} from "./labels.js";
import {commitmentShort} from "./describe.js";
import {wrapLabel} from "./text.js";
import {communityShort} from "./words.js";

export const SELECT_COLOUR = "#0d6efd";
export const LABEL_SIZE = 12;
const LABEL_FONT = `${LABEL_SIZE}px system-ui, sans-serif`;
const STRONG_FONT = `600 ${LABEL_SIZE + 1}px system-ui, sans-serif`;
const LABEL_LIMIT = 400;
const CANDIDATE_LIMIT = 1000; // names tried per frame, most important first
const MIN_KEPT_CLEAR = 4; // px: node radius from which names keep clear of the node
const RING_GAP = 6; // px between the selected actor and its ring

/** Lines, width and height of a node's name in screen pixels (cached). */
export function measure(p, id, context) {
  let entry = p.measured.get(id);
  if (!entry) {
    const strong = typeof id !== "number";
    const text = strong ? commitmentShort(p, Number(String(id).slice(2))) : p.nodeById.get(id).label;
    const lines = wrapLabel(text);
    context.font = strong ? STRONG_FONT : LABEL_FONT;
    const width = Math.ceil(Math.max(...lines.map((line) => context.measureText(line).width))) + 2;
    const size = strong ? LABEL_SIZE + 1 : LABEL_SIZE;
    entry = {lines, width, height: Math.ceil(lines.length * size * 1.2) + 2, size, font: context.font};
    p.measured.set(id, entry);
  }
  return entry;
}

/** Canvas position of a node in screen pixels of the canvas element. */
export function toScreen(p, x, y, view, scale, width, height) {
  return {x: (x - view.x) * scale + width / 2, y: (y - view.y) * scale + height / 2};
}

export function labelCandidates(p, context, width, height) {
  const network = p.network;
  const scale = network.getScale();
  const view = network.getViewPosition();
  const bodies = network.body.nodes;
  const ids = [];
  if (p.selected !== null) ids.push(p.selected);
  if (p.state.view === "bipartite") for (const id of p.shown.nodes) if (typeof id !== "number") ids.push(id);
  const candidates = [];
  const nodeBoxes = [];
  const consider = (id) => {
    const body = bodies[id];
    if (!body || !p.shown.nodes.has(id)) return;
    const point = toScreen(p, body.x, body.y, view, scale, width, height);
    if (point.x < -50 || point.y < -50 || point.x > width + 50 || point.y > height + 50) return;
    const radius = (body.options.size || 10) * scale + 1;
    // names keep clear of nodes that are big enough to hide in the whole picture (at an overview
    // of thousands of actors, names may cover the smallest dots, or no hub in the middle would
    // get one), and of the ring around the selected actor. Which nodes count is decided at the
    // scale of the whole picture, not the current one: zoomed in, every dot grows past the
    // threshold, and the hubs in a dense middle would lose their names just as there is room
    const overview = (body.options.size || 10) * Math.min(scale, p.fitScale || scale) + 1;
    const clear = id === p.selected ? radius + RING_GAP + 2 : radius;
    if (id === p.selected || overview >= MIN_KEPT_CLEAR) {
      nodeBoxes.push({x: point.x - clear, y: point.y - clear, w: 2 * clear, h: 2 * clear});
    }
    // the less important ones rarely find room: measuring and trying them costs every frame
    if (candidates.length >= CANDIDATE_LIMIT) return;
    const size = measure(p, id, context);
    candidates.push({id, x: point.x, y: point.y, radius: clear, width: size.width, height: size.height});
  };
  ids.forEach(consider);
  for (const id of p.order) if (id !== p.selected) consider(id);
  return {candidates, nodeBoxes};
}

export function drawLabels(p, context) {
  const canvas = p.canvasElement;
  if (!canvas || !canvas.clientWidth) return;
  const started = performance.now();
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const ratio = canvas.width / width;
  context.save();
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  const {candidates, nodeBoxes} = labelCandidates(p, context, width, height);
  const reserved = [...drawHullNames(p, context, width, height), ...nodeBoxes];
  const placed = placeLabels(candidates, {w: width, h: height},
    {reserved, limit: LABEL_LIMIT, anchors: p.namesBeside ? BESIDE_FIRST : ANCHORS});
  context.textBaseline = "top";
  context.textAlign = "left";
  context.lineJoin = "round";
  context.strokeStyle = "#ffffff";
  context.lineWidth = 3;
  for (const label of placed) {
    const size = p.measured.get(label.id);
    context.font = size.font;
    context.fillStyle = label.id === p.selected ? "#052c65" : "#212529";
    const align = label.anchor === "below" || label.anchor === "above";
    size.lines.forEach((line, index) => {
      const lineWidth = context.measureText(line).width;
      const x = label.box.x + 1 + (align ? (label.box.w - 2 - lineWidth) / 2 : (label.anchor === "left" ? label.box.w - 2 - lineWidth : 0));
      const y = label.box.y + 1 + index * size.size * 1.2;
      context.strokeText(line, x, y);
      context.fillText(line, x, y);
    });
  }
  if (p.selected !== null && p.network.body.nodes[p.selected] && p.shown.nodes.has(p.selected)) {
    const body = p.network.body.nodes[p.selected];
    const point = toScreen(p, body.x, body.y, p.network.getViewPosition(), p.network.getScale(), width, height);
    context.beginPath();
    context.arc(point.x, point.y, (body.options.size || 10) * p.network.getScale() + RING_GAP, 0, 2 * Math.PI);
    context.strokeStyle = SELECT_COLOUR;
    context.lineWidth = 3;
    context.stroke();
  }
  context.restore();
  p.drawnLabels = placed;
  p.root.dataset.labels = String(placed.length);
  p.timings.labels = performance.now() - started; // read by bench/graph.py
}

export function drawHulls(p, context) {
  for (const hull of p.hulls) {
    context.beginPath();
    context.arc(hull.x, hull.y, hull.radius, 0, 2 * Math.PI);
    context.fillStyle = "rgba(108, 117, 125, 0.07)";
    context.fill();
    context.strokeStyle = "rgba(108, 117, 125, 0.5)";
    context.lineWidth = 1 / p.network.getScale();
    context.stroke();
  }
}

/**
 * A cluster's name and size as drawn. A community's name keeps as much of its actor's name as
 * fits within `room` pixels (the disc's width), and at least the part that tells it apart.
 */
export function hullText(p, context, hull, room) {
  const size = ` (${p.number.format(hull.count)})`;
  const names = hull.key.startsWith("g") ? p.colours.communities.get(Number(hull.key.slice(1))) : null;
  if (!names || !names.actor) return `${hull.label}${size}`;
  const text = (width) => `${communityShort(p.labels, names, width)}${size}`;
  let low = names.least;
  let high = names.actor.length;
  while (low < high) { // the widest cut that fits (binary search: each try measures the text)
    const middle = Math.ceil((low + high) / 2);
    if (context.measureText(text(middle)).width + 4 <= room) low = middle;
    else high = middle - 1;
  }
  return text(low);
}

/**
 * Cluster names above their discs; returns their boxes so actor names keep clear of them, and
 * keeps them with the whole names for the tooltip (`drawnHullNames`).
 */
export function drawHullNames(p, context, width, height) {
  const boxes = [];
  p.drawnHullNames = boxes;
  if (!p.hulls.length) return boxes;
  const scale = p.network.getScale();
  const view = p.network.getViewPosition();
  context.font = STRONG_FONT;
  context.textBaseline = "bottom";
  context.textAlign = "center";
  context.lineJoin = "round";
  for (const hull of p.hulls) {
    const point = toScreen(p, hull.x, hull.y - hull.radius, view, scale, width, height);
    const text = hullText(p, context, hull, 2 * hull.radius * scale + 8);
    const textWidth = context.measureText(text).width + 4;
    // above the disc's centre, moved sideways as far as needed to stay on the canvas, and a
    // line higher where the name beside it is in the way
    const left = Math.min(Math.max(point.x - textWidth / 2, 0), width - textWidth);
    const box = [0, 1].map((lift) => ({x: left, y: point.y - (lift + 1) * LABEL_SIZE * 1.4 - 2, w: textWidth,
      h: LABEL_SIZE * 1.4, text, full: hull.full, count: hull.count}))
      .find((candidate) => candidate.x >= 0 && candidate.y >= 0 && candidate.y + candidate.h <= height
        && !boxes.some((other) => other.x < candidate.x + candidate.w && candidate.x < other.x + other.w
          && other.y < candidate.y + candidate.h && candidate.y < other.y + other.h));
    if (!box) continue;
    const x = left + textWidth / 2;
    const baseline = box.y + box.h;
    context.strokeStyle = "#ffffff";
    context.lineWidth = 4;
    context.strokeText(text, x, baseline);
    context.fillStyle = "#343a40";
    context.fillText(text, x, baseline);
    boxes.push(box);
  }
  return boxes;
}
