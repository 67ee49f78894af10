"""The daily question's rules: its day, when it is posted and revealed, which question, the judging, streaks."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge import KnowledgeBase
from bot.quiz import daily
from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.questions import question_pool

UTC = dt.UTC
AT = dt.time(18, 0, tzinfo=UTC)
D = dt.date(2026, 10, 3)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


# -- times and days ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hour", "minute"), [("18:00", 18, 0), ("8:05", 8, 5), ("07.30", 7, 30), (" 23:59 ", 23, 59)]
)
def test_times_are_read_as_utc(text: str, hour: int, minute: int) -> None:
    parsed = daily.parse_time(text)
    assert (parsed.hour, parsed.minute, parsed.tzinfo) == (hour, minute, UTC)
    assert daily.format_time(parsed) == f"{hour:02d}:{minute:02d}"


@pytest.mark.parametrize("text", ["", "18", "6pm", "24:00", "12:60", "1:2", "noon"])
def test_other_times_are_refused_with_the_format(text: str) -> None:
    with pytest.raises(ValueError, match=r"HH:MM|hours go"):
        daily.parse_time(text)


def test_a_day_runs_from_one_post_time_to_the_next() -> None:
    assert daily.day_of(at(D, 18), AT) == D  # the post time belongs to the new day
    assert daily.day_of(at(D, 23, 59), AT) == D
    assert daily.day_of(at(D + dt.timedelta(days=1), 17, 59), AT) == D
    assert daily.day_of(at(D, 17, 59), AT) == D - dt.timedelta(days=1)
    assert daily.day_end(D, AT) == at(D + dt.timedelta(days=1), 18)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        daily.day_of(dt.datetime(2026, 10, 3, 18), AT)


def test_the_question_is_due_at_the_post_time() -> None:
    since = at(D, 9)
    assert daily.post_due(at(D, 17, 59), AT, since) is None  # yesterday's day began before the set-up
    assert daily.post_due(at(D, 18), AT, since) == D
    assert daily.next_post(at(D, 9), AT) == at(D, 18)
    assert daily.next_post(at(D, 18, 30), AT) == at(D + dt.timedelta(days=1), 18)


def test_a_day_that_began_before_the_set_up_is_not_posted() -> None:
    since = at(D, 19)  # "18:00" set at 19:00: the first question is tomorrow's
    assert daily.post_due(at(D, 19, 1), AT, since) is None
    assert daily.post_due(at(D + dt.timedelta(days=1), 18), AT, since) == D + dt.timedelta(days=1)
    assert daily.next_post(since, AT) == at(D + dt.timedelta(days=1), 18)


def test_setting_the_current_minute_posts_now() -> None:
    since = at(D, 18).replace(second=40)
    assert daily.post_due(since, AT, since) == D
    assert daily.next_post(since, AT) == at(D, 18)


def test_a_missed_post_time_is_made_up_late_while_half_the_day_is_left() -> None:
    since = at(D - dt.timedelta(days=5), 9)
    assert daily.post_due(at(D, 18) + daily.LATE_LIMIT, AT, since) == D
    assert daily.post_due(at(D, 18) + daily.LATE_LIMIT + dt.timedelta(minutes=1), AT, since) is None


def test_a_day_is_revealed_when_the_next_begins_or_when_turned_off() -> None:
    assert not daily.reveal_due(D, at(D + dt.timedelta(days=1), 17, 59), AT)
    assert daily.reveal_due(D, at(D + dt.timedelta(days=1), 18), AT)
    assert daily.reveal_due(D, at(D + dt.timedelta(days=9), 3), AT)  # after downtime: revealed late
    assert daily.reveal_due(D, at(D, 18, 5), None)


moments = st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2026, 1, 20), timezones=st.just(UTC))
post_times = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59), tzinfo=st.just(UTC))


@given(post_times, moments, st.lists(moments, max_size=60))
def test_simulated_ticks_post_each_day_once_within_its_window(
    post_time: dt.time, since: dt.datetime, ticks: list[dt.datetime]
) -> None:
    posted: dict[dt.date, dt.datetime] = {}
    for now in sorted(ticks):
        day = daily.post_due(now, post_time, since)
        if day is not None:
            posted.setdefault(day, now)  # the store's claim: a day already posted is not posted again
    for day, when in posted.items():
        start = daily.day_start(day, post_time)
        assert start <= when <= start + daily.LATE_LIMIT
        assert start >= since.replace(second=0, microsecond=0)
        assert daily.day_of(when, post_time) == day
    for now in ticks:  # a tick inside a day's window (after the set-up) means that day got its question
        day = daily.day_of(now, post_time)
        start = daily.day_start(day, post_time)
        if start >= since.replace(second=0, microsecond=0) and now - start <= daily.LATE_LIMIT:
            assert day in posted


@given(post_times, st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 2, 1)), moments)
def test_a_day_is_revealed_exactly_from_its_end(post_time: dt.time, day: dt.date, now: dt.datetime) -> None:
    assert daily.reveal_due(day, now, post_time) == (now >= daily.day_end(day, post_time))


# -- which question -----------------------------------------------------------------------------
keys = st.lists(st.text(alphabet="abcdefgh:-0123456789", min_size=1, max_size=12), min_size=1, max_size=40, unique=True)
guilds = st.integers(min_value=0, max_value=2**63)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))


@given(keys, guilds, days, st.randoms(use_true_random=False))
def test_the_choice_depends_only_on_the_guild_the_date_and_the_history(
    pool: list[str], guild: int, day: dt.date, rng: random.Random
) -> None:
    shuffled = list(pool)
    rng.shuffle(shuffled)
    chosen = daily.choose_key(pool, guild, day)
    assert chosen in pool
    assert daily.choose_key(shuffled, guild, day) == chosen  # the pool's order does not matter


@given(keys, guilds, days, st.data())
def test_recent_questions_are_not_chosen_while_others_remain(
    pool: list[str], guild: int, day: dt.date, data: st.DataObject
) -> None:
    recent = data.draw(st.sets(st.sampled_from(pool)))
    chosen = daily.choose_key(pool, guild, day, recent)
    if set(pool) - recent:
        assert chosen not in recent
    else:
        assert chosen in pool  # everything was recent: the pool starts over


def test_an_empty_pool_is_an_error() -> None:
    with pytest.raises(ValueError, match="no questions"):
        daily.choose_key([], 1, D)


def test_guilds_and_days_get_different_questions() -> None:
    pool = [f"q{i}" for i in range(200)]
    assert len({daily.choose_key(pool, guild, D) for guild in range(30)}) > 20
    assert len({daily.choose_key(pool, 7, D + dt.timedelta(days=n)) for n in range(30)}) > 20


def test_the_days_question_from_the_real_pool_is_stable_and_does_not_repeat(kb: KnowledgeBase) -> None:
    pool = question_pool(kb)
    first = daily.daily_question(pool, 42, D)
    again = daily.daily_question(pool, 42, D)
    assert (again.key, again.options, again.correct) == (first.key, first.options, first.correct)
    assert daily.realize(pool, first.key, 42, D).options == first.options
    history: list[str] = []
    for n in range(60):
        question = daily.daily_question(pool, 42, D + dt.timedelta(days=n), history[-daily.RECENT :])
        assert question.key not in history
        history.append(question.key)


def test_a_reveal_is_cut_to_its_first_sentence() -> None:
    text = "Oswaldo Negri Jr. won it in 2016 (412 laps). It rained.  Sources: X."
    assert daily.first_sentence(text) == "Oswaldo Negri Jr. won it in 2016 (412 laps)."
    assert daily.first_sentence("J. J. Lehto won. Then more.") == "J. J. Lehto won."
    assert daily.first_sentence("No full stop here") == "No full stop here"


def test_every_real_reveal_keeps_a_sentence(kb: KnowledgeBase) -> None:
    for blueprint in question_pool(kb).blueprints:
        sentence = daily.first_sentence(blueprint.fact)
        # Never cut inside a name ("Negri Jr. won"), so a cut sentence still reads as one.
        assert sentence == " ".join(blueprint.fact.split()) or sentence.endswith((".", "!", "?")), blueprint.key
        assert len(sentence) >= 20, blueprint.key


# -- judging --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("verdict", "record", "correct"),
    [
        (Verdict.CORRECT, True, True),
        (Verdict.WRONG, True, False),
        (Verdict.PARTIAL, True, False),  # one answer a day: no probing for the rest of a crew
        (Verdict.AMBIGUOUS, False, False),  # "which one?" is not an answer yet
        (Verdict.EMPTY, False, False),
    ],
)
def test_which_typed_answers_stand(verdict: Verdict, record: bool, correct: bool) -> None:
    ruling = daily.rule_typed(Judgement(verdict))
    assert (ruling.record, ruling.correct) == (record, correct)


def test_a_typed_answer_is_judged_by_the_quiz_matcher(kb: KnowledgeBase) -> None:
    question = daily.daily_question(question_pool(kb), 3, D)
    matcher = Matcher(kb)
    right = daily.rule_typed(matcher.check(question, question.correct_option))
    wrong_option = question.options[(question.correct + 1) % len(question.options)]
    wrong = daily.rule_typed(matcher.check(question, wrong_option))
    assert right.record and right.correct
    assert wrong.record and not wrong.correct


def test_a_lone_letter_picks_the_option_shown(kb: KnowledgeBase) -> None:
    question = daily.daily_question(question_pool(kb), 3, D)
    matcher = Matcher(kb)
    right = "ABCD"[question.correct]
    assert daily.rule_answer(question, f" {right.lower()} ", matcher).correct
    wrong = "ABCD"[(question.correct + 1) % len(question.options)]
    assert daily.rule_answer(question, wrong, matcher) == daily.Ruling(record=True, correct=False, reason="button")
    assert daily.rule_answer(question, question.correct_option, matcher).correct


def test_a_button_always_stands() -> None:
    assert daily.rule_button(2, 2) == daily.Ruling(record=True, correct=True, reason="button")
    assert daily.rule_button(2, 0).record and not daily.rule_button(2, 0).correct


# -- streaks --------------------------------------------------------------------------------------
day_sets = st.sets(st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 3, 1)), max_size=40)


def naive_streak(posted: set[dt.date], right: set[dt.date]) -> int:
    count = 0
    for day in sorted(posted, reverse=True):
        if day not in right:
            return count
        count += 1
    return count


@given(day_sets, day_sets)
def test_a_streak_is_the_run_of_posted_days_got_right_newest_first(posted: set[dt.date], right: set[dt.date]) -> None:
    assert daily.streak(sorted(posted), right) == naive_streak(posted, right)
    assert daily.streak(sorted(posted), right) <= len(right & posted)


@given(day_sets, day_sets)
def test_the_next_day_extends_or_breaks_it(posted: set[dt.date], right: set[dt.date]) -> None:
    before = daily.streak(sorted(posted), right)
    tomorrow = max(posted | right | {dt.date(2026, 3, 1)}) + dt.timedelta(days=1)
    assert daily.streak([*posted, tomorrow], right | {tomorrow}) == before + 1
    assert daily.streak([*posted, tomorrow], right - {tomorrow}) == 0


@given(day_sets, day_sets, day_sets)
def test_days_without_a_post_do_not_count(posted: set[dt.date], right: set[dt.date], extra: set[dt.date]) -> None:
    assert daily.streak(sorted(posted), right | (extra - posted)) == daily.streak(sorted(posted), right)


def test_streaks_through_a_day_ignore_later_ones() -> None:
    posted = [D, D + dt.timedelta(days=1), D + dt.timedelta(days=3)]
    assert daily.streak(posted, {D, D + dt.timedelta(days=1)}, through=D + dt.timedelta(days=1)) == 2
    assert daily.streaks(posted, {1: set(posted), 2: {D}, 3: set()}) == {1: 3}


def test_a_clue_ladder_shows_every_clue_at_once_and_other_hints_are_dropped(kb: KnowledgeBase) -> None:
    pool = question_pool(kb)
    day = dt.date(2026, 5, 1)
    ladder = next(k for k, b in pool.by_key.items() if b.template == "who-am-i")
    asked = daily.realize(pool, ladder, 1, day)
    assert all(clue in asked.prompt for clue in pool.by_key[ladder].clues) and not asked.clues
    order = next(k for k, b in pool.by_key.items() if b.template == "order-three")
    shown = daily.realize(pool, order, 1, day)
    assert shown.prompt == pool.by_key[order].prompt and not shown.clues  # its hint would give part of it away
