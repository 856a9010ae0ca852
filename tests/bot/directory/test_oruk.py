"""The shapes of Open Referral UK a feed comes in (bot/directory/oruk.py), on the
profile's own published examples and a feed in the 1.0 reference API's shape."""
import copy
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.directory import oruk
from bot.directory.importer import import_feed
from bot.directory.models import Location, Phone, Service, ServiceAtLocation, ServiceTaxonomy, TaxonomyTerm

EXAMPLES = Path(__file__).with_name("oruk")


def example(name: str):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_the_profiles_own_3_0_example_is_read_whole():
    normal, found = oruk.normalise(example("service_full.json"))
    assert found == [] and normal.version == "3.0" and normal.warnings == []
    service = normal.service
    assert (service["name"], service["minimum_age"], service["maximum_age"]) == ("Community Counselling", 12, 100)
    assert service["organization"]["url"] == "http://example.com"  # 3.0 calls it website
    assert service["taxonomy"] == [{"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "term": "name",
                                    "vocabulary": "taxonomy", "parent_id": "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2"}]
    [place] = service["locations"]
    assert (place["id"], place["address_1"], place["postal_code"]) == (
        "3a19ff88-4620-4d17-9830-ac1d859eb5d5", "1-30 Main Street", "ABC 1234")


def test_a_service_at_location_that_carries_only_its_id_is_kept_without_the_place():
    normal, found = oruk.normalise(example("service_full-7ccc2fc.json"))
    assert found == [] and normal.service["locations"] == [] and normal.service["taxonomy"] == []
    assert normal.warnings == [
        "attributes[0] carries no taxonomy_term: the service is imported without it",
        "service_at_locations[0] (e94c9f38-1e8f-4564-91d4-d53501ab1765) names no location this feed or the "
        "directory has: the service is imported without that place"]


def test_a_location_named_by_id_is_found_where_the_feed_or_directory_has_it():
    service = example("service_full-7ccc2fc.json")
    service["service_at_locations"][0]["location_id"] = "loc-9"
    normal, _ = oruk.normalise(service, {"loc-9": {"id": "loc-9", "stored": True}}.get)
    assert normal.service["locations"] == [{"at_id": "e94c9f38-1e8f-4564-91d4-d53501ab1765", "id": "loc-9",
                                            "stored": True}]


def test_what_the_3_0_schema_requires_rejects_and_what_it_only_prefers_is_reported():
    missing = example("service_full.json")
    del missing["service_at_locations"][0]["location"]["location_type"]
    assert oruk.normalise(missing) == (
        None, ["service_at_locations[0].location.location_type is missing or empty"])
    wrong = example("service_full.json")
    wrong["attributes"] = {"id": "x"}
    assert "attributes must be a list" in oruk.normalise(wrong)[1]
    odd = example("service_full.json")
    odd["status"] = "open on Tuesdays"
    normal, found = oruk.normalise(odd)
    assert found == [] and normal.service["status"] == "open on Tuesdays"
    assert normal.warnings == ["does not follow the ORUK 3.0 schema, imported as given: status: "
                               "'open on Tuesdays' is not one of ['active', 'inactive', 'defunct', "
                               "'temporarily closed']"]


def test_the_1_0_reference_shape_with_nulls_ages_and_eligibility():
    page = oruk.page_of(example("reference-api-1.0.json"))
    assert (len(page.services), page.page, page.pages, page.more_pages) == (2, 1, 1, False)
    tea, carers = (oruk.normalise(s)[0] for s in page.services)
    assert tea.version == carers.version == "1.0"
    assert (tea.service["minimum_age"], tea.service["maximum_age"], tea.service["eligibility"]) == (60, None, ["adult"])
    assert tea.service["taxonomy"] == [{"id": "bk:dancing", "term": "Dancing", "vocabulary": "brackenford",
                                        "parent_id": None}]
    assert tea.service["url"] is None and tea.service["contacts"][0]["phones"][0]["number"] == "01632 960400"
    # Two entries: the widest range either allows.
    assert (carers.service["minimum_age"], carers.service["maximum_age"], carers.service["eligibility"]) == (
        16, 25, ["teen", "adult"])


