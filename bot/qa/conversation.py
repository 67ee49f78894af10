"""Conversation: follow-ups answered in context, small talk, sources on request.

A follow-up is the user's previous question with one part replaced: another year ("and
in 2016?", "the year after?"), another name ("what about Cadillac"), or a pronoun for
the name the last answer was about ("how many did he win"). The rewritten question goes
through the engine like any other, and the answer says what it carried over. Context is
kept per key (Discord: guild, channel and user; the console: the session), expires after
a few minutes or turns, and is bounded in memory (least recently used first out).
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.knowledge.base import KnowledgeBase
from bot.qa import cues
from bot.qa.answer import Answer, Candidate, EntityRef, clarify
from bot.qa.builders.attributes import attribute_asked
from bot.qa.engine import Engine
from bot.qa.format import join, years_text
from bot.qa.index import Mention
from bot.qa.normalize import NUMBER_WORDS, ORDINALS, normalize
from bot.qa.parse import Parsed
from bot.qa.query import KIND_NOUNS

#: Context older than this is forgotten: a question asked after a break stands on its own.
CONTEXT_TTL_S = 10 * 60.0
#: Follow-ups chained on one context before it is dropped ("and 2016?" "and 2017?" ...).
MAX_TURNS = 8
#: Remembered conversations; the least recently used is forgotten first (``plm-trivia bench``
#: prints what one costs).
MAX_CONVERSATIONS = 100_000
MAX_REMEMBERED_QUESTION = 300

Key = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Turn:
    question: str  # the question as answered (after any rewriting)
    answer: Answer
    at: float
    depth: int = 0  # follow-ups since the last standalone question
    named: tuple[EntityRef, ...] = ()  # the subjects of this and the turns before, latest first ("and Biela?")
    year: int | None = None  # the last single race talked about, this turn's or an earlier one's ("that year")
    seen: tuple[int, ...] = ()  # the single races talked about, latest last ("who drove in both of those")
    fact_text: str = ""  # a stored fact's text, read for its names only when asked ("what car was that")


class ContextStore:
    """The last turn per key, bounded in number and age."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        capacity: int = MAX_CONVERSATIONS,
        *,
        ttl: float = CONTEXT_TTL_S,
        max_turns: int = MAX_TURNS,
    ) -> None:
        self._turns: OrderedDict[Key, Turn] = OrderedDict()
        self._clock = clock
        self._capacity = capacity
        self._ttl = ttl
        self._max_turns = max_turns

    def __len__(self) -> int:
        return len(self._turns)

    def now(self) -> float:
        return self._clock()

    def get(self, key: Key) -> Turn | None:
        turn = self._turns.get(key)
        if turn is None:
            return None
        if self._clock() - turn.at > self._ttl or turn.depth >= self._max_turns:
            del self._turns[key]
            return None
        self._turns.move_to_end(key)
        return turn

    def put(self, key: Key, turn: Turn) -> None:
        self._turns[key] = turn
        self._turns.move_to_end(key)
        while len(self._turns) > self._capacity:
            self._turns.popitem(last=False)

    def forget(self, key: Key) -> None:
        self._turns.pop(key, None)


_FILLER = r"(?:and|so|ok|okay|what|how|about|then|in|for|the|of|year|race|one|again|please|now|pls|i|meant|mean)"
_EDITION_FOLLOW = re.compile(
    r"(?:(?:and|what about|how about|ok)\s+)?(?:the\s+)?((?:"
    + "|".join(ORDINALS)
    + r")|\d{1,2}(?:st|nd|rd|th))\s+(?:one|race|edition|running|petit|petit le mans|plm)"
)
_FOLLOW_LEAD = re.compile(
    r"^(?:and|what about|how about|same for|same but|now|ok and|so|i meant|i mean|no i meant|sorry i meant|meant)\b"
)
#: Chat spellings, read as words before small talk is matched ("how sure r u").
_TEXT_SPEAK = {"r": "are", "u": "you", "ur": "your", "ya": "you", "pls": "please", "plz": "please", "thx": "thanks",
               "ty": "thanks", "wat": "what", "wut": "what", "yr": "year", "yrs": "years", "whered": "where did",
               "wheres": "where is", "hows": "how is", "whats": "what is", "tho": "though"}  # fmt: skip
_TEXTING = re.compile(r"\b(?:" + "|".join(_TEXT_SPEAK) + r")\b")
_PRONOUNS = ("he", "him", "his", "she", "her", "they", "them", "their", "it", "its")
#: "which car was that?", "and the team", "car number?": the same race, one part of its
#: result. A message is a narrowing when its words are only one part's words and filler.
_PARTS: dict[str, frozenset[str]] = {
    "which car number won": frozenset({"number", "no", "num"}),
    "which car won": frozenset({"car", "cars", "chassis", "model", "machine", "driving", "drive", "drove"}),
    "which team won": frozenset({"team", "teams", "entrant", "outfit", "ran", "run", "squad"}),
    "which manufacturer won": frozenset({"manufacturer", "make", "brand", "marque", "manufacturers", "built", "made"}),
    "which drivers won": frozenset({"drivers", "driver", "names", "crew", "lineup", "drove", "who"}),
    "which years won": frozenset({"years", "when", "seasons"}),  # (of a subject's wins only)
    "which class won": frozenset({"class", "category", "car", "race", "raced", "racing", "run", "winning"}),
}
# The same parts asked of a subject's wins rather than of one race.
_PART_OF_SUBJECT = {"which car won": "which cars", "which team won": "which teams",
                    "which manufacturer won": "which manufacturers", "which drivers won": "which drivers"}  # fmt: skip
_ASK_WORDS = frozenset({"who", "whom", "what", "which", "when", "where", "how", "whose", "did", "was", "were"})
_PART_FILLER = frozenset(
    [
        "and",
        "so",
        "ok",
        "okay",
        "what",
        "which",
        "who",
        "was",
        "is",
        "it",
        "its",
        "that",
        "the",
        "a",
        "of",
        "for",
        "then",
        "just",
        "only",
        "please",
        "tho",
        "though",
        "again",
        "about",
        "how",
        "name",
        "names",
        "were",
        "they",
        "them",
        "their",
        "in",
        "with",
        "did",
        "win",
        "won",
    ]
)
_NEXT = (
    "the next one",
    "next one",
    "the one after",
    "the following one",
    "a year later",
    "year later",
    "the year after",
    "year after",
    "the next year",
    "next year",
    "the following year",
    "after that",
)
_PREVIOUS = (
    "the previous one",
    "previous one",
    "the one before",
    "a year earlier",
    "year earlier",
    "the prior year",
    "the year before",
    "year before",
    "the previous year",
    "previous year",
    "before that",
)

_GREETINGS = {"hi", "hello", "hey", "yo", "hiya", "howdy", "sup", "greetings", "good morning", "good evening",
              "good afternoon", "hi there", "hello there", "hey there"}  # fmt: skip
_THANKS = {"thanks", "thank you", "thx", "ty", "cheers", "thanks a lot", "thank you so much", "nice", "great",
           "cool", "awesome", "perfect", "ok thanks", "ok thank you"}  # fmt: skip
_THANKS_FIRST = re.compile(
    r"\s*(?:ok(?:ay)? )?(?:thanks|thank you|thx|ty|cheers|cool|nice|great|awesome|perfect)(?: a lot| so much| mate)?"
    r"\s*[!.,;:]+\s*",
    re.IGNORECASE,
)  # (a thanks with punctuation after it, then more words: "thanks! and overall?", "cool, who won in 2016")
_HELP = ("help", "what can you do", "what do you know", "how do i use", "how does this work", "commands",
         "what can i ask", "what should i ask", "how do you work")  # fmt: skip
_ABOUT = ("who made you", "who built you", "who created you", "who are you", "what are you", "who wrote you")
_WHERE_FROM = ("where do you get", "where does your", "where is your info", "what are your sources",
               "where did you get", "where do your facts")  # fmt: skip
_SOURCES = ("where is that from", "where's that from", "source", "sources", "what is your source",
            "how do you know", "citation", "citations", "where did that come from", "where does that come from")  # fmt: skip
_SURE = ("how sure are you", "are you sure", "how confident", "confidence", "really", "is that right",
         "are you certain", "how reliable")  # fmt: skip


