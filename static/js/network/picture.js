// The network picture: vis-network draws nodes and edges; this module decides what is shown,
// how it is coloured and arranged, which names are drawn, and keeps the page state in the
// address. Names reach the page only through textContent or the canvas, never as HTML.

import {categoryOf, colourContext, groupOf} from "./colours.js";
import {clusterLayout} from "./clusters.js";
import {count, tooltipText} from "./describe.js";
import {DEFAULT_STATE, HIGHLIGHTS, queryFromState, stateFromQuery, visibility} from "./filters.js";
import {nextInDirection} from "./keyboard.js";
import {importance, rankOrder} from "./labels.js";
import {SELECT_COLOUR, drawHulls, drawLabels} from "./layers.js";
import {renderLegend} from "./legend.js";
import {SidePanel} from "./panel.js";
import {exportPicture} from "./scene.js";
import {Tables} from "./table.js";
import {fill, make} from "./text.js";
import {Tooltip} from "./tooltip.js";
import {betweennessRanks} from "./words.js";

const FINDING_BORDER = "#c0392b";
const NORMAL_BORDER = "#343a40";
const MAX_FIT_SCALE = 1.6;
const SMALL_GROUP = 3; // communities with fewer actors share one cluster in the grouped layout
const SMALL_NETWORK = 30; // up to this many shown actors every name should be readable
const STACKED = "(max-width: 1199.98px)"; // the page's parts one below the other (network.css)
const CELL_RATIO = 2.5; // a small network's grouped layout: room for a name beside each actor

/** Room kept free at the canvas edges when the view is fitted (names of the outermost actors). */
function fitPadding(width, height) {
  return {x: Math.min(width / 6, 95), y: Math.min(height / 6, 56)};
}

// Performance marks for bench/graph.py: data received, vis data built, first drawing done.
const mark = (name) => { if (window.performance && performance.mark) performance.mark(name); };

export class NetworkPicture {
  constructor(root) {
    this.root = root;
    this.full = root.dataset.network === "full";
    this.lang = document.documentElement.lang || "de";
    this.number = new Intl.NumberFormat(this.lang);
    this.decimal = new Intl.NumberFormat(this.lang, {maximumFractionDigits: 4});
    this.dates = new Intl.DateTimeFormat(this.lang, {dateStyle: "medium"});
    this.pluralRules = new Intl.PluralRules(this.lang);
    this.formattedDates = new Map();
    this.measured = new Map();
    this.moved = new Set();
    this.selected = null;
    this.hulls = [];
    this.namesBeside = false; // names right of the actors first (the grouped layout of a small network)
    this.drawnLabels = [];
    this.fitScale = null; // the scale of the whole picture, set by fit()
    this.drawnHullNames = []; // the cluster names drawn: boxes with the whole names (tooltip)
    this.timings = {}; // milliseconds of the last label placement, grouping and redraw (bench/graph.py)
    this.tableShown = !this.full;
    this.network = null;
    this.state = this.full ? stateFromQuery(new URLSearchParams(window.location.search))
      : {...DEFAULT_STATE, activeOnly: false};
  }

  part(name) {
    return this.root.querySelector(`[data-net="${name}"]`);
  }

  async load(url) {
    this.root.dataset.state = "loading";
    let payload;
    try {
      // no extra headers: the page preloads the same request (<link rel="preload" as="fetch">)
      const response = await fetch(url, {credentials: "same-origin"});
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      payload = await response.json();
      mark("network-data");
    } catch {
      this.setText("status", this.root.dataset.error || "Error");
      this.root.dataset.state = "error";
      return;
    }
    this.init(payload);
  }

  // --- data -------------------------------------------------------------------------------------

