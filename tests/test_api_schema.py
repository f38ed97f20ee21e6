"""Every API operation, called by schemathesis with parameters generated from /openapi.json (and
beyond it: wrong types, huge numbers, odd strings), answers without a server error. A bounded
number of examples per operation here; the store holds a few synthetic documents."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import Record
from truceline.store import Store, database_url
from truceline.web import create_app

TOKEN = "schema-test-token"
EXAMPLES = 25  # per operation
ARTICLES = [  # synthetic
    {"url": "https://example.org/a", "title": "Pause agreed", "date": "2023-11-22",
     "text": "Qatar said on Wednesday that Israel and Hamas agreed to a four-day humanitarian pause. "
             "Under the deal, 50 hostages will be released."},
    {"url": "https://example.org/b", "title": "Pause extended", "date": "2023-11-27",
     "text": "Israel and Hamas agreed on Monday to extend the pause by two days. The health ministry said "
             "more than 14,800 people had been killed in Gaza."},
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("schema")
    (folder / "articles.json").write_text(json.dumps(ARTICLES))
    url = database_url(str(folder / "schema.db"))
    settings_ = Settings(database_url=url)
    with Store(url) as store:
        for result in Pipeline(settings_).extract(read_inputs([str(folder / "articles.json")], settings_)):
            assert isinstance(result, Record)
            store.add(result)
    return create_app(url, token=TOKEN, settings=settings_)


def test_no_api_operation_answers_with_a_server_error(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def answers(case):
            if case.headers is not None and case.method == "POST":
                case.headers["Authorization"] = f"Bearer {TOKEN}"
            response = case.call()
            assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text[:300]}"

        answers()
