"""What `/` finds: list fields and posting text, every word, narrowed as the user types."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eujobs.store.listing.search import Finder, field_haystack, text_words
from eujobs.store.model import Posting, Source, Vacancy

from .conftest import TODAY


def vacancy(vacancy_id: str, title: str, reference: str, deadline: date, status: str = "new") -> Vacancy:
    posting = Posting(title=title, reference=reference, institution="European Commission", deadline=deadline,
                      locations=["Brussels"])
    return Vacancy(vacancy_id, posting, Source(None, f"sha-{vacancy_id}", "text", "2026-03-01"), status=status)


ROWS = (
    vacancy("aaaaa", "ICT Security Officer", "EC/2026/DIGIT/1", date(2026, 4, 1)),
    vacancy("bbbbb", "Policy Officer", "EC/2026/CLIMA/2", date(2026, 3, 20), status="applied"),
    vacancy("ccccc", "Trainee in cabling", "EP/2026/SPEPRO", date(2026, 5, 1)),
)
WORDS = {
    "sha-aaaaa": text_words("Knowledge of the OSI-model and ISO 27001. Governance of networks."),
    "sha-bbbbb": text_words("Climate governance, Brussels."),
    "sha-ccccc": text_words("Telecom cabling projects."),
}


def ids(found: tuple[Vacancy, ...]) -> list[str]:
    return [v.id for v in found]


def test_text_words_are_distinct_casefolded_each_after_a_space_most_frequent_first() -> None:
    assert text_words("Governance, GOVERNANCE and the OSI-model; the model") == " governance the model and osi"


def test_list_fields_match_any_part_and_every_word_must_match() -> None:
    finder = Finder(ROWS, TODAY)
    assert "ict security officer" in field_haystack(ROWS[0]) and "brussels" in field_haystack(ROWS[0])
    assert ids(finder.find("officer", None, "deadline")) == ["bbbbb", "aaaaa"]  # soonest deadline first
    assert ids(finder.find("offi digit", None, "deadline")) == ["aaaaa"]
    assert ids(finder.find("ec/2026/clima", None, "deadline")) == ["bbbbb"]
    assert ids(finder.find("OFFICER", None, "title")) == ["aaaaa", "bbbbb"]
    assert ids(finder.find("", "applied", "deadline")) == ["bbbbb"]
    assert ids(finder.find("nothing-like-this", None, "deadline")) == []


def test_the_text_is_searched_once_its_words_are_read() -> None:
    finder = Finder(ROWS, TODAY)
    assert ids(finder.find("govern", None, "deadline")) == []  # the words are not read yet
    finder.words = WORDS
    assert ids(finder.find("govern", None, "deadline")) == ["bbbbb", "aaaaa"]
    assert ids(finder.find("osi-model", None, "deadline")) == ["aaaaa"]
    assert ids(finder.find("governance climate", None, "deadline")) == ["bbbbb"]


def test_typing_on_narrows_and_deleting_widens_again() -> None:
    finder = Finder(ROWS, TODAY, words=WORDS)
    typed = ["c", "ca", "cab", "cabl", "cab", "ca", "c", ""]
    expected = {needle: [v.id for v in sorted(ROWS, key=lambda v: v.posting.deadline)
                         if all(word in f"{field_haystack(v)}\n{WORDS[v.source.sha256]}" for word in needle.split())]
                for needle in typed}
    for needle in typed:
        assert ids(finder.find(needle, None, "deadline")) == expected[needle], needle
    assert ids(finder.find("cabl", None, "deadline")) == ["ccccc"]
    assert ids(finder.find("cabl", "applied", "deadline")) == []  # another status: not narrowed from the last


def test_a_new_load_is_a_new_finder() -> None:
    finder = Finder(ROWS, TODAY, words=WORDS)
    assert ids(finder.find("policy", None, "deadline")) == ["bbbbb"]
    renamed = (ROWS[0], replace(ROWS[1], posting=replace(ROWS[1].posting, title="Legal Officer")), ROWS[2])
    assert ids(Finder(renamed, TODAY, words=WORDS).find("policy", None, "deadline")) == []


def test_replacing_one_vacancy_keeps_the_others_work_and_leaves_the_old_finder_alone() -> None:
    finder = Finder(ROWS, TODAY, words=WORDS)
    assert ids(finder.find("ict", None, "deadline")) == ["aaaaa"] and finder.open_count == 3
    closed = replace(ROWS[0], posting=replace(ROWS[0].posting, title="Cloud Architect", deadline=date(2026, 3, 1)))
    changed = finder.replacing(closed)
    assert ids(changed.find("ict", None, "deadline")) == []
    assert ids(changed.find("cloud", None, "deadline")) == ["aaaaa"]
    assert ids(changed.find("governance", None, "deadline")) == ["bbbbb", "aaaaa"]  # the closed one sorts last
    assert changed.open_count == 2
    added = changed.replacing(vacancy("ddddd", "Cloud Engineer", "EC/2026/DIGIT/9", date(2026, 6, 1)))
    assert ids(added.find("cloud", None, "deadline")) == ["ddddd", "aaaaa"] and added.open_count == 3
    assert ids(finder.find("ict", None, "deadline")) == ["aaaaa"] and finder.open_count == 3
