"""Importing ORUK services: valid, invalid, repeated and partial feeds, on both databases."""
import copy
import json

import pytest
import sqlalchemy as sa

from bot.directory.importer import FeedError, import_feed
from bot.directory.models import Contact, Location, Phone, Service, ServiceAtLocation, ServiceTaxonomy, TaxonomyTerm


def service(n: int, **changes) -> dict:
    value = {
        "id": f"svc-{n}", "name": f"Allotment friends {n}", "description": "We grow veg together on Tuesdays.",
        "url": "https://example.org", "email": "hi@example.org", "status": "active",
        "organization": {"id": f"org-{n}", "name": f"Growers {n}", "description": "A charity"},
        "contacts": [{"id": f"c-{n}", "name": "Pat", "title": "Organiser",
                      "phones": [{"id": f"cp-{n}", "number": "01632 960111"}]}],
        "phones": [{"id": f"p-{n}", "number": "01632 960100", "description": "Office"}],
        "service_at_locations": [{"id": f"sal-{n}", "location": {
            "id": f"loc-{n}", "name": "Hollins Lane", "latitude": 53.1, "longitude": -1.2,
            "physical_addresses": [{"id": f"a-{n}", "address_1": "Hollins Lane", "city": "Brackenford",
                                    "postal_code": "BK1 1AA", "country": "GB"}]}}],
        "service_taxonomys": [{"id": f"st-{n}", "taxonomy_term": {"id": "t-gardening", "term": "gardening",
                                                                  "vocabulary": "test"}}],
    }
    value.update(changes)
    return value


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def counts(store):
    with store.transaction() as session:
        return {model.__tablename__: session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()
                for model in (Service, Location, ServiceAtLocation, TaxonomyTerm, ServiceTaxonomy, Contact, Phone)}


def test_a_valid_feed_is_imported_with_everything_nested(store, tmp_path):
    report = import_feed(store, write(tmp_path, "feed.json", [service(1), service(2)]))
    assert (report.added, report.updated, report.unchanged, report.rejected) == (["svc-1", "svc-2"], [], [], [])
    assert counts(store) == {"directory_services": 2, "directory_locations": 2, "directory_service_at_locations": 2,
                             "directory_taxonomy_terms": 1, "directory_service_taxonomys": 2,
                             "directory_contacts": 2, "directory_phones": 4}
    with store.transaction() as session:
        imported = session.get(Service, "svc-1")
        assert (imported.name, imported.organization_id) == ("Allotment friends 1", "org-1")
        assert "gardening" in imported.search_text and "Growers 1" in imported.search_text
        assert session.get(Location, "loc-1").address == "Hollins Lane, Brackenford, BK1 1AA"


def test_a_second_import_changes_nothing(store, tmp_path):
    feed = write(tmp_path, "feed.json", [service(1), service(2)])
    import_feed(store, feed)
    before = counts(store)
    report = import_feed(store, feed)
    assert (report.added, report.updated, report.unchanged) == ([], [], ["svc-1", "svc-2"])
    assert counts(store) == before


def test_a_changed_service_is_updated_and_its_children_replaced(store, tmp_path):
    import_feed(store, write(tmp_path, "feed.json", [service(1)]))
    changed = service(1, description="Now on Thursdays.", phones=[])
    report = import_feed(store, write(tmp_path, "feed.json", [changed]))
    assert report.updated == ["svc-1"]
    with store.transaction() as session:
        assert session.get(Service, "svc-1").description == "Now on Thursdays."
        assert session.execute(sa.select(Phone.id).order_by(Phone.id)).scalars().all() == ["cp-1"]


@pytest.mark.parametrize("broken, reason", [
    ({"name": None}, "name is missing or empty"),
    ({"organization": None}, "organization is missing"),
    ({"service_taxonomys": [{"id": "x", "taxonomy_term": {"id": "t"}}]},
     "service_taxonomys[0].taxonomy_term.term is missing or empty"),
    ({"phones": [{"id": "p"}]}, "phones[0] needs an id and a number"),
    ({"service_at_locations": [{"id": "s", "location": {}}]}, "service_at_locations[0].location.id"),
    ({"contacts": "Pat"}, "contacts must be a list"),
])
def test_an_invalid_record_is_rejected_whole_with_the_field_named(store, tmp_path, broken, reason):
    bad = service(2, **broken)
    report = import_feed(store, write(tmp_path, "feed.json", [service(1), bad]))
    assert report.added == ["svc-1"]
    [(where, why)] = report.rejected
    assert where == "feed.json[1] (id svc-2)" and reason in why
    assert counts(store)["directory_services"] == 1


def test_a_partial_feed_imports_the_good_records(store, tmp_path):
    no_id = copy.deepcopy(service(3))
    del no_id["id"]
    report = import_feed(store, write(tmp_path, "partial.json", [service(1), no_id, service(2)]))
    assert report.added == ["svc-1", "svc-2"]
    assert report.rejected == [("partial.json[1]", "id is missing or empty")]


def test_a_record_the_database_refuses_leaves_nothing_behind(store, tmp_path):
    clash = service(2, phones=[{"id": "p-1", "number": "1"}, {"id": "p-1", "number": "2"}])  # duplicate ids
    report = import_feed(store, write(tmp_path, "feed.json", [clash]))
    assert report.added == [] and "the database refused it" in report.rejected[0][1]
    assert counts(store)["directory_services"] == 0 and counts(store)["directory_phones"] == 0


def test_files_that_are_not_feeds(tmp_path, store):
    (tmp_path / "broken.json").write_text('[{"id": ', encoding="utf-8")
    with pytest.raises(FeedError, match=r"broken.json: not valid JSON \(line 1"):
        import_feed(store, tmp_path / "broken.json")
    with pytest.raises(FeedError, match="expected an ORUK service object, a list of them"):
        import_feed(store, write(tmp_path, "hello.json", {"hello": "world"}))
    with pytest.raises(FeedError, match="no such file or folder"):
        import_feed(store, tmp_path / "missing.json")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FeedError, match="no .json files"):
        import_feed(store, empty)


def test_a_folder_and_a_single_service_object(store, tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write(folder, "a.json", [service(1)])
    write(folder, "b.json", service(2))
    assert import_feed(store, folder).added == ["svc-1", "svc-2"]


SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[3] / "directory" / "sample"


def test_the_shipped_sample_feeds(store):
    first = import_feed(store, SAMPLE / "brackenford.json")
    assert len(first.added) == 58 and first.rejected == []
    again = import_feed(store, SAMPLE / "brackenford.json")
    assert len(again.unchanged) == 58 and again.added == again.updated == []
    partial = import_feed(store, SAMPLE / "partial.json")
    assert (len(partial.updated), len(partial.unchanged), len(partial.rejected)) == (1, 1, 1)
    assert "id is missing or empty" in partial.rejected[0][1]
    missing = import_feed(store, SAMPLE / "invalid" / "missing_name.json")
    assert "name is missing or empty" in missing.rejected[0][1]
    taxonomy = import_feed(store, SAMPLE / "invalid" / "bad_taxonomy.json")
    assert "taxonomy_term.term is missing or empty" in taxonomy.rejected[0][1]
    with pytest.raises(FeedError, match="expected an ORUK service object, a list of them"):
        import_feed(store, SAMPLE / "invalid" / "not_a_list.json")
