"""Answer matching: each fairness rule as a case, the false positives included."""

from __future__ import annotations

import random

import pytest

from bot.knowledge import KnowledgeBase
from bot.quiz.matching import Matcher, Verdict
from bot.quiz.model import AnswerSpec, Question
from bot.quiz.questions import question_pool
from bot.quiz.text import answer_tokens


def q(spec: AnswerSpec, *, options: tuple[str, ...] = ("x", "y"), in_prompt: bool = False) -> Question:
    return Question(
        key="test", template="test", category="winners", difficulty="easy", prompt="?", spec=spec,
        answer="", fact="", options=options, correct=0, options_in_prompt=in_prompt,
    )  # fmt: skip


def drivers(*ids: str, need: str = "one") -> Question:
    return q(AnswerSpec("entity", "driver", frozenset(ids), need))  # type: ignore[arg-type]


def entity(kind: str, *ids: str) -> Question:
    return q(AnswerSpec("entity", kind, frozenset(ids)))


WINNERS_2008 = ("rinaldo-capello", "allan-mcnish", "emanuele-pirro")
WINNERS_2014 = ("jordan-taylor", "ricky-taylor")


@pytest.fixture(scope="module")
def matcher(small_kb: KnowledgeBase) -> Matcher:
    return Matcher(small_kb)


@pytest.mark.parametrize(
    "answer",
    [
        "Rinaldo Capello",
        "capello",  # surname alone: no other Capello
        "CAPELLO!",
        "Dindo",  # nickname from the data
        "Dindo Capello",
        "Capelo",  # one typo in seven letters
        "Rinaldo Capelo",
        "Alan Mcnish",  # a typo in each word of a long name
        "I think it was Capello",  # filler around the answer
        "Capello and McNish",  # two names, both right
        "maybe capello",  # unsure, but one answer: only "or" and negations hedge
        "Pirro",
    ],
)
def test_accepts_fair_spellings_of_a_2008_winner(matcher: Matcher, answer: str) -> None:
    assert matcher.check(drivers(*WINNERS_2008), answer).verdict is Verdict.CORRECT


@pytest.mark.parametrize(
    ("answer", "ids"),
    [
        ("Stephane Sarrazin", ("stephane-sarrazin",)),  # accent missing
        ("Stéphane Sarrazin", ("stephane-sarrazin",)),
        ("Helio Castroneves", ("helio-castroneves",)),
        ("Helio", ("helio-castroneves",)),
        ("Hunter-Reay", ("ryan-hunter-reay",)),
        ("hunter reay", ("ryan-hunter-reay",)),
        ("van der Zande", ("renger-van-der-zande",)),
        ("Zande", ("renger-van-der-zande",)),
        ("J.J. Lehto", ("jj-lehto",)),
        ("jj lehto", ("jj-lehto",)),
        ("Jyrki Jarvilehto", ("jj-lehto",)),
        ("Jordan Taylor", WINNERS_2014),
        ("Dirk Muller", ("dirk-muller",)),
        ("Renger van der Zande and Ryan Hunter-Reay", ("renger-van-der-zande", "ryan-hunter-reay")),
    ],
)
def test_accepts_accents_aliases_and_compound_names(matcher: Matcher, answer: str, ids: tuple[str, ...]) -> None:
    assert matcher.check(drivers(*ids), answer).verdict is Verdict.CORRECT


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("ello", "a piece of the name"),
        ("Capel", "two letters short of Capello"),
        ("Cpelo", "two typos in seven letters"),
        ("Piro", "a typo in a word under five letters"),
        ("Kristensen", "a real driver who did not win that year"),
        ("Capello, Kristensen", "hedging: one right, one wrong"),
        ("Capello McNish Pirro Biela Kristensen Lehto", "a list of candidates"),
        ("capello " + "blah " * 3, "too many unrecognised words"),
        ("capello " * 20, "too long"),
        ("Capello or McNish", "a hedge is not one answer, even between two right names"),
        ("McNish or Senna", "a hedge"),
        ("not McNish", "a negation"),
        ("anyone but McNish", "a negation"),
    ],
)
def test_rejects_near_misses_and_hedging(matcher: Matcher, answer: str, reason: str) -> None:
    assert matcher.check(drivers(*WINNERS_2008), answer).verdict is Verdict.WRONG, reason


def test_air_is_not_chair(matcher: Matcher) -> None:
    question = entity("team", "chair-racing")
    assert matcher.check(question, "Chair").verdict is Verdict.CORRECT
    for answer in ("air", "hair", "cha", "chairman racing team of the year"):
        assert matcher.check(question, answer).verdict is not Verdict.CORRECT, answer


