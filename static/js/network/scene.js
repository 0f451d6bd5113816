// "Bild speichern": the shown picture laid out at print resolution for export.js's painters.

import {CanvasPainter, PRINT_WIDTH, SvgPainter, download, renderScene} from "./export.js";
import {commitmentShort, formatDate} from "./describe.js";
import {ANCHORS, BESIDE_FIRST, placeLabels} from "./labels.js";
import {hullText} from "./layers.js";
import {legendEntries, shapeEntries} from "./legend.js";
import {fill, wrapLabel} from "./text.js";

/** The shown picture at print resolution: title, picture, legend (see export.js). */
export function scene(p, measureContext) {
  const positions = p.network.getPositions([...p.shown.nodes]);
  const ids = Object.keys(positions).map((key) => (p.nodeById.has(Number(key)) ? Number(key) : key));
  const points = ids.map((id) => positions[id]);
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const width = PRINT_WIDTH;
  const unit = 36;
  const header = unit * 6;
  const pad = unit * 5;
  const scale = Math.min((width - 2 * pad) / Math.max(maxX - minX, 1), (width * 0.62) / Math.max(maxY - minY, 1), 6);
  const pictureHeight = (maxY - minY) * scale + 2 * pad;
  const at = (point) => ({x: pad + (point.x - minX) * scale, y: header + pad + (point.y - minY) * scale});
  const bodies = p.network.body.nodes;
  const nodes = ids.map((id) => {
    const body = bodies[id];
    const options = body.options;
    const point = at(positions[id]);
    return {id, x: point.x, y: point.y, r: (options.size || 10) * scale, shape: options.shape,
      colour: options.color.background, border: options.color.border, borderWidth: Math.max(1, options.borderWidth * scale / 2)};
  });
  const edges = [...p.shown.edges].map((id) => {
    const edge = p.network.body.edges[id];
    if (!edge || !positions[edge.fromId] || !positions[edge.toId]) return null;
    const a = at(positions[edge.fromId]);
    const b = at(positions[edge.toId]);
    const colour = edge.options.color && edge.options.color.inherit === false ? edge.options.color.color : "#8a939c";
    return {x1: a.x, y1: a.y, x2: b.x, y2: b.y, dashed: Boolean(edge.options.dashes), colour};
  }).filter(Boolean);
  const size = unit * 0.75;
  measureContext.font = `${size}px system-ui, sans-serif`;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const order = [...ids.filter((id) => typeof id !== "number"), ...p.order.filter((id) => byId.has(id))];
  const candidates = order.map((id) => {
    const node = byId.get(id);
    const lines = wrapLabel(typeof id === "number" ? p.nodeById.get(id).label : commitmentShort(p, Number(String(id).slice(2))));
    const textWidth = Math.max(...lines.map((line) => measureContext.measureText(line).width)) + 4;
    return {id, x: node.x, y: node.y, radius: node.r + 2, width: textWidth, height: lines.length * size * 1.2 + 2, lines};
  });
  const area = {w: width, h: header + pictureHeight};
  measureContext.font = `bold ${unit * 0.85}px system-ui, sans-serif`;
  const hulls = p.hulls.map((hull) => ({...at(hull), r: hull.radius * scale, colour: "#6c757d",
    label: hullText(p, measureContext, hull, 2 * hull.radius * scale + unit / 2)}));
  const reserved = hulls.map((hull) => {
    const w = measureContext.measureText(hull.label).width + 4;
    return {x: hull.x - w / 2, y: hull.y - hull.r - unit * 1.4, w, h: unit * 1.2};
  });
  const placed = placeLabels(candidates, area, {reserved, anchors: p.namesBeside ? BESIDE_FIRST : ANCHORS});
  const byCandidate = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const labels = placed.map((label) => ({
    x: label.box.x + label.box.w / 2, y: label.box.y + size * 0.6, lines: byCandidate.get(label.id).lines,
    size, align: "center", weight: typeof label.id === "number" ? "normal" : "bold"}));
  for (const hull of hulls) labels.push({x: hull.x, y: hull.y - hull.r - unit * 0.8, lines: [hull.label], size: unit * 0.85, align: "center", weight: "bold"});
  const entries = [
    ...legendEntries(p).map((entry) => ({shape: "dot", colour: entry.colour, text: `${entry.label} (${entry.count})`})),
    ...shapeEntries(p).map((entry) => ({shape: entry.shape, colour: "#ffffff", text: entry.text})),
  ];
  const columns = 2;
  const legendTop = header + pictureHeight + unit;
  const height = Math.ceil(legendTop + Math.ceil(entries.length / columns) * unit * 1.8 + unit * 2);
  const commune = p.root.dataset.commune || "";
  return {
    width, height, unit, nodes, edges, hulls, labels,
    title: [commune, p.root.dataset.title || p.labels.png_title].filter(Boolean).join(" – "),
    subtitle: `${fill(p.labels.as_of, {date: formatDate(p, p.data.today)})} · ${p.part("status") ? p.part("status").textContent : ""}`,
    legend: {top: legendTop, columns, entries},
  };
}

export function exportPicture(p, format) {
  if (!p.network) return;
  const canvas = document.createElement("canvas");
  const measure = canvas.getContext("2d");
  const picture = scene(p, measure);
  const name = `netzwerk-${p.data.today}.${format}`;
  if (format === "svg") {
    const painter = new SvgPainter(picture.width, picture.height);
    renderScene(painter, picture);
    download(new Blob([painter.toString()], {type: "image/svg+xml"}), name);
    return;
  }
  canvas.width = picture.width;
  canvas.height = picture.height;
  renderScene(new CanvasPainter(measure), picture);
  canvas.toBlob((blob) => download(blob, name), "image/png");
}
