"""One game in one channel: a :class:`~bot.quiz.game.Game` run by its own asyncio task.

States: ``asking`` (with hints on a schedule) → ``revealing`` → ``between rounds`` →
… → ``ended``. Time comes from an injectable clock, so tests drive timeouts, hints
and inactivity without waiting. Front ends plug in a :class:`Presenter` (console,
Discord) and, to persist, a :class:`Recorder`.

Player actions (:meth:`QuizSession.answer`, :meth:`choose`, :meth:`skip`,
:meth:`stop`) are synchronous: they change the game at once and wake the task, so
no await can slip between "is the round open?" and "close it". The task always
ends by announcing the final standings, whether the game finished, was stopped,
went idle, failed or the bot shut down.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.quiz.clock import Clock, LoopClock
from bot.quiz.game import AnswerOutcome, ChoiceStatus, EndReason, Game, PlayerId, RoundResult, RoundState, Standings
from bot.quiz.hints import Hint, max_hints

log = logging.getLogger(__name__)

State = Literal["created", "asking", "revealing", "between", "ended"]


class Presenter(Protocol):
    """Shows the game: the console prints, Discord sends and edits messages."""

    async def question(self, session: QuizSession, current: RoundState) -> None: ...

    async def hint(self, session: QuizSession, current: RoundState, hint: Hint) -> None: ...

    async def reveal(self, session: QuizSession, result: RoundResult) -> None: ...

    async def end(self, session: QuizSession, standings: Standings) -> None: ...


class Recorder(Protocol):
    """Persists the game as it goes (see :class:`bot.store.recorder.StoreRecorder`)."""

    async def asked(self, current: RoundState) -> None: ...

    async def finished(self, result: RoundResult) -> None: ...

    async def ended(self, standings: Standings) -> None: ...


@dataclass(frozen=True, slots=True)
class SessionConfig:
    time_limit: float = 30.0
    between_rounds: float = 5.0
    idle_rounds_to_end: int = 2  # rounds in a row with no answer at all
    auto_hints: bool = True  # hints spread over the question's time (when the game allows hints)
    record_retries: tuple[float, ...] = (0.5, 2.0)  # seconds before each retry of a round that failed to save


class QuizSession:
    def __init__(
        self,
        game: Game,
        presenter: Presenter,
        *,
        config: SessionConfig | None = None,
        clock: Clock | None = None,
        recorder: Recorder | None = None,
        starter: PlayerId | None = None,
        channel_id: int | None = None,
        guild_id: int | None = None,
        game_id: int | None = None,
    ) -> None:
        self.game = game
        self.presenter = presenter
        self.config = config or SessionConfig()
        self.clock: Clock = clock or LoopClock()
        self.recorder = recorder
        self.starter = starter
        self.channel_id = channel_id
        self.guild_id = guild_id
        self.game_id = game_id
        self.state: State = "created"
        self.standings: Standings | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._woken = False
        self._stop_reason: EndReason | None = None
        self._task: asyncio.Task[None] | None = None

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"quiz-session-{self.channel_id}")
        return self._task

    @property
    def running(self) -> bool:
        return self.state != "ended"

    async def wait_closed(self) -> Standings | None:
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._task)
        return self.standings

    async def shutdown(self) -> None:
        """End now (bot closing): the task still announces the standings."""
        self.stop(reason="shutdown")
        await self.wait_closed()

    # -- player actions (synchronous: atomic under asyncio) -------------------------------------
    def answer(self, player: PlayerId, name: str, text: str) -> AnswerOutcome:
        outcome = self.game.answer(player, name, text, self.clock.now())
        if outcome.result is not None:
            self._wake()
        return outcome

    def choose(self, player: PlayerId, name: str, option: int) -> ChoiceStatus:
        status = self.game.choose(player, name, option, self.clock.now())
        if status == "recorded" and self.game.everyone_answered():
            self._wake()
        return status

    def skip(self) -> bool:
        """Close the open round without points; ``False`` if no round is open."""
        if self.state != "asking" or self.game.round is None or self.game.round.closed:
            return False
        self.game.close("skipped", self.clock.now())
        self._wake()
        return True

    def stop(self, reason: EndReason = "stopped") -> bool:
        """End the game after this round's reveal; ``False`` if it is already ending."""
        if self._stop_reason is not None or self.state == "ended":
            return False
        self._stop_reason = reason
        self._wake()
        return True

    async def hint(self) -> Hint | None:
        """Give the next hint now (``/quiz hint``); ``None`` if none is left."""
        current = self.game.round
        given = self.game.hint(self.clock.now())
        if given is not None and current is not None:
            await self._show(self.presenter.hint(self, current, given))
        return given

    # -- the task --------------------------------------------------------------------------------
    async def _run(self) -> None:
        reason: EndReason = "finished"
        try:
            while self.game.has_next and self._stop_reason is None:
                current = self.game.next_round(self.clock.now())
                self.state = "asking"
                await self._record(self.recorder.asked(current) if self.recorder else None)
                await self.presenter.question(self, current)  # if we cannot ask, the game cannot go on
                await self._play(current)
                result = current.result
                assert result is not None
                self.state = "revealing"
                result = await self._record_round(result)
                await self._show(self.presenter.reveal(self, result))
                if self.game.idle_rounds >= self.config.idle_rounds_to_end:
                    reason = "inactive"
                    break
                if self.game.has_next and self._stop_reason is None:
                    self.state = "between"
                    await self._pause(self.config.between_rounds)
            if self._stop_reason is not None:
                reason = self._stop_reason
        except asyncio.CancelledError:
            reason = "shutdown"
            raise
        except Exception:
            log.exception("quiz session in channel %s failed", self.channel_id)
            reason = "error"
        finally:
            await self._finish(reason)

    async def _play(self, current: RoundState) -> None:
        limit = self.config.time_limit
        deadline = current.asked_at + limit
        hints = max_hints(current.question, self.game.mode) if self.config.auto_hints and self.game.hints_enabled else 0
        schedule = [current.asked_at + limit * i / (hints + 1) for i in range(1, hints + 1)]
        while not current.closed:
            now = self.clock.now()
            if self._stop_reason is not None:
                self.game.close("stopped", now)
                break
            if now >= deadline:
                self.game.close("timeout", now)
                break
            if self.game.mode == "buttons" and self.game.everyone_answered():
                self.game.close("answered", now)
                break
            if schedule and now >= schedule[0]:
                schedule.pop(0)
                await self.hint()
                continue
            await self._wait_until(min([deadline, *schedule[:1]]))

    async def _pause(self, seconds: float) -> None:
        """Between rounds: only a stop cuts the pause short (a stray wake-up does not)."""
        deadline = self.clock.now() + seconds
        while self._stop_reason is None and self.clock.now() < deadline:
            await self._wait_until(deadline)

    def _wake(self) -> None:
        """An action happened: the task re-checks the round now (or as soon as it waits)."""
        self._woken = True
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def _wait_until(self, deadline: float) -> None:
        """Sleep until ``deadline`` or until an action wakes the session (one future, no tasks)."""
        if self._woken:
            self._woken = False
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiter = waiter

        def due() -> None:
            if not waiter.done():
                waiter.set_result(None)

        timer = self.clock.call_at(deadline, due)
        try:
            await waiter
        finally:
            timer.cancel()
            self._waiter = None
            self._woken = False

    async def _finish(self, reason: EndReason) -> None:
        self.standings = self.game.end(reason, self.clock.now())
        self.state = "ended"
        await self._record(self.recorder.ended(self.standings) if self.recorder else None)
        await self._show(self.presenter.end(self, self.standings))

    async def _record(self, call: Awaitable[None] | None) -> None:
        # A failing database must not stop the game in the channel; it is logged loudly.
        if call is None:
            return
        try:
            await call
        except Exception:
            log.exception("quiz: could not record game %s", self.game_id)

    async def _record_round(self, result: RoundResult) -> RoundResult:
        """Store a round's points, retrying a busy database; if it still fails, the points are taken back.

        Points are announced only once stored, so the channel never shows a score the
        leaderboard will not have.
        """
        if self.recorder is None:
            return result
        for delay in (*self.config.record_retries, None):
            try:
                await self.recorder.finished(result)
                return result
            except Exception:
                if delay is None:
                    log.exception("quiz: could not record round %s of game %s; points taken back", result.number,
                                  self.game_id)  # fmt: skip
                    break
                log.warning("quiz: recording round %s of game %s failed; retrying", result.number, self.game_id)
                await asyncio.sleep(delay)
        return self.game.void(result)

    async def _show(self, call: Awaitable[None]) -> None:
        try:
            await call
        except Exception:
            log.exception("quiz: could not show an update in channel %s", self.channel_id)