  init(payload) {
    if (this.network) this.network.destroy();
    this.data = payload;
    this.labels = payload.labels;
    this.nodeById = new Map(payload.nodes.map((node) => [node.id, node]));
    this.edgeById = new Map(payload.edges.map((edge) => [edge.id, edge]));
    const lookup = (list) => new Map(list.map((entry) => [entry.id, entry.label]));
    this.typeLabel = lookup(payload.categories.type);
    this.districtLabel = lookup(payload.categories.district);
    this.commitments = new Map(payload.categories.commitment.map((entry) => [entry.id, entry]));
    this.kindLabel = lookup(payload.categories.kind);
    this.statusLabel = lookup(payload.categories.status);
    this.colours = colourContext(payload);
    this.ranks = betweennessRanks(payload.nodes);
    this.partners = new Map();
    for (const edge of payload.edges) {
      if (!edge.coops.some((coop) => coop.active)) continue;
      for (const [a, b] of [[edge.from, edge.to], [edge.to, edge.from]]) {
        if (!this.partners.has(a)) this.partners.set(a, []);
        this.partners.get(a).push(b);
      }
    }
    this.centre = this.root.dataset.centre ? Number(this.root.dataset.centre) : null;
    this.bipartiteBuilt = false;
    if (!this.controlsBound) {
      this.fillFilterOptions();
      this.bindControls();
      this.tables = new Tables(this);
      this.panel = new SidePanel(this);
      this.controlsBound = true;
    }
    this.writeControls();
    this.updateFindingCounts();
    this.rank();

    this.nodes = new vis.DataSet(payload.nodes.map((node) => this.nodeItem(node)));
    this.edges = new vis.DataSet(payload.edges.map((edge) => this.edgeItem(edge)));
    if (this.state.view === "bipartite") this.buildBipartite();
    this.shown = visibility(payload, this.state);
    this.nodeView = new vis.DataView(this.nodes, {filter: (item) => this.shown.nodes.has(item.id)});
    this.edgeView = new vis.DataView(this.edges, {filter: (item) => this.shown.edges.has(item.id)});
    const options = payload.options;
    const canvas = this.part("canvas");
    mark("network-built");
    this.network = new vis.Network(canvas, {nodes: this.nodeView, edges: this.edgeView}, options);
    this.canvasElement = canvas.querySelector("canvas");
    this.network.once("afterDrawing", () => {
      this.root.dataset.state = "ready";
      mark("network-drawn");
    });
    this.network.on("beforeDrawing", (context) => drawHulls(this, context));
    this.network.on("afterDrawing", (context) => drawLabels(this, context));
    this.network.on("click", (params) => this.onClick(params));
    this.network.on("doubleClick", (params) => this.onDoubleClick(params));
    this.network.on("dragEnd", (params) => this.onDragEnd(params));
    if (this.tooltip) this.tooltip.attach();
    else this.tooltip = new Tooltip(canvas, (point) => tooltipText(this, point));
    if (this.state.group) this.arrange();
    this.fit();
    if (this.shown.focus) this.select(this.shown.focus);
    this.refreshPanels();
  }

  /** Order in which names are drawn: importance, plus what the colouring and highlights emphasise. */
  rank() {
    const bonus = new Map();
    const leaders = new Map();
    const scores = importance(this.data.nodes);
    for (const node of this.data.nodes) {
      if (this.isHighlighted(node)) bonus.set(node.id, 1);
      if (this.state.colour === "type") continue;
      const key = this.category(node).key;
      const leader = leaders.get(key);
      if (leader === undefined || scores.get(node.id) > scores.get(leader)) leaders.set(key, node.id);
    }
    for (const id of leaders.values()) bonus.set(id, (bonus.get(id) || 0) + 0.5);
    this.order = rankOrder(this.data.nodes, importance(this.data.nodes, bonus));
  }

  nodeItem(node) {
    return Object.assign({id: node.id, x: node.x, y: node.y}, this.nodeStyle(node));
  }

  nodeStyle(node) {
    const colour = this.category(node).colour;
    const flagged = this.isHighlighted(node);
    const centre = node.id === this.centre;
    return {
      shape: node.mso ? "diamond" : (node.adm ? "square" : "dot"),
      value: this.state.size === "betweenness" ? node.betweenness || 0 : node.degree || 0,
      borderWidth: flagged ? 5 : (centre ? 4 : 1),
      color: {background: colour, border: flagged ? FINDING_BORDER : (centre ? SELECT_COLOUR : NORMAL_BORDER),
        highlight: {background: colour, border: SELECT_COLOUR}, hover: {background: colour, border: SELECT_COLOUR}},
    };
  }

  edgeItem(edge) {
    return {id: edge.id, from: edge.from, to: edge.to, dashes: !edge.coops.some((coop) => coop.active)};
  }

  category(node) {
    return categoryOf(node, this.state.colour, this.colours);
  }

  isHighlighted(node) {
    const on = new Set(this.state.highlight);
    return Boolean((on.has("articulation") && node.cutoff) || (on.has("isolated") && node.isolated)
      || (on.has("peripheral") && node.peripheral));
  }

