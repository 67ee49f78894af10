"""Normalisation: the same words whether typed with accents, capitals or punctuation."""

from __future__ import annotations

import pytest

from bot.qa.normalize import normalize


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Stéphane SARRAZIN!!", "stephane sarrazin"),
        ("Jörg Müller", "jorg muller"),
        ("J.J. Lehto", "jj lehto"),
        ("O'Connell", "oconnell"),
        ("Capello's wins", "capello wins"),
        ("Hunter-Reay", "hunter reay"),
        ("Straße", "strasse"),
        ("Audi R10 TDI", "audi r10 tdi"),
        ("  who   won?? ", "who won"),
        ("", ""),
    ],
)
def test_normalize(typed: str, normal: str) -> None:
    assert normalize(typed) == normal
