"""Parsed question → :class:`Query`: what is asked, of which results, measured how.

A query is built from the words of a :class:`~bot.qa.parse.Parsed` question and the
entities linked in it. Every word the query reads is marked as used; the words that
are left over and could change the answer (:data:`MODIFIERS`) are the query's
``ignored`` words, and a question with ignored words is never answered as if they
were not there (see :mod:`bot.qa.rules`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from bot.qa import cues
from bot.qa.answer import EntityRef
from bot.qa.index import Mention
from bot.qa.normalize import NUMBER_WORDS, ORDINALS
from bot.qa.parse import MONTHS, Parsed
from bot.qa.spans import DECADE_WORD, ERA_NOUNS, YearSpan, find_all_spans, find_eras, find_span
from bot.qa.vocabulary import STOPWORDS

Kind = Literal["driver", "team", "manufacturer", "car", "class", "number"]  # number: a car number ("#60")
Asks = Literal["driver", "team", "manufacturer", "car", "class", "number", "year", "count", "yesno", "winners"]
Measure = Literal[
    "list", "count", "distinct", "sum", "difference", "years-between", "rank", "least", "first", "last",
    "every", "missing", "set", "streak", "compare", "share",
]  # fmt: skip
# "before"/"after"/"since": the name bounds the years ("the last Audi win before Peugeot took over").
# "among": "which of Capello, McNish and Pirro won most recently" ranks or picks within those names.
Role = Literal["subject", "with", "without", "other-than", "before", "after", "since", "among"]
_ANCHORS: dict[str, Role] = {"before": "before", "until": "before", "till": "before", "prior": "before",
                             "after": "after", "since": "since"}  # fmt: skip


Pick = Literal["first", "last", "only", "run"]
Figure = Literal["margin", "laps", "race-time", "distance"]  # a race's own figure


@dataclass(frozen=True, slots=True)
class EntityFilter:
    ref: EntityRef
    role: Role
    start: int = -1  # position of the name's first word in the question
    end: int = -1  # position after its last word ("Audi's first one": the word after the name)
    pick: Pick | None = None  # "after Cadillac's first win": which of the name's wins bounds the years
    overall: bool = False  # "the GTLM winner the year after Porsche won overall": the bound counts overall wins


@dataclass(slots=True)
class Query:
    """One question, typed. ``used`` holds the word positions the query was read from."""

    words: list[str]
    asks: Asks = "winners"
    measure: Measure = "list"
    kind: Kind | None = None  # the kind of entity asked for or counted ("how many different drivers")
    also_asks: tuple[Kind, ...] = ()  # "which team won ... and in what car": kinds asked beside the first
    entities: list[EntityFilter] = field(default_factory=list)
    span: YearSpan | None = None
    years: tuple[int, ...] = ()  # single years named ("in 2015")
    not_years: tuple[int, ...] = ()  # years set aside ("not counting 2015", "besides 2025")
    month: int | None = None  # "how many of the races were held in September": races run in that month
    scope: Literal["overall", "class", "any"] = "overall"
    classes: tuple[str, ...] = ()
    engine_kind: str | None = None  # "diesel" | "hybrid"
    category: Literal["prototype", "gt"] | None = None  # "a GT car won overall", "was the winner a prototype"
    race_value: Figure | None = None  # a race's figure compared across years
    smaller: bool = False  # "which finish was closer": the smaller figure is asked for
    scopes_compared: bool = False  # "does Tandy have more class wins or overall wins": one subject, both scopes
    never: bool = False  # "Porsche has never won overall, right?": a negative claim to check
    all_with: bool = False  # "did all of Capello's wins come with Audi": every win of the subject with the name
    never_with: bool = False  # "drivers who never won with ASNA": no win with it at all, not only the races without
    mutual: bool = False  # "did Biela and Pirro always win together": all_with, each way round
    same_race: bool = False  # "the years the same make won overall and GTD": both scopes in one race
    adjacent: bool = False  # "the year after X's last win": only the race next to a before/after bound
    nationality: str | None = None  # "French drivers": a three-letter code; races with such a driver, and only them
    from_pole: bool = False  # "how often did the pole sitter win": races won from pole
    # "before a diesel first won", "since the first hybrid win": the years a kind of winner's first win bounds
    filter_bound: tuple[Role, Literal["engine", "category"], str] | None = None
    # "years between the first diesel win and the first GT car win": the two kinds of winner whose first wins end it
    filter_events: tuple[tuple[Literal["engine", "category", "class"], str], ...] = ()
    nationality_claim: bool = False  # "... and he's English, right?": the subject's nationality is claimed
    shortened: bool | None = None  # True: only shortened races; False: "not counting shortened races"
    position: int | None = None  # a finishing position other than the win (2 = second)
    session: Literal["pole", "fastest-lap"] | None = None  # "the most poles", "fastest laps since 2015"
    rank: int = 1  # "second most wins" → 2
    at_least: int | None = None  # "won for two different manufacturers" → 2 ...
    per_kind: Kind | None = None  # ... counted per manufacturer
    min_wins: int | None = None  # "won more than once" → 2
    max_wins: int | None = None  # "exactly three wins" → 3 (with min_wins 3)
    claimed: int | None = None  # "three in a row" → 3 (a streak's length asked about)
    nth: int = 1  # "Rebellion's second win": with measure "first", the nth of the wins
    claimed_wins: int | None = None  # "Ricky Taylor won it twice, right?" → 2 (a subject's count to check)
    claimed_years: tuple[int, ...] = ()  # "was 2021 Mazda's only win": the win the claim is about, not a filter
    each_year: bool = False  # "which team won in both 2012 and 2013": a win in every year named
    each_span: tuple[YearSpan, ...] = ()  # "won in both the 1000-mile era and the 10-hour era": a win in each
    events: tuple[tuple[EntityRef, Pick], ...] = ()  # "between Audi's last win and Cadillac's first": the gap's ends
    longest: bool = False  # "the longest streak": only the longest runs
    runs_compared: bool = False  # "which had the longer streak, Audi or Peugeot": each subject's own runs
    ended: bool = False  # "who ended Audi's streak": the race after the run
    about_results: bool = False  # the question asks about wins or winners (else it is a stored fact)
    overall_word: bool = False  # "overall" was said ("a GT car ... overall": a fact, not the GT class)
    who: bool = False  # asked "who": drivers, unless the measure lists races
    with_any: bool = False  # "with WTR or with Ganassi": the races with either, not with both
    picked: Literal["first", "latest"] | None = None  # "the latest race": the year was picked from the list
    used: set[int] = field(default_factory=set)
    known_years: tuple[int, ...] = ()  # the race years of the knowledge base (open eras end at the latest)

    @property
    def subjects(self) -> list[EntityRef]:
        return [f.ref for f in self.entities if f.role == "subject"]

    def role(self, *roles: Role) -> list[EntityRef]:
        return [f.ref for f in self.entities if f.role in roles]

    @property
    def unread(self) -> list[str]:
        """Content words no part of the query read: a rule's answer could have dropped any of them.

        Stopwords (but not "not", "only", "never", nor a pronoun the conversation left unresolved:
        they change answers) and :data:`cues.INERT_WORDS`
        are not counted; a number is ("Cadillac won 5 in a row?": a claim the answer must check).
        """
        return [
            w for i, w in enumerate(self.words)
            if i not in self.used and (w.isalpha() or w.isdigit() or DECADE_WORD.fullmatch(w)) and w not in cues.INERT_WORDS
            and (w not in STOPWORDS or w in MODIFIERS or w in _NOT or w in cues.PRONOUNS)
        ]  # fmt: skip

    @property
    def ignored(self) -> list[str]:
        """Words that could change the answer but that the query did not read."""
        return [w for i, w in enumerate(self.words) if i not in self.used and w in MODIFIERS]

    @property
    def _asks_yes_no(self) -> bool:
        """Asked as yes or no: read so, or led by an auxiliary ("was", "did", "is")."""
        return self.asks == "yesno" or (bool(self.words) and self.words[0] in cues.AUXILIARIES)

    @property
    def year_claim(self) -> bool:
        """'was the 2015 winner a prototype', 'did a diesel win in 2012': named years' winners against a filter."""
        kinds = self.category or self.engine_kind or self.nationality  # ("was the 2006 winning car a diesel")
        return self._asks_yes_no and bool(self.years) and not self.span and not self.subjects and bool(kinds)

    @property
    def kind_claim(self) -> bool:
        """'was the Porsche 911 RSR a prototype', 'is the Audi R8 a GT car': what kind of car one car is."""
        one_car = len(self.subjects) == 1 and self.subjects[0].kind == "car"
        return self._asks_yes_no and one_car and self.category is not None and not self.years and not self.span

    @property
    def compositional(self) -> bool:
        """True when the question has more than one part: an aggregate, a span, an exclusion, a filter.

        A count, ranking or first/last with nothing else ("how many wins does Capello have",
        "who has the most wins") is a single lookup and is left to :mod:`bot.qa.lookups`.
        """
        if not self.about_results:
            return False  # "the format before 2014": a stored fact
        if self.claimed_wins is not None or self.from_pole:
            return True  # "X won it twice, right?": checked by the claims rule
        if self.year_claim or self.kind_claim:
            return True  # "did a diesel win in 2012": that year's winner checked against the filter
        if self.measure == "streak":
            # A subject's runs or runs within a span; the all-time table and "X won 9 straight,
            # true?" are the records' lookups.
            if len(self.subjects) == 1 and self.claimed is not None:
                return False  # "Audi won 9 straight from 2000, true?": the claim, checked by the lookups
            # (several: the races they won together; "did Peugeot end Audi's streak" is the breaker lookup)
            if not self.subjects and not self.longest and (self.kind or self.who or self.claimed):
                return True  # "which teams won in back-to-back years": every run, not only the record
            return bool(self.span) or len(self.subjects) == 1 or (len(self.subjects) > 1 and not self.ended)
        if self.measure in (
            "sum",
            "difference",
            "years-between",
            "set",
            "distinct",
            "every",
            "missing",
            "least",
            "share",
        ):
            return True
        if self.measure == "rank" and (
            self.rank > 1 or self.kind == "number" or (self.subjects and self.kind not in (None, "driver"))
        ):  # ("which car number has won the most": the records tables hold no numbers)
            return True  # "the second most wins": the records tables only hold the leaders
        if (
            self.measure == "compare"
            and len(self.subjects) >= 2
            and (self.span or self.classes or any(r.kind == "number" for r in self.subjects))
        ):  # ("has the #10 car won more than the #2": the lookups compare names, not numbers)
            return True
        if any(r.kind == "number" for r in self.subjects) and self.kind not in (None, "number"):
            return True  # "which team ran #2": the lookups know a number's wins, not its teams
        if self.kind == "number" and self.subjects and "number" in (*self.also_asks, self.asks) and not self.unread:
            return True  # "what car numbers did Action Express win with": the lookups know no numbers
        if self.measure == "list" and len({r.kind for r in self.subjects}) >= 2 and not self.years:
            return True  # "which Cadillac wins came in car number 10": the races both names won
        if self.measure in ("first", "last") and self.subjects and (self.scope != "overall" or self.nth > 1):
            return True  # "Mazda's first class win": the lookups know only the first overall win
        if self.measure == "list" and self.asks == self.kind in _LISTED_KINDS and not (self.subjects or self.years):
            # "which teams have won": every winner of the kind; the records lookups read what the query does not
            # ("top 3 teams", "teams with more than one win")
            return not self.unread
        one_year = bool(self.years) and not self.span
        filters = bool(
            self.span
            or self.role("without", "other-than", "with", "before", "after", "since", "among")
            or self.position is not None
            or (self.shortened is not None and not one_year)
            or (
                self.engine_kind
                and not one_year
                and (
                    self.subjects
                    or self.classes
                    or self.kind
                    or self.measure in ("count", "first", "last")
                    or self.asks == "year"
                )  # ("which years did a diesel win": the years, not the first one's story)
            )
            or self.min_wins
            or self.never
            or self.all_with
            or self.scopes_compared
            or self.nationality
            or self.filter_bound
            or self.not_years
            or self.month
            or (self.category and not one_year)
            or (self.classes and (self.subjects or self.measure != "list") and not one_year and not self.overall_word)
        )
        return filters

    def to_dict(self) -> dict[str, object]:
        return {
            "asks": self.asks,
            "measure": self.measure,
            "kind": self.kind,
            "also_asks": list(self.also_asks),
            "entities": [{"kind": f.ref.kind, "id": f.ref.id, "role": f.role} for f in self.entities],
            "span": None if self.span is None else [self.span.start, self.span.end],
            "years": list(self.years),
            "scope": self.scope,
            "classes": list(self.classes),
            "engine_kind": self.engine_kind,
            "nationality": self.nationality,
            "shortened": self.shortened,
            "position": self.position,
            "rank": self.rank,
            "at_least": self.at_least,
            "per_kind": self.per_kind,
            "each_year": self.each_year,
            "session": self.session,
            "category": self.category,
            "min_wins": self.min_wins,
            "max_wins": self.max_wins,
            "claimed": self.claimed,
            "nth": self.nth,
            "not_years": list(self.not_years),
        }


