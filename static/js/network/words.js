// Figures said in words for the table, the tooltip and the side panel (pure functions).

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
