// The grouped layout: actors gathered by community, district or commitment (pure functions).
//
// Each group becomes a disc: its most important actors in the middle, the others on a
// sunflower spiral around them. The discs are packed in rows, largest first, and get their
// name above them. O(actors) - no force simulation.

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * `items`: [{id, group, label, weight}] (group: a key, label: the group's name). Returns
 * {positions: Map id -> {x, y}, groups: [{key, label, x, y, radius, count}]} in canvas units,
 * `spacing` apart, the discs in rows for a canvas `aspect` times as wide as high.
 */
export function clusterLayout(items, spacing = 60, aspect = 1) {
  const byGroup = new Map();
  for (const item of items) {
    if (!byGroup.has(item.group)) byGroup.set(item.group, {key: item.group, label: item.label, members: []});
    byGroup.get(item.group).members.push(item);
  }
  const groups = [...byGroup.values()].sort((a, b) => b.members.length - a.members.length || String(a.label).localeCompare(String(b.label)));
  const step = spacing * 0.75;
  for (const group of groups) {
    group.members.sort((a, b) => (b.weight || 0) - (a.weight || 0) || String(a.id).localeCompare(String(b.id)));
    group.radius = step * Math.sqrt(group.members.length) + spacing;
  }
  const area = groups.reduce((sum, group) => sum + (2 * group.radius + spacing) ** 2, 0);
  // rows about as wide as the canvas is wide relative to its height (`aspect`)
  const rowWidth = Math.max(Math.sqrt(area * aspect) * 1.5, groups.length ? 2 * groups[0].radius : 0);
  const positions = new Map();
  const result = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const group of groups) {
    const size = 2 * group.radius;
    if (x > 0 && x + size > rowWidth) {
      x = 0;
      y += rowHeight + spacing * 1.5;
      rowHeight = 0;
    }
    const cx = x + group.radius;
    const cy = y + group.radius;
    group.members.forEach((item, index) => {
      const r = step * Math.sqrt(index);
      positions.set(item.id, {x: cx + r * Math.cos(index * GOLDEN_ANGLE), y: cy + r * Math.sin(index * GOLDEN_ANGLE)});
    });
    result.push({key: group.key, label: group.label, x: cx, y: cy, radius: group.radius, count: group.members.length});
    x += size + spacing * 1.5;
    rowHeight = Math.max(rowHeight, size);
  }
  return {positions, groups: result};
}
