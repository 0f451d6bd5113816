// The network page's Stichtag in the address (static/js/network/filters.js), run with `node --test tests/js/`.
import assert from "node:assert/strict";
import {test} from "node:test";

import {addressForDay, queryFromState, stateFromQuery} from "../../static/js/network/filters.js";

test("the Stichtag stays in the address with the other state", () => {
  const state = stateFromQuery(new URLSearchParams("commitment=4&date=2022-06-30&view=bipartite"));
  assert.equal(state.date, "2022-06-30");
  assert.equal(queryFromState(state), "?commitment=4&view=bipartite&date=2022-06-30");
  assert.equal(stateFromQuery(new URLSearchParams("date=30.06.2022")).date, null);
});

test("another day keeps the filters; an empty day is today", () => {
  assert.equal(addressForDay("/network/", "?commitment=4&focus=7", "2021-01-31"),
    "/network/?commitment=4&focus=7&date=2021-01-31");
  assert.equal(addressForDay("/network/", "?commitment=4&date=2021-01-31", ""), "/network/?commitment=4");
});
