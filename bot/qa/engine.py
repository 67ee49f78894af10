"""Question answering: text in, one :class:`~bot.qa.answer.Answer` out.

The engine answers only what the knowledge base supports. It asks back
(``clarify``) when a name fits several entities, and declines (``unknown``) with
what it does know when the question is outside it: a wrong answer said with
confidence is the worst outcome, so every branch prefers asking to guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.model import Fact, Race, Result
from bot.qa import builders, cues
from bot.qa.answer import Answer, AnswerField, Candidate, EntityRef, clarify, unknown
from bot.qa.delivery import Delivery, not_delivered
from bot.qa.events import event_years, read_event
from bot.qa.execute import Context
from bot.qa.facts import FactHit, FactIndex
from bot.qa.format import join, plural, possessive, years_text
from bot.qa.index import EntityIndex, Mention, entity_index
from bot.qa.normalize import ORDINALS, normalize
from bot.qa.parse import NOT_ENTITIES, Parsed, parse
from bot.qa.query import KIND_NOUNS, QUERY_WORDS, Query, build_query, category_at
from bot.qa.rules import answer_query, coverage
from bot.qa.spans import DECADE_WORD
from bot.qa.table import ResultsTable
from bot.qa.vocabulary import COMMON_WORDS, LEXICON, STOPWORDS

# Fact-search scores (FactIndex.search: the summed weights of matched keywords; a whole
# keyword phrase weighs about 1 per word, a rare one more). Chosen on the question bank:
FACT_ANY = 1.0  # any keyword matched: the best we have when nothing else applies
FACT_SURE = 2.0  # a keyword phrase of two words, or two keywords: enough to beat a generic answer
FACT_CLEAR = 3.0  # a clear match: enough to outrank an entity's win record
FACT_BEYOND_CLASS = 5.0  # more than a class's own name must match to prefer a fact over its winners


_SPACES = re.compile(r"\s+")
_COUNTED_THINGS = frozenset({"race", "races", "season", "year", "edition", "lap", "stint", "win", "victory"})


#: How a kind is asked of one race ("which car won in 2006").
_ASKED_NOUN = {"driver": "drivers", "team": "team", "manufacturer": "make", "car": "car", "class": "class",
               "number": "car number"}  # fmt: skip


@dataclass(slots=True)
class Turn:
    """One question on its way through the lookup steps: what earlier steps worked out."""

    p: Parsed
    people: list[Mention] | None = None  # named drivers, teams, makes, cars (disambiguated)
    classes: list[Mention] = field(default_factory=list)
    class_id: str | None = None
    year: int | None = None
    query: Query | None = None


# The second half of "who won in 2025 and who won the one before that": a race relative to the first's.
_RELATIVE_RACE = re.compile(
    r"\b(?:in |at )?(?:the )?(?:one|race|year|edition|petit)?\s*(?P<way>before|after|previous|prior|next|following)"
    r"(?: one| race| year| edition)?(?: that| it| then)?\b|\b(?P<same>that year|that yr|the same year|then)\b"
)


# "when was that team's previous win": the name's own win before the year answered, not the previous race
_OWN_NEXT_WIN = re.compile(
    r"\b(?P<way>previous|prior|next) (?P<win>(?:(?!race |year |one )\w+ )?(?:win|victory|triumph))\b"
)
_WHO_WON_THEM = re.compile(r"^(?:and )?(?:who|which drivers) (?:won|drove|win|were) (?:them|those|these|in them)$")

# "What was special about 2015": the year's stored facts.
_NOTABLE = ("special", "notable", "remarkable", "memorable", "famous", "significant", "unusual", "unique", "historic",
            "interesting")  # fmt: skip

# A question opening with one of these asks yes or no.
_AUXILIARIES = cues.AUXILIARIES

# Words that end the counted noun phrase of "how many ... did/were/in ...".
_COUNT_STOPS = frozenset(
    ("did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "in", "at", "for", "by", "of", "since",
     "before", "after", "between", "from", "with", "without", "the", "a", "an", "he", "she", "they", "it", "that",
     "there", "will", "can", "could", "would", "won", "win", "wins")
)  # fmt: skip


# A second half made only of these asks for what the first answer already gives (names, years).
_DANGLING_WORDS = frozenset(
    ("who", "what", "when", "which", "where", "how", "many", "years", "year", "and", "the", "were", "was", "did",
     "they", "them", "it", "in", "whom")
)  # fmt: skip


#: Words after which a name belongs: an unknown word there is a name the answer would drop.
_NAME_SLOTS = frozenset({"with", "without", "alongside", "partnering", "for", "and", "or", "vs", "versus", "than",
                         "beside", "besides", "except", "driving"})  # fmt: skip

#: Ways of asking that name no subject ("gimme 2014"): a short question with them asks for the winners.
_REQUEST_WORDS = frozenset({"gimme", "give", "tell", "show", "lemme", "pls", "plz", "please", "info", "recap",
                            "results", "result", "summary", "details", "story"})  # fmt: skip

#: The most years a "which year?" question offers as buttons.
MAX_YEAR_OPTIONS = 5
#: The most years one attribute question answers year by year ("the margins in 2016, 2022 and 2023");
#: a question over more races than this is a records or span question, answered elsewhere.
MAX_EACH_YEAR = 6
#: The most races a stored fact names whose winners "who won the race that ..." gives.
MAX_FACT_RACES = 3
#: The most races whose crews a "... and who were they" lists (each crew is one short line).
MAX_CREWS = 10
_ONE_PER_RESULT = frozenset({"manufacturer", "car", "team", "number"})  # (a result has one of each)
_SUPERLATIVES = frozenset({"biggest", "largest", "most", "longest", "shortest", "closest", "smallest", "fastest"})
_UNNAMED_RACE = re.compile(r"\b(?:that|the same) (?:one|race|year|edition|running|time)\b")


_PRONOUN = re.compile(r"\b(he|she|they|them|him|his|her|their|its)\b")


_THAT_KIND = re.compile(r"\b(?:that|this|the same) (team|car|driver|make|manufacturer|entrant)\b")


def _speaks_of(fact: Fact, words: list[str]) -> bool:
    """Whether a stored fact says any of ``words`` (its stem): "how many pit stops" needs a fact about stops."""
    said = set(normalize(f"{fact.title} {fact.text} {' '.join(fact.keywords)}").split())
    return any(w in said or w.rstrip("s") in said or f"{w}s" in said for w in words)


def _named_for_pronoun(text: str, answer: Answer, asked: Sequence[EntityRef] = ()) -> str:
    """The second half's pronoun as the first half's one subject ("... and did they ever win overall");
    "that team" as the one team the first answer named ("who won GT2 in 2009, and had that team won ...").

    When the answer names several, a "he" or "she" is the one driver the first half asked about (``asked``).
    """
    words = normalize(text)
    that = _THAT_KIND.search(words)
    if that is not None:
        kind = KIND_NOUNS.get(that.group(1), that.group(1))
        named = [r for r in answer.entities if r.kind == kind]
        if len(named) == 1:
            return f"{words[: that.start()]}{normalize(named[0].name)}{words[that.end() :]}"
    own = [r for r in asked if r.kind != "class"]
    wins = re.search(r"\b(?:in|of|for) (?:all|every one|each|both) of (them|those|these)\b", words)
    if wins and len(own) == 1:  # "how many times did Peugeot win, and which drivers were in all of them": its wins
        return f"{words[: wins.start(1)]}{normalize(own[0].name)}s wins{words[wins.end(1) :]}"
    subjects = [r for r in answer.entities if r.kind != "class"]
    drivers = [r for r in subjects if r.kind == "driver"]
    group = re.search(r"\b(?:any|either|all|both|none|each) of (?:them|those|these|the three|the two)\b", words)
    if group and len(drivers) >= 2:  # "... and had any of them won overall before": which of the crew
        names = join([normalize(r.name) for r in drivers])
        return f"{words[: group.start()]}which of {names}{words[group.end() :]}"
    ended = re.search(r"\b(?:ended|end|broke|break|stopped|stop|snapped) (it)\b", words)
    if ended and len(subjects) == 1 and answer.intent == "streak":  # "... and who ended it": the streak
        return f"{words[: ended.start(1)]}{normalize(subjects[0].name)}s streak{words[ended.end(1) :]}"
    m = _PRONOUN.search(words)
    if m is not None and len(subjects) != 1 and m.group(1) in _SINGULAR:
        # "van der zande won with WTR in 2018 - who was he with in 2024": the one driver named or asked about
        one = [r for r in drivers if not asked or r in asked]
        subjects = one if len(one) == 1 else subjects
    if m is None or len(subjects) != 1:
        return text
    name = normalize(subjects[0].name)
    said = f"{name}s" if m.group(1) in ("his", "her", "their", "its") else name
    return f"{words[: m.start()]}{said}{words[m.end() :]}"


_SINGULAR = frozenset({"he", "him", "his", "she", "her"})

_WINS_SAID = re.compile(r"\b(?:won|wins?|winners?|victor(?:y|ies))\b", re.IGNORECASE)
_TWO_EDITIONS = re.compile(
    r"\bthe (?P<a>\d{1,2}(?:st|nd|rd|th)|[a-z]+) and (?:the )?(?P<b>\d{1,2}(?:st|nd|rd|th)|[a-z]+)"
    r"(?= (?:petit|plm|races?|editions?|runnings?)\b)",
    re.IGNORECASE,
)


def _edition_number(word: str) -> int | None:
    """'10th' → 10, 'tenth' → 10, anything else → None."""
    word = word.lower()
    return int(word[:-2]) if word[:-2].isdigit() else ORDINALS.get(word)


def _with_first_names(second: str, p1: Parsed, p2: Parsed, a1: Answer) -> str:
    """The second half with what it takes from the first: the name a pronoun stands for, the name a
    count goes on with ("..., and how many times in GTLM"), the class ("..., and by how much")."""
    asked = [m.refs[0] for m in p1.entities if len(m.refs) == 1]
    second = _named_for_pronoun(_short_for_named(second, p1), a1, asked)
    own = [r for r in asked if r.kind != "class"]
    if len(own) == 1 and _counts_again(second, p2):  # "..., and how many times in GTLM": Ferrari's, still
        second = f"{second} {normalize(own[0].name)}"
    classes1 = [  # (not "a GT car": a kind of car, not the GT class)
        m.text
        for m in p1.entities
        if all(r.kind == "class" for r in m.refs) and not category_at(p1.words, m.start, m.end)
    ]
    if classes1 and not p2.has("overall") and not any(all(r.kind == "class" for r in m.refs) for m in p2.entities):
        second = f"{second} {classes1[0]}"  # "who won GTD in 2024 and by how much": GTD's margin, not overall
    elif p1.has("class", "classes") and not classes1 and not p2.has("overall", "class", "classes"):
        second = f"{second} in a class"  # "how many class wins does Bergmeister have and were they in a row"
    return second


_COUNT_AGAIN = re.compile(
    r"(?:and |so |plus )*(?:how many(?: times| wins| class wins)?|how often|which years|what years)\b"
)


def _counts_again(second: str, p2: Parsed) -> bool:
    """'and how many times in GTLM': a count with no name or kind of its own, of the name asked first."""
    words = normalize(second)
    if not _COUNT_AGAIN.match(words) or any(r.kind != "class" for m in p2.entities for r in m.refs):
        return False
    return not any(w in KIND_NOUNS or w in ("who", "whom", "races", "editions") for w in words.split())


def _says_that_race(p: Parsed) -> bool:
    """ "that year", "then": the race just answered."""
    return bool(cues.THAT_YEAR.search(p.text)) or p.has("then")


def _short_for_named(text: str, first: Parsed) -> str:
    """'Jordan Taylor won in 2014, how many wins does Jordan have': the short name is the one named in full."""
    words = normalize(text)
    for m in first.entities:
        if len(m.refs) != 1 or m.refs[0].kind != "driver":
            continue
        full = normalize(m.refs[0].name)
        parts = [w for w in full.split() if len(w) >= 3]
        if len(full.split()) < 2 or full in words:
            continue
        for part in parts:
            if re.search(rf"\b{re.escape(part)}\b", words):
                return re.sub(rf"\b{re.escape(part)}\b", full, words, count=1)
    return text


def _year_answered(first: Answer, said: int) -> int:
    """The year a second half is about: the one the first half's answer found, if it found one other than
    the year said ("besides 2015, which other race was shortened, and how many laps": 2009)."""
    found = set(first.years)
    if first.status == "answered" and len(found) == 1 and said not in found:
        return found.pop()
    return said


def _focus_of(answer: Answer, p: Parsed) -> int | None:
    """The one race an answer is about: its only year, or its first or last when the question said so."""
    years = sorted(set(answer.years))
    if len(years) == 1:
        return years[0]
    if years and p.has("first", "earliest", "maiden", "debut"):
        return years[0]
    if years and p.has("last", "latest", "recent", "final"):
        return years[-1]
    return None


_EVERY_TIME = re.compile(
    r"(?:and )?(?:was it|were they|was that) (?:a |an |with |in )?(?P<name>[a-z0-9 ]+?) (?:every time|each time|always|all the time)"
)
_WHO_WON_IT = re.compile(r"(?:and )?who (?:won|win|took)(?: it| that| those| them| then| that one| those ones)?")
_HOW_WON = re.compile(
    r"(?:and )?how did (?:they|he|she|it|them|that team|the team) (?:win|won|do)(?: it| that| the class)?"
)
_WHERE_FROM = re.compile(
    r"(?:and )?(?:where (?:are|were|r) (?:they|them|those guys) from|what (?:are|were) their nationalities"
    r"|what nationality (?:are|were) they|which countries (?:are|were) they from)"
)
_SAME = re.compile(
    r"\b(?:was it|were they|was that|is it|were those|did they have) (?:the )?same (?:\w+ )?"
    r"(?P<what>drivers|driver|crew|lineup|guys|car|cars|team|teams|number|numbers|entrant)\b"
)
_SAME_OF_YEARS = re.compile(
    r"\bsame (?P<whats>(?:car number|drivers|crew|team|car|number|entrant)"
    r"(?: and (?:car number|drivers|crew|team|car|number|entrant))*)\b"
)
_SAME_KINDS = {"car": "car", "cars": "car", "team": "team", "teams": "team", "entrant": "team", "number": "number",
               "numbers": "number", "car number": "number"}  # fmt: skip


def _same_value(result: Result, kind: str) -> str | None:
    return {"car": result.car, "team": result.team, "number": result.car_number}.get(kind)


def classes_of(p: Parsed) -> list[str]:
    """The class ids a parsed question names ('who won GTLM in 2018 and 2020')."""
    return [m.refs[0].id for m in p.entities if all(r.kind == "class" for r in m.refs)]


_FIRST_OR_LAST_TIME = re.compile(
    r"(?:and )?(?:when|what year|which year) (?:was|did) (?:it|that|this)?\s*(?:happen )?(?:for )?(?:the )?"
    r"(?P<edge>first|last|earliest|latest|most recent) (?:time|one)(?: it happened)?"
)


_WHICH_OF_THEM = re.compile(
    r"(?:and |so )*which(?: one| of them| of those| of the two| of these)?"
    r" (?P<rest>(?:was|had|went|ran|did|were) .*\b(?:closer|shorter|longer|wider|fewer|more|less|tighter)\b.*)"
)
_EACH_OF_THOSE = re.compile(
    r"\b(?:in |for |on )?(?:(?:each|every|all|both) (?:of )?(?:those|these|the|them|that) ?(?:years|races|times|wins|seasons)?"
    r"|each time|every time|both times|those years|those races|each year|each of them|each one|each(?= ?$))\b"
)
_BY_HOW_MANY = re.compile(
    r"(?:and |so )?(?:by how (?:many|much)(?: wins)?|how many more(?: wins)?|by what margin"
    r"|(?:whats|what is|what s) the difference)"
)
_APART = re.compile(
    r"(?:and |so )?(?:how (?:many years|far) apart (?:were|are|was) (?:they|them|those|the two|these)"
    r"|how many years (?:between|separate|separated) (?:them|they|those|the two))"
)
# "which make has won the most since 2014, and how many times": the count the first answer gives already
_HOW_MANY_BARE = re.compile(
    r"(?:and |so )?(?:how many|how often)(?: times| wins| victories| of them| races)?(?: then)?"
)
_COUNTED_INTENTS = frozenset({"rank", "records", "count"})
_WON_AGAIN = re.compile(
    r"(?:and |so )?(?:did|have|has|had) (?:any (?:of )?(?:them|those|these)(?: guys| drivers)?|they|he|she|anyone"
    r"|any of the drivers|any of the winners) (?:ever )?(?:win|won)(?: it| petit| petit le mans| there)?"
    r" (?:again|another|since|later|after that|more)(?: one| time| race)?"
)
_MORE_THAN_YEAR = re.compile(
    r"(?:and |so )?(?:by )?how (?:many|much) (?P<dir>more|fewer|less)(?: \w+)? than (?:in )?(?:19|20)\d\d(?: had| did)?"
)
_FIGURE_NOUNS = ("laps", "lap", "miles", "margin", "cautions")
#: Words by which a question picks its own year ("which year had the most laps"): a year said in the
#: other half ("... and how many more than 2018") is then a comparand, not the year of both halves.
_PICKS_A_YEAR = frozenset({"which", "what", "when", "most", "least", "fewest", "closest", "longest", "shortest",
                           "biggest", "smallest", "record", "first", "last", "latest", "earliest"})  # fmt: skip


def _year_is_of_both(p1: Parsed, p2: Parsed) -> bool:
    """'who got pole and who won in 2008': the second half's year is the first's too, unless it is compared to."""
    if p2.has("than", "compared", "versus", "vs"):
        return False
    return not (p1.has("year", "years", "when") and p1.has(*_PICKS_A_YEAR))


_BACK = frozenset({"it", "that", "them", "they", "those", "he", "she", "him", "his", "her", "their", "then"})


def _refers_back(second: str) -> bool:
    """'and who drove it', 'who won then': the second half is about the first half's answer."""
    return bool(_BACK & set(normalize(second).split()))