  // --- grouped layout ---------------------------------------------------------------------------

  /** Place the shown actors in clusters by the chosen grouping, or back where they were stored. */
  arrange() {
    const mode = this.state.group;
    if (!mode || this.state.view === "bipartite") {
      if (this.hulls.length || this.arranged) {
        this.nodes.update(this.data.nodes.map((node) => ({id: node.id, x: node.x, y: node.y})));
      }
      this.hulls = [];
      this.arranged = false;
      this.namesBeside = false;
      return;
    }
    const shown = this.data.nodes.filter((node) => this.shown.nodes.has(node.id));
    const sizes = new Map();
    for (const node of shown) sizes.set(node.community, (sizes.get(node.community) || 0) + 1);
    const scores = importance(shown);
    const items = shown.map((node) => {
      let group = groupOf(node, mode, this.colours);
      if (mode === "community" && !node.degree) {
        group = {group: "none", label: this.labels.no_ties, last: true};
      } else if (mode === "community" && (node.community === undefined || sizes.get(node.community) < SMALL_GROUP)) {
        group = {group: "small", label: this.labels.other_communities};
      }
      return {id: node.id, group: group.group, label: group.label, full: group.full || group.label, last: group.last,
        weight: scores.get(node.id)};
    });
    const start = performance.now();
    const canvas = this.canvasElement;
    let aspect = 1;
    if (canvas && canvas.clientHeight) {
      const pad = fitPadding(canvas.clientWidth, canvas.clientHeight);
      aspect = (canvas.clientWidth - 2 * pad.x) / Math.max(canvas.clientHeight - 2 * pad.y, 1);
    }
    const small = shown.length <= SMALL_NETWORK;
    const layout = clusterLayout(items, small ? 110 : 60, aspect, {cellRatio: small ? CELL_RATIO : 0});
    this.namesBeside = small;
    this.timings.clusters = performance.now() - start;
    this.nodes.update([...layout.positions].map(([id, point]) => ({id, x: point.x, y: point.y})));
    this.hulls = layout.groups;
    this.arranged = true;
  }

  // --- view -------------------------------------------------------------------------------------

  /** Fit the view to the shown nodes, leaving room for names at the edges. */
  fit() {
    if (!this.network) return;
    const canvas = this.canvasElement;
    const width = canvas ? canvas.clientWidth : 0;
    const height = canvas ? canvas.clientHeight : 0;
    const positions = this.network.getPositions([...this.shown.nodes]);
    const points = Object.values(positions);
    if (!points.length || !width || !height) return;
    for (const hull of this.hulls) {
      points.push({x: hull.x - hull.radius, y: hull.y - hull.radius}, {x: hull.x + hull.radius, y: hull.y + hull.radius});
    }
    const xs = points.map((point) => point.x);
    const ys = points.map((point) => point.y);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const pad = fitPadding(width, height);
    const scale = Math.min((width - 2 * pad.x) / Math.max(maxX - minX, 1),
      (height - 2 * pad.y) / Math.max(maxY - minY, 1), MAX_FIT_SCALE);
    this.fitScale = scale;
    this.network.moveTo({position: {x: (minX + maxX) / 2, y: (minY + maxY) / 2}, scale, animation: false});
  }

  zoom(factor) {
    this.network.moveTo({scale: this.network.getScale() * factor, animation: false});
  }

  /** Make sure `id` is on screen (move the view only when it is not). */
  reveal(id) {
    const position = this.network.getPositions([id])[id];
    if (!position) return;
    const dom = this.network.canvasToDOM(position);
    const canvas = this.canvasElement;
    if (dom.x < 40 || dom.y < 40 || dom.x > canvas.clientWidth - 40 || dom.y > canvas.clientHeight - 40) {
      this.network.moveTo({position, animation: false});
    }
  }

  // --- state ------------------------------------------------------------------------------------

  /** Change the state (filters, focus, colouring, view), record it in the address, redraw. */
  update(changes, {push = true} = {}) {
    const before = this.state;
    this.state = {...before, ...changes};
    if (push && this.full) {
      const query = queryFromState(this.state);
      if (query !== window.location.search) window.history.pushState(null, "", `${window.location.pathname}${query}`);
    }
    this.render(before);
  }

