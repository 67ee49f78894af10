"""Command line: ``plm-trivia`` (or ``python -m bot``).

The offline commands (ask, repl, quiz, validate, bench) never import discord, so
they run on a machine without a token; ``run`` and ``sync`` start the Discord side.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from bot.config import default_knowledge_dir
from bot.knowledge import KnowledgeError, load_knowledge, validate_directory
from bot.knowledge.about import about, version
from bot.qa.answer import Answer
from bot.qa.conversation import Dialogue
from bot.qa.engine import Engine


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plm-trivia", description="Petit Le Mans trivia: answers and quizzes.")
    parser.add_argument("--version", action="version", version=f"plm-trivia {version()}")
    parser.add_argument(
        "--knowledge", type=Path, default=None, help="knowledge directory (default: $KNOWLEDGE_DIR or ./knowledge)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    # "--knowledge DIR" is accepted after the command too ("plm-trivia ask --knowledge DIR ...").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", type=Path, default=argparse.SUPPRESS, help="knowledge directory")

    ask = sub.add_parser(
        "ask", parents=[common], help="answer questions (each argument is one question; '-' reads standard input)"
    )
    ask.add_argument("questions", nargs="+", metavar="QUESTION", help="a question, or '-' for one per line on stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument(
        "--conversation",
        action="store_true",
        help="answer each question in the context of the ones before (an empty line starts a new conversation)",
    )
    ask.add_argument("--sources", action="store_true", help="print each answer's sources and confidence")

    sub.add_parser("repl", parents=[common], help="interactive console with history")

    quiz = sub.add_parser("quiz", parents=[common], help="play a quiz in the terminal")
    quiz.add_argument("--rounds", type=int, default=10, help="how many questions (default 10)")
    quiz.add_argument("--seed", type=int, default=None, help="replay the same game")
    quiz.add_argument("--difficulty", choices=["easy", "medium", "hard"], default=None, help="only this difficulty")
    tools = quiz.add_subparsers(dest="quiz_command", metavar="{pool,judge,daily}", help="without one: play")
    pool = tools.add_parser("pool", parents=[common], help="print every question of the bank")
    pool.add_argument("--json", action="store_true", required=True, help="one JSON object per question")
    judge = tools.add_parser("judge", parents=[common], help='judge {"id": ..., "answer": ...} lines')
    judge.add_argument("--json", action="store_true", required=True, help="one JSON verdict per line")
    judge.add_argument("source", choices=["-"], help="'-': read the lines from standard input")
    daily = tools.add_parser("daily", parents=[common], help="play a day's daily question (default: today, UTC)")
    daily.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD", help="the day to play")
    daily.add_argument(
        "--database-url", default=None, metavar="URL",
        help="keep the day's question and answer in this database (default: $DATABASE_URL; neither: nothing kept)",
    )  # fmt: skip

    validate = sub.add_parser(
        "validate", parents=[common], help="check a knowledge directory (exit 1 with every error)"
    )
    validate.add_argument(
        "directory", nargs="?", type=Path, default=None, help="the directory to check (default: --knowledge)"
    )

    bench = sub.add_parser("bench", parents=[common], help="print accuracy, latency, load time and memory figures")
    bench.add_argument(
        "--bank", type=Path, default=None, help="question bank YAML (default: tests/qa/question_bank.yaml)"
    )
    bench.add_argument("--repeat", type=int, default=20, help="timed passes over the bank")
    bench.add_argument("--quiz", action="store_true", help="also measure quiz generation and answer checking")
    bench.add_argument(
        "--scale", action="store_true",
        help="only the scale figures: 1,000 games in one process, leaderboards at 1 million rows, two processes on PostgreSQL",
    )  # fmt: skip
    bench.add_argument(
        "--database-url", default=None,
        help="with --scale: also measure this database (a scratch one: it is filled; postgresql:// adds the two-process run)",
    )  # fmt: skip

    from bot.frontends.console import db

    db.add_parser(sub, common)
    sub.add_parser("about", parents=[common], help="the version, the knowledge base's extent and content hash")
    sub.add_parser("run", parents=[common], help="start the Discord bot (needs DISCORD_TOKEN)")
    sync = sub.add_parser("sync", parents=[common], help="sync slash commands to Discord (globally, or to one guild)")
    sync.add_argument("--guild", type=int, default=None, help="guild id for an instant, guild-only sync")
    sync.add_argument(
        "--clear-guild", type=int, default=None, metavar="GUILD",
        help="remove a guild-only copy left by --guild (run after a global sync, or each command shows twice)",
    )  # fmt: skip
    return parser


def _date(text: str) -> Any:
    from bot.frontends.console.daily import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _tolerant_streams() -> None:
    """A bad byte on stdin becomes U+FFFD (that line still gets an answer); output is always valid text."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    try:
        return _main(argv)
    except BrokenPipeError:  # "plm-trivia quiz pool --json | head": the reader left, which is not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # (Python would otherwise complain again at exit)
        return 0


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    knowledge = args.knowledge or default_knowledge_dir()
    if args.command == "validate":
        return cmd_validate(args.directory or knowledge, sys.stdout)
    if args.command in ("run", "sync"):
        return _discord_command(args, knowledge)
    if args.command == "db":
        from bot.frontends.console.db import cmd_db

        return cmd_db(args, sys.stdout)
    if args.command == "bench" and args.scale:
        from bot.benchmarks.scale import run as run_scale

        run_scale(knowledge, args.database_url)
        return 0
    if args.command == "bench":
        from bot.benchmarks.questions import run_benchmarks

        return run_benchmarks(knowledge, args.bank, args.repeat, quiz=args.quiz)
    try:
        kb = load_knowledge(knowledge)
    except KnowledgeError as exc:
        print(f"The knowledge base in {knowledge} is invalid:", file=sys.stderr)
        for issue in exc.issues:
            print(f"  {issue}", file=sys.stderr)
        return 1
    if args.command == "ask":
        return cmd_ask(
            Engine(kb), args.questions, args.json, sys.stdin, sys.stdout,
            conversation=args.conversation, sources=args.sources,
        )  # fmt: skip
    if args.command == "repl":
        return cmd_repl(Engine(kb))
    if args.command == "about":
        print("\n".join(f"{label}: {value}" for label, value in about(kb)))
        return 0
    if args.command == "quiz" and args.quiz_command:
        from bot.frontends.console import quiz_tools

        if args.quiz_command == "daily":
            from bot.frontends.console.daily import play_daily

            return play_daily(kb, args.date, database=args.database_url or os.environ.get("DATABASE_URL") or None)
        if args.quiz_command == "pool":
            return quiz_tools.cmd_pool(kb, sys.stdout)
        return quiz_tools.cmd_judge(kb, sys.stdin, sys.stdout)
    if args.command == "quiz":
        from bot.frontends.console.quiz import play

        return play(kb, rounds=args.rounds, seed=args.seed, difficulty=args.difficulty)
    return 2  # pragma: no cover - argparse rejects unknown commands