class Dialogue:
    """The engine plus one context per key: what the console and Discord ask through."""

    def __init__(self, engine: Engine, store: ContextStore | None = None) -> None:
        self.engine = engine
        self.store = store if store is not None else ContextStore()  # (an empty store is falsy)

    def ask(self, key: Key, text: str, *, after: Turn | None = None) -> Answer:
        """Answer ``text`` in ``key``'s context, or continuing from ``after`` (a reply to an old answer)."""
        text = cues.without_remark(text or "")  # "thats late, was it the season finale?": the question
        thanked = _THANKS_FIRST.match(text)
        if thanked and len(text[thanked.end() :].split()) >= 2:
            text = text[thanked.end() :]  # "thanks! and overall?": the question after the thanks
        words = _TEXTING.sub(lambda m: _TEXT_SPEAK[m.group(0)], normalize(text))
        last = after if after is not None else self.store.get(key)
        special = self._small_talk(words, last)
        if special is not None:
            return special
        if last is None and _is_dangling(words) and not self._anchored(text):
            return _said_unknown(
                "That sounds like a follow-up, but I have no earlier question from you here to follow. "
                "Ask it whole, for example \u201cwho won in 2016\u201d.",
                "no-context",
            )
        mention = self._named_in_fact(words, last) if last and last.fact_text else None
        if mention is not None:
            self.store.put(key, mention[1])
            return mention[0]
        rewritten = self._follow_up(text, words, last) if last else None
        if isinstance(rewritten, Answer):
            return rewritten  # "how many did he win" after three winners: which of them?
        if rewritten is not None and last is not None:
            question, carried = rewritten
            answer = self.engine.ask(question)
            if answer.status == "answered" and not answer.text.startswith(carried):
                answer = replace(answer, text=f"{carried}: {answer.text}")
            if _keeps_context(answer):
                named = _named_now(answer, last)
                kept = _remembered(answer)
                year = _single_year(kept) or last.year
                seen = _seen(last.seen, _single_year(kept))
                self.store.put(key, Turn(question, kept, self.store.now(), last.depth + 1, named, year, seen))
            return answer
        answer = self.engine.ask(text)
        if answer.status == "unknown" and answer.intent == "unknown":
            chat = _chat_fallback(words)  # "yo can u help me with some trivia": not a question, a hello
            if chat is not None:
                return replace(chat, text=chat.text + " " + self.engine.builder.scope_hint())
        keeps = _keeps_context(answer)
        asked = [] if keeps else self._named_in_query(answer)
        if (last is None or keeps) and not asked:
            named = _named_now(answer, last)  # (earlier names kept: "how many wins did that team get" two turns on)
            kept = _remembered(answer)
            year = _single_year(kept) or (last.year if last is not None else None)
            seen = _seen(last.seen if last is not None else (), _single_year(kept))
            fact = answer.text[:MAX_REMEMBERED_FACT] if answer.intent.startswith("fact:") else ""  # (read if asked)
            turn = Turn(text[:MAX_REMEMBERED_QUESTION], kept, self.store.now(), 0, named, year, seen, fact)
            self.store.put(key, turn)
        elif asked:
            # "how old is Scott Dixon", declined: the next "he" is still Dixon
            kept = replace(_remembered(answer), entities=tuple(asked))
            named = tuple(dict.fromkeys([*asked, *(last.named if last is not None else ())]))[:MAX_NAMED]
            year = last.year if last is not None else None
            seen = last.seen if last is not None else ()
            self.store.put(key, Turn(text[:MAX_REMEMBERED_QUESTION], kept, self.store.now(), 0, named, year, seen))
        return answer

    def _anchored(self, text: str) -> bool:
        """'the year after Champion's last win': a name after the relative word anchors it; no context needed."""
        parsed = self.engine.parse(text)
        at = [
            i for i, w in enumerate(parsed.words) if w in ("after", "before", "next", "previous", "prior", "following")
        ]
        return bool(at) and any(m.start > at[0] for m in parsed.entities)

    def _named_in_query(self, answer: Answer) -> list[EntityRef]:
        """The names a declined question was understood to be about ('I don't record drivers' ages')."""
        if answer.intent not in ("unrecorded", "not-understood") or not answer.query:
            return []
        found = answer.query.get("entities") or []
        return [
            EntityRef(e["kind"], e["id"], self.engine.kb.name(e["kind"], e["id"]))
            for e in found if isinstance(e, dict) and e.get("role") == "subject" and e.get("kind") != "class"
        ]  # fmt: skip

    def _mentioned(self, last: Turn) -> tuple[EntityRef, ...]:
        """The drivers, teams and cars the last stored fact names, first named first (its subject comes first)."""
        if not last.fact_text:
            return ()
        found = [m for m in self.engine.parse(last.fact_text).entities if len(m.refs) == 1 and not m.fuzzy]
        return tuple(dict.fromkeys(m.refs[0] for m in sorted(found, key=lambda m: m.start)))[:MAX_MENTIONED]

    def _named_in_fact(self, words: str, last: Turn) -> tuple[Answer, Turn] | None:
        """'what car was that?' after the lap record: the car the fact names first, not that year's winner."""
        asked = _WHAT_WAS_THAT.fullmatch(words)
        kind = KIND_NOUNS.get(asked.group("kind")) if asked else "driver" if _WHO_SET_IT.fullmatch(words) else None
        named = [r for r in self._mentioned(last) if r.kind == kind] if kind else []
        if not named:
            return None
        ref, also = named[0], named[1:]
        more = f" (it also mentions {join([r.name for r in also])})" if also else ""
        said = _said(f"The {kind} that answer is about is {ref.name}{more}.", "fact-mention")
        said = replace(said, entities=(ref,), years=last.answer.years[:1])
        year = last.answer.years[0] if last.answer.years else last.year
        kept = replace(_remembered(said), query=None)
        turn = Turn(last.question, kept, self.store.now(), last.depth + 1, (ref, *last.named)[:MAX_NAMED], year,
                    last.seen, last.fact_text)  # fmt: skip
        return said, turn

    # -- small talk and questions about the last answer ------------------------------------
    def _small_talk(self, words: str, last: Turn | None) -> Answer | None:
        padded = f" {words} "
        short = len(words.split()) <= 6
        if words in _GREETINGS:
            return _said("Hello! Ask me anything about Petit Le Mans: " + _EXAMPLES, "greeting")
        if words in _THANKS:
            return _said("You're welcome! Ask another one any time.", "thanks")
        if short and any(f" {p} " in padded for p in _HELP):
            return _said(_HELP_TEXT + " " + self.engine.builder.scope_hint(), "help")
        if short and any(f" {p} " in padded for p in _ABOUT):
            return _said(
                "I'm a Petit Le Mans trivia bot: I answer from a knowledge base of every race since "
                f"{self.engine.kb.first_year}, built from sourced references, and I run quizzes.",
                "about",
            )
        if any(f" {p} " in padded for p in _WHERE_FROM):
            return _said(_WHERE_TEXT, "where-from")
        if last is not None and short and any(f" {p} " in padded for p in _SOURCES):
            return self._sources(last)
        if last is not None and short and any(f" {p} " in padded for p in _SURE):
            return self._confidence(last)
        return None

    @staticmethod
    def _sources(last: Turn) -> Answer:
        return sources_of(last.answer, last.question)

    @staticmethod
    def _confidence(last: Turn) -> Answer:
        level = last.answer.confidence
        if level is None:
            return _said("My last answer did not state a sourced fact, so it has no confidence level.", "confidence")
        return _said(f"Confidence of my last answer: {level} ({CONFIDENCE_MEANS.get(level, level)}).", "confidence")

    def last(self, key: Key) -> Turn | None:
        """``key``'s current context (what a reply to the answer just given continues from)."""
        return self.store.get(key)

    # -- follow-ups ------------------------------------------------------------------------
    def _follow_up(self, text: str, words: str, last: Turn) -> tuple[str, str] | Answer | None:
        """The previous question with one part replaced, and what was carried over; None if it stands alone."""
        corrected = _correction(words)
        if corrected != words:
            text = words = corrected  # (the year taken back must not be read)
        pair = (
            _the_track(words, last) or _compare_named(words, last) or _of_those_with(words, last) or _the_other(words, last, self.engine.kb)
            or _in_all_of_them(words, last, lambda: self._classes_of(last.question))
            or _overall_instead(words, last) or _class_instead(words, last) or _which_race_figure(words, last) or _one_of_the_crew(words, last)
            or _one_of_those(words, last)
            or _kind_instead(words, last) or _winners_kind(words, last, self.engine.kb)
            or _seen_compared(words, last, self.engine.kb, self._answered_class_ids) or _other_race(words, last)
            or _seen_races_compared(words, last) or _the_years(words, last)
            or _why_short(words, last, self.engine) or _next_rank(words, last) or _that_edge(words, last)
            or _how_won_then(words, last)
            or _session_time(words, last)
        )  # fmt: skip
        if pair is not None:
            return pair
        among = _which_of_those(words, last)
        if among is not None:
            return among
        narrower = self._narrower(f"{words} number" if "#" in text else words, last)
        if narrower is not None:
            return narrower
        parsed = self.engine.parse(text)
        is_lead = bool(_FOLLOW_LEAD.match(words))
        classes = [m for m in parsed.entities if all(r.kind == "class" for r in m.refs)]
        people = set(words.split()) & (_SINGULAR_PRONOUNS | _PLURAL_PRONOUNS)
        if (
            parsed.years
            and (classes or len(words.split()) > 3)
            and not is_lead
            and not (people and not parsed.entities)
        ):
            return None  # "gtd pro 2025", "who was on pole in 2012": a question with its own year stands alone
        # ("did they win it in 2020 too?" after Tower's LMP2 wins: "they" are still the last answer's)
        filled = self._fill_year(words, parsed, classes, last)
        if filled is not None:
            return filled
        deictic = _that_race_named(words, parsed, last, lambda: self._answered_classes(last)) or _race_figure(
            words, parsed, last, lambda: self._answered_classes(last)
        )
        if deictic is not None:
            return deictic
        race = _the_race(words.split(), _focus_year(last)) if parsed.entities and not parsed.years else None
        if race is not None:
            return race  # "who drove it besides van der Zande" after one race: that race's car
        kept = self._class_kept(words, parsed, classes, last)
        if kept is not None:
            return kept
        if parsed.entities and not is_lead and len(words.split()) > 4 and not _his_left(words, parsed):
            return None  # a question of its own ("how many wins does Audi have")
        years = self._year_change(words, parsed.years, last)
        if years is not None:
            return years
        if is_lead or len(words.split()) <= 3:
            named = self._name_change(parsed, last)
            if named is not None:
                return named
        shifted = None if parsed.years or parsed.entities else _shift_year(words, _focus_year(last) or last.year)
        if shifted is not None and not set(words.split()) & {*_PRONOUNS, *_WHOLE_HISTORY}:
            return shifted[0], f"In {shifted[1]}"  # "who won the year after" after a 2003 answer: 2004
        return self._pronoun(text, words, parsed, last)

    def _class_kept(self, words: str, parsed: Parsed, classes: Sequence[object], last: Turn) -> tuple[str, str] | None:
        """'how many in a row is that for Tower?' after Tower's LMP2 wins: the class the name was answered in."""
        said = self._answered_classes(last)
        deictic = set(words.split()) & {
            "that",
            "this",
            "then",
            "again",
            "still",
        }  # (a full question of its own stays whole)
        if classes or not said or "overall" in words.split() or not parsed.entities or not deictic:
            return None
        answered = {(r.kind, r.id) for r in last.answer.entities}
        named = [r for m in parsed.entities for r in m.refs[:1]]
        if not named or not all((r.kind, r.id) in answered for r in named):
            return None
        return f"{words} in {said[0]}", f"In {said[0].upper()}"

    def _class_mentions(self, question: str) -> list[Mention]:
        return [m for m in self.engine.parse(question).entities if m.refs and all(r.kind == "class" for r in m.refs)]

    def _classes_of(self, question: str) -> list[str]:
        """The class names a question said ("lmp2"), as said."""
        return [m.text for m in self._class_mentions(question)]

    def _answered_classes(self, last: Turn) -> list[str]:
        """The class the last answer gave winners of ("what was the margin in that one" after GTD's): as said."""
        return self._classes_of(last.question) if last.answer.intent == "class-winner" else []

    def _answered_class_ids(self, last: Turn) -> list[str]:
        """The same, as ids ("gtlm")."""
        return (
            [m.refs[0].id for m in self._class_mentions(last.question)] if last.answer.intent == "class-winner" else []
        )

    def _narrower(self, words: str, last: Turn) -> tuple[str, str] | None:
        """'which car was that?', 'and the team', 'car number?' after one race's answer: that part of it."""
        year = _focus_year(last)
        ask = _part_asked(words)
        bare = set(words.split())
        who_won = "who" in bare and bool(bare & {"won", "winner", "winners"}) and bare <= _PART_FILLER | {"winner"}
        if ask is None and year is not None and who_won:  # "who won" after "was the 2009 race shortened"
            return f"who won in {year}", f"In {year}"
        if ask is None:
            return None
        ref = _subject(last.answer)
        if ask == "which years won":  # "which years" after "Audi has the most wins": the years of those wins
            return (f"which years did {normalize(ref.name)} win", f"About {ref.name}") if ref and year is None else None
        if year is None and ref is not None and ask in _PART_OF_SUBJECT:
            # "which teams" after "how many wins does Renger van der Zande have": the teams of those wins
            return f"{_PART_OF_SUBJECT[ask]} did {normalize(ref.name)} win with", f"About {ref.name}"
        if year is None:
            return None
        classes = " ".join((last.answer.query or {}).get("classes") or [])
        return f"{ask} {classes} in {year}".replace("  ", " "), f"In {year}"

    def _fill_year(
        self, words: str, parsed: Parsed, classes: Sequence[object], last: Turn
    ) -> tuple[str, str] | Answer | None:
        """A question of its own that leaves the year to the context.

        "who was on pole that year", "next year's gtd pro winner", "the gtlm winners then",
        "ok gtd pro?": the message keeps its own ask, and gets the year the last answer was about.
        """
        if parsed.years:
            return None
        focus = _focus_year(last)
        if focus is None and _THEN.search(words):
            focus = last.year  # "and who won GTD that year" after a count: the race talked about before it
        if focus is None:
            return None
        padded = f" {words} "
        relative = next((p for p in (*_NEXT, "next years", "next year s") if f" {p} " in padded), None)
        earlier = next((p for p in (*_PREVIOUS, "last years", "previous years") if f" {p} " in padded), None)
        then = _THEN.search(words)
        asks = bool(set(words.split()) & _ASK_WORDS)
        own = asks and bool(set(words.split()) & {"won", "win", "winner", "winners", "pole", "laps", "margin"})
        if (relative or earlier) and not classes and not own:
            return None  # "the previous year then": a year follow-up of the last question
        if relative and (classes or own):  # "and who won the year after": its own ask, the next race
            year, cue = self._next_race(focus, 1), relative
        elif earlier and (classes or own):
            year, cue = self._next_race(focus, -1), earlier
        elif then and (asks or classes):  # ("acura then" is "what about Acura", not a question of its own)
            year, cue = focus, then.group(0)
        elif classes and len(words.split()) <= 6:
            year, cue = focus, ""  # "ok gtd pro?": the class, that race
        elif _asks_race_attribute(parsed):
            year, cue = focus, ""  # "how big was the crowd?": that race's crowd, not a fact about another year
        else:
            return None
        question = f" {words} ".replace(f" {cue} ", " ", 1).strip() if cue else words
        question = re.sub(r"\b(?:in|of|for)$", "", question).strip()  # ("the margin in that one": "in" went with it)
        said = [] if classes else self._answered_classes(last)
        that_car = re.search(r"\b(?:that|this|the same) car\b", words)  # "was Siegel in that car": the class's car
        if said and "overall" not in words.split() and (that_car or _asks_race_attribute(self.engine.parse(question))):
            question = f"{question} {said[0]}"  # "what was the margin in that one" after GTD's winners: GTD's
        question = re.sub(r"\s+", " ", f"{question} in {year}").strip()
        pronoun = self._pronoun(question, question, self.engine.parse(question), last)
        if isinstance(pronoun, Answer):
            return pronoun
        if pronoun is not None:
            return pronoun[0], pronoun[1] if str(year) in pronoun[1] else f"{pronoun[1]} in {year}"
        return question, f"In {year}"

    def _next_race(self, year: int, step: int) -> int:
        """The race before or after ``year`` (a year without a race is skipped), or the year beyond at an end."""
        found = self.engine.kb.race_next_to(year, step)
        return found if found is not None else year + step

    def _edition_change(self, words: str, last: Turn) -> tuple[str, str] | None:
        """'and the second one?' after 'who won the very first Petit Le Mans': that edition, asked the same way."""
        m = _EDITION_FOLLOW.fullmatch(words)
        if m is None:
            return None
        n = ORDINALS.get(m.group(1)) or int(re.sub(r"\D", "", m.group(1)))
        if not 1 <= n <= len(self.engine.kb.years):
            return None
        year = self.engine.kb.years[n - 1]
        asked = normalize(last.question)
        old = re.search(rf"\b(?:{'|'.join(ORDINALS)}|latest|last|\d{{1,2}}(?:st|nd|rd|th))\b", asked)
        if old:
            question = f"{asked[: old.start()]}{m.group(1)}{asked[old.end() :]}"
        else:
            question = re.sub(r"\b(?:19|20)\d\d\b", str(year), asked, count=1)
            question = question if question != asked else f"{asked} in {year}"
        return question, f"The {m.group(1)} Petit Le Mans ({year})"

    def _year_change(self, words: str, years: list[int], last: Turn) -> tuple[str, str] | None:
        edition = self._edition_change(words, last)
        if edition is not None:
            return edition
        padded = f" {words} "
        previous = [y for y in last.answer.years] or self.engine.parse(last.question).years
        if len(set(previous)) > 1 and last.year is not None:
            previous = [last.year]  # "and the year before?" after a driver's count: the race being talked about
        several = _NEXT_N.fullmatch(words.strip(" ?"))
        if several and previous:  # "and the next two years?": those races, each
            n = NUMBER_WORDS.get(several.group("n"), 0) if not several.group("n").isdigit() else int(several.group("n"))
            step = 1 if several.group("dir") in ("next", "following", "after") else -1
            edge = max(previous) if step == 1 else min(previous)
            picked = sorted(y for y in (edge + step * k for k in range(1, n + 1)) if y in self.engine.kb.races)
            if 2 <= n <= MAX_NEXT_YEARS and picked:
                base = re.sub(r"\b(?:19|20)\d\d\b", years_text(picked), last.question, count=1)
                if base == last.question:
                    base = f"{last.question.rstrip('?. ')} in {years_text(picked)}"
                return base, f"In {years_text(picked)}"
        relative = False
        apart = _YEARS_APART.search(words)
        if apart and previous:  # "what about 2 years later": that many years on from the race just answered
            n = int(apart.group("n")) if apart.group("n").isdigit() else NUMBER_WORDS.get(apart.group("n"), 0)
            later = apart.group("dir") in ("later", "after", "on")
            years, relative = [max(previous) + n if later else min(previous) - n], True
            words = f"{words[: apart.start()]} {words[apart.end() :]}"
        elif any(f" {p} " in padded for p in _NEXT) and previous:
            years, relative = [max(previous) + 1], True
        elif any(f" {p} " in padded for p in _PREVIOUS) and previous:
            years, relative = [min(previous) - 1], True
        span = [] if relative else re.findall(r"\b(since|after|before|until|from|up to|through)\b", words)
        rest = re.sub(
            rf"\b(?:{_FILLER}|\d{{2,4}}|after|before|next|previous|following|that|since|until|from|up|to|through"
            r"|a|later|earlier|prior)\b",
            " ",
            words,
        ).split()
        if not years or rest:
            return None  # more than a year: not a year follow-up
        year = years[0]
        said = f"{span[0]} {year}" if span else str(year)
        pattern = (
            r"\b(?:(?:since|after|before|until|from|in|up to|through)\s+)?(?:19|20)\d\d\b"
            if span
            else r"\b(?:19|20)\d\d\b"
        )
        base = re.sub(pattern, said, last.question, count=1)
        if base == last.question:
            base = f"{last.question.rstrip('?. ')} {said if span else f'in {year}'}"
        return base, f"{said[:1].upper()}{said[1:]}" if span else f"In {year}"

    def _name_change(self, parsed: object, last: Turn) -> tuple[str, str] | None:
        from bot.qa.parse import Parsed

        assert isinstance(parsed, Parsed)
        new = [m for m in parsed.entities if not m.ambiguous]
        if len(new) != 1 or len(parsed.entities) != 1:
            return None
        ref = new[0].refs[0]
        old = self.engine.parse(last.question)
        same_kind = [m for m in old.entities if any(r.kind == ref.kind for r in m.refs)] or old.entities
        if not same_kind:
            tokens = normalize(last.question).split()
            at = next((i for i, w in enumerate(tokens) if w in _PRONOUNS), None)
            if at is None:
                return None
            return _with_name(tokens, at, ref), f"For {ref.name}"  # "how many did he win?" ... "i meant mcnish"
        m = same_kind[0]
        words = old.words
        question = " ".join([*words[: m.start], normalize(ref.name), *words[m.end :]])
        if parsed.years:  # "and gtlm in 2014?": the new name and the new year
            year = str(parsed.years[0])
            changed = re.sub(r"\b(?:19|20)\d\d\b", year, question, count=1)
            question = changed if changed != question else f"{question} in {year}"
            return question, f"For {ref.name} in {year}"
        return question, f"For {ref.name}"

    def _pronoun(self, text: str, words: str, parsed: object, last: Turn) -> tuple[str, str] | Answer | None:
        from bot.qa.parse import Parsed

        assert isinstance(parsed, Parsed)
        other_year = bool(parsed.years) and _focus_year(last) not in parsed.years
        race = None if other_year else _the_race(words.split(), _focus_year(last))
        if race is not None:  # "how did it end", "who won it" after one race's answer: that race
            return race  # (not with a year of its own: "did they win it in 2020 too" is not the last race)
        tokens = _race_it(words.split())
        demonstrative = _that_kind(tokens, last)
        if demonstrative is not None and not parsed.entities:
            return demonstrative
        at = next((i for i, w in enumerate(tokens) if w in _PRONOUNS), None)
        if at is None:
            return None
        drivers_named = any(r.kind == "driver" for m in parsed.entities for r in m.refs)
        if parsed.entities and (tokens[at] not in _SINGULAR_PRONOUNS or drivers_named):
            return None  # ("which of his wins came in the R10": a car named, and "his" still the last subject)
        team = [r for r in last.answer.entities if r.kind == "team"]
        if tokens[at] in ("they", "them") and len(team) == 1 and _subject(last.answer) is None:
            question = _with_name(tokens, at, team[0])  # a crew: the team they drove for
            classes = self._answered_classes(last)
            if classes and "overall" not in tokens and not self._classes_of(question):
                question = f"{question} in {classes[0]}"  # "how many in a row did they get" after an LMP2 crew
            moved = _shift_year(question, _focus_year(last))
            return (moved[0], f"About {team[0].name} in {moved[1]}") if moved else (question, f"About {team[0].name}")
        named = _subjects(last.answer)
        if tokens[at] in _PLURAL_PRONOUNS and len(named) >= 2 and _COMPARING & set(tokens):
            # "which of them has more?" after "Capello or McNish": all of them, not the first
            names = join([normalize(r.name) for r in named])
            plural = " ".join([*tokens[:at], f"{names}s" if tokens[at] == "their" else names, *tokens[at + 1 :]])
            return plural, f"About {join([r.name for r in named])}"
        ref = _subject(last.answer) or _fact_person(tokens[at], last, self._mentioned)
        if ref is None:
            return self._which_of(tokens, at, last)
        question, carried = _with_name(tokens, at, ref), f"About {ref.name}"
        year = _focus_year(last)
        moved = _shift_year(question, year)
        if moved is not None:  # "did they win again the next year": in the year after the last answer's
            return moved[0], f"About {ref.name} in {moved[1]}"
        one_race = last.answer.intent in ("pole", "fastest-lap", "placing") and tokens[:1] in (["did"], ["was"])
        own_year = bool(getattr(parsed, "years", ()))  # (the year filled in already: "did he win in 2008")
        if year is not None and one_race and not own_year and not set(tokens) & (_WHOLE_HISTORY | {"again", "before"}):
            return f"{question} in {year}", f"About {ref.name} in {year}"  # "did he win" after 2024's pole
        then = _THEN.search(question)
        if then and year is not None:  # "who were his co-drivers then": in the year the last answer was about
            question = f"{question[: then.start()]}{question[then.end() :]} in {year}".replace("  ", " ").strip()
            carried = f"About {ref.name} in {year}"
        return question, carried

    @staticmethod
    def _which_of(tokens: list[str], at: int, last: Turn) -> Answer | None:
        """Several people in the last answer: ask which one the pronoun means, each a button."""
        people = [r for r in last.answer.entities if r.kind != "class"]
        if not 2 <= len(people) <= MAX_PRONOUN_CANDIDATES:
            return None  # nobody (the engine asks whom), or too many to offer
        candidates = [Candidate(r.name, _with_name(tokens, at, r), r) for r in people]
        return clarify(f"Who do you mean by \u201c{tokens[at]}\u201d?", candidates, "clarify-pronoun")