@pytest.mark.parametrize("data, shape", [
    ({"contents": [], "page_number": 2, "total_pages": 3}, (0, 2, 3, True)),
    ({"content": [{"id": "a"}], "number": 3, "totalPages": 3}, (1, 3, 3, False)),
    ([{"id": "a"}, {"id": "b"}], (2, None, None, False)),
    ({"id": "a", "name": "A"}, (1, None, None, False)),
])
def test_the_shapes_of_a_file(data, shape):
    page = oruk.page_of(data)
    assert (len(page.services), page.page, page.pages, page.more_pages) == shape


def test_which_generation_a_service_is_written_to():
    assert oruk.version_of({"service_taxonomys": []}) == "1.0"
    assert oruk.version_of({"attributes": []}) == "3.0"
    assert oruk.version_of({"service_at_locations": [{"location": {"physical_addresses": []}}]}) == "1.0"
    assert oruk.version_of({"service_at_locations": [{"location": {"addresses": []}}]}) == "3.0"
    assert oruk.version_of({"id": "x", "name": "y"}) == "3.0"  # the current profile when nothing says


def test_the_examples_import_and_a_second_import_changes_nothing(store, tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    for name in ("service_full.json", "reference-api-1.0.json"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    report = import_feed(store, folder)
    assert report.rejected == [] and report.warnings == []
    assert len(report.added) == 3 and report.versions == {"1.0": 2, "3.0": 1}
    with store.transaction() as session:
        counselling = session.get(Service, "ac148810-d857-441c-9679-408f346de14b")
        assert (counselling.minimum_age, counselling.maximum_age) == (12, 100)
        assert session.get(Location, "3a19ff88-4620-4d17-9830-ac1d859eb5d5").address == \
            "1-30 Main Street, MyCity, ABC 1234"
        tea = session.get(Service, "b1c3e0a2-7d51-4f0e-9a43-0c6a1e5f2d11")
        assert (tea.minimum_age, tea.maximum_age, tea.eligibility) == (60, None, '["adult"]')
        assert "Dancing" in tea.search_text
        # One hall, two services at it.
        assert session.execute(sa.select(sa.func.count()).select_from(ServiceAtLocation)
                               .where(ServiceAtLocation.location_id == "loc-st-marks")).scalar_one() == 2
        assert session.get(TaxonomyTerm, "bk:carers").term == "carers"
        assert session.execute(sa.select(Phone.number).where(Phone.id == "ph-tea-1")).scalar_one() == "01632 960400"
        assert session.execute(sa.select(sa.func.count()).select_from(ServiceTaxonomy)).scalar_one() == 3
    again = import_feed(store, folder)
    assert len(again.unchanged) == 3 and again.added == again.updated == []


def test_a_page_that_is_not_the_last_is_reported_and_a_referenced_location_is_linked(store, tmp_path):
    (tmp_path / "page1.json").write_text((EXAMPLES / "service_list.json").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    report = import_feed(store, tmp_path / "page1.json")
    assert len(report.added) == 1 and report.rejected == []
    assert report.warnings == [("page1.json", "this is page 1 of 10 of a paged /services response: put every "
                                              "page's file in one folder and import the folder")]
    full = example("service_full.json")
    import_feed(store, _write(tmp_path, "full.json", full))
    referring = copy.deepcopy(example("service_full-7ccc2fc.json"))
    referring.update(id="another-service", contacts=[], service_at_locations=[
        {"id": "sal-2", "location_id": "3a19ff88-4620-4d17-9830-ac1d859eb5d5"}])
    report = import_feed(store, _write(tmp_path, "referring.json", referring))
    assert report.added == ["another-service"] and not any("location" in w for _, w in report.warnings)
    with store.transaction() as session:
        assert session.get(ServiceAtLocation, "sal-2").location_id == "3a19ff88-4620-4d17-9830-ac1d859eb5d5"


def _write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
