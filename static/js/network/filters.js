// What the picture shows, and the page state in the address (pure functions).

/** The filter, focus and view settings a shared link carries, with their defaults. */
export const DEFAULT_STATE = Object.freeze({
  type: null, commitment: null, district: null, kind: null, activeOnly: true, hideIsolated: false,
  focus: null, depth: 1, colour: "type", size: "degree", view: "network", group: "", highlight: [],
  date: null,
});
const DAY = /^\d{4}-\d{2}-\d{2}$/; // the Stichtag, JJJJ-MM-TT (the server checks it is a real, past day)
const NUMBERS = ["type", "commitment", "district", "focus"];
const WORDS = {colour: ["type", "commitment", "community", "district"], size: ["degree", "betweenness"],
  view: ["network", "bipartite"], group: ["", "community", "district", "commitment"]};
export const HIGHLIGHTS = ["articulation", "isolated", "peripheral"];

/** The state in `params` (URLSearchParams); unknown or broken values fall back to the default. */
export function stateFromQuery(params) {
  const state = {...DEFAULT_STATE};
  for (const key of NUMBERS) {
    const value = Number(params.get(key));
    if (params.has(key) && Number.isInteger(value) && value > 0) state[key] = value;
  }
  if (params.get("kind")) state.kind = params.get("kind");
  if (params.get("all") === "1") state.activeOnly = false;
  if (params.get("isolated") === "hide") state.hideIsolated = true;
  if (params.get("depth") === "2") state.depth = 2;
  for (const [key, allowed] of Object.entries(WORDS)) {
    if (allowed.includes(params.get(key))) state[key] = params.get(key);
  }
  state.highlight = (params.get("highlight") || "").split(",").filter((name) => HIGHLIGHTS.includes(name));
  if (DAY.test(params.get("date") || "")) state.date = params.get("date");
  return state;
}

/** The query string for `state`: only what differs from the default, in a fixed order. */
export function queryFromState(state) {
  const params = new URLSearchParams();
  for (const key of NUMBERS) if (state[key]) params.set(key, String(state[key]));
  if (state.kind) params.set("kind", state.kind);
  if (!state.activeOnly) params.set("all", "1");
  if (state.hideIsolated) params.set("isolated", "hide");
  if (state.focus && state.depth === 2) params.set("depth", "2");
  for (const key of Object.keys(WORDS)) if (state[key] !== DEFAULT_STATE[key]) params.set(key, state[key]);
  if (state.highlight.length) params.set("highlight", state.highlight.join(","));
  if (state.date) params.set("date", state.date);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The page's address for the Stichtag `day` ("" = today), keeping the state in `search`. */
export function addressForDay(pathname, search, day) {
  const state = {...stateFromQuery(new URLSearchParams(search)), date: DAY.test(day) ? day : null};
  return `${pathname}${queryFromState(state)}`;
}

/**
 * The nodes and edges to show. `data`: the JSON (nodes, edges); `state`: as above (focus is an
 * actor id, kept even when a filter would hide it). Returns {nodes, edges} (sets of ids) and
 * the actor and tie counts; in the bipartite view the edges are actor–commitment links
 * ("b:<actor>:<number>") and the commitments are nodes "c:<number>".
 */
export function visibility(data, state) {
  const nodes = new Set();
  for (const node of data.nodes) {
    if (state.activeOnly && node.status !== "active") continue;
    if (state.type && node.type !== state.type) continue;
    if (state.commitment && !(node.commitments || []).includes(state.commitment)) continue;
    if (state.district && !node.whole && !(node.districts || []).includes(state.district)) continue;
    nodes.add(node.id);
  }
  const known = new Set(data.nodes.map((node) => node.id));
  const focus = state.focus && known.has(state.focus) ? state.focus : null;
  if (focus) nodes.add(focus);
  let edges = new Set();
  const adjacency = new Map();
  const link = (a, b) => {
    if (!adjacency.has(a)) adjacency.set(a, []);
    adjacency.get(a).push(b);
  };
  for (const edge of data.edges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) continue;
    if (!edge.coops.some((coop) => (!state.activeOnly || coop.active) && (!state.kind || coop.kind === state.kind))) continue;
    edges.add(edge.id);
    link(edge.from, edge.to);
    link(edge.to, edge.from);
  }
  if (focus) {
    const reached = new Set([focus]);
    let frontier = [focus];
    for (let step = 0; step < state.depth; step += 1) {
      const next = [];
      for (const id of frontier) {
        for (const other of adjacency.get(id) || []) {
          if (!reached.has(other)) { reached.add(other); next.push(other); }
        }
      }
      frontier = next;
    }
    for (const id of [...nodes]) if (!reached.has(id)) nodes.delete(id);
    const ends = new Map(data.edges.map((edge) => [edge.id, edge]));
    edges = new Set([...edges].filter((id) => nodes.has(ends.get(id).from) && nodes.has(ends.get(id).to)));
  }
  if (state.kind || state.hideIsolated) {
    for (const id of [...nodes]) if (!adjacency.has(id) && id !== focus) nodes.delete(id);
  }
  let actorCount = nodes.size;
  let edgeCount = edges.size;
  if (state.view === "bipartite") {
    edges = new Set();
    const used = new Set();
    const byId = new Map(data.nodes.map((node) => [node.id, node]));
    for (const id of [...nodes]) {
      const numbers = byId.get(id).commitments || [];
      if (!numbers.length) { nodes.delete(id); continue; }
      for (const number of numbers) {
        edges.add(`b:${id}:${number}`);
        used.add(number);
      }
    }
    actorCount = nodes.size;
    edgeCount = edges.size;
    for (const number of used) nodes.add(`c:${number}`);
  }
  return {nodes, edges, actorCount, edgeCount, focus};
}