def _discord_command(args: argparse.Namespace, knowledge: Path) -> int:
    from bot.frontends.discord.runner import run, sync

    overrides: dict[str, Any] = {"knowledge_dir": knowledge} if args.knowledge else {}
    if args.command == "run":
        return run(None, **overrides)
    if args.clear_guild is not None:
        return sync(None, args.clear_guild, clear=True, **overrides)
    return sync(None, args.guild, **overrides)


def answer_text(answer: Answer) -> str:
    """The console form of an answer: its text, then numbered choices or list lines."""
    out = [answer.text]
    for i, candidate in enumerate(answer.candidates, 1):
        out.append(f"  {i}. {candidate.label}")
    if answer.lines and answer.status == "answered" and len(answer.lines) > 1:
        out.extend(f"  {line}" for line in answer.lines[:30])
        if len(answer.lines) > 30:
            out.append(f"  ... and {len(answer.lines) - 30} more")
    return "\n".join(out)


def sources_text(answer: Answer) -> str:
    """'Confidence: high. Sources: ...', or a plain note when the answer rests on no record."""
    if not answer.sources:
        return "  (no sourced record behind this answer)"
    return f"  Confidence: {answer.confidence or 'n/a'}. Sources: " + "; ".join(answer.sources)


def cmd_ask(
    engine: Engine,
    questions: list[str],
    as_json: bool,
    stdin: TextIO,
    stdout: TextIO,
    *,
    conversation: bool = False,
    sources: bool = False,
) -> int:
    dialogue = Dialogue(engine)
    session = [0]  # with --conversation, an empty line starts a new conversation (a new context key)

    def emit(question: str) -> None:
        if conversation and not question.strip():
            session[0] += 1
            return
        answer = dialogue.ask(("console", session[0]), question) if conversation else engine.ask(question)
        if as_json:
            stdout.write(json.dumps({"question": question, **answer.to_dict()}, ensure_ascii=False) + "\n")
        else:
            stdout.write(answer_text(answer) + "\n" + (sources_text(answer) + "\n" if sources else ""))
        stdout.flush()

    for question in questions:
        if question == "-":
            for line in stdin:
                emit(line.rstrip("\r\n"))
        else:
            emit(question)
    return 0


def cmd_validate(directory: Path, stdout: TextIO) -> int:
    issues = validate_directory(directory)
    if issues:
        for issue in issues:
            stdout.write(f"{issue}\n")
        stdout.write(f"{len(issues)} problem(s) found in {directory}\n")
        return 1
    kb = load_knowledge(directory)
    stats = ", ".join(f"{n} {k}" for k, n in kb.stats.items())
    stdout.write(f"OK: {directory} is valid ({stats}).\n")
    return 0


def cmd_repl(engine: Engine, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Interactive console; a number picks one of the last answer's choices."""
    stdout = stdout or sys.stdout
    interactive = stdin is None and sys.stdin.isatty()
    if interactive:
        _enable_history()
    stdout.write("Petit Le Mans trivia. Ask a question ('and in 2016?' follows up); 'sources'; 'quit' to leave.\n")
    dialogue = Dialogue(engine)  # the repl keeps context: follow-ups answer against the last question
    last: Answer | None = None
    while True:
        try:
            line = input("plm> ") if stdin is None else stdin.readline()
        except KeyboardInterrupt:  # Ctrl-C clears the line, as in a shell; Ctrl-D or 'quit' leaves
            stdout.write("\n")
            continue
        except EOFError:
            stdout.write("\n")
            return 0
        if stdin is not None and not line:
            return 0
        line = line.strip()
        if not line:
            continue
        if line.lower() in ("quit", "exit", "q"):
            return 0
        if last and line.isdigit() and 1 <= int(line) <= len(last.candidates):
            line = last.candidates[int(line) - 1].question
        if last and line.lower() in ("sources", "source", "src"):
            stdout.write(sources_text(last) + "\n")
            continue
        last = dialogue.ask(("repl",), line)
        stdout.write(answer_text(last) + "\n")


def _enable_history() -> None:
    try:
        import atexit
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return
    history = Path(os.environ.get("PLM_TRIVIA_HISTORY", Path.home() / ".plm_trivia_history"))
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(1000)
    atexit.register(lambda: _save_history(readline, history))


def _save_history(readline: ModuleType, history: Path) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(history)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