# -- vocabulary: the words each part of a query is read from --------------------------------
#: The event's own name said inside a phrase ("how many overall petit le mans wins", "three plm in a row").
_EVENT_NAME = frozenset({"petit", "le", "mans", "plm"})
KIND_NOUNS: dict[str, Kind] = {
    **dict.fromkeys(
        ("driver", "drivers", "racer", "racers", "pilot", "pilots", "person", "people", "guys", "guy", "men", "blokes"),
        "driver",
    ),
    **dict.fromkeys(("team", "teams", "entrant", "entrants", "squad", "squads", "outfit", "outfits"), "team"),
    **dict.fromkeys(
        (
            "manufacturer",
            "manufacturers",
            "make",
            "makes",
            "brand",
            "brands",
            "marque",
            "marques",
            "constructor",
            "constructors",
            "maker",
            "makers",
            "manufacturer s",
        ),
        "manufacturer",
    ),
    **dict.fromkeys(("car", "cars", "chassis", "model", "models"), "car"),
    **dict.fromkeys(("class", "classes", "category", "categories"), "class"),
    **dict.fromkeys(("number", "numbers"), "number"),
}
WIN_NOUNS = frozenset({"win", "wins", "won", "victory", "victories", "winner", "winners", "times", "time", "titles"})
WIN_VERBS = frozenset({"win", "won", "wins", "winning", "triumph", "triumphed", "took", "take"})
_DIFFERENT = frozenset({"different", "distinct", "unique", "separate", "various", "diff"})
_SUM = frozenset({"combined", "total", "together", "altogether", "sum", "between", "plus"})
_MORE = frozenset({"more", "fewer", "less"})
_OFTEN_WORDS = frozenset({"common", "frequent", "often", "popular", "usual"})
_MOST = frozenset({"most", "winningest", "dominated", "dominant", "dominate", "successful"})
_LEAST = frozenset({"least", "fewest"})
_FIRST = frozenset({"first", "earliest", "inaugural", "maiden"})
_LAST = frozenset({"last", "latest", "final", "recent", "recently", "newest"})
_WITHOUT = frozenset({"without", "excluding", "except", "besides", "minus", "leaving", "ignoring", "discounting",
                      "barring", "excepting"})  # fmt: skip


class Phrases:
    """A fixed list of phrases, looked for only where a question has one's first word (most have none).

    Reading a query tries some hundred phrases; a set intersection over first words skips nearly all.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(phrases)
        self._first: dict[str, list[int]] = {}
        for i, phrase in enumerate(self.phrases):
            self._first.setdefault(phrase.split()[0], []).append(i)

    def found(self, words: Sequence[str]) -> list[tuple[int, str]]:
        """(position, phrase) of each phrase in ``words``, in the list's order."""
        starts = self._first.keys() & set(words)
        if not starts:
            return []
        order = sorted(i for w in starts for i in self._first[w])
        return [(at, self.phrases[i]) for i in order if (at := _phrase_at(words, self.phrases[i])) is not None]


_OTHER = ("other than", "apart from", "aside from", "not counting", "outside of", "rather than", "instead of")
_OTHER_PHRASES = Phrases(_OTHER)
_INERT = Phrases(cues.INERT_PHRASES)
_SINCE_THE_CLASS = Phrases(
    [f"since {who} {began}" for who in ("the class", "that class", "the category", "it", "they", "its")
     for began in ("started", "began", "was introduced", "were introduced", "came in", "debuted", "was created",
                   "first ran", "was added", "arrived", "existed", "has existed", "was launched", "introduction",
                   "debut", "inception", "creation", "start", "first race", "first year")]
    + ["since the start", "since the beginning", "since day one"]
)  # fmt: skip
_POLE_SITTER = Phrases(cues.POLE_SITTER)
_CUT_SHORT = Phrases(
    ("cut short", "ended early", "stopped early", "called early", "fell short", "fall short", "short of")
)
_ENGINE = {"diesel": "diesel", "diesels": "diesel", "hybrid": "hybrid", "hybrids": "hybrid"}
_SHORTENED = frozenset({"shortened", "rain", "red", "flagged", "stopped", "curtailed", "abbreviated", "cut", "short"})
_POSITIONS = {"second": 2, "2nd": 2, "runner": 2, "runners": 2, "third": 3, "3rd": 3, "podium": 0, "podiums": 0,
              "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "p2": 2, "p3": 3}  # fmt: skip
_RANKS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5}
_EVERY = frozenset({"every", "each", "all"})
# Before a name, these exclude it: "not an Audi", "non-Audi", "weren't Cadillacs".
_NEGATING = frozenset({"not", "non", "never", "werent", "wasnt", "isnt", "arent", "weren", "wasn", "isn", "aren"})
_NOT = frozenset({"not", "didnt", "didn", "never", "no", "fail", "failed", "havent", "hasnt", "without", "werent",
                  "wasnt", "arent", "isnt", "weren"})  # fmt: skip

#: Words that change what a question asks. Left unread, they make the query incomplete.
#: Family words: the knowledge does not record who is whose brother, so one is read only before a name.
_FAMILY = frozenset({"brother", "brothers", "sister", "sisters", "dad", "father", "son", "sons", "cousin", "uncle",
                     "nephew", "wife", "husband"})  # fmt: skip
MODIFIERS = frozenset(
    {*_FAMILY, *_DIFFERENT, *_SUM - {"between"}, *_MORE, "than", *_MOST, *_LEAST, *_WITHOUT, "other", "except", "never",
     *_ENGINE, "shortened", "second", "2nd", "third", "3rd", "fourth", "4th", "fifth", "podium", "podiums",
     "runner", "pole", "poles", "fastest", "old", "age", "aged", "oldest", "youngest", "younger", "older",
     "average", "percent", "percentage", "ratio", "per", "median", "longest", "shortest", "biggest", "smallest",
     "closest", "margin", "qualifying", "qualified", "lap", "laps", "nationality", "country", "countries",
     "before", "after", "since", "until", "between", "twice", "both", "neither", "only"}
)  # fmt: skip


#: Every word a query may read: never taken for an unknown name ("Kristensen combined").
QUERY_WORDS = frozenset(
    {*MODIFIERS, *KIND_NOUNS, *WIN_NOUNS, *WIN_VERBS, *_DIFFERENT, *_SUM, *_MORE, *_MOST, *_LEAST, *_FIRST, *_LAST,
     *_WITHOUT, *_ENGINE, *cues.NATIONALITIES, *_SHORTENED, *_POSITIONS, *_EVERY, *_NOT, "apart", "vs", "versus",
     "compare", "compared", "counting", "aside", "outside", "rather", "instead", "put", "closer", "closest", "tighter",
     "tightest", "margin", "margins", "gap", "longer", "shorter", "duration", "wider", "difference"}
)  # fmt: skip


def build_query(p: Parsed, people: Sequence[Mention], classes: Sequence[Mention]) -> Query:
    """Read a query from a parsed question and its (already disambiguated) entities."""
    q = Query(words=list(p.words), known_years=tuple(p.known_years))
    q.used |= {i for i, w in enumerate(p.words) if w in STOPWORDS and w not in MODIFIERS | _NOT | _PRONOUNS}
    q.used |= {i for i, w in enumerate(p.words[:-1]) if w == "most" and p.words[i + 1] in ("recent", "recently")}
    _read_span(q, p, {m.end for m in people})
    _read_own_pronouns(q, people)
    if p.month is not None and not q.years:
        q.month = p.month
        q.used |= {i for i, w in enumerate(q.words) if w in _MONTH_WORDS and _MONTH_WORDS[w] == p.month}
    _read_entities(q, p, people, classes)
    if q.role("other-than"):  # "who else won with McNish other than Capello": the others, said twice
        q.used |= set(_positions(q.words, {"else", "other", "another"}))
    if q.classes:  # "the GTD Pro winners since the class started": all of the class's races, said again
        for at, phrase in _SINCE_THE_CLASS.found(q.words):
            q.used |= set(range(at, at + len(phrase.split())))
    _read_kind(q)
    _read_machine_as_with(q)
    _read_compared_pair(q)
    _read_filters(q)
    _read_measure(q)
    filtered = q.category or q.month or q.shortened is not None or q.engine_kind or q.filter_bound
    if q.measure == "list" and filtered:  # "the only GT car to win overall": the list says whether it is one
        only = {i for i, w in enumerate(q.words) if w == "only" and i and q.words[i - 1] == "the"}
        q.used |= only
        if only and q.years and not q.subjects and q.asks == "yesno":
            q.claimed_years, q.years = q.years, ()  # "was 2009 the only Petit shortened by rain": all of them, checked
    _read_edge_claim(q, bool(filtered))
    if q.scope == "class" and not q.classes and any(f.ref.kind == "class" for f in q.entities):
        q.scope = "overall"  # "since the GTP class came in": the class bounds the years, the wins are overall
    _read_picked_within(q, bool(filtered or q.nationality))
    _read_anchor_year(q)
    _read_presupposed_count(q)
    if q.measure == "rank":  # "the most common winning car number": the one with the most wins
        q.used |= {i for i, w in enumerate(q.words) if w in _OFTEN_WORDS and i and q.words[i - 1] == "most"}
    for at, phrase in _INERT.found(q.words):  # "did Corvette Racing win overall at some point": ever
        q.used |= set(range(at, at + len(phrase.split())))
    if q.words and q.words[0] in _NEGATIVE_OPENINGS:
        q.used.add(0)  # "didn't the 22 car win in 1999?": a yes/no question, asked the negative way
    if q.kind == "number" and q.asks == "count" and "number" not in q.also_asks:
        q.also_asks = (*q.also_asks, "number")  # "how many times has AXR won, and what number was the car"
    return q


def _read_edge_claim(q: Query, filtered: bool) -> None:
    """'was 2009 the first shortened race', 'was 2015 the first time it was shortened': the first (or last)
    race that passes the filter, checked against the year said, not the filter checked of that year."""
    if not filtered or q.subjects or q.asks != "yesno" or len(q.years) != 1:
        return
    edge = [i for i, w in enumerate(q.words) if w in _FIRST | _LAST and i not in q.used]
    if q.measure == "list" and edge:
        q.measure = "first" if q.words[edge[0]] in _FIRST else "last"
        q.used.add(edge[0])
    if q.measure in ("first", "last"):
        q.claimed_years, q.years = q.years, ()


def _read_anchor_year(q: Query) -> None:
    """'before the Ganassi win in 2024': the year says which win bounds the question, it is not a filter."""
    for f in q.entities:
        if f.role not in ("before", "after", "since") or f.end < 0:
            continue
        said = [int(w) for w in q.words[f.end : f.end + 4] if w.isdigit() and len(w) == 4 and int(w) in q.years]
        if said and set(q.words[f.end : f.end + 2]) & {"win", "won", "victory", "wins"}:
            q.years = tuple(y for y in q.years if y not in said)


def _read_picked_within(q: Query, filtered: bool) -> None:
    """'the most recent Petit not won by a Cadillac': the latest race that passes the filter, not the latest race.

    Parsing picks "the latest race" from the whole list before the names and filters are read; with an
    exclusion or a filter the pick is the edge of the races left, the list's first or last.
    """
    with_class = any(f.ref.kind == "class" and f.role == "with" for f in q.entities)  # "the last Petit with LMP3"
    bounded = filtered or with_class or q.role("without", "other-than", "before", "after")
    if q.picked is None or not bounded or len(q.years) != 1:
        return
    q.years = ()
    q.measure = "last" if q.picked == "latest" else "first"


_LISTED_KINDS = frozenset({"driver", "team", "manufacturer", "car"})
_NEGATIVE_OPENINGS = frozenset({"didnt", "wasnt", "isnt", "werent", "hasnt", "havent", "doesnt", "arent", "hadnt"})


_PRONOUNS = frozenset(cues.PRONOUNS)


def _read_own_pronouns(q: Query, people: Sequence[Mention]) -> None:
    """'Jordan Taylor won with his brother', 'Audi and their first win': a pronoun after a name is that name.

    A pronoun with no name before it in the question is one the conversation did not resolve;
    it stays unread, so no answer drops the person it stands for.
    """
    plural = [i for i, w in enumerate(q.words) if w in ("they", "them", "their")]
    # "how many kiwis have won, name them": the answer's own list
    q.used |= {i for i in plural if i and q.words[i - 1] in ("name", "list", "show", "are", "were", "give")}
    if not people:  # "what did they drive in 2023 to win": they are that year's winners
        if q.years:
            q.used |= set(plural)
        return
    first = min(m.start for m in people)
    q.used |= {i for i, w in enumerate(q.words) if w in _PRONOUNS and i > first}


def _read_presupposed_count(q: Query) -> None:
    """'the two rain-shortened races', 'Rebellion's two wins': a count the question takes as given.

    ('their latest one': the word for a win after a pick is read the same way.)

    It names how many things the rest of the question picks out; it is not a filter, so
    it is read (the answer lists them all) rather than left unread.
    """
    owners = {f.end for f in q.entities if f.role == "subject"} | {0}
    for i, w in enumerate(q.words):
        before = q.words[i - 1] if i else ""
        if i not in q.used and w in NUMBER_WORDS and (before in _PRESUPPOSING or i in owners):
            q.used.add(i)
        elif i not in q.used and w in ("one", "ones") and (before in _FIRST | _LAST | _ONE_OF or before in ORDINALS):
            q.used.add(i)  # "their latest one": the win the question is about


_ONE_OF = frozenset({"by", "single", "any"})  # "the longest run by one driver": per driver
_PRESUPPOSING = frozenset({"the", "its", "their", "his", "her", "those", "these"})


_MONTH_WORDS = {w: i for i, w in enumerate(MONTHS, 1)}  # (the words parsing reads a month from)


def _positions(words: Sequence[str], vocabulary: frozenset[str] | set[str] | dict[str, object]) -> list[int]:
    return [i for i, w in enumerate(words) if w in vocabulary]


@lru_cache(maxsize=32)
def _padded(words: tuple[str, ...]) -> str:
    """The words joined and padded with spaces (asked for ~90 times per question, about a few lists)."""
    return f" {' '.join(words)} "


def _phrase_at(words: Sequence[str], phrase: str) -> int | None:
    """Position of the first word of ``phrase`` in ``words``, or None (string search: linear, in C)."""
    padded = _padded(tuple(words))
    at = padded.find(f" {phrase} ")
    return None if at < 0 else padded.count(" ", 0, at + 1) - 1


_THAT_SPAN = frozenset({"span", "period", "stretch", "window", "time", "era", "range", "spell"})


def _said_again(words: list[str]) -> list[int]:
    """'in that span', 'over those years', 'during that period': where the span already read is named again."""
    return [
        i for i, w in enumerate(words[:-2])
        if w in ("in", "over", "during", "within", "across") and words[i + 1] in ("that", "those", "this", "the")
        and (words[i + 2] in _THAT_SPAN or (words[i + 1] == "those" and words[i + 2] in ("years", "seasons", "races")))
    ]  # fmt: skip


