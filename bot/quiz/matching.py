"""Judging a typed answer: generous with spelling, strict about meaning.

Names are linked by the engine's own index (:mod:`bot.qa.index`, forms from
:mod:`bot.qa.aliases`), told which kind the question asks for, so the quiz and ``/ask``
read a name the same way. The rules (docs/quiz-judging.md lists them with examples):

1. One answer. "or", "either", "nor" and negations ("not", "isn't", "never", "anyone but",
   "except") make an answer wrong, whichever name is right.
2. Every name must be right. A wrong person, team, make or car beside the right one is
   wrong; so is a word that looks like a name we do not know ("Tandy and Lietz"). Names
   of other kinds are context ("Capello in the Audi" for a driver).
3. All of them, when all are asked; any of them (several is fine) when one is.
4. A name several entities share, not all of them right ("Taylor"), is ambiguous: the
   player is asked which one.
5. Spelling: accents, case and punctuation never matter; one typo in a word of 5 to 7
   letters and two in a longer one (a swapped pair of letters is one typo); none in a
   shorter word, and never in the first letter or in digits ("R9" is not "R8").
6. Short names are right: a surname no one else shares, a first name, initials, a team
   without its suffix or make ("Wayne Taylor", "Konica Minolta"), a distinctive word of a
   team's name ("Shank", "Risi"), the outfit that ran the entry ("Joest", "CORE").
7. A car by its family ("Peugeot 908" for the 908 HDi FAP, "Ferrari 296", "Huracan") but
   not by its make alone or a more specific other model ("Audi R8 LMS" is not the R8).
   For a make, its parent ("Honda" for HPD) or the winning car, the one the reveal names
   ("Ferrari 333 SP", "MG-Lola", "Lola Mazda"); another car of the make is a wrong name.
8. Numbers as digits or words, also said in pieces ("nine eleven", "oh seven"); a
   two-digit year is never in the future ("'69" is 1969); years in a count's answer
   are context ("3 in a row, 2006 to 2008"); "5x" is 5. A rough value or a range is a
   guess, so wrong: "about 394", "around 2000", "between 2009 and 2015", "at least 4".
9. True or false as people say it: "yes", "yep", "correct", "not true", "it isn't",
   "that's not right"; both, neither or "not sure" is wrong.
10. When the options are shown, a letter picks one; an answer that is a wrong option's
    label is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.knowledge import KnowledgeBase
from bot.qa.aliases import equivalents, families
from bot.qa.index import EntityIndex, Mention, entity_index
from bot.qa.normalize import normalize
from bot.qa.vocabulary import COMMON_WORDS, LEXICON
from bot.quiz import format_answers
from bot.quiz.model import AnswerSpec, Question
from bot.quiz.text import answer_tokens
from bot.quiz.verdict import _NEGATORS
from bot.quiz.verdict import FILLER as FILLER
from bot.quiz.verdict import HEDGES as HEDGES
from bot.quiz.verdict import Judgement as Judgement
from bot.quiz.verdict import Verdict as Verdict

_TRUE = frozenset({"true", "yes", "yeah", "yep", "yup", "ya", "yea", "yeh", "yah", "correct", "right", "t", "y", "fact", "indeed",
                   "absolutely", "course", "certainly", "affirmative", "aye"})  # fmt: skip
_UNSURE = frozenset({"or", "maybe", "perhaps", "either", "dunno", "idk", "idea", "clue", "possibly"})
_UNSURE_AFTER_NOT = frozenset({"sure", "certain", "know", "remember"})
_SO_IT_IS = frozenset({"is", "was", "did", "does", "has"})  # "it is", "it did": true, when nothing else is said
_FALSE = frozenset({"false", "no", "nope", "nop", "nah", "naw", "wrong", "incorrect", "f", "n", "myth", "fake", "untrue", "lie",
                    "negative"})  # fmt: skip
#: A number given as a range or a rough value is a guess around the answer, not the answer.
ROUGHLY = frozenset({"about", "around", "roughly", "approximately", "approx", "circa", "ca", "between", "before",
                     "after", "since", "until", "early", "late", "mid", "over", "under", "least", "most"})  # fmt: skip
_TIMES = re.compile(r"^(?:x(\d+)|(\d+)x)$")  # "5x", "x5": five times
_LETTERS = "abcd"
_PICKING = frozenset({"option", "answer", "letter", "choice", "its", "it", "is", "i", "say", "pick"})  # "option b"
MAX_TOKENS = 16  # longer than any honest answer; beyond it, someone is pasting a list
MAX_ORDINARY = 2  # everyday words around the names ("capello drove brilliantly"); more is not an answer
MIN_FIXED = 5  # a word shorter than this is never taken as a misspelt name ("Piro" is not Pirro)


@dataclass(frozen=True, slots=True)
class _Links:
    """What the judge needs from the knowledge base besides the index, built once per base."""

    index: EntityIndex
    families: dict[str, frozenset[str]]  # car id → its family's names, spaces removed
    equivalents: dict[tuple[str, str], frozenset[str]]
    makes: dict[str, str]  # car id → its make


_LINKS: weakref.WeakKeyDictionary[KnowledgeBase, _Links] = weakref.WeakKeyDictionary()


def _links(kb: KnowledgeBase) -> _Links:
    found = _LINKS.get(kb)
    if found is None:
        makes = {car.id: car.manufacturer for car in kb.cars.values()}
        compact = {car: frozenset(k.replace(" ", "") for k in keys) for car, keys in families(kb).items()}
        found = _LINKS[kb] = _Links(entity_index(kb), compact, equivalents(kb), makes)
    return found


class Matcher:
    """Checks typed answers against a question; one per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._links = _links(kb)

    def check(self, question: Question, text: str) -> Judgement:
        tokens = answer_tokens(text)
        if not tokens:
            return Judgement(Verdict.EMPTY, reason="empty")
        if len(tokens) > MAX_TOKENS:
            return Judgement(Verdict.WRONG, reason="too long")
        letter = [t for t in tokens if t not in _PICKING]
        if question.options_in_prompt and len(letter) == 1 and len(letter[0]) == 1 and letter[0] in _LETTERS:
            index = _LETTERS.index(letter[0])
            ok = index == question.correct
            return Judgement(Verdict.CORRECT if ok else Verdict.WRONG, reason="letter")
        spec = question.spec
        if spec.kind in format_answers.KINDS:  # an order of names, higher or lower: judged there
            return format_answers.judge(self, question, text)
        if spec.kind == "boolean":
            return _check_boolean(spec, tokens)
        hedge = next((t for t in tokens if t in HEDGES), None)
        if hedge is not None:
            what = "a hedge" if hedge in ("or", "either", "nor", "idk", "dunno") else "a negation"
            return Judgement(Verdict.WRONG, reason=f"{what} ({hedge!r}): one answer, please")
        if spec.kind in ("number", "year"):
            return _check_number(spec, tokens)
        if question.options_in_prompt and _is_wrong_option(question, text):
            return Judgement(Verdict.WRONG, reason="a wrong option")
        return _EntityCheck(self._links, question, text, tokens).judge()