def test_shared_surname_asks_which_one(matcher: Matcher) -> None:
    # Three Taylors: "Taylor" alone is ambiguous, never silently right or wrong.
    match = matcher.check(drivers(*WINNERS_2014), "Taylor")
    assert match.verdict is Verdict.AMBIGUOUS
    assert matcher.check(drivers("dirk-muller"), "Muller").verdict is Verdict.AMBIGUOUS
    # A wrong first name is wrong, not ambiguous.
    assert matcher.check(drivers("dirk-muller"), "Jörg Müller").verdict is Verdict.WRONG


def test_all_names_wanted(matcher: Matcher) -> None:
    crew = drivers(*WINNERS_2008, need="all")
    partial = matcher.check(crew, "Capello and McNish")
    assert partial.verdict is Verdict.PARTIAL
    assert (partial.found, partial.wanted) == (2, 3)
    assert matcher.check(crew, "Capello, McNish and Pirro").verdict is Verdict.CORRECT
    assert matcher.check(crew, "Dindo, Allan McNish & Emanuele Pirro").verdict is Verdict.CORRECT
    assert matcher.check(crew, "Capello, McNish, Pirro and Kristensen").verdict is Verdict.WRONG
    # Repeating one name does not count twice.
    assert matcher.check(crew, "Capello Capello Dindo").verdict is Verdict.PARTIAL


def test_one_name_wanted_counts_an_ambiguous_name_only_when_every_reading_is_right(matcher: Matcher) -> None:
    assert matcher.check(drivers(*WINNERS_2014), "Ricky Taylor and Jordan Taylor").verdict is Verdict.CORRECT
    both_tylors = drivers("jordan-taylor", "ricky-taylor", "wayne-taylor")
    assert matcher.check(both_tylors, "Taylor").verdict is Verdict.CORRECT


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("R8", Verdict.CORRECT),
        ("Audi R8", Verdict.CORRECT),  # the make in front of the car
        ("audi r 8", Verdict.CORRECT),
        ("Audi", Verdict.WRONG),  # the make is not the car
        ("R10", Verdict.WRONG),
        ("Audi R10 TDI", Verdict.WRONG),
        ("R9", Verdict.WRONG),  # digits never count as typos
    ],
)
def test_cars_with_or_without_their_make(matcher: Matcher, answer: str, verdict: Verdict) -> None:
    assert matcher.check(entity("car", "audi-r8"), answer).verdict is verdict


def test_car_name_that_already_holds_the_make(matcher: Matcher) -> None:
    question = entity("car", "audi-r10-tdi")
    for answer in ("Audi R10 TDI", "R10 TDI", "R10", "audi r10 tdi"):
        assert matcher.check(question, answer).verdict is Verdict.CORRECT, answer


def test_peugeot_908_digits_must_match(matcher: Matcher) -> None:
    question = entity("car", "peugeot-908")
    assert matcher.check(question, "908").verdict is Verdict.CORRECT
    assert matcher.check(question, "Peugeot 908 HDi FAP").verdict is Verdict.CORRECT
    assert matcher.check(question, "Peugeot 909 HDi FAP").verdict is Verdict.WRONG


def test_teams_by_alias_or_without_suffix(matcher: Matcher) -> None:
    question = entity("team", "wayne-taylor-racing")
    for answer in ("Wayne Taylor Racing", "Wayne Taylor", "WTR", "Konica Minolta Cadillac", "wayne taylor racing team"):
        assert matcher.check(question, answer).verdict is Verdict.CORRECT, answer
    assert matcher.check(question, "Champion Racing").verdict is Verdict.WRONG


def test_manufacturer_nickname(matcher: Matcher) -> None:
    assert matcher.check(entity("manufacturer", "chevrolet"), "Chevy").verdict is Verdict.CORRECT


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("2008", Verdict.CORRECT),
        ("in 2008", Verdict.CORRECT),
        ("'08", Verdict.CORRECT),
        ("08", Verdict.CORRECT),
        ("two thousand and eight", Verdict.CORRECT),
        ("twenty oh eight", Verdict.CORRECT),
        ("2009", Verdict.WRONG),
        ("2008 or 2009", Verdict.WRONG),  # hedging
        ("2000 2001 2002 2003 2004 2005 2006 2007 2008", Verdict.WRONG),
        ("Capello", Verdict.WRONG),
    ],
)
def test_years(matcher: Matcher, answer: str, verdict: Verdict) -> None:
    assert matcher.check(q(AnswerSpec("year", numbers=frozenset({2008}))), answer).verdict is verdict


