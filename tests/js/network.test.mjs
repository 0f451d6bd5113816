// The pure parts of the network picture (static/js/network/), run with `node --test tests/js/`.
import assert from "node:assert/strict";
import {test} from "node:test";

import {clusterLayout} from "../../static/js/network/clusters.js";
import {categoryOf, colourContext} from "../../static/js/network/colours.js";
import {SvgPainter, escapeXml} from "../../static/js/network/export.js";
import {DEFAULT_STATE, queryFromState, stateFromQuery, visibility} from "../../static/js/network/filters.js";
import {nextInDirection} from "../../static/js/network/keyboard.js";
import {importance, labelBox, overlaps, placeLabels, rankOrder} from "../../static/js/network/labels.js";
import {fill, plural, wrapLabel} from "../../static/js/network/text.js";
import {betweennessRanks, brokerLevel, bridgedGroups, communityNames, communityShort, shorten} from "../../static/js/network/words.js";

const DATA = {
  nodes: [
    {id: 1, label: "Jobcenter", type: 1, status: "active", degree: 3, betweenness: 0.5, community: 0, commitments: [6]},
    {id: 2, label: "Schule", type: 2, status: "active", degree: 1, betweenness: 0, community: 0},
    {id: 3, label: "Verein", type: 3, status: "dormant", degree: 1, betweenness: 0, community: 1, commitments: [4, 6]},
    {id: 4, label: "Caritas", type: 2, status: "active", degree: 1, betweenness: 0.1, community: 1, districts: [7]},
    {id: 5, label: "Allein", type: 3, status: "active", degree: 0, betweenness: 0},
  ],
  edges: [
    {id: "1-2", from: 1, to: 2, coops: [{kind: "referral", active: true}]},
    {id: "1-3", from: 1, to: 3, coops: [{kind: "informal", active: true}]},
    {id: "1-4", from: 1, to: 4, coops: [{kind: "informal"}]},
  ],
};

test("labels never overlap and the important ones come first", () => {
  const candidates = [
    {id: "a", x: 100, y: 100, radius: 5, width: 80, height: 14},
    {id: "b", x: 104, y: 102, radius: 5, width: 80, height: 14},
    {id: "c", x: 100, y: 300, radius: 5, width: 80, height: 14},
    {id: "d", x: 2, y: 300, radius: 5, width: 80, height: 14},
  ];
  const placed = placeLabels(candidates, {w: 400, h: 400});
  for (const [i, a] of placed.entries()) {
    for (const b of placed.slice(i + 1)) assert.ok(!overlaps(a.box, b.box), `${a.id} overlaps ${b.id}`);
    assert.ok(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.w <= 400 && a.box.y + a.box.h <= 400);
  }
  assert.equal(placed[0].id, "a");
  assert.equal(placed[0].anchor, "below");
  assert.ok(placed.some((label) => label.id === "b"), "a crowded label moves to another side");
  assert.equal(placed.find((label) => label.id === "d").anchor, "right", "a label at the edge goes inside");
  assert.deepEqual(placeLabels(candidates, {w: 400, h: 400}, {limit: 1}).map((label) => label.id), ["a"]);
  const blocked = placeLabels([candidates[2]], {w: 400, h: 400}, {reserved: [{x: 0, y: 250, w: 400, h: 100}]});
  assert.deepEqual(blocked, []);
});

test("label boxes sit beside their node", () => {
  assert.deepEqual(labelBox(100, 100, 10, 40, 12, "below", 0), {x: 80, y: 110, w: 40, h: 12});
  assert.deepEqual(labelBox(100, 100, 10, 40, 12, "right", 0), {x: 110, y: 94, w: 40, h: 12});
  assert.ok(!overlaps({x: 0, y: 0, w: 10, h: 10}, {x: 10, y: 0, w: 10, h: 10}), "touching is not overlapping");
});

test("importance ranks hubs and brokers first, with a bonus for what is emphasised", () => {
  assert.deepEqual(rankOrder(DATA.nodes, importance(DATA.nodes)).slice(0, 2), [1, 4]);
  const boosted = rankOrder(DATA.nodes, importance(DATA.nodes, new Map([[5, 3]])));
  assert.equal(boosted[0], 5);
});

test("names wrap into at most two lines", () => {
  assert.deepEqual(wrapLabel("Jobcenter"), ["Jobcenter"]);
  assert.deepEqual(wrapLabel("Caritasverband für die Stadt Musterstadt e. V.", 22),
    ["Caritasverband für die", "Stadt Musterstadt e. V."]);
  const long = wrapLabel("Interkulturelles Begegnungszentrum der Arbeiterwohlfahrt im Nordviertel", 22);
  assert.equal(long.length, 2);
  assert.ok(long[1].endsWith("…"));
});

test("counts take the grammatical form of the page language", () => {
  const forms = {one: "verbindet {n} Gruppe", other: "verbindet {n} Gruppen"};
  const rules = new Intl.PluralRules("de");
  assert.equal(plural(forms, 1, rules), "verbindet 1 Gruppe");
  assert.equal(plural(forms, 0, rules), "verbindet 0 Gruppen");
  assert.equal(plural(forms, 3, rules), "verbindet 3 Gruppen");
  assert.equal(fill("{a} und {b}", {a: 1}), "1 und {b}");
});