def _read_span(q: Query, p: Parsed, name_ends: set[int]) -> None:
    hit = find_span(q.words, p.known_years, p.decade)
    if hit:
        q.span = hit.span
        q.used |= hit.used
        # "across the 2010s (2010-2019)": the same years said again are the span, not two single years
        masked = [w if i not in hit.used else "" for i, w in enumerate(q.words)]
        again = find_span(masked, p.known_years, None)
        if again and (again.span.start, again.span.end) == (hit.span.start, hit.span.end):
            q.used |= again.used
        for at in _said_again(q.words):  # "between 1998 and 2005, who won more than once (in that span)"
            q.used |= {at, at + 1, at + 2}
        # "since IMSA took over in 2014": the era's first year, said again, is the span's start, not a filter
        edge = max(hit.used)
        named = not any(q.words[i].isdigit() for i in hit.used)  # (an era named by words, not by its years)
        q.used |= set() if not named else {
            i for i in range(edge + 1, min(edge + 6, len(q.words)))
            if q.words[i] == str(hit.span.start) and q.words[i - 1] == "in"
        }  # fmt: skip
    years: list[int] = []
    left_out: list[int] = []
    for i, w in enumerate(q.words):
        if w.isdigit() and len(w) == 4 and int(w) in p.years:
            if i not in q.used:
                (left_out if _year_left_out(q, i) else years).append(int(w))
            q.used.add(i)
            if q.words[i + 1 : i + 2] == ["one"] and q.words[i - 1 : i] in (["the"], ["that"]):
                q.used.add(i + 1)  # "who drove the 2025 one": that year's race
    q.years = tuple(dict.fromkeys(years))
    q.not_years = tuple(dict.fromkeys(left_out))
    if q.not_years:  # "besides 2025, when else did the #31 win": the other years
        q.used |= set(_positions(q.words, {"else", "other", "another"}))
    if p.edition is not None:  # "the second Petit Le Mans": the edition parsing read ("second" is no rank here)
        q.used |= {i for i, w in enumerate(q.words) if _rank_of(w) == p.edition or w == f"{p.edition}th"}
    relative = {"first": 0, "latest": -1, "previous": -2}.get(p.relative or "")
    wins = {"win", "wins", "victory", "victories", "triumph"}
    if any(
        w in ("first", "latest", "last", "inaugural", "recent", "recently")
        and (wins & set(q.words[i + 1 : i + 4]) or i in name_ends or _won_before(q.words, i))
        for i, w in enumerate(q.words)
    ):
        relative = None  # "the first and the latest Cadillac win", "Acura's first one": the subject's wins
    if not q.years and relative is not None and len(p.known_years) >= 2:
        # "the first Petit Le Mans", "the latest race", "the first race after the merger"
        within = q.span.years(p.known_years) if q.span else p.known_years
        if len(within) >= 2:
            q.years = (within[relative],)
            q.picked = "first" if p.relative == "first" else "latest" if p.relative == "latest" else None
            said = _RELATIVE_WORDS[p.relative or ""]
            q.used |= {i for i, w in enumerate(q.words) if w in said and i not in q.used}


#: The words parsing reads a race relative to the list from ("the first Petit", "the one before last").
_RELATIVE_WORDS = {
    "first": frozenset({"first", "inaugural", "original", "very", "ever", "one"}),
    "latest": frozenset({"latest", "last", "recent", "newest", "current", "reigning", "one"}),
    "previous": frozenset({"penultimate", "previous", "before", "last", "second", "one", "to"}),
}


_LEFT_OUT = tuple(phrase.split() for phrase in (*_OTHER, "leaving out", "leave out", "ignoring"))
_LEFT_OUT_WORDS = frozenset({"besides", "except", "excluding", "excepting", "barring", "minus"})
_LEFT_OUT_ENDS = frozenset({words[-1] for words in _LEFT_OUT})


def _year_left_out(q: Query, i: int) -> bool:
    """'not counting 2015', 'besides 2025', 'other than 2021': a year set aside; marks the words read."""
    words = q.words
    before = words[max(0, i - 3) : i]
    if not (set(before) & (_LEFT_OUT_WORDS | _LEFT_OUT_ENDS)):
        return False  # (the common case, checked once: a question of 400 years asks this 400 times)
    if before[-1:] and before[-1] in _LEFT_OUT_WORDS:
        q.used.add(i - 1)
        return True
    for phrase in _LEFT_OUT:
        n = len(phrase)
        right_before = before[-n:] == phrase
        if right_before or (before[-n - 1 : -1] == phrase and before[-1:] in (["the"], ["in"])):
            q.used |= set(range(i - n - (0 if right_before else 1), i))  # ("not counting the 2015 race")
            return True
    return False


def _won_before(words: list[str], i: int) -> bool:
    """'won first', 'won most recently' (the subject's wins), not 'won the first race' (the race list)."""
    before = words[i - 1] if i else ""
    return before in WIN_VERBS or (before == "most" and i >= 2 and words[i - 2] in WIN_VERBS)


_VERSUS = frozenset({"vs", "versus", "against", "or"})


def _read_compared_pair(q: Query) -> None:
    """'Audi's wins with the R8 vs the R10': the two cars are compared, and Audi is what both won with.

    Read plainly, the R8 would filter both sides ("with") and the R10 would be compared with Audi.
    """
    subjects = [f for f in q.entities if f.role == "subject"]
    withs = [f for f in q.entities if f.role == "with"]
    if len(subjects) != 2 or len(withs) != 1 or not _VERSUS & set(q.words):
        return
    first, second = subjects
    pair = withs[0]
    if pair.ref.kind != second.ref.kind or first.ref.kind == second.ref.kind or not pair.end <= second.start:
        return
    # (the filters keep their positions: only the two roles change)
    q.entities = [replace(f, role="with") if f is first else replace(f, role="subject") if f is pair else f
                  for f in q.entities]  # fmt: skip


def _read_entities(q: Query, p: Parsed, people: Sequence[Mention], classes: Sequence[Mention]) -> None:
    words = q.words
    previous: tuple[int, Role] | None = None  # (end, role) of the name before
    for m in sorted(people, key=lambda m: m.start):
        q.used |= set(range(m.start, m.end))
        if m.start and words[m.start - 1] in _FAMILY:
            q.used.add(m.start - 1)  # "than his brother Ricky": the name says who
        role = _role_before(words, m.start, q)
        joined = previous is not None and all(w in ("and", "or", "nor", "") for w in words[previous[0] : m.start])
        if joined and previous is not None and role == "subject" and previous[1] != "subject":
            role = previous[1]  # "other than Audi and Cadillac": both excluded
            q.used |= set(range(previous[0], m.start))
        if role == "with" and previous is not None and previous[1] == "with" and "or" in words[previous[0] : m.start]:
            q.with_any = True  # "did Dixon win with WTR or with Ganassi": either one
        pick = _anchor_pick(q, role, m.end)
        q.entities.append(EntityFilter(m.refs[0], role, m.start, m.end, pick, _anchor_overall(q, role, m.end)))
        previous = (m.end, role)
    for i, w in enumerate(words):  # "how many times did car #38 win between 2000 and 2005": a number's wins
        if w.startswith("carnumber") and w[9:].isdigit():
            number = EntityRef("number", w[9:], f"#{w[9:]}")
            q.entities.append(EntityFilter(number, _role_before(words, i, q), i, i + 1))
            q.used.add(i)
    _read_among(q)
    for m in classes:
        era = words[m.end : m.end + 1] and words[m.end] in ERA_NOUNS
        if set(range(m.start, m.end)) <= q.used or era:
            q.used |= set(range(m.start, m.end + (1 if era else 0)))
            continue  # "the DPi era", "during the DPi years, 2017 to 2022": a span, not the DPi class
        q.used |= set(range(m.start, m.end))
        role = _role_before(words, m.start, q)
        if role == "without" and q.subjects and words[m.start - 1 : m.start] in (["win"], ["won"]):
            # "which years did Porsche not win GTLM": the class is where the wins are missing, not an exclusion
            role = "subject"
            q.used -= {i for i in range(max(0, m.start - 3), m.start) if words[i] in _NOT}
        if role == "subject":
            q.classes = (*q.classes, m.refs[0].id)
            q.scope = "class"
        else:
            q.entities.append(EntityFilter(m.refs[0], role))


_CAR_WORDS = frozenset({"car", "cars", "machine", "machines", "entry", "entries"})  # "a GT car"
_PROTOTYPE_WORDS = frozenset({"prototype", "prototypes"})
_CLASS_NOUNS = (["class"], ["classes"], ["category"])


def category_at(words: Sequence[str], start: int, end: int) -> Literal["prototype", "gt"] | None:
    """'a GT car', 'a prototype': the kind of car the words start:end name, or None when they name a class.

    'the GT class', 'the prototype class' and 'GT winners in 2003' are classes.
    """
    said, after = list(words[start:end]), list(words[end : end + 1])
    if after in _CLASS_NOUNS:
        return None
    if said in (["gt"], ["gts"]) and after and after[0] in _CAR_WORDS:
        return "gt"
    if len(said) == 1 and said[0] in _PROTOTYPE_WORDS:
        return "prototype"
    return None


def _read_category(q: Query) -> None:
    for i in range(len(q.words)):
        category = None if i in q.used else category_at(q.words, i, i + 1)
        if category is not None:
            # "without driving a prototype", "a non-GT car": there are two kinds of car, so not one is the other
            q.category = ("gt" if category == "prototype" else "prototype") if _negated(q, i) else category
            after = q.words[i + 1 : i + 2]
            q.used |= {i, *((i + 1,) if after and after[0] in _CAR_WORDS else ())}
            return


def _anchor_pick(q: Query, role: Role, end: int) -> Pick | None:
    """'after Cadillac's first win': the word after a bounding name says which win bounds (read here, so
    "first" is not also the measure)."""
    if role not in ("before", "after", "since") or end >= len(q.words):
        return None
    lead = 0  # "before Peugeot got its first win", "after Audi won for the last time": the pick, said later
    while lead < 4 and end + lead < len(q.words) - 1 and q.words[end + lead] in _PICK_GLUE:
        lead += 1
    if lead and q.words[end + lead] in _FIRST | _LAST:
        q.used |= set(range(end, end + lead))
        end += lead
    word = q.words[end]
    pick: Pick | None = "first" if word in _FIRST else "last" if word in _LAST else None
    if pick:
        q.used.add(end)
    nxt = q.words[end + 1 : end + 3]
    if pick is None and word in _BEGAN | _STOPPED and nxt[:1] in (["winning"], ["to"]):
        pick = "first" if word in _BEGAN else "last"  # "before Audi started winning": before its first win
        q.used |= {end, end + 1} | ({end + 2} if nxt == ["to", "win"] else set())
        return pick
    at = end + 1 if word == "winning" else end
    if pick is None and q.words[at : at + 1] and q.words[at] in _RUN_WORDS:
        pick = "run"  # "after Audi's streak ended", "after audis run": the end of its longest run of wins
        q.used |= set(range(end, at + 1)) | (
            {at + 1} if q.words[at + 1 : at + 2] in (["ended"], ["finished"]) else set()
        )
    return pick


def _anchor_overall(q: Query, role: Role, end: int) -> bool:
    """'after Porsche won overall', 'before Audi's first overall win': the bound is the name's overall wins."""
    if role not in ("before", "after", "since"):
        return False
    for at in range(end, min(end + 4, len(q.words))):
        if q.words[at] == "overall":
            q.used |= set(range(end, at + 1)) | (
                {at + 1} if q.words[at + 1 : at + 2] in (["win"], ["victory"]) else set()
            )
            return True
        if q.words[at] not in _PICK_GLUE | {"win", "first", "last"}:
            return False
    return False


_ENTERED = frozenset({"ran", "runs", "run", "entered", "enters", "fielded", "fields", "prepared"})
_NEVER_GLUE = frozenset({"won", "win", "it", "petit", "races", "race", "one", "overall"})
_PICK_GLUE = frozenset({"got", "get", "took", "scored", "earned", "claimed", "had", "won", "its", "his", "their",
                        "her", "a", "for", "the"})  # fmt: skip
_RUN_WORDS = frozenset({"streak", "run", "reign", "dominance", "era"})
_BEGAN = frozenset({"started", "began", "start", "begin", "starts", "begins"})
_STOPPED = frozenset({"stopped", "stop", "stops", "ceased", "quit"})


def _read_among(q: Query) -> None:
    """'which of Capello, McNish and Pirro ...', 'among Audi and Peugeot': the names are a set to choose from."""
    subjects = [f for f in q.entities if f.role == "subject"]
    if len(subjects) < 2 or len({f.ref.kind for f in subjects}) != 1:
        return
    if len(subjects) == 2 and set(q.words) & _MORE:
        return  # "which of Capello and McNish has more": a comparison of the two
    lead = q.words[max(0, subjects[0].start - 2) : subjects[0].start]
    between = {w for f, g in itertools.pairwise(subjects) for w in q.words[f.end : g.start]}
    # "was the 2014 winner a Corvette or a Cadillac", "which won first, Acura or Nissan": names to choose from
    edge = [i for i, w in enumerate(q.words) if w in _FIRST | _LAST and i not in q.used]
    alternatives = between - {"a", "an", "the"} == {"or"} and (q.years or edge) and not set(q.words) & _MORE
    if alternatives and edge and not q.years:
        q.measure = "first" if q.words[edge[0]] in _FIRST else "last"
        q.used.add(edge[0])
    if (
        not alternatives
        and lead not in (["which", "of"], ["who", "of"], ["of", "these"], ["out", "of"])
        and lead[-1:] != ["among"]
    ):
        return
    q.used |= set(range(max(0, subjects[0].start - 2), subjects[0].start))
    q.used |= {i for i in range(subjects[0].end, subjects[-1].start) if q.words[i] in ("and", "or", "a", "an")}
    q.entities = [EntityFilter(f.ref, "among", f.start, f.end) if f.role == "subject" else f for f in q.entities]
    q.kind = subjects[0].ref.kind if subjects[0].ref.kind != "class" else None  # type: ignore[assignment]


