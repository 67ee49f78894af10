"""Plain-text pieces both front ends show: question header, options, reveal, standings."""

from __future__ import annotations

from bot.quiz.game import Award, RoundResult, Standings
from bot.quiz.matching import Judgement
from bot.quiz.model import Question

LETTERS = "ABCD"
_REASONS = {
    "finished": "Game over",
    "stopped": "Game stopped",
    "inactive": "Game ended: nobody answered for a while",
    "error": "Game ended by an error",
    "shutdown": "Game ended: the bot is restarting",
}


def header(question: Question, number: int, total: int) -> str:
    return f"Question {number}/{total} · {question.difficulty} · {question.category}"


def option_lines(question: Question, eliminated: frozenset[int] = frozenset()) -> list[str]:
    return [f"{LETTERS[i]}) {label}" for i, label in enumerate(question.options) if i not in eliminated]


def points_detail(award: Award) -> str:
    """The total, then its parts once each: "+45 points: 30 for the answer (less for hints) + 15 streak bonus"."""
    p = award.points
    extras = []
    if p.hint_factor < 1:
        extras.append("hints")
    if p.time_factor < 0.95:
        extras.append("time")
    detail = f" (less for {' and '.join(extras)})" if extras else ""
    if not p.streak_bonus:
        return f"+{p.total} points{detail}"
    return f"+{p.total} points: {p.total - p.streak_bonus} for the answer{detail} + {p.streak_bonus} streak bonus"


def which_one(judgement: Judgement | None) -> str:
    """The question back to a player whose answer names several people or things ("Taylor")."""
    names = " or ".join(f'"{n}"' for n in judgement.ambiguous) if judgement and judgement.ambiguous else "that name"
    return f"More than one person or thing goes by {names}: which one? Give the full name."


def outcome_line(result: RoundResult) -> str:
    """Who got it (or why nobody did)."""
    if result.outcome == "skipped":
        return "Skipped."
    if result.outcome == "stopped":
        return "Stopped."
    if result.unsaved:
        names = ", ".join(a.name for a in result.unsaved)
        return f"{names} got it, but the scores could not be saved just now, so this round's points don't count. Sorry!"
    if not result.awards:
        return "Nobody got it." if result.attempts else "Time's up: no answers."
    first = result.awards[0]
    if len(result.awards) == 1:
        return f"{first.name} got it in {first.elapsed:.1f} s: {points_detail(first)}."
    others = ", ".join(f"{a.name} +{a.points.total}" for a in result.awards[1:])
    return f"Fastest: {first.name} ({first.elapsed:.1f} s, +{first.points.total}); also right: {others}."


def reveal_lines(result: RoundResult) -> list[str]:
    q = result.question
    return [f"Answer: {q.answer}", q.fact, outcome_line(result)]


def standings_title(standings: Standings) -> str:
    return _REASONS.get(standings.reason, "Game over")


def winner_line(standings: Standings) -> str:
    winners = standings.winners
    if not winners:
        return "Nobody scored this time: no winner."
    names = [w.name for w in winners]
    if len(names) == 1:
        return f"Winner: {names[0]} with {winners[0].points} points!"
    return f"It's a tie between {', '.join(names[:-1])} and {names[-1]} on {winners[0].points} points!"


def standings_lines(standings: Standings, limit: int = 10) -> list[str]:
    lines = [
        f"{i}. {row.name}: {row.points} points ({row.correct} correct, best streak {row.best_streak})"
        for i, row in enumerate(standings.rows[:limit], start=1)
    ]
    played = f"{standings.rounds_played} of {standings.rounds_planned} rounds played."
    return [*lines, played] if lines else ["No points scored.", played]