def test_nineteen_ninety_eight(matcher: Matcher) -> None:
    question = q(AnswerSpec("year", numbers=frozenset({1998})))
    for answer in ("1998", "98", "nineteen ninety eight", "nineteen ninety-eight"):
        assert matcher.check(question, answer).correct, answer


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("5", Verdict.CORRECT), ("five", Verdict.CORRECT), ("5 wins", Verdict.CORRECT), ("Five times", Verdict.CORRECT),
     ("4", Verdict.WRONG), ("four or five", Verdict.WRONG), ("fifty", Verdict.WRONG)],
)  # fmt: skip
def test_counts(matcher: Matcher, answer: str, verdict: Verdict) -> None:
    assert matcher.check(q(AnswerSpec("number", numbers=frozenset({5}))), answer).verdict is verdict


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("true", Verdict.CORRECT), ("True!", Verdict.CORRECT), ("yes", Verdict.CORRECT), ("t", Verdict.CORRECT),
     ("false", Verdict.WRONG), ("no", Verdict.WRONG), ("true or false", Verdict.WRONG), ("maybe", Verdict.WRONG)],
)  # fmt: skip
def test_true_false(matcher: Matcher, answer: str, verdict: Verdict) -> None:
    assert matcher.check(q(AnswerSpec("boolean", truth=True)), answer).verdict is verdict


def test_option_letter_only_when_the_options_are_shown(matcher: Matcher) -> None:
    shown = q(
        AnswerSpec("entity", "driver", frozenset({"allan-mcnish"})),
        options=("Allan McNish", "Tom Kristensen"),
        in_prompt=True,
    )
    assert matcher.check(shown, "a").correct
    assert matcher.check(shown, "B").verdict is Verdict.WRONG
    assert matcher.check(shown, "option A").correct and matcher.check(shown, "it's a").correct
    assert matcher.check(shown, "McNish").correct
    hidden = q(AnswerSpec("entity", "driver", frozenset({"allan-mcnish"})), options=("Allan McNish", "Tom Kristensen"))
    assert not matcher.check(hidden, "a").correct


def test_empty_answers(matcher: Matcher) -> None:
    for answer in ("", "   ", "?!", "..."):
        assert matcher.check(drivers(*WINNERS_2008), answer).verdict is Verdict.EMPTY


