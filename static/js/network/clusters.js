// The grouped layout: actors gathered by community, district or commitment (pure functions).
//
// Each group becomes a disc, named above it. In a large network its most important actors sit
// in the middle and the others on a sunflower spiral around them; in a small one, where every
// name should be readable, the actors sit in short rows of cells wide enough for a name beside
// each. The discs are packed in rows, largest first. O(actors) - no force simulation.

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const MAX_COLUMNS = 4; // columns of cells tried per disc in a small network

/**
 * `items`: [{id, group, label, full, weight, last}] (group: a key, label: the group's name as
 * drawn, full: its whole name, if longer; the groups of items with `last`, such as the actors
 * without a tie, come after the others). Returns
 * {positions: Map id -> {x, y}, groups: [{key, label, full, x, y, radius, count}]} in canvas units,
 * `spacing` apart, the discs in rows for a canvas `aspect` times as wide as high.
 * With `cellRatio` (small networks) each actor gets a cell `cellRatio` times as wide as high
 * (`spacing` high). Of the arrangements tried (where the rows end; in a small network also
 * how many columns of cells a disc has) the one drawn largest on such a canvas wins.
 */
export function clusterLayout(items, spacing = 60, aspect = 1, {cellRatio = 0} = {}) {
  const byGroup = new Map();
  for (const item of items) {
    if (!byGroup.has(item.group)) byGroup.set(item.group, {key: item.group, label: item.label, full: item.full || item.label, last: Boolean(item.last), members: []});
    byGroup.get(item.group).members.push(item);
  }
  const groups = [...byGroup.values()].sort((a, b) => a.last - b.last || b.members.length - a.members.length
    || String(a.label).localeCompare(String(b.label)));
  for (const group of groups) {
    group.members.sort((a, b) => (b.weight || 0) - (a.weight || 0) || String(a.id).localeCompare(String(b.id)));
  }
  const arrangements = cellRatio
    ? Array.from({length: MAX_COLUMNS}, (_, i) => ({discs: groups.map((group) => cells(group, spacing, cellRatio, i + 1)),
      gap: spacing * 0.3, rowGap: spacing * 0.6}))
    : [{discs: groups.map((group) => spiral(group, spacing * 0.75, spacing)), gap: spacing * 1.5, rowGap: spacing * 1.5}];
  let best = null;
  for (const {discs, gap, rowGap} of arrangements) {
    // every place to end the first row; the rows leave room for the discs' names
    let rowWidth = -gap;
    for (const disc of discs) {
      rowWidth += 2 * disc.radius + gap;
      const packed = pack(discs, rowWidth, gap, rowGap);
      const score = Math.min(aspect / Math.max(packed.width, 1), 1 / Math.max(packed.height, 1));
      if (!best || score > best.score) best = {score, discs, packed};
    }
  }
  const positions = new Map();
  const result = [];
  if (!best) return {positions, groups: result};
  best.discs.forEach((disc, index) => {
    const {x, y} = best.packed.centres[index];
    disc.offsets.forEach((offset, member) => positions.set(disc.members[member].id, {x: x + offset.x, y: y + offset.y}));
    result.push({key: disc.key, label: disc.label, full: disc.full, x, y, radius: disc.radius, count: disc.members.length});
  });
  return {positions, groups: result};
}

/** Centres of discs in rows of at most `rowWidth`, `gap` apart in a row and `rowGap` between rows. */
function pack(discs, rowWidth, gap, rowGap) {
  const centres = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const disc of discs) {
    const size = 2 * disc.radius;
    if (x > 0 && x + size > rowWidth + 1e-6) {
      x = 0;
      y += rowHeight + rowGap;
      rowHeight = 0;
    }
    centres.push({x: x + disc.radius, y: y + disc.radius});
    x += size + gap;
    width = Math.max(width, x - gap);
    rowHeight = Math.max(rowHeight, size);
  }
  return {centres, width, height: y + rowHeight};
}

/** A sunflower spiral: the most important actor in the middle, each next one further out. */
function spiral(group, step, spacing) {
  const offsets = group.members.map((item, index) => {
    const r = step * Math.sqrt(index);
    return {x: r * Math.cos(index * GOLDEN_ANGLE), y: r * Math.sin(index * GOLDEN_ANGLE)};
  });
  return {...group, offsets, radius: step * Math.sqrt(group.members.length) + spacing};
}

/**
 * Cells `ratio` times as wide as high (`spacing` high) in rows of `columns`, the most important
 * actor first; each actor at the left of its cell, so that its name fits beside it.
 */
function cells(group, spacing, ratio, columns) {
  const count = group.members.length;
  const across = Math.min(columns, count);
  const lines = Math.ceil(count / across);
  const width = spacing * ratio;
  const offsets = group.members.map((item, index) => ({
    x: ((index % across) - across / 2) * width + spacing / 2,
    y: (Math.floor(index / across) - (lines - 1) / 2) * spacing,
  }));
  return {...group, offsets, radius: Math.hypot(across * width / 2, lines * spacing / 2) + spacing * 0.1};
}
