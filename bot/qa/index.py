"""Entity index: every way a fan may name a driver, team, maker, car or class.

Exact lookups of normalised word n-grams come first (a dict hit costs nothing);
only words that are not part of the question's ordinary vocabulary are fuzzily
corrected, against the index's own vocabulary of name words, with an edit budget
that grows with the word's length. Surnames and shortened names are derived here,
so the YAML lists only the aliases a person would not guess.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.knowledge.base import KnowledgeBase
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
# Words dropped from team names to get the short form fans use ("Wayne Taylor Racing" → "wayne taylor").
_TEAM_SUFFIXES = {"racing", "motorsport", "motorsports", "team", "competition", "competizione", "sport", "sports"}
_NAME_PARTICLES = {"van", "der", "de", "den", "von", "di", "da", "le", "la", "dos", "jr"}


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

    @property
    def ambiguous(self) -> bool:
        return len(self.refs) > 1


class EntityIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._aliases: dict[str, list[Alias]] = defaultdict(list)
        self.refs: dict[tuple[str, str], EntityRef] = {}
        for kind in ("driver", "team", "manufacturer", "car", "class"):
            for entity in kb.table_of(kind).values():
                ref = EntityRef(kind, entity.id, entity.name)
                self.refs[(kind, entity.id)] = ref
                self._add(entity.name, ref, 3)
                if kind in ("class", "car", "team") and " " in normalize(entity.name):
                    self._add(normalize(entity.name).replace(" ", ""), ref, 2)  # "gtdpro", "911rsr"
                for alias in entity.aliases:
                    self._add(alias, ref, 3)
                    if kind in ("driver", "team"):  # "Eric van de Poole" → "van de poole"; aliases' initials
                        for short in _derived_forms(kind, alias, None, kb):
                            self._add(short, ref, 2 if " " in short else 1)
                for short in _derived_forms(kind, entity.name, getattr(entity, "manufacturer", None), kb):
                    self._add(short, ref, 2 if " " in short else 1)
                    if short.count(" ") and set(short.split()) & _NAME_PARTICLES:
                        self._add(short.replace(" ", ""), ref, 1)  # "vanderzande"
        # First names are names fans use alone ("helio"); a shared one ("scott") asks which.
        # Initials of longer names too: "RHR", "RVDZ".
        for driver in kb.drivers.values():
            words = normalize(driver.name).split()
            ref = self.refs[("driver", driver.id)]
            if len(words) >= 2 and (len(words[0]) >= 4 or driver.name[:2].isupper()) and words[0] not in COMMON_WORDS:
                self._add(words[0], ref, 1)  # "helio"; and "JJ" (written in capitals: initials used as a name)
            initials = "".join(w[0] for w in words)
            if len(initials) >= 3 and initials not in COMMON_WORDS and initials not in LEXICON:
                self._add(initials, ref, 1)
        # Keep only the strongest reading of each alias: "wayne taylor" is first the driver, not the team.
        self._best: dict[str, tuple[tuple[EntityRef, ...], int]] = {}
        for key, aliases in self._aliases.items():
            top = max(a.strength for a in aliases)
            refs = tuple(dict.fromkeys(a.ref for a in aliases if a.strength == top))
            self._best[key] = (refs, top)
        self.vocabulary: list[str] = sorted(
            {word for key in self._best for word in key.split() if len(word) >= 3 and not word.isdigit()}
        )
        self._vocab_set = frozenset(self.vocabulary)
        self._bigrams = frozenset(
            f"{a} {b}" for key in self._best for a, b in zip(key.split(), key.split()[1:], strict=False)
        )

    def _add(self, text: str, ref: EntityRef, strength: int) -> None:
        key = normalize(text)
        if not key or len(key) < 2 or (key in STOPWORDS and strength < 3):
            return
        if any(a.ref == ref and a.strength >= strength for a in self._aliases[key]):
            return
        self._aliases[key].append(Alias(ref, strength))

    def has_bigram(self, first: str, second: str) -> bool:
        """Whether 'first second' occurs inside some name ('arx 05' in 'Acura ARX-05')."""
        return f"{first} {second}" in self._bigrams

    def is_name_word(self, word: str) -> bool:
        """A word of some entity's name or alias (never 'corrected' into an ordinary word)."""
        return word in self._vocab_set

    def lookup(self, text: str) -> tuple[tuple[EntityRef, ...], int] | None:
        return self._best.get(normalize(text))

    def find(self, words: list[str], skip: set[int] | None = None) -> list[Mention]:
        """Entities named in ``words`` (normalised tokens), longest match first, left to right."""
        corrected, fuzzy_at, doubtful_at = self._correct(words, skip or set())
        matches: list[Mention] = []
        taken = set(skip or ())
        for size in range(min(MAX_NGRAM, len(corrected)), 0, -1):
            for start in range(len(corrected) - size + 1):
                span = range(start, start + size)
                if any(i in taken for i in span):
                    continue
                key = " ".join(corrected[start : start + size])
                hit = self._best.get(key)
                if not hit:
                    continue
                refs, strength = hit
                weak = size == 1 and key in COMMON_WORDS
                doubtful = size == 1 and start in doubtful_at
                fuzzy = any(i in fuzzy_at for i in span)
                shown = " ".join(words[start : start + size])
                matches.append(Mention(start, start + size, shown, refs, strength, fuzzy, weak, doubtful))
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


def _derived_forms(kind: str, name: str, make: str | None, kb: KnowledgeBase) -> list[str]:
    words = normalize(name).split()
    forms: list[str] = []
    if kind == "driver" and len(words) >= 2:
        # "renger van der zande" → "van der zande" and "zande"; "jj lehto" → "lehto".
        rest = words[1:]
        forms.append(" ".join(rest))
        if words[-1] not in _NAME_PARTICLES:
            forms.append(words[-1])
        if rest and rest[-1] == "jr" and len(rest) >= 2:
            forms.append(rest[-2])
    elif kind == "team":
        trimmed = [w for w in words if w not in _TEAM_SUFFIXES]
        if trimmed and trimmed != words:
            forms.append(" ".join(trimmed))
        initials = "".join(w[0] for w in words if w not in ("by", "with", "of", "and"))
        if len(initials) >= 3 and initials not in LEXICON and initials not in COMMON_WORDS:
            forms.append(initials)  # "Chip Ganassi Racing" → "cgr"
    elif kind == "car" and make:
        maker = normalize(kb.name("manufacturer", make)).split()
        if words[: len(maker)] == maker and len(words) > len(maker):
            forms.append(" ".join(words[len(maker) :]))
    return forms