# "the year / race / edition after ...": the next race, not all of them.
_ONE_RACE = frozenset(("year", "race", "edition", "running", "season", "one"))
_RIGHT = frozenset(("right", "just", "immediately", "directly"))


def _role_before(words: Sequence[str], start: int, q: Query) -> Role:
    """'without McNish', 'other than Audi', 'not in an Audi', 'with Kristensen': the entity's role."""
    # ("not won by an Audi": four words back; not past the name before: "with Audi, Capello or McNish")
    named_before = max((f.end for f in q.entities if f.end <= start), default=0)
    window = list(words[max(0, start - 4, named_before) : start])
    for at, phrase in _OTHER_PHRASES.found(window)[:1]:
        q.used |= {start - len(window) + at + k for k in range(len(phrase.split()))}
        return "other-than"
    for k in range(len(window) - 1, -1, -1):
        word = window[k]
        pos = start - len(window) + k
        if word in _NEGATING and pos == 0 and word not in ("not", "non", "never"):
            q.used.add(pos)  # "wasn't Johansson in that car": a question's auxiliary, not an exclusion
            break
        if word in ("besides", "aside"):  # "besides Capello and McNish, who ...": the others, not other races
            q.used.add(pos)
            return "other-than"
        if word in _WITHOUT or (word in _NEGATING and k == len(window) - 1):
            q.used.add(pos)
            return "without"
        glue = ("in", "a", "an", "the", "with", "for", "by", "won", "win", "taken", "driven", "it")  # "NOT won by audi"
        if word in _NEGATING and all(w in glue for w in window[k + 1 :]):
            q.used |= set(range(pos, start))
            q.never_with |= word == "never" and "with" in window[k + 1 :]  # "but never won it with ASNA"
            return "without"
        came_from = word == "from" and k == len(window) - 2 and window[-1] == "the"  # "came from the #31 car"
        if (word in ("with", "alongside", "partnering", "partnered", "beside") or came_from) and k >= len(window) - 2:
            q.used.add(pos)
            if k and window[k - 1] in _NOT:  # "not with Cadillac", "never with McNish": an exclusion
                q.used.add(pos - 1)
                q.never_with |= window[k - 1] == "never"
                return "without"
            never = [j for j in range(k) if window[j] == "never" and set(window[j + 1 : k]) <= _NEVER_GLUE]
            if never:  # "but never won it with ASNA": none of the wins with it
                q.used |= set(range(pos - k + never[0], pos))
                q.never_with = True
                return "without"
            return "with"
        if word in _ANCHORS and pos not in q.used:  # (not "before 2009": the span, read already)
            q.used |= set(range(pos, start))
            near = pos - 1 if pos and words[pos - 1] not in _RIGHT else pos - 2  # "the race right before"
            if _ANCHORS[word] in ("before", "after") and near >= 0 and words[near] in _ONE_RACE:
                q.adjacent = True  # "the year after Peugeot's last win": that one race, not every later one
                q.used |= set(range(near, pos))
            return _ANCHORS[word]
        if word not in ("in", "a", "an", "the", "for", "by", "of", "driving", "won", "win"):
            break  # ("not won by Audi": a negation two words back still excludes)
    return "subject"


def _read_machine_as_with(q: Query) -> None:
    """'which drivers have won in a Cadillac more than once': the make is what they won with, not the subject.

    Only when people or teams are asked and the make or car is said as what they drove ("in a",
    "driving a"), so its wins are the rows the drivers are counted over, as with "with Cadillac".
    """
    if q.kind not in ("driver", "team"):
        return
    for n, f in enumerate(q.entities):
        before = q.words[max(0, f.start - 2) : f.start]
        said = before[-2:] in (["in", "a"], ["in", "an"], ["driving", "a"], ["driving", "an"]) or before[-1:] == ["in"]
        if f.role == "subject" and f.ref.kind in ("manufacturer", "car") and said:
            q.entities[n] = EntityFilter(f.ref, "with", f.start, f.end)


def _shown_with_winners(words: list[str], i: int) -> set[int]:
    """'winners with their cars', 'winners w/ car numbers': what a list of winners shows, not what it asks.

    The positions read (the noun and the words joining it to "winners"), or none.
    """
    if words[i] not in ("car", "cars", "team", "teams", "number", "numbers", "make", "makes", "manufacturers",
                        "drivers", "crews"):  # fmt: skip
        return set()
    j = i - 1 if i and words[i - 1] == "car" else i  # ("car numbers")
    joined = [k for k in range(max(0, j - 3), j) if words[k] in ("w", "with", "and", "their", "plus", "including")]
    before = set(words[max(0, joined[0] - 4) : joined[0]]) if joined else set()
    shown = "winners" in before or (bool(before & {"wins", "victories"}) and words[joined[0]] in ("w", "with", "their"))
    if not shown:  # ("the Nissan and Mazda overall wins w/ drivers"; not "wins between 2006 and 2013 among makes")
        return set()
    return {*joined, j, i}


def _kind_said_as_asked(words: list[str], kind: str) -> bool:
    """'what cars', 'which team': the kind is asked; 'the pole-sitting car' is only what won."""
    return any(
        KIND_NOUNS.get(w) == kind and i and words[i - 1] in ("which", "what", "many") for i, w in enumerate(words)
    )


def _car_not_asked(words: list[str], i: int) -> bool:
    """'car' at ``i`` says something other than that a car is asked: 'which car number', 'a GT car'."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in ("number", "numbers") or KIND_NOUNS.get(nxt) == "manufacturer":
        return True  # "which car number", "how many car makes": the number or the make is asked
    if i and words[i - 1] in _ENGINE and any(KIND_NOUNS.get(w) not in (None, "car") for w in words[i + 1 :]):
        return True  # "won by diesel cars ... and which makes": the kind of car; the makes are asked
    if "who" in words and words[max(0, i - 2) : i] in (["in", "a"], ["in", "an"], ["a"]):
        return True  # "who won overall in a car that wasn't a prototype": the winners, in such a car
    if i >= 2 and words[i - 2] in ("a", "an") and category_at(words, i - 1, i):
        return True  # "did a GT car win": the kind of car, not which car is asked
    return any(w.startswith("carnumber") for w in words[max(0, i - 1) : i + 2])  # "the #10 car": its noun


def _read_who_ran(q: Query) -> None:
    """'who ran the winning Lolas', 'who entered it': the team."""
    ran = [i for i, w in enumerate(q.words[:-1]) if w == "who" and q.words[i + 1] in _ENTERED]
    if q.kind is None and ran:
        q.kind, q.asks = "team", "team"
        q.used |= {ran[0], ran[0] + 1}


def _read_kind(q: Query) -> None:
    """Which kind of entity the question asks for: 'which team', 'how many drivers', 'who'."""
    words = q.words
    for i, w in enumerate(words):
        kind = KIND_NOUNS.get(w)
        if kind is None:
            continue
        shown = _shown_with_winners(words, i)
        if shown:  # "the GTD Pro winners w/ their cars": each winning line gives its car, number and team
            q.used |= shown
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if kind == "class" and i and words[i - 1] in ("any", "either") and words[i - 2 : i - 1] in (["in"], ["of"]):
            q.used |= {i - 1, i}  # "Mazda's first win in any class": overall or class, whichever came first
            q.scope = "any"
            continue
        after_win = bool(i) and words[i - 1] in WIN_VERBS and words[i] == "class"  # "did he win class": in a class
        if kind == "class" and (q.scope == "class" or (i and words[i - 1] in ("a", "the", "that")) or nxt in WIN_NOUNS
                                or after_win):  # fmt: skip
            q.used.add(i)  # "GTD class", "in a class": the scope, said again
            q.scope = "class" if q.scope == "overall" else q.scope
            continue
        if kind == "number" and (nxt == "of" or (i and words[i - 1] in ("the", "a") and nxt == "of")):
            continue  # "the number of wins": a count, read by the measure
        if words[:1] == ["who"] and i and words[i - 1] == "winning" and kind in ("car", "team", "manufacturer"):
            q.used.add(i)  # "who drove the 2018 winning car": what won, described; the people are asked
            continue
        if kind == "car" and _car_not_asked(words, i):
            q.used.add(i)
            continue
        if kind == "driver" and i and cues.NATIONALITIES.get(words[i - 1]) and _counts_wins(words):
            q.used.add(i)  # "how many wins for Kiwi drivers": the wins are counted, the drivers filter them
            continue
        # "the Audi team": a word of the name's kind right after it ("apart from Audi, the most successful make" asks)
        owned = any(f.ref.kind == kind and f.end in (i, -1) for f in q.entities) and i and words[i - 1] not in (
            "which", "what", "many")  # fmt: skip
        if owned:
            q.used.add(i)  # "the Audi team": a word of the name's kind, not what is asked
            continue
        if q.kind is not None and kind != q.kind and i and words[i - 1] in ("which", "what") and kind != "number":
            q.also_asks = (*q.also_asks, kind)  # the answer must give it too (:mod:`bot.qa.delivery`)
        q.kind = q.kind or kind
        q.used.add(i)
    _read_who_ran(q)
    if q.kind is None and any(w in ("who", "whom", "whose") for w in words):
        q.who = True  # a driver when counted or ranked; the winners of each race when listed
    which_years = any(w in ("which", "what") and words[i + 1 : i + 2] in (["year"], ["years"], ["seasons"])
                      for i, w in enumerate(words))  # fmt: skip
    if any(w in ("when", "year", "years", "seasons") for w in words) and (
        q.kind is None or (which_years and not _kind_said_as_asked(words, q.kind))
    ):
        # ("in which years did the pole-sitting car win": years are asked, the car is what won)
        q.kind = None
        q.asks = "year"
        q.used |= {i for i, w in enumerate(words) if w in ("when", "year", "years", "seasons")}
    elif q.kind:
        q.asks = q.kind


#: Words before a filter word that turn it into an exclusion ("not counting the diesel years").
_NEGATORS = frozenset(
    {"not", "non", "without", "excluding", "except", "ignoring", "discounting", "besides", "never", "werent", "wasnt"}
)


def _negated(q: Query, i: int) -> bool:
    """True when the filter word at ``i`` is excluded ('not counting shortened races'); marks the words read."""
    window = range(max(0, i - 4), i)
    negators = [j for j in window if q.words[j] in _NEGATORS]
    phrases = [j for j in window for phrase in _OTHER if _phrase_at(q.words[j:i], phrase) == 0]
    if not negators and not phrases:
        return False
    q.used |= set(negators) | {j + k for j in phrases for k in range(2)}
    return True


def _read_filter_bound(q: Query) -> None:
    """'how many editions were run before a diesel first won': the first such win bounds the years."""
    words = q.words
    for i, w in enumerate(words):
        role = _ANCHORS.get(w)
        if role not in ("before", "after", "since") or i in q.used:
            continue
        window = words[i + 1 : i + 6]
        wins = [k for k, x in enumerate(window) if x in ("won", "win", "winner", "victory", "triumphed")]
        if not wins:
            continue
        for k, x in enumerate(window[: wins[0]]):
            category = category_at(words, i + 1 + k, i + 2 + k)
            if x in _ENGINE or category:
                value = _ENGINE[x] if x in _ENGINE else str(category)
                q.filter_bound = (role, "engine" if x in _ENGINE else "category", value)
                q.used |= set(range(i, i + 2 + wins[0]))
                if role in ("before", "after") and i and words[i - 1] in _ONE_RACE:
                    q.adjacent = True  # "who won the year after the first diesel victory": that one race
                    q.used.add(i - 1)
                return


def _read_filter_events(q: Query) -> None:
    """'how many years between the first diesel win and the first time a GT car won': two kinds' first wins."""
    words = q.words
    if not ({"between", "from"} & set(words) and {"years", "long"} & set(words)):
        return
    found: list[tuple[Literal["engine", "category", "class"], str]] = []
    taken: set[int] = set()
    for i, w in enumerate(words):
        if w not in _FIRST:
            continue
        window = range(i + 1, min(i + 6, len(words)))
        kind = next(
            (j for j in window if words[j] in _ENGINE or category_at(words, j, j + 1) or words[j] in q.classes), None
        )  # ("the first GTP class win": a class's first winner)
        if kind is None or not any(words[j] in ("win", "won", "winner", "victory") for j in window):
            continue
        what: Literal["engine", "category", "class"] = (
            "engine" if words[kind] in _ENGINE else "class" if words[kind] in q.classes else "category"
        )
        value = _ENGINE[words[kind]] if what == "engine" else words[kind] if what == "class" else None
        found.append((what, value or str(category_at(words, kind, kind + 1))))
        taken |= {
            i,
            kind,
            *(j for j in window if words[j] in ("win", "won", "time", "a", "car", "cars", "outright", "class")),
        }
    if len(found) == 2:
        if any(what == "class" for what, _ in found):
            q.classes, q.scope = (), "overall"  # (the class is an event's, not a filter on the rows)
        q.filter_events, q.measure, q.asks = tuple(found), "years-between", "count"
        q.used |= taken | set(_positions(words, {"between", "years", "how", "many", "long", "and", "from", "to"}))


def _read_filters(q: Query) -> None:
    _read_filter_events(q)
    _read_filter_bound(q)
    words = q.words
    for i, w in enumerate(words):
        if i in q.used and (w in _ENGINE or category_at(words, i, i + 1)):
            continue  # ("before a diesel first won": the bound's words, not a filter on the rows)
        if w in _ENGINE:
            q.engine_kind = ("not-" if _negated(q, i) else "") + _ENGINE[w]  # "not counting the diesel years"
            q.used.add(i)
        elif w == "overall" and i not in q.used:  # (not the bound's: "the year after Porsche won overall")
            q.scope = "overall" if q.scope != "class" else "any"
            q.used.add(i)
        elif w in ("class", "classes") and q.scope == "overall" and q.kind != "class":
            q.scope = "class"
            q.used.add(i)
    _read_category(q)
    _read_shortened(q)
    if not _read_from_pole(q):
        _read_session(q)
    _read_position(q)
    _read_nationality(q)
    _read_race_value(q)