CONFIDENCE_MEANS = {
    "high": "two independent sources agree",
    "medium": "one good source",
    "low": "sources conflict, or it is derived rather than stated",
}


def sources_of(answer: Answer, question: str | None = None) -> Answer:
    """Where ``answer`` comes from, and how sure it is: for "sources?" and Discord's Sources button."""
    asked = f" (to \u201c{question}\u201d)" if question else ""
    if not answer.sources:
        return _said(f"That answer{asked} did not rest on a sourced record.", "sources")
    lines = tuple(f"\u2022 {source}" for source in answer.sources)
    level = answer.confidence
    sure = f" Confidence: {level} ({CONFIDENCE_MEANS.get(level, level)})." if level else ""
    text = f"Sources for that answer{asked}: {'; '.join(answer.sources)}.{sure}"
    summary = "\n".join([*lines, sure.strip()]).strip()
    return replace(_said(text, "sources"), title="Sources", summary=summary)


_THEN = re.compile(r"\b(?:then|that year|that time|that race|that day|that one|back then|in that race)\b")


_ALL_OF_THEM = (" all of them ", " all of those ", " all those ", " all three ", " all 3 ", " every one ",
                " each of them ", " each one ", " all of these ", " every time ", " both of them ", " both ")  # fmt: skip


_ALL_SEEN = {" both ": 2, " all three ": 3, " all 3 ": 3, " all four ": 4, " all 4 ": 4}


