"""Winners of a year: a team is named as entered that year when that is one of its names."""

from __future__ import annotations

from bot.knowledge import KnowledgeBase
from bot.qa.normalize import normalize
from bot.quiz.phrasing import entrant_name
from bot.quiz.questions import question_pool


def test_a_winning_team_is_labelled_as_entered_that_year(kb: KnowledgeBase) -> None:
    relabelled = 0
    for b in question_pool(kb).blueprints:
        if b.template not in ("winner-team", "class-team"):
            continue
        _, year, *cls = b.key.split(":")
        race = kb.races[int(year)]
        (team_id,) = b.spec.ids
        result = race.overall if not cls else next(r for r in race.class_results if r.class_ == cls[0])
        assert result.team == team_id
        team = kb.teams[team_id]
        entered = entrant_name(kb, result)
        names = {normalize(n) for n in (team.name, *team.aliases)}
        expected = entered if normalize(entered) in names else team.name
        assert b.answer == expected and b.right[0].label == expected and b.hint_text == expected, b.key
        relabelled += expected != team.name
    assert relabelled  # some teams raced under another of their names (a sponsor's, an earlier one)