test("the broker role in words: rank among all actors", () => {
  const ranks = betweennessRanks(DATA.nodes);
  assert.equal(ranks.get(1), 1);
  assert.equal(ranks.get(4), 2);
  assert.equal(ranks.has(2), false);
  assert.equal(brokerLevel(1, 151), "high");
  assert.equal(brokerLevel(8, 151), "high");
  assert.equal(brokerLevel(9, 151), "medium");
  assert.equal(brokerLevel(40, 151), "low");
  assert.equal(brokerLevel(undefined, 151), "none");
  assert.equal(bridgedGroups(DATA.nodes[0], [DATA.nodes[1], DATA.nodes[2]]), 2);
  assert.equal(bridgedGroups(DATA.nodes[4], []), 0);
});

test("filters, focus and the bipartite view choose what is shown", () => {
  const all = visibility(DATA, DEFAULT_STATE);
  assert.deepEqual([...all.nodes].sort(), [1, 2, 4, 5]);
  assert.deepEqual([...all.edges], ["1-2"]);
  const everything = visibility(DATA, {...DEFAULT_STATE, activeOnly: false});
  assert.equal(everything.actorCount, 5);
  assert.equal(everything.edgeCount, 3);
  const focused = visibility(DATA, {...DEFAULT_STATE, activeOnly: false, focus: 3});
  assert.deepEqual([...focused.nodes].sort(), [1, 3]);
  assert.equal(focused.focus, 3);
  const hidden = visibility(DATA, {...DEFAULT_STATE, hideIsolated: true});
  assert.deepEqual([...hidden.nodes].sort(), [1, 2]);
  const bipartite = visibility(DATA, {...DEFAULT_STATE, activeOnly: false, view: "bipartite"});
  assert.deepEqual([...bipartite.nodes].sort(), [1, 3, "c:4", "c:6"]);
  assert.equal(bipartite.edgeCount, 3);
  assert.equal(visibility(DATA, {...DEFAULT_STATE, focus: 99}).focus, null);
});

test("the address carries the state and gives it back", () => {
  const state = {...DEFAULT_STATE, type: 2, activeOnly: false, focus: 4, depth: 2, colour: "community",
    group: "district", highlight: ["isolated"]};
  const query = queryFromState(state);
  assert.equal(query, "?type=2&focus=4&all=1&depth=2&colour=community&group=district&highlight=isolated");
  assert.deepEqual(stateFromQuery(new URLSearchParams(query)), state);
  assert.equal(queryFromState(DEFAULT_STATE), "");
  const broken = stateFromQuery(new URLSearchParams("?type=x&colour=rainbow&depth=7&highlight=nope"));
  assert.deepEqual(broken, DEFAULT_STATE);
});

test("the grouped layout keeps groups apart", () => {
  const items = [];
  for (let i = 0; i < 30; i += 1) items.push({id: i, group: i % 3, label: `G${i % 3}`, weight: i});
  const {positions, groups} = clusterLayout(items, 60);
  assert.equal(groups.length, 3);
  assert.equal(positions.size, 30);
  for (const item of items) {
    const group = groups.find((g) => g.key === item.group);
    const point = positions.get(item.id);
    assert.ok(Math.hypot(point.x - group.x, point.y - group.y) < group.radius, "inside its disc");
  }
  for (const [i, a] of groups.entries()) {
    for (const b of groups.slice(i + 1)) assert.ok(Math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius, "discs apart");
  }
  const heaviest = items.filter((item) => item.group === 0).sort((a, b) => b.weight - a.weight)[0];
  const centre = groups.find((g) => g.key === 0);
  assert.deepEqual(positions.get(heaviest.id), {x: centre.x, y: centre.y}, "the most important in the middle");
});

test("a small network's grouped layout leaves a name's room beside each actor", () => {
  // the 11-actor commune of the browser tests: two groups and four actors without a tie
  const sizes = [["a", 4], ["none", 4], ["b", 3]];
  const items = sizes.flatMap(([group, count]) => Array.from({length: count}, (_, i) => (
    {id: `${group}${i}`, group, label: group, weight: count - i, last: group === "none"})));
  const spacing = 110;
  const {positions, groups} = clusterLayout(items, spacing, 1.5, {cellRatio: 3});
  assert.deepEqual(groups.map((g) => g.key), ["a", "b", "none"], "the actors without a tie come last");
  const points = items.map((item) => ({...positions.get(item.id), group: item.group}));
  for (const [i, a] of points.entries()) {
    const group = groups.find((g) => g.key === a.group);
    assert.ok(Math.hypot(a.x - group.x, a.y - group.y) < group.radius, "inside its disc");
    for (const b of points.slice(i + 1)) {
      // side by side a name's width apart (three times the spacing), or rows a spacing apart
      assert.ok(Math.abs(a.x - b.x) >= 3 * spacing - 1e-6 || Math.abs(a.y - b.y) >= spacing - 1e-6, "room for a name");
    }
  }
  for (const [i, a] of groups.entries()) {
    for (const b of groups.slice(i + 1)) assert.ok(Math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius, "discs apart");
  }
  // of the arrangements tried, the one drawn largest: here the discs in one row, side by side
  assert.equal(new Set(groups.map((g) => Math.round(g.y - g.radius))).size, 1);
});

