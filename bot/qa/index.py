"""Entity index: every way a fan may name a driver, team, maker, car or class.

Exact lookups of normalised word n-grams come first (a dict hit costs nothing);
only words that are not part of the question's ordinary vocabulary are fuzzily
corrected, against the index's own vocabulary of name words, with an edit budget
that grows with the word's length. The forms themselves (surnames, short team names,
a car's family) come from :mod:`bot.qa.aliases`; the quiz judges answers through this
same index (:mod:`bot.quiz.matching`), so "reay" is Hunter-Reay in both.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.knowledge.base import KnowledgeBase
from bot.qa.aliases import forms
from bot.qa.answer import EntityRef
from bot.qa.normalize import normalize
from bot.qa.vocabulary import COMMON_WORDS, LEXICON, STOPWORDS

MAX_NGRAM = 6
# "capelo" → "capello" (92) is a typo; "muller" → "miller" (83) may be somebody else entirely.
SURE_RATIO = 88
# "Did you mean": a phrase we could not link, compared whole with every name (fuzz.ratio). At
# 75, "alan mcnsih" finds Allan McNish (87) and "cadilak" Cadillac (80), while "scott pruett"
# stays a stranger (Scott Dixon: 61). Offered as a question, never as an answer.
NEAR_RATIO = 75
MAX_NEAR = 3


@dataclass(frozen=True, slots=True)
class Alias:
    ref: EntityRef
    strength: int  # 3 full name or listed alias, 2 derived short form, 1 bare surname


@dataclass(frozen=True, slots=True)
class Mention:
    """Entities named by the words ``start:end`` of the question."""

    start: int
    end: int
    text: str
    refs: tuple[EntityRef, ...]
    strength: int
    fuzzy: bool = False
    weak: bool = False  # a single ordinary English word ("long", "said") taken as a name
    doubtful: bool = False  # a lone word bent a long way to fit ("muller" → "miller"): ask, don't answer
    key: str = ""  # the form matched, after spelling fixes ("capelo" → "capello")

    @property
    def ambiguous(self) -> bool:
        return len(self.refs) > 1


class EntityIndex:
    """Every form of every entity (:mod:`bot.qa.aliases`), looked up exactly or with careful typo fixes."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._aliases: dict[str, list[Alias]] = defaultdict(list)
        self.refs: dict[tuple[str, str], EntityRef] = {}
        for form in forms(kb):
            self.refs.setdefault((form.ref.kind, form.ref.id), form.ref)
            self._add(form.text, form.ref, form.strength)
        # Keep only the strongest reading of each alias: "wayne taylor" is first the driver, not the team.
        # Strength 0 names an entity only where its kind is expected (find(..., prefer=kind)).
        self._best: dict[str, tuple[tuple[EntityRef, ...], int]] = {}
        self._by_kind: dict[str, dict[str, tuple[tuple[EntityRef, ...], int]]] = defaultdict(dict)
        for key, aliases in self._aliases.items():
            top = max(a.strength for a in aliases)
            if top > 0:
                self._best[key] = (tuple(dict.fromkeys(a.ref for a in aliases if a.strength == top)), top)
            for kind in {a.ref.kind for a in aliases}:
                top_of_kind = max(a.strength for a in aliases if a.ref.kind == kind)
                refs = tuple(dict.fromkeys(a.ref for a in aliases if a.ref.kind == kind and a.strength == top_of_kind))
                self._by_kind[kind][key] = (refs, top_of_kind)
        self.vocabulary: list[str] = sorted(
            {word for key in self._best for word in key.split() if len(word) >= 3 and not word.isdigit()}
        )
        self._vocab_set = frozenset(self.vocabulary)
        self._bigrams = frozenset(
            f"{a} {b}" for key in self._best for a, b in zip(key.split(), key.split()[1:], strict=False)
        )
        # Spaced keys last, so they win: "peugeot908" reads as "peugeot 908", the words a fan types.
        self._compact = {key.replace(" ", ""): key for key in sorted(self._aliases, key=lambda k: k.count(" "))}

    def _add(self, text: str, ref: EntityRef, strength: int) -> None:
        key = normalize(text)
        if not key or len(key) < 2 or (key in STOPWORDS and strength < 3):
            return
        if any(a.ref == ref and a.strength >= strength for a in self._aliases[key]):
            return
        self._aliases[key].append(Alias(ref, strength))

    def readings(self, kind: str) -> Mapping[str, tuple[tuple[EntityRef, ...], int]]:
        """Every form naming an entity of ``kind``, with its strongest readings of that kind."""
        return self._by_kind.get(kind, {})

    def has_bigram(self, first: str, second: str) -> bool:
        """Whether 'first second' occurs inside some name ('arx 05' in 'Acura ARX-05')."""
        return f"{first} {second}" in self._bigrams

    def is_name_word(self, word: str) -> bool:
        """A word of some entity's name or alias (never 'corrected' into an ordinary word)."""
        return word in self._vocab_set

    def lookup(self, text: str) -> tuple[tuple[EntityRef, ...], int] | None:
        return self._best.get(normalize(text))

    def compact(self, text: str) -> str | None:
        """The form ``text`` is once spaces are ignored ("jjlehto", "audi r 8" → "jj lehto", "audi r8")."""
        return self._compact.get(normalize(text).replace(" ", ""))

    def find(self, words: list[str], skip: set[int] | None = None, prefer: tuple[str, ...] = ()) -> list[Mention]:
        """Entities named in ``words`` (normalised tokens), longest match first, left to right.

        With ``prefer`` (kinds, first first), a form that names an entity of such a kind reads as
        that entity, whatever else it may name ("wayne taylor" is the team where a team is asked for).
        """
        tables = [self._by_kind[kind] for kind in prefer if kind in self._by_kind]
        corrected, fuzzy_at, doubtful_at = self._correct(words, skip or set())
        matches: list[Mention] = []
        taken = set(skip or ())
        for size in range(min(MAX_NGRAM, len(corrected)), 0, -1):
            for start in range(len(corrected) - size + 1):
                span = range(start, start + size)
                if any(i in taken for i in span):
                    continue
                key = " ".join(corrected[start : start + size])
                hit = next((t[key] for t in tables if key in t), None) or self._best.get(key)
                if not hit:
                    continue
                refs, strength = hit
                weak = size == 1 and key in COMMON_WORDS
                doubtful = size == 1 and start in doubtful_at
                fuzzy = any(i in fuzzy_at for i in span)
                shown = " ".join(words[start : start + size])
                matches.append(Mention(start, start + size, shown, refs, strength, fuzzy, weak, doubtful, key))
                taken.update(span)
        matches.sort(key=lambda m: m.start)
        return matches

    def _correct(self, words: list[str], skip: set[int]) -> tuple[list[str], set[int], set[int]]:
        """Replace misspelt name words by the closest index word, when one is clearly closest.

        Also returns the positions whose correction is a long way off (similarity under
        :data:`SURE_RATIO`): alone, such a word may well be a name we do not know at all.
        """
        out = list(words)
        fuzzy_at: set[int] = set()
        doubtful_at: set[int] = set()
        for i, word in enumerate(words):
            if (
                i in skip
                or len(word) < 4
                or any(ch.isdigit() for ch in word)
                or word in self._vocab_set
                or word in COMMON_WORDS
            ):
                continue
            if word in LEXICON:  # "ended" is a word, not a misspelt "Ende"
                continue
            budget = 1 if len(word) <= 7 else 2
            # OSA: a swapped pair of letters ("mcnsih") is one edit, as people make it.
            found = process.extract(word, self.vocabulary, scorer=OSA.distance, score_cutoff=budget, limit=5)
            # People rarely mistype the first letter; requiring it keeps "meaning" from becoming "keating".
            found = [f for f in found if f[0][0] == word[0]]
            if not found:
                continue
            best = found[0][1]
            closest = [choice for choice, score, _ in found if score == best]
            if len(closest) == 1:
                out[i] = closest[0]
                fuzzy_at.add(i)
                if fuzz.ratio(word, closest[0]) < SURE_RATIO:
                    doubtful_at.add(i)
        return out, fuzzy_at, doubtful_at

    def near(self, phrase: str) -> list[EntityRef]:
        """Entities whose name is close to ``phrase`` (which linked to nothing): "did you mean" candidates."""
        query = normalize(phrase)
        if len(query) < 4 or any(ch.isdigit() for ch in query):
            return []
        keys = [k for k, (_, strength) in self._best.items() if strength >= 2 and k[:1] == query[:1]]
        found = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=NEAR_RATIO, limit=10)
        refs = [ref for key, _, _ in found for ref in self._best[key][0] if ref.kind != "class"]
        return list(dict.fromkeys(refs))[:MAX_NEAR]

    def suggest(self, kind: str, text: str, limit: int = 25) -> list[EntityRef]:
        """Autocomplete: entities of ``kind`` ranked by how well their names fit ``text``."""
        refs = [ref for (k, _), ref in self.refs.items() if k == kind]
        query = normalize(text)
        if not query:
            return sorted(refs, key=lambda r: r.name)[:limit]
        choices = {ref: normalize(ref.name) for ref in refs}
        for key, (alias_refs, _) in self._best.items():
            for ref in alias_refs:
                if ref.kind == kind and query in key and query not in choices[ref]:
                    choices[ref] = key
        ranked = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
        prefix = [ref for ref, name in choices.items() if name.startswith(query) or f" {query}" in f" {name}"]
        ordered = list(dict.fromkeys([*sorted(prefix, key=lambda r: r.name), *(ref for _, _, ref in ranked)]))
        return ordered[:limit]


_INDEXES: weakref.WeakKeyDictionary[KnowledgeBase, EntityIndex] = weakref.WeakKeyDictionary()


def entity_index(kb: KnowledgeBase) -> EntityIndex:
    """The index of ``kb``, built once: the engine and the quiz's judge share it."""
    found = _INDEXES.get(kb)
    if found is None:
        found = _INDEXES[kb] = EntityIndex(kb)
    return found
