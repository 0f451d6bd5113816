// The table view: the shown actors and ties as rows, the full alternative to the picture.
// Figures are said in words ("hoch (Rang 2 von 151)"); the exact figure has its own column.

import {brokerText, degreeText, districtText, findingTexts, formatDate, groupText} from "./describe.js";
import {fill, make} from "./text.js";

const ROW_LIMIT = 300;

export class Tables {
  constructor(picture) {
    this.picture = picture;
    this.sorting = {node: {key: "label", direction: 1}, edge: {key: "from", direction: 1}};
    this.limits = {node: ROW_LIMIT, edge: ROW_LIMIT};
    for (const kind of ["node", "edge"]) {
      const table = picture.part(`${kind}-table`);
      if (!table) continue;
      table.querySelectorAll("th[data-sort] button").forEach((button) => {
        button.addEventListener("click", () => {
          const key = button.closest("th").dataset.sort;
          const sorting = this.sorting[kind];
          sorting.direction = sorting.key === key ? -sorting.direction : 1;
          sorting.key = key;
          this.render();
        });
      });
    }
  }

  nodeValue(node, key) {
    const p = this.picture;
    switch (key) {
      case "type": return p.typeLabel.get(node.type) || "";
      case "status": return p.statusLabel.get(node.status) || "";
      case "districts": return districtText(p, node);
      case "commitments": return (node.commitments || []).length ? node.commitments[0] : 99;
      case "degree": return node.degree || 0;
      case "betweenness": case "exact": return node.betweenness || 0;
      case "community": return node.community ?? 1e9;
      case "findings": return findingTexts(p, node).length;
      default: return node.label;
    }
  }

  edgeValue(edge, key) {
    const p = this.picture;
    const name = (id) => (p.nodeById.get(id) || {label: ""}).label;
    switch (key) {
      case "to": return name(edge.to);
      case "kinds": return edge.coops.map((coop) => p.kindLabel.get(coop.kind)).join(", ");
      case "since": return edge.coops.map((coop) => coop.since || "9999").sort()[0];
      case "active": return edge.coops.some((coop) => coop.active) ? 0 : 1;
      default: return name(edge.from);
    }
  }

  sorted(items, kind, valueOf) {
    const {key, direction} = this.sorting[kind];
    const collator = new Intl.Collator(this.picture.lang, {numeric: true, sensitivity: "base"});
    const keyed = items.map((item) => [valueOf(item, key), item]);
    keyed.sort((a, b) => {
      const order = typeof a[0] === "number" && typeof b[0] === "number"
        ? a[0] - b[0] : collator.compare(String(a[0]), String(b[0]));
      return order * direction;
    });
    this.picture.part(`${kind}-table`).querySelectorAll("th[data-sort]").forEach((th) => {
      if (th.dataset.sort === key) th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    return keyed.map((pair) => pair[1]);
  }

  render() {
    const p = this.picture;
    if (!p.data || !p.part("node-table")) return;
    const l = p.labels;
    const shown = p.shown;
    const nodes = this.sorted([...shown.nodes].map((id) => p.nodeById.get(id)).filter(Boolean),
      "node", (node, key) => this.nodeValue(node, key));
    this.fill("node", nodes, (node) => {
      const row = make("tr");
      const name = make("td");
      const link = make("a", null, node.label);
      link.href = p.actorUrl(node.id);
      name.append(link);
      const flags = [node.mso ? "MSO" : null, node.adm ? l.administration : null].filter(Boolean);
      if (flags.length) name.append(make("span", "badge text-bg-light ms-1", flags.join(" · ")));
      row.append(name,
        make("td", null, p.typeLabel.get(node.type) || "–"),
        make("td", null, p.statusLabel.get(node.status) || node.status),
        make("td", null, districtText(p, node)),
        make("td", null, (node.commitments || []).join(", ") || "–"),
        make("td", null, degreeText(p, node)),
        make("td", null, brokerText(p, node)),
        make("td", null, groupText(p, node)),
        make("td", null, findingTexts(p, node).join("; ") || "–"),
        make("td", "text-end text-body-secondary", p.decimal.format(node.betweenness || 0)));
      return row;
    });
    const edges = this.sorted([...shown.edges].map((id) => p.edgeById.get(id)).filter(Boolean),
      "edge", (edge, key) => this.edgeValue(edge, key));
    this.fill("edge", edges, (edge) => {
      const row = make("tr");
      for (const id of [edge.from, edge.to]) {
        const cell = make("td");
        const link = make("a", null, (p.nodeById.get(id) || {label: id}).label);
        link.href = p.actorUrl(id);
        cell.append(link);
        row.append(cell);
      }
      const since = edge.coops.map((coop) => coop.since).filter(Boolean).sort()[0];
      row.append(make("td", null, edge.coops.map((coop) => p.kindLabel.get(coop.kind) || coop.kind).join(", ")),
        make("td", null, since ? formatDate(p, since) : "–"),
        make("td", null, edge.coops.some((coop) => coop.active) ? l.yes : l.no));
      return row;
    });
  }

  fill(kind, items, rowOf) {
    const p = this.picture;
    const body = p.part(`${kind}-table`).querySelector("tbody");
    const limit = this.limits[kind];
    const fragment = document.createDocumentFragment();
    for (const item of items.slice(0, limit)) fragment.append(rowOf(item));
    body.replaceChildren(fragment);
    const more = p.part(`${kind}-more`);
    if (!more) return;
    more.replaceChildren();
    if (items.length > limit) {
      more.append(make("span", "small text-body-secondary me-2",
        fill(p.labels.rows_shown, {shown: p.number.format(limit), n: p.number.format(items.length)})));
      const button = make("button", "btn btn-sm btn-outline-secondary", fill(p.labels.show_all_rows, {n: p.number.format(items.length)}));
      button.type = "button";
      button.addEventListener("click", () => { this.limits[kind] = Infinity; this.render(); });
      more.append(button);
    }
  }
}