test("arrow keys go to the nearest actor in that direction", () => {
  const candidates = [{id: 1, x: 100, y: 0}, {id: 2, x: 50, y: 60}, {id: 3, x: -80, y: 5}];
  assert.equal(nextInDirection({x: 0, y: 0}, candidates, "ArrowRight"), 1);
  assert.equal(nextInDirection({x: 0, y: 0}, candidates, "ArrowLeft"), 3);
  assert.equal(nextInDirection({x: 0, y: 0}, candidates, "ArrowDown"), 2);
  assert.equal(nextInDirection({x: 0, y: 0}, candidates, "ArrowUp"), null);
});

test("type colours come from eight families", () => {
  const payload = {
    categories: {
      family: [{id: 0, label: "Verwaltung", colour: "#0072b2"}, {id: 1, label: "Sonstige", colour: "#a0a0a0"}],
      type: [{id: 1, label: "Amt", family: 0}], commitment: [{id: 6, label: "6. Arbeit", short: "6 Arbeit", colour: "#117733"}],
      district: [{id: 7, label: "Nord"}],
    },
    nodes: DATA.nodes, palette: {groups: ["#0072b2", "#e69f00"], other: "#c8cdd2"},
    labels: {no_commitment: "ohne", community_n: "Gruppe {n}", community_around: "um {name}",
      other_communities: "kleinere", no_community: "ohne Gruppe",
      whole_commune: "ganz", no_district: "ohne Stadtteil", others: "weitere"},
  };
  const context = colourContext(payload);
  assert.equal(categoryOf(DATA.nodes[0], "type", context).colour, "#0072b2");
  assert.equal(categoryOf(DATA.nodes[1], "type", context).label, "Sonstige", "a type without family is other");
  assert.equal(categoryOf(DATA.nodes[0], "commitment", context).colour, "#c8cdd2", "no main commitment: grey");
  assert.equal(categoryOf({...DATA.nodes[0], main: 6}, "commitment", context).colour, "#117733");
  assert.equal(categoryOf(DATA.nodes[2], "community", context).label, "um Caritas", "named after its broker");
  assert.equal(categoryOf(DATA.nodes[3], "district", context).label, "Nord");
});

test("communities are named after their most central member, short and unique", () => {
  const labels = {community_n: "Gruppe {n}", community_around: "um {name}"};
  const node = (id, label, community) => ({id, label, community});
  const nodes = [
    node(1, "Stabsstelle Integration und Vielfalt Nord", 0), node(2, "Schule", 0),
    node(3, "Stabsstelle Integration und Vielfalt Süd", 1), node(4, "Jobcenter", 1),
    node(5, "Caritas", 2), node(6, "Caritas", 3), node(7, "Diakonie", 3), node(8, "Caritas", 4),
    node(9, "Allein", undefined),
  ];
  const scores = new Map([[1, 2], [2, 1], [3, 2], [4, 1], [5, 1], [6, 2], [7, 1], [8, 1]]);
  const names = communityNames(nodes, scores, labels, 12);
  assert.deepEqual(names.get(0), {name: "um Stabsstelle Integration und Vielfalt Nord",
    short: "um Stabsstelle Integration und Vielfalt N…", actor: "Stabsstelle Integration und Vielfalt Nord", least: 39},
  "cut only as far as the two stay apart");
  assert.equal(communityShort(labels, names.get(0), 5), names.get(0).short, "never cut so far that they look alike");
  assert.equal(names.get(1).short, "um Stabsstelle Integration und Vielfalt S…");
  assert.equal(names.get(2).name, "um Caritas", "the larger community chooses first");
  assert.equal(names.get(3).name, "um Diakonie", "a name taken goes to the next member");
  assert.equal(names.get(4).name, "Gruppe 5", "no free name: the number");
  assert.equal(names.size, 5, "actors without a community name none");
  const alone = communityNames([node(1, "Interkultureller Frauentreff", 0)], new Map(), labels, 12).get(0);
  assert.equal(alone.short, "um Interkultur…");
  assert.equal(communityShort(labels, alone, 3), "um Interkult…", "cut to fit, at least ten characters");
  assert.equal(communityShort(labels, alone, 40), "um Interkultureller Frauentreff");
  assert.equal(shorten("Kurz", 12), "Kurz");
});

test("SVG export escapes names", () => {
  assert.equal(escapeXml("<img src=x onerror=\"a\">&"), "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;");
  const painter = new SvgPainter(100, 50);
  painter.text(1, 2, "<b>Verein</b>", {size: 10});
  painter.shape("diamond", 10, 10, 5, "#fff", "#000", 1);
  const svg = painter.toString();
  assert.ok(svg.includes("&lt;b&gt;Verein&lt;/b&gt;"));
  assert.ok(!svg.includes("<b>"));
  assert.ok(svg.includes("<polygon"));
});