def _is_wrong_option(question: Question, text: str) -> bool:
    typed = normalize(text)
    return any(normalize(o) == typed for i, o in enumerate(question.options) if i != question.correct)


class _EntityCheck:
    """One entity answer: its names, linked as /ask links them, each right, wrong or shared."""

    def __init__(self, links: _Links, question: Question, text: str, tokens: list[str]) -> None:
        spec = question.spec
        assert spec.entity_kind is not None
        self.links = links
        self.spec = spec
        self.kind = spec.entity_kind
        self.words = _glue(links.index, tokens)
        # Words of the question itself may be echoed ("Audi won it"); a capitalised unknown word is a name.
        self.echo = frozenset(normalize(question.prompt).split())
        self.reveals = question.reveals
        self.capitalised = frozenset(normalize(w) for w in text.split() if w[:1].isupper())
        self.accepted: dict[str, str] = {i: i for i in spec.ids}  # an id that counts → the target it counts as
        for target in spec.ids:
            for other in links.equivalents.get((self.kind, target), ()):
                self.accepted.setdefault(other, target)
        self.words = self._initials(self.words)

    def judge(self) -> Judgement:
        hits: set[str] = set()
        shared: list[Mention] = []
        covered: set[int] = set()
        prefer = (self.kind, "car") if self.kind == "manufacturer" else (self.kind,)
        for mention in self.links.index.find(self.words, prefer=prefer):
            if self._unsure(mention):
                continue  # a short word bent into a name: not a name here
            covered.update(range(mention.start, mention.end))
            ids = self._readings(mention)
            if not ids:
                continue  # another kind of thing: context ("Capello in the Audi")
            reading, target = self._reading(mention, ids)
            if reading == "right":
                hits.add(target)
            elif reading == "shared":
                shared.append(mention)
            elif mention.end - mention.start == 1 and self._own(mention.key) and self._beside_a_hit(mention):
                continue  # "Frank Montagny": Franck misspelt as another driver's first name, beside his surname
            elif mention.key not in FILLER and mention.key not in self.echo:  # "well", "said": words first
                return Judgement(Verdict.WRONG, reason=f"names {self._label(ids)}")
        loose = [w for i, w in enumerate(self.words) if i not in covered and not self._context(w) and not self._own(w)]
        stranger = next((w for w in loose if w not in LEXICON or w in self.capitalised), None)
        if stranger is not None:
            return Judgement(Verdict.WRONG, reason=f"{stranger!r} names nothing in the answer")
        if len(loose) > MAX_ORDINARY:
            return Judgement(Verdict.WRONG, reason="too many words besides the answer")
        wanted = 1 if self.spec.need == "one" else len(self.spec.ids)
        if shared:
            names = tuple(m.text for m in shared)
            return Judgement(Verdict.AMBIGUOUS, len(hits), wanted, f"which {names[0]}?", names)
        if len(hits) >= wanted:
            return Judgement(Verdict.CORRECT, found=len(hits), wanted=wanted)
        if hits:
            return Judgement(Verdict.PARTIAL, found=len(hits), wanted=wanted)
        return Judgement(Verdict.WRONG, reason=f"no {self.kind} named")

    def _readings(self, mention: Mention) -> frozenset[str]:
        ids = frozenset(r.id for r in mention.refs if r.kind == self.kind)
        cars = [r.id for r in mention.refs if r.kind == "car"]
        if not ids and self.kind == "manufacturer" and cars:
            # The winning car (the one the reveal names) names its make: "Ferrari 333 SP", "Lola
            # Mazda"; another car, even of the right make, is a wrong name.
            if any(f"car:{c}" in self.reveals for c in cars):
                return frozenset(self.links.makes[c] for c in cars)
            return frozenset(f"car:{c}" for c in cars)
        return ids

    def _reading(self, mention: Mention, ids: frozenset[str]) -> tuple[str, str]:
        """ "right" (and the target it counts as), "wrong", or "shared" by a right and a wrong entity."""
        if ids <= self.accepted.keys():
            return "right", min(self.accepted[i] for i in ids)  # a name all of whose readings are right counts once
        if self.kind == "car":
            compact = mention.key.replace(" ", "")
            family = sorted(t for t in self.spec.ids if compact in self.links.families.get(t, ()))
            if family:  # "Peugeot 908" for the 908 HDi FAP; but the 2011 car is called just that: ask
                return ("shared" if mention.strength > 0 else "right"), family[0]
        return ("shared" if ids & self.accepted.keys() else "wrong"), ""

    def _unsure(self, mention: Mention) -> bool:
        """A short word bent into a name, unless the rest of the name is typed right ("Alan McNish")."""
        if not mention.fuzzy:
            return False
        typed = self.words[mention.start : mention.end]
        fixed = mention.key.split()
        if len(typed) != len(fixed):
            return True
        pairs = list(zip(typed, fixed, strict=True))
        short_fix = any(a != b and len(a) < MIN_FIXED for a, b in pairs)
        return short_fix and not any(a == b and len(a) >= MIN_FIXED for a, b in pairs)

    def _initials(self, words: list[str]) -> list[str]:
        """'J Taylor', 'R. Capello': an initial and a surname of a right answer are that answer's full name."""
        table = self.links.index.refs
        names = [normalize(table[(self.kind, i)].name).split() for i in self.spec.ids if (self.kind, i) in table]
        out: list[str] = []
        i = 0
        while i < len(words):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            full = next((n for n in names if len(words[i]) == 1 and len(n) >= 2 and n[0][0] == words[i]
                         and n[-1] == nxt), None)  # fmt: skip
            out.extend(full if full else [words[i]])
            i += 2 if full else 1
        return out

    def _beside_a_hit(self, mention: Mention) -> bool:
        """The next word is the surname of a right answer ('frank' before 'montagny')."""
        table = self.links.index.refs
        after = self.words[mention.end] if mention.end < len(self.words) else ""
        surnames = {normalize(table[(self.kind, i)].name).split()[-1] for i in self.spec.ids if (self.kind, i) in table}
        return after in surnames

    def _own(self, word: str) -> bool:
        """A word of a right answer's name, misspelt ("Alan" beside "McNish"): not somebody else."""
        if len(word) < 3:
            return False
        table = self.links.index.refs
        names = (table[(self.kind, i)].name for i in self.spec.ids if (self.kind, i) in table)
        return any(OSA.distance(word, w, score_cutoff=1) <= 1 for n in names for w in normalize(n).split())

    def _context(self, word: str) -> bool:
        """Filler, an everyday word of questions, a number or a word of the question itself."""
        return word.isdigit() or word in FILLER or word in COMMON_WORDS or word in self.echo

    def _label(self, ids: frozenset[str]) -> str:
        return ", ".join(sorted(ids))


