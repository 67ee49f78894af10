"""Year spans: the one place that says which races "since 2014" or "the DPi era" means.

Every phrase has exactly one meaning (the table in docs/adding-a-question-family.md):

=====================================  ======================================
phrase                                 races
=====================================  ======================================
in 2015                                2015 (a single year, not a span)
since 2014, from 2014 on, 2014 onwards 2014 to the latest race
after 2014, post 2014                  2015 to the latest (2014 excluded)
before 2014, until 2014, prior to      the first race to 2013
up to / through / by 2014              the first race to 2014
between 2010 and 2014, 2010 to 2014    2010 to 2014, both included
the 2000s / 2010s / 2020s              2000-2009 / 2010-2019 / 2020 to latest
the last N years / races               the N latest races
the 1,000-mile era                     1998-2013
the 10-hour / IMSA / WeatherTech era   2014 to the latest
the ALMS years                         1999-2013 (1998 was an IMSA race)
the DPi era                            2017-2022
the GTP / hybrid / LMDh era            2023 to the latest
=====================================  ======================================

"The latest race" is always the knowledge base's latest, never a constant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.qa.normalize import NUMBER_WORDS


@dataclass(frozen=True, slots=True)
class YearSpan:
    """Races from ``start`` to ``end``, both included, and how the question named them."""

    start: int
    end: int
    label: str  # "since 2014 (2014-2025)": said back in the answer, so a misreading shows

    def years(self, known: Sequence[int]) -> list[int]:
        return [y for y in known if self.start <= y <= self.end]

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end


@dataclass(frozen=True, slots=True)
class SpanHit:
    span: YearSpan
    used: frozenset[int]  # word positions the span was read from


# Named eras: (words that name it, first year, last year or None for "the latest race").
# From the reference's format and class timeline (facts.md "format", class-winners.yaml).
ERAS: tuple[tuple[tuple[str, ...], int, int | None, str], ...] = (
    (("1000 mile", "1000 miles", "thousand mile", "1 000 mile", "1000mile"), 1998, 2013, "the 1,000-mile era"),
    (
        (
            "10 hour",
            "ten hour",
            "10 hours",
            "10hr",
            "10hrs",
            "10 hr",
            "imsa",
            "weathertech",
            "tudor",
            "united sportscar",
            "united series",
        ),
        2014,
        None,
        "the 10-hour (IMSA) era",
    ),
    (("alms", "american le mans series", "american le mans"), 1999, 2013, "the ALMS years"),
    (("dpi",), 2017, 2022, "the DPi era"),
    (("gtp", "hybrid", "lmdh"), 2023, None, "the GTP (hybrid) era"),
)
ERA_NOUNS = ("era", "eras", "years", "days", "period", "age", "races", "editions", "runnings", "seasons")
#: Every word an era's names are made of ("alms", "hour", "mile"...), and its nouns.
ERA_WORDS = frozenset({w for names, *_ in ERAS for name in names for w in name.split() if w.isalpha()} | set(ERA_NOUNS))
_SINCE = ("since", "from", "starting")
_ONWARDS = ("onward", "onwards", "forward", "forwards")  # "2014 onwards"
_LATER = ("later", "after", "beyond", "since")  # "2014 or later", "2014 and after"
_EARLIER = ("earlier", "before", "prior")  # "2014 or earlier"
_AFTER = ("after", "post", "following")
_BEFORE = ("before", "until", "till", "prior", "pre", "til")
_UP_TO = ("through", "thru", "by")
_LAST = ("last", "past", "previous", "recent")
_LINKS = ("and", "to", "through", "thru", "till", "until")
_COUNTED = ("years", "races", "editions", "runnings", "seasons")


def _year_at(words: Sequence[str], i: int, known: Sequence[int]) -> int | None:
    if 0 <= i < len(words) and words[i].isdigit() and len(words[i]) == 4:
        year = int(words[i])
        if 1990 <= year <= (known[-1] if known else year) + 50:
            return year
    return None


def _count_at(words: Sequence[str], i: int) -> int | None:
    if not 0 <= i < len(words):
        return None
    word = words[i]
    if word.isdigit() and len(word) <= 2:
        return int(word)
    return NUMBER_WORDS.get(word) if word != "one" else 1


#: Events that name a year in "before the merger" (the ALMS/Grand-Am merger: 2014 was the first
#: United SportsCar race, facts.md "championships").
ANCHORS = {"merger": 2014, "merge": 2014, "merged": 2014}


def find_span(words: Sequence[str], known: Sequence[int], decade: int | None = None) -> SpanHit | None:
    """The first year span the question names, or None (a single "in 2015" is not a span)."""
    if not known:
        return None
    anchored, extra = _anchored(words)
    first, last = known[0], known[-1]
    for finder in (_decade, _between, _open, _last_n, _era):
        hit = finder(anchored, known, first, last, decade)
        if hit:
            return SpanHit(hit.span, hit.used | (extra if hit.used & extra else set()))
    return None


def _anchored(words: Sequence[str]) -> tuple[list[str], set[int]]:
    """'before the (ALMS/Grand-Am) merger' → '... before 2014', and the positions of the words it stood for."""
    out, extra = list(words), set()
    for i, word in enumerate(out):
        if word not in ANCHORS:
            continue
        for j in range(i - 2, max(-1, i - 6), -1):
            if out[j] in (*_BEFORE, *_AFTER, *_SINCE, "pre", "post") and out[j + 1] == "the":
                # the merger took effect in 2014: "after the merger" includes 2014, "before" excludes it
                out[i - 1] = "since" if out[j] in (*_AFTER, *_SINCE, "post") else "before"
                out[i] = str(ANCHORS[word])
                extra |= set(range(j, i + 1))
                break
    return out, extra


def _decade(words: Sequence[str], known: Sequence[int], first: int, last: int, decade: int | None) -> SpanHit | None:
    """Parsing rewrites "the 2010s" as "since 2010" and remembers the decade."""
    if decade is None:
        return None
    for i in range(len(words) - 1):
        if words[i] == "since" and words[i + 1] == str(decade):
            part = _DECADE_PARTS.get(words[i - 1]) if i else None
            lo, hi = (decade + part[0], decade + part[1]) if part else (decade, decade + 9)
            lo, hi = max(lo, first), min(hi, last)
            said = f"{words[i - 1]} " if part else ""
            used = {i, i + 1} | ({i - 1} if part else set())
            used |= {j for j in (i - 1, i - 2) if j >= 0 and words[j] == "the"}
            return SpanHit(YearSpan(lo, hi, f"in the {said}{decade}s ({lo}-{hi})"), frozenset(used))
    return None


#: "the early 2000s": the first four years of the decade, "mid" the middle three, "late" the last three.
#: A convention, not a fact, so the answer always prints the years it took.
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _between(words: Sequence[str], known: Sequence[int], first: int, last: int, _: int | None) -> SpanHit | None:
    """'between 2010 and 2014', 'from 2010 to 2014', '2010 through 2014', 'from 2010-2014'."""
    for i in range(len(words) - 1):
        a = _year_at(words, i, known)
        if a is None:
            continue
        before = words[i - 1] if i else ""
        link = words[i + 1]
        if _year_at(words, i + 1, known) is not None and before in ("between", "from"):
            b, used = int(link), {i - 1, i, i + 1}  # "2010-2014" (the hyphen became a space)
        elif link in _LINKS and (b_ := _year_at(words, i + 2, known)) is not None:
            if link == "and" and before != "between":
                continue  # "in 2010 and 2014": two years, not a span
            b, used = b_, {i, i + 1, i + 2} | ({i - 1} if before in ("between", "from") else set())
        else:
            continue
        lo, hi = sorted((a, b))
        if link in ("till", "until"):
            hi -= 1  # "until" excludes its year, as everywhere else
        return SpanHit(YearSpan(lo, hi, f"from {lo} to {hi}"), frozenset(used))
    return None


def _open(words: Sequence[str], known: Sequence[int], first: int, last: int, _: int | None) -> SpanHit | None:
    """'since 2014', 'after 2014', 'before 2014', 'up to 2014', '2014 onwards', '2014 or later'."""
    for i in range(len(words)):
        year = _year_at(words, i, known)
        if year is None:
            continue
        before = words[i - 1] if i else ""
        before2 = words[i - 2] if i > 1 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        after2 = words[i + 2] if i + 2 < len(words) else ""
        tail = {i + 1} if after in _ONWARDS or (after == "on" and before == "from") else set()
        idiom = after in ("or", "and") and _year_at(words, i + 3, known) is None  # (not "2010 and after 2015")
        if idiom and after2 in _LATER:
            tail = {i + 1, i + 2}
        if idiom and after2 in _EARLIER:
            return _hit(first, year, f"up to {year}", {i, i + 1, i + 2})
        if before in _SINCE:
            return _hit(year, last, f"since {year}", {i - 1, i} | tail)
        if tail:
            return _hit(year, last, f"since {year}", {i} | tail)
        if before == "to" and before2 == "prior":
            return _hit(first, year - 1, f"before {year}", {i - 2, i - 1, i})
        if before == "to" and before2 == "up":
            return _hit(first, year, f"up to {year}", {i - 2, i - 1, i})
        if before in _AFTER:
            return _hit(year + 1, last, f"after {year}", {i - 1, i})
        if before in _BEFORE:
            return _hit(first, year - 1, f"before {year}", {i - 1, i})
        if before in _UP_TO:
            return _hit(first, year, f"up to {year}", {i - 1, i})
    return None


def _hit(start: int, end: int, label: str, used: set[int]) -> SpanHit:
    return SpanHit(YearSpan(start, end, f"{label} ({start}-{end})" if start != end else label), frozenset(used))


def _last_n(words: Sequence[str], known: Sequence[int], first: int, last: int, _: int | None) -> SpanHit | None:
    """'the last 5 races', 'in the past ten years': the N latest races in the knowledge base."""
    for i, word in enumerate(words[:-2] if len(words) > 2 else []):
        if word not in _LAST:
            continue
        n = _count_at(words, i + 1)
        if n is None or words[i + 2] not in _COUNTED or not 1 <= n <= len(known):
            continue
        chosen = list(known)[-n:]
        label = f"in the last {n} races ({chosen[0]}-{chosen[-1]})"
        return SpanHit(YearSpan(chosen[0], chosen[-1], label), frozenset({i, i + 1, i + 2}))
    return None


def _era(words: Sequence[str], known: Sequence[int], first: int, last: int, _: int | None) -> SpanHit | None:
    """'the DPi era', 'the ALMS years', 'in the 1000-mile days'."""
    text = f" {' '.join(words)} "
    for names, start, end, label in ERAS:
        for name in names:
            if f" {name} " not in text:
                continue  # (most questions name no era: one scan instead of one per noun)
            for noun in ERA_NOUNS:
                phrase = f" {name} {noun} "
                at = text.find(phrase)
                if at < 0:
                    continue
                i = text[:at].count(" ")
                size = len(name.split()) + 1
                stop = end if end is not None else last
                bound = _era_bound(words, i)
                if bound is not None:  # "before the GTP era", "after the DPi years": the years outside it
                    at_word, way = bound
                    used = frozenset(range(at_word, i + size))
                    if way == "before" and start > first:
                        return SpanHit(YearSpan(first, start - 1, f"before {label} ({first}-{start - 1})"), used)
                    if way == "after" and stop < last:
                        return SpanHit(YearSpan(stop + 1, last, f"after {label} ({stop + 1}-{last})"), used)
                return SpanHit(YearSpan(start, stop, f"in {label} ({start}-{stop})"), frozenset(range(i, i + size)))
    return _since_era(words, last)


def find_eras(words: Sequence[str], known: Sequence[int]) -> list[SpanHit]:
    """Every named era in the question, in order ('both the 1000-mile era and the 10-hour era')."""
    if not known:
        return []
    text = f" {' '.join(words)} "
    hits: list[tuple[int, SpanHit]] = []
    for names, start, end, label in ERAS:
        for name in names:
            found = next((text.find(f" {name} {noun} ") for noun in ERA_NOUNS if f" {name} {noun} " in text), -1)
            if found < 0:
                continue
            i = text[:found].count(" ")
            stop = end if end is not None else known[-1]
            span = YearSpan(start, stop, f"{label} ({start}-{stop})")
            hits.append((i, SpanHit(span, frozenset(range(i, i + len(name.split()) + 1)))))
            break
    for i, w in enumerate(words):  # "both the 2000s and the 2010s" (one decade alone is read as a span)
        if (decade := DECADE_WORD.fullmatch(w)) is not None:
            start = int(decade.group(1)) * 10
            span = YearSpan(max(start, known[0]), min(start + 9, known[-1]), f"the {start}s")
            hits.append((i, SpanHit(span, frozenset({i}))))
    return [h for _, h in sorted(hits, key=lambda x: x[0])]


def find_all_spans(words: Sequence[str], known: Sequence[int]) -> list[SpanHit]:
    """Every span the question names, in order ('won both before 2010 and after 2015'); a span said twice
    ('the ALMS years (1999-2013)') counts once."""
    masked, hits = list(words), list[SpanHit]()
    for _ in range(4):
        hit = find_span(masked, known)
        if hit is None:
            break
        masked = [w if i not in hit.used else "" for i, w in enumerate(masked)]
        same = next((h for h in hits if (h.span.start, h.span.end) == (hit.span.start, hit.span.end)), None)
        if same is None:
            hits.append(hit)
        else:
            hits[hits.index(same)] = SpanHit(same.span, same.used | hit.used)
    return sorted(hits, key=lambda h: min(h.used))


#: A decade said as a word ("2010s"; the parsing rewrites a question's only decade as "since 2010").
DECADE_WORD = re.compile(r"((?:19|20)\d)0s")


def _era_bound(words: Sequence[str], i: int) -> tuple[int, str] | None:
    """'before' / 'after' (or 'pre-' / 'post-') just ahead of an era named at ``i``: (its position, which)."""
    for j in (i - 1, i - 2):
        if j < 0:
            continue
        w = words[j]
        if (w in _BEFORE or w == "pre") and all(x == "the" for x in words[j + 1 : i]):
            return j, "before"
        if (w in _AFTER or w == "post") and all(x == "the" for x in words[j + 1 : i]):
            return j, "after"
    return None


_CHANGED = ("since", "switched", "went", "moved", "changed", "became", "turned")


def _since_era(words: Sequence[str], last: int) -> SpanHit | None:
    """'since Petit went to a straight 10 hours', 'since the switch to 10 hours': the era onwards."""
    text = f" {' '.join(words)} "
    for names, start, end, label in ERAS:
        for name in names:
            at = text.find(f" {name} ")
            if at < 0:
                continue
            i = text[:at].count(" ")
            before = [j for j in range(max(0, i - 6), i) if words[j] in _CHANGED]
            if not before or "since" not in words[max(0, i - 6) : i]:
                continue  # (min(before) is the "since": it is among the words that changed)
            stop = end if end is not None else last
            used = frozenset(range(min(before), i + len(name.split())))
            return SpanHit(YearSpan(start, stop, f"in {label} ({start}-{stop})"), used)
    return None