_SEEN_COMPARED = re.compile(
    r"(?:and |so |ok )*which of (?:those|these|the|them|the two|those two|these two|both)(?: two)?"
    r" (?P<kind>teams|makes|manufacturers|cars|brands)(?: has| have| had| got| won)*(?: the)?"
    r" (?P<what>more|most|fewer|less)(?: overall| petit| petit le mans)?(?: wins| victories)?(?: overall)?"
    r"(?: at petit(?: le mans)?)?"
)


def _seen_compared(
    words: str, last: Turn, kb: KnowledgeBase, class_ids: Callable[[Turn], list[str]]
) -> tuple[str, str] | None:
    """'which of those two teams has more overall wins?' after 2020's and 2021's winners: those races' teams.

    After class winners ("who won GTLM in 2018", "and 2019?") they are the class winners' teams.
    """
    m = _SEEN_COMPARED.fullmatch(words.strip(" ?"))
    if m is None or len(last.seen) < 2:
        return None
    kind = KIND_NOUNS.get(m.group("kind"))
    classes = class_ids(last)
    ids: list[str] = []
    for year in last.seen[-2:]:
        race = kb.races[year]
        results = [r for r in race.results if r.class_ in classes and not r.overall] if classes else [race.overall]
        if len(results) != 1:
            return None  # (a class that did not run, or two winners: not "those two")
        result = results[0]
        id_ = kb.make_of(result) if kind == "manufacturer" else result.car if kind == "car" else result.team
        if id_ is not None and id_ not in ids:
            ids.append(id_)
    if kind is None or len(ids) != 2:
        return None
    a, b = (kb.name(kind, i) for i in ids)
    more = "more" if m.group("what") in ("more", "most") else "fewer"
    overall = "overall" in words.split()
    total = " in total" if classes and not overall else ""  # (class winners' teams: all their wins, not overall only)
    return f"which has {more} wins{total}, {normalize(a)} or {normalize(b)}", f"Of {a} and {b}"


_SEEN_RACES = re.compile(
    r"(?:and |so |ok )*(?P<which>which|what)(?: one)? of (?:those|these|them|the)(?: two| 2| last two)?"
    r"(?: races| years| editions| ones| finishes)? (?P<rest>.+)"
)
# A race's own figures, compared: "which of those two won by a bigger margin", "... was longer in laps"
_RACE_FIGURE_WORDS = frozenset(("margin", "closer", "closest", "tighter", "laps", "shorter", "longer", "distance",
                                "gap", "finish", "faster", "quicker"))  # fmt: skip


def _seen_races_compared(words: str, last: Turn) -> tuple[str, str] | None:
    """'which of those two won by a bigger margin?' after the 2024 and 2025 races: those two races compared."""
    m = _SEEN_RACES.fullmatch(words.strip(" ?"))
    if m is None or len(last.seen) < 2 or not _RACE_FIGURE_WORDS & set(m.group("rest").split()):
        return None
    a, b = sorted(last.seen[-2:])
    return f"which of {a} and {b} {m.group('rest')}", f"Of {a} and {b}"


_THE_YEARS = re.compile(
    r"(?:and |so |ok |now |can you |could you |pls |please )*(?:list|give me|show me|show|name|what are"
    r"|which are|tell me)? ?(?:the|those|them|all the|all) ?(?:years|dates)(?: please| pls)?"
)


def _the_years(words: str, last: Turn) -> tuple[str, str] | None:
    """'list the years' after a count of wins: the years the one subject won (in the classes it counted)."""
    ref = _subject(last.answer)
    if ref is None or not _THE_YEARS.fullmatch(words.strip(" ?.!")):
        return None
    query = last.answer.query or {}
    classes = [c for c in query.get("classes", []) if isinstance(c, str)]
    scope = f" in {' and '.join(classes)}" if classes else " in a class" if query.get("scope") == "class" else ""
    return f"which years did {normalize(ref.name)} win{scope}", f"About {ref.name}"


#: "the next two years": how many races a follow-up may step through at once.
MAX_NEXT_YEARS = 5
_NEXT_N = re.compile(
    r"(?:and |so |ok |what about |how about )*(?:in |for )?the (?P<dir>next|following|previous|prior) "
    r"(?P<n>two|three|four|five|\d) (?:years|races|editions|ones)(?: after| before)?"
)
_YEARS_APART = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?:years|races|editions) "
    r"(?P<dir>later|after|on|earlier|before|prior)(?: that| then)?\b"
)
_OTHER_RACE = re.compile(
    r"(?:and |so |ok )*(?:which|what|any) other (?:year|years|race|races|edition|editions|ones?|petits?)\b(?P<rest>.*)"
)


def _other_race(words: str, last: Turn) -> tuple[str, str] | None:
    """'which other year was shortened?' after 2015's: the same of every race but that one."""
    m = _OTHER_RACE.fullmatch(words.strip(" ?"))
    year = _focus_year(last)
    if m is None or year is None:
        return None
    rest = m.group("rest").strip()
    return f"which years {rest} besides {year}", f"Besides {year}"


def _fact_person(pronoun: str, last: Turn, mentioned: Callable[[Turn], tuple[EntityRef, ...]]) -> EntityRef | None:
    """'did he win the race that year' after the lap record: the driver the stored fact names first."""
    if pronoun not in _SINGULAR_PRONOUNS or not last.answer.intent.startswith("fact:"):
        return None
    return next((r for r in mentioned(last) if r.kind == "driver"), None)


def _asks_race_attribute(parsed: Parsed) -> bool:
    """'how big was the crowd?', 'what was the date': a race's own figure, asked with no name or year."""
    attribute, _ = attribute_asked(parsed)
    return attribute in _RACE_FIGURES and not parsed.entities and len(parsed.words) <= 8


#: The attributes that are the race's own, not its winners' ("how many wins does that team have" is the team's)
_RACE_FIGURES = frozenset({"attendance", "margin", "date", "title", "championship", "race-time", "laps", "shortened",
                           "pole", "fastest-lap", "edition", "classes"})  # fmt: skip