def _glue(index: EntityIndex, tokens: list[str]) -> list[str]:
    """'audi r 8' → 'audi r8', 'jjlehto' → 'jj lehto': a name typed with its spaces elsewhere."""
    whole = index.compact("".join(tokens))
    if whole is not None:
        return whole.split()
    out: list[str] = []
    for token in tokens:
        glued, spaced = out[-1] + token if out else "", f"{out[-1]} {token}" if out else ""
        if (
            glued
            and index.lookup(glued)
            and not index.lookup(spaced)
            and not (index.lookup(out[-1]) and index.lookup(token))
        ):
            out[-1] += token
        else:
            out.append(token)
    return out


def _check_number(spec: AnswerSpec, tokens: list[str]) -> Judgement:
    rough = next((t for t in tokens if t in ROUGHLY), None)
    if rough is not None:
        return Judgement(Verdict.WRONG, reason=f"a guess around the answer ({rough!r})")
    tokens = [next(g for g in m.groups() if g) if (m := _TIMES.match(t)) else t for t in tokens]
    if spec.digits:  # a car number: "08" (2009's Peugeot) is not "8" (2011's)
        said = {t.lstrip("#") for t in tokens if t.lstrip("#").isdigit()}
        if not said:
            return Judgement(Verdict.WRONG, reason="no number")
        ok = said <= spec.digits
        return Judgement(Verdict.CORRECT if ok else Verdict.WRONG, reason="" if ok else "other car number")
    years_are_context = spec.kind == "number" and max(spec.numbers, default=0) < 1000
    values: set[int] = set()
    for token in tokens:
        if token.isdigit():
            value = _as_year(token) if spec.kind == "year" else int(token)
            if years_are_context and len(token) == 4 and 1950 <= value <= 2099:
                continue  # "3 in a row, 2006 to 2008": the years say when, the count is the answer
            values.add(value)
    if not values:
        return Judgement(Verdict.WRONG, reason="no number")
    if not values <= spec.numbers:
        return Judgement(Verdict.WRONG, reason="several numbers" if len(values) > 1 else "other number")
    return Judgement(Verdict.CORRECT)  # ("2000 and 2002", both right, stands)


