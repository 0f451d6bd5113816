"""The read API fuzzed from its own description: schemathesis generates requests for every
operation of /api/v1/openapi.json (in process, no network; derandomized, a bounded number of
examples), valid ones and ones that break the documented parameters, and checks that no answer
is a 5xx and every answer matches the documented schema."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coordination.services import api_tokens
from tests.factories import district_id, make_actor, make_contribution, make_cooperation

EXAMPLES = 40  # per operation; derandomized, so every run sends the same requests
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]


@pytest.fixture
def viewer_token(app, user):
    actor_a = make_actor("Verein Brücke", "mso", migrant_led=True, district_ids=[district_id("Altstadt")])
    actor_b = make_actor("Jobcenter Teststadt", "jobcenter")
    make_contribution("Sprachcafé", actor_a, 1)
    make_cooperation(actor_a, actor_b)
    _row, token = api_tokens.create_token(user("viewer"), "Fuzz", by=None)
    return token


def test_the_api_answers_every_generated_request_as_documented(app, viewer_token):
    bearer = {"Authorization": f"Bearer {viewer_token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, headers=bearer)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def answers_as_documented(case):
                case.call_and_validate(headers=bearer, checks=CHECKS)

            answers_as_documented()
