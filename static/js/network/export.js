// "Bild speichern": the shown network as PNG (print resolution) or SVG, with the commune's
// name, the date and the legend. Both are drawn by `renderScene` through a painter, so the two
// files show the same picture: SvgPainter writes SVG text (names escaped), CanvasPainter draws
// on a canvas.

export const PRINT_WIDTH = 3508; // A4 landscape at 300 dpi
const FONT = "system-ui, sans-serif";

export function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;"}[c]));
}

const round = (value) => Math.round(value * 10) / 10;

function shapePoints(shape, x, y, r) {
  if (shape === "diamond") return [[x, y - r], [x + r, y], [x, y + r], [x - r, y]];
  if (shape === "square") return [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]];
  if (shape === "hexagon") {
    return Array.from({length: 6}, (_, i) => [x + r * Math.cos(Math.PI / 3 * i), y + r * Math.sin(Math.PI / 3 * i)]);
  }
  return null;
}

export class SvgPainter {
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.parts = [];
  }

  line(x1, y1, x2, y2, colour, width, dashed) {
    const dash = dashed ? ` stroke-dasharray="${round(width * 4)} ${round(width * 3)}"` : "";
    this.parts.push(`<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${colour}" stroke-width="${round(width)}" stroke-opacity="0.6"${dash}/>`);
  }

  shape(shape, x, y, r, fill, stroke, strokeWidth) {
    const points = shapePoints(shape, x, y, r);
    const paint = `fill="${fill}" stroke="${stroke}" stroke-width="${round(strokeWidth)}"`;
    if (points) this.parts.push(`<polygon points="${points.map((p) => `${round(p[0])},${round(p[1])}`).join(" ")}" ${paint}/>`);
    else this.parts.push(`<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" ${paint}/>`);
  }

  circle(x, y, r, fill, stroke) {
    this.parts.push(`<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" fill="${fill}" fill-opacity="0.08" stroke="${stroke}" stroke-opacity="0.5"/>`);
  }

  text(x, y, text, {size, colour = "#212529", weight = "normal", align = "left", halo = false}) {
    const anchor = {left: "start", center: "middle", right: "end"}[align];
    const haloAttributes = halo ? ` stroke="#ffffff" stroke-width="${round(size / 4)}" paint-order="stroke"` : "";
    this.parts.push(`<text x="${round(x)}" y="${round(y)}" font-family="${FONT}" font-size="${round(size)}" font-weight="${weight}" fill="${colour}" text-anchor="${anchor}" dominant-baseline="middle"${haloAttributes}>${escapeXml(text)}</text>`);
  }

  toString() {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}"><rect width="100%" height="100%" fill="#ffffff"/>${this.parts.join("")}</svg>`;
  }
}

export class CanvasPainter {
  constructor(context) {
    this.context = context;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, context.canvas.width, context.canvas.height);
  }

  line(x1, y1, x2, y2, colour, width, dashed) {
    const c = this.context;
    c.save();
    c.globalAlpha = 0.6;
    c.strokeStyle = colour;
    c.lineWidth = width;
    c.setLineDash(dashed ? [width * 4, width * 3] : []);
    c.beginPath();
    c.moveTo(x1, y1);
    c.lineTo(x2, y2);
    c.stroke();
    c.restore();
  }

  shape(shape, x, y, r, fill, stroke, strokeWidth) {
    const c = this.context;
    const points = shapePoints(shape, x, y, r);
    c.beginPath();
    if (points) {
      points.forEach(([px, py], index) => (index ? c.lineTo(px, py) : c.moveTo(px, py)));
      c.closePath();
    } else {
      c.arc(x, y, r, 0, 2 * Math.PI);
    }
    c.fillStyle = fill;
    c.fill();
    c.strokeStyle = stroke;
    c.lineWidth = strokeWidth;
    c.stroke();
  }

  circle(x, y, r, fill, stroke) {
    const c = this.context;
    c.save();
    c.beginPath();
    c.arc(x, y, r, 0, 2 * Math.PI);
    c.globalAlpha = 0.08;
    c.fillStyle = fill;
    c.fill();
    c.globalAlpha = 0.5;
    c.strokeStyle = stroke;
    c.stroke();
    c.restore();
  }

  text(x, y, text, {size, colour = "#212529", weight = "normal", align = "left", halo = false}) {
    const c = this.context;
    c.font = `${weight} ${size}px ${FONT}`;
    c.textAlign = align;
    c.textBaseline = "middle";
    if (halo) {
      c.strokeStyle = "#ffffff";
      c.lineWidth = size / 4;
      c.lineJoin = "round";
      c.strokeText(text, x, y);
    }
    c.fillStyle = colour;
    c.fillText(text, x, y);
  }
}

/**
 * Draw `scene` with `painter`. scene: {width, height, title, subtitle, nodes: [{x, y, r, shape,
 * colour, border, borderWidth}], edges: [{x1, y1, x2, y2, dashed, colour}], hulls: [{x, y, r, colour}],
 * labels: [{x, y, lines, size, weight, align}], legend: {top, columns, entries: [{colour, shape, text}]}}
 * in output pixels.
 */
export function renderScene(painter, scene) {
  const unit = scene.unit;
  painter.text(unit * 2, unit * 2, scene.title, {size: unit * 1.6, weight: "bold"});
  painter.text(unit * 2, unit * 4, scene.subtitle, {size: unit, colour: "#495057"});
  for (const hull of scene.hulls) painter.circle(hull.x, hull.y, hull.r, hull.colour, "#6c757d");
  for (const edge of scene.edges) painter.line(edge.x1, edge.y1, edge.x2, edge.y2, edge.colour, unit / 10, edge.dashed);
  for (const node of scene.nodes) painter.shape(node.shape, node.x, node.y, node.r, node.colour, node.border, node.borderWidth);
  for (const label of scene.labels) {
    label.lines.forEach((line, index) => painter.text(label.x, label.y + index * label.size * 1.2, line,
      {size: label.size, weight: label.weight || "normal", align: label.align, halo: true}));
  }
  const legend = scene.legend;
  const columnWidth = (scene.width - unit * 4) / legend.columns;
  legend.entries.forEach((entry, index) => {
    const x = unit * 2 + (index % legend.columns) * columnWidth;
    const y = legend.top + Math.floor(index / legend.columns) * unit * 1.8;
    if (entry.shape === "line" || entry.shape === "dashed") {
      painter.line(x, y, x + unit * 1.4, y, "#6c757d", unit / 8, entry.shape === "dashed");
    } else {
      painter.shape(entry.shape, x + unit * 0.6, y, unit * 0.5, entry.colour, "#495057", unit / 12);
    }
    painter.text(x + unit * 1.8, y, entry.text, {size: unit * 0.9});
  });
}

/** Offer `blob` as a download called `name`. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
