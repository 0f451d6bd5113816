// Figures said in words for the table, the tooltip and the side panel (pure functions).

import {fill} from "./text.js";

const NAME_WIDTH = 24; // characters of an actor's name in a group's short name
const LEAST_WIDTH = 10; // ... and in one cut further to fit above its disc

/**
 * Rank of every node by betweenness (1 = the largest); nodes with none get no rank. Equal
 * values share a rank.
 */
export function betweennessRanks(nodes) {
  const sorted = nodes.filter((node) => (node.betweenness || 0) > 0)
    .sort((a, b) => b.betweenness - a.betweenness);
  const ranks = new Map();
  let rank = 0;
  let previous = null;
  sorted.forEach((node, index) => {
    if (node.betweenness !== previous) rank = index + 1;
    previous = node.betweenness;
    ranks.set(node.id, rank);
  });
  return ranks;
}

/**
 * The broker role as a level: "none" (no actor's shortest paths run through it), "high" (the
 * top 5 % of all actors, at least the first), "medium" (the top 20 %), otherwise "low".
 */
export function brokerLevel(rank, total) {
  if (!rank) return "none";
  if (rank <= Math.max(1, Math.ceil(total * 0.05))) return "high";
  if (rank <= Math.ceil(total * 0.2)) return "medium";
  return "low";
}

/** How many groups (communities) an actor and its partners belong to; 0 without partners. */
export function bridgedGroups(node, partners) {
  if (!partners.length) return 0;
  const groups = new Set(partners.map((partner) => partner.community).filter((group) => group !== undefined));
  if (node.community !== undefined) groups.add(node.community);
  return groups.size;
}

/** `text` cut to at most `width` characters, the cut marked with an ellipsis. */
export function shorten(text, width) {
  const value = String(text);
  return value.length <= width ? value : `${value.slice(0, width - 1).trimEnd()}…`;
}

/**
 * A name for every community after its most central member (the highest `scores`, Map id ->
 * number; equal ones by name): Map index -> {name, short, actor, least}, from
 * `labels.community_around` ("{name} u. a."). The largest community chooses first; a name already
 * taken goes to the next member, a community with no free name keeps its number
 * (`labels.community_n`, without `actor`). `least`: the fewest characters of the actor's name
 * (at least `leastWidth`) that keep the cut names apart; the short name keeps `width` of them,
 * or `least` if more (`communityShort`).
 */
export function communityNames(nodes, scores, labels, width = NAME_WIDTH, leastWidth = LEAST_WIDTH) {
  const members = new Map();
  for (const node of nodes) {
    if (node.community === undefined) continue;
    if (!members.has(node.community)) members.set(node.community, []);
    members.get(node.community).push(node);
  }
  const score = (node) => scores.get(node.id) || 0;
  const taken = new Set();
  const centres = new Map();
  for (const index of [...members.keys()].sort((a, b) => a - b)) {
    const centre = members.get(index)
      .sort((a, b) => score(b) - score(a) || String(a.label).localeCompare(String(b.label)))
      .find((node) => !taken.has(node.label));
    if (centre) taken.add(centre.label);
    centres.set(index, {full: centre ? centre.label : null, width: leastWidth});
  }
  const named = [...centres.values()].filter((entry) => entry.full !== null);
  for (;;) {
    const byShort = new Map();
    for (const entry of named) {
      const key = shorten(entry.full, entry.width);
      byShort.set(key, [...(byShort.get(key) || []), entry]);
    }
    const clashing = [...byShort.values()].filter((entries) => entries.length > 1).flat()
      .filter((entry) => entry.width < entry.full.length);
    if (!clashing.length) break;
    for (const entry of clashing) entry.width += 1;
  }
  const names = new Map();
  for (const [index, entry] of centres) {
    if (entry.full === null) {
      const number = fill(labels.community_n, {n: index + 1});
      names.set(index, {name: number, short: number});
    } else {
      const whole = {name: fill(labels.community_around, {name: entry.full}), actor: entry.full, least: entry.width};
      names.set(index, {...whole, short: communityShort(labels, whole, width)});
    }
  }
  return names;
}

/** A community's name (an entry of `communityNames`) with its actor's name cut to `width`, or to `least` if more. */
export function communityShort(labels, names, width) {
  return fill(labels.community_around, {name: shorten(names.actor, Math.max(width, names.least))});
}
