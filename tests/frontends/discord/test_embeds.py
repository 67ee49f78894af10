"""Answer → embed: one style, Discord's limits enforced whatever the answer holds."""

from __future__ import annotations

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.frontends.discord.embeds import COLOURS, answer_embed, footer_text, paginate
from bot.knowledge import KnowledgeBase
from bot.qa.answer import Answer, AnswerField, Candidate


def test_style_by_status() -> None:
    for status in ("answered", "clarify", "unknown"):
        embed = answer_embed(Answer(status=status, text="x", title="T"))  # type: ignore[arg-type]
        assert embed.colour == COLOURS[status] and embed.title == "T"


def test_limits_are_enforced_for_huge_answers() -> None:
    answer = Answer(
        status="answered",
        text="word " * 5000,
        title="T" * 400,
        fields=tuple(AnswerField("n" * 300, "v" * 2000) for _ in range(40)),
        sources=tuple(f"source {i} " * 50 for i in range(10)),
        confidence="low",
    )
    embed = answer_embed(answer)
    assert len(embed.title or "") <= 256 and len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25 and all(
        len(f.name or "") <= 256 and len(f.value or "") <= 1024 for f in embed.fields
    )
    assert len(embed.footer.text or "") <= 2048
    assert len(embed) <= 6000


def test_footer_names_sources_and_weak_confidence() -> None:
    answer = Answer(status="answered", text="x", sources=("a", "b", "c"), confidence="medium")
    assert footer_text(answer) == "Sources: a; b (+1 more) · Confidence: medium"
    assert footer_text(Answer(status="answered", text="x", sources=("a",), confidence="high")) == "Source: a"
    assert footer_text(Answer(status="answered", text="x", footer="Engine footer", sources=("a",))) == "Engine footer"
    assert footer_text(Answer(status="answered", text="x", footer="F"), page=1, pages=3) == "Page 2/3 · F"


def test_clarify_lists_the_candidates() -> None:
    answer = Answer(status="clarify", text="Which one?", candidates=(Candidate("A", "qa"), Candidate("B", "qb")))
    assert answer_embed(answer).description == "Which one?\n\n**1.** A\n**2.** B\n\nPick one below."


def test_paginate_by_lines_and_characters() -> None:
    assert paginate([str(i) for i in range(30)], per_page=12) == [
        [str(i) for i in range(12)],
        [str(i) for i in range(12, 24)],
        [str(i) for i in range(24, 30)],
    ]
    pages = paginate(["x" * 1000] * 5, per_page=12, max_chars=2400)
    assert [len(p) for p in pages] == [2, 2, 1]
    assert paginate(["y" * 9999])[0][0].endswith("…")


def test_page_embed_shows_text_then_the_page() -> None:
    answer = Answer(status="answered", text="Top", lines=("l1", "l2", "l3"))
    embed = answer_embed(answer, page=1, pages=[["l1", "l2"], ["l3"]])
    assert embed.description == "Top\n\nl3"
    assert isinstance(embed, discord.Embed)


def test_an_answer_with_fields_leads_with_its_summary_so_details_are_not_said_twice(kb: KnowledgeBase) -> None:
    from bot.qa.engine import Engine

    answer = Engine(kb).winner(2015)
    embed = answer_embed(answer)
    assert answer.summary and embed.description == answer.summary
    assert "Class winners" in answer.text and "Class winners" not in (embed.description or "")
    assert any(field.name.startswith("GTD") for field in embed.fields)


def _total(embed: discord.Embed) -> int:
    return len(embed)  # discord.py counts title, description, fields, footer and author as Discord does


@given(
    text=st.text(max_size=6000),
    title=st.text(max_size=400),
    footer=st.text(max_size=3000),
    fields=st.lists(st.tuples(st.text(max_size=300), st.text(max_size=1100)), max_size=30),
)
@settings(max_examples=60, deadline=None)
def test_every_discord_limit_holds_together(text: str, title: str, footer: str, fields: list[tuple[str, str]]) -> None:
    answer = Answer(
        status="answered", text=text or "x", title=title, footer=footer or None,
        fields=tuple(AnswerField(n, v) for n, v in fields),
    )  # fmt: skip
    embed = answer_embed(answer)
    assert _total(embed) <= 6000  # the limit a long fact with long sources broke (6,234)
    assert len(embed.title or "") <= 256 and len(embed.description or "") <= 4096
    assert len(embed.footer.text or "") <= 2048 and len(embed.fields) <= 25


def test_a_long_fact_with_long_sources_stays_under_6000() -> None:
    answer = Answer(status="answered", text="fact " * 900, title="A long fact", footer="Sources: " + "s" * 2030)
    assert _total(answer_embed(answer)) <= 6000


def test_user_text_in_an_answer_is_shown_literally() -> None:
    typed = "[Free Nitro](https://evil.example/login) ||spoiler|| <@&123> <@456> @everyone"
    embed = answer_embed(Answer(status="unknown", text=f"I don't know a driver called “{typed}”."))
    description = embed.description or ""
    assert "\\[Free Nitro]" in description  # no masked link
    assert "\\|\\|spoiler\\|\\|" in description  # no spoiler
    assert "<@&123>" not in description and "<@456>" not in description  # no pills
    assert "@everyone" not in description
