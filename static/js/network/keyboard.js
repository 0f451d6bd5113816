// Moving the selection with the arrow keys (pure function).

const DIRECTIONS = {ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1]};

/**
 * The node to go to from `origin` ({x, y}) in the direction of `key` (an arrow key name):
 * among `candidates` ([{id, x, y}]) those within 60 degrees of that direction, the one with
 * the smallest distance weighted by how far it is off the direction. Null when none.
 */
export function nextInDirection(origin, candidates, key) {
  const direction = DIRECTIONS[key];
  if (!direction) return null;
  let best = null;
  let bestCost = Infinity;
  for (const candidate of candidates) {
    const dx = candidate.x - origin.x;
    const dy = candidate.y - origin.y;
    const distance = Math.hypot(dx, dy);
    if (!distance) continue;
    const cos = (dx * direction[0] + dy * direction[1]) / distance;
    if (cos < 0.5) continue;
    const cost = distance * (2 - cos);
    if (cost < bestCost) {
      bestCost = cost;
      best = candidate.id;
    }
  }
  return best;
}
