"""Every way a fan may write each entity: listed names and aliases, and forms derived from them.

One module owns these for the whole bot: the engine links a question's words through
:class:`bot.qa.index.EntityIndex`, and the quiz judges a typed answer through the same index.

A form's *strength* orders the readings of one written form: 3 a name or listed alias, 2 a
derived short form ("wayne taylor" for the team), 1 a lone derived word (a surname, a first
name, initials), 0 a form that names the entity only where that kind is expected. In an
answer to "which team ...", "Shank" is Meyer Shank Racing and "Joest" the Audi team Joest
ran; to "which car ...", "Porsche 911" is the 911 RSR and "Lola Mazda" the Lola B09/86. In a question those words keep their everyday meaning, so the engine reads
strength 0 only when told which kind it is looking for.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.qa.answer import EntityRef
from bot.qa.normalize import normalize
from bot.qa.vocabulary import COMMON_WORDS, LEXICON

KINDS = ("driver", "team", "manufacturer", "car", "class")
# Words dropped from team names to get the short form fans use ("Wayne Taylor Racing" → "wayne taylor").
TEAM_SUFFIXES = frozenset({"racing", "motorsport", "motorsports", "team", "competition", "competizione", "sport",
                           "sports"})  # fmt: skip
# ... and, for the forms that name a team only where a team is asked for, generic words of any kind.
_GENERIC = TEAM_SUFFIXES | {"autosport", "engineering"}
NAME_PARTICLES = frozenset({"van", "der", "de", "den", "von", "di", "da", "le", "la", "dos", "jr"})
_RUN_BY = re.compile(r"\brun by ([^),;]+)", re.I)
_BRACKETS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Form:
    text: str
    ref: EntityRef
    strength: int


def forms(kb: KnowledgeBase) -> Iterator[Form]:
    """Every form of every entity, listed ones first."""
    refs = {(kind, e.id): EntityRef(kind, e.id, e.name) for kind in KINDS for e in kb.table_of(kind).values()}
    shared_car_words = _words_of_several(kb, "car")
    for (kind, id_), ref in refs.items():
        entity = kb.table_of(kind)[id_]
        yield Form(entity.name, ref, 3)
        if kind in ("class", "car", "team") and " " in normalize(entity.name):
            yield Form(normalize(entity.name).replace(" ", ""), ref, 2)  # "gtdpro", "911rsr"
        for alias in entity.aliases:
            yield Form(alias, ref, 3)
            if kind in ("driver", "team"):  # "Eric van de Poole" → "van de poole"; aliases' initials
                for short in _short_forms(kind, alias, None, kb, shared_car_words):
                    yield Form(short, ref, 2 if " " in short else 1)
        for short in _short_forms(kind, entity.name, getattr(entity, "manufacturer", None), kb, shared_car_words):
            yield Form(short, ref, 2 if " " in short else 1)
            if short.count(" ") and set(short.split()) & NAME_PARTICLES:
                yield Form(short.replace(" ", ""), ref, 1)  # "vanderzande"
    yield from _first_names_and_initials(kb, refs)
    yield from _team_words(kb, refs)
    yield from _entrants(kb, refs)
    for car_id, keys in families(kb).items():
        for key in keys:
            yield Form(key, refs[("car", car_id)], 0)
    yield from _make_words(kb, refs)
    yield from _cars_by_make_alias(kb, refs)
    for car in kb.cars.values():
        if car.engine_manufacturer:  # "Lola Mazda", "MG-Lola": the car by its make and engine, as entered
            m, e = (normalize(kb.name("manufacturer", i)) for i in (car.manufacturer, car.engine_manufacturer))
            for text in (f"{m} {e}", f"{e} {m}"):
                yield Form(text, refs[("car", car.id)], 0)


def families(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Car id → the leading parts of its names that name its family ("peugeot 908", "ferrari 296", "huracan").

    A part must say more than the make ("Audi" is not a car) and not be a class ("DPi").
    """
    make_words = {w for m in kb.manufacturers.values() for t in (m.name, *m.aliases) for w in normalize(t).split()}
    classes = {normalize(t) for c in kb.classes.values() for t in (c.name, *c.aliases)}
    out: dict[str, frozenset[str]] = {}
    for car in kb.cars.values():
        keys: set[str] = set()
        for text in (car.name, *car.aliases):
            words = normalize(text).split()
            for end in range(1, len(words)):
                part = words[:end]
                key = " ".join(part)
                if set(part) <= make_words or key in classes or key in COMMON_WORDS or len(key) < 2:
                    continue
                keys.add(key)
        out[car.id] = frozenset(keys)
    return out