def _asks_a_kind(second: str) -> bool:
    """'... and for which teams', '... and in what cars': the first half's question asked of another kind."""
    words = normalize(second).split()
    kinds = [
        w for w in words if w in KIND_NOUNS and not (w == "car" and "number" in words)
    ]  # ("what number was the car")
    glue = _DANGLING_WORDS | {"for", "with", "by", "of", "at", "drove", "driving", "driven", "raced", "each", "every",
                              "time", "times", "win", "won", "involved", "behind", "responsible"}  # fmt: skip
    return 0 < len(words) <= 7 and len(kinds) == 1 and all(w in glue or w in KIND_NOUNS for w in words)


_WHO_ONLY = frozenset({"who", "were", "was", "they", "them", "those", "drove", "won", "win", "drivers", "driver", "it",
                       "the", "and", "did", "so", "crew", "crews", "in", "names", "name", "are"})  # fmt: skip


def _asks_only_who(second: str) -> bool:
    """'and who?', 'who were they', 'who drove': the people of the first answer's races, nothing of its own."""
    words = normalize(second).split()
    return (
        bool(words) and {"who", "drivers", "crew", "crews", "names"} & set(words) != set() and set(words) <= _WHO_ONLY
    )


def _dangling(second: str) -> bool:
    """'... and when?', '... and who?', '... and in which years': no question of its own."""
    words = normalize(second).split()
    return len(words) <= 4 and all(w in _DANGLING_WORDS for w in words)


def _other_subjects(answer: Answer, q: Query) -> list[str]:
    """Subjects a one-name record (intent ``...-wins``) left out, when the query names several."""
    numbers = [r for r in q.subjects if r.kind == "number"]
    one_number = answer.intent == "car-number" and len(set(numbers)) >= 2  # ("did car #2 and 3 win": both)
    if answer.status != "answered" or not (answer.intent.endswith("-wins") or one_number):
        return []
    subjects = list(dict.fromkeys(numbers if one_number else q.subjects))
    said = {(r.kind, r.id) for r in answer.entities}
    return [r.name for r in subjects if (r.kind, r.id) not in said] if len(subjects) >= 2 else []


