from coordination.analysis.coverage import Count, commitment_coverage, field_coverage
from coordination.analysis.data import ContributionRecord, CooperationRecord
from coordination.analysis.graph import build_analysis_graph


def test_coverage_counts_contributions_and_distinct_actors(actor, network, groups):
    data = network(
        actors=[actor(1, "mso", migrant_led=True), actor(2, "school"), actor(3, "school"),
                actor(4, status="dissolved")],
        cooperations=[CooperationRecord(1, 1, 2)],
        contributions=[
            ContributionRecord(1, "Hausaufgabenhilfe", 5, lead_actor_id=1, actor_ids=[2, 4],
                               target_group_ids=[groups["children"]], district_ids=[7],
                               field_of_action_id=2),
            ContributionRecord(2, "Elterncafé", 5, lead_actor_id=3, whole_commune=True,
                               target_group_ids=[groups["children"], groups["families"]]),
            ContributionRecord(3, "Neues Projekt", 5, status="planned", lead_actor_id=1),
            ContributionRecord(4, "Altes Projekt", 5, status="ended", lead_actor_id=1)])
    coverage = commitment_coverage(data, build_analysis_graph(data))
    five = coverage[5]
    assert sorted(coverage) == list(range(1, 11))
    assert (five.contribution_ids, five.planned_contribution_ids) == ({1, 2}, {3})
    assert five.actor_ids == {1, 2, 3}  # the dissolved partner does not count
    school = actor(2, "school").type_id
    assert five.by_actor_type[school] == Count(contributions=2, actors=2)
    assert five.by_district == {7: Count(1, 2), None: Count(1, 1)}
    assert five.by_target_group[groups["children"]] == Count(2, 3)
    assert five.by_field_of_action == {2: Count(1, 2), None: Count(1, 1)}
    assert five.migrant_led_share == 1 / 3
    assert five.islands == ({1, 2}, {3}) and not five.connected
    assert coverage[1].migrant_led_share is None and coverage[1].connected


def test_field_coverage_counts_offers_actors_and_commitments_per_field(actor, network, groups):
    data = network(
        actors=[actor(1, "mso", migrant_led=True), actor(2, "school"), actor(3, "welfare")],
        contributions=[
            ContributionRecord(1, "Hausaufgabenhilfe", 5, lead_actor_id=1, actor_ids=[2],
                               district_ids=[7], field_of_action_id=2,
                               target_group_ids=[groups["children"]]),
            ContributionRecord(2, "Elterncafé", 4, lead_actor_id=3, field_of_action_id=2,
                               whole_commune=True),
            ContributionRecord(3, "Beratung", 6, lead_actor_id=3),
            ContributionRecord(4, "Geplant", 5, status="planned", lead_actor_id=2,
                               field_of_action_id=1)])
    coverage = field_coverage(data)
    assert list(coverage)[:2] == [1, 2] and list(coverage)[-1] is None
    education = coverage[2]
    assert education.contribution_ids == {1, 2} and education.actor_ids == {1, 2, 3}
    assert education.migrant_led_actor_ids == {1}
    assert education.by_commitment == {4: 1, 5: 1}
    assert education.district_ids == {7} and education.whole_commune
    assert education.target_group_ids == {groups["children"]}
    assert coverage[1].contribution_ids == frozenset()  # a planned offer does not count
    assert coverage[None].by_commitment == {6: 1}
