// The picture's figures in words, for the tooltip, the table and the side panel. Each function
// takes the NetworkPicture (its labels, lookups and number formats).

import {fill, plural} from "./text.js";
import {brokerLevel, bridgedGroups} from "./words.js";

export function formatDate(p, iso) {
  let text = p.formattedDates.get(iso);
  if (text === undefined) {
    const [year, month, day] = iso.split("-").map(Number);
    text = p.dates.format(new Date(year, month - 1, day));
    p.formattedDates.set(iso, text);
  }
  return text;
}

export function count(p, forms, n) {
  return plural(forms, n, p.pluralRules, (value) => p.number.format(value));
}

export function districtText(p, node) {
  if (node.whole) return p.labels.whole_commune;
  const names = (node.districts || []).map((id) => p.districtLabel.get(id)).filter(Boolean);
  return names.length ? names.join(", ") : p.labels.no_district;
}

export function findingTexts(p, node) {
  const l = p.labels;
  const texts = [];
  if (node.cutoff) texts.push(count(p, l.cutoff, node.cutoff));
  if (node.isolated) texts.push(l.isolated);
  if (node.peripheral) texts.push(l.peripheral);
  return texts;
}

export function degreeText(p, node) {
  return node.degree ? count(p, p.labels.partner_count, node.degree) : p.labels.no_ties;
}

export function brokerText(p, node) {
  const l = p.labels;
  const rank = p.ranks.get(node.id);
  const level = l[`broker_${brokerLevel(rank, p.data.nodes.length)}`];
  const text = rank ? fill(l.broker_rank, {level, rank: p.number.format(rank), total: p.number.format(p.data.nodes.length)}) : level;
  return p.data.betweenness_sampled ? `${text} (${l.estimated})` : text;
}

export function groupText(p, node) {
  const l = p.labels;
  const parts = [];
  if (node.community !== undefined) parts.push(p.colours.communities.get(node.community).name);
  const groups = bridgedGroups(node, partnersOf(p, node.id));
  if (groups >= 2) parts.push(count(p, l.bridges, groups));
  return parts.join("; ") || "–";
}

export function partnersOf(p, id) {
  return (p.partners.get(id) || []).map((other) => p.nodeById.get(other)).filter(Boolean)
    .sort((a, b) => a.label.localeCompare(b.label, p.lang));
}

export function commitmentShort(p, number) {
  const entry = p.commitments.get(number);
  return entry ? entry.short : String(number);
}

export function nodeTitle(p, node) {
  const l = p.labels;
  const lines = [node.label, `${l.type}: ${p.typeLabel.get(node.type) || "–"}`];
  const flags = [node.mso ? l.mso : null, node.adm ? l.administration : null].filter(Boolean);
  if (flags.length) lines.push(flags.join(" · "));
  if (node.status !== "active") lines.push(`${l.status}: ${p.statusLabel.get(node.status) || node.status}`);
  lines.push(`${l.districts}: ${districtText(p, node)}`);
  if (node.commitments && node.commitments.length) {
    lines.push(`${l.commitments}: ${node.commitments.map((number) => commitmentShort(p, number)).join(", ")}`);
  }
  lines.push(`${l.degree}: ${degreeText(p, node)}`);
  lines.push(`${l.betweenness}: ${brokerText(p, node)}`);
  const group = groupText(p, node);
  if (group !== "–") lines.push(`${l.group}: ${group}`);
  const findings = findingTexts(p, node);
  if (findings.length) lines.push(`${l.findings}: ${findings.join("; ")}`);
  if (node.pinned) lines.push(l.pinned_note);
  return lines.join("\n");
}

export function edgeTitle(p, edge) {
  const name = (id) => (p.nodeById.get(id) || {label: id}).label;
  const lines = [`${name(edge.from)} – ${name(edge.to)}`];
  for (const coop of edge.coops) {
    let line = p.kindLabel.get(coop.kind) || coop.kind;
    if (coop.since) line += ` · ${p.labels.since} ${formatDate(p, coop.since)}`;
    if (coop.until) line += ` · ${p.labels.until} ${formatDate(p, coop.until)}`;
    if (!coop.active) line += ` (${p.labels.inactive})`;
    lines.push(line);
  }
  return lines.join("\n");
}

export function commitmentTitle(p, id) {
  const number = Number(String(id).slice(2));
  const actors = p.data.nodes.filter((node) => (node.commitments || []).includes(number)).length;
  const entry = p.commitments.get(number);
  return `${p.labels.commitment_node} ${entry ? entry.label : number}\n${count(p, p.labels.actor_count, actors)}`;
}

export function tooltipText(p, point) {
  if (!p.network) return null;
  const hull = p.drawnHullNames.find((box) => point.x >= box.x && point.x <= box.x + box.w
    && point.y >= box.y && point.y <= box.y + box.h);
  if (hull) return `${hull.full}\n${count(p, p.labels.actor_count, hull.count)}`;
  const nodeId = p.network.getNodeAt(point);
  if (nodeId !== undefined) {
    return typeof nodeId === "number" ? nodeTitle(p, p.nodeById.get(nodeId)) : commitmentTitle(p, nodeId);
  }
  const edgeId = p.network.getEdgeAt(point);
  return edgeId !== undefined && p.edgeById.has(edgeId) ? edgeTitle(p, p.edgeById.get(edgeId)) : null;
}
