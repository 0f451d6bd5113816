// Integrationsnetz – the network picture (vis-network, served from static/vendor).
// Loaded as a file (the CSP forbids inline script). The data come as JSON from the element's
// data-url; every name is put on the page with textContent (tables, search, legend, the
// tooltip) or drawn on the canvas by vis-network – never parsed as HTML.
"use strict";

(() => {
  // Colour-blind friendly first (Okabe–Ito), then Tableau-like tones.
  const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
    "#7f3c8d", "#11a579", "#3969ac", "#f2b701", "#e73f74", "#80ba5a", "#e68310", "#008695",
    "#cf1c90", "#f97b72", "#4b4b8f", "#a5aa99", "#8c564b"];
  const OTHER_COLOUR = "#ced4da";
  const WHOLE_COMMUNE_COLOUR = "#495057";
  const FINDING_BORDER = "#dc3545";
  const NORMAL_BORDER = "#495057";
  const SELECT_BORDER = "#0d6efd";
  const COMMITMENT_COLOUR = "#212529";
  const COMMUNITY_COLOURS = 12;
  const ROW_LIMIT = 300;
  const TOOLTIP_DELAY = 250;
  const PLACEHOLDER = "987654321";

  const fill = (template, values) =>
    String(template).replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));

  // Performance marks for bench/graph.py: data received, vis data built, first drawing done.
  const mark = (name) => { if (window.performance && performance.mark) performance.mark(name); };

  function make(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  class NetworkPicture {
    constructor(root) {
      this.root = root;
      this.full = root.dataset.network === "full";
      this.lang = document.documentElement.lang || "de";
      this.number = new Intl.NumberFormat(this.lang);
      this.decimal = new Intl.NumberFormat(this.lang, {maximumFractionDigits: 4});
      this.dates = new Intl.DateTimeFormat(this.lang, {dateStyle: "medium"});
      this.formattedDates = new Map();
      this.moved = new Set();
      this.focus = null;
      this.selected = null;
      this.view = "network";
      this.sorting = {node: {key: "label", direction: 1}, edge: {key: "from", direction: 1}};
      this.limits = {node: ROW_LIMIT, edge: ROW_LIMIT};
      this.tableShown = !this.full;
      this.network = null;
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
      } catch (error) {
        this.setStatus(this.root.dataset.error || "Error");
        this.root.dataset.state = "error";
        return;
      }
      this.init(payload);
    }

    // --- data ---------------------------------------------------------------------------------

    init(payload) {
      if (this.network) this.network.destroy();
      this.data = payload;
      this.labels = payload.labels;
      this.currentHighlights = this.highlights();
      this.nodeById = new Map(payload.nodes.map((node) => [node.id, node]));
      this.edgeById = new Map(payload.edges.map((edge) => [edge.id, edge]));
      const lookup = (list) => new Map(list.map((entry) => [entry.id, entry.label]));
      this.typeLabel = lookup(payload.categories.type);
      this.districtLabel = lookup(payload.categories.district);
      this.commitmentLabel = lookup(payload.categories.commitment);
      this.kindLabel = lookup(payload.categories.kind);
      this.statusLabel = lookup(payload.categories.status);
      this.typeIndex = new Map(payload.categories.type.map((entry, index) => [entry.id, index]));
      this.districtIndex = new Map(payload.categories.district.map((entry, index) => [entry.id, index]));
      this.centre = this.root.dataset.centre ? Number(this.root.dataset.centre) : null;
      this.bipartiteBuilt = false;
      if (!this.controlsBound) {
        this.fillFilterOptions();
        this.bindControls();
        this.controlsBound = true;
      }
      this.updateFindingCounts();

      this.nodes = new vis.DataSet(payload.nodes.map((node) => this.nodeItem(node)));
      this.edges = new vis.DataSet(payload.edges.map((edge) => this.edgeItem(edge)));
      this.applyPresets();
      this.computeVisibility();
      this.nodeView = new vis.DataView(this.nodes, {filter: (item) => this.visibleNodes.has(item.id)});
      this.edgeView = new vis.DataView(this.edges, {filter: (item) => this.visibleEdges.has(item.id)});
      const options = payload.options;
      options.interaction.keyboard.autoFocus = false;
      const canvas = this.part("canvas");
      mark("network-built");
      this.network = new vis.Network(canvas, {nodes: this.nodeView, edges: this.edgeView}, options);
      const frame = canvas.querySelector(".vis-network");
      if (frame) {
        frame.setAttribute("role", "img");
        frame.setAttribute("aria-label", canvas.getAttribute("aria-label") || "");
      }
      this.network.once("afterDrawing", () => {
        this.root.dataset.state = "ready";
        mark("network-drawn");
      });
      this.network.on("click", (params) => this.onClick(params));
      this.bindTooltip(canvas);
      this.network.on("dragEnd", (params) => this.onDragEnd(params));
      if (this.pendingSelection !== undefined) {
        this.select(this.pendingSelection);
        this.pendingSelection = undefined;
      }
      this.refreshPanels();
    }

    nodeItem(node) {
      return Object.assign({
        id: node.id, label: node.label, x: node.x, y: node.y,
        shape: node.mso ? "diamond" : (node.adm ? "square" : "dot"),
      }, this.nodeStyle(node));
    }

    nodeStyle(node) {
      const colour = this.category(node).colour;
      const flagged = this.isHighlighted(node);
      const centre = node.id === this.centre;
      return {
        value: this.sizeOf(node),
        borderWidth: flagged ? 5 : (centre ? 4 : 1),
        color: {background: colour, border: flagged ? FINDING_BORDER : (centre ? SELECT_BORDER : NORMAL_BORDER),
          highlight: {background: colour, border: SELECT_BORDER}, hover: {background: colour, border: SELECT_BORDER}},
      };
    }

    edgeItem(edge) {
      return {id: edge.id, from: edge.from, to: edge.to, dashes: !edge.coops.some((coop) => coop.active)};
    }

    nodeTitle(node) {
      const l = this.labels;
      const lines = [node.label];
      lines.push(`${l.type}: ${this.typeLabel.get(node.type) || "–"} · ${l.status}: ${this.statusLabel.get(node.status) || node.status}`);
      const flags = [node.mso ? l.mso : null, node.adm ? l.administration : null].filter(Boolean);
      if (flags.length) lines.push(flags.join(" · "));
      lines.push(`${l.districts}: ${this.districtText(node)}`);
      if (node.commitments && node.commitments.length) {
        lines.push(`${l.commitments}: ${node.commitments.join(", ")} (${l.main_commitment}: ${node.main})`);
      }
      lines.push(`${l.degree}: ${this.number.format(node.degree || 0)} · ${this.betweennessLabel()}: ${this.decimal.format(node.betweenness || 0)}`);
      if (node.community !== undefined) lines.push(fill(l.community_n, {n: node.community + 1}));
      const findings = this.findingTexts(node);
      if (findings.length) lines.push(`${l.findings}: ${findings.join("; ")}`);
      if (node.pinned) lines.push(l.pinned_note);
      return lines.join("\n");
    }

    edgeTitle(edge) {
      const from = this.nodeById.get(edge.from);
      const to = this.nodeById.get(edge.to);
      const lines = [`${from ? from.label : edge.from} – ${to ? to.label : edge.to}`];
      for (const coop of edge.coops) {
        let line = this.kindLabel.get(coop.kind) || coop.kind;
        if (coop.since) line += ` · ${this.labels.since} ${this.formatDate(coop.since)}`;
        if (coop.until) line += ` · ${this.labels.until} ${this.formatDate(coop.until)}`;
        if (!coop.active) line += ` (${this.labels.inactive})`;
        lines.push(line);
      }
      return lines.join("\n");
    }

    formatDate(iso) {
      let text = this.formattedDates.get(iso);
      if (text === undefined) {
        const [year, month, day] = iso.split("-").map(Number);
        text = this.dates.format(new Date(year, month - 1, day));
        this.formattedDates.set(iso, text);
      }
      return text;
    }

    districtText(node) {
      if (node.whole) return this.labels.whole_commune;
      const names = (node.districts || []).map((id) => this.districtLabel.get(id)).filter(Boolean);
      return names.length ? names.join(", ") : this.labels.no_district;
    }

    findingTexts(node) {
      const l = this.labels;
      const texts = [];
      if (node.cutoff) texts.push(fill(l.cutoff, {n: node.cutoff}));
      if (node.isolated) texts.push(l.isolated);
      if (node.peripheral) texts.push(l.peripheral);
      return texts;
    }

    betweennessLabel() {
      return this.data.betweenness_sampled ? this.labels.betweenness_estimated : this.labels.betweenness;
    }

    // --- tooltip ----------------------------------------------------------------------------------
    // Built when the pointer rests on a node or an edge (not 17,000 strings up front), as text.

    bindTooltip(canvas) {
      // vis-network empties its container when it is (re)created: put the tooltip back
      if (this.tooltip) {
        if (!canvas.contains(this.tooltip)) canvas.append(this.tooltip);
        return;
      }
      this.tooltip = make("div", "network-tooltip");
      this.tooltip.dataset.net = "tooltip";
      this.tooltip.setAttribute("role", "tooltip");
      this.tooltip.hidden = true;
      canvas.append(this.tooltip);
      let timer = null;
      const hide = () => {
        clearTimeout(timer);
        this.tooltip.hidden = true;
      };
      canvas.addEventListener("pointermove", (event) => {
        if (event.target === this.tooltip) return;
        hide();
        const box = canvas.getBoundingClientRect();
        const point = {x: event.clientX - box.left, y: event.clientY - box.top};
        timer = setTimeout(() => this.showTooltip(point, box), TOOLTIP_DELAY);
      });
      for (const name of ["pointerleave", "pointerdown", "wheel"]) canvas.addEventListener(name, hide);
    }

    showTooltip(point, box) {
      if (!this.network) return;
      const nodeId = this.network.getNodeAt(point);
      let text = null;
      if (nodeId !== undefined) {
        text = typeof nodeId === "number" ? this.nodeTitle(this.nodeById.get(nodeId)) : this.commitmentTitle(nodeId);
      } else {
        const edgeId = this.network.getEdgeAt(point);
        if (edgeId !== undefined && this.edgeById.has(edgeId)) text = this.edgeTitle(this.edgeById.get(edgeId));
      }
      if (!text) return;
      this.tooltip.textContent = text;
      this.tooltip.hidden = false;
      const left = Math.min(point.x + 14, Math.max(0, box.width - this.tooltip.offsetWidth - 4));
      const top = point.y + 14 + this.tooltip.offsetHeight > box.height
        ? Math.max(0, point.y - this.tooltip.offsetHeight - 8) : point.y + 14;
      this.tooltip.style.left = `${left}px`;
      this.tooltip.style.top = `${top}px`;
    }

    commitmentTitle(id) {
      const number = Number(String(id).slice(2));
      const count = this.data.nodes.filter((node) => (node.commitments || []).includes(number)).length;
      return `${this.labels.commitment_node} ${this.commitmentLabel.get(number)}\n${fill(this.labels.actors_count, {n: count})}`;
    }

    // --- colour, size, highlight ----------------------------------------------------------------

    colourMode() {
      const select = this.part("colour");
      return select ? select.value : "type";
    }

    category(node) {
      const l = this.labels;
      switch (this.colourMode()) {
        case "commitment":
          if (!node.main) return {key: "none", colour: OTHER_COLOUR, label: l.no_commitment, order: 99};
          return {key: `c${node.main}`, colour: PALETTE[(node.main - 1) % PALETTE.length],
            label: this.commitmentLabel.get(node.main) || String(node.main), order: node.main};
        case "community":
          if (node.community === undefined) return {key: "none", colour: OTHER_COLOUR, label: l.no_community, order: 1e6};
          if (node.community >= COMMUNITY_COLOURS) {
            return {key: "small", colour: OTHER_COLOUR, label: l.other_communities, order: 1e5};
          }
          return {key: `g${node.community}`, colour: PALETTE[node.community],
            label: fill(l.community_n, {n: node.community + 1}), order: node.community};
        case "district": {
          if (node.whole) return {key: "whole", colour: WHOLE_COMMUNE_COLOUR, label: l.whole_commune, order: -1};
          const first = (node.districts || [])[0];
          if (first === undefined) return {key: "none", colour: OTHER_COLOUR, label: l.no_district, order: 1e6};
          const index = this.districtIndex.get(first) ?? 1e5;
          if (index >= PALETTE.length) return {key: "others", colour: OTHER_COLOUR, label: l.others, order: 1e5};
          return {key: `d${first}`, colour: PALETTE[index], label: this.districtLabel.get(first), order: index};
        }
        default: {
          const index = this.typeIndex.get(node.type) ?? 1e5;
          if (index >= PALETTE.length) return {key: "others", colour: OTHER_COLOUR, label: l.others, order: 1e5};
          return {key: `t${node.type}`, colour: PALETTE[index], label: this.typeLabel.get(node.type), order: index};
        }
      }
    }

    sizeOf(node) {
      const select = this.part("size");
      if (select && select.value === "betweenness") return node.betweenness || 0;
      return node.degree || 0;
    }

    highlights() {
      const checked = (name) => Boolean(this.part(name) && this.part(name).checked);
      return {articulation: checked("hl-articulation"), isolated: checked("hl-isolated"),
        peripheral: checked("hl-peripheral")};
    }

    isHighlighted(node) {
      const active = this.currentHighlights || {};
      return Boolean((active.articulation && node.cutoff) || (active.isolated && node.isolated)
        || (active.peripheral && node.peripheral));
    }

    restyle() {
      this.currentHighlights = this.highlights();
      this.nodes.update(this.data.nodes.map((node) => Object.assign({id: node.id}, this.nodeStyle(node))));
      this.renderLegend();
    }

    updateFindingCounts() {
      for (const key of ["articulation", "isolated", "peripheral"]) {
        const badge = this.part(`count-${key}`);
        if (badge) badge.textContent = this.number.format(this.data.findings[key] || 0);
      }
    }

    // --- what is shown ----------------------------------------------------------------------------

    filters() {
      if (!this.full) return {activeOnly: false, hideIsolated: false};
      const value = (name) => (this.part(name) ? this.part(name).value : "");
      const number = (name) => (value(name) ? Number(value(name)) : null);
      return {
        type: number("filter-type"), commitment: number("filter-commitment"),
        district: number("filter-district"), kind: value("filter-kind") || null,
        activeOnly: Boolean(this.part("active-only") && this.part("active-only").checked),
        hideIsolated: Boolean(this.part("hide-isolated") && this.part("hide-isolated").checked),
      };
    }

    computeVisibility() {
      const f = this.filters();
      const nodes = new Set();
      for (const node of this.data.nodes) {
        if (f.activeOnly && node.status !== "active") continue;
        if (f.type && node.type !== f.type) continue;
        if (f.commitment && !(node.commitments || []).includes(f.commitment)) continue;
        if (f.district && !node.whole && !(node.districts || []).includes(f.district)) continue;
        nodes.add(node.id);
      }
      if (this.focus) nodes.add(this.focus.id);
      let edges = new Set();
      const adjacency = new Map();
      for (const edge of this.data.edges) {
        if (!nodes.has(edge.from) || !nodes.has(edge.to)) continue;
        if (!edge.coops.some((coop) => (!f.activeOnly || coop.active) && (!f.kind || coop.kind === f.kind))) continue;
        edges.add(edge.id);
        if (!adjacency.has(edge.from)) adjacency.set(edge.from, []);
        if (!adjacency.has(edge.to)) adjacency.set(edge.to, []);
        adjacency.get(edge.from).push(edge.to);
        adjacency.get(edge.to).push(edge.from);
      }
      if (this.focus) {
        const reached = new Set([this.focus.id]);
        let frontier = [this.focus.id];
        for (let step = 0; step < this.focus.depth; step += 1) {
          const next = [];
          for (const id of frontier) {
            for (const other of adjacency.get(id) || []) {
              if (!reached.has(other)) { reached.add(other); next.push(other); }
            }
          }
          frontier = next;
        }
        for (const id of [...nodes]) if (!reached.has(id)) nodes.delete(id);
        edges = new Set([...edges].filter((id) => {
          const edge = this.edgeById.get(id);
          return nodes.has(edge.from) && nodes.has(edge.to);
        }));
      }
      if (f.kind || f.hideIsolated) {
        for (const id of [...nodes]) {
          if (!adjacency.has(id) && id !== (this.focus && this.focus.id)) nodes.delete(id);
        }
      }
      this.actorCount = nodes.size;
      this.edgeCount = edges.size;
      if (this.view === "bipartite") {
        edges = new Set();
        const used = new Set();
        for (const id of [...nodes]) {
          const node = this.nodeById.get(id);
          if (!node.commitments || !node.commitments.length) { nodes.delete(id); continue; }
          for (const number of node.commitments) {
            edges.add(`b:${id}:${number}`);
            used.add(number);
          }
        }
        this.actorCount = nodes.size;
        this.edgeCount = edges.size;
        for (const number of used) nodes.add(`c:${number}`);
      }
      this.visibleNodes = nodes;
      this.visibleEdges = edges;
      this.root.dataset.visibleNodes = String(this.actorCount);
      this.root.dataset.visibleEdges = String(this.edgeCount);
    }

    applyFilters() {
      this.computeVisibility();
      this.nodeView.refresh();
      this.edgeView.refresh();
      this.refreshPanels();
    }

    refreshPanels() {
      this.currentHighlights = this.highlights();
      this.setStatus(fill(this.labels.shown, {nodes: this.number.format(this.actorCount),
        total: this.number.format(this.data.nodes.length), edges: this.number.format(this.edgeCount)}));
      this.renderLegend();
      if (this.tableShown) this.renderTables();
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
      const counts = new Map();
      const edgeItems = [];
      for (const node of this.data.nodes) {
        for (const number of node.commitments || []) {
          counts.set(number, (counts.get(number) || 0) + 1);
          edgeItems.push({id: `b:${node.id}:${number}`, from: node.id, to: `c:${number}`,
            color: {color: PALETTE[(number - 1) % PALETTE.length], opacity: 0.45}});
        }
      }
      const nodeItems = categories.map((entry, index) => {
        const angle = (2 * Math.PI * index) / categories.length - Math.PI / 2;
        return {id: `c:${entry.id}`, label: entry.label, shape: "box", x: cx + radius * Math.cos(angle),
          y: cy + radius * Math.sin(angle), value: counts.get(entry.id) || 0,
          color: {background: PALETTE[(entry.id - 1) % PALETTE.length], border: COMMITMENT_COLOUR},
          font: {color: "#ffffff", strokeWidth: 0, size: 18}, borderWidth: 2, physics: false};
      });
      this.nodes.add(nodeItems);
      this.edges.add(edgeItems);
      this.bipartiteBuilt = true;
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

    applyPresets() {
      if (this.presetsApplied) return;
      this.presetsApplied = true;
      const commitment = this.root.dataset.presetCommitment;
      const select = this.part("filter-commitment");
      if (commitment && select) select.value = commitment;
      const focus = Number(this.root.dataset.presetFocus);
      if (focus && this.nodeById.has(focus)) {
        const depth = this.part("focus-depth");
        this.focus = {id: focus, depth: depth ? Number(depth.value) : 1};
        this.pendingSelection = focus;
        const clear = this.part("focus-clear");
        if (clear) clear.disabled = false;
      }
    }

    bindControls() {
      const on = (name, event, handler) => {
        const element = this.part(name);
        if (element) element.addEventListener(event, handler);
      };
      const refilter = () => this.applyFilters();
      for (const name of ["filter-type", "filter-commitment", "filter-district", "filter-kind",
        "active-only", "hide-isolated"]) on(name, "change", refilter);
      on("filter-reset", "click", () => {
        for (const name of ["filter-type", "filter-commitment", "filter-district", "filter-kind"]) {
          if (this.part(name)) this.part(name).value = "";
        }
        if (this.part("active-only")) this.part("active-only").checked = true;
        if (this.part("hide-isolated")) this.part("hide-isolated").checked = false;
        this.applyFilters();
      });
      on("colour", "change", () => this.restyle());
      on("size", "change", () => this.restyle());
      for (const name of ["hl-articulation", "hl-isolated", "hl-peripheral"]) on(name, "change", () => this.restyle());
      on("view", "change", (event) => {
        this.view = event.target.value;
        if (this.view === "bipartite") this.buildBipartite();
        this.applyFilters();
        this.network.fit({animation: false});
      });
      on("controls", "submit", (event) => {
        event.preventDefault();
        this.search(this.part("search").value, true);
      });
      on("search", "input", () => this.search(this.part("search").value, false));
      on("focus", "click", () => {
        if (this.selected === null) return;
        this.focus = {id: this.selected, depth: Number(this.part("focus-depth").value)};
        this.part("focus-clear").disabled = false;
        this.applyFilters();
        this.network.fit({nodes: [...this.visibleNodes], animation: false});
      });
      on("focus-depth", "change", () => {
        if (!this.focus) return;
        this.focus.depth = Number(this.part("focus-depth").value);
        this.applyFilters();
      });
      on("focus-clear", "click", () => {
        this.focus = null;
        this.part("focus-clear").disabled = true;
        this.applyFilters();
        this.network.fit({animation: false});
      });
      on("save", "click", () => this.save());
      on("png", "click", () => this.exportPng());
      on("depth", "change", (event) => {
        const url = new URL(this.root.dataset.url, window.location.href);
        url.searchParams.set("depth", event.target.value);
        this.load(url.toString());
      });
      const tableTab = this.part("table-tab");
      if (tableTab) {
        tableTab.addEventListener("shown.bs.tab", () => { this.tableShown = true; this.renderTables(); });
        tableTab.addEventListener("click", () => { this.tableShown = true; this.renderTables(); });
      }
      for (const kind of ["node", "edge"]) {
        const table = this.part(`${kind}-table`);
        if (!table) continue;
        table.querySelectorAll("th[data-sort] button").forEach((button) => {
          button.addEventListener("click", () => {
            const key = button.closest("th").dataset.sort;
            const sorting = this.sorting[kind];
            sorting.direction = sorting.key === key ? -sorting.direction : 1;
            sorting.key = key;
            this.renderTables();
          });
        });
      }
    }

    setStatus(text) {
      const status = this.part("status");
      if (status) status.textContent = text;
    }

    // --- search, selection, focus -----------------------------------------------------------------

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
      if (matches.length > 10) list.append(make("li", "text-body-secondary", fill(this.labels.matches, {n: matches.length})));
      for (const node of matches.slice(0, 10)) {
        const item = make("li");
        const button = make("button", "btn btn-link btn-sm p-0", `${node.label} (${this.typeLabel.get(node.type) || ""})`);
        button.type = "button";
        button.addEventListener("click", () => this.select(node.id));
        item.append(button);
        list.append(item);
      }
      if (chooseFirst) this.select(matches[0].id);
    }

    select(id) {
      const node = this.nodeById.get(id);
      if (!node) return;
      this.selected = id;
      const panel = this.part("selection");
      if (panel) {
        panel.replaceChildren();
        panel.append(make("strong", null, node.label));
        panel.append(document.createTextNode(" "));
        const link = make("a", null, this.labels.open_actor);
        link.href = this.actorUrl(id);
        panel.append(link);
      }
      const focusName = this.part("focus-name");
      if (focusName) focusName.textContent = fill(this.labels.focus_on, {name: node.label});
      if (this.part("focus")) this.part("focus").disabled = false;
      if (this.visibleNodes.has(id)) {
        this.network.selectNodes([id]);
        this.network.focus(id, {scale: Math.max(this.network.getScale(), 1.5), animation: false});
      }
    }

    actorUrl(id) {
      return this.root.dataset.actorUrl.replace(PLACEHOLDER, String(id));
    }

    onClick(params) {
      if (params.nodes.length !== 1) return;
      const id = params.nodes[0];
      if (typeof id === "number") {
        window.location.assign(this.actorUrl(id));
      } else if (String(id).startsWith("c:") && this.root.dataset.commitmentUrl) {
        window.location.assign(this.root.dataset.commitmentUrl.replace(PLACEHOLDER, String(id).slice(2)));
      }
    }

    // --- arrangement ------------------------------------------------------------------------------

    onDragEnd(params) {
      const ids = params.nodes.filter((id) => typeof id === "number");
      if (!ids.length) return;
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
      this.setSaveStatus(fill(this.labels.unsaved, {n: this.moved.size}));
    }

    setSaveStatus(text) {
      const status = this.part("save-status");
      if (status) status.textContent = text;
    }

    async save() {
      const ids = [...this.moved];
      if (!ids.length) return;
      const positions = this.network.getPositions(ids);
      const body = {positions: ids.map((id) => ({id, x: Math.round(positions[id].x * 10) / 10,
        y: Math.round(positions[id].y * 10) / 10}))};
      const button = this.part("save");
      button.disabled = true;
      try {
        const response = await fetch(this.root.dataset.saveUrl, {
          method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", Accept: "application/json",
            "X-CSRFToken": this.root.dataset.csrf},
          body: JSON.stringify(body),
        });
        const result = await response.json().catch(() => ({}));
        if (!response.ok) {
          const message = result.errors ? Object.values(result.errors).join(" ") : "";
          throw new Error(message);
        }
        ids.forEach((id) => { this.nodeById.get(id).pinned = true; this.moved.delete(id); });
        this.setSaveStatus(fill(this.labels.saved, {n: result.saved}));
      } catch (error) {
        button.disabled = false;
        this.setSaveStatus(`${this.labels.save_failed} ${error.message || ""}`.trim());
      }
    }

    // --- legend -----------------------------------------------------------------------------------

    legendEntries() {
      const counts = new Map();
      for (const id of this.visibleNodes) {
        const node = this.nodeById.get(id);
        if (!node) continue;
        const category = this.category(node);
        const entry = counts.get(category.key) || Object.assign({count: 0}, category);
        entry.count += 1;
        counts.set(category.key, entry);
      }
      return [...counts.values()].sort((a, b) => a.order - b.order);
    }

    renderLegend() {
      const legend = this.part("legend");
      if (!legend) return;
      const l = this.labels;
      legend.replaceChildren();
      const group = (title) => {
        const wrapper = make("div", "legend-group");
        if (title) wrapper.append(make("span", "legend-title", title));
        const list = make("ul");
        wrapper.append(list);
        legend.append(wrapper);
        return list;
      };
      const colourSelect = this.part("colour");
      const modeText = colourSelect ? colourSelect.options[colourSelect.selectedIndex].text : l.type;
      const colours = group(`${l.colour_by}: ${modeText}`);
      for (const entry of this.legendEntries()) {
        const item = make("li");
        const swatch = make("span", "legend-swatch");
        swatch.style.backgroundColor = entry.colour;
        item.append(swatch, document.createTextNode(`${entry.label} (${this.number.format(entry.count)})`));
        colours.append(item);
      }
      const shapes = group(null);
      const shape = (className, text) => {
        const item = make("li");
        item.append(make("span", `legend-swatch plain ${className}`), document.createTextNode(text));
        shapes.append(item);
      };
      shape("", l.shape_dot);
      shape("shape-diamond", l.shape_diamond);
      shape("shape-square", l.shape_square);
      if (this.view === "bipartite") shape("shape-box", l.shape_box);
      if (Object.values(this.currentHighlights || {}).some(Boolean)) shape("highlight", l.highlight_border);
      const line = make("li");
      line.append(make("span", "legend-line"), make("span", "legend-line dashed"), document.createTextNode(l.edge_legend));
      shapes.append(line);
      const sizeSelect = this.part("size");
      const sizeText = sizeSelect ? sizeSelect.options[sizeSelect.selectedIndex].text : l.degree;
      shapes.append(make("li", null, `${l.size_by}: ${sizeText}`));
    }

    // --- table view -------------------------------------------------------------------------------

    nodeSortValue(node, key) {
      switch (key) {
        case "type": return this.typeLabel.get(node.type) || "";
        case "status": return this.statusLabel.get(node.status) || "";
        case "districts": return this.districtText(node);
        case "commitments": return (node.commitments || []).length ? node.commitments[0] : 99;
        case "degree": return node.degree || 0;
        case "betweenness": return node.betweenness || 0;
        case "community": return node.community ?? 1e9;
        case "findings": return this.findingTexts(node).length;
        default: return node.label;
      }
    }

    edgeSortValue(edge, key) {
      const name = (id) => (this.nodeById.get(id) || {label: ""}).label;
      switch (key) {
        case "to": return name(edge.to);
        case "kinds": return edge.coops.map((coop) => this.kindLabel.get(coop.kind)).join(", ");
        case "since": return edge.coops.map((coop) => coop.since || "9999").sort()[0];
        case "active": return edge.coops.some((coop) => coop.active) ? 0 : 1;
        default: return name(edge.from);
      }
    }

    sortRows(items, kind, valueOf) {
      const {key, direction} = this.sorting[kind];
      const collator = new Intl.Collator(this.lang, {numeric: true, sensitivity: "base"});
      const keyed = items.map((item) => [valueOf(item, key), item]);
      keyed.sort((a, b) => {
        const order = typeof a[0] === "number" && typeof b[0] === "number"
          ? a[0] - b[0] : collator.compare(String(a[0]), String(b[0]));
        return order * direction;
      });
      const table = this.part(`${kind}-table`);
      table.querySelectorAll("th[data-sort]").forEach((th) => {
        if (th.dataset.sort === key) th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
      return keyed.map((pair) => pair[1]);
    }

    renderTables() {
      if (!this.data || !this.part("node-table")) return;
      const l = this.labels;
      const nodes = this.sortRows([...this.visibleNodes].map((id) => this.nodeById.get(id)).filter(Boolean),
        "node", (node, key) => this.nodeSortValue(node, key));
      this.fillRows("node", nodes, (node) => {
        const row = make("tr");
        const name = make("td");
        const link = make("a", null, node.label);
        link.href = this.actorUrl(node.id);
        name.append(link);
        const flags = [node.mso ? "MSO" : null, node.adm ? l.administration : null].filter(Boolean);
        if (flags.length) name.append(make("span", "badge text-bg-light ms-1", flags.join(" · ")));
        row.append(name,
          make("td", null, this.typeLabel.get(node.type) || "–"),
          make("td", null, this.statusLabel.get(node.status) || node.status),
          make("td", null, this.districtText(node)),
          make("td", null, (node.commitments || []).join(", ") || "–"),
          make("td", "text-end", this.number.format(node.degree || 0)),
          make("td", "text-end", this.decimal.format(node.betweenness || 0)),
          make("td", null, node.community !== undefined ? node.community + 1 : "–"),
          make("td", null, this.findingTexts(node).join("; ") || "–"));
        return row;
      });
      const edges = this.sortRows([...this.visibleEdges].map((id) => this.edgeById.get(id)).filter(Boolean),
        "edge", (edge, key) => this.edgeSortValue(edge, key));
      this.fillRows("edge", edges, (edge) => {
        const row = make("tr");
        for (const id of [edge.from, edge.to]) {
          const cell = make("td");
          const link = make("a", null, (this.nodeById.get(id) || {label: id}).label);
          link.href = this.actorUrl(id);
          cell.append(link);
          row.append(cell);
        }
        const since = edge.coops.map((coop) => coop.since).filter(Boolean).sort()[0];
        row.append(make("td", null, edge.coops.map((coop) => this.kindLabel.get(coop.kind) || coop.kind).join(", ")),
          make("td", null, since ? this.formatDate(since) : "–"),
          make("td", null, edge.coops.some((coop) => coop.active) ? l.yes : l.no));
        return row;
      });
    }

    fillRows(kind, items, rowOf) {
      const body = this.part(`${kind}-table`).querySelector("tbody");
      const limit = this.limits[kind];
      const fragment = document.createDocumentFragment();
      for (const item of items.slice(0, limit)) fragment.append(rowOf(item));
      body.replaceChildren(fragment);
      const more = this.part(`${kind}-more`);
      if (!more) return;
      more.replaceChildren();
      if (items.length > limit) {
        more.append(make("span", "small text-body-secondary me-2",
          fill(this.labels.rows_shown, {shown: this.number.format(limit), n: this.number.format(items.length)})));
        const button = make("button", "btn btn-sm btn-outline-secondary", fill(this.labels.show_all_rows, {n: this.number.format(items.length)}));
        button.type = "button";
        button.addEventListener("click", () => { this.limits[kind] = Infinity; this.renderTables(); });
        more.append(button);
      }
    }

    // --- picture export ---------------------------------------------------------------------------

    exportPng() {
      const source = this.part("canvas").querySelector("canvas");
      if (!source) return;
      const ratio = source.width / (source.clientWidth || source.width);
      const entries = this.legendEntries();
      const lineHeight = 22 * ratio;
      const columns = Math.max(1, Math.floor(source.width / (260 * ratio)));
      const legendHeight = (Math.ceil(entries.length / columns) + 2) * lineHeight;
      const out = document.createElement("canvas");
      out.width = source.width;
      out.height = source.height + legendHeight;
      const context = out.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, out.width, out.height);
      context.drawImage(source, 0, 0);
      context.font = `${13 * ratio}px system-ui, sans-serif`;
      context.textBaseline = "middle";
      let y = source.height + lineHeight;
      context.fillStyle = "#212529";
      const title = document.querySelector("h1");
      context.fillText(`${title ? title.textContent.trim() : this.labels.png_title} · ${this.part("status").textContent}`, 10 * ratio, y);
      y += lineHeight;
      entries.forEach((entry, index) => {
        const x = 10 * ratio + (index % columns) * 260 * ratio;
        const rowY = y + Math.floor(index / columns) * lineHeight;
        context.fillStyle = entry.colour;
        context.beginPath();
        context.arc(x + 6 * ratio, rowY, 6 * ratio, 0, 2 * Math.PI);
        context.fill();
        context.fillStyle = "#212529";
        context.fillText(`${entry.label} (${entry.count})`, x + 18 * ratio, rowY, 235 * ratio);
      });
      out.toBlob((blob) => {
        const url = URL.createObjectURL(blob);
        const link = make("a");
        link.href = url;
        link.download = `netzwerk-${this.data.today}.png`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      }, "image/png");
    }
  }

  function start() {
    if (typeof vis === "undefined") return;
    document.querySelectorAll("[data-network]").forEach((root) => {
      const picture = new NetworkPicture(root);
      root.networkPicture = picture;
      picture.load(root.dataset.url);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