# A race's own figures: the cue words, and whether the question wants the smaller one.
_RACE_VALUES: dict[str, tuple[Figure, bool]] = {
    "closer": ("margin", True), "closest": ("margin", True), "tighter": ("margin", True),
    "tightest": ("margin", True), "margin": ("margin", True), "margins": ("margin", True), "gap": ("margin", True),
    "laps": ("laps", False), "lap": ("laps", False), "miles": ("distance", False), "mi": ("distance", False),
    "longer": ("race-time", False), "shorter": ("race-time", True), "duration": ("race-time", False),
}  # fmt: skip
_VALUE_WORDS = frozenset(("finish", "finishes", "race", "races", "winner", "winners", "do", "did", "complete", "completed",
                          "run", "cover", "covered", "than", "or", "more", "fewer", "less", "had", "have", "one"))  # fmt: skip


# A figure's extreme over many races: the superlative, the figure it ranks, and whether the smallest is asked.
_FIGURE_EXTREMES: dict[str, tuple[Figure, bool]] = {
    "closest": ("margin", True), "tightest": ("margin", True), "narrowest": ("margin", True),
    "fewest": ("laps", True), "shortest": ("laps", True), "longest": ("laps", False),
}  # fmt: skip
_FIGURE_NOUNS: dict[str, Figure] = {
    "margin": "margin", "margins": "margin", "gap": "margin", "finish": "margin", "finishes": "margin",
    "laps": "laps", "race": "laps", "races": "laps", "distance": "laps", "time": "race-time", "duration": "race-time",
    "hours": "race-time", "win": "margin", "wins": "margin", "victory": "margin", "victories": "margin",
    "petit": "laps", "petits": "laps", "plm": "laps", "edition": "laps", "editions": "laps",
}  # fmt: skip
_RACE_NOUNS_OF_FIGURES = frozenset({"race", "races", "petit", "petits", "plm", "edition", "editions"})
_LOOSE_NOUNS = frozenset({*_RACE_NOUNS_OF_FIGURES, "finish", "finishes", "win", "wins", "victory", "victories"})
_BIG = frozenset({"biggest", "largest", "widest", "greatest", "most", "smallest", "least", "fewest"})


def _read_figure_extreme(q: Query) -> bool:
    """'the closest finish of the 1000-mile era', 'which race had the fewest laps': the extreme of a figure.

    Only when the superlative is right before the figure's noun, or just after 'margin' ('which margin was
    the biggest'), so 'the most laps by a driver' or 'the longest streak' stay what they are.
    """
    words = q.words
    for i, w in enumerate(words):
        noun = next((n for n in words[i + 1 : i + 3] if n in _FIGURE_NOUNS), None)
        if noun is None and w in _BIG:  # "which margin was the biggest", "the margin was biggest in which year"
            noun = next((n for n in words[max(0, i - 3) : i] if n in ("margin", "margins", "gap")), None)
        if noun is None and w in ("closest", "tightest", "narrowest") and words[i + 1 : i + 2] != ["to"]:
            noun = "finish"  # "which of Audi's wins was the closest": a margin, whatever the noun
        if (
            noun is None
            and w in ("most", "least")
            and i >= 3
            and words[i - 3 : i] in (["win", "by", "the"], ["won", "by", "the"])
        ):
            noun = "margin"  # "which year did the winner win by the most": the widest margin
        if noun is None or i in q.used or (noun in _RACE_NOUNS_OF_FIGURES and w not in ("shortest", "longest")):
            continue
        if noun in ("win", "wins", "victory", "victories") and w not in ("closest", "tightest", "narrowest"):
            continue  # "the fewest wins" is a ranking of wins; only "the closest win" is a margin
        if noun in ("gap", "time") and "between" in words[i + 1 : i + 4]:
            continue  # "the biggest gap between two wins": years between, not a margin
        figure = _FIGURE_NOUNS[noun]
        if w in _FIGURE_EXTREMES and (_FIGURE_EXTREMES[w][0] == figure or figure == "race-time" or noun in
                                     (*_RACE_NOUNS_OF_FIGURES, "finish", "finishes", "distance")):  # fmt: skip
            figure = figure if figure == "race-time" else _FIGURE_EXTREMES[w][0]
            q.smaller = _FIGURE_EXTREMES[w][1]
        elif w in _BIG and noun not in _LOOSE_NOUNS:
            q.smaller = w in ("smallest", "least", "fewest")
        else:
            continue
        if figure == "laps" and {"time", "hours", "duration"} & set(words[i + 1 :]):
            figure = "race-time"  # "the shortest race by time": the race's duration, not its laps
        by_laps = next(
            (at for at in (_phrase_at(words, "by laps"), _phrase_at(words, "in laps")) if at is not None), None
        )
        if figure == "laps" and by_laps is not None:
            q.used |= {by_laps, by_laps + 1}  # "the shortest Petit by laps"
        if figure == "margin" and _phrase_at(words, "in laps") is not None:
            q.used |= set(range(_phrase_at(words, "in laps") or 0, (_phrase_at(words, "in laps") or 0) + 2))
        q.race_value, q.measure = figure, "rank"
        q.used |= {i, *range(i + 1, i + 3), *_positions(words, _VALUE_WORDS | {"winning", "which", "what", "year"})}
        q.used |= {j for j in range(max(0, i - 4), i) if words[j] == noun}  # ("which margin was the biggest")
        q.used |= {j for j, x in enumerate(words) if _FIGURE_NOUNS.get(x) == figure}  # ("..., what year and margin")
        return True
    return False


_COMPARATIVES = frozenset({"closer", "tighter", "shorter", "longer", "wider", "bigger", "smaller", "more", "less"})


def _read_race_value(q: Query) -> None:
    """'which finish was closer, 2007 or 2019', 'how many more laps in 2019 than 2018': two years' figures."""
    words = q.words
    summed = bool({"combined", "total", "altogether", "together", "sum", "add", "added"} & set(words))
    versus = bool((_MORE | {"longer", "shorter", "closer", "wider"}) & set(words)) and "which" in words
    # "laps in the two shortened races combined", "which of the two rain-shortened races went more laps"
    several = len(q.years) >= 2 or ((summed or versus) and (q.shortened is not None or q.span is not None))
    compared = bool({"difference", "differ", "compare", "compared", "versus", "vs"} & set(words))
    if not several and compared and q.span is not None and _phrase_at(words, "between") is not None:
        q.years, q.span = (q.span.start, q.span.end), None  # "the difference in laps between 2017 and 2023"
        several = True
    if not several:
        if len(q.years) != 1:
            _read_figure_extreme(q)  # ("which race did Audi win by the closest margin": among its wins)
        return
    if q.subjects:
        return
    hits = [i for i, w in enumerate(words) if w in _RACE_VALUES]
    if not hits:
        return
    if summed:  # "laps in the two shortened races combined": the figures added up
        q.measure = "sum"
        q.used |= {i for i, w in enumerate(words) if w in ("combined", "total", "altogether", "together", "sum",
                                                              "two", "in", "all", "add", "added", "up")}  # fmt: skip
    q.race_value, q.smaller = _RACE_VALUES[words[hits[0]]]
    if {"miles", "mi"} & set(words):  # "which was longer in miles": the distance, whatever word came first
        q.race_value = "distance"
        q.smaller = bool({"shorter", "fewer", "less"} & set(words))
    if q.race_value == "margin" and any(w in ("wider", "bigger", "biggest", "largest") for w in words):
        q.smaller = False
    if q.race_value == "race-time" and {"laps", "lap"} & set(words):  # "which one was shorter in laps"
        q.race_value, q.smaller = "laps", bool({"shorter", "fewer", "less"} & set(words))
    if q.race_value == "laps" and any(w in ("fewer", "less", "fewest") for w in words):
        q.smaller = True
    how_much = _phrase_at(words, "how much") is not None and bool(_COMPARATIVES & set(words))
    if summed:
        pass
    elif (
        (_phrase_at(words, "how many") is not None and {"more", "fewer", "less"} & set(words))
        or {"difference", "differ"} & set(words)
        or how_much  # "how much closer was the 2007 finish than the 2024 one": by how much
    ):
        q.measure = "difference"
    q.used |= set(hits) | {i for i, w in enumerate(words) if w in _VALUE_WORDS or w in _COMPARATIVES}
    q.used |= {
        i for i, w in enumerate(words) if w in ("difference", "differ", "between", "compare", "compared", "winning")
    }


def _read_nationality(q: Query) -> None:
    """'French drivers', 'how many Italians', 'an American': drivers of one nationality."""
    words = q.words
    for i, w in enumerate(words):
        code = cues.NATIONALITIES.get(w)
        if code is None or i in q.used or words[i + 1 : i + 2] in (["le"], ["series"], ["lemans"]):
            continue  # "American Le Mans Series": a series
        if w.startswith("zealand") and i and words[i - 1] == "new":
            q.used.add(i - 1)
        if w == "states" and not (i and words[i - 1] == "united"):
            continue  # "the United States"; "states" alone is not a country
        if w == "states":
            q.used.add(i - 1)
        subjects = [f.ref for f in q.entities if f.role == "subject"]
        people_said = set(words) & {*WIN_NOUNS, *WIN_VERBS, "drivers", "driver", "crew", "guys", "people"}
        if subjects and all(r.kind != "driver" for r in subjects) and not people_said:
            return  # "was Rebellion Racing French": a team's country, which is not recorded (left unread, declined)
        negated = [j for j in range(max(0, i - 2), i) if words[j] in ("not", "non", "werent", "wasnt", "isnt", "arent")]
        q.nationality = f"not-{code}" if negated else code  # "which of the Peugeot winners weren't French"
        q.used |= {i, *negated}
        said_of = [j for j in range(max(0, i - 3), i) if words[j] in ("he", "she", "is", "was", "hes")]
        if said_of and any(f.ref.kind == "driver" for f in q.entities if f.role == "subject"):
            q.nationality_claim = True  # "Brabham won for Panoz and he's English, right?": his, not a filter
            q.used |= set(said_of)
        winners = bool(
            set(words) & {"winners", "guys", "drivers", "people"}
        )  # "which of the Peugeot winners weren't French"
        if q.kind is None and (not q.subjects or winners) and not _counts_wins(words):
            q.kind = "driver"  # "how many Italians have won": drivers
        return


_ONLY_WIN = frozenset({"win", "victory", "one", "overall", "title", "triumph"})
_CLAIM_CUES = frozenset({"right", "correct", "true", "innit", "yes", "yeah", "surely", "isnt", "didnt", "hasnt"})


def _read_claimed_wins(q: Query, words: list[str]) -> None:
    """'Ricky Taylor won it twice, right?', 'did Brabham win three times': one name's count, claimed.

    'was 2021 Mazda's only win', 'is that Acura's only one': a count of one, claimed of the year said.
    """
    only = next((i for i, w in enumerate(words[:-1]) if w == "only" and words[i + 1] in _ONLY_WIN), None)
    if len(q.subjects) == 1 and only is not None and not q.min_wins:
        q.claimed_wins = 1
        q.claimed_years, q.years = q.years, ()
        q.used |= {only, only + 1}
        return
    if len(q.subjects) != 1 or q.min_wins or not (set(words) & _CLAIM_CUES or words[:1] in (["did"], ["has"])):
        return
    for i, w in enumerate(words):
        after = words[i + 1 : i + 2]
        if words[max(0, i - 1) : i] in (["than"], ["least"], ["most"]):
            continue  # ("more than once", "at least twice": a bound on the count, read as min_wins)
        if w in ("once", "twice", "thrice"):
            n, span = NUMBER_WORDS[w], {i}
        elif ((w.isdigit() and len(w) <= 2) or w in NUMBER_WORDS) and after in (["times"], ["wins"], ["victories"]):
            n, span = (int(w) if w.isdigit() else NUMBER_WORDS[w]), {i, i + 1}
        else:
            continue
        if i in q.used or not n:
            continue
        q.claimed_wins = n
        q.used |= span | set(_positions(words, _CLAIM_CUES | {"it", "did", "has"}))
        return


def _counts_wins(words: Sequence[str]) -> bool:
    """'how many wins', 'how many overall victories', 'how many times': wins are counted, not names."""
    at = _phrase_at(words, "how many")
    between = words[at + 2 : at + 5] if at is not None else []  # "how many overall petit wins"
    counted = next((w for w in between if w not in _EVENT_NAME | {"overall", "class"}), None)
    return counted in ("wins", "victories", "times", "titles")


def _read_from_pole(q: Query) -> bool:
    """'has the pole sitter ever won', 'how often did the car on pole win since 2010': wins from pole."""
    words = q.words
    hits = _POLE_SITTER.found(words)
    if not hits or not set(words) & set(cues.WIN_WORDS):
        return False
    q.from_pole = True
    q.used |= {at + k for at, phrase in hits for k in range(len(phrase.split()))}
    q.used |= set(_positions(words, {"often", "ever", "times", "how", "many", "races"}))
    return True


def _read_session(q: Query) -> None:
    """'poles', 'pole position', 'fastest laps': a session record is what is counted or listed."""
    words = q.words
    poles = [i for i, w in enumerate(words) if w in ("pole", "poles", "polesitter", "polesitters")]
    sitters = [i for i, w in enumerate(words) if w in ("sitter", "sitters", "polesitter", "polesitters")]
    if sitters and q.kind is None:
        q.kind, q.asks = "driver", "driver"  # "how many different pole sitters": drivers
        q.used |= set(sitters)
    laps = [i for i, w in enumerate(words[:-1]) if w in ("fastest", "quickest") and words[i + 1] in ("lap", "laps")]
    laps += [i for i, w in enumerate(words[:-2]) if w == "fastest" and words[i + 1 : i + 3] in (["race", "lap"],)]
    if poles:
        q.session = "pole"
        q.used |= set(poles) | {i + 1 for i in poles if words[i + 1 : i + 2] in (["position"], ["positions"])}
    elif laps:
        q.session = "fastest-lap"
        q.used |= {j for i in laps for j in range(i, min(i + 3, len(words))) if words[j] in ("fastest", "quickest",
                                                                                              "race", "lap", "laps")}  # fmt: skip