  render(before) {
    if (!this.network) return;
    const started = performance.now();
    const state = this.state;
    this.writeControls();
    if (state.view === "bipartite") this.buildBipartite();
    this.shown = visibility(this.data, state);
    const restyle = before.colour !== state.colour || before.size !== state.size
      || before.highlight.join() !== state.highlight.join();
    if (restyle) {
      this.rank();
      this.nodes.update(this.data.nodes.map((node) => Object.assign({id: node.id}, this.nodeStyle(node))));
    }
    this.nodeView.refresh();
    this.edgeView.refresh();
    this.arrange();
    this.fit();
    if (this.shown.focus && before.focus !== state.focus) this.select(this.shown.focus);
    this.refreshPanels();
    this.timings.render = performance.now() - started;
  }

  setFocus(id) {
    this.update({focus: id});
  }

  readControls() {
    const value = (name) => (this.part(name) ? this.part(name).value : "");
    const number = (name) => (value(name) ? Number(value(name)) : null);
    const checked = (name) => Boolean(this.part(name) && this.part(name).checked);
    return {
      type: number("filter-type"), commitment: this.part("filter-commitment") ? number("filter-commitment") : this.state.commitment,
      district: number("filter-district"), kind: value("filter-kind") || null,
      activeOnly: this.part("active-only") ? checked("active-only") : this.state.activeOnly,
      hideIsolated: checked("hide-isolated"),
      depth: this.part("focus-depth") ? Number(value("focus-depth")) : this.state.depth,
      colour: value("colour") || "type", size: value("size") || "degree", view: value("view") || "network",
      group: value("group"), highlight: HIGHLIGHTS.filter((name) => checked(`hl-${name}`)),
    };
  }

  writeControls() {
    const state = this.state;
    const set = (name, value) => {
      const element = this.part(name);
      if (element) element.value = value === null || value === undefined ? "" : String(value);
    };
    set("filter-type", state.type);
    set("filter-commitment", state.commitment);
    set("filter-district", state.district);
    set("filter-kind", state.kind);
    set("focus-depth", state.depth);
    set("colour", state.colour);
    set("size", state.size);
    set("view", state.view);
    set("group", state.group);
    if (this.part("active-only")) this.part("active-only").checked = state.activeOnly;
    if (this.part("hide-isolated")) this.part("hide-isolated").checked = state.hideIsolated;
    for (const name of HIGHLIGHTS) if (this.part(`hl-${name}`)) this.part(`hl-${name}`).checked = state.highlight.includes(name);
    const focus = state.focus && this.nodeById.get(state.focus);
    this.setText("focus-name", focus ? fill(this.labels.focus_on, {name: focus.label}) : this.labels.no_focus);
    if (this.part("focus-clear")) this.part("focus-clear").disabled = !focus;
  }

  // --- controls ---------------------------------------------------------------------------------

  fillFilterOptions() {
    const add = (name, entries) => {
      const select = this.part(name);
      if (!select) return;
      for (const entry of entries) select.add(new Option(entry.label, entry.id));
    };
    add("filter-type", this.data.categories.type);
    add("filter-district", this.data.categories.district);
    add("filter-kind", this.data.categories.kind);
  }

  bindControls() {
    const on = (name, event, handler) => {
      const element = this.part(name);
      if (element) element.addEventListener(event, handler);
    };
    const changed = () => this.update(this.readControls());
    for (const name of ["filter-type", "filter-commitment", "filter-district", "filter-kind", "active-only",
      "hide-isolated", "colour", "size", "view", "group", "focus-depth", ...HIGHLIGHTS.map((h) => `hl-${h}`)]) {
      on(name, "change", changed);
    }
    on("filter-reset", "click", () => this.update({type: null, commitment: null, district: null, kind: null,
      activeOnly: true, hideIsolated: false}));
    on("controls", "submit", (event) => {
      event.preventDefault();
      this.search(this.part("search").value, true);
    });
    on("search", "input", () => this.search(this.part("search").value, false));
    on("focus-clear", "click", () => this.update({focus: null}));
    on("fit", "click", () => this.fit());
    on("save", "click", () => this.save());
    on("png", "click", () => exportPicture(this, "png"));
    on("svg", "click", () => exportPicture(this, "svg"));
    on("depth", "change", (event) => {
      const url = new URL(this.root.dataset.url, window.location.href);
      url.searchParams.set("depth", event.target.value);
      this.load(url.toString());
    });
    on("canvas", "keydown", (event) => this.onKey(event));
    const tableTab = this.part("table-tab");
    if (tableTab) {
      const show = () => { this.tableShown = true; this.tables.render(); };
      tableTab.addEventListener("shown.bs.tab", show);
      tableTab.addEventListener("click", show);
    }
    if (this.full) {
      window.addEventListener("popstate", () => {
        this.update(stateFromQuery(new URLSearchParams(window.location.search)), {push: false});
      });
    }
  }