def test_real_knowledge_aliases(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    assert matcher.check(drivers("rinaldo-capello"), "Dindo").correct
    assert matcher.check(drivers("jj-lehto"), "Järvilehto").correct
    assert matcher.check(entity("car", "audi-r8"), "Audi R8").correct
    assert matcher.check(entity("car", "audi-r8"), "R8").correct
    assert not matcher.check(entity("car", "audi-r8"), "Audi R8 LMS").correct
    assert matcher.check(drivers("ricky-taylor", "jordan-taylor"), "Taylor").verdict is Verdict.AMBIGUOUS


def test_a_full_crew_with_an_extra_name_is_wrong(matcher: Matcher, kb: KnowledgeBase) -> None:
    crew = drivers("franck-montagny", "stephane-sarrazin", need="all")
    assert matcher.check(crew, "Montagny and Sarrazin").verdict is Verdict.CORRECT
    assert matcher.check(crew, "Montagny, Sarrazin and Minassian").verdict is Verdict.WRONG


@pytest.mark.parametrize(("answer", "truth"), [("not true", False), ("it isn't", False), ("that's not right", False),
                                               ("not false", True), ("true", True), ("nope", False)])  # fmt: skip
def test_true_or_false_reads_negation(answer: str, truth: bool) -> None:
    from bot.quiz.matching import _check_boolean
    from bot.quiz.model import AnswerSpec

    for spec_truth in (True, False):
        verdict = _check_boolean(AnswerSpec("boolean", truth=spec_truth), answer_tokens(answer)).verdict
        assert (verdict is Verdict.CORRECT) == (truth == spec_truth), answer


def test_two_digit_years_never_land_in_the_future() -> None:
    from bot.quiz.matching import _as_year

    assert (_as_year("08"), _as_year("98"), _as_year("69")) == (2008, 1998, 1969)


def test_several_years_all_right_stand_but_one_wrong_fails() -> None:
    from bot.quiz.matching import _check_number

    spec = AnswerSpec("year", numbers=frozenset({2000, 2002, 2006}))
    assert _check_number(spec, answer_tokens("2000 and 2002")).verdict is Verdict.CORRECT
    assert _check_number(spec, answer_tokens("2000 and 2001")).verdict is Verdict.WRONG


# -- one linker: the quiz reads names as /ask does (bot.qa.index) ------------------------------------
def test_the_judge_links_names_as_the_engine_does(kb: KnowledgeBase) -> None:
    from bot.qa.index import entity_index
    from bot.qa.normalize import normalize

    matcher = Matcher(kb)
    [mention] = entity_index(kb).find(normalize("reay").split())
    assert [r.id for r in mention.refs] == ["ryan-hunter-reay"]  # /ask
    assert matcher.check(drivers("ryan-hunter-reay"), "reay").correct  # and the quiz
    assert matcher.check(drivers("allan-mcnish"), "McNihs").correct  # a swapped pair is one typo
    assert matcher.check(drivers("ryan-briscoe"), "Bricsoe").correct


def test_a_typo_is_never_in_the_first_letter(kb: KnowledgeBase) -> None:
    assert matcher_of(kb).check(drivers("george-kurtz"), "Wurtz").verdict is Verdict.WRONG  # not George Kurtz


@pytest.mark.parametrize(
    ("kind", "target", "answer"),
    [
        ("team", "meyer-shank-racing", "Shank"),  # a distinctive word of the team's name
        ("team", "risi-competizione", "Risi"),
        ("team", "doyle-risi-racing", "Risi"),  # the related team's short name: the same organisation
        ("team", "audi-sport-north-america", "Joest"),  # "run by Joest Racing", as entered
        ("team", "porsche-gt-team", "CORE"),
        ("team", "wayne-taylor-racing", "Konica Minolta"),  # an alias without its make
        ("team", "wayne-taylor-racing", "Wayne Taylor"),  # the driver's name, where a team is asked for
        ("car", "ferrari-296-gt3", "Ferrari 296"),  # the car's family
        ("car", "lamborghini-huracan-gt3-evo2", "Huracan"),
        ("car", "acura-arx-05", "ARX-05"),
        ("car", "acura-arx-05", "arx05"),
        ("car", "porsche-911-rsr", "nine eleven"),
        ("manufacturer", "hpd", "Honda"),  # Honda Performance Development
        ("manufacturer", "mercedes-amg", "AMG"),  # a word of the make's name no other make has
        ("car", "mercedes-amg-gt3", "Mercedes GT3"),  # the make's other name, then the car
    ],
)
def test_short_names_cars_and_makes(kb: KnowledgeBase, kind: str, target: str, answer: str) -> None:
    assert matcher_of(kb).check(entity(kind, target), answer).correct


@pytest.mark.parametrize(
    ("kind", "target", "answer", "verdict"),
    [
        ("car", "mercedes-amg-gt3", "GT3", Verdict.WRONG),  # a word many cars share is no car
        ("car", "audi-r8-lms", "Audi", Verdict.WRONG),  # the make is not the car
        ("car", "audi-r8", "Audi R8 LMS", Verdict.WRONG),  # a more specific other car
        ("car", "peugeot-908-hdi-fap", "Peugeot 908", Verdict.AMBIGUOUS),  # its family, and the 2011 car's name
        ("team", "wayne-taylor-racing", "Champion", Verdict.WRONG),
        ("driver", "wayne-taylor", "Wayne Taylor Racing", Verdict.WRONG),  # the team is not the driver
        ("manufacturer", "lola", "MG", Verdict.WRONG),  # the engine make alone
    ],
)
def test_what_short_names_do_not_stretch_to(
    kb: KnowledgeBase, kind: str, target: str, answer: str, verdict: Verdict
) -> None:
    assert matcher_of(kb).check(entity(kind, target), answer).verdict is verdict


@pytest.mark.parametrize(
    ("key", "answer", "verdict"),
    [
        ("class-manufacturer:2002:lmp675", "MG-Lola", Verdict.CORRECT),  # the make as the car was entered
        ("class-manufacturer:2009:lmp2", "Lola Mazda", Verdict.CORRECT),
        ("winner-manufacturer:2017", "Onroak", Verdict.CORRECT),  # the winning Nissan Onroak DPi names its make
        ("winner-manufacturer:1998", "Ferrari 333 SP", Verdict.CORRECT),
        ("winner-manufacturer:1998", "Ferrari 296 GT3", Verdict.WRONG),  # a Ferrari, but not the winning car
        ("class-manufacturer:2002:lmp675", "Lola Mazda", Verdict.WRONG),  # the 2002 Lola had an MG engine
    ],
)
def test_a_make_by_the_winning_car(kb: KnowledgeBase, key: str, answer: str, verdict: Verdict) -> None:
    question = next(b for b in question_pool(kb).blueprints if b.key == key).realize(random.Random(0))
    assert matcher_of(kb).check(question, answer).verdict is verdict


def test_an_unknown_name_beside_the_right_one_is_wrong(kb: KnowledgeBase) -> None:
    crew = drivers("nick-tandy", "patrick-pilet")
    assert matcher_of(kb).check(crew, "Tandy").correct
    assert matcher_of(kb).check(crew, "Tandy and Lietz").verdict is Verdict.WRONG  # Lietz: not in the data at all
    assert matcher_of(kb).check(crew, "Tandy and Sullivan").verdict is Verdict.WRONG  # a capitalised word is a name
    assert matcher_of(kb).check(crew, "Sullivan and Tandy").verdict is Verdict.WRONG  # first or not
    assert matcher_of(kb).check(crew, "Tandy in the Porsche").correct  # another kind of name is context


def test_a_shown_wrong_option_is_wrong_even_when_it_is_a_family_name(small_kb: KnowledgeBase) -> None:
    shown = q(AnswerSpec("entity", "car", frozenset({"audi-r10-tdi"})), options=("Audi R10 TDI", "R8"), in_prompt=True)
    assert Matcher(small_kb).check(shown, "R8").verdict is Verdict.WRONG


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("nine eleven", Verdict.CORRECT), ("911", Verdict.CORRECT), ("#911", Verdict.CORRECT), ("nine one one", Verdict.CORRECT),
     ("nine twelve", Verdict.WRONG)],
)  # fmt: skip
def test_car_numbers_said_in_pieces(small_kb: KnowledgeBase, answer: str, verdict: Verdict) -> None:
    assert Matcher(small_kb).check(q(AnswerSpec("number", numbers=frozenset({911}))), answer).verdict is verdict


