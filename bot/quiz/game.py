"""The rules of one game, as plain synchronous state: no asyncio, no clock, no I/O.

The console drives it directly; :mod:`bot.quiz.session` wraps it in an asyncio task
with a timer. Every method that changes state is synchronous, so under asyncio it
runs without interruption: when many correct answers arrive at the same instant,
the first one to run closes the round and every later one sees it closed. That is
what makes "the first correct answer wins exactly once" hold.

Two modes:

- ``text``: answers are typed; the first correct one wins the round and its points.
- ``buttons``: each player picks one option, once; at the close every correct player
  scores, faster picks scoring more.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Literal

from bot.quiz.hints import Hint, make_hint, max_hints
from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.model import Mode, Question
from bot.quiz.scoring import Points, award

PlayerId = Hashable
Outcome = Literal["answered", "timeout", "skipped", "stopped"]
EndReason = Literal["finished", "stopped", "inactive", "error", "shutdown"]


class Phase(Enum):
    READY = "ready"  # before the first round or between rounds
    ASKING = "asking"
    ENDED = "ended"


@dataclass(slots=True)
class PlayerScore:
    player: PlayerId
    name: str
    points: int = 0
    correct: int = 0
    streak: int = 0
    best_streak: int = 0


@dataclass(frozen=True, slots=True)
class Award:
    player: PlayerId
    name: str
    points: Points
    elapsed: float


@dataclass(frozen=True, slots=True)
class RoundResult:
    number: int
    question: Question
    outcome: Outcome
    awards: tuple[Award, ...]  # in order of speed; the first is the round's winner
    hints: int
    attempts: int  # typed answers or button picks
    started_at: float
    ended_at: float
    picks: tuple[tuple[PlayerId, int, bool], ...] = ()  # buttons: (player, option, correct)
    # Right answers whose points could not be stored and were taken back (see Game.void).
    unsaved: tuple[Award, ...] = ()

    @property
    def winner(self) -> Award | None:
        return self.awards[0] if self.awards else None


@dataclass(slots=True)
class RoundState:
    number: int
    question: Question
    asked_at: float
    elimination_order: list[int]
    hints: int = 0
    hint_times: list[float] = field(default_factory=list)  # when each hint was given
    attempts: int = 0
    picks: dict[PlayerId, tuple[int, float, str]] = field(default_factory=dict)  # player → (option, at, name)
    result: RoundResult | None = None

    @property
    def closed(self) -> bool:
        return self.result is not None

    @property
    def eliminated(self) -> frozenset[int]:
        return frozenset(self.elimination_order[: self.hints])


AnswerStatus = Literal["won", "wrong", "partial", "ambiguous", "closed"]
_STATUS: dict[Verdict, AnswerStatus] = {Verdict.PARTIAL: "partial", Verdict.AMBIGUOUS: "ambiguous"}
ChoiceStatus = Literal["recorded", "duplicate", "closed", "invalid"]


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    status: AnswerStatus
    match: Judgement | None = None
    result: RoundResult | None = None  # set when this answer won the round


@dataclass(frozen=True, slots=True)
class Standings:
    rows: tuple[PlayerScore, ...]  # best first
    reason: EndReason
    rounds_played: int
    rounds_planned: int

    @property
    def winners(self) -> tuple[PlayerScore, ...]:
        """Everyone tied on the top score (empty when nobody scored)."""
        if not self.rows or self.rows[0].points <= 0:
            return ()
        top = self.rows[0].points
        return tuple(r for r in self.rows if r.points == top)


class GameOver(RuntimeError):
    """No more rounds (or the game was ended)."""


class Game:
    def __init__(
        self,
        questions: Sequence[Question],
        matcher: Matcher,
        *,
        mode: Mode = "text",
        time_limit: float | None = 30.0,
        hints_enabled: bool = True,
        seed: int | None = None,
    ) -> None:
        if not questions:
            raise ValueError("a game needs at least one question")
        self.questions = tuple(questions)
        self.matcher = matcher
        self.mode: Mode = mode
        self.time_limit = time_limit
        self.hints_enabled = hints_enabled
        self.phase = Phase.READY
        self.round: RoundState | None = None
        self.results: list[RoundResult] = []
        self.scores: dict[PlayerId, PlayerScore] = {}
        self.idle_rounds = 0  # consecutive rounds nobody tried
        self.end_reason: EndReason | None = None
        self._rng = random.Random(seed)

    # -- flow --------------------------------------------------------------------------------
    @property
    def has_next(self) -> bool:
        return self.phase is not Phase.ENDED and len(self.results) < len(self.questions)

    def next_round(self, now: float) -> RoundState:
        if self.phase is Phase.ASKING:
            raise RuntimeError("the current round is still open")
        if not self.has_next:
            raise GameOver
        question = self.questions[len(self.results)]
        order = [i for i in range(len(question.options)) if i != question.correct]
        self._rng.shuffle(order)
        self.round = RoundState(len(self.results) + 1, question, now, order)
        self.phase = Phase.ASKING
        return self.round

    def _open(self) -> RoundState | None:
        return self.round if self.phase is Phase.ASKING and self.round and not self.round.closed else None

    def remaining_hints(self) -> int:
        current = self._open()
        if current is None or not self.hints_enabled:
            return 0
        return max(0, max_hints(current.question, self.mode) - current.hints)

    def hint(self, now: float) -> Hint | None:
        """The next hint of the open round, or ``None`` when there is none left."""
        current = self._open()
        if current is None or self.remaining_hints() <= 0:
            return None
        current.hints += 1
        current.hint_times.append(now)
        return make_hint(current.question, self.mode, current.hints, current.elimination_order)

    # -- answers -----------------------------------------------------------------------------
    def answer(self, player: PlayerId, name: str, text: str, now: float) -> AnswerOutcome:
        """A typed answer (text mode). The first correct one closes the round."""
        current = self._open()
        if current is None or self.mode != "text":
            return AnswerOutcome("closed")
        match = self.matcher.check(current.question, text)
        if match.verdict is Verdict.EMPTY:
            return AnswerOutcome("wrong", match)
        current.attempts += 1
        self._seen(player, name)
        if match.verdict is Verdict.CORRECT:
            current.picks[player] = (current.question.correct, now, name)
            return AnswerOutcome("won", match, self.close("answered", now))
        status = _STATUS.get(match.verdict, "wrong")
        return AnswerOutcome(status, match)

    def choose(self, player: PlayerId, name: str, option: int, now: float) -> ChoiceStatus:
        """A button pick (buttons mode): one per player per round, kept until the reveal."""
        current = self._open()
        if current is None or self.mode != "buttons":
            return "closed"
        if not 0 <= option < len(current.question.options) or option in current.eliminated:
            return "invalid"
        if player in current.picks:
            return "duplicate"
        current.picks[player] = (option, now, name)
        current.attempts += 1
        self._seen(player, name)
        return "recorded"

    def everyone_answered(self) -> bool:
        """Buttons: every player of earlier rounds has picked (lets the round close early)."""
        current = self._open()
        if current is None or current.number == 1:
            return False  # the first round always runs its time: players are still joining
        regulars = {p for r in self.results for p, _, _ in r.picks}
        return bool(regulars) and regulars <= current.picks.keys()

    def _seen(self, player: PlayerId, name: str) -> None:
        score = self.scores.setdefault(player, PlayerScore(player, name))
        score.name = name

    # -- closing -----------------------------------------------------------------------------
    def close(self, outcome: Outcome, now: float) -> RoundResult:
        """Close the open round (idempotent: a closed round returns its result)."""
        current = self.round
        if current is None:
            raise RuntimeError("no round to close")
        if current.result is not None:
            return current.result
        question = current.question
        correct = sorted(
            ((at, player, name) for player, (option, at, name) in current.picks.items() if option == question.correct),
            key=lambda t: t[0],
        )
        if outcome in ("skipped", "stopped"):
            correct = []  # nobody scores; streaks are left as they were
        elif outcome == "timeout" and self.mode == "text":
            correct = []
        awards: list[Award] = []
        if outcome not in ("skipped", "stopped"):
            winners = {player for _, player, _ in correct}
            for score in self.scores.values():
                if score.player not in winners:
                    score.streak = 0
            for at, player, name in correct:
                score = self.scores.setdefault(player, PlayerScore(player, name))
                score.streak += 1
                score.best_streak = max(score.best_streak, score.streak)
                elapsed = max(0.0, at - current.asked_at)
                # Only the hints given before this answer cost it points: a clue ladder pays early answers most.
                seen = sum(1 for t in current.hint_times if t <= at)
                points = award(question.difficulty, elapsed, self.time_limit, seen, score.streak)
                score.points += points.total
                score.correct += 1
                awards.append(Award(player, name, points, elapsed))
        picks = tuple((p, option, option == question.correct) for p, (option, _, _) in current.picks.items())
        current.result = RoundResult(
            current.number, question, outcome, tuple(awards), current.hints, current.attempts,
            current.asked_at, now, picks,
        )  # fmt: skip
        self.idle_rounds = self.idle_rounds + 1 if current.attempts == 0 and outcome == "timeout" else 0
        self.results.append(current.result)
        self.phase = Phase.READY
        return current.result

    def void(self, result: RoundResult) -> RoundResult:
        """Take back a round's points (they could not be stored): what is announced is what is kept."""
        for a in result.awards:
            score = self.scores.get(a.player)
            if score is not None:
                score.points -= a.points.total
                score.correct -= 1
        voided = replace(result, awards=(), unsaved=result.awards)
        self.results = [voided if r is result else r for r in self.results]
        if self.round is not None and self.round.result is result:
            self.round.result = voided
        return voided

    def end(self, reason: EndReason, now: float) -> Standings:
        """End the game (closing an open round as stopped) and rank the players."""
        if self._open() is not None:
            self.close("stopped", now)
        if self.phase is not Phase.ENDED:
            self.phase = Phase.ENDED
            self.end_reason = reason
        return self.standings()

    def standings(self) -> Standings:
        rows = sorted(self.scores.values(), key=lambda s: (-s.points, -s.correct, -s.best_streak, str(s.name)))
        return Standings(tuple(rows), self.end_reason or "finished", len(self.results), len(self.questions))