def equivalents(kb: KnowledgeBase) -> dict[tuple[str, str], frozenset[str]]:
    """Entities that also count as naming ``(kind, id)``: a related team, a make's parent.

    Doyle-Risi Racing and Risi Competizione are one organisation entered under two names;
    HPD is Honda Performance Development, so "Honda" names it.
    """
    out: dict[tuple[str, str], frozenset[str]] = {}
    for team in kb.teams.values():
        if team.related:
            out[("team", team.id)] = frozenset(team.related)
    names = {normalize(m.name): m.id for m in kb.manufacturers.values()}
    for make in kb.manufacturers.values():
        firsts = {normalize(t).split()[0] for t in (make.name, *make.aliases) if " " in normalize(t)}
        parents = {names[w] for w in firsts if w in names and names[w] != make.id}
        if parents:
            out[("manufacturer", make.id)] = frozenset(parents)
    return out


def _short_forms(kind: str, name: str, make: str | None, kb: KnowledgeBase, shared_car_words: set[str]) -> list[str]:
    words = normalize(name).split()
    out: list[str] = []
    if kind == "driver" and len(words) >= 2:
        # "renger van der zande" → "van der zande" and "zande"; "jj lehto" → "lehto".
        rest = words[1:]
        out.append(" ".join(rest))
        if words[-1] not in NAME_PARTICLES:
            out.append(words[-1])
        if rest and rest[-1] == "jr" and len(rest) >= 2:
            out.append(rest[-2])
    elif kind == "team":
        trimmed = [w for w in words if w not in TEAM_SUFFIXES]
        if trimmed and trimmed != words:
            out.append(" ".join(trimmed))
        initials = "".join(w[0] for w in words if w not in ("by", "with", "of", "and"))
        if len(initials) >= 3 and initials not in LEXICON and initials not in COMMON_WORDS:
            out.append(initials)  # "Chip Ganassi Racing" → "cgr"
    elif kind == "car" and make:
        maker = normalize(kb.name("manufacturer", make)).split()
        rest = words[len(maker) :]
        # "Audi R8" → "r8"; but "Mercedes-AMG GT3" is not "GT3", a word many cars share.
        if words[: len(maker)] == maker and rest and not (len(rest) == 1 and rest[0] in shared_car_words):
            out.append(" ".join(rest))
    return out


def _words_of_several(kb: KnowledgeBase, kind: str) -> set[str]:
    """Words that occur in the names of two or more entities of ``kind`` (not distinctive alone)."""
    counts: Counter[str] = Counter()
    for entity in kb.table_of(kind).values():
        counts.update({w for t in (entity.name, *entity.aliases) for w in normalize(t).split()})
    return {w for w, n in counts.items() if n > 1}


def _first_names_and_initials(kb: KnowledgeBase, refs: dict[tuple[str, str], EntityRef]) -> Iterator[Form]:
    # First names are names fans use alone ("helio"); a shared one ("scott") asks which.
    # Initials of longer names too: "RHR", "RVDZ".
    for driver in kb.drivers.values():
        words = normalize(driver.name).split()
        ref = refs[("driver", driver.id)]
        if len(words) >= 2 and (len(words[0]) >= 4 or driver.name[:2].isupper()) and words[0] not in COMMON_WORDS:
            yield Form(words[0], ref, 1)  # "helio"; and "JJ" (written in capitals: initials used as a name)
        initials = "".join(w[0] for w in words)
        if len(initials) >= 3 and initials not in COMMON_WORDS and initials not in LEXICON:
            yield Form(initials, ref, 1)