def _read_shortened(q: Query) -> None:
    """'shortened races', 'cut short', 'races stopped by a red flag'; 'not counting shortened races' excludes them."""
    words = q.words
    shortened = _positions(words, _SHORTENED)
    cut_short = [at for at, _ in _CUT_SHORT.found(words)]
    red_flag = _phrase_at(words, "red flag")
    strong = [i for i in shortened if words[i] in ("shortened", "curtailed", "abbreviated", "short")]
    if shortened and (strong or red_flag is not None or cut_short):
        first = min([*strong, *cut_short, *([red_flag] if red_flag is not None else [])])
        q.shortened = not _negated(q, first)
        q.used |= set(shortened) | set(
            _positions(words, {"flag", "flags", "flagged", "short", "early", "fell", "fall"})
        )
        if (at := _phrase_at(words, "the full distance")) is not None:  # "fell short of the full distance"
            q.used |= {at + 1, at + 2}
    elif "rain" in words and _rain_race(words):
        q.shortened = not _negated(q, words.index("rain"))
        q.used |= set(_positions(words, {"rain"}))
    else:
        _read_full_distance(q, words)


_FULL = (
    "the full distance",
    "full distance",
    "the distance",
    "the full race",
    "full length",
    "the whole distance",
    "the full 1000 miles",
    "the 1000 miles",
    "1000 miles",
    "the full 10 hours",
    "the 10 hours",
    "10 hours",
)
_FULL_PHRASES = Phrases(_FULL)
_NOT_GO = frozenset({"not", "never", "didnt", "didn", "wasnt", "werent", "failed"})


def _read_full_distance(q: Query, words: list[str]) -> None:
    """'did any race not go the full distance': shortened; 'which races went the full distance': not shortened."""
    for at, phrase in _FULL_PHRASES.found(words):
        verbs = [j for j in range(max(0, at - 3), at) if words[j] in ("go", "went", "run", "ran", "complete", "cover",
                                                                     "completed", "covered", "last", "lasted", "reach",
                                                                     "reached", "do", "did", "goes", "gone")]  # fmt: skip
        if not verbs:
            return
        negated = [j for j in range(max(0, verbs[0] - 2), verbs[0]) if words[j] in _NOT_GO]
        q.shortened = bool(negated)
        q.used |= {*range(at, at + len(phrase.split())), *verbs, *negated}
        return


def _rain_race(words: list[str]) -> bool:
    """'the races won in the rain', 'rain races' (not 'rain shortened', read as shortened)."""
    if _phrase_at(words, "rain shortened") is not None or not ("races" in words or "race" in words):
        return False
    return _phrase_at(words, "in the rain") is not None or _phrase_at(words, "rain race") is not None


_LIST_WORDS = frozenset({"list", "table", "ranking", "rankings", "standings", "leaderboard", "chart"})


def _read_position(q: Query) -> None:
    """'who was second in 2011', 'podium finishes': a finishing place other than the win."""
    words = q.words
    if set(words) & _LIST_WORDS:
        return  # "who's 2nd on the all-time wins list": a rank (see _read_rank)
    for i, w in enumerate(words):
        if w not in _POSITIONS or i in q.used:
            continue  # ("p2 winners": the class P2, already read as a name)
        if any(x in ("top", "topped", "step", "won", "win") for x in words[max(0, i - 3) : i]):
            continue  # "topped the podium", "won from second": the win itself
        after = words[i + 1] if i + 1 < len(words) else ""
        if after == "most" and words[i + 2 : i + 3] in (["often"], ["times"], ["frequently"]):
            q.position = _POSITIONS[w]  # "finished second most often": a place, ranked
            q.used |= {i, i + 2}
            return
        if after in ("most", "best", "highest", "largest", "biggest", "least", "fewest", "to", "time", "win",
                     "wins", "victory", "longest", "straight", "consecutive", "petit", "race", "edition", "running",
                     "annual", "plm", "half", "year", "round", "stint", "driver"):  # fmt: skip
            continue  # "second most wins", "second win", "the second race"
        if after in ("guy", "man", "bloke", "member", "person", "pilot", "driver", "name") and q.role("other-than"):
            q.used |= {i, i + 1}  # "besides Capello and McNish, who was the third guy": the rest of the crew
            continue
        if w in ("runner", "runners") and after not in ("up", "ups"):
            continue
        q.position = _POSITIONS[w]
        q.used |= {i} | ({i + 1} if after in ("up", "ups", "place", "overall", "finish", "finishes") else set())
        q.used |= {j for j, x in enumerate(words) if x in _PLACING_VERBS}  # "who finished second": the place
        return


_PLACING_VERBS = frozenset({"finished", "finish", "finishes", "finishing", "placed", "place", "came", "ended", "was",
                            "were", "up", "ups", "spot", "position"})  # fmt: skip


_STREAK = ("in a row", "straight", "consecutive", "streak", "streaks", "back to back", "successive", "running",
           "succession", "run of", "winning run", "runs of")  # fmt: skip
_STREAK_PHRASES = Phrases(_STREAK)
_LONGEST = frozenset({"longest", "biggest", "best", "most", "record"})
_MIN_WINS = {"more than once": 2, "multiple times": 2, "more than one time": 2, "several times": 2,
             "twice or more": 2, "at least twice": 2, "two or more times": 2, "more than twice": 3,
             "more than two times": 3, "at least three times": 3, "three or more times": 3, "more than three times": 4,
             "at least four times": 4}  # fmt: skip
_MIN_WINS_PHRASES = Phrases(_MIN_WINS)
_TIMES = frozenset({"times", "wins", "victories", "races", "titles"})
_RESULT_WORDS = frozenset({*WIN_NOUNS, *WIN_VERBS, "dominated", "dominant", "winningest", "successful"})


def _read_measure(q: Query) -> None:
    words = q.words
    wordset = set(words)
    counts_races = _phrase_at(words, "how many") is not None and bool(wordset & {"races", "editions", "runnings"})
    lists_races = q.shortened is not None and bool(
        wordset & {"races", "race", "editions", "runnings", "years", "ones", "petit", "petits", "plm"}
    )
    # ("which races were shortened": the races, with their winners, not the story of one of them)
    q.about_results = bool(wordset & _RESULT_WORDS) or counts_races or lists_races or bool(q.role("among"))
    q.about_results |= bool(q.role("other-than")) and q.who and bool(q.years)  # "besides X, who was in it in 2000"
    q.overall_word = "overall" in wordset
    if q.filter_events:
        return  # "years between the first diesel win and the first GT car win": read already
    if q.race_value is not None and q.measure in ("sum", "rank"):
        q.used |= set(_positions(words, {"how", "many", "much", "were", "run", "did", "do"}))
        return  # "how many laps in total in the shortened races": the figures added up, read already
    for i, w in enumerate(words[:-1]):
        n = int(w) if w.isdigit() and len(w) <= 2 else NUMBER_WORDS.get(w) if w not in ("one", "once") else None
        # (alone, "who has three wins" is the records table's exact count; with a span it is a bound)
        if n and n >= 2 and words[i + 1] in ("times", "wins", "victories") and (q.span or q.classes):
            q.min_wins = n  # "did any driver win 3 times in the 2010s": at least three
            q.used |= {i, i + 1}
    _read_claimed_wins(q, words)
    for at, phrase in _MIN_WINS_PHRASES.found(words):
        q.min_wins = _MIN_WINS[phrase]
        q.used |= set(range(at, at + len(phrase.split())))
    _read_bound(q, words)
    if any(at + len(s.split()) - 1 not in q.used and _says_streak(words, at) for at, s in _STREAK_PHRASES.found(words)):
        q.measure = "streak"
        _read_streak(q, words)
        return
    for reader in (
        _read_share,
        _read_all_wins_listed,
        _read_each_year,
        _read_each_subject,
        _read_both_scopes,
        _read_set,
        _read_difference,
        _read_sum,
        _read_distinct,
        _read_rank,
        _read_every,
        _read_missing,
        _read_all_with,
        _read_never,
    ):
        if reader(q, words, wordset):
            break
    else:
        _read_simple(q, words, wordset)
    if q.measure != "sum" and len(q.subjects) < 2:
        # "in total", "altogether", "all time": nothing to add up but the count itself
        q.used |= set(_positions(words, {"total", "altogether", "overall"}))
    # Words of asking for wins ("won", "wins", "winners") are what every query counts.
    q.used |= {i for i, w in enumerate(words) if w in WIN_NOUNS or w in WIN_VERBS or w in ("how", "many", "much")}


def _count_word(word: str) -> int | None:
    if word.isdigit() and len(word) <= 2:
        return int(word)
    return NUMBER_WORDS.get(word) if word not in ("one", "once") else None


_EXACTLY = frozenset({"only", "just", "exactly", "precisely"})
_SO_OFTEN = {"once": 1, "twice": 2, "thrice": 3}
_N_TIME_NOUNS = (["winner"], ["winners"], ["champion"], ["champions"], ["winning"])
_EXACT_GLUE = frozenset(
    {"it", "le", "mans", "overall", "outright", "ever", "petit", "plm", "the"}
)  # "only won overall once"


def _read_exact(q: Query, words: list[str]) -> bool:
    """'which makes have only won once', 'drivers who won just twice', 'won exactly 3 times': that many wins."""
    for i, w in enumerate(words):
        n = _count_word(w) if w.isalpha() or len(w) <= 2 else None
        if n and 2 <= n <= 30 and words[i + 1 : i + 2] == ["time"] and words[i + 2 : i + 3] in _N_TIME_NOUNS:
            if len(q.subjects) == 1:
                q.claimed_wins = n  # "is Capello a four time winner": his count, claimed
            else:
                q.min_wins = q.max_wins = n  # "which three time winners never won in an Audi": exactly three wins
            q.used |= {i, i + 1}
            return True
        n = _SO_OFTEN.get(w)
        width = 1
        if n is None and (_count_word(w) or 0) >= 1 and words[i + 1 : i + 2] and words[i + 1] in _TIMES:
            n, width = _count_word(w), 2
        if n is None:
            continue
        cue = next((j for j in range(max(0, i - 5), i) if words[j] in _EXACTLY), None)
        between = words[cue + 1 : i] if cue is not None else []
        if cue is None or not all(x in WIN_VERBS or x in _RACE_NOUNS or x in _EXACT_GLUE for x in between):
            continue
        q.min_wins = q.max_wins = n
        q.used |= set(range(cue, i + width))  # the cue, the words between and the count
        return True
    return False


def _read_bound(q: Query, words: list[str]) -> None:
    """'3 or more times', 'at least four wins', 'more than 2 times', '3+ wins': a lower bound on wins."""
    if _read_exact(q, words):
        return
    for i, w in enumerate(words):
        n = _count_word(w.rstrip("+"))
        if n is None or not 1 <= n <= 30:
            continue
        nxt = words[i + 1 : i + 4]
        before = words[max(0, i - 2) : i]
        if nxt[:2] == ["or", "more"] and ((nxt[2:] and nxt[2] in _TIMES) or len(nxt) == 2):
            q.min_wins, used = n, {i, i + 1, i + 2, i + 3}
        elif (
            nxt[:2] == ["or", "more"]
            and nxt[2:]
            and nxt[2] in _SCOPE_WORDS
            and words[i + 4 : i + 5]
            and words[i + 4] in _TIMES
        ):
            q.min_wins, used = n, {i, i + 1, i + 2, i + 4}  # "2 or more overall wins" (the scope is read apart)
        elif before == ["at", "least"] and nxt[:1] and nxt[0] in _TIMES:
            q.min_wins, used = n, {i - 2, i - 1, i, i + 1}
        elif before[-1:] == ["exactly"] and nxt[:1] and nxt[0] in _TIMES:
            q.min_wins, q.max_wins, used = n, n, {i - 1, i, i + 1}  # "the drivers with exactly three wins"
        elif before == ["more", "than"] and nxt[:1] and nxt[0] in _TIMES:
            q.min_wins, used = n + 1, {i - 2, i - 1, i, i + 1}
        elif w.endswith("+") and nxt[:1] and nxt[0] in _TIMES:
            q.min_wins, used = n, {i, i + 1}
        elif nxt[:1] and nxt[0] in _TIMES and words[i + 2 : i + 4] == ["or", "more"]:
            q.min_wins, used = n, {i, i + 1, i + 2, i + 3}
        else:
            continue
        q.used |= {j for j in used if j < len(words)}
        return


_SCOPE_WORDS = frozenset({"overall", "outright", "class"})
_STREAK_UNITS = _EVENT_NAME | {"years", "times", "races", "petits", "editions", "titles"}


def _says_streak(words: list[str], at: int) -> bool:
    """'three years running' is a streak; 'without WTR running the car' is not (running after a count or unit)."""
    if words[at] != "running":
        return True
    before = words[at - 1] if at else ""
    return before in _STREAK_UNITS or before in ("wins", "victories") or _count_word(before) is not None or (
        before.isdigit() and len(before) <= 2
    ) or words[at + 1 : at + 2] in (["wins"], ["victories"], ["years"], ["races"], ["titles"])  # fmt: skip


