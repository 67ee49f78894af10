"""The console: every subcommand, run in-process and as the installed program."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.frontends.console.cli import cmd_ask, cmd_repl, main
from bot.knowledge import KnowledgeBase
from bot.qa.engine import Engine

ROOT = Path(__file__).resolve().parents[3]
MINIMAL = Path(__file__).resolve().parents[2] / "knowledge" / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


def test_ask_prints_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(ROOT / "knowledge"), "ask", "who won petit le mans in 2015"]) == 0
    out = capsys.readouterr().out
    assert "Nick Tandy and Patrick Pilet" in out


def test_ask_json_one_object_per_question(engine: Engine) -> None:
    out = io.StringIO()
    cmd_ask(engine, ["who won in 2015", "how many wins does taylor have", "who won in 1850"], True, io.StringIO(), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["status"] for r in rows] == ["answered", "clarify", "unknown"]
    assert rows[0]["question"] == "who won in 2015"
    assert {"question", "status", "text", "intent", "candidates", "sources"} <= rows[1].keys()
    assert len(rows[1]["candidates"]) == 3


def test_ask_json_batch_from_stdin_keeps_order(engine: Engine) -> None:
    questions = ["who won in 2003", "", "   ", "who won in '02", "\U0001f3ce" * 50, "who won in 2025"]
    out = io.StringIO()
    cmd_ask(engine, ["-"], True, io.StringIO("\n".join(questions) + "\n"), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["question"] for r in rows] == questions
    assert "JJ Lehto" in rows[0]["text"] and "Tom Kristensen" in rows[3]["text"]
    assert rows[1]["status"] == "unknown"


def test_ask_batch_as_a_real_process_flushes_each_line() -> None:
    """The JSON batch mode answers line by line, so a caller can pipe questions in one at a time."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "--knowledge", str(ROOT / "knowledge"), "ask", "--json", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdin and proc.stdout
    proc.stdin.write("who won in 2015\n")
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())  # arrives before stdin is closed
    assert first["status"] == "answered"
    proc.stdin.write("who won in 1997\n")
    proc.stdin.close()
    second = json.loads(proc.stdout.readline())
    assert second["status"] == "unknown"
    assert proc.wait(timeout=30) == 0


def test_repl_answers_and_picks_a_numbered_choice(engine: Engine) -> None:
    out = io.StringIO()
    cmd_repl(engine, io.StringIO("how many wins does taylor have\n3\nquit\n"), out)
    text = out.getvalue()
    assert "Which one do you mean" in text
    assert "Jordan Taylor has won Petit Le Mans overall 2 times" in text


def test_repl_ends_at_end_of_input(engine: Engine) -> None:
    assert cmd_repl(engine, io.StringIO("who won in 2010\n"), io.StringIO()) == 0


def test_validate_valid_directory(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT / "knowledge")]) == 0
    assert "OK:" in capsys.readouterr().out


def test_validate_reports_every_error_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "knowledge"
    shutil.copytree(MINIMAL, broken)
    (broken / "teams.yaml").write_text("")
    race = broken / "races" / "2001.yaml"
    race.write_text(race.read_text().replace("laps: 394", "laps: lots"))
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "knowledge/teams.yaml:1: (file): file is empty" in out
    assert any(line.startswith("knowledge/races/2001.yaml:16: results[0].laps:") for line in out)
    assert out[-1].endswith(f"problem(s) found in {broken}")


def test_broken_knowledge_stops_ask_with_the_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "knowledge"
    shutil.copytree(MINIMAL, broken)
    (broken / "drivers.yaml").write_text("drivers: [")
    assert main(["--knowledge", str(broken), "ask", "who won in 2000"]) == 1
    err = capsys.readouterr().err
    assert "knowledge/drivers.yaml:2: (syntax): did not find expected node content" in err


