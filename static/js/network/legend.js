// The legend below the picture: colours with counts, shapes, lines and size.

import {make} from "./text.js";

export function legendEntries(p) {
  const counts = new Map();
  for (const id of p.shown.nodes) {
    const node = p.nodeById.get(id);
    if (!node) continue;
    const category = p.category(node);
    const entry = counts.get(category.key) || Object.assign({count: 0}, category);
    entry.count += 1;
    counts.set(category.key, entry);
  }
  return [...counts.values()].sort((a, b) => a.order - b.order);
}

export function shapeEntries(p) {
  const l = p.labels;
  const entries = [{shape: "dot", text: l.shape_dot}, {shape: "diamond", text: l.shape_diamond},
    {shape: "square", text: l.shape_square}];
  if (p.state.view === "bipartite") entries.push({shape: "hexagon", text: l.shape_commitment});
  if (p.state.highlight.length) entries.push({shape: "dot", text: l.highlight_border, highlight: true});
  entries.push({shape: "line", text: l.edge_active}, {shape: "dashed", text: l.edge_inactive});
  return entries;
}

export function renderLegend(p) {
  const legend = p.part("legend");
  if (!legend) return;
  const l = p.labels;
  legend.replaceChildren();
  const group = (title) => {
    const wrapper = make("div", "legend-group");
    if (title) wrapper.append(make("span", "legend-title", title));
    const list = make("ul");
    wrapper.append(list);
    legend.append(wrapper);
    return list;
  };
  const select = p.part("colour");
  const modeText = select ? select.options[select.selectedIndex].text : l.type;
  const colours = group(`${l.colour_by}: ${modeText}`);
  for (const entry of legendEntries(p)) {
    const item = make("li");
    const swatch = make("span", "legend-swatch");
    swatch.style.backgroundColor = entry.colour;
    item.append(swatch, document.createTextNode(`${entry.label} (${p.number.format(entry.count)})`));
    colours.append(item);
  }
  const shapes = group(null);
  for (const entry of shapeEntries(p)) {
    const item = make("li");
    const className = entry.shape === "line" || entry.shape === "dashed"
      ? `legend-line${entry.shape === "dashed" ? " dashed" : ""}`
      : `legend-swatch plain shape-${entry.shape}${entry.highlight ? " highlight" : ""}`;
    item.append(make("span", className), document.createTextNode(entry.text));
    shapes.append(item);
  }
  const sizeSelect = p.part("size");
  shapes.append(make("li", null, `${l.size_by}: ${sizeSelect ? sizeSelect.options[sizeSelect.selectedIndex].text : l.degree}`));
}