def _in_all_of_them(words: str, last: Turn, classes: Callable[[], Sequence[str]] = tuple) -> tuple[str, str] | None:
    """'which drivers were in all of them' after a list of wins: the drivers of every one of those years.

    After one race at a time ("who won LMP2 in 2020", "and 2021?", "2022?"), "all three" are the
    races talked about, in the class asked about (``classes``: the last question's class names, read
    only when the message is such a question: it parses the last question again).
    """
    padded = f" {words} "
    years = sorted(set(last.answer.years))
    seen = next((n for p, n in _ALL_SEEN.items() if p in padded), None)
    if len(years) < 2 and seen and len(last.seen) >= seen:
        years = sorted(last.seen[-seen:])  # "who drove in both of those" after 2022, then 2023
    elif seen and len(years) < seen <= len(set(last.seen) | set(years)):
        years = sorted(set(last.seen) | set(years))[-seen:]  # "all three" after 2020, then "the next two years"
    if not 2 <= len(years) <= 12 or not any(p in padded for p in _ALL_OF_THEM):
        return None
    if not ({"who", "drivers", "driver", "drove", "crew"} & set(words.split())):
        return None
    said = classes()
    scope = f" {said[0]}" if said else ""
    return f"which drivers won{scope} in all of {join([str(y) for y in years])}", f"In {years_text(years)}"


_AS_KIND = re.compile(
    r"(?:(?:and|so|ok|then|what about|how about)\s+)*(?:as an?|for|among|by|of)?\s*(?:the\s+)?(\w+?)(?:\s+then)?"
)


def _kind_instead(words: str, last: Turn) -> tuple[str, str] | None:
    """'and as a manufacturer?' after 'which team has the most wins': the same question of another kind."""
    m = _AS_KIND.fullmatch(words.strip(" ?"))
    kind = KIND_NOUNS.get(m.group(1)) if m else None
    if m is None or kind is None:
        return None
    tokens = normalize(last.question).split()
    at = next((i for i, w in enumerate(tokens) if w in KIND_NOUNS and KIND_NOUNS[w] != kind), None)
    noun = m.group(1)
    if at is None and tokens[:1] in (["who"], ["whos"]) and kind != "driver" and last.answer.intent == "records":
        # "what about teams" after "who's got the most wins": the drivers' record asked of teams
        rest = ["has", *tokens[1:]] if tokens[0] == "whos" else tokens[1:]
        singular = noun[:-1] if noun.endswith("s") else noun
        return " ".join(["which", singular, *rest]), f"Among {singular}s"
    if at is None:
        return None
    singular = noun[:-1] if noun.endswith("s") and tokens[at][-1:] != "s" else noun
    word = singular if not tokens[at].endswith("s") else (noun if noun.endswith("s") else f"{noun}s")
    return " ".join([*tokens[:at], word, *tokens[at + 1 :]]), f"Among {word if word.endswith('s') else word + 's'}"


def _winners_kind(words: str, last: Turn, kb: KnowledgeBase) -> tuple[str, str] | None:
    """'and the make?' after 'how many wins does that team have' (of 2024's winners): the make's wins."""
    m = _AS_KIND.fullmatch(words.strip(" ?"))
    kind = KIND_NOUNS.get(m.group(1)) if m else None
    race = kb.races.get(last.year) if last.year is not None else None
    if kind not in ("manufacturer", "car", "team") or race is None or not last.answer.intent.endswith("-wins"):
        return None
    result = race.overall
    id_ = kb.make_of(result) if kind == "manufacturer" else result.car if kind == "car" else result.team
    if id_ is None or any(r.id == id_ for r in last.answer.entities):
        return None
    name = kb.name(kind, id_)
    word = {"manufacturer": "make"}.get(kind, kind)
    return f"how many wins does {normalize(name)} have", f"The {race.year} winners' {word} was {name}"


_WHY = re.compile(r"(?:(?:and|so|but|ok)\s+)*(?:why|how come)\b(?P<rest>(?:\s+\w+){0,5})")
# What "why ..." may say for it to ask why the race was short ("why so few", "why did it end early").
_WHY_SHORT = frozenset({"so", "few", "short", "shortened", "little", "laps", "it", "was", "that", "the", "race",
                        "stopped", "ended", "end", "early", "did", "is", "only", "low", "called", "cut"})  # fmt: skip


def _why_short(words: str, last: Turn, engine: Engine) -> tuple[str, str] | None:
    """'why so few?' after the 2009 laps: the race was shortened, and the sources say why."""
    year = _focus_year(last)
    race = engine.kb.races.get(year) if year is not None else None
    m = _WHY.fullmatch(words.strip(" ?"))
    if race is None or not race.shortened or m is None or not set(m.group("rest").split()) <= _WHY_SHORT:
        return None  # ("why was that one special": the race's stored facts, not the red flag)
    return f"why was the {year} race shortened", f"In {year}"


_NEXT_RANK = re.compile(
    r"(?:(?:and|so|ok|what about|how about) )*(?:the |(?:who(?: is| was| came| comes| s)?|whos) (?:in )?(?:the )?)?"
    r"(second|third|2nd|3rd)(?: most| best| place)?"
    r"(?: then)?"
)  # ("and second?" after "which team has the most wins": the second most, not the runners-up)


_AFTER_THEM = re.compile(
    r"(?:(?:and|so|ok|what about|how about) )*(?:who is |whos |who comes |who s )?(?:next|after (?:them|that|him|it)"
    r"|behind (?:them|that|him|it)|the next (?:one|best)|next best)(?: then)?"
)


_HOW_WON_THEN = re.compile(
    r"(?:and |so |ok )?how did (?:they|he|she|it|that team|the team|that car) (?:win|won|do)(?: it| that| the class)?"
)


def _how_won_then(words: str, last: Turn) -> tuple[str, str] | None:
    """'how did they win it?' after one race's (or one class's) winners: that result's story, class kept."""
    year = _focus_year(last)
    if not _HOW_WON_THEN.fullmatch(words.strip(" ?")) or year is None:
        return None
    if last.answer.intent not in ("class-winner", "winner"):
        return None
    return f"{normalize(last.question).strip(' ?')} and how did they win it", f"In {year}"


_THAT_EDGE = re.compile(
    r"(?:and |so )?(?:was|is|wasn t|wasnt) (?:that|it|this)(?: race| one| year| petit)? the "
    r"(?P<edge>first|last|only|latest|first ever) (?P<rest>.+)"
)


def _that_edge(words: str, last: Turn) -> tuple[str, str] | None:
    """'was that the first time a Petit got shortened?' after 2015: the claim, of the race just answered."""
    m = _THAT_EDGE.fullmatch(words.strip(" ?"))
    year = _focus_year(last)
    if m is None or year is None:
        return None
    return f"was {year} the {m.group('edge')} {m.group('rest')}", f"In {year}"


def _next_rank(words: str, last: Turn) -> tuple[str, str] | None:
    """'and second most?' or 'and after them?' after 'who has the most wins': the same ranking, one place down."""
    m = _NEXT_RANK.fullmatch(words.strip(" ?"))
    asked = normalize(last.question)
    ranked = re.search(r"\b(?:second|third|2nd|3rd) most\b", asked)
    if m is not None and ranked:  # "and third?" after "who has the second most wins"
        return asked.replace(ranked.group(0), f"{m.group(1)} most", 1), f"{m.group(1).title()} most"
    if not re.search(r"\bmost\b", asked) or re.search(r"\b(?:second|third|2nd|3rd)\b", asked):
        return None  # (after "the second most", "next" would be a third place: asked again in full)
    if m is not None:
        place = m.group(1)
    elif _AFTER_THEM.fullmatch(words.strip(" ?")):
        place = "second"
    else:
        return None
    return re.sub(r"\b(?:the )?most\b", f"the {place} most", asked, count=1), f"{place.title()} most"


def _overall_instead(words: str, last: Turn) -> tuple[str, str] | None:
    """'what about overall?' after a class winner: the same year's overall winners."""
    content = set(words.split()) - _PART_FILLER - {"about", "instead", "then", "the", "race", "winner", "winners",
                                                   "that", "year", "who", "won", "was", "were", "in"}  # fmt: skip
    year = _focus_year(last)
    if content != {"overall"} or year is None:
        return None
    return f"who won overall in {year}", f"Overall in {year}"


_CLASS_WORDS = frozenset({"class", "classes", "a", "in", "wins", "win"})


def _class_instead(words: str, last: Turn) -> tuple[str, str] | None:
    """'and in class?' after 'how many times has Porsche won overall': the same question of its class wins."""
    content = set(words.split()) - _PART_FILLER - {"about", "instead", "then", "what"}
    asked = f" {normalize(last.question)} "
    if not content or not content <= _CLASS_WORDS or not {"class", "classes"} & content or " overall " not in asked:
        return None
    return asked.replace(" overall ", " in a class ", 1).strip(), "In a class"


_THAT_RACE = re.compile(
    r"\b(?:in |on )?(?:that|the same) (?:car|race|year|one|time|entry)\b|\bthat year\b"
    r"|\bin the (?:winning )?car (?=too\b|as well\b|also\b)"  # "was Johansson in the car too"
)


def _that_race_named(
    words: str, parsed: Parsed, last: Turn, classes: Callable[[], Sequence[str]] = tuple
) -> tuple[str, str] | None:
    """'wasn't Johansson in that car too?' after 2003's winners: the name, in that race (and that class:
    'was Siegel in that car?' after the 2023 LMP3 winners is about the LMP3 car)."""
    year = _focus_year(last)
    m = _THAT_RACE.search(words)
    if not parsed.entities or parsed.years or year is None or m is None:
        return None
    question = f"{words[: m.start()]} in {year} {words[m.end() :]}".replace("  ", " ").strip()
    named_class = any(all(r.kind == "class" for r in e.refs) for e in parsed.entities)
    said = [] if named_class or "overall" in words.split() else list(classes())
    return (f"{question} {said[0]}" if said else question), f"In {year}"


# A race's own figures asked again of the last answer's race ("how many laps did they do", "by how much").
_FIGURES = frozenset(("laps", "margin", "race-time", "pole", "date", "format", "edition"))
_PLACE_WORDS = frozenset(("second", "third", "2nd", "3rd", "runner", "podium", "pole", "polesitter", "fastest"))
_PRONOUNS_ONLY = re.compile(r"\b(?:they|them|he|she|it|that|those)\b")