def _team_words(kb: KnowledgeBase, refs: dict[tuple[str, str], EntityRef]) -> Iterator[Form]:
    """A team by one distinctive word of its name ("Shank", "Risi") or without its make ("Konica Minolta")."""
    make_words = {w for m in kb.manufacturers.values() for t in (m.name, *m.aliases) for w in normalize(t).split()}
    shared = _words_of_several(kb, "team")
    people = {w for d in kb.drivers.values() for w in normalize(d.name).split()}
    for team in kb.teams.values():
        ref = refs[("team", team.id)]
        for text in (team.name, *team.aliases):
            said = normalize(text).split()
            if len(said) >= 3 and said[-1] in TEAM_SUFFIXES and said[-2] not in COMMON_WORDS | make_words | shared:
                yield Form(f"{said[-2]} {said[-1]}", ref, 2)  # "Shank Racing": the surname with the suffix
            words = [w for w in said if w not in _GENERIC]
            if len(words) < 2:
                continue
            for word in words:
                if len(word) >= 3 and not word.isdigit() and word not in COMMON_WORDS | make_words | shared:
                    # A word that is no English word or driver's name ("Falken", "Konica") names the team
                    # anywhere; an ordinary one ("Action", "Lightning") only where a team is asked for.
                    coined = len(word) >= 4 and word not in LEXICON and word not in people
                    yield Form(word, ref, 1 if coined else 0)
            while words and words[-1] in make_words:
                words = words[:-1]
            while words and words[0] in make_words:
                words = words[1:]
            if words and len(" ".join(words)) >= 3:
                yield Form(" ".join(words), ref, 0)


def _make_words(kb: KnowledgeBase, refs: dict[tuple[str, str], EntityRef]) -> Iterator[Form]:
    """A make of two words by either one no other make uses: "AMG" for Mercedes-AMG."""
    shared = _words_of_several(kb, "manufacturer")
    for make in kb.manufacturers.values():
        words = normalize(make.name).split()
        if len(words) < 2:
            continue
        for word in words:
            if len(word) >= 3 and word not in shared and word not in COMMON_WORDS:
                yield Form(word, refs[("manufacturer", make.id)], 0)


def _cars_by_make_alias(kb: KnowledgeBase, refs: dict[tuple[str, str], EntityRef]) -> Iterator[Form]:
    """A car under its make's other name: "Mercedes GT3" for the Mercedes-AMG GT3, "Chevy Corvette DP"."""
    for car in kb.cars.values():
        make = kb.manufacturers[car.manufacturer]
        words, maker = normalize(car.name).split(), normalize(make.name).split()
        rest = words[len(maker) :] if words[: len(maker)] == maker else words
        for alias in make.aliases:
            if rest and normalize(alias).split() != rest[:1]:
                yield Form(f"{normalize(alias)} {' '.join(rest)}", refs[("car", car.id)], 0)


def _entrants(kb: KnowledgeBase, refs: dict[tuple[str, str], EntityRef]) -> Iterator[Form]:
    """The team as entered that year, and the outfit that ran it ("run by Joest Racing": "Joest")."""
    for race in kb.races.values():
        for result in race.results:
            if not (result.team and result.entrant):
                continue
            ref = refs[("team", result.team)]
            yield Form(_BRACKETS.sub("", result.entrant), ref, 0)
            for operator in _RUN_BY.findall(result.entrant):
                words = normalize(operator).split()
                trimmed = [w for w in words if w not in _GENERIC]
                yield Form(operator, ref, 0)
                if trimmed:
                    yield Form(" ".join(trimmed), ref, 0)