def _read_streak(q: Query, words: list[str]) -> None:
    """'three in a row', 'back to back' (two), 'how many in a row': the length asked about, if any."""
    for phrase in (*_STREAK, "how many"):  # ("how many in a row": the streak's length)
        at = _phrase_at(words, phrase)
        if at is not None:
            q.used |= set(range(at, at + len(phrase.split())))
    q.about_results = True  # a streak is of wins, whether or not a word of winning is said
    if (at := _phrase_at(words, "back to back to back")) is not None:
        q.claimed = 3  # "who won back to back to back": three in a row
        q.used |= set(range(at, at + 5))
    if (at := _phrase_at(words, "how long")) is not None:
        q.used |= {at, at + 1}  # "how long was Audi's streak": its length, which the answer gives
    ended = _positions(words, {"ended", "end", "ending", "broke", "snapped", "stopped", "halted", "finished"})
    if ended and q.subjects:
        q.ended = True
        q.used |= set(ended)
    compared = _positions(words, {"longer", "bigger", "better", "vs", "versus", "compare", "compared"})
    which = _positions(words, {"which", "who"}) and _positions(words, {"longest", "most", "biggest", "best"})
    named = len(q.subjects) + len(q.role("among"))  # ("which of Audi and Peugeot": read as among them)
    if named >= 2 and not {"together", "both"} & set(words) and (compared or which):
        q.runs_compared = True  # (not "did Montagny and Sarrazin win three in a row together": the shared run)
        q.entities = [replace(f, role="subject") if f.role == "among" else f for f in q.entities]
        q.used |= set(compared) | set(_positions(words, {"which", "who", "of", "or", "had", "has"}))
    elif len(q.subjects) >= 2:
        q.used |= set(_positions(words, {"together"}))  # the races all of them won: the shared run
    longest = _positions(words, _LONGEST)
    if longest:
        q.rank = 1  # only the longest runs
        q.longest = True
        q.used |= set(longest)
    for i, w in enumerate(words):
        n = int(w) if w.isdigit() and len(w) <= 2 else NUMBER_WORDS.get(w)
        nxt = words[i + 1 : i + 2]
        unit = i + 1  # "five years in a row", "three petit le mans in a row": the words for what was won
        while unit < min(len(words), i + 4) and words[unit] in _STREAK_UNITS:
            unit += 1
        units = unit > i + 1 and words[unit : unit + 1] in (["in"], ["straight"], ["running"])
        if (
            n
            and 2 <= n <= 30
            and i not in q.used
            and (nxt in (["in"], ["straight"], ["consecutive"], ["successive"], ["wins"], ["victories"]) or units)
        ):
            q.claimed = n  # "three in a row", "five years in a row", "4 times running"
            q.used |= set(range(i, unit)) if units else {i}
    if words and words[0] in ("did", "has", "have", "was", "were", "is", "does", "do", "had"):
        q.asks = "yesno"