def _race_figure(
    words: str, parsed: object, last: Turn, classes: Callable[[], Sequence[str]] = tuple
) -> tuple[str, str] | None:
    """'how many laps did they do' after 2019's winners: the laps of 2019, not a question about 'they'."""
    from bot.qa.builders import attribute_asked
    from bot.qa.parse import Parsed

    assert isinstance(parsed, Parsed)
    year = _focus_year(last)
    few = sorted(set(last.answer.years))
    if year is None and not few and last.year is not None:
        year = last.year  # "how many laps?" after "wasn't Minassian one of the winners" about 2009: that race
    what, _ = attribute_asked(parsed)
    tokens = words.split()
    placing = any(  # "who finished second": that race's second ("the third one" is an edition)
        w in _PLACE_WORDS and tokens[i + 1 : i + 2] not in (["one"], ["edition"], ["race"], ["running"], ["petit"])
        for i, w in enumerate(tokens)
    )
    stat = bool(_RACE_STATS & set(tokens))  # "how many cautions were there": a figure of that race, in the facts
    # (only a bare figure: "when was his first win" is his, "the first margin" a pick)
    bare = not set(tokens) & {*_PRONOUNS, *_WHOLE_HISTORY}
    several = year is None and bare and 2 <= len(few) <= MAX_FIGURE_YEARS and last.answer.status == "answered"
    if (year is None and not several) or (what not in _FIGURES and not placing and not stat):
        return None
    if parsed.years or parsed.entities:
        return None
    if {"ever", "most", "record", "every", "fewest", "least", "all"} & set(words.split()):
        return None  # "the most laps ever": the records, not that race
    question = _PRONOUNS_ONLY.sub("", words).replace("  ", " ").strip()
    said = classes()
    if said and "overall" not in tokens:  # "what was the margin in that one" after the GTD winners: GTD's
        question = f"{question} {said[0]}"
    if several:  # "what was the margin" after Cadillac and Action Express's two wins: each of those races
        return f"{question} in {years_text(few)}", f"In {years_text(few)}"
    return f"{question} in {year}", f"In {year}"


#: The most races of the last answer a bare figure question ("what was the margin") is asked of, each.
MAX_FIGURE_YEARS = 3


_SESSION_TIME = re.compile(
    r"^(?:and |so |ok )*(?:what|whats|how fast) (?:was |were |is )?(?:his|her|their|the|that)? ?"
    r"(?:lap |pole |qualifying )?(?:time|lap|speed)(?: then)?$"
)


def _session_time(words: str, last: Turn) -> tuple[str, str] | None:
    """'what was his time' after a pole or fastest-lap answer: that session's time (not a race time, not his wins)."""
    if last.answer.intent not in ("pole", "fastest-lap") or not _SESSION_TIME.match(words):
        return None
    return last.question, "Pole position" if last.answer.intent == "pole" else "Fastest race lap"


_RACE_STATS = frozenset(("cautions", "caution", "yellows", "safety"))
_ONE_OF_THOSE = re.compile(
    r"\b(?:the |that )?(?P<which>first|second|third|last|latter|former|earlier|later) (?:one|race|of them|of those)\b"
    r"|\bthe (?P<which2>latter|former)\b"
)
_WHICH_WAS = re.compile(
    r"(?:(?:and|so|ok) )?(?:which|what) (?:one |year |race )?(?:was|is|came) (?:the )?"
    r"(?P<which>first|last|second|third|latest|earliest|most recent|newest|oldest|first ever)"
    r"(?: one| of them| of those)?"
)
_ORDINAL_AT = {"first": 0, "former": 0, "earlier": 0, "second": 1, "third": 2, "last": -1, "latter": -1, "later": -1,
               "latest": -1, "earliest": 0, "most recent": -1, "newest": -1, "oldest": 0, "first ever": 0}  # fmt: skip
#: "which one was shortened" after three races: the question over those races.
_WHICH_ONE = re.compile(
    r"(?:(?:and|so|ok) )?(?:which|what) (?:one|ones|of them|of those|of these|of the three|of the two) "
    r"(?P<rest>(?:was|were|is|had|did|got|went|ran|needed|saw|finished|ended)\b.*)"
)


_ONE_OF_THE_CREW = re.compile(
    r"\b(?:the |that )?(?P<which>first|second|third|last|latter|former) (?:one|guy|driver|man|person|name|bloke|dude)\b"
)


_ASKS_OF_A_PERSON = frozenset({"does", "have", "has", "from", "nationality", "whos", "born", "he", "his", "him"})


_SINGULAR_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})


def _his_left(words: str, parsed: Parsed) -> bool:
    """'which of his wins came in the R10': a 'he' or 'his' that no driver named in the question can be."""
    named_driver = any(r.kind == "driver" for m in parsed.entities for r in m.refs)
    return not named_driver and bool(_SINGULAR_PRONOUNS & set(words.split()))


def _one_of_the_crew(words: str, last: Turn) -> tuple[str, str] | None:
    """'how many wins does the first one have', 'who's the third guy' after one race's crew: that driver.

    Only after an answer about a single race that named two or more drivers; after several races,
    'the first one' is a race (:func:`_one_of_those`).
    """
    drivers = [r for r in last.answer.entities if r.kind == "driver"]
    m = _ONE_OF_THE_CREW.search(words)
    if m is None or len(set(last.answer.years)) != 1 or len(drivers) < 2:
        return None
    if m.group(0).endswith(" one") and not set(words.split()) & _ASKS_OF_A_PERSON:
        return None  # "what about the third one" after the first race: the third race
    at = _ORDINAL_AT[m.group("which")]
    if at >= len(drivers):
        return None
    ref = drivers[at]
    rest = f"{words[: m.start()]} {normalize(ref.name)} {words[m.end() :]}".replace("  ", " ").strip()
    if re.fullmatch(r"(?:and )?(?:who|whos|who is|who was)(?: is| was)?(?: \S+)?", words[: m.start()].strip()):
        rest = f"tell me about {normalize(ref.name)}"  # "who's the third guy": that driver
    return rest, f"The {m.group('which')} of them, {ref.name}"


def _one_of_those(words: str, last: Turn) -> tuple[str, str] | None:
    """'why was the first one shortened' after '2009 and 2015': that one of the races just named."""
    years = sorted(set(last.answer.years))
    alone = _WHICH_WAS.fullmatch(words.strip(" ?"))
    if alone and 2 <= len(years) <= 12:  # "which was the first" after WTR's three wins: that race
        year = years[_ORDINAL_AT[alone.group("which")]]
        return f"who won in {year}", f"The {alone.group('which')}: {year}"
    which = _WHICH_ONE.fullmatch(words.strip(" ?"))
    if which and 2 <= len(years) <= 12 and not _WHICH_WAS.fullmatch(words.strip(" ?")):
        return f"which of {years_text(years)} {which.group('rest')}", f"Of {years_text(years)}"
    m = _ONE_OF_THOSE.search(words)
    if m is None or not 2 <= len(years) <= 8:
        return None
    at = _ORDINAL_AT[m.group("which") or m.group("which2")]
    if at >= len(years):
        return None
    year = years[at]
    question = f"{words[: m.start()]} the {year} race {words[m.end() :]}".replace("  ", " ").strip()
    return question, f"About {year}"


_COMPARED_FIGURE = frozenset(("closer", "closest", "tighter", "longer", "shorter", "wider"))


def _which_race_figure(words: str, last: Turn) -> tuple[str, str] | None:
    """'which was closer' after an answer about two races: those two races' figures compared."""
    years = sorted(set(last.answer.years))
    tokens = set(words.split())
    if len(years) != 2 or not tokens & _COMPARED_FIGURE or any(w.isdigit() and len(w) == 4 for w in tokens):
        return None
    return f"{words} {years[0]} or {years[1]}", f"Of {years[0]} and {years[1]}"


def _keeps_context(answer: Answer) -> bool:
    """Whether an answer becomes what the next message follows up.

    A message the bot could not answer ("I don't know that one", "what does 'behind' ask
    about Audi?") leaves the context as it was, so "and the year before?" after it still
    follows the last answered question. A "who do you mean by 'he'?" is kept: the next
    message may be the name.
    """
    return answer.status != "unknown" and answer.intent not in ("clarify-entity", "not-understood")


def _seen(before: tuple[int, ...], year: int | None) -> tuple[int, ...]:
    """The races talked about, the latest last, at most four."""
    if year is None:
        return before
    return (*[y for y in before if y != year], year)[-4:]


def _single_year(answer: Answer) -> int | None:
    years = set(answer.years)
    return next(iter(years)) if len(years) == 1 else None


def _focus_year(last: Turn) -> int | None:
    """The one year the last answer was about: its only year, or the first or last it was asked for."""
    years = sorted(set(last.answer.years))
    if len(years) == 1:
        return years[0]
    asked = f" {normalize(last.question)} "
    if years and any(f" {w} " in asked for w in ("first", "earliest", "debut", "maiden")):
        return years[0]
    if years and any(f" {w} " in asked for w in ("last", "latest", "most recent", "recent", "final")):
        return years[-1]
    if last.answer.intent.startswith("fact") and last.answer.status == "answered" and last.answer.years:
        # a stored fact ("Motul became title sponsor ... in 2017; 2020 was ..."): the year it is about, the first
        return last.answer.years[0]  # it names (see _remembered)
    return None


#: A pronoun after an answer naming more people than this asks the engine's general "whom?".
MAX_PRONOUN_CANDIDATES = 5


def _shift_year(question: str, year: int | None) -> tuple[str, int] | None:
    """'... again the next year' → '... in 2023' after a 2022 answer (and 'the year before' → 2021)."""
    if year is None:
        return None
    for phrases, step in ((_NEXT, 1), (_PREVIOUS, -1)):
        for phrase in sorted(phrases, key=len, reverse=True):
            at = f" {question} ".find(f" {phrase} ")
            if at >= 0:
                rest = f"{question[:at]}{question[at + len(phrase) :]}".replace(" again", "")
                return f"{' '.join(rest.split())} in {year + step}", year + step
    return None


