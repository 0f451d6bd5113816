// The colour of an actor under each colouring, with the legend entry it belongs to (pure).
// The colours come from the server (coordination/exports/network_style.py), so the page and
// the pictures drawn on the server agree.

import {importance} from "./labels.js";
import {communityNames} from "./words.js";

/**
 * Everything `categoryOf` needs, from the JSON: families, type -> family, commitments,
 * districts, palette, the communities' names and the words for the "none" entries.
 */
export function colourContext(payload) {
  const categories = payload.categories;
  return {
    families: categories.family,
    typeFamily: new Map(categories.type.map((entry) => [entry.id, entry.family])),
    commitments: new Map(categories.commitment.map((entry) => [entry.id, entry])),
    districts: new Map(categories.district.map((entry, index) => [entry.id, {label: entry.label, index}])),
    groups: payload.palette.groups,
    other: payload.palette.other,
    labels: payload.labels,
    communities: communityNames(payload.nodes, importance(payload.nodes), payload.labels),
  };
}

/** {key, colour, label, order} of `node` when coloured by `mode` (type, commitment, community, district). */
export function categoryOf(node, mode, context) {
  const l = context.labels;
  const none = (label) => ({key: "none", colour: context.other, label, order: 1e6});
  switch (mode) {
    case "commitment": {
      const entry = node.main && context.commitments.get(node.main);
      if (!entry) return none(l.no_commitment);
      return {key: `c${node.main}`, colour: entry.colour, label: entry.label, order: node.main};
    }
    case "community": {
      if (node.community === undefined) return none(l.no_community);
      if (node.community >= context.groups.length) {
        return {key: "small", colour: context.other, label: l.other_communities, order: 1e5};
      }
      return {key: `g${node.community}`, colour: context.groups[node.community],
        label: context.communities.get(node.community).name, order: node.community};
    }
    case "district": {
      if (node.whole) return {key: "whole", colour: "#495057", label: l.whole_commune, order: -1};
      const first = (node.districts || [])[0];
      const district = first !== undefined && context.districts.get(first);
      if (!district) return none(l.no_district);
      if (district.index >= context.groups.length) return {key: "others", colour: context.other, label: l.others, order: 1e5};
      return {key: `d${first}`, colour: context.groups[district.index], label: district.label, order: district.index};
    }
    default: {
      const index = context.typeFamily.get(node.type) ?? context.families.length - 1;
      const family = context.families[index];
      return {key: `f${index}`, colour: family.colour, label: family.label, order: index};
    }
  }
}

/**
 * The group an actor belongs to in the grouped layout: {group, label, full} (a community's
 * label is its short name, `full` the whole one).
 */
export function groupOf(node, mode, context) {
  if (mode === "community" && node.community !== undefined) {
    const names = context.communities.get(node.community);
    return {group: `g${node.community}`, label: names.short, full: names.name};
  }
  const category = categoryOf(node, mode, context);
  return {group: category.key, label: category.label, full: category.label};
}
