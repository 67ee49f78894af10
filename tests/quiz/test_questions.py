"""Generated questions agree with the knowledge base, for every template and many seeds.

The oracle here recomputes each answer straight from the races and facts (not through
the templates' own helpers), then checks that the matcher accepts the correct option
and rejects every wrong one.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterator

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Result
from bot.quiz.matching import Matcher, Verdict
from bot.quiz.model import CATEGORIES, DIFFICULTIES, Question
from bot.quiz.questions import NoQuestions, QuestionPool, question_pool
from bot.quiz.templates import WEIGHTS

TRUSTED = {"high", "medium"}
SEEDS = range(6)


def owner_ids(kb: KnowledgeBase, kind: str, result: Result) -> set[str]:
    if kind == "driver":
        return set(result.drivers)
    value = {"team": result.team, "car": result.car, "manufacturer": kb.make_of(result)}[kind]
    return {value} if value else set()


def overall_years(kb: KnowledgeBase, kind: str, id_: str) -> list[int]:
    return sorted(y for y, race in kb.races.items() if id_ in owner_ids(kb, kind, race.overall))


def expected(kb: KnowledgeBase, q: Question) -> tuple[str, object]:
    """What the knowledge base says the accepted answer is: ("ids"|"numbers"|"truth"|"order"|"direction", value)."""
    template, *params = q.key.split(":")
    if template in NEWER:
        return NEWER[template](kb, q, params)
    return first_formats(kb, template, params)


def first_formats(kb: KnowledgeBase, template: str, params: list[str]) -> tuple[str, object]:
    if template in ("winner-driver", "winner-crew", "choice-winner"):
        race = kb.races[int(params[0])]
        assert race.confidence in TRUSTED and race.overall.confidence in TRUSTED
        return "ids", set(race.overall.drivers)
    if template.startswith("winner-"):
        race = kb.races[int(params[0])]
        assert race.overall.confidence in TRUSTED
        return "ids", owner_ids(kb, template.removeprefix("winner-"), race.overall)
    if template in ("win-year", "win-count", "first-win", "last-win", "streak"):
        kind, id_ = params
        years = overall_years(kb, kind, id_)
        assert years
        if template == "win-count":
            assert kb.records.get(kind, id_).wins == len(years)  # the derived records agree too
        return {
            "win-year": ("numbers", set(years)),
            "win-count": ("numbers", {len(years)}),
            "first-win": ("numbers", {years[0]}),
            "last-win": ("numbers", {years[-1]}),
            "streak": ("numbers", {_longest_run(years)}),
        }[template]
    if template == "most-wins":
        counts = {id_: len(overall_years(kb, params[0], id_)) for id_ in kb.table_of(params[0])}
        best = max(counts.values())
        leaders = {i for i, c in counts.items() if c == best}
        assert len(leaders) == 1, "a tie must not become a question"
        return "ids", leaders
    if template == "distinct-winners":
        return "numbers", {sum(1 for i in kb.table_of(params[0]) if overall_years(kb, params[0], i))}
    if template.startswith("class-"):
        year, class_id = int(params[0]), params[1]
        race = kb.races[year]
        results = [r for r in race.class_results if r.class_ == class_id]
        assert len(results) == 1 and results[0].confidence in TRUSTED and race.confidence in TRUSTED
        return "ids", owner_ids(kb, template.removeprefix("class-"), results[0])
    if template in ("tf-driver", "tf-manufacturer"):
        kind = template.removeprefix("tf-")
        return "truth", params[1] in owner_ids(kb, kind, kb.races[int(params[0])].overall)
    if template == "shortened":
        return "numbers", {y for y, r in kb.races.items() if r.shortened}
    if template == "tf-shortened":
        return "truth", kb.races[int(params[0])].shortened
    if template == "edition-year":
        return "numbers", {y for y, r in kb.races.items() if r.edition == int(params[0])}
    if template == "laps":
        result = kb.races[int(params[0])].overall
        assert result.laps_confidence in TRUSTED | {None}
        return "numbers", {result.laps}
    if template == "car-number":
        result = kb.races[int(params[0])].overall
        assert result.car_number and result.car_number_confidence in TRUSTED | {None}
        return "numbers", {int(result.car_number)}
    if template == "fact-year":
        fact = next(f for f in kb.facts if f.id == params[0])
        assert fact.confidence in TRUSTED
        return "numbers", {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", fact.text)}
    raise AssertionError(f"no oracle for template {template}")


# -- the newer formats ---------------------------------------------------------------------------
def first_win(kb: KnowledgeBase, kind: str, id_: str) -> int:
    years = overall_years(kb, kind, id_)
    assert years, (kind, id_)
    return years[0]


def wins(kb: KnowledgeBase, kind: str, id_: str) -> int:
    return len(overall_years(kb, kind, id_))


def which_first(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    kind, a, b = params
    assert first_win(kb, kind, a) != first_win(kb, kind, b)
    return "ids", {min((a, b), key=lambda i: first_win(kb, kind, i))}


def order_three(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    kind, *ids = params
    assert len({first_win(kb, kind, i) for i in ids}) == 3
    return "order", tuple(sorted(ids, key=lambda i: first_win(kb, kind, i)))


def higher_lower(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    kind, a, b = params
    asked = next(i for i in (a, b) if f"Has {kb.name(kind, i)} won it" in q.prompt)
    shown = b if asked == a else a
    n = wins(kb, kind, shown)
    assert f"{kb.name(kind, shown)} has won Petit Le Mans overall {n} time" in q.prompt  # the count it gives is right
    assert wins(kb, kind, asked) != n
    return "direction", wins(kb, kind, asked) > n


def odd_one_out(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    others = {o for i, o in enumerate(q.options) if i != q.correct}
    if params[0] == "make":
        make, odd = params[1], params[2]
        won_with = {d for r in (race.overall for race in kb.races.values()) if kb.make_of(r) == make for d in r.drivers}
        assert odd not in won_with and overall_years(kb, "driver", odd)
        assert all(any(kb.name("driver", d) == label for d in won_with) for label in others), q.key
        return "ids", {odd}
    kind, odd = params
    assert not overall_years(kb, kind, odd)
    assert any(
        odd in owner_ids(kb, kind, r) and r.confidence in TRUSTED
        for race in kb.races.values()
        for r in race.class_results
    )
    overall_names = {kb.name(kind, i) for race in kb.races.values() for i in owner_ids(kb, kind, race.overall)}
    assert others <= overall_names, q.key
    return "ids", {odd}


def who_am_i(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    driver = params[1]
    n = wins(kb, "driver", driver)
    assert n
    for clue in (q.prompt, *q.clues):  # every clue is true of the driver
        if match := re.search(r"I have won Petit Le Mans overall (once|\d+ times)", clue):
            assert match.group(1) == ("once" if n == 1 else f"{n} times"), clue
        if match := re.search(r"shared an overall win with (.+)\.$", clue):
            partner = {
                kb.name("driver", d) for y in overall_years(kb, "driver", driver) for d in kb.races[y].overall.drivers
            }
            assert match.group(1) in partner - {kb.name("driver", driver)}, clue
        if match := re.search(r"first overall win came in the (\d{4})s", clue):
            assert first_win(kb, "driver", driver) // 10 * 10 == int(match.group(1)), clue
        if match := re.search(r"My nationality: (\w+)\.", clue):
            assert kb.drivers[driver].nationality == match.group(1), clue
    return "ids", {driver}


def numbered_years(kb: KnowledgeBase, label: str) -> list[int]:
    return sorted(y for y, race in kb.races.items() if race.overall.car_number == label
                  and race.overall.car_number_confidence in TRUSTED | {None})  # fmt: skip


def number_year(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    return "numbers", set(numbered_years(kb, params[0]))


def number_owner(kind: str) -> Callable[[KnowledgeBase, Question, list[str]], tuple[str, object]]:
    def oracle(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
        return "ids", {i for y in numbered_years(kb, params[0]) for i in owner_ids(kb, kind, kb.races[y].overall)}

    return oracle


def number_most(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    labels = {race.overall.car_number for race in kb.races.values() if race.overall.car_number}
    counts = {label: len(numbered_years(kb, label)) for label in labels if label}
    best = max(counts.values())
    (top,) = [label for label, c in counts.items() if c == best]
    return "numbers", {int(top)}


def podium(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    race = kb.races[int(params[0])]
    (placing,) = [p for p in race.podium if p.position == int(params[1])]
    assert placing.confidence in TRUSTED and race.confidence in TRUSTED
    return "ids", set(placing.drivers)


def session(which: str) -> Callable[[KnowledgeBase, Question, list[str]], tuple[str, object]]:
    def oracle(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
        race = kb.races[int(params[0])]
        best = race.pole_position if which == "pole" else race.fastest_lap
        assert best is not None and best.confidence in TRUSTED and race.confidence in TRUSTED
        return "ids", {best.driver}

    return oracle


def pole_won(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    race = kb.races[int(params[0])]
    assert race.pole_position is not None and race.pole_position.confidence in TRUSTED
    return "truth", race.pole_position.car_number == race.overall.car_number


def crew_year(kb: KnowledgeBase, q: Question, params: list[str]) -> tuple[str, object]:
    crew = set(kb.races[int(params[0])].overall.drivers)
    assert all(kb.name("driver", d) in q.prompt for d in crew)
    return "numbers", {y for y, race in kb.races.items() if crew <= set(race.overall.drivers)}


NEWER: dict[str, Callable[[KnowledgeBase, Question, list[str]], tuple[str, object]]] = {
    "crew-year": crew_year,
    "which-first": which_first, "order": order_three, "higher-lower": higher_lower, "odd-one-out": odd_one_out,
    "who-am-i": who_am_i, "number-year": number_year, "number-team": number_owner("team"),
    "number-manufacturer": number_owner("manufacturer"), "number-most": number_most, "podium": podium,
    "pole": session("pole"), "fastest-lap": session("fastest-lap"), "tf-pole-won": pole_won,
}  # fmt: skip


def _longest_run(years: list[int]) -> int:
    best = run = 1
    for a, b in itertools.pairwise(years):
        run = run + 1 if b == a + 1 else 1
        best = max(best, run)
    return best


def check_question(kb: KnowledgeBase, matcher: Matcher, q: Question) -> None:
    what, value = expected(kb, q)
    spec = q.spec
    if what == "ids":
        assert spec.kind == "entity"
        if q.options_in_prompt:  # "which of these": the one shown winner
            assert spec.ids <= value and len(spec.ids) == 1  # type: ignore[operator]
        else:
            assert spec.ids == value, q.key
    elif what == "numbers":
        assert spec.kind in ("number", "year") and spec.numbers == value, q.key
    elif what == "order":
        assert spec.kind == "order" and spec.order == value, q.key
    elif what == "direction":
        assert spec.kind == "direction" and spec.truth is value, q.key
    else:
        assert spec.kind == "boolean" and spec.truth is value, q.key
    # Options: distinct, the correct one accepted, every other one rejected by the matcher.
    assert len(set(q.options)) == len(q.options) >= 2, q.key
    assert matcher.check(q, q.options[q.correct]).verdict is Verdict.CORRECT, (q.key, q.options[q.correct])
    for i, option in enumerate(q.options):
        if i != q.correct:
            assert matcher.check(q, option).verdict is not Verdict.CORRECT, (q.key, option)
    # The revealed answer, typed back, is accepted (when it names a single value).
    if spec.kind in ("entity", "order", "direction") or len(spec.numbers) == 1:
        assert matcher.check(q, q.answer).correct, (q.key, q.answer)
    if q.hint_text is not None:
        assert matcher.check(q, q.hint_text).verdict in (Verdict.CORRECT, Verdict.PARTIAL), q.key


def all_questions(bank: QuestionPool, seeds: range) -> Iterator[Question]:
    for seed in seeds:
        rng = random.Random(seed)
        for blueprint in bank.blueprints:
            yield blueprint.realize(rng)


def test_every_template_appears_in_the_real_bank(kb: KnowledgeBase) -> None:
    assert {b.template for b in question_pool(kb).blueprints} == set(WEIGHTS)


def test_every_question_of_every_template_agrees_with_the_knowledge_base(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    count = 0
    for question in all_questions(question_pool(kb), range(3)):
        check_question(kb, matcher, question)
        count += 1
    assert count > 1000


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("difficulty", [None, *DIFFICULTIES])
def test_drawn_games_agree_with_the_knowledge_base(kb: KnowledgeBase, seed: int, difficulty: str | None) -> None:
    matcher = Matcher(kb)
    questions = question_pool(kb).draw(10, seed=seed, difficulty=difficulty)  # type: ignore[arg-type]
    assert len(questions) == 10
    assert len({q.key for q in questions}) == 10  # no repeat within a game
    for q in questions:
        assert difficulty is None or q.difficulty == difficulty
        check_question(kb, matcher, q)


def test_small_knowledge_base_questions_agree(small_kb: KnowledgeBase) -> None:
    matcher = Matcher(small_kb)
    for question in all_questions(QuestionPool(small_kb), range(3)):
        check_question(small_kb, matcher, question)


def test_every_category_and_difficulty_has_questions(kb: KnowledgeBase) -> None:
    bank = question_pool(kb)
    for category in CATEGORIES:
        assert bank.pool(category=category), category
    for difficulty in DIFFICULTIES:
        assert len(bank.pool(difficulty=difficulty)) >= 20, difficulty
    assert bank.categories() == list(CATEGORIES)


def test_a_seed_replays_the_same_game(kb: KnowledgeBase) -> None:
    bank = question_pool(kb)
    one = bank.draw(10, seed=42)
    assert one == bank.draw(10, seed=42)
    assert [q.key for q in one] != [q.key for q in bank.draw(10, seed=43)]
    # A fresh bank (as after a restart) replays it too.
    assert QuestionPool(kb).draw(10, seed=42) == one


def test_one_game_avoids_questions_that_give_each_other_away(kb: KnowledgeBase) -> None:
    for seed in SEEDS:
        questions = question_pool(kb).draw(10, seed=seed)
        topics = [t for q in questions for t in q.topics]
        assert len(topics) == len(set(topics)), seed


def test_category_filter(kb: KnowledgeBase) -> None:
    for category in CATEGORIES:
        questions = question_pool(kb).draw(5, seed=1, category=category)
        assert questions and all(q.category == category for q in questions)


def test_a_channel_sees_no_repeat_until_the_pool_is_exhausted(kb: KnowledgeBase) -> None:
    bank = question_pool(kb)
    pool = {b.key for b in bank.pool("easy", "cars")}
    recent: dict[str, float] = {}
    seen: list[str] = []
    clock = 0.0
    while len(seen) < len(pool):
        for q in bank.draw(3, seed=len(seen), difficulty="easy", category="cars", recent=recent):
            assert q.key not in recent or len(recent) == len(pool), "repeat before the pool ran out"
            clock += 1
            recent[q.key] = clock
            seen.append(q.key)
    assert set(seen[: len(pool)]) == pool
    # Exhausted: the least recently asked come back first.
    again = bank.draw(2, seed=99, difficulty="easy", category="cars", recent=recent)
    assert again[0].key == min(recent, key=recent.__getitem__)


def test_only_high_or_medium_confidence_facts_are_asked(
    small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]
) -> None:
    assert "fact-year:shaky" not in QuestionPool(small_kb).by_key  # the low-confidence fact
    shaky = small_kb.races[2003].model_copy(update={"confidence": "low"})
    bank = QuestionPool(kb_builder(shaky))
    keys = set(bank.by_key)
    assert not {k for k in keys if "2003" in k}
    # With one overall result in doubt, no count or record can be trusted either.
    assert not {k for k in keys if k.split(":")[0] in ("win-count", "most-wins", "streak", "distinct-winners")}


def test_real_knowledge_low_confidence_is_never_asked(kb: KnowledgeBase) -> None:
    for q in all_questions(question_pool(kb), range(1)):
        template, *params = q.key.split(":")
        if template.startswith("class-"):
            result = next(r for r in kb.races[int(params[0])].class_results if r.class_ == params[1])
            assert result.confidence in TRUSTED


def test_empty_settings_raise(small_kb: KnowledgeBase) -> None:
    bank = QuestionPool(small_kb)
    with pytest.raises(NoQuestions):
        bank.draw(5, difficulty="hard", category="track")
    with pytest.raises(ValueError):
        bank.draw(5, difficulty="impossible")  # type: ignore[arg-type]


def test_a_small_pool_gives_what_it_has(small_kb: KnowledgeBase) -> None:
    bank = QuestionPool(small_kb)
    pool = bank.pool(category="track")
    assert len(bank.draw(10, seed=1, category="track")) == len(pool)


def test_multi_driver_questions_say_how_many_names_are_wanted(kb: KnowledgeBase) -> None:
    for blueprint in question_pool(kb).blueprints:
        if blueprint.template == "winner-driver":
            assert "one of the" in blueprint.prompt or blueprint.prompt.startswith("Who won")
        if blueprint.template == "winner-crew":
            assert "names are needed" in blueprint.prompt and blueprint.spec.need == "all"
