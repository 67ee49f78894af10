"""The session state machine on a manual clock: timeouts, hints, skip, stop, inactivity, concurrency."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.knowledge import KnowledgeBase
from bot.quiz.clock import ManualClock, settle
from bot.quiz.game import Game, RoundResult, RoundState, Standings
from bot.quiz.hints import Hint
from bot.quiz.matching import Matcher
from bot.quiz.model import AnswerSpec, Question
from bot.quiz.session import QuizSession, SessionConfig

LIMIT, PAUSE = 30.0, 5.0


def question(n: int) -> Question:
    return Question(
        key=f"q{n}", template="t", category="winners", difficulty="medium", prompt=f"Question {n}",
        spec=AnswerSpec("entity", "driver", frozenset({"rinaldo-capello"})), answer="Rinaldo Capello", fact="fact",
        options=("Rinaldo Capello", "Tom Kristensen", "JJ Lehto", "Marco Werner"), correct=0,
        hint_text="Rinaldo Capello",
    )  # fmt: skip


class Recorder:
    """Presenter that writes down what it was asked to show, and when."""

    def __init__(self, clock: ManualClock, fail_on: str | None = None) -> None:
        self.clock = clock
        self.events: list[tuple[str, float, Any]] = []
        self.fail_on = fail_on

    def _log(self, kind: str, value: Any) -> None:
        self.events.append((kind, self.clock.now() - 1000.0, value))
        if kind == self.fail_on:
            raise RuntimeError(f"presenter failed on {kind}")

    async def question(self, session: QuizSession, current: RoundState) -> None:
        self._log("question", current.number)

    async def hint(self, session: QuizSession, current: RoundState, hint: Hint) -> None:
        self._log("hint", hint.text)

    async def reveal(self, session: QuizSession, result: RoundResult) -> None:
        self._log("reveal", result.outcome)

    async def end(self, session: QuizSession, standings: Standings) -> None:
        self._log("end", standings.reason)

    def kinds(self) -> list[str]:
        return [k for k, _, _ in self.events]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(start=1000.0)


def make(
    small_kb: KnowledgeBase,
    clock: ManualClock,
    rounds: int = 3,
    *,
    mode: str = "text",
    hints: bool = False,
    **config: Any,
) -> tuple[QuizSession, Recorder]:
    presenter = Recorder(clock, config.pop("fail_on", None))
    game = Game([question(i) for i in range(1, rounds + 1)], Matcher(small_kb), mode=mode, time_limit=LIMIT,  # type: ignore[arg-type]
                hints_enabled=hints, seed=1)  # fmt: skip
    config.setdefault("auto_hints", hints)
    cfg = SessionConfig(time_limit=LIMIT, between_rounds=PAUSE, **config)
    session = QuizSession(game, presenter, config=cfg, clock=clock, starter=1, channel_id=10)
    session.start()
    return session, presenter


async def test_question_times_out_then_next_round_after_the_pause(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, idle_rounds_to_end=5)
    await settle()
    assert shown.events == [("question", 0.0, 1)]
    await clock.advance(LIMIT - 0.1)
    assert shown.kinds() == ["question"]
    await clock.advance(0.1)
    assert shown.events[-1] == ("reveal", LIMIT, "timeout")
    assert session.state == "between"
    await clock.advance(PAUSE)
    assert shown.events[-1] == ("question", LIMIT + PAUSE, 2)
    await clock.advance(100)
    await session.wait_closed()
    assert shown.kinds() == ["question", "reveal"] * 3 + ["end"]
    assert shown.events[-1][2] == "finished"


async def test_correct_answer_reveals_at_once(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=2)
    await clock.advance(4)
    assert session.answer(7, "ann", "capello").status == "won"
    await settle()
    assert shown.events[-1] == ("reveal", 4.0, "answered")
    await clock.advance(PAUSE)
    session.answer(7, "ann", "dindo")
    await clock.advance(PAUSE)
    standings = await session.wait_closed()
    assert standings and [w.name for w in standings.winners] == ["ann"]
    assert shown.events[-1][0] == "end"


async def test_hints_arrive_on_schedule(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=1, hints=True)
    await clock.advance(LIMIT)
    hints = [(t, text) for kind, t, text in shown.events if kind == "hint"]
    # "Rinaldo Capello" has two letter levels: at a third and two thirds of the time.
    assert hints == [(10.0, "R______ C______"), (20.0, "R_____o C_____o")]
    await session.wait_closed()


async def test_requested_hint_comes_now_and_runs_out(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=1, hints=True, auto_hints=False)
    await clock.advance(1)
    assert (await session.hint()) is not None
    assert (await session.hint()) is not None
    assert (await session.hint()) is None
    assert shown.kinds().count("hint") == 2
    session.stop()
    await session.wait_closed()


async def test_skip_moves_on_without_points(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=2)
    await clock.advance(3)
    assert session.skip()
    await settle()
    assert shown.events[-1] == ("reveal", 3.0, "skipped")
    assert not session.skip()  # nothing open between rounds
    await clock.advance(PAUSE)
    assert shown.events[-1][0] == "question"
    session.stop()
    await session.wait_closed()


async def test_stop_mid_question_reveals_and_announces_the_winner(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=5)
    await clock.advance(2)
    session.answer(7, "ann", "Capello")
    await clock.advance(PAUSE + 1)
    assert session.stop()
    assert not session.stop()  # already stopping
    standings = await session.wait_closed()
    assert shown.kinds() == ["question", "reveal", "question", "reveal", "end"]
    assert shown.events[-2][2] == "stopped" and shown.events[-1][2] == "stopped"
    assert standings and standings.rounds_played == 2 and [w.name for w in standings.winners] == ["ann"]
    assert not session.running


async def test_stop_between_rounds_asks_nothing_more(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=5)
    await clock.advance(1)
    session.answer(7, "ann", "Capello")
    await settle()
    assert session.state == "between"
    session.stop()
    await session.wait_closed()
    assert shown.kinds() == ["question", "reveal", "end"]


async def test_inactivity_ends_the_game(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=10, idle_rounds_to_end=2)
    await clock.advance(LIMIT + PAUSE + LIMIT)
    standings = await session.wait_closed()
    assert shown.kinds() == ["question", "reveal", "question", "reveal", "end"]
    assert standings and standings.reason == "inactive" and standings.winners == ()


async def test_many_correct_answers_at_the_same_instant_award_exactly_one(
    small_kb: KnowledgeBase, clock: ManualClock
) -> None:
    session, shown = make(small_kb, clock, rounds=1)
    await clock.advance(2)
    start = asyncio.Event()

    async def player(i: int) -> str:
        await start.wait()
        return session.answer(i, f"p{i}", "Rinaldo Capello").status

    tasks = [asyncio.create_task(player(i)) for i in range(100)]
    await settle()
    start.set()  # all 100 wake in the same loop iteration
    statuses = await asyncio.gather(*tasks)
    assert statuses.count("won") == 1 and statuses.count("closed") == 99
    standings = await session.wait_closed()
    assert standings is not None
    assert sum(r.points for r in standings.rows) == session.game.results[0].awards[0].points.total
    assert len(session.game.results[0].awards) == 1
    assert shown.kinds().count("reveal") == 1


async def test_buttons_round_closes_early_once_the_regulars_answered(
    small_kb: KnowledgeBase, clock: ManualClock
) -> None:
    session, shown = make(small_kb, clock, rounds=3, mode="buttons")
    await clock.advance(1)
    assert session.choose(7, "ann", 0) == "recorded"
    assert session.choose(7, "ann", 1) == "duplicate"
    assert session.choose(8, "bob", 2) == "recorded"
    await clock.advance(LIMIT)  # round 1 waits for its time
    assert shown.events[1] == ("reveal", LIMIT, "timeout")
    await clock.advance(PAUSE + 2)
    session.choose(7, "ann", 0)
    await settle()
    assert shown.kinds()[-1] == "question"
    session.choose(8, "bob", 0)
    await settle()
    assert shown.events[-1] == ("reveal", 1 + LIMIT + PAUSE + 2, "answered")
    session.stop()
    standings = await session.wait_closed()
    assert standings and standings.rows[0].name == "ann" and standings.rows[0].correct == 2


async def test_presenter_failure_on_reveal_does_not_stop_the_game(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=2, fail_on="reveal", idle_rounds_to_end=5)
    await clock.advance(LIMIT + PAUSE + LIMIT)
    standings = await session.wait_closed()
    assert standings and standings.reason == "finished"
    assert shown.kinds() == ["question", "reveal", "question", "reveal", "end"]


async def test_cannot_ask_ends_the_game_with_an_announcement(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=2, fail_on="question")
    standings = await session.wait_closed()
    assert standings and standings.reason == "error"
    assert shown.kinds()[-1] == "end"


async def test_shutdown_and_cancel_still_announce(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    session, shown = make(small_kb, clock, rounds=3)
    await clock.advance(1)
    await session.shutdown()
    assert shown.events[-1][0] == "end" and shown.events[-1][2] == "shutdown"

    session, shown = make(small_kb, clock, rounds=3)
    await clock.advance(1)
    assert session._task is not None
    session._task.cancel()
    await session.wait_closed()
    assert shown.events[-1][0] == "end" and shown.events[-1][2] == "shutdown"


async def test_a_wake_up_during_the_question_does_not_shorten_the_pause(
    small_kb: KnowledgeBase, clock: ManualClock
) -> None:
    session, shown = make(small_kb, clock, rounds=2)
    await clock.advance(1)
    session.answer(7, "ann", "Capello")
    session.choose(8, "bob", 0)  # ignored in text mode, and wakes nothing
    session._wake()  # a stray wake-up while the task is not waiting
    await settle()
    assert session.state == "between"
    await clock.advance(PAUSE - 0.5)
    assert shown.kinds() == ["question", "reveal"]
    await clock.advance(0.5)
    assert shown.kinds() == ["question", "reveal", "question"]
    session.stop()
    await session.wait_closed()


class FlakyStore:
    """A recorder whose database is busy for the first ``failures`` writes of a round."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.stored: list[int] = []

    async def asked(self, current: RoundState) -> None:
        return None

    async def finished(self, result: RoundResult) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise RuntimeError("database is locked")
        self.stored.extend(a.points.total for a in result.awards)

    async def ended(self, standings: Standings) -> None:
        return None


