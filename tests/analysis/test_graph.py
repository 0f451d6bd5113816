from datetime import date

from coordination.analysis.data import (
    BodyRecord,
    ContributionRecord,
    CooperationRecord,
    MembershipRecord,
    Thresholds,
)
from coordination.analysis.graph import (
    BodyHub,
    actor_nodes,
    build_affiliation_graph,
    build_analysis_graph,
    build_cooperation_graph,
    project_bodies,
)


def test_cooperation_graph_merges_pairs_and_keeps_only_active_ties(actor, network):
    data = network(
        actors=[actor(1, "jobcenter"), actor(2, "mso", migrant_led=True), actor(3),
                actor(4, status="dissolved"), actor(5, status="dormant")],
        cooperations=[CooperationRecord(1, 1, 2, "referral", intensity=1, commitment_numbers=[6]),
                      CooperationRecord(2, 2, 1, "agreement", intensity=3),
                      CooperationRecord(3, 1, 3, end=date(2024, 1, 1)),  # ended
                      CooperationRecord(4, 1, 4),  # dissolved partner
                      CooperationRecord(5, 3, 5)],  # dormant partners still cooperate
        contributions=[ContributionRecord(1, "Beratung", 5, lead_actor_id=3)])
    G = build_cooperation_graph(data)
    assert sorted(G) == [1, 2, 3, 5]
    assert sorted(map(sorted, G.edges)) == [[1, 2], [3, 5]]
    assert G[1][2]["weight"] == 3
    assert G[1][2]["kinds"] == ("agreement", "referral")
    assert G[1][2]["cooperations"] == (1, 2)
    assert G.nodes[2]["migrant_led"] and G.nodes[2]["type_key"] == "mso"
    assert G.nodes[1]["commitments"] == {6}
    assert G.nodes[3]["commitments"] == {5}


def bodies_network(actor, network, size):
    """One body with `size` members (actors 1..size) and a cooperation between 1 and 2."""
    return network(
        actors=[actor(i) for i in range(1, size + 2)],
        cooperations=[CooperationRecord(1, 1, 2, intensity=3)],
        bodies=[BodyRecord(1, "Runder Tisch", "round_table", lead_actor_id=1),
                BodyRecord(2, "Alter Arbeitskreis", "working_group", active=False)],
        memberships=[MembershipRecord(1, i) for i in range(2, size + 1)]
        + [MembershipRecord(1, size + 1, until=date(2024, 12, 31)),  # left
           MembershipRecord(2, 1), MembershipRecord(2, 2)])


def test_affiliation_graph_has_active_memberships_and_the_lead(actor, network):
    B = build_affiliation_graph(bodies_network(actor, network, 4))
    assert set(B[BodyHub(1)]) == {1, 2, 3, 4}
    assert B.edges[1, BodyHub(1)]["role"] == "Federführung"
    assert BodyHub(2) not in B  # inactive body


def test_small_bodies_become_cliques_that_keep_cooperation_weights(actor, network):
    data = bodies_network(actor, network, 4)
    P = project_bodies(build_affiliation_graph(data), max_clique_members=30)
    assert P.number_of_edges() == 6 and all(b == (1,) for *_, b in P.edges(data="bodies"))
    G = build_analysis_graph(data)
    assert G[1][2] == {"weight": 3, "kinds": ("informal",), "cooperations": (1,),
                            "bodies": (1,)}
    assert G[3][4] == {"weight": 1, "kinds": (), "cooperations": (), "bodies": (1,)}
    assert G.nodes[5]["bodies"] == frozenset()
    assert G.nodes[3]["bodies"] == {1}


def test_large_bodies_become_hubs(actor, network):
    data = bodies_network(actor, network, 6)
    G = build_analysis_graph(data, Thresholds(body_clique_max_members=5))
    assert G.nodes[BodyHub(1)]["kind"] == "body"
    assert set(G[BodyHub(1)]) == {1, 2, 3, 4, 5, 6}
    assert not G.has_edge(3, 4)
    assert actor_nodes(G) == [1, 2, 3, 4, 5, 6, 7]