# Said of a race, not of a team or car: "how did it end", "was it close", "was it the season finale".
_RACE_PREDICATES = frozenset(
    ("end", "ended", "finish", "finished", "close", "closer", "tight", "shortened", "stopped", "red", "wet", "rain",
     "rained", "raining", "season", "finale", "held", "run", "long", "last", "start", "started", "decided", "over",
     "called", "happen", "happened", "go", "went", "when", "where", "edition", "short", "why", "full", "distance",
     "date", "day", "month")
)  # fmt: skip


# What a car has: "what engine did it have", "what number was it" ask about the winning car.
_CAR_PARTS = frozenset(("engine", "engines", "chassis", "tyres", "tires", "motor", "powered", "power", "diesel", "hybrid",
                        "prototype", "diesels", "hybrids", "prototypes"))  # fmt: skip
# What only a race does: with one of these, "they" is the race too ("did they go the full distance").
_RACE_ONLY = frozenset(("distance", "shortened", "flagged", "stopped", "curtailed"))

# Words that ask across every edition: with them, "win it" is Petit Le Mans itself.
_WHOLE_HISTORY = frozenset(("first", "ever", "most", "only", "last", "latest", "every", "often", "times", "many"))


def _the_race(tokens: list[str], year: int | None) -> tuple[str, str] | None:
    """'it' meaning the race of the last answer: 'who won it', 'how did it end', 'was it close'.

    A race is 'it' as the object of winning or with a race predicate near it; 'has it won
    since' is a team or car (its 'it' does the winning) and stays with the pronoun rules.
    """
    whole = _WHOLE_HISTORY & set(tokens) - (
        {"last"} if "season" in tokens else set()
    )  # ("the last race of the season")
    if year is not None and "they" in tokens and _RACE_ONLY & set(tokens) and not whole:
        tokens = ["it" if w == "they" else w for w in tokens]  # "did they go the full distance": the race
    if year is None or not {"it", "that"} & set(tokens) or whole:
        return None  # ("the first American to win it": the race across the years, not last answer's)
    at = tokens.index("it") if "it" in tokens else tokens.index("that")  # ("that's late, was it the finale")
    won_it = at > 0 and tokens[at - 1] in ("win", "won", "wins", "winning")  # "who won it", "didn't #22 win that"
    that_race = tokens[at] == "that" and tokens[at + 1 : at + 2] in (["race"], ["one"], ["edition"], ["running"])
    if that_race and at > 0 and tokens[at - 1] in ("about", "of", "in", "during", "for", "at"):
        # "anything special about that one?" after one race: that race
        rest = tokens[at + 2 :]
        return " ".join([*tokens[:at], f"the {year} race", *rest]), f"About the {year} race"
    that_car = (
        tokens[at] == "that"
        and tokens[at + 1 : at + 2] in (["a"], ["an"])
        and bool(_CAR_PARTS & set(tokens[at + 1 : at + 4]))
    )
    if (
        tokens[at] == "that"
        and not that_car
        and not (won_it and tokens[at + 1 : at + 2] in ([], ["race"], ["one"], ["year"]))
    ):
        return None  # "that team", "that car": the demonstratives' rules
    after = tokens[at + 1 : at + 4]
    before = tokens[max(0, at - 3) : at]  # ("when exactly was it")
    car_said = tokens[at] == "it" or tokens[at + 1 : at + 2] in (["a"], ["an"])  # ("was that a prototype?")
    drove_it = tokens[at] == "it" and at > 0 and tokens[at - 1] in ("drove", "drive", "driving", "raced", "shared")
    if drove_it or (car_said and _CAR_PARTS & {*tokens[:at], *after}):  # "what engine did it have": the winning car
        return " ".join([*tokens[:at], f"the {year} winning car", *tokens[at + 1 :]]), f"About the {year} winner"
    said_of_race = bool(_RACE_PREDICATES & {*after, *before}) and not {"win", "won", "wins", "winning"} & set(after)
    if not (won_it or said_of_race):
        return None
    question = " ".join([*tokens[:at], f"the {year} race", *tokens[at + 1 :]])
    return question, f"About the {year} race"


def _the_track(words: str, last: Turn) -> tuple[str, str] | None:
    """'how long is it?' after an answer about the track: the track, not a race."""
    tokens = words.split()
    if last.answer.intent != "fact:track" or not {"it", "its"} & set(tokens) or re.search(r"\b(?:19|20)\d\d\b", words):
        return None
    if re.search(r"\b(?:win|won|wins|winning) it\b", words):
        return None  # ("who has won it most": the race)
    said = ["the tracks" if w == "its" else "the track" if w == "it" else w for w in tokens]
    return " ".join(said), "About the track"


def _race_it(tokens: list[str]) -> list[str]:
    """'did they win it again': the 'it' of winning is the race, no one to resolve."""
    return [w for i, w in enumerate(tokens) if not (w == "it" and i and tokens[i - 1] in ("win", "won", "wins"))]


_THAT_KIND = re.compile(r"\b(?:that|this|the same|same)\s+(team|car|make|manufacturer|driver|entrant|brand)\b")


def _that_kind(tokens: list[str], last: Turn) -> tuple[str, str] | None:
    """'how many times did that team win' after one race: the team of that answer."""
    text = " ".join(tokens)
    m = _THAT_KIND.search(text)
    kind = KIND_NOUNS.get(m.group(1)) if m else None
    refs = [r for r in last.answer.entities if r.kind == kind]
    if not refs:  # "how many wins did that team get" after a question about one of its drivers: the team
        refs = [r for r in last.named if r.kind == kind][:1]  # named before (the latest first)
    if m is None or len(refs) != 1:
        return None
    question = f"{text[: m.start()]}{normalize(refs[0].name)}{text[m.end() :]}"
    return question, f"About {refs[0].name}"


def _with_name(tokens: list[str], at: int, ref: EntityRef) -> str:
    """The message with the pronoun at ``at`` replaced by ``ref``'s name ("his" → "capellos")."""
    name = normalize(ref.name)
    replacement = f"{name}s" if tokens[at] in ("his", "her", "their", "its") else name
    return " ".join([*tokens[:at], replacement, *tokens[at + 1 :]])


def _remembered(answer: Answer) -> Answer:
    """What a follow-up needs of an answer (its query, names, years, sources), without the prose."""
    query = {k: v for k, v in (answer.query or {}).items() if v not in (None, [], {}, False, "")} or None
    years = answer.years
    if answer.intent.startswith("fact") and len(set(years)) > 1:  # in the order the fact names them
        said = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", answer.text)]
        years = tuple(sorted(set(years), key=lambda y: said.index(y) if y in said else len(said)))
    return replace(
        answer, text="", summary=None, footer=None, fields=(), lines=(), candidates=(), query=query, years=years
    )


_PLURAL_PRONOUNS = frozenset({"them", "they", "their", "theirs"})
_COMPARING = frozenset({"more", "most", "fewer", "less", "better", "both", "combined", "together", "total", "between"})


def _named_now(answer: Answer, last: Turn | None) -> tuple[EntityRef, ...]:
    """This answer's subjects, then the ones remembered before (two questions about two names compare)."""
    mine = _subjects(answer) or ([ref] if (ref := _subject(answer)) is not None else [])
    earlier = [r for r in (last.named if last else ()) if r not in mine]
    return tuple([*mine, *earlier][:MAX_NAMED])


#: How many recently named subjects a conversation remembers.
MAX_NAMED = 3
#: How many of the names a stored fact gives are remembered for "what car was that".
MAX_MENTIONED = 8
#: How much of a stored fact's text a turn keeps for that (its subject is named first).
MAX_REMEMBERED_FACT = 600
_WHO_SET_IT = re.compile(r"(?:so |and |ok |okay )*who (?:set|holds|held|did|was) (?:it|that|this|the record)")
_WHAT_WAS_THAT = re.compile(
    r"(?:so |and |ok |okay )*(?:what|which|whose) (?P<kind>car|cars|team|driver|chassis|model) (?:was|is|did)"
    r" (?:that|it|this|he|she|they|the record)(?: set)?(?: in| with| driving| drive| use| set in| set with)?"
)
_WHO_MORE = re.compile(
    r"^(?:so |and |ok |okay |then )*(?:who|which|which one|which of them|what team|what make)\s+"
    r"(?:has|had|have|got|won|wins|did|is)\s+(?:won\s+)?(more|most|fewer|less|the most|first|earlier|"
    r"more wins|most wins|first|last|more recently|most recently)(?:\s+wins)?(?: then| now)?$"
)
_TOGETHER = re.compile(
    r"^(?:so |and |ok |but )*(?:did|have|has|had) (?:they|the two|both)(?: of them)? (?:ever )?"
    r"(?:win|won|race|raced|drive|drove|share|shared)(?: it| a car| the car| petit)? together(?: ever)?$"
)
_DIFFERENCE = re.compile(
    r"(?:so |and |ok )*(?:(?:whats|what is|what s) the (?:difference|gap)(?: between them| then)?|by how (?:many|much)"
    r"|how many more|how big is the gap)"
)
_COMBINED = re.compile(
    r"(?:so |and |ok )*(?:(?:how many|what s|whats|what is) (?:is that |are they |do they have )?)?(?:the )?"
    r"(?:combined|together|in total|total|altogether|added together|added up|between them|both together)"
    r"(?: then| wins)?"
)
_HOW_MANY_MORE = re.compile(r"^(?:so |and )*how many more (?:wins )?(?:did|does|has) (.+?) (?:get|have|got|win)$")


_OF_THOSE_WITH = re.compile(
    r"^(?:and |so )*how many of (?:those|them|these|his|her|their)(?: wins)?\s+"
    r"(?:were|was|came|did (?:he|she|they) (?:win|get|take)|are)?\s*(with|alongside|for|in|driving|after|before|since) (.+)$"
)


_WHICH_OF_THOSE_WITH = re.compile(
    r"^(?:and |so )*(?:which|what) (?:ones |one )?of (?:those|them|these|his|her|their|its)(?: wins)?\s+"
    r"(?:were|was|came|are)\s+(?:(?:by|with|for|in|driving|alongside) )?(?:the )?(.+)$"
)