  onKey(event) {
    if (!this.network || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key.startsWith("Arrow")) {
      const shown = [...this.shown.nodes].filter((id) => typeof id === "number");
      if (this.selected === null || !this.shown.nodes.has(this.selected)) {
        const first = this.order.find((id) => this.shown.nodes.has(id));
        if (first !== undefined) this.select(first, {reveal: true});
      } else {
        const positions = this.network.getPositions(shown);
        const origin = positions[this.selected];
        const near = (ids) => ids.filter((id) => id !== this.selected && positions[id]).map((id) => ({id, ...positions[id]}));
        const partners = (this.partners.get(this.selected) || []).filter((id) => this.shown.nodes.has(id));
        const next = nextInDirection(origin, near(partners), key) ?? nextInDirection(origin, near(shown), key);
        if (next !== null) this.select(next, {reveal: true});
      }
    } else if (key === "Enter" && this.selected !== null && this.full) {
      const heading = this.part("details") && this.part("details").querySelector("h2");
      if (heading) heading.focus();
    } else if (key === "Escape") {
      this.select(null);
    } else if (key === "+" || key === "=") {
      this.zoom(1.25);
    } else if (key === "-") {
      this.zoom(0.8);
    } else if (key === "0") {
      this.fit();
    } else {
      return;
    }
    event.preventDefault();
  }

  setText(name, text) {
    const element = this.part(name);
    if (element) element.textContent = text;
  }

  updateFindingCounts() {
    for (const key of HIGHLIGHTS) {
      this.setText(`count-${key}`, this.number.format(this.data.findings[key] || 0));
    }
  }

  refreshPanels() {
    const l = this.labels;
    this.setText("status", fill(count(this, l.shown, this.shown.edgeCount), {
      nodes: this.number.format(this.shown.actorCount), total: this.number.format(this.data.nodes.length)}));
    this.root.dataset.visibleNodes = String(this.shown.actorCount);
    this.root.dataset.visibleEdges = String(this.shown.edgeCount);
    renderLegend(this);
    if (this.panel) this.panel.renderList();
    if (this.tableShown && this.tables) this.tables.render();
  }

  buildBipartite() {
    if (this.bipartiteBuilt) return;
    const xs = this.data.nodes.map((node) => node.x);
    const ys = this.data.nodes.map((node) => node.y);
    const minX = Math.min(...xs, 0), maxX = Math.max(...xs, 0);
    const minY = Math.min(...ys, 0), maxY = Math.max(...ys, 0);
    const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    const radius = Math.max(maxX - minX, maxY - minY) * 0.6 + 200;
    const categories = this.data.categories.commitment;
    const edgeItems = [];
    for (const node of this.data.nodes) {
      for (const number of node.commitments || []) {
        edgeItems.push({id: `b:${node.id}:${number}`, from: node.id, to: `c:${number}`,
          color: {color: this.commitments.get(number).colour, opacity: 0.45}});
      }
    }
    const nodeItems = categories.map((entry, index) => {
      const angle = (2 * Math.PI * index) / categories.length - Math.PI / 2;
      return {id: `c:${entry.id}`, shape: "hexagon", size: 30, x: cx + radius * Math.cos(angle),
        y: cy + radius * Math.sin(angle), color: {background: entry.colour, border: "#212529"}, borderWidth: 2};
    });
    this.nodes.add(nodeItems);
    this.edges.add(edgeItems);
    this.bipartiteBuilt = true;
  }

  // --- search and selection ---------------------------------------------------------------------