@pytest.mark.parametrize(
    ("answer", "year"), [("oh seven", 2007), ("zero eight", 2008), ("'69", 1969), ("nineteen sixty nine", 1969)]
)
def test_years_said_in_pieces(small_kb: KnowledgeBase, answer: str, year: int) -> None:
    assert Matcher(small_kb).check(q(AnswerSpec("year", numbers=frozenset({year}))), answer).correct


@pytest.mark.parametrize("answer", ["about 5", "around 5", "at least 5", "between 4 and 6", "5 or so"])
def test_a_rough_number_is_a_guess(small_kb: KnowledgeBase, answer: str) -> None:
    assert Matcher(small_kb).check(q(AnswerSpec("number", numbers=frozenset({5}))), answer).verdict is Verdict.WRONG


def test_times_written_with_an_x(small_kb: KnowledgeBase) -> None:
    count = q(AnswerSpec("number", numbers=frozenset({5})))
    assert Matcher(small_kb).check(count, "5x").correct and Matcher(small_kb).check(count, "x5").correct


def test_years_in_a_count_answer_are_context(small_kb: KnowledgeBase) -> None:
    count = q(AnswerSpec("number", numbers=frozenset({3})))
    assert Matcher(small_kb).check(count, "3, from 2006 to 2008").correct
    assert Matcher(small_kb).check(count, "3 or 4").verdict is Verdict.WRONG


@pytest.mark.parametrize(
    "answer", ["not sure", "I'm not sure", "no idea", "I don't know", "maybe true", "not really sure"]
)
def test_not_knowing_is_no_answer_to_true_or_false(small_kb: KnowledgeBase, answer: str) -> None:
    for truth in (True, False):
        assert Matcher(small_kb).check(q(AnswerSpec("boolean", truth=truth)), answer).verdict is Verdict.WRONG, answer


@pytest.mark.parametrize(
    ("answer", "said"),
    [("yep", True), ("it is", True), ("of course", True), ("true, not false", True), ("it was false", False),
     ("no it isn't", False), ("I don't think so", False), ("that's wrong", False), ("not at all", False), ("not really", False)],
)  # fmt: skip
def test_true_or_false_as_people_say_it(small_kb: KnowledgeBase, answer: str, said: bool) -> None:
    assert Matcher(small_kb).check(q(AnswerSpec("boolean", truth=said)), answer).correct
    assert not Matcher(small_kb).check(q(AnswerSpec("boolean", truth=not said)), answer).correct


def matcher_of(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


def test_a_particle_stays_with_its_surname_in_a_list_of_names(kb: KnowledgeBase) -> None:
    # "di grassi" is a form of its own: gluing "di" + "grassi" would leave "Lucas" alone, and ambiguous.
    crew = drivers("oliver-jarvis", "tristan-nunez", "lucas-di-grassi", need="all")
    assert matcher_of(kb).check(crew, "Oliver Jarvis, Tristan Nunez and Lucas di Grassi").correct