def _of_those_with(words: str, last: Turn) -> tuple[str, str] | None:
    """'how many of those were with Dindo' after McNish's wins: his wins with Capello ('which of those': the years)."""
    ref = _subject(last.answer)
    if ref is None:
        return None
    m = _OF_THOSE_WITH.match(words)
    if m is not None:
        return f"how many wins does {normalize(ref.name)} have {m.group(1)} {m.group(2)}", f"Of {ref.name}'s wins"
    m = _WHICH_OF_THOSE_WITH.match(words)  # "which of those were by the #31" after Cadillac's wins
    if m is not None:
        number = re.fullmatch(r"(?:car |number |no )*(\d{1,3})(?: car| entry)?", m.group(1))
        named = f"#{number.group(1)}" if number else m.group(1)  # (the '#' normalising took away; "the 31 car")
        return f"which years did {normalize(ref.name)} win with {named}", f"Of {ref.name}'s wins"
    return None


_THE_OTHER = re.compile(r"\bthe other (?:one|guy|driver|man|team|make|manufacturer|car|bloke|dude)\b")


def _the_other(words: str, last: Turn, kb: KnowledgeBase) -> tuple[str, str] | None:
    """'what years did the other guy win' after 'Capello has more than McNish': the one with fewer overall wins."""
    m = _THE_OTHER.search(words)
    two = _subjects(last.answer)
    query = last.answer.query or {}
    if m is None or len(two) != 2 or query.get("measure") not in ("compare", "difference"):
        return None
    if query.get("scope") != "overall":
        return None  # (a class comparison: which "other" is meant is not said by overall wins)
    wins = [len(kb.records.get(r.kind, r.id).overall_years) for r in two]
    if wins[0] == wins[1]:
        return None  # a tie has no lead to set aside
    other = two[0] if wins[0] < wins[1] else two[1]
    return f"{words[: m.start()]}{normalize(other.name)}{words[m.end() :]}", f"About {other.name}"


def _compare_named(words: str, last: Turn) -> tuple[str, str] | None:
    """'so who has more' after 'Pirro's wins' then 'and Biela?': the two names compared."""
    names = [r for r in last.named if r.kind != "class"][:2]
    if len(names) < 2 or names[0].kind != names[1].kind:
        return None
    a, b = normalize(names[1].name), normalize(names[0].name)  # in the order they were asked
    said = f"{names[1].name} and {names[0].name}"
    m = _WHO_MORE.match(words)
    if m:
        what = m.group(1)
        if what in ("first", "earlier"):
            return f"which of {a} and {b} won first", f"Of {said}"
        if what in ("last", "more recently", "most recently"):
            return f"which of {a} and {b} won most recently", f"Of {said}"
        return f"who has more wins, {a} or {b}", f"Of {said}"
    if _TOGETHER.match(words):  # "did they ever win together" after McNish, then Pirro
        return f"did {a} and {b} win together", f"Of {said}"
    if _DIFFERENCE.fullmatch(words):  # "whats the difference" after Audi's wins, then "and peugeot?"
        return f"how many more wins does {a} have than {b}", f"Of {said}"
    if _COMBINED.fullmatch(words.strip(" ?")):  # "combined?" after Audi's wins, then "and peugeot?"
        return f"how many wins do {a} and {b} have combined", f"Of {said}"
    m = _HOW_MANY_MORE.match(words)
    if m:
        first = normalize(m.group(1))
        other = b if first in a or a.startswith(first) else a
        return f"how many more wins does {first} have than {other}", f"Of {said}"
    of_them = _OF_THE_TWO.fullmatch(words.strip(" ?"))
    if of_them:  # "which of them had the longer winning streak" after Audi's wins, then "and peugeot?"
        return f"{of_them.group('which')} of {a} and {b} {of_them.group('rest')}", f"Of {said}"
    return None


_OF_THE_TWO = re.compile(
    r"(?:and |so |ok )*(?P<which>which|who)(?: one)? of (?:them|the two|those two|these two|both)"
    r" (?P<rest>.+)"
)


_OF_THOSE = re.compile(r"\b(which|who|what)\s+(?:one\s+)?of\s+(?:them|those|these|they)(?:\s+(\w+))?\b")
#: The most names "which of those" chooses among (a longer list is not a choice).
MAX_AMONG = 12


def _which_of_those(words: str, last: Turn) -> tuple[str, str] | Answer | None:
    """'which of those teams has the most wins' after a list: the question over the names the list gave."""
    m = _OF_THOSE.search(words)
    if m is None:
        return None
    people = [r for r in last.answer.entities if r.kind != "class"]
    noun: str | None = KIND_NOUNS.get(m.group(2) or "")
    kinds = [r.kind for r in people]
    kind = noun or (max(set(kinds), key=kinds.count) if kinds else None)
    chosen = list(dict.fromkeys(r for r in people if r.kind == kind))
    asked = set(_subjects(last.answer))
    listed = [r for r in chosen if r not in asked]
    if len(listed) >= 2:  # "Capello's co-winners: McNish, ...": "them" are the names listed, not Capello
        chosen = listed
    if not 2 <= len(chosen) <= MAX_AMONG:  # never the question over everyone: "those" were some
        return _said_unknown(
            "Which ones do you mean? My last answer gave no short list to choose from: name them, for example "
            "\u201cwhich of Capello, McNish and Pirro won first\u201d.",
            "no-context",
        )
    names = join([normalize(r.name) for r in chosen])
    rest = words[m.end() :] if noun else words[m.end(2) if m.group(2) else m.end() :]
    if not noun and m.group(2):
        rest = f" {m.group(2)}{rest}"
    return f"{m.group(1)} of {names}{rest}", f"Of {join([r.name for r in chosen])}"


def _subjects(answer: Answer) -> list[EntityRef]:
    """The entities the last answer's query named, in its order ("Capello or McNish": both)."""
    named = [(e["kind"], e["id"]) for e in (answer.query or {}).get("entities", []) if e.get("role") == "subject"]
    return [r for key in named for r in answer.entities if (r.kind, r.id) == key][:MAX_PRONOUN_CANDIDATES]


def _subject(answer: Answer) -> EntityRef | None:
    """The entity the last answer was about: the one named by its query, else the first it names."""
    query = answer.query or {}
    for entity in query.get("entities", []):
        for ref in answer.entities:
            if ref.kind == entity["kind"] and ref.id == entity["id"]:
                return ref
    people = [r for r in answer.entities if r.kind != "class"]
    asked = [r for r in people if r.kind == query.get("asks")]
    if len(asked) == 1:
        return asked[0]  # "which team won in 2014" → "their most recent win": the team
    return people[0] if len(people) == 1 or (people and answer.intent.endswith("wins")) else None


_INTERJECTION = re.compile(
    r"^(?:(?:oops|sorry|sry|ah|oh|no|nope|wait|hmm|actually|err|um|typo|my bad|whoops|correction)\s+)+"
)
_BARE_SHORT_YEAR = re.compile(r"^(?:and |what about |how about |ok |then )*'?(\d\d)$")
_NOT_YEAR = re.compile(r"\s*\b(?:not|instead of|rather than)\s+(?:in\s+)?(?:19|20)\d\d\b")


def _correction(words: str) -> str:
    """'oops i meant 2005 not 2004' → 'i meant 2005': the interjection and the year taken back go."""
    words = _INTERJECTION.sub("", words)
    short = _BARE_SHORT_YEAR.match(words)
    if short:  # "02?" after a year's question: that year
        n = int(short.group(1))
        words = str(1900 + n if n >= 90 else 2000 + n)
    if words.startswith(("i meant", "i mean", "meant")):
        words = _NOT_YEAR.sub("", words)
    return words


def _part_asked(words: str) -> str | None:
    """The part of a race result a message asks for, when it asks for nothing else."""
    tokens = set(words.replace("#", " number ").split())
    content = tokens - _PART_FILLER
    if not content or len(words.split()) > 10:
        return None
    if (
        "else" in tokens
        and tokens & {"who", "anyone", "anybody"}
        and (content <= {"else", "car", "drove", "crew", "there"} or "with" in tokens)  # ("... with Wayne Taylor")
    ):
        return "which drivers won"  # "who else was in the car": the whole crew, so the answer says who else
    if len(words.split()) > 8:
        return None
    if "number" in content and content <= {"number", "no", "num", "car", "cars"}:
        return "which car number won"  # "what number was their car": the number, not the car
    for ask, vocabulary in _PARTS.items():
        if content <= vocabulary | {"number"} and content & vocabulary:
            return ask
    if tokens & {"who"} and not content - {"drove", "drive"}:
        return None  # a bare "who?" is not a narrowing
    return None


def _is_dangling(words: str) -> bool:
    """Only a follow-up: 'the year before that?', 'which car was that', 'and in 2016?' with nothing before."""
    padded = f" {words} "
    relative = any(f" {p} " in padded for p in (*_NEXT, *_PREVIOUS)) and not re.search(r"\b(?:19|20)\d\d\b", words)
    return relative or _part_asked(words) is not None


def _chat_fallback(words: str) -> Answer | None:
    tokens = set(words.split())
    if tokens & {"help", "trivia", "commands", "quiz"}:
        return _said(_HELP_TEXT, "help")
    if tokens & {w for w in _GREETINGS if " " not in w}:
        return _said("Hello! Ask me anything about Petit Le Mans: " + _EXAMPLES, "greeting")
    if tokens & {"thanks", "thank"}:
        return _said("You're welcome! Ask another one any time.", "thanks")
    return None


def _said_unknown(text: str, intent: str) -> Answer:
    return Answer(status="unknown", text=text, intent=f"conversation:{intent}")


def _said(text: str, intent: str) -> Answer:
    return Answer(status="answered", text=text, intent=f"conversation:{intent}")


_EXAMPLES = '"who won in 2015", "how many wins does Dindo Capello have", "GTD winners since 2020".'
_HELP_TEXT = (
    "Ask in plain words, typos are fine: winners by year, a driver's, team's or manufacturer's wins, class "
    "winners, records (most wins, streaks), comparisons (\u201cAudi or Cadillac since 2015\u201d), history and "
    "the track. Follow up with \u201cand in 2016?\u201d or \u201chow many did he win?\u201d; ask "
    "\u201csources?\u201d or \u201chow sure are you?\u201d about my last answer."
)
_WHERE_TEXT = (
    "My facts come from a knowledge base built from public sources (race reports, team and manufacturer "
    "releases, encyclopedia articles), each fact with its sources and a confidence level. Ask \u201csources?\u201d "
    "after an answer to see where it came from."
)
