"""The section table is the one home of each section's stage, table and follow-ups:
the engine, the store and the pages read it, and it agrees with the stages and the
wording."""
from bot import sections
from bot.gateway import pages
from bot.interview.state import LIST_SECTIONS, STAGE_FIRST_STEP
from bot.stages import SECTIONS, STAGES
from bot.store import repository as repo
from bot.store.models import ITEM_MODELS
from bot.wording import prompts


def test_every_section_has_a_stage_a_title_and_its_questions():
    for section in sections.ALL:
        assert section.stage in STAGES
        assert section.name in prompts()["section_titles"]
        if section.is_list:
            assert section.table in ITEM_MODELS
            for phase in ("ask", "more", "tell") + section.followups:
                assert f"{section.name}:{phase}" in prompts()["steps"], (section.name, phase)
            for column in section.filters:
                assert hasattr(ITEM_MODELS[section.table], column)


def test_the_engine_the_store_and_the_pages_read_the_same_table():
    assert list(SECTIONS) == [section.name for section in sections.ALL]
    assert list(LIST_SECTIONS) == list(repo.SECTION_TABLES) == list(pages.LIST_SECTIONS) == list(sections.LIST_NAMES)
    assert LIST_SECTIONS["outcomes"].followups == ("scale_now", "scale_goal")
    assert STAGE_FIRST_STEP["working"] == "working_well:ask"
    assert sections.next_in_stage("working_well").name == "not_working"
    assert sections.next_in_stage("not_working") is None