def _read_each_year(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'which team won in both 2012 and 2013', 'who won each of 2006, 2007 and 2008': a win in every year.

    'which drivers were in all of Peugeot's wins': every year of the subject's wins.
    """
    eras = find_eras(words, q.known_years) if wordset & {"both", "each", "every"} else []
    if len(eras) < 2 and wordset & {"both", "each", "every"}:  # "both before 2010 and after 2015"
        eras = find_all_spans(words, q.known_years)
    if len(eras) >= 2 and not q.subjects:  # "any driver who won in both the ALMS years and the DPi era"
        q.measure, q.each_year, q.per_kind, q.at_least = "set", True, None, None
        q.each_span, q.span = tuple(h.span for h in eras), None
        said = {int(words[i]) for h in eras for i in h.used if words[i].isdigit()}
        q.years = tuple(y for y in q.years if y not in said)  # ("after 2014": a span's bound, not a year)
        q.kind = q.kind or "driver"
        q.asks = q.kind
        q.used |= {i for h in eras for i in h.used} | set(_positions(words, {"both", "each", "every", "and", "the"}))
        return True
    if _in_all_of_its_wins(q, words):
        q.measure, q.each_year, q.per_kind, q.at_least = "set", True, None, None
        q.kind = q.kind if q.kind and q.kind != q.subjects[0].kind else "driver"
        q.asks = q.kind
        q.used |= set(_positions(words, {"all", "of", "every", "each", "one", "in", "winning", "cars", "car"}))
        return True
    same = "same" in wordset and q.kind is not None  # "did the same team win in 2016 and 2023"
    if len(q.years) < 2 or not (wordset & {"both", "each", "every", "all"} or same) or q.subjects:
        return False
    q.measure, q.each_year, q.per_kind, q.at_least = "set", True, None, len(q.years)
    q.used |= set(_positions(words, {"both", "each", "every", "all", "and", "of", "same"}))
    if q.kind is None:
        q.kind, q.asks = "driver", "driver"
    return True


def _in_all_of_its_wins(q: Query, words: list[str]) -> bool:
    """'in all of Peugeot's winning cars', 'in every one of Audi's wins': one subject, each of its wins."""
    if len(q.subjects) != 1 or q.years or q.role("with"):
        return False
    start = next(f.start for f in q.entities if f.role == "subject")
    before = words[max(0, start - 3) : start]
    after = words[start:][:6]
    return (before[-2:] == ["all", "of"] or before[-3:] in (["every", "one", "of"], ["each", "one", "of"])) and bool(
        {"wins", "winning", "victories", "win"} & set(after)
    )


def _read_each_subject(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'which drivers won with both Audi and Peugeot': entities of one kind with a win for each subject."""
    named = q.role("subject", "with")
    if q.kind is None and "both" in wordset and (q.who or wordset & {"anyone", "anybody", "someone", "somebody"}):
        q.kind = "driver"  # "has anyone won for both ASNA and Champion": a driver
    if q.kind is None or len(named) < 2 or any(s.kind == q.kind for s in named):
        return False
    exclusive = all(s.kind in ("manufacturer", "car", "team") for s in named)  # one per result: never together
    if not wordset & {"both", "each", "all"} and not (exclusive and "and" in wordset):
        return False
    q.entities = [EntityFilter(f.ref, "subject") if f.role == "with" else f for f in q.entities]
    q.measure, q.per_kind = "set", None
    q.at_least = len(named)
    q.used |= set(_positions(words, {"both", "each", "all", "and", "with", "for"}))
    return True


_SCOPES_JOINED = frozenset({"and", "plus", "together", "combined", "total", "both", "including", "incl", "or"})


def _read_both_scopes_counted(q: Query, words: list[str], wordset: set[str]) -> None:
    """'how many wins has Tandy got, overall and class together': one count over both scopes."""
    if not ("overall" in wordset and wordset & {"class", "classes"} and wordset & _SCOPES_JOINED) or q.classes:
        return
    q.scope = "any"
    q.kind = None if q.kind == "class" else q.kind
    q.used |= set(_positions(words, {"overall", "class", "classes", *_SCOPES_JOINED, "wins", "in", "a"}))


def _read_all_wins_listed(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'list all of Nick Tandy's wins, overall and class': every win of the subject, in both scopes."""
    if len(q.subjects) != 1 or _phrase_at(words, "how many") is not None or q.years or q.span:
        return False
    if not ("overall" in wordset and wordset & {"class", "classes"} and wordset & _SCOPES_JOINED):
        return False
    if not wordset & {"list", "all", "every", "show", "give", "name"} or wordset & {"both", "also", "well", "too"}:
        return False  # ("has X won both overall and in a class": the two-scope set)
    q.scope = "any"
    q.kind = None if q.kind == "class" else q.kind
    q.asks = "winners" if q.asks == "class" else q.asks
    q.used |= set(_positions(words, {"overall", "class", "classes", "all", "every", "of", *_SCOPES_JOINED, "in", "a"}))
    return True


def _read_both_scopes(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'drivers who won both overall and in a class', 'a class as well as overall': a set over two scopes."""
    as_well = _phrase_at(words, "as well as")
    joined = {"both", "and"} <= wordset or as_well is not None or ("and" in wordset and wordset & {"also", "too"})
    # "which GTLM car also won overall": a named class is the class side, "also" joins it
    joined = joined or (bool(q.classes) and bool(wordset & {"also", "too"}))
    same = [
        i for i in _positions(words, {"same"}) if KIND_NOUNS.get(words[i + 1 : i + 2][0] if i + 1 < len(words) else "")
    ]
    joined = joined or (bool(same) and "and" in wordset)  # "the same make won overall and GTD"
    if not (joined and "overall" in wordset and (wordset & {"class", "classes"} or q.classes)):
        return False  # ("how many wins, overall and class": not joined, a count over both scopes)
    if same:  # both in one race: "in what years did the same make win overall and GTD"
        q.same_race, q.kind = True, KIND_NOUNS[words[same[0] + 1]]
        q.used |= {same[0], same[0] + 1} | set(_positions(words, {"the", "win", "won", "year", "years", "race"}))
        q.used |= {i for i in _positions(words, {"same"}) if words[i + 1 : i + 2] in (["year"], ["race"], ["time"])}
        q.used |= set(_positions(words, {"ever", "time"}))
    q.measure, q.scope = "set", "any"
    q.per_kind = None  # the two scopes are what must both be present
    q.at_least = 2
    q.used |= set(_positions(words, {"both", "and", "overall", "class", "classes", "a", "in", "also", "too"}))
    q.used |= set(range(as_well, as_well + 3)) if as_well is not None else set()
    if q.kind is None:
        q.kind, q.asks = "driver", "driver"
    return True


def _read_set(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'drivers who won for two different manufacturers', 'won with more than one team'."""
    for i, w in enumerate(words):
        kind = KIND_NOUNS.get(w)
        if kind is None or i < 1 or (kind == q.kind and kind in ("class", "driver")):
            continue
        count = _count_before(words, i)
        if count is None or (
            kind == q.kind and words[max(0, min(count[1], default=i) - 1)] in ("top", "best", "first")
        ):
            continue  # ("the top 2 makes": a ranking)
        if kind == q.kind:  # "has anyone won driving two different makes": the makes are counted per driver
            q.kind = None
        q.measure, q.at_least, q.per_kind = "set", count[0], kind
        q.used |= {i, *count[1]}
        if q.kind is None:
            q.kind, q.asks = "driver", "driver"
        return True
    return False


def _count_before(words: list[str], i: int) -> tuple[int, set[int]] | None:
    j = i - 1
    used = set()
    if words[j] in _DIFFERENT:
        used.add(j)
        j -= 1
    if j < 0:
        return None
    if _phrase_at(words[max(0, j - 2) : j + 1], "more than one") is not None:
        return 2, used | {j - 2, j - 1, j}
    if j >= 2 and words[j] in ("more", "over") and words[j - 1] == "or":  # "two or more different teams"
        used |= {j - 1, j}
        j -= 2
    word = words[j]
    n = NUMBER_WORDS.get(word) if not word.isdigit() else int(word)
    if n is None or not 2 <= n <= 10 or word in ("once", "twice", "thrice"):
        return None
    if j >= 2 and words[j - 1] == "least" and words[j - 2] == "at":
        used |= {j - 2, j - 1}
    return n, used | {j}


def _read_difference(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'how many more wins does Audi have than Cadillac', 'years between X's first and last win'."""
    compare = wordset & {*_MORE, "vs", "versus", "compare", "compared", "better", "than"}
    if wordset & {"difference", "differ"} and len(q.subjects) == 2 and q.race_value is None:
        q.measure = "difference"  # "the difference in wins between Audi and Peugeot": by how many
        q.used |= set(_positions(words, {"difference", "differ", "between", "and", "in", "of", "wins", "win"}))
        return True
    if compare and len(q.subjects) == 1 and {"class", "overall"} <= wordset:
        q.scopes_compared, q.measure, q.scope = True, "compare", "any"  # "more class wins or overall wins"
        q.used |= set(_positions(words, compare | {"or", "and", "class", "overall", "wins", "classes"}))
        return True
    if compare and len(q.subjects) >= 2:
        _frame_of_compared(q)
        how_many = _phrase_at(words, "how many") is not None or _phrase_at(words, "how much") is not None
        q.measure = "difference" if how_many and wordset & _MORE else "compare"
        q.used |= set(_positions(words, compare | {"or", "and"}))
        return True
    return _read_gap(q, words, wordset)


def _frame_of_compared(q: Query) -> None:
    """'of Audi's wins, Champion vs Audi Sport North America': two teams compared, the lone make their frame."""
    kinds = [f.ref.kind for f in q.entities if f.role == "subject"]
    lone = [k for k in set(kinds) if kinds.count(k) == 1]
    if len(kinds) < 3 or len(set(kinds)) != 2 or len(lone) != 1:
        return
    q.entities = [EntityFilter(f.ref, "with", f.start, f.end, f.pick) if f.role == "subject" and f.ref.kind == lone[0]
                  else f for f in q.entities]  # fmt: skip


def _read_gap(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'years between Capello's first and last win', 'how long between Audi's last win and Cadillac's first'."""
    how_long = _phrase_at(words, "how long") is not None
    if _read_gap_from_anchor(q, words, how_long):
        return True
    if not (wordset & {"between", "apart", "gap"} or ({"from", "to"} <= wordset)):
        return False
    if not (how_long or wordset & {"years", "gap"}):
        return False
    picks: list[tuple[int, Pick]] = [
        (i, "first" if w in _FIRST else "last") for i, w in enumerate(words) if w in _FIRST | _LAST
    ]
    subjects = sorted((f.start, f.ref) for f in q.entities if f.role == "subject")
    events: list[tuple[EntityRef, Pick]] = []
    gap_word = any(w in ("between", "apart") and i not in q.used for i, w in enumerate(words))  # (not a span's)
    wins_gap = not picks and gap_word and not q.span and bool(wordset & WIN_NOUNS)
    if len(subjects) == 1 and ({p for _, p in picks} == {"first", "last"} or wins_gap):
        events = [(subjects[0][1], "first"), (subjects[0][1], "last")]  # ("between Rebellion's two wins")
    elif len(subjects) == 2:
        chosen: dict[int, Pick] = {}
        for i, pick in picks:  # each "first"/"last" belongs to the nearer name
            k = min(range(2), key=lambda k: abs(subjects[k][0] - i))
            chosen.setdefault(k, pick)
        events = [(ref, chosen.get(k, "only")) for k, (_, ref) in enumerate(subjects)]
    elif not subjects and ({p for _, p in picks} == {"first", "last"} or ("two" in wordset and not q.years)):
        pass  # "years between the first and the last win", "between the two shortened races": under the filters
    else:
        return False
    q.measure, q.asks, q.events = "years-between", "count", tuple(events)
    q.used |= {i for i, _ in picks} | set(_positions(words, {"between", "apart", "gap", "years", "long", "from", "to"}))
    return True


def _read_gap_from_anchor(q: Query, words: list[str], how_long: bool) -> bool:
    """'how many years after Cadillac's first win did Acura get its first': from one event to the other."""
    anchors = [f for f in q.entities if f.role in ("after", "before")]
    subjects = [f for f in q.entities if f.role == "subject"]
    years_asked = how_long or _phrase_at(words, "how many years") is not None
    if not years_asked or len(anchors) != 1 or len(subjects) != 1 or q.adjacent:
        return False
    anchor, subject = anchors[0], subjects[0]
    later = [w for w in words[subject.end :] if w in _FIRST | _LAST]
    default: Pick = "first" if anchor.role == "after" else "last"
    pick: Pick = ("first" if later[0] in _FIRST else "last") if later else default
    own: Pick = anchor.pick or ("last" if anchor.role == "after" else "first")
    at = q.entities.index(anchor)  # both names are now the gap's ends, not a bound on the years
    q.entities[at] = EntityFilter(anchor.ref, "subject", anchor.start, anchor.end, anchor.pick)
    q.measure, q.asks = "years-between", "count"
    q.events = ((anchor.ref, own), (subject.ref, pick))
    q.used |= {i for i, w in enumerate(words) if w in _FIRST | _LAST | {"years", "long", "did", "get", "its", "their"}}
    return True


def _read_sum(q: Query, words: list[str], wordset: set[str]) -> bool:
    included = {"included", "including", "incl"}  # "Honda-powered wins, Acura included": both counted
    cues_ = _SUM - {"between"} | included | {"added"}  # ("their wins added up")
    if _phrase_at(words, "how many") is not None and not set(words) & _MORE:
        cues_ = cues_ | {"or"}  # "how many wins for Honda or Acura engines": both counted
    if words[:1] in (["did"], ["have"], ["has"], ["had"]) and _phrase_at(words, "how many") is None:
        cues_ = cues_ - {"together"}  # "did McNish and Pirro win together": their shared wins, not a sum
        if len(q.subjects) >= 2:  # (with one name, "together" is with someone the question does not name)
            q.used |= set(_positions(words, {"together"}))
    subjects = sorted((f for f in q.entities if f.role == "subject"), key=lambda f: f.start)
    # "how many wins for Honda/HPD-engined cars": two names said as one (the slash is a space by now)
    slashed = _phrase_at(words, "how many") is not None and any(
        a.end == b.start and a.ref.kind == b.ref.kind for a, b in itertools.pairwise(subjects)
    ) and not set(words) & _MORE  # fmt: skip  # ("the #911 Porsche": one car, not two names)
    if len(q.subjects) >= 2 and (wordset & cues_ or _phrase_at(words, "between them") or slashed):
        q.measure = "sum"
        q.used |= set(_positions(words, _SUM | included | {"them", "all", "added", "add", "up"}))  # ("added together")
        return True
    return False


def _read_distinct(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'how many different drivers have won since 2014'."""
    how_many = _phrase_at(words, "how many")
    if how_many is None:  # "the number of different drivers", "count of unique makes"
        how_many = next(
            (i for i, w in enumerate(words[:-2]) if w in ("number", "count") and words[i + 1] == "of"), None
        )
    if how_many is None:
        return False
    after = words[how_many + 2 : how_many + 4]
    if q.kind is None and set(after) & _DIFFERENT and wordset & {"winners", "winner", "people"}:
        q.kind = "driver"  # "how many unique winners": drivers
    if q.kind is None:
        return False
    if not (set(after) & _DIFFERENT or (after and KIND_NOUNS.get(after[0]) == q.kind)):
        return False
    q.measure, q.asks = "distinct", "count"
    q.used |= set(_positions(words, _DIFFERENT))
    return True


def _read_rank(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'most wins', 'second most successful team', 'fewest wins'."""
    superlative = _MOST | _LEAST | (_MORE if q.role("among") else set())  # "which of these three won more"
    most = [  # (not "at least 3 times", not "most recently": the last)
        i for i in _positions(words, superlative) if i not in q.used and words[i + 1 : i + 2] != ["recently"]
    ]
    listed = [i for i, w in enumerate(words) if _rank_of(w) and wordset & _LIST_WORDS and wordset & WIN_NOUNS]
    if not most and listed and not q.subjects:
        q.measure, q.rank = "rank", _rank_of(words[listed[0]]) or 1  # "2nd on the all-time wins list"
        q.used |= {listed[0], *_positions(words, _LIST_WORDS | {"all", "time", "on", "the"})}
        q.kind, q.asks = (q.kind, q.kind) if q.kind else ("driver", "driver")
        return True
    if not most or (q.subjects and q.kind is None):
        return False
    i = most[0]
    q.measure = "least" if words[i] in _LEAST or words[i] in ("fewer", "less") else "rank"
    before = words[i - 1] if i else ""
    rank = _rank_of(before)
    if rank and i - 1 not in q.used:  # ("finished second most often": the place, read already)
        q.rank = rank
        q.used.add(i - 1)
        q.position = None if q.position == q.rank else q.position
    q.used |= {i, *_positions(words, {"the", "successful"})}
    if q.kind is None:
        q.kind = "driver"
        q.asks = "driver"
    return True


def _rank_of(word: str) -> int | None:
    """'second' → 2, '5th' → 5, 'tenth' → 10: an ordinal before 'most'."""
    if word in ORDINALS:
        return ORDINALS[word] if ORDINALS[word] > 1 else None
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m and int(m.group(1)) > 1 else None


def _read_every(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'did Audi win every year from 2000 to 2008', 'each year between'."""
    nouns = {"year", "years", "race", "races", "edition", "editions", "time", "petit", "plm", "one", "running"}
    # "every"/"each" with a span and a subject is the claim; "all" only with a race noun ("all the races")
    claims = bool(wordset & {"every", "each"}) or ("all" in wordset and bool(wordset & nouns))
    if q.subjects and q.span and claims:
        q.measure, q.asks = "every", "yesno"
        q.used |= set(_positions(words, _EVERY | nouns | {"single", "le", "mans"}))
        return True
    return False


def _read_missing(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'which years did Audi not win between 2000 and 2010'."""
    nots = [i for i in _positions(words, _NOT) if i not in q.used and words[i + 1 : i + 2] != ["counting"]]
    if q.subjects and nots and q.asks == "year":
        q.measure = "missing"
        q.used |= set(nots)
        # "the first year after 2000 that Audi didn't win": the earliest of those years
        edges = [i for i in _positions(words, set(_MISSING_EDGES)) if i not in q.used and i < nots[0]]
        if q.picked is not None and len(q.years) == 1:
            q.years = ()  # ("the most recent year Cadillac didn't win": parsing picked the latest race, not it)
        elif edges:
            q.picked = _MISSING_EDGES[words[edges[0]]]
            q.used |= {edges[0], *(i for i in _positions(words, {"most"}) if i + 1 in edges)}
        return True
    return False


_MISSING_EDGES: dict[str, Literal["first", "latest"]] = {
    "first": "first", "earliest": "first", "last": "latest", "latest": "latest", "recent": "latest",
}  # fmt: skip


def _read_all_with(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'did all of Capello's wins come with Audi', 'X won all three of his petits with WTR, right?'."""
    times = _phrase_at(words, "both times")  # "did Jordan win with Ricky both times": each of his wins
    pair = [f for f in q.entities if f.role == "subject"]
    together = "together" in wordset and bool(wordset & {"every", "each", "always"})
    if together and len(pair) == 2 and pair[0].ref.kind == pair[1].ref.kind and not q.role("with"):
        # "did Biela and Pirro always win together": each one's wins, with the other
        q.entities = [EntityFilter(f.ref, "with", f.start, f.end) if f is pair[1] else f for f in q.entities]
        q.mutual = True
        q.used |= set(_positions(words, {"together", "and"}))
    if len(q.subjects) != 1 or len(q.role("with")) != 1 or not (wordset & {"all", "every", "each", "always"} or times):
        return False
    q.all_with, q.asks = True, "yesno"
    q.used |= {times, times + 1} if times is not None else set()
    q.used |= set(_positions(words, {"all", "every", "each", "always", "of", "his", "her", "its", "their", "right",
                                     "come", "came", "petits", "races", "wins", "true", "correct"}))  # fmt: skip
    q.used |= {i for i, w in enumerate(words) if _count_word(w) is not None}  # "all three"
    return True


_SHARE_WORDS = frozenset({"percent", "percentage", "proportion", "fraction"})


def _read_share(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'what share of all the races did Audi win', 'what percentage of Petits has Cadillac won': wins over races."""
    cue = [i for i, w in enumerate(words) if w in _SHARE_WORDS or (w == "share" and words[i + 1 : i + 2] == ["of"])]
    if not cue or len(q.subjects) != 1:
        return False
    q.measure = "share"
    q.used |= set(cue) | set(_positions(words, {"of", "all", "the", "races", "petits", "editions", "what"}))
    return True


def _read_never(q: Query, words: list[str], wordset: set[str]) -> bool:
    """'Porsche has never won overall, right?', 'has Audi never won in 2010': the claim of no win, checked."""
    at = [i for i in _positions(words, {"never"}) if i not in q.used]
    if not at or len(q.subjects) != 1 or q.asks == "year" or _phrase_at(words, "how many") is not None:
        return False
    q.never, q.asks = True, "yesno"
    q.used |= set(at) | set(_positions(words, {"right", "correct", "true", "yes", "isnt", "eh", "huh"}))
    return True


def _read_simple(q: Query, words: list[str], wordset: set[str]) -> None:
    how_many = _phrase_at(words, "how many")
    number_of = _phrase_at(words, "number of")
    number_of = None if number_of is None or words[number_of - 1 : number_of] == ["car"] else number_of
    count_said = "count" in wordset and not _phrase_at(words, "count for") and not _phrase_at(words, "count towards")
    # ("the car number of the 2019 winner" asks a number; "which championship did it count for" a championship)
    if how_many is not None or number_of is not None or count_said:
        q.measure, q.asks = "count", "count"
        counted = words[how_many + 2 : how_many + 3] if how_many is not None else []
        races_counted = bool(counted) and counted[0] in _RACE_NOUNS | {"times", "wins", "victories", "le"}
        which_kind = any(KIND_NOUNS.get(w) and i and words[i - 1] in ("which", "what") for i, w in enumerate(words))
        races_counted |= _counts_wins(words) and not which_kind  # "how many wins have gone to diesel cars": wins
        if q.kind and not q.subjects and q.kind != "class" and not races_counted:
            # "how many manufacturers have won since 2017": makes, not wins ("how many times did a car
            # wearing #2 win", "how many petit le mans were won by diesel cars": races)
            q.measure = "distinct"
        q.used |= set(_positions(words, {"number", "count", "tally", "races", "editions"}))
        _read_both_scopes_counted(q, words, wordset)
        if len(q.classes) >= 2:  # "class wins in GT2 and GTLM combined": one count over both classes
            q.used |= set(_positions(words, {"combined", "together", "total", "altogether", "between"}))
        return
    nth = next((i for i, w in enumerate(words[:-1]) if (ORDINALS.get(w) or _rank_of(w) or 0) > 1
                and words[i + 1] in ("win", "victory", "one", "title") and i not in q.used), None)  # fmt: skip
    if nth is not None and q.subjects:  # "what year did Rebellion get their second win"
        q.measure, q.nth = "first", ORDINALS.get(words[nth]) or _rank_of(words[nth]) or 1
        q.used |= {nth, nth + 1}
        return
    after_name = {f.end for f in q.entities if f.role == "subject"}  # "Audi's first one": its first win
    first = [i for i in _positions(words, _FIRST) if i not in q.used and (_names_a_win(words, i) or i in after_name)]
    last = [i for i in _positions(words, _LAST) if i not in q.used and (_names_a_win(words, i) or i in after_name)]
    if first or last:
        q.measure = "first" if first and (not last or first[0] < last[0]) else "last"
        q.used |= set(first or last) | {i - 1 for i in last if words[i] == "recently" and words[i - 1] == "most"}
    if words and words[0] in ("did", "has", "have", "was", "were", "is", "does", "do", "had") and q.asks == "winners":
        q.asks = "yesno"
        q.used.add(0)
    q.used |= {j for i in range(len(words) - 1) if " ".join(words[i : i + 2]) in _TAGS for j in (i, i + 1)}
    tag = _TAGS.get(" ".join(words[-2:])) or _TAGS.get(" ".join(words[-1:]))
    if tag:  # "the 2015 winner was a prototype, wasn't it": a claim to check
        q.asks = "yesno" if q.asks == "winners" else q.asks
        q.used |= set(range(len(words) - tag, len(words)))


#: Question tags that make a statement a yes/no question, and how many words they take.
_TAGS = {"wasnt it": 2, "isnt it": 2, "didnt he": 2, "didnt they": 2, "didnt it": 2, "wasnt he": 2, "right": 1,
         "correct": 1, "true": 1, "innit": 1, "yeah": 1, "no": 1}  # fmt: skip


_RACE_NOUNS = frozenset({"petit", "race", "races", "edition", "running", "plm", "one", "event"})


def _names_a_win(words: list[str], i: int) -> bool:
    """'first win', 'last GTD winner', 'won first': not 'the first race' (a year, read by parsing)."""
    after = words[i + 1 : i + 4]
    if words[i + 1 : i + 2] in (["non"], ["not"]) and set(words[i + 2 : i + 6]) & WIN_NOUNS:
        return True  # "the last non Cadillac overall winner": the last win of the rest
    if i and words[i - 1] in WIN_VERBS:  # "who won last between 2018 and 2023"
        return True
    if after and after[0] in _RACE_NOUNS:
        j = i + 1
        while j < len(words) and words[j] in _EVENT_NAME | {"race"}:
            j += 1  # "Acura's most recent Petit win", "its last Petit Le Mans victory": a win, not the race
        return j > i + 1 and j < len(words) and words[j] in WIN_NOUNS
    if after and after[0] in ("year", "time", "season"):
        # "the first year a non-Audi won", "the last time the race got cut short"; "what car did they
        # win with the last time": the question's win, the last of them
        if i + 2 == len(words) and after[0] == "time" and set(words[:i]) & WIN_VERBS:
            return True
        return bool(set(words[i + 2 :]) & (WIN_VERBS | _SHORTENED | {"short", "shortened"}))
    return bool(set(after) & (WIN_NOUNS | WIN_VERBS)) or i + 1 == len(words) or after[0] in KIND_NOUNS