def _as_year(token: str) -> int:
    """'08 → 2008, '98 → 1998, '69 → 1969 (not a year to come); other numbers unchanged."""
    value = int(token)
    if len(token) == 2:
        return 2000 + value if 2000 + value <= dt.date.today().year else 1900 + value
    return value


def _check_boolean(spec: AnswerSpec, tokens: list[str]) -> Judgement:
    """A negation turns the next true/false word around; alone ("it isn't") it says false."""
    said: set[bool] = set()
    negated = affirmed = False
    for token in tokens:
        if token in _NEGATORS:
            if negated:  # "not not": too clever to judge
                return Judgement(Verdict.WRONG, reason="double negation")
            negated = True
        elif token in _TRUE or token in _FALSE:
            said.add((token in _TRUE) != negated)
            negated = False
        elif token in _UNSURE or (negated and token in _UNSURE_AFTER_NOT):  # "no idea", "not sure"
            return Judgement(Verdict.WRONG, reason="a hedge")
        else:
            affirmed = affirmed or token in _SO_IT_IS
    if negated:
        said.add(False)
    if not said and affirmed:
        said.add(True)
    if len(said) != 1:
        return Judgement(Verdict.WRONG, reason="neither or both")
    ok = said.pop() == spec.truth
    return Judgement(Verdict.CORRECT if ok else Verdict.WRONG)