def test_bench_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--knowledge",
                str(ROOT / "knowledge"),
                "bench",
                "--repeat",
                "1",
                "--bank",
                str(ROOT / "tests/qa/question_bank.yaml"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    for figure in (
        "load + validate + index: first (cold)",
        "accuracy:",
        "wrong answers",
        "latency per question (the question bank): median",
        "p99",
        "peak memory",
    ):
        assert figure in out


def test_run_without_a_token_exits_2_naming_the_variable() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], capture_output=True, text=True, env=env, cwd=ROOT / "tests", timeout=60
    )
    assert result.returncode == 2
    assert "DISCORD_TOKEN" in result.stderr + result.stdout


def test_python_m_bot_and_the_console_script_are_the_same_program() -> None:
    from bot.frontends.console import cli

    script = ROOT / "pyproject.toml"
    assert 'plm-trivia = "bot.frontends.console.cli:main"' in script.read_text()
    assert (ROOT / "bot" / "__main__.py").read_text().count("from bot.frontends.console.cli import main") == 1
    assert cli.main is main


def test_quiz_plays_a_seeded_game_to_its_standings() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--knowledge", str(ROOT / "knowledge"), "quiz", "--rounds", "2", "--seed", "3"],
        input="hint\nskip\nquit\n", capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Question 1/2" in result.stdout
    assert "Skipped." in result.stdout
    assert "Final standings" in result.stdout


def test_ask_json_conversation_answers_in_context_and_an_empty_line_starts_over(engine: Engine) -> None:
    out = io.StringIO()
    stdin = io.StringIO("who won in 2015\nand in 2016?\n\nand in 2016?\n")
    assert cmd_ask(engine, ["-"], True, stdin, out, conversation=True) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 3  # the empty line prints nothing
    assert rows[1]["text"].startswith("In 2016:") and "Negri" in rows[1]["text"]
    assert not rows[2]["text"].startswith("In 2016:")  # a new conversation: nothing to follow up


def test_ask_sources_prints_sources_and_confidence(engine: Engine) -> None:
    out = io.StringIO()
    cmd_ask(engine, ["who won in 2007"], False, io.StringIO(), out, sources=True)
    assert "Confidence: high. Sources:" in out.getvalue()


def test_repl_keeps_context_and_shows_sources(engine: Engine) -> None:
    out = io.StringIO()
    cmd_repl(engine, io.StringIO("who won in 2015\nsources\nand in 2016?\n"), out)
    text = out.getvalue()
    assert "Sources:" in text and "In 2016:" in text


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_invalid_utf8_on_stdin_still_gets_an_answer_per_line(encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--knowledge", str(ROOT / "knowledge"), "ask", "--json", "-"],
        input=b"who won in 2015\n\xff\xfe bad\nwho won in 2016\n", capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    lines = done.stdout.decode(encoding).splitlines()  # valid in the stream's own encoding
    assert [json.loads(line)["status"] for line in lines] == ["answered", "unknown", "answered"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("plm-trivia 0.")


def test_about_prints_the_version_extent_and_content_hash(
    capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    assert main(["about"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Version: plm-trivia ") and f"Content hash: {kb.content_hash}" in out
    assert f"{kb.stats['races']} races" in out


def test_knowledge_may_follow_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--knowledge", str(tmp_path / "nowhere"), "who won in 2000"]) == 1
    assert "knowledge directory not found" in capsys.readouterr().err


def test_ctrl_c_in_the_repl_clears_the_line(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = iter([KeyboardInterrupt, "who won in 2015", "quit"])

    def fake_input(prompt: str = "") -> str:
        item = next(typed)
        if item is KeyboardInterrupt:
            raise KeyboardInterrupt
        return str(item)

    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    out = io.StringIO()
    assert cmd_repl(Engine(kb), stdout=out) == 0
    assert "Tandy" in out.getvalue()  # the session went on after Ctrl-C


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    """'plm-trivia quiz pool --json | head -1': no traceback when the pipe closes."""
    import subprocess
    import sys as _sys

    pipe = subprocess.Popen(
        [_sys.executable, "-m", "bot.frontends.console.cli", "quiz", "pool", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert pipe.stdout is not None
    pipe.stdout.readline()
    pipe.stdout.close()  # the reader goes away with most of the pool unread
    _, err = pipe.communicate(timeout=60)
    assert pipe.returncode == 0 and b"Traceback" not in err, err.decode("utf-8", "replace")