  search(query, chooseFirst) {
    const list = this.part("results");
    if (!list || !this.data) return;
    list.replaceChildren();
    const needle = query.trim().toLocaleLowerCase(this.lang);
    if (!needle) return;
    const matches = this.data.nodes
      .filter((node) => node.label.toLocaleLowerCase(this.lang).includes(needle))
      .sort((a, b) => {
        const ap = a.label.toLocaleLowerCase(this.lang).startsWith(needle) ? 0 : 1;
        const bp = b.label.toLocaleLowerCase(this.lang).startsWith(needle) ? 0 : 1;
        return ap - bp || a.label.localeCompare(b.label, this.lang);
      });
    if (!matches.length) {
      list.append(make("li", "text-body-secondary", this.labels.no_match));
      return;
    }
    if (matches.length > 10) list.append(make("li", "text-body-secondary", count(this, this.labels.matches, matches.length)));
    for (const node of matches.slice(0, 10)) {
      const item = make("li");
      const button = make("button", "btn btn-link btn-sm p-0 text-start", `${node.label} (${this.typeLabel.get(node.type) || ""})`);
      button.type = "button";
      button.addEventListener("click", () => this.select(node.id, {zoom: true}));
      item.append(button);
      list.append(item);
    }
    if (chooseFirst) this.select(matches[0].id, {zoom: true});
  }

  /** Select an actor (null: none): side panel, ring in the picture; `zoom` to it, or `reveal` it. */
  select(id, {zoom = false, reveal = false} = {}) {
    const node = id === null ? null : this.nodeById.get(id);
    this.selected = node ? id : null;
    if (this.panel) {
      this.panel.show(node);
      this.panel.markSelected();
    }
    if (!this.network) return;
    if (node && this.shown.nodes.has(id)) {
      this.network.selectNodes([id]);
      if (zoom) this.network.focus(id, {scale: Math.max(this.network.getScale(), 1.5), animation: false});
      else if (reveal) this.reveal(id);
    } else {
      this.network.unselectAll();
    }
    this.network.redraw();
  }

  actorUrl(id) {
    return fill(this.root.dataset.actorUrl, {actor_id: id});
  }

  onClick(params) {
    if (params.nodes.length !== 1) {
      if (this.full && !params.edges.length) this.select(null);
      return;
    }
    const id = params.nodes[0];
    if (typeof id === "number") {
      if (this.full) {
        this.select(id);
        // below the picture on a narrow screen: bring the actor's details into view
        const details = this.part("details");
        if (details && !details.hidden && window.matchMedia(STACKED).matches) details.scrollIntoView({block: "start"});
      } else {
        window.location.assign(this.actorUrl(id));
      }
    } else if (String(id).startsWith("c:") && this.root.dataset.commitmentUrl) {
      window.location.assign(fill(this.root.dataset.commitmentUrl, {number: String(id).slice(2)}));
    }
  }

  onDoubleClick(params) {
    if (params.nodes.length === 1 && typeof params.nodes[0] === "number") window.location.assign(this.actorUrl(params.nodes[0]));
  }

  // --- arrangement ------------------------------------------------------------------------------

  onDragEnd(params) {
    const ids = params.nodes.filter((id) => typeof id === "number");
    if (!ids.length || this.arranged) return;
    const positions = this.network.getPositions(ids);
    this.nodes.update(ids.map((id) => ({id, x: positions[id].x, y: positions[id].y})));
    for (const id of ids) {
      const node = this.nodeById.get(id);
      node.x = positions[id].x;
      node.y = positions[id].y;
    }
    if (!this.full || !this.root.dataset.saveUrl) return;
    ids.forEach((id) => this.moved.add(id));
    this.part("save").disabled = false;
    this.part("save").closest("details").open = true;
    this.setText("save-status", count(this, this.labels.unsaved, this.moved.size));
  }

  async save() {
    const ids = [...this.moved];
    if (!ids.length) return;
    const body = {positions: ids.map((id) => {
      const node = this.nodeById.get(id);
      return {id, x: Math.round(node.x * 10) / 10, y: Math.round(node.y * 10) / 10};
    })};
    const button = this.part("save");
    button.disabled = true;
    try {
      const response = await fetch(this.root.dataset.saveUrl, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": this.root.dataset.csrf},
        body: JSON.stringify(body),
      });
      const result = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(result.errors ? Object.values(result.errors).join(" ") : "");
      ids.forEach((id) => { this.nodeById.get(id).pinned = true; this.moved.delete(id); });
      this.setText("save-status", count(this, this.labels.saved, result.saved));
    } catch (error) {
      button.disabled = false;
      this.setText("save-status", `${this.labels.save_failed} ${error.message || ""}`.trim());
    }
  }

}
