"""Event clauses: where 'the year(s) X won ...' is, and whose wins it stands for."""

from __future__ import annotations

from bot.qa.answer import EntityRef
from bot.qa.events import read_event
from bot.qa.index import Mention

TANDY = EntityRef("driver", "nick-tandy", "Nick Tandy")
GT = EntityRef("class", "gt", "GT")
FALKEN = EntityRef("team", "team-falken-tire", "Team Falken Tire")


def _words(text: str) -> list[str]:
    return text.split()


def _mention(words: list[str], text: str, ref: EntityRef) -> Mention:
    start = words.index(text.split()[0])
    return Mention(start, start + len(text.split()), text, (ref,), 3)


def test_a_clause_with_class_and_team_is_read_to_its_end() -> None:
    words = _words("who won overall the year nick tandy won the gt class with falken")
    mentions = [_mention(words, "nick tandy", TANDY), _mention(words, "gt", GT), _mention(words, "falken", FALKEN)]
    clause = read_event(words, mentions)
    assert clause is not None
    assert (clause.start, clause.end, clause.subject, clause.classes, clause.withs) == (3, 13, TANDY, (GT,), (FALKEN,))
    assert not clause.plural and clause.describe() == "Nick Tandy won the GT class with Team Falken Tire"


def test_in_the_years_takes_its_preposition_and_is_plural() -> None:
    words = _words("who won gtd in the years nick tandy won overall")
    clause = read_event(words, [_mention(words, "nick tandy", TANDY)])
    assert clause is not None and clause.plural and (clause.start, clause.end) == (3, 10)


def test_a_win_qualified_by_a_figure_is_no_event() -> None:
    words = _words("the year nick tandy won by the closest margin")
    assert read_event(words, [_mention(words, "nick tandy", TANDY)]) is None


def test_which_year_is_a_question_not_a_clause() -> None:
    words = _words("which year nick tandy won")
    assert read_event(words, [_mention(words, "nick tandy", TANDY)]) is None


def test_a_pick_is_read() -> None:
    words = _words("who won gt the year nick tandy first won")
    clause = read_event(words, [_mention(words, "nick tandy", TANDY)])
    assert clause is not None and clause.pick == "first" and clause.describe() == "Nick Tandy first won overall"
