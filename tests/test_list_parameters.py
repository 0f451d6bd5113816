"""Every list page and list download with random query parameters: 200 or 400, never a 500.

The parameter names come from each list's filter form (plus page and sort), so a filter added
later is fuzzed too. The values are what people and scripts send by mistake or on purpose:
text in any script, numbers beyond any column, negative numbers, empty values, repeats.
"""
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordination.actors.forms import ActorFilterForm
from coordination.admin.forms import AuditFilterForm
from coordination.analysis_views.forms import GapFilterForm
from coordination.bodies.forms import BodyFilterForm
from coordination.contributions.forms import ContributionFilterForm
from coordination.cooperations.forms import CooperationFilterForm
from tests.factories import make_actor, make_body, make_contribution, make_cooperation

LISTS = {
    "/actors/": ActorFilterForm, "/actors/export.csv": ActorFilterForm,
    "/contributions/": ContributionFilterForm, "/contributions/export.xlsx": ContributionFilterForm,
    "/cooperations/": CooperationFilterForm, "/cooperations/export.csv": CooperationFilterForm,
    "/bodies/": BodyFilterForm, "/bodies/export.csv": BodyFilterForm,
    "/analysis/": GapFilterForm, "/admin/audit": AuditFilterForm,
}

VALUES = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=string.digits + "-+ ", max_size=25),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "-1", "1", "2147483648", "9223372036854775808", "²", "١٢", "NaN", "1e9",
                     "true", "ja", "None", "active", "name", "-name", "%00", "'", "<b>"]),
)


def parameter_names(app, form_class) -> list[str]:
    with app.test_request_context():
        form = form_class(meta={"csrf": False})
        return sorted({field.name for field in form} | {"page", "sort", "per_page"})


@pytest.fixture
def commune(app):
    brücke = make_actor("Verein Brücke", "mso", migrant_led=True)
    jobcenter = make_actor("Jobcenter Teststadt", "jobcenter")
    make_contribution("Sprachcafé", brücke, 1)
    make_cooperation(brücke, jobcenter)
    make_body("Runder Tisch Integration", lead=jobcenter)


@pytest.mark.parametrize("path", list(LISTS))
def test_list_pages_answer_any_query_with_a_page_or_a_400(app, commune, as_admin, path):
    names = parameter_names(app, LISTS[path])

    @settings(max_examples=40, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.sampled_from(names), VALUES), max_size=6))
    def answers(query):
        response = as_admin.get(path, query_string=query)
        assert response.status_code in (200, 400), (path, query, response.status_code)

    answers()
