"""Keyword search over history, format, track and records facts.

Each keyword phrase weighs more the rarer it is among the facts (a word every fact
shares decides nothing) and the more words it has. A fact about other years than
the one asked loses; one about the asked year wins ties.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.knowledge.model import Fact
from bot.qa.normalize import normalize
from bot.qa.vocabulary import STOPWORDS

# Words every question about this race may contain: a keyword made only of these decides nothing.
_GENERIC = STOPWORDS | {"petit", "le", "mans", "plm", "road", "atlanta", "race", "racing"}


def stem(word: str) -> str:
    """A light suffix stripper, so "opened", "opening" and "open" meet; names are never stemmed here
    because only keyword phrases and questions pass through it, both the same way."""
    if word.endswith(("sses", "ches", "shes", "xes")) and len(word) > 5:
        return word[:-2]  # "classes" → "class", "matches" → "match"
    for suffix, keep in (("ing", 5), ("ed", 4), ("s", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep - len(suffix) + 1 and not word.endswith("ss"):
            base = word[: -len(suffix)]
            if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]  # "flipped" → "flip"
            return base
    return word


def stem_text(text: str) -> str:
    return " ".join(stem(w) for w in text.split())


# Words that pad a question without changing it; a second pass of the search leaves them out.
_SOFT = frozenset(("actually", "really", "exactly", "even", "the", "name", "just", "ever", "originally", "please"))


@dataclass(frozen=True, slots=True)
class FactHit:
    fact: Fact
    score: float


class FactIndex:
    def __init__(self, facts: tuple[Fact, ...]) -> None:
        self.facts = facts
        self._phrases: list[list[str]] = []
        self._tokens: list[frozenset[str]] = []
        df: Counter[str] = Counter()
        token_df: Counter[str] = Counter()
        for fact in facts:
            phrases = {stem_text(normalize(k)) for k in fact.keywords}
            phrases = {p for p in phrases if p and not set(p.split()) <= _GENERIC}
            self._phrases.append(sorted(phrases))
            df.update(phrases)
            # Single words of the keywords and title: a weaker signal than a whole keyword phrase.
            words = frozenset(
                w for p in (*phrases, stem_text(normalize(fact.title))) for w in p.split() if w not in _GENERIC
            )
            self._tokens.append(words)
            token_df.update(words)
        n = max(len(facts), 1)
        self._weight = {p: (1 + len(p.split()) * 0.5) * math.log(1 + n / c) for p, c in df.items()}
        self._token_weight = {w: 0.35 * math.log(1 + n / c) for w, c in token_df.items()}
        # Reverse indexes, so a search looks up the question's n-grams instead of scanning every fact.
        self._by_phrase: dict[str, list[int]] = defaultdict(list)
        self._by_token: dict[str, list[int]] = defaultdict(list)
        for i, (fact_phrases, tokens) in enumerate(zip(self._phrases, self._tokens, strict=True)):
            for phrase in fact_phrases:
                self._by_phrase[phrase].append(i)
            for token in tokens:
                self._by_token[token].append(i)
        self._longest = max((len(p.split()) for p in self._weight), default=1)

    def search(
        self, text: str, years: list[int], limit: int = 3, boost_topic: str | None = None, *, loose: bool = False
    ) -> list[FactHit]:
        """Facts ranked by keyword match; ``loose`` also admits facts sharing three or more words."""
        seq = stem_text(text).split()
        words = set(seq)
        phrase_score: dict[int, float] = defaultdict(float)
        seen: set[str] = set()
        # The question as typed, and without the soft words people add ("what does the name
        # petit le mans actually mean" holds the keyword "what does petit le mans mean").
        plain = [w for w in seq if w not in _SOFT]
        for words_seq in (seq, plain) if plain != seq else (seq,):
            for size in range(1, min(self._longest, len(words_seq)) + 1):
                for start in range(len(words_seq) - size + 1):
                    gram = " ".join(words_seq[start : start + size])
                    if gram in seen:
                        continue
                    seen.add(gram)
                    for i in self._by_phrase.get(gram, ()):
                        phrase_score[i] += self._weight[gram]
        shared_by: dict[int, set[str]] = defaultdict(set)
        for word in words:
            for i in self._by_token.get(word, ()):
                shared_by[i].add(word)
        ranked: list[tuple[float, int]] = []
        for i in set(phrase_score) | (set(shared_by) if loose else set()):
            fact, score, shared = self.facts[i], phrase_score.get(i, 0.0), shared_by.get(i, set())
            if not score and (not loose or len(shared) < 3):
                continue  # no keyword phrase (and, when loose, only a word or two in common)
            score += sum(self._token_weight[w] for w in shared)
            if years and fact.years:
                score *= 1.5 if set(years) & set(fact.years) else 0.3
            if boost_topic and fact.topic == boost_topic:
                score *= 2
            ranked.append((-score, i))
        ranked.sort()  # best first; ties keep the facts' file order
        return [FactHit(self.facts[i], -neg) for neg, i in ranked[:limit]]

    def by_topic(self, topic: str) -> list[Fact]:
        return [f for f in self.facts if f.topic == topic]