async def _one_round_won(small_kb: KnowledgeBase, clock: ManualClock, store: FlakyStore) -> tuple[Standings, Recorder]:
    presenter = Recorder(clock)
    game = Game([question(1)], Matcher(small_kb), mode="text", time_limit=LIMIT, seed=1)
    config = SessionConfig(time_limit=LIMIT, between_rounds=PAUSE, auto_hints=False, record_retries=(0.01, 0.01))
    session = QuizSession(game, presenter, config=config, clock=clock, starter=1, channel_id=10, recorder=store)
    session.start()
    await clock.advance(2)
    assert session.answer(7, "ann", "capello").status == "won"
    for _ in range(500):  # the retries wait in real time: until the round is revealed (at most 5 s)
        if "reveal" in presenter.kinds():
            break
        await asyncio.sleep(0.01)
    await clock.advance(PAUSE + 1)
    standings = await session.wait_closed()
    assert standings is not None
    return standings, presenter


async def test_a_busy_database_is_retried_and_the_points_stand(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    store = FlakyStore(failures=2)
    standings, _ = await _one_round_won(small_kb, clock, store)
    assert store.stored and standings.rows[0].points == sum(store.stored)


async def test_points_that_cannot_be_stored_are_not_announced(small_kb: KnowledgeBase, clock: ManualClock) -> None:
    store = FlakyStore(failures=99)
    standings, _ = await _one_round_won(small_kb, clock, store)
    assert store.stored == []
    assert standings.rows[0].points == 0  # the channel's standings say what the database has


def test_the_reveal_says_why_the_points_do_not_count(small_kb: KnowledgeBase) -> None:
    from bot.quiz import render

    game = Game([question(1)], Matcher(small_kb), mode="text", time_limit=LIMIT, seed=1)
    game.next_round(0.0)
    game.answer(7, "ann", "capello", 2.0)
    voided = game.void(game.results[-1])
    assert "could not be saved" in render.outcome_line(voided) and "ann" in render.outcome_line(voided)
    assert game.standings().rows[0].points == 0 and game.results[-1] is voided