class Engine:
    """Answers questions about one loaded :class:`KnowledgeBase`."""

    def __init__(self, kb: KnowledgeBase, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.kb = kb
        self.index: EntityIndex = entity_index(kb)
        self.delivery = Delivery(self.index)
        self.facts = FactIndex(kb.facts)
        self._today = today
        self.builder = builders.AnswerBuilder(kb)
        self.context = Context(kb, ResultsTable.from_kb(kb), self.builder)
        self._fact_keywords = [(f, frozenset(normalize(k) for k in f.keywords)) for f in kb.facts]
        self._keyword_words = frozenset(w for _, keys in self._fact_keywords for k in keys for w in k.split())
        # Sponsor parts of event titles ("chevy presents", "powered by mazda cx 7") → the years they name.
        titles: dict[str, list[int]] = {}
        for race in kb.races.values():
            phrase = normalize(race.event_title).replace("petit le mans", " ").split()
            if phrase and race.title_confidence != "low":
                titles.setdefault(" ".join(phrase), []).append(race.year)
        self._titles = titles

    # -- public API used by the console and Discord --------------------------------------
    def ask(self, text: str) -> Answer:
        if not isinstance(text, str) or not text.strip():
            return unknown("Ask me something about Petit Le Mans. " + self.builder.scope_hint(), "empty")
        text = cues.without_remark(_SPACES.sub(" ", text[:2000]))  # (runs of spaces made the compound split quadratic)
        text = self._editions_as_years(text)
        parts = [part for part in cues.COMPOUND.split(text, maxsplit=1) if part and part.strip()]
        # (only with a comma or semicolon: the pattern backtracks over long texts without one)
        premise = cues.PREMISE_THEN_QUESTION.match(text) if len(parts) == 1 and ("," in text or ";" in text) else None
        if premise:
            parts = [premise.group("premise"), premise.group("question")]
        if len(parts) == 2 and self._only_names(parts[0]):
            return self._ask_one(f"{parts[1]} {parts[0]}")  # "Corvette Racing or Risi - who has more class wins?"
        if len(parts) == 2 and normalize(parts[1]).strip(" ?") in ("why", "how", "how so", "and why", "why so"):
            return self._with_reasons(parts[0])  # "... and why": the reasons where recorded, never dropped
        if len(parts) == 2 and _asks_a_kind(parts[1]):  # "what years did Jarvis win and for which teams"
            both, first = self._ask_one(f"{parts[0]} {parts[1]}"), self._ask_one(parts[0])
            if first.status == "answered" and both.status == "answered" and first.text not in both.text:
                return builders.combine([first, both])  # ("how many diesel wins and by which makes": the count too)
            return both
        if len(parts) == 2 and not _dangling(parts[1]):
            return self._ask_both(parts[0], parts[1])
        if len(parts) == 2 and "who" in normalize(parts[1]).split():
            return self._ask_both(parts[0], "who won it")  # "when was the first Petit Le Mans and who won"
        if len(parts) == 2:
            text = parts[0]  # "how many times has Acura won and when": the answer gives the years anyway
        return self._ask_one(text)

    def _only_names(self, text: str) -> bool:
        """A part that only names its topics ("Corvette Racing or Risi"): the other part asks about them."""
        p = parse(text, self.index, self.kb.years, self._today())
        named = {i for m in p.entities for i in range(m.start, m.end)}
        glue = {"or", "and", "vs", "versus", "v", "the", "between"}
        return len(p.entities) >= 2 and all(i in named or w in glue for i, w in enumerate(p.words))

    def _editions_as_years(self, text: str) -> str:
        """'the 10th and the 20th Petit Le Mans' → 'the 2007 and 2017 Petit Le Mans': two editions, two races.

        (One edition is read by parsing; an edition the knowledge does not have is left for it to say so.)
        """
        m = _TWO_EDITIONS.search(text)
        if m is None or not _WINS_SAID.search(text):
            return text  # ("which drivers raced in both the 1st and 20th": a stored fact says so, in its words)
        by_edition: dict[int | None, int] = {r.edition: y for y, r in self.kb.races.items()}
        years = [by_edition.get(_edition_number(m.group(k))) for k in ("a", "b")]
        if None in years:
            return text
        return f"{text[: m.start()]}the {years[0]} and {years[1]}{text[m.end() :]}"

    def _with_reasons(self, first_text: str) -> Answer:
        """The first half answered, and 'why': a shortened race's recorded reason, or said as not recorded."""
        first = self._ask_one(first_text)
        reasons = [
            f"{y}: {r.shortened_reason}" for y in sorted(set(first.years))
            if (r := self.kb.races.get(y)) is not None and r.shortened and r.shortened_reason
        ]  # fmt: skip
        if first.status == "answered" and reasons:
            return replace(first, text=f"{first.text} Why: " + " ".join(reasons))
        if first.status == "answered":
            return replace(first, text=f"{first.text} (I could not answer \u201cwhy\u201d: I record results.)")
        return first

    def _ask_one(self, text: str) -> Answer:
        p = parse(text, self.index, self.kb.years, self._today())
        if not p.words:
            return unknown("I could not find any words in that. " + self.builder.scope_hint(), "empty")
        same = _SAME_OF_YEARS.search(p.text) if len(set(p.years)) >= 2 else None
        if same:  # "were the 2012 and 2013 winners the same team and car"
            whats = [w.strip() for w in same.group("whats").split(" and ")]
            found = [self._same_in(sorted(set(p.years)), w, classes_of(p)) for w in whats]
            asked = p.text[: same.start()]
            if "who" in asked.split():  # "who won LMP2 in 2024 and 2025, same car number?": the winners too
                found.insert(0, self._ask_one(asked))
            return builders.combine(found)
        event = self._event_year(p)
        if isinstance(event, Answer):
            return event
        if event is not None:
            resolved, note = event
            return _prefix(self._answer(resolved), note)
        return self._answer(p)

    def _event_year(self, p: Parsed) -> tuple[Parsed, str] | Answer | None:
        """'the margin the year Brendon Hartley won': the question again with that year ('in 2017').

        'the years Cadillac won overall' puts all those years in its place; 'the year ...' with several
        wins asks which year, each a button. A question that names a year, or whose 'won' is qualified
        ('the race Audi won by the closest margin'), is left as it is (:mod:`bot.qa.events`).
        """
        clause = None if p.years else read_event(p.words, p.entities)
        if clause is None:
            return None
        years = event_years(self.context.table, clause)
        before, after = p.words[: clause.start], p.words[clause.end :]
        if not years and (clause.classes or clause.withs):
            return unknown(f"I have no race in my knowledge where {clause.describe()}.", "no-event", years=())
        if not years:
            return None  # no overall win: the lookups say so
        if clause.plural or len(years) == 1:
            asked = " ".join([*before, f"in {years_text(years)}", *after])
            note = f"{clause.describe()} in {years_text(years)}. "
            return parse(asked, self.index, self.kb.years, self._today()), note
        asked_each = [" ".join([*before, f"in {y}", *after]) for y in years]
        options = [Candidate(str(y), q) for y, q in zip(years, asked_each, strict=True)][:MAX_YEAR_OPTIONS]
        return clarify(f"{clause.describe()} in {years_text(years)}: which year?", options, "clarify-year")

    def _ask_both(self, first: str, second: str) -> Answer:
        """'who won in 2008 and who was on pole?': answer both halves; the second inherits the year."""
        p1 = parse(first, self.index, self.kb.years, self._today())
        p2 = parse(second, self.index, self.kb.years, self._today())
        how = _HOW_WON.fullmatch(normalize(second))  # (read before the second half is given the first's year)
        back = _refers_back(second)
        every = _EVERY_TIME.fullmatch(normalize(second))
        named = [m.refs[0] for m in p1.entities if len(m.refs) == 1 and m.refs[0].kind not in ("class", "number")]
        if every and len(named) == 1:  # "which years did WTR win and was it a Cadillac every time"
            return builders.combine(
                [
                    self._ask_one(first),
                    self._ask_one(f"did all of {normalize(named[0].name)}s wins come with {every.group('name')}"),
                ]
            )
        whole = p2.has(
            "ever", "always", "never", "all", "total", "career", "altogether"
        ) or (  # ("has that team ever won")
            p2.phrase("how many") and p2.has("win", "won", "wins", "times", "victories") and not _says_that_race(p2)
        )  # ("... and how many did Capello win": his wins, not that year's)
        early = self._ask_one(first) if _asks_only_who(second) else None
        crews = self._crews_of(early, p1) if early is not None else None
        if crews is not None:
            return crews  # (before the second half is given a year of its own: "since 2014" is no one race)
        again = _WON_AGAIN.fullmatch(normalize(second))  # ("did they win again": other years, not that one)
        both = p2.has("both") and len(set(p1.years)) == 2 and not p2.years
        if both:  # "which team won in both 2022 and 2023, and which drivers were on both"
            y1, y2 = sorted(set(p1.years))
            second = f"{second} in both {y1} and {y2}"
        elif p1.years and not p2.years and not whole and not _EACH_OF_THOSE.search(normalize(second)) and not again:
            early = early if early is not None else self._ask_one(first)
            year = _year_answered(early, p1.years[0])
            relative = self._relative_to(second, year)  # "... and who won the year after"
            second = relative if relative != second else f"{cues.THAT_YEAR.sub('', second)} in {year}"
        elif (
            len(set(p2.years)) == 1
            and not p1.years
            and not p1.entities
            and p2.span is None
            and _year_is_of_both(p1, p2)
        ):
            first = f"{first} in {p2.years[0]}"  # "who got pole and who won in 2008": both halves are of 2008
        elif p2.years and not p1.years and not p1.entities and _year_is_of_both(p1, p2):
            return self._ask_one(f"{first} {second}")  # "who won and who was on pole in 2008 and 2009"
        a1 = early if early is not None else self._ask_one(first)  # (asked once: the first half has not changed)
        if a1.status != "answered" and back:
            return a1  # "..., and who drove it" after a first half not answered: "it" is not known either
        return self._second_of(first, second, p1, p2, a1, how)

    def _second_of(
        self, first: str, second: str, p1: Parsed, p2: Parsed, a1: Answer, how: re.Match[str] | None
    ) -> Answer:
        """The second half of a two-part question, read against the first half's answer."""
        if how and a1.status == "answered" and len(set(a1.years)) == 1:
            return self._how_won(a1, classes_of(p1))  # "who won LMP2 in 2021 and how did they win it"
        drivers = [r for r in a1.entities if r.kind == "driver"]
        if _WHERE_FROM.fullmatch(normalize(second)) and a1.status == "answered" and len(drivers) >= 2:
            # "who won the latest race and where are they from": each of the crew
            return builders.combine([a1, *(self.builder.nationality(r) for r in drivers)])
        same = _SAME.search(normalize(second))
        years = sorted(set(p1.years) or set(a1.years))  # (the years said first, else those the answer found)
        if same and a1.status == "answered" and len(years) >= 2:  # "..., was it the same three drivers"
            return builders.combine([a1, self._same_in(years, same.group("what"), classes_of(p1))])
        told = self._told_by_first(a1, normalize(second), p1, p2)
        if told is not None:
            return told
        edge = _FIRST_OR_LAST_TIME.fullmatch(normalize(second))
        if edge and a1.status == "answered" and a1.years:  # "has a diesel ever won it, and when was the first time"
            year = min(a1.years) if edge.group("edge") in ("first", "earliest") else max(a1.years)
            return replace(a1, text=f"{a1.text} The {edge.group('edge')} time was {year}.")
        second = _with_first_names(second, p1, p2, a1)
        focus = _focus_of(a1, p1)
        if not p2.years and focus is not None and not re.search(r"\b(?:19|20)\d\d\b", second):
            relative = self._relative_to(second, focus)  # "... and who won the one before that"
            alone = not p2.entities and not p2.has("ever", "always", "never", "all", "most", "record")
            alone = alone and p2.relative is None and not p2.has("first", "last", "inaugural", "final", "latest")
            # "the closest finish of the 1000-mile era, and who came second": the race just answered
            second = relative if relative != second or not alone else f"{second} in {focus}"
        few = sorted(set(a1.years))
        each = _EACH_OF_THOSE.search(normalize(second))
        if each and 1 <= len(few) <= MAX_EACH_YEAR and not p2.years:
            # "what years did Peugeot win, and who was on pole each of those years": those races, each
            second = f"{normalize(second)[: each.start()]}in {years_text(few)}{normalize(second)[each.end() :]}"
        which = _WHICH_OF_THEM.fullmatch(normalize(second))
        if which and 2 <= len(few) <= MAX_EACH_YEAR and not p2.years:
            second = f"which of {years_text(few)} {which.group('rest')}"  # "..., and which one was shorter in laps"
        if focus is None and 2 <= len(few) <= MAX_EACH_YEAR and _WHO_WON_IT.fullmatch(normalize(second)):
            second = f"who won in {years_text(few)}"  # "which year had the record 13 cautions and who won it": each
        elif focus is None and len(few) > MAX_EACH_YEAR and _WHO_WON_IT.fullmatch(normalize(second)):
            return replace(a1, text=f"{a1.text} (Ask about one of those years for who won it.)")  # not "the latest"
        a2 = self._ask_one(second)
        if a1.status != "answered" and a2.status != "answered":
            return self._ask_one(f"{first} {second}")
        if a2.intent == "clarify-pronoun" and a1.lines and _WHO_WON_THEM.match(normalize(second)):
            return a1  # "which races were shortened and who won them": the list names each race's winners
        if a2.status == "unknown" and a1.status == "answered":
            # the first half answered: say plainly the second was not, without a second scope lecture
            return replace(a1, text=f"{a1.text} (I could not answer \u201c{second.strip()}\u201d.)")
        return builders.combine([a1, a2])

    def _fact_about_subjects(self, answer: Answer, q: Query) -> Answer:
        """A stored fact given for a question about a name must speak of that name.

        ("how many wins does Wayne Taylor have as a team owner" matched a fact about Corvette Racing's
        class wins by its words; it is not an answer about him.)
        """
        if answer.status != "answered" or not answer.intent.startswith("fact:") or not q.subjects:
            return answer
        text = f" {normalize(answer.text)} "
        for ref in q.subjects:
            forms = [f for f, (refs, _) in self.index.readings(ref.kind).items() if ref in refs and len(f) >= 3]
            if any(f" {f} " in text for f in forms):
                return answer
        names = join([r.name for r in q.subjects])
        return unknown(
            f"I have no record about {names} that answers that, and I won't answer with a fact about something "
            "else. " + self.builder.scope_hint(), "fact-off-subject", years=q.years,
        )  # fmt: skip

    def _fact_of_every_modifier(self, answer: Answer, q: Query) -> Answer:
        """A stored fact answers a question only if it speaks of each word that would change the question.

        ("since the race became 10 hours, which year had the most laps" matched the format fact by
        "10 hours"; "laps" and "most" were left unread, and the fact says nothing of laps.)
        """
        if answer.status != "answered" or not answer.intent.startswith("fact:") or not q.ignored:
            return answer
        said = set(normalize(answer.text).split())
        unsaid = [
            w
            for w in q.ignored
            if w not in _SUPERLATIVES and w not in said and w.rstrip("s") not in said and f"{w}s" not in said
        ]  # (a superlative is what record facts are about: "the biggest crowd" is the attendance fact's)
        return self.context_unknown(q) if unsaid else answer

    @staticmethod
    def _fact_of_unnamed_race(answer: Answer, p: Parsed) -> Answer:
        """'anything special about that one?' with no race before it: not a fact picked by its other words."""
        if answer.status != "answered" or not answer.intent.startswith("fact:") or p.years:
            return answer
        if not _UNNAMED_RACE.search(p.text):
            return answer
        return unknown(
            "Which race do you mean? Name the year, for example \u201cwhat was special about the 2015 race\u201d.",
            "no-year",
        )

    def _winners_of_fact(self, answer: Answer, q: Query) -> Answer:
        """'who won the Petit that had the record 13 cautions': the stored fact names the races, then who won them.

        "the year X happened" is the fact's own year (its first); otherwise every race it names, up to three.
        """
        if answer.status != "answered" or not answer.intent.startswith("fact:") or "who" not in q.words:
            return answer
        if not ({"won", "win", "winner", "winners"} & set(q.words)) or self.delivery.names("driver", answer.text):
            return answer
        years = [y for y in dict.fromkeys(answer.years) if y in self.kb.races]
        years = (
            years[: q.words.count("year")] if "year" in q.words else years
        )  # ("the last DPi year and the first GTP year")
        if not 1 <= len(years) <= MAX_FACT_RACES:
            return answer
        said = [self.builder.winner(self.kb.races[y], with_classes=False) for y in sorted(years)]
        return builders.combine([answer, *said])

    def _crews_of(self, a1: Answer, p1: Parsed) -> Answer | None:
        """'how many times did an Italian win in the 2000s, and who were they': the crews of the races answered.

        A class named first is the class's crews ("did the same team win LMP2 in 2006 and 2007 and who drove").
        """
        few = sorted(set(a1.years))
        if a1.status != "answered" or len(few) < 2:
            return None
        if a1.intent == "distinct-count":
            return a1  # "how many kiwi drivers have won, and who": the count names them; their crews are not asked
        nationality = (a1.query or {}).get("nationality")
        if nationality and (a1.query or {}).get("scope", "overall") == "overall":
            return replace(a1, text=f"{a1.text} {self._drivers_of(few, nationality)}")
        if len(few) > MAX_CREWS:
            return replace(a1, text=f"{a1.text} (Ask about one of those years for who drove.)")
        classes = [m.text for m in p1.entities if all(r.kind == "class" for r in m.refs)]
        if classes and not p1.has("overall"):
            return builders.combine([a1, self._ask_one(f"who won {classes[0]} in {years_text(few)}")])
        return builders.combine([a1, self.builder.winners_of(few)])

    def _drivers_of(self, years: list[int], nationality: str) -> str:
        """'The Italian drivers: Rinaldo Capello (2000, ...)': who of those races' crews the filter picked."""
        won: dict[str, list[int]] = {}
        for year in years:
            for d in self.kb.races[year].overall.drivers:
                if self.kb.drivers[d].nationality == nationality:
                    won.setdefault(d, []).append(year)
        said = [f"{self.kb.name('driver', d)} ({years_text(ys)})" for d, ys in won.items()]
        return f"The {cues.NATIONALITY_ADJECTIVES.get(nationality, nationality)} drivers: {join(said)}."

    def _told_by_first(self, a1: Answer, second: str, p1: Parsed, p2: Parsed) -> Answer | None:
        """A second half that is about the first's answer: its drivers' other wins, a difference to it."""
        if a1.status != "answered":
            return None
        if _WON_AGAIN.fullmatch(second):
            again = self._won_again(a1)  # "who won the first Petit and did any of them win again"
            if again is not None:
                return again
        if _HOW_MANY_BARE.fullmatch(second.strip(" ?")) and a1.intent in _COUNTED_INTENTS:
            return a1
        focus = _focus_of(a1, p1)
        more = _MORE_THAN_YEAR.fullmatch(second)
        if more and focus is not None and len(set(p2.years)) == 1 and p2.years[0] != focus:
            # "which year had the most laps and how many more than 2018": that year's figure against 2018's
            noun = next((w for w in p1.words if w in _FIGURE_NOUNS), "")
            asked = f"how many {more.group('dir')} {noun} in {focus} than {p2.years[0]}"
            return builders.combine([a1, self._ask_one(asked)])
        return self._difference_of(a1, second, p1)

    def _difference_of(self, a1: Answer, second: str, p1: Parsed) -> Answer | None:
        """'..., and by how many?' after a comparison; '... and how many years apart were they' after two races.

        (Asked by :meth:`_told_by_first`, of an answered first half only.)
        """
        refs = [r for r in a1.entities if r.kind != "class"]
        if (
            _BY_HOW_MANY.fullmatch(second)
            and a1.intent == "compare"
            and len(refs) == 2
            and refs[0].kind == refs[1].kind
        ):
            scope = " ".join(m.text for m in p1.entities if all(r.kind == "class" for r in m.refs))
            a, b = (normalize(r.name) for r in refs)  # (the difference rule says who has more, whichever comes first)
            return self._ask_one(f"how many more {scope + ' ' if scope else ''}wins does {a} have than {b}")
        years = sorted(set(a1.years))
        if _APART.fullmatch(second) and len(years) == 2:
            gap = years[1] - years[0]
            return replace(a1, text=f"{a1.text} They were {plural(gap, 'year')} apart ({years[0]} and {years[1]}).")
        return None

    def _won_again(self, first: Answer) -> Answer | None:
        """'... and did any of them win again': each driver just named, with the wins after those years.

        (Wins before them are said apart: "again" asks about later ones.)
        """
        drivers = [r for r in first.entities if r.kind == "driver"]
        years = set(first.years)
        if not drivers or not years or len(drivers) > MAX_EACH_YEAR:
            return None
        beside = [self._wins_beside(ref, min(years), max(years)) for ref in drivers]
        lead = "Yes" if any(again for _, again in beside) else "No"
        said = "; ".join(text for text, _ in beside)
        return replace(first, text=f"{first.text} {lead}: {said}.", entities=tuple(drivers))

    def _wins_beside(self, ref: EntityRef, start: int, end: int) -> tuple[str, bool]:
        """('Jordan Taylor won again overall in 2018', True), ('X did not win again (had won before: ...)', False)."""

        def wins(rows: ResultsTable) -> str:
            overall = [r.year for r in rows if r.overall]
            classes = [f"{r.year} ({self.builder.class_text(r.result)})" for r in rows if not r.overall]
            parts = ([f"overall in {years_text(overall)}"] if overall else []) + (
                [f"in a class in {join(classes)}"] if classes else []
            )
            return " and ".join(parts)

        own = self.context.table.where(lambda r: ref.id in r.drivers)
        later, earlier = wins(own.where(lambda r: r.year > end)), wins(own.where(lambda r: r.year < start))
        before = f" (had won before: {earlier})" if earlier else ""
        if later:
            return f"{ref.name} won again {later}{before}", True
        return f"{ref.name} did not win again{before}", False

    def _how_won(self, first: Answer, classes: list[str]) -> Answer:
        """The first answer, and how that win came: the result's recorded notes, or plainly that there are none."""
        race = self.kb.races[first.years[0]]
        result = next((r for r in race.results if r.class_ in classes and not r.overall), None) if classes else None
        result = result or race.overall
        notes = result.notes or (race.shortened_reason if result.overall and race.shortened else None)
        if not notes and result.overall and result.margin:
            notes = f"the winning margin was {result.margin}."  # (how the race was won, as far as recorded)
        said = f" How: {notes}" if notes else f" (My sources do not say how the {race.year} win came about.)"
        return replace(first, text=first.text + said)

    def _same_in(self, years: list[int], what: str, classes: list[str]) -> Answer:
        """Whether the winners of ``years`` (overall, or of the class named) had the same crew, car, team or number."""
        found = [
            next((r for r in self.kb.races[y].results if r.class_ in classes), None) if classes else self.kb.races[y].overall
            for y in years
        ]  # fmt: skip
        missing = [y for y, r in zip(years, found, strict=True) if r is None]
        if missing:  # (not the overall winner in its place: "the GT class in 2013 and 2014" had no 2014 GT class)
            named = join([self.kb.name("class", c) for c in classes])
            return unknown(f"I can't compare them: there was no {named} class result in {years_text(missing)} in my "
                           "knowledge.", "same", years=tuple(years))  # fmt: skip
        results = [r for r in found if r is not None]
        kind = _SAME_KINDS.get(what, "driver")
        said = [self.builder.crew(r) if kind == "driver" else self.kb.name(kind, _same_value(r, kind)) for r in results]
        values = [frozenset(r.drivers) if kind == "driver" else _same_value(r, kind) for r in results]
        if len(set(values)) == 1:
            text = f"Yes, the same {what} in {years_text(years)}: {said[0]}."
        else:
            parts = "; ".join(f"{y}: {x}" for y, x in zip(years, said, strict=True))
            common = set.intersection(*(set(r.drivers) for r in results)) if kind == "driver" else set()
            shared = f" In all of them: {join([self.kb.name('driver', d) for d in sorted(common)])}." if common else ""
            text = f"No, not the same {what}: {parts}.{shared}"
        return self.builder._answer(text, "same", items=results, years=tuple(years))

    def _relative_to(self, text: str, year: int) -> str:
        """'the one before that' / 'the year after' / 'that year', said after an answer about ``year``.

        "that team's previous win" is the team's own last win before ``year``, not the race before it.
        """
        own = _OWN_NEXT_WIN.search(normalize(text))
        if own is not None:
            words, edge = normalize(text), "last" if own.group("way") in ("previous", "prior") else "first"
            bound = "before" if edge == "last" else "after"
            return f"{words[: own.start()]}{edge} {own.group('win')} {bound} {year}{words[own.end() :]}"
        m = _RELATIVE_RACE.search(normalize(text))
        if m is None:
            it = re.search(r"\b(?:drove|drive|won|win|ran|entered) (it|that)\b", normalize(text))
            if it is None:
                return text
            words = normalize(text)  # "... and who drove it": the race just answered
            return f"{words[: it.start(1)]}in {year}{words[it.end(1) :]}"
        bare = m.group("way") in ("before", "after") and not re.search(r"\S", m.group(0).replace(m.group("way"), ""))
        if bare and m.end() == len(normalize(text).rstrip()):  # "had any of them won overall before": earlier years
            words = normalize(text)
            return f"{words[: m.start()]} {m.group('way')} {year}".replace("  ", " ").strip()
        if m.group("way") in ("before", "previous", "prior"):
            target = self.kb.race_next_to(year, -1)
        elif m.group("way") in ("after", "next", "following"):
            target = self.kb.race_next_to(year, 1)
        else:
            target = year
        if target is None:
            return text
        words = normalize(text)
        return f"{words[: m.start()]} in {target} {words[m.end() :]}".replace("  ", " ").strip()

    def parse(self, text: str) -> Parsed:
        """The question as parsed (for conversation: which years and names a follow-up changes)."""
        return parse(text, self.index, self.kb.years, self._today())

    def winner(self, year: int) -> Answer:
        race = self.kb.races.get(year)
        return self.builder.winner(race, with_classes=True) if race else self._no_year(year)

    def race_card(self, year: int) -> Answer:
        race = self.kb.races.get(year)
        return self.builder.race_card(race) if race else self._no_year(year)

    def profile(self, kind: str, id_: str) -> Answer:
        ref = self.index.refs.get((kind, id_))
        if ref is None:
            return unknown(f"I don't know a {kind} with the id {id_!r}.", "profile")
        return self.builder.profile(ref)

    def records(self, table: str) -> Answer:
        return self.builder.records_table(table)

    def history(self, topic: str) -> Answer:
        facts = self.facts.by_topic(topic)
        if not facts:
            return unknown(f"I have no facts on the topic {topic!r}. Topics: {', '.join(t for t, _ in self.topics())}.")
        return self.builder.facts_answer(facts, topic)

    def topics(self) -> list[tuple[str, str]]:
        seen = dict.fromkeys(f.topic for f in self.kb.facts)
        return [(t, t.replace("-", " ").capitalize()) for t in seen]

    def suggest(self, kind: str, text: str, limit: int = 25) -> list[EntityRef]:
        return self.index.suggest(kind, text, limit)

    # -- lookups: single-constraint questions, as an ordered list of steps ------------------
    # Compositional questions are answered by the rules of bot.qa.rules (the "composed" step);
    # the steps before it catch what must never be composed (other races, incidents, pronouns
    # with no referent, unrecorded personal details); the steps after it are lookups of one
    # entity, one year or one class. Each step answers or passes (None); the order is the
    # precedence, and tests/qa/test_engine.py pins the cases where it matters.
    def _answer(self, p: Parsed) -> Answer:
        turn = Turn(p)
        answer = next((a for step in self._steps if (a := step(turn)) is not None), None)
        if answer is None:
            answer = unknown("I don't know that one. " + self.builder.scope_hint(), "unknown")
        dropped = self._dropped_names(p) if answer.status == "answered" else []
        if dropped:
            answer = self._not_a_name(dropped, p)  # "Capello's wins with Zorblax": not Capello's wins
        if turn.query is None:
            return answer
        left = (
            coverage.unread(answer.intent, turn.query, self.index.is_name_word) if answer.status == "answered" else []
        )
        if left:
            answer = coverage.not_understood(left, turn.query)  # a lookup answered a simpler question
        others = _other_subjects(answer, turn.query)
        if others:  # "which of Cadillac's wins came in the #31": one name's record would drop the other
            names = join([r.name for r in dict.fromkeys(turn.query.subjects)])
            answer = unknown(
                f"That asks about {names} together, and I could only answer about one of them, so I won't guess. "
                "Ask about each one, for example “how many times has #2 won”.", "not-understood",
                years=turn.query.years,
            )  # fmt: skip
        answer = self._fact_about_subjects(answer, turn.query)
        answer = self._fact_of_unnamed_race(answer, p)
        answer = self._fact_of_every_modifier(answer, turn.query)
        answer = self._winners_of_fact(answer, turn.query)
        answer = self._also_asked(answer, turn.query)
        missing = self.delivery.missing(turn.query, answer)
        if missing:
            answer = not_delivered(missing, turn.query)  # it answered another question ("which team": the crews)
        return replace(answer, query=turn.query.to_dict(), ignored=tuple(turn.query.ignored))

    def _also_asked(self, answer: Answer, q: Query) -> Answer:
        """'which team won the year after Champion's last win, and in what car': each race's car as well.

        The first kind asked is answered by the rules; a second ("and in what car") that the answer does not
        give is asked of each race the answer found, so no part is dropped (or the check declines it).
        """
        missing = self.delivery.also_missing(q, answer) if answer.status == "answered" else []
        if not missing:
            return answer
        years = sorted(set(answer.years))
        if not 1 <= len(years) <= MAX_EACH_YEAR:
            return answer
        where = " ".join(f"the {self.kb.classes[c].name} class" for c in q.classes if c in self.kb.classes)
        nouns = " and ".join(_ASKED_NOUN[k] for k in missing)
        found = [self._ask_one(f"which {nouns} won {where} in {y}") for y in years]
        if any(a.status != "answered" for a in found):
            return answer  # (the delivery check declines it: a part is not answered)
        return builders.combine([answer, *found])

    @property
    def _steps(self) -> tuple[Callable[[Turn], Answer | None], ...]:
        return (
            self._step_outside, self._step_incident, self._step_lone_pronoun,
            self._step_asked_unknown,
            self._step_engine_kind_fact, self._step_current_series, self._step_unrecorded, self._step_counted_unknown,
            self._step_season_title,
            self._step_clarify_names, self._step_composed, self._step_no_year, self._step_car_number,
            self._step_class_pole_record, self._step_two_entities, self._step_fact_verbs,
            self._step_streak_claim, self._step_entity_years, self._step_entity, self._step_span_records,
            self._step_class_span, self._step_class_year, self._step_notable, self._step_year, self._step_class,
            self._step_unknown_name, self._step_race_times, self._step_records, self._step_conditions,
            self._step_weak_name, self._step_facts_or_strangers, self._step_all_winners, self._step_latest_winner,
        )  # fmt: skip

    def _people_and_classes(self, t: Turn) -> None:
        if t.people is not None:
            return
        ents = [m for m in t.p.entities if category_at(t.p.words, m.start, m.end) is None]  # "a GT car": a kind
        people = [m for m in ents if any(r.kind != "class" for r in m.refs)]
        t.classes = [m for m in ents if all(r.kind == "class" for r in m.refs)]
        people = _named_again(_merge_same([self._owner_or_team(self._narrow(m, t.p), t.p) for m in people], t.p.words))
        if t.p.has("first", "last", "final", "inaugural", "latest"):
            people = [m for m in people if m.text not in cues.SERIES]  # "the first WeatherTech race": a series
        t.people = people
        t.class_id = t.classes[0].refs[0].id if t.classes else None

    def _query(self, t: Turn) -> Query:
        if t.query is None:
            self._people_and_classes(t)
            t.query = build_query(t.p, t.people or [], t.classes)
        return t.query

    def _step_outside(self, t: Turn) -> Answer | None:
        return self._outside(t.p)

    def _step_incident(self, t: Turn) -> Answer | None:
        p = t.p
        if not p.has(*cues.EVENT_WORDS):
            return None
        # "who flipped his Porsche in 1998": an incident, whoever the question names.
        hits = self.facts.search(p.text, p.years, limit=10, boost_topic="incidents", loose=True)
        if p.years and any(set(p.years) & set(h.fact.years) for h in hits):
            hits = [h for h in hits if set(p.years) & set(h.fact.years)]
        elif p.years and p.has("happened", "happen"):
            # "what happened at the end of the 2020 race": that year's incidents, if we have any.
            that_year = [f for f in self.kb.facts if f.topic == "incidents" and set(p.years) & set(f.years)]
            that_year.sort(key=lambda f: (len(f.years), f.years[0] not in p.years))  # about that year alone first
            if that_year:
                return self.builder.fact(that_year[0], [f for f in that_year[1:] if f.years[0] in p.years])
        elif p.years and p.has("crash", "crashed", "crashes", "flip", "flipped", "accident", "incident"):
            # "the Bentley that crashed in 2001": no incident of ours is about that year.
            return unknown(
                f"I have no record of such an incident in {p.years[0]}. " + self.builder.scope_hint(), "incident"
            )
        if hits and hits[0].score >= FACT_SURE:
            return self.builder.fact(hits[0].fact, self._close(hits))
        return None

    def _step_lone_pronoun(self, t: Turn) -> Answer | None:
        p = t.p
        if (
            p.entities
            or p.years
            or p.edition
            or not p.has(*cues.PRONOUNS)
            or p.has("petit", "plm")
            or p.phrase(*NOT_ENTITIES)  # "how did Don Panoz make his money": he is named
        ):
            return None
        # "how many times did he win?": nobody to refer to in a single message.
        pronoun = next(w for w in p.words if w in cues.PRONOUNS)
        return clarify(
            f"Who do you mean by \u201c{pronoun}\u201d? Name the driver, team or manufacturer "
            "(for example: how many times did Allan McNish win?).",
            [],
            "clarify-pronoun",
        )

    def _step_asked_unknown(self, t: Turn) -> Answer | None:
        return self._asked_unknown(t.p)

    def _step_engine_kind_fact(self, t: Turn) -> Answer | None:
        p = t.p
        if not p.has("diesel", "diesels", "hybrid", "hybrids") or p.entities or self._query(t).compositional:
            return None
        hits = [  # wins by kind of engine: stored facts about that kind, not tables
            h for h in self.facts.search(p.text, p.years, limit=10)
            if any(w in k for k in h.fact.keywords for w in ("diesel", "hybrid"))
        ]  # fmt: skip
        return self.builder.fact(hits[0].fact, self._close(hits)) if hits else None

    def _step_current_series(self, t: Turn) -> Answer | None:
        p = t.p
        if (
            not p.years
            and all(m.text in cues.SERIES for m in p.entities)  # ("part of the WeatherTech championship")
            and builders.attribute_asked(p)[0] == "championship"
            and p.has("is", "does", "belong", "belongs", "currently", "now", "today")
        ):
            # "what series is Petit Le Mans part of": the latest race's, said as such
            answer = self.builder.attribute(self.kb.races[self.kb.last_year], "championship", p)
            return _prefix(answer, f"As of the latest race ({self.kb.last_year}): ")
        return None

    def _step_unrecorded(self, t: Turn) -> Answer | None:
        if not t.p.phrase(*cues.UNRECORDED):
            return None
        words = t.p.words
        at = words.index("single") if "single" in words else -1
        only_single = at >= 0 and not t.p.phrase(*(c for c in cues.UNRECORDED if c != "single"))
        if only_single and words[at + 1 : at + 2] and (words[at + 1] in KIND_NOUNS or words[at + 1] in _COUNTED_THINGS):
            return None  # "a single team", "a single race": one of them, not a marital status
        # Attributes of people the sources do not give: say so rather than answer around them.
        return unknown(
            "My knowledge records results (who won, with which team and car), not drivers' gender, age or "
            "personal details. " + self.builder.scope_hint(),
            "unrecorded",
        )

    def _step_counted_unknown(self, t: Turn) -> Answer | None:
        """'how many pit stops did the winner make': the thing counted is none of ours, so say so.

        The words right after "how many" name what is counted; when they are not a kind, a
        result word or a fact's keyword, any count we gave would be of something else.
        """
        p = t.p
        counted = self._counted_words(p)
        read = self._query(t).used  # words the typed query understood ("pole sitters") are ours
        foreign = [w for i, w in counted if i not in read and self._foreign_words(p, only=i)]
        if not foreign:
            return None
        hits = self.facts.search(p.text, p.years, limit=3)
        if hits and hits[0].score >= FACT_CLEAR and _speaks_of(hits[0].fact, foreign):
            return self.builder.fact(hits[0].fact, self._close(hits))  # a stored fact counts it
        said = " ".join(w for _, w in counted)
        return unknown(
            f"I don't record {said} at Petit Le Mans, so I can't count them. " + self.builder.scope_hint(),
            "unrecorded",
        )

    @staticmethod
    def _counted_words(p: Parsed) -> list[tuple[int, str]]:
        """The noun phrase after 'how many' / 'how much', up to the verb: [(position, word)]."""
        words = p.words
        for i in range(len(words) - 1):
            if words[i] == "how" and words[i + 1] in ("many", "much"):
                out = []
                for j in range(i + 2, len(words)):
                    if words[j] in _COUNT_STOPS or words[j].isdigit():
                        break
                    out.append((j, words[j]))
                return out
        return []

    def _step_season_title(self, t: Turn) -> Answer | None:
        p = t.p
        if not p.phrase(*cues.SEASON_TITLE):
            return None
        # Season championships are not race results: only a stored fact may speak to them.
        hits = [
            h for h in self.facts.search(p.text, p.years, limit=10)
            if any(w in k for k in h.fact.keywords for w in ("title", "champion"))
        ]  # fmt: skip
        if hits and hits[0].score >= FACT_CLEAR:
            return self.builder.fact(hits[0].fact, self._close(hits))
        return unknown(
            "I know Petit Le Mans race results, not who won the season's championship titles. "
            + self.builder.scope_hint(),
            "season-title",
        )

    def _step_clarify_names(self, t: Turn) -> Answer | None:
        """A name that fits several entities, or was bent a long way to fit one: ask."""
        self._people_and_classes(t)
        p = t.p
        for m in t.people or []:
            if m.strength == 1:  # ("lando norris" is not Land Motorsport, even misspelt)
                partner = self._unknown_partner(p, m, set(self._query(t).unread))
                if partner:
                    return self._stranger([partner], p)  # "scott pruett": a Scott we don't know
            if m.ambiguous:
                return self._clarify(p, m)
            if m.doubtful:
                before = p.words[m.start - 1] if m.start else ""
                if before and before not in COMMON_WORDS and not any(x.end == m.start for x in p.matches):
                    # "dirk muller": an unknown first name before a far-fetched surname match.
                    return self._stranger([f"{before} {m.text}"], p)
                return self._clarify_weak(p, m)
        return None

    def _step_composed(self, t: Turn) -> Answer | None:
        return answer_query(self.context, self._query(t))

    def _step_no_year(self, t: Turn) -> Answer | None:
        t.year, why_not = self._year(t.p)
        return why_not

    def _step_car_number(self, t: Turn) -> Answer | None:
        p, year = t.p, t.year
        if not p.car_numbers or t.classes:
            return None
        number = p.car_numbers[0]
        if year is not None and len(p.car_numbers) > 1:
            return self.builder.which_number(p.car_numbers, self.kb.races[year])  # "the 07 or the 08?"
        if year is not None:
            yes_no = bool(p.words) and p.words[0] in _AUXILIARIES  # "did the #22 win", not "which team ran #2"
            return self.builder.car_number_in_year(number, self.kb.races[year], yes_no=yes_no)
        return None if t.people else self.builder.car_number_wins(number)

    def _step_class_pole_record(self, t: Turn) -> Answer | None:
        p = t.p
        if t.class_id and p.has("record", "records") and p.has("qualifying", "pole") and not p.years:
            return self.builder.pole_records(t.class_id)  # "the GTP qualifying track record"
        return None

    def _step_two_entities(self, t: Turn) -> Answer | None:
        p, people = t.p, t.people or []
        if len(people) < 2:
            return None
        a, b = people[0].refs[0], people[1].refs[0]
        crew = [m.refs[0] for m in people if m.refs[0].kind == "driver"]
        if len(crew) >= 3 and t.year is not None:  # "was 2003 won by Lehto, Herbert and Johansson": every name
            return self._crew_claim(crew, self.kb.races[t.year])
        if p.has("streak", "run", "row", "end", "ended", "ending", "stopped", "broke") and a.kind == b.kind:
            return self.builder.streak_breaker(a, b)
        if a.kind == b.kind == "team" and p.phrase("same team", "same as", "same outfit", "same organisation"):
            return self.builder.same_team(a, b)
        together = p.has("together", "both", "with", "alongside", "same") and not p.has(
            "compare", "more", "versus", "vs"
        )
        compared = self._query(t).measure == "compare"  # "which has more wins, Peugeot or Rebellion"
        listed = p.has("list", "show", "give") and not compared and not p.has("together", "both", "shared")
        if listed and a.kind == b.kind and a.kind in _ONE_PER_RESULT and t.year is None:
            # "list the Nissan and Mazda overall wins w/ drivers": each one's wins (no result has two makes)
            return builders.combine([self.builder.entity(r, p, t.class_id, None) for r in (a, b)])
        if (a.kind == b.kind or compared) and a != b and t.year is None and not together:
            return self.builder.without(a, b) if p.has("without") else self.builder.compare(a, b, p)
        return self.builder.together(a, b, t.year)

    def _crew_claim(self, crew: list[EntityRef], race: Race) -> Answer:
        """Three or more drivers said to have won a race together: yes only if every one of them did."""
        winning = next((r for r in race.results if all(self.builder.involves(r, d) for d in crew)), None)
        if winning is not None:
            text = f"Yes: {join([d.name for d in crew])} won together in {race.year}. "
            text += self.builder.result_sentence(race, winning)
            return self.builder._answer(
                text, "together", items=[race, winning], years=(race.year,), entities=tuple(crew)
            )
        o = race.overall
        missing = [d.name for d in crew if not self.builder.involves(o, d)]
        text = (f"No: {join(missing)} {'was' if len(missing) == 1 else 'were'} not among the {race.year} overall "
                f"winners. {self.builder.result_sentence(race, o)}")  # fmt: skip
        return self.builder._answer(text, "together", items=[race, o], years=(race.year,), entities=tuple(crew))

    def _step_fact_verbs(self, t: Turn) -> Answer | None:
        p = t.p
        if not t.people or not p.has(*cues.FACT_VERBS):
            return None
        hits = self.facts.search(p.text, p.years)
        if hits and hits[0].score >= FACT_CLEAR:  # "when did Panoz buy Road Atlanta": the man, not the make
            return self.builder.fact(hits[0].fact, self._close(hits))
        return None

    def _step_streak_claim(self, t: Turn) -> Answer | None:
        p = t.p
        claimed = [n for n in p.numbers if 2 <= n <= 30]
        if t.people and claimed and p.phrase("straight", "in a row", "consecutive", "back to back", "running"):
            return self.builder.streak_claim(
                t.people[0].refs[0], claimed[0], p.years[0] if p.years else None, t.class_id
            )
        return None

    def _step_entity_years(self, t: Turn) -> Answer | None:
        p = t.p
        if not t.people or len(p.years) < 2:
            return None
        span = (
            range(min(p.years), max(p.years) + 1)
            if p.has("every", "each", "all", "straight", "consecutive", "from", "between", "through")
            else sorted(set(p.years))
        )  # "did Biela win in both 2001 and 2005": those two years
        return self.builder.every_year(t.people[0].refs[0], span, t.class_id)

    def _step_entity(self, t: Turn) -> Answer | None:
        p, year = t.p, t.year
        if not t.people:
            return None
        ref = t.people[0].refs[0]
        made = self._unknown_model(p, t.people[0])
        if made:
            return self._stranger([made], p)
        if ref.kind == "driver" and p.phrase(
            "nationality", "what country", "which country", "where is he from", "where was he from"
        ):
            return self.builder.nationality(ref)  # "what nationality was David Brabham, the 1999 winner"
        if p.span is not None:
            return self.builder.wins_in_span(ref, p.span)  # "did an Audi R8 win after 2005"
        if year is not None:
            return self._entity_in_year(t, ref, year)
        foreign = [] if p.has(*cues.WIN_WORDS) else self._foreign_words(p)
        if foreign:  # "how much does Jordan Taylor get paid": not his wins
            return self._offer_entity(ref, foreign)
        return self.builder.entity(ref, p, t.class_id, t.query.measure if t.query else None)

    def _offer_entity(self, ref: EntityRef, foreign: list[str]) -> Answer:
        said = builders.join_or([f"\u201c{w}\u201d" for w in foreign[:3]])
        name = normalize(ref.name)
        return clarify(
            f"I'm not sure what {said} asks about {ref.name}. I know their Petit Le Mans results: wins, "
            "years, teams, cars and co-drivers.",
            [
                Candidate(f"{ref.name}'s wins", f"how many times did {name} win"),
                Candidate(f"{ref.name}'s first win", f"when was {name}s first win"),
            ],
            "clarify-entity",
        )

    def _entity_in_year(self, t: Turn, ref: EntityRef, year: int) -> Answer:
        p = t.p
        race = self.kb.races[year]
        attribute, _ = builders.attribute_asked(p)
        if attribute in _RACE_ATTRIBUTES and self.builder.involves(race.overall, ref) and not t.class_id:
            return self.builder.attribute(race, attribute, p)  # "what engine did the 2000 Audi R8 have"
        if p.phrase("fastest lap", "fastest race lap", "quickest lap", "lap time"):
            return unknown(  # "Capello's fastest lap in 2006": not in the sources
                f"My sources do not record {possessive(ref.name)} lap times in {year}.",
                "fastest-lap",
                years=(year,),
            )
        unknown_names = [w for w in self._unrecognised(p) if w not in LEXICON]
        answer = self.builder.entity_in_year(ref, race, p, t.class_id)
        if unknown_names:  # "was catsburg in the winning bmw in 2017": a name we cannot confirm
            named = builders.join_or([f"\u201c{w}\u201d" for w in unknown_names])
            return _prefix(
                _strip_yes(answer), f"I can't confirm {named}: not among the {year} winners in my knowledge. "
            )
        return answer

    def _step_span_records(self, t: Turn) -> Answer | None:
        if len(t.p.years) > 2 and self._records_question(t.p) and not t.people:
            return self.builder.win_table(
                t.p, t.class_id
            )  # "which make dominated the 2000s", "most GTD wins in the 2010s"
        return None

    def _step_class_span(self, t: Turn) -> Answer | None:
        p, class_id = t.p, t.class_id
        if class_id and len(p.years) > 2:  # "GTD winners in the 2010s"
            return self.builder.class_history(class_id, years=p.years)
        if class_id and p.span is not None:
            return self.builder.class_history(class_id, years=p.span.years(self.kb.years))
        return None

    def _step_class_year(self, t: Turn) -> Answer | None:
        p, year = t.p, t.year
        if not t.class_id or year is None:
            return None
        years = p.years if len(p.years) > 1 else [year]
        class_ids = list(dict.fromkeys(c.refs[0].id for c in t.classes))
        attribute, cue = builders.attribute_asked(p)
        if attribute in ("laps", "margin", "pole", "race-time"):
            # "by how much did GTD's winner win", "GTLM pole in 2018": recorded for the race overall only,
            # unless the class result's notes say it ("margin 0.718 s")
            name = self.kb.name("class", class_ids[0])
            said_in = {"laps": r"\b\d+ laps\b", "margin": r"\bmargin\b", "pole": r"\bpole\b",
                       "race-time": r"\b\d+:\d\d:\d\d\b"}[attribute]  # fmt: skip
            noted = [r for r in self.kb.races[year].results
                     if r.class_ in class_ids and not r.overall and r.notes and re.search(said_in, r.notes.lower())]  # fmt: skip
            if noted:
                said = " ".join(
                    f"{self.builder.result_sentence(self.kb.races[year], r)} Note: {r.notes}" for r in noted
                )
                return self.builder._answer(said, "class-attribute", items=noted, years=(year,))
            return unknown(
                f"I record the {name} class winners, not the class's {cue or attribute}. "
                f"Ask “who won {name} in {year}”, or the {cue or attribute} overall in {year}.",
                "class-attribute",
                years=(year,),
            )
        parts = [self.builder.class_winner(self.kb.races[y], c) for y in years for c in class_ids]
        return parts[0] if len(parts) == 1 else builders.combine(parts)

    def _step_notable(self, t: Turn) -> Answer | None:
        """'why was the 2015 race special': the stored facts about that year, not its winners again."""
        p = t.p
        if len(p.years) != 1 or t.people or not p.has(*_NOTABLE):
            return None
        facts = sorted((f for f in self.kb.facts if p.years[0] in (f.years or ())), key=lambda f: len(f.years))
        if not facts:
            return None
        return self.builder.fact(facts[0], facts[1:2])

    def _step_year(self, t: Turn) -> Answer | None:
        p, year = t.p, t.year
        if year is None:
            return None
        strangers = [w for w in self._unrecognised(p) if not set(w.split()) & LEXICON]  # ("was it full distance")
        if strangers and (self._entity_style(p) or p.words[0] in ("was", "were", "is")):
            return self._stranger(strangers, p)  # "did Blorp win in 2003": not answered as "who won in 2003"
        years = sorted(set(p.years))
        if len(years) == 2 and p.has("from", "to", "through", "between", "until", "till"):
            years = [y for y in self.kb.years if years[0] <= y <= years[1]]  # "from 2018 to 2022"
        if len(years) > 1 and (p.has(*cues.WIN_WORDS) or len(p.words) <= 6):
            return self.builder.winners_of(years)  # "who won 2018 and 2019"
        if len(years) > 1:  # "what cars was it in 2016, 2022 and 2023": the question of each year, none dropped
            return builders.combine([self._year_question(p, self.kb.races[y]) for y in years[:MAX_EACH_YEAR]])
        return self._year_question(p, self.kb.races[year])

    def _step_class(self, t: Turn) -> Answer | None:
        p, class_id, classes = t.p, t.class_id, t.classes
        if not class_id or len(classes) != 1 or self._records_question(p):
            return None
        if self._strangers_unexplained(t):
            return None  # "which GTD Pro winner was a Zorblax": a name we don't know, said so later
        if p.has("overall"):  # "when did a GT car first win overall": a fact, not the class's winners
            hits = self.facts.search(p.text, [])
            if hits and hits[0].score >= FACT_SURE:
                return self.builder.fact(hits[0].fact, self._close(hits))
        if p.has("first", "inaugural", "earliest"):
            return self.builder.class_history(class_id, pick="first")
        if p.has("last", "final", "latest", "recent", "ever") and p.has(*cues.WIN_WORDS, "race"):
            return self.builder.class_history(class_id, pick="last")
        asked = [w for w in p.words if w not in COMMON_WORDS and not any(w in m.text.split() for m in classes)]
        read_whole = t.query is not None and not t.query.unread  # ("who won GTD since it was introduced")
        if asked and not read_whole and not p.has("list", "all", "every", "each", "winners", "history"):
            hits = self.facts.search(p.text, [])
            if hits and hits[0].score >= FACT_BEYOND_CLASS:  # more than the class's own name must match
                return self.builder.fact(hits[0].fact, self._close(hits))
        return self.builder.class_history(class_id)

    def _entity_style(self, p: Parsed) -> bool:
        """'how many wins does X have', 'did X win': a question about a named someone."""
        return p.phrase("how many wins", "how many times") or (
            p.words[0] in ("did", "has", "have", "does") and p.has(*cues.WIN_WORDS)
        )

    def _step_unknown_name(self, t: Turn) -> Answer | None:
        p = t.p
        strangers = self._unrecognised(p)
        if strangers and self._entity_style(p) and not p.phrase(*cues.RECORD_CUES):
            # "how many plm wins does dallara have": a name we don't know, not a records table.
            return self._stranger(strangers, p)
        return None

    def _step_race_times(self, t: Turn) -> Answer | None:
        p = t.p
        if (
            not p.years
            and self._query(t).measure != "streak"  # ("the longest winning streak at Petit Le Mans": a run of wins)
            and (
                p.has("quickest", "shortest")
                or (p.has("fastest", "longest", "slowest") and not p.has("lap", "laps", "qualifying", "pole", "corner"))
            )
            and p.phrase("to finish", "race time", "winning time", "race", "races", "finish", "petit le mans")
        ):
            return self.builder.race_times(slow=p.has("longest", "slowest"))  # "the quickest 1,000-mile race"
        return None

    def _step_records(self, t: Turn) -> Answer | None:
        if self._records_question(t.p) and not self._fact_first(t.p):
            return self.builder.win_table(t.p, t.class_id)
        return None

    def _step_conditions(self, t: Turn) -> Answer | None:
        p = t.p
        if p.phrase("name a", "name an", "name one", "name any", "give me a", "give me an") and p.has(
            "who", "that", "which"
        ):
            # "name a female driver who won a class": a search by conditions we cannot run.
            return unknown(
                "I can't search by conditions like that. I can answer about a named driver, team, make, year or "
                "class, and list record tables (most wins, N-time winners, streaks). " + self.builder.scope_hint(),
                "unsupported-filter",
            )
        return None

    def _step_weak_name(self, t: Turn) -> Answer | None:
        weak = [m for m in t.p.matches if m.weak]
        if weak and t.p.has("won", "win", "wins", "winner", "victories"):
            return self._clarify_weak(t.p, weak[0])
        return None

    def _step_facts_or_strangers(self, t: Turn) -> Answer | None:
        p = t.p
        strangers = self._unrecognised(p)
        hits = self.facts.search(p.text, [])
        clear = bool(hits) and hits[0].score >= FACT_CLEAR and not self._strangers_unexplained(t)
        if strangers and (self._entity_style(p) or (p.has(*cues.WIN_WORDS) and not clear)):
            # "how many wins does zanardi have": a name we don't know, not a fact to look up.
            return self._stranger(strangers, p)
        query = self._query(t)
        if hits and hits[0].score >= FACT_ANY and query.about_results and query.ignored:
            # "which drivers won both ...": a weak fact match must not stand in for a part not understood.
            return self.context_unknown(query)
        if hits and hits[0].score >= FACT_ANY:
            return self.builder.fact(hits[0].fact, self._close(hits))
        if self._records_question(p):
            return self.builder.win_table(p, t.class_id)
        return self._stranger(strangers, p) if strangers else None

    def context_unknown(self, query: Query) -> Answer:
        words = builders.join_or([f"\u201c{w}\u201d" for w in dict.fromkeys(query.ignored)])
        return unknown(
            f"I'm not sure what {words} means in that question, and I won't guess. " + self.builder.scope_hint(),
            "not-understood",
        )

    def _step_all_winners(self, t: Turn) -> Answer | None:
        if t.p.has(*cues.WIN_WORDS) and t.p.has("all", "every", "list", "each", "complete", "full"):
            return self.builder.winners_of(self.kb.years)
        return None

    def _step_latest_winner(self, t: Turn) -> Answer | None:
        p = t.p
        if p.has(*cues.WIN_WORDS) and p.has("who", "winner", "winners") and not p.has("how", "why", "ever"):
            if p.phrase("that year", "the same year", "that race", "that time", "that season") or p.has("then"):
                return unknown(  # a year meant but not said: never the latest race instead
                    "Which year do you mean? Name it, for example \u201cwho won in 2017\u201d.", "no-year"
                )
            answer = self.builder.winner(self.kb.races[self.kb.last_year], with_classes=False)
            return _prefix(answer, f"You did not name a year, so here is the latest race ({self.kb.last_year}). ")
        return None

    def _dropped_names(self, p: Parsed) -> list[str]:
        """Unknown words where a name belongs ('with Zorblax', 'and Zorblax'): a part the answer would drop."""
        named = {i for m in p.matches for i in range(m.start, m.end)}
        out = []
        for i, w in enumerate(p.words):
            before = p.words[i - 1] if i else ""
            if before in ("the", "a", "an") and i >= 2:
                before = p.words[i - 2]
            if (
                before not in _NAME_SLOTS
                or i in named
                or DECADE_WORD.fullmatch(w)
                or not self._foreign_words(p, only=i)
            ):
                continue  # ("both the 2000s and the 2010s": a decade, which the eras reader reads)
            out.append(w)
        return out

    def _not_a_name(self, words: list[str], p: Parsed) -> Answer:
        near = self._did_you_mean(words, p)
        if near is not None:
            return near
        said = builders.join_or([f"\u201c{w}\u201d" for w in words])
        return unknown(
            f"I don't know {said} as a driver, team, manufacturer or car at Petit Le Mans, so I won't answer as if "
            "it were not there. " + self.builder.scope_hint(),
            "unknown-name",
        )

    def _stranger(self, words: list[str], p: Parsed | None = None) -> Answer:
        named = builders.join_or([f"\u201c{w}\u201d" for w in words])
        wanted = {normalize(w) for w in words}
        keyed = [f for f, keys in self._fact_keywords if wanted & keys]
        if keyed and p is not None and not p.years:
            answer = self.builder.fact(keyed[0], keyed[1:2])  # "dallara wins": a stored fact names it
            if p.has(*cues.WIN_WORDS) and not any(k in normalize(keyed[0].text) for k in ("wins", "won", "win")):
                who = " ".join(words).title()
                answer = _prefix(answer, f"{who} is not among the winners in my knowledge. Sources do say: ")
            return answer
        mention = self.builder.mention(words) if p is not None and not p.years else None
        if mention:
            return mention  # "did richard lietz win": not a winner, but the notes say who he was
        if p is not None and p.years:
            # "did richard lietz win in 2015": the winners of that year are known, so say no.
            race = self.kb.races[p.years[0]]
            o = race.overall
            return self.builder._answer(
                f"{named[:1].upper()}{named[1:]} is not among the {race.year} winners in my knowledge. The {race.year} "
                f"overall winners were {self.builder.crew(o)} in {self.builder.machine(o)}.{self.builder._unverified(race)}",
                "entity-year", items=[race, o], title=f"Petit Le Mans {race.year}", years=(race.year,),
            )  # fmt: skip
        near = self._did_you_mean(words, p)
        if near is not None:
            return near
        return unknown(
            f"I don't recognise {named}: no driver, team, manufacturer or car of that name has won at Petit Le Mans "
            "in my knowledge. " + self.builder.scope_hint(),
            "unknown-name",
        )

    def _did_you_mean(self, words: list[str], p: Parsed | None) -> Answer | None:
        """A name too far from any we know to correct silently, but close to some: ask which."""
        if p is None or len(words) != 1:
            return None
        refs = self.index.near(words[0])
        if not refs:
            return None
        asked = " ".join(p.words)
        candidates = [Candidate(ref.name, asked.replace(words[0], normalize(ref.name), 1), ref) for ref in refs]
        which = f"{refs[0].name}?" if len(refs) == 1 else "one of these?"
        return clarify(f"I don't recognise \u201c{words[0]}\u201d. Did you mean {which}", candidates, "did-you-mean")

    def _asked_unknown(self, p: Parsed) -> Answer | None:
        """'what tyres did the 2006 winner run': the thing asked for is a word we know nothing of."""
        if builders.attribute_asked(p)[0] or (p.entities and not p.years):
            return None  # "what was the event called in 2004": a known attribute, whatever the other words
        strangers = set(self._unrecognised(p)) - self._keyword_words  # words the facts use are not unknown
        for i, wh in enumerate(p.words):
            if wh not in ("what", "which", "whose", "whats"):
                continue
            rest = [w for w in p.words[i + 1 : i + 5] if w not in STOPWORDS]
            word = rest[0] if rest else ""
            if word in strangers:
                scope = f" for {p.years[0]}" if p.years else ""
                return unknown(
                    f"I have nothing on \u201c{word}\u201d{scope}. " + self.builder.scope_hint(),
                    "unknown-topic",
                    years=tuple(p.years[:1]),
                )
        return None

    def _unknown_partner(self, p: Parsed, m: Mention, unread: set[str]) -> str | None:
        """A lone first name or surname whose neighbour is a name word we do not know (nor the query read:
        "did Capello always win with Audi")."""
        strangers = {w for phrase in self._unrecognised(p) for w in phrase.split() if w in unread}
        # A misspelt other half of the same name ("alan" beside McNish) is not a stranger.
        own = {w for ref in m.refs for w in normalize(ref.name).split()}
        strangers = {w for w in strangers if not any(fuzz.ratio(w, o) >= 75 for o in own)}
        after = p.words[m.end] if m.end < len(p.words) else ""
        before = p.words[m.start - 1] if m.start else ""
        if after in strangers:
            return f"{m.text} {after}"
        if before in strangers:
            return f"{before} {m.text}"
        return None

    def _unknown_model(self, p: Parsed, m: Mention) -> str | None:
        """'Porsche 963': a make followed by a model number we have no car for."""
        ref = m.refs[0]
        after = p.words[m.end] if m.end < len(p.words) else ""
        if ref.kind == "manufacturer" and after and any(ch.isdigit() for ch in after) and not p.years:
            return f"{m.text} {after}"
        return None

    def _strangers_unexplained(self, t: Turn) -> list[str]:
        """Unknown name-like words the query did not read and the best stored fact does not speak of either."""
        unread = set(self._query(t).unread)
        strangers = [w for w in self._unrecognised(t.p) if set(w.split()) & unread]
        hits = self.facts.search(t.p.text, t.p.years) if strangers else []
        fact = hits[0].fact if hits else None
        said = set(normalize(f"{fact.title} {fact.text} {' '.join(fact.keywords)}").split()) if fact else set()
        return [w for w in strangers if not set(w.split()) & said]

    def _unrecognised(self, p: Parsed) -> list[str]:
        """Words that look like names but match nothing we know (say so, rather than answer around them)."""
        if p.strangers is None:  # asked several times while routing one question
            p.strangers = self._find_unrecognised(p)
        return p.strangers

    def _find_unrecognised(self, p: Parsed) -> list[str]:
        taken = {i for m in p.matches for i in range(m.start, m.end)}
        unknown_at = [
            i for i, w in enumerate(p.words)
            if i not in taken and len(w) >= 3 and not any(ch.isdigit() for ch in w) and w not in COMMON_WORDS and w not in cues.INTENT_WORDS and w not in QUERY_WORDS
        ]  # fmt: skip
        phrases: list[list[int]] = []
        for i in unknown_at:
            if phrases and phrases[-1][-1] == i - 1:
                phrases[-1].append(i)
            else:
                phrases.append([i])
        return [" ".join(p.words[i] for i in group) for group in phrases][:3]

    def _year(self, p: Parsed) -> tuple[int | None, Answer | None]:
        """The race year the question is about, or an answer explaining there is none."""
        if p.years:
            return p.years[0], None
        if p.month:
            in_month = [r.year for r in self.kb.races.values() if r.date and r.date.month == p.month]
            if len(in_month) == 1:
                return in_month[0], None  # "the Petit Le Mans that ran in November"
        titled = [years for phrase, years in self._titles.items() if p.phrase(phrase)]
        if titled and len(titled[0]) == 1:
            return titled[0][0], None  # "the Chevy presents Petit Le Mans": the one race with that title
        era = "10 hours" if p.phrase("10 hour", "10 hours", "ten hour", "ten hours") else None
        era = "1,000 miles" if p.phrase("1000 mile", "1000 miles", "thousand mile", "thousand miles") else era
        if era and p.has("first", "last", "final", "inaugural"):
            # "the first 10-hour Petit", "the last of the 1000-mile races": by the race format
            runs = [r.year for r in self.kb.races.values() if r.format.startswith(era)]
            if runs:
                return (runs[0] if p.has("first", "inaugural") else runs[-1]), None
        series = next((name for word, name in cues.SERIES.items() if p.phrase(word)), None)
        if series and p.has("first", "last", "final", "inaugural", "latest"):
            # "who won the last ALMS Petit Le Mans": the first/last race counted in that series
            runs = [r.year for r in self.kb.races.values() if any(series in c for c in r.championships)]
            if runs:
                return (runs[0] if p.has("first", "inaugural") else runs[-1]), None
        if p.edition:
            race = next((r for r in self.kb.races.values() if r.edition == p.edition), None)
            if race:
                return race.year, None
            return None, unknown(
                f"There has been no {p.edition}th Petit Le Mans in my knowledge: I know editions 1 "
                f"({self.kb.first_year}) to {self.kb.races[self.kb.last_year].edition} ({self.kb.last_year}).",
                "year",
            )
        if p.bad_years:
            return None, self._no_year(p.bad_years[0])
        class_era = p.has("era") and any(all(r.kind == "class" for r in m.refs) for m in p.entities)
        # "which team was Dixon with for the first one": his first win, not the first race.
        their_first = p.phrase("first one", "first time") and any(r.kind != "class" for m in p.entities for r in m.refs)
        if p.relative == "first" and not class_era and not their_first:
            return self.kb.first_year, None  # (not "the first Petit of the GTP era": that class's first)
        if (
            p.relative == "latest"
            and not p.entities
            and not p.phrase("race for", "race of the", "races for", "race with")
        ):
            return self.kb.last_year, None  # (not "the last race for Daytona Prototypes": a fact)
        if p.relative == "previous":
            return self.kb.years[-2], None
        return None, None

    def _no_year(self, year: int) -> Answer:
        first, last = self.kb.first_year, self.kb.last_year
        if year < first:
            text = f"Petit Le Mans was first run in {first}, so there was no {year} race. I know every race from {first} to {last}."
        elif year > last:
            text = (
                f"I have no results for {year}: the latest race in my knowledge is {last}. "
                f"I know every race from {first} to {last}."
            )
        else:
            text = f"I have no record of a {year} race. I know {first} to {last}."
        return unknown(text, "year", years=(year,))

    def _lap_question(self, p: Parsed, y: int) -> Answer:
        """The fastest race lap of one year, a lap or speed record set then, or what is not recorded."""
        race_lap = p.phrase("fastest lap", "fastest race lap", "quickest lap", "fastest laps", "lap record")
        if race_lap and not p.phrase("lap record") and self.kb.races[y].fastest_lap:
            return self.builder.attribute(self.kb.races[y], "fastest-lap", p)  # the researched race lap
        hits = [
            h for h in self.facts.search(p.text, [y])
            if y in h.fact.years and h.fact.topic == "lap-records"
            and (not race_lap or "qualifying" not in normalize(h.fact.title))  # a qualifying record is not a race lap
        ]  # fmt: skip
        if hits:
            return self.builder.fact(hits[0].fact, self._close(hits))
        laps = [
            f for f in self.kb.facts
            if f.topic == "lap-records" and f.years and f.years[0] == y
            and (not race_lap or "qualifying" not in normalize(f.title))
        ]  # fmt: skip
        if laps:  # the lap records set that year, whatever the wording ("top speed in 2008")
            return self.builder.fact(laps[0], laps[1:])
        return unknown(f"My sources do not record the fastest lap of the {y} race.", "fastest-lap", years=(y,))

    def _year_question(self, p: Parsed, race: Race) -> Answer:
        y = race.year
        era = p.span.years(self.kb.years) if p.span else None
        if era and p.has("winner", "winners", "won", "win"):
            return self.builder.winners_of(era)
        if era:
            # A question about an era ("the format before 2014"), not about one race.
            hits = self.facts.search(p.text, era)
            if hits and hits[0].score >= 1.0:
                return self.builder.fact(hits[0].fact, self._close(hits))
        if p.phrase(*cues.PLACINGS) and not p.phrase(*cues.TOP_STEP):
            return self.builder.placing(race)
        if p.phrase("fastest lap", "fastest race lap", "quickest lap", "lap record", "fastest laps", "top speed",
                    "how fast", "speed"):  # fmt: skip
            return self._lap_question(p, y)
        if p.phrase(
            "how many classes",
            "how many cars",
            "how many entries",
            "how many starters",
            "how many entrants",
            "field size",
        ):
            hits = self.facts.search(p.text, [y])
            if hits:
                return self.builder.fact(hits[0].fact, self._close(hits))
        attribute, cue = builders.attribute_asked(p)
        if attribute in cues.SOFT_ATTRIBUTES and p.has("who", "winner", "winners") and p.has(*cues.WIN_WORDS):
            attribute = None  # "so who won in 2015, the rain year?": the winner, not the weather
        hits = self.facts.search(p.text, [race.year])
        if attribute and hits and hits[0].score >= 8.0 and cue in builders.WEAK_CUES:
            # A long, rare keyword phrase ("grew out of") says more than one attribute word ("series").
            return self.builder.fact(hits[0].fact, self._close(hits))
        if attribute:
            return self.builder.attribute(race, attribute, p)
        if (
            hits
            and hits[0].score >= 2.0
            and race.year in hits[0].fact.years
            and not p.has("won", "win", "winner", "winners")
        ):
            return self.builder.fact(hits[0].fact, self._close(hits))
        if p.has(*cues.WIN_WORDS) or (len(self._content_words(p)) <= 4 and not self._foreign_words(p)):
            return self.builder.winner(race, with_classes=p.has("classes", "class"))
        # Something about this race we have no branch for: offer what we can say rather than guess.
        return self.builder.offer_year(race)

    @staticmethod
    def _content_words(p: Parsed) -> list[str]:
        return [w for w in p.words if w not in STOPWORDS]

    def _foreign_words(self, p: Parsed, only: int | None = None) -> list[str]:
        """Words of a question that are none of ours ("ratings in 2023"): not a request for the winners.

        ``only`` looks at one position (a word where a name belongs).
        """
        named = {i for m in p.matches for i in range(m.start, m.end)}
        positions = range(len(p.words)) if only is None else [only]
        return [
            w for i in positions if i not in named and len(w := p.words[i]) > 2 and not w.isdigit()
            and not w.startswith("carnumber") and w not in COMMON_WORDS and w not in QUERY_WORDS and w not in cues.INTENT_WORDS
            and w not in self._keyword_words and w not in _REQUEST_WORDS
        ]  # fmt: skip

    @staticmethod
    def _close(hits: list[FactHit]) -> list[Fact]:
        return [h.fact for h in hits[1:] if h.score >= 0.65 * hits[0].score]

    def _records_question(self, p: Parsed) -> bool:
        if p.phrase(*cues.RECORD_CUES):
            return True
        if p.has("list", "all", "every", "rank", "ranking", "table") and p.has(*cues.KIND_PLURALS) and not p.years:
            # "list the overall winning manufacturers"; not "the GTD Pro winners with their cars" (the winners, listed)
            return not (
                p.has("winners") and p.phrase(*(f"{w} {k}" for w in ("their", "w", "with") for k in cues.KIND_PLURALS))
            )
        if (
            any(1 <= n <= 12 for n in p.numbers)
            and p.has("wins", "win", "won", "times", "victories", "winners", "winner", "time")
            and not p.years
        ):
            return True  # "who has three wins", "drivers with 2 wins"
        if p.phrase("how many petit le mans", "how many petits", "how many plm", "how many plms") and p.has(
            "been", "held", "there", "races", "editions", "run", "runnings"
        ):
            return True
        return p.phrase("how many") and p.has("races", "editions", "held", "runnings", "run")

    def _fact_first(self, p: Parsed) -> bool:
        """'lap record', 'most cautions': a records cue that a stored fact answers better."""
        if p.has("diesel", "diesels", "hybrid", "hybrids") and not p.entities:
            return True  # wins by kind of engine are stored facts, not a drivers/teams/makes table
        if p.has("wins", "won", "win", "winners", "victories", "streak", "successful", "winningest", "winning", "laps"):
            return False
        if p.phrase("how many") and p.has("races", "editions", "held", "runnings"):
            return False
        hits = self.facts.search(p.text, [])
        return bool(hits) and hits[0].score >= 3.0

    def _outside(self, p: Parsed) -> Answer | None:
        if p.has(*cues.OFF_TOPIC):
            return unknown(
                "I can't help with that: I know the history and results of Petit Le Mans, not tickets, TV, "
                "money, predictions, weather or travel. " + self.builder.scope_hint(),
                "out-of-scope",
            )
        if p.has("petit", "plm"):
            venue = next((v for v in cues.OTHER_VENUES if p.phrase(f"at {v}", f"in {v}")), None)
            if venue:
                return unknown(
                    f"Petit Le Mans is run at Road Atlanta (Braselton, Georgia), not at {venue.title()}. "
                    + self.builder.scope_hint(),
                    "out-of-scope",
                )
            return None
        if (
            p.phrase(*cues.OTHER_EVENTS)
            and not p.phrase("daytona prototype", "daytona prototypes")
            and (p.has("won", "win", "winner", "winners", "wins", "results", "race") or p.years)
        ):
            hits = self.facts.search(p.text, p.years)
            if hits and hits[0].score >= FACT_CLEAR and p.entities:  # "did Hunter-Reay win the Indy 500": a fact
                return self.builder.fact(hits[0].fact, self._close(hits))
            return unknown(
                "I only know Petit Le Mans, the endurance race at Road Atlanta, not other races. "
                + self.builder.scope_hint(),
                "out-of-scope",
            )
        if (
            p.phrase("le mans", "lemans")
            and not p.phrase("american le mans")  # the ALMS series, whose years are a span
            and (p.years or p.has("won", "win", "wins", "winner", "winners", "victories"))
        ):
            hits = self.facts.search(p.text, p.years)
            if hits and hits[0].score >= FACT_CLEAR and not p.phrase("24 hours", "24h", "24 hour"):
                # "did Hartley win Le Mans in 2017", "do class winners still get Le Mans invites": the stored
                # fact speaks to Le Mans itself; a Petit Le Mans result would answer another race
                return self.builder.fact(hits[0].fact, self._close(hits))
            rephrased = "who won petit le mans" + (f" in {p.years[0]}" if p.years else "")
            return clarify(
                "I only know Petit Le Mans at Road Atlanta, not the 24 Hours of Le Mans. Did you mean Petit Le Mans?",
                [Candidate(f"Petit Le Mans{f' {p.years[0]}' if p.years else ''}", rephrased)],
                "out-of-scope",
            )
        return None

    def _owner_or_team(self, m: Mention, p: Parsed) -> Mention:
        """'won with Wayne Taylor in 2018': the team named after him, when only the team won in those years.

        'teams other than Wayne Taylor', 'Wayne Taylor's team': a team word beside the name says it too.
        """
        if len(m.refs) != 1 or m.refs[0].kind != "driver":
            return m
        beside = p.words[max(0, m.start - 3) : m.start] + p.words[m.end : m.end + 2]
        team_said = any(KIND_NOUNS.get(w) == "team" for w in beside)
        if not team_said and (not p.years or self._won_in("driver", m.refs[0].id) & set(p.years)):
            return m
        for team in self.kb.teams.values():
            won = team_said or self._won_in("team", team.id) & set(p.years)
            if normalize(team.name).startswith(f"{m.text} ") and won:
                ref = EntityRef("team", team.id, team.name)
                return Mention(m.start, m.end, m.text, (ref,), m.strength, m.fuzzy, m.weak, m.doubtful)
        return m

    def _won_in(self, kind: str, id_: str) -> set[int]:
        """The years an entity won, overall or in a class (from the derived records)."""
        rec = self.kb.records.get(kind, id_)
        return {*rec.overall_years, *(w.year for w in rec.class_wins)}

    def _narrow(self, m: Mention, p: Parsed) -> Mention:
        """Use the question's own words to pick among same-named entities of different kinds."""
        if not m.ambiguous:
            return m
        wanted = None
        if p.has("team", "teams", "entrant", "squad", "outfit"):
            wanted = "team"
        elif p.has("manufacturer", "make", "brand", "maker", "constructor", "marque"):
            wanted = "manufacturer"
        elif p.has("driver", "drivers", "he", "his", "him", "she", "her"):
            wanted = "driver"
        refs = tuple(r for r in m.refs if r.kind == wanted) if wanted else m.refs
        if refs and len(refs) < len(m.refs):
            return Mention(m.start, m.end, m.text, refs, m.strength, m.fuzzy, m.weak, m.doubtful)
        kinds = {r.kind for r in m.refs}
        if kinds == {"manufacturer", "car"}:  # "porsche" the make, not a Porsche model
            makes = tuple(r for r in m.refs if r.kind == "manufacturer")
            return Mention(m.start, m.end, m.text, makes, m.strength, m.fuzzy, m.weak, m.doubtful)
        return m

    def _clarify(self, p: Parsed, m: Mention) -> Answer:
        words = p.words
        candidates = []
        for ref in m.refs[:25]:
            question = " ".join([*words[: m.start], builders.plain(ref.name), *words[m.end :]])
            label = f"{ref.name} ({ref.kind})" if len({r.kind for r in m.refs}) > 1 else ref.name
            candidates.append(Candidate(label, question, ref))
        names = builders.join_or([c.label for c in candidates])
        return clarify(
            f"Which one do you mean by \u201c{m.text}\u201d: {names}?", candidates, "clarify", entities=m.refs
        )

    def _clarify_weak(self, p: Parsed, m: Mention) -> Answer:
        answer = self._clarify(p, m)
        if len(m.refs) == 1:
            ref = m.refs[0]
            return clarify(f"Do you mean {ref.name}?", answer.candidates, "clarify", entities=m.refs)
        return answer


# Attributes of a whole race that a question naming its winner may ask for.
_RACE_ATTRIBUTES = (
    "engine",
    "car-number",
    "laps",
    "margin",
    "pole",
    "date",
    "race-time",
    "title",
    "championship",
    "edition",
    "shortened",
    "attendance",
    "format",
)


def _named_again(matches: list[Mention]) -> list[Mention]:
    """'Jordan Taylor won in 2014; how many wins does Jordan have': a short name for one named in full."""
    named = {m.refs[0] for m in matches if not m.ambiguous and len(m.refs) == 1}
    out = []
    for m in matches:
        again = [r for r in m.refs if r in named] if m.ambiguous else []
        if len(again) == 1:
            m = Mention(m.start, m.end, m.text, (again[0],), m.strength, m.fuzzy, m.weak, m.doubtful)
        out.append(m)
    return out


def _merge_same(matches: list[Mention], words: Sequence[str] = ()) -> list[Mention]:
    """'renger van der zande' may match as first name + surname: one person, not two.

    Also 'alex wurz': a first name (Alex Popow) right before a surname whose owner's first
    name it shortens (Alexander Wurz) is that owner's. A name said again is one name, unless it is
    said again as a bound ("the first non-Audi win after Audi's run": excluded, then the bound).
    """
    out: list[Mention] = []
    for m in matches:
        prev = out[-1] if out else None
        if prev and prev.end == m.start and prev.strength == 1 and m.strength == 1 and not set(m.refs) & set(prev.refs):
            owners = tuple(
                r
                for r in m.refs
                if normalize(r.name).split()[0].startswith(prev.text)
                or fuzz.ratio(normalize(r.name).split()[0], prev.text) >= 75
            )
            if owners:
                out[-1] = Mention(prev.start, m.end, f"{prev.text} {m.text}", owners, 2, prev.fuzzy or m.fuzzy)
                continue
        if out and (set(m.refs) & set(out[-1].refs)) and m.start == out[-1].end:
            both = tuple(r for r in out[-1].refs if r in m.refs)
            prev = out[-1]
            out[-1] = Mention(
                prev.start, m.end, f"{prev.text} {m.text}", both, max(prev.strength, m.strength), prev.fuzzy or m.fuzzy
            )
        elif not any(set(m.refs) == set(o.refs) for o in out) or (m.start and words[m.start - 1] in _BOUND_WORDS):
            out.append(m)
    return out


_BOUND_WORDS = frozenset({"after", "before", "since", "until", "till"})


def _strip_yes(answer: Answer) -> Answer:
    return replace(answer, text=answer.text.removeprefix("Yes. "))


def _prefix(answer: Answer, text: str) -> Answer:
    return replace(answer, text=text + answer.text)


__all__ = ["Answer", "AnswerField", "Engine", "Result"]
