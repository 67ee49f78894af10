"""Ordinary words of questions: never fuzzily "corrected" into names.

A word here may still name someone (Patrick *Long*, Boris *Said*, Jon *Field*), but
alone it is read as a name only when nothing else in the question makes sense.
"""

from __future__ import annotations

from pathlib import Path


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """
    a an the and or but of in on at to for from by with without about as is are was were be been being
    do does did done has have had having will would shall should can could may might must it its this
    that these those there here what which who whom whose when where why how i me my we our you your he
    him his she her they them their not no yes if then than so too very just also any all each every
    some into onto over under again ever never only up down out off
    """
)

# Words fans use around the facts; also never fuzzily corrected.
DOMAIN_WORDS = _words(
    """
    petit le mans lemans plm race races racing raced racer road atlanta michelin raceway braselton
    drove drive drives driven driving
    georgia win wins won winning winner winners victory victories victorious triumph champion champions
    title titles first last latest recent recently most least more fewer times time year years season
    seasons edition editions annual team teams entrant entry entries squad car cars chassis model
    machine manufacturer manufacturers make makes maker makers brand brands constructor engine engines
    driver drivers pilot pilots class classes category overall outright laps lap distance miles mile
    hours hour pole qualifying fastest record records streak streaks row consecutive straight different
    distinct unique many much number count total who whos long short shortened rain red flag stopped
    called track circuit turn turns corner corners length date day held happen happened start started
    margin closest gap finish finished second seconds place runner podium co codriver codrivers teammate
    teammates partner partners alongside history founded founder started created began begin origin
    format rules rule invitation invitations invite championship championships series sponsor sponsors
    sponsored name named called crowd attendance spectators fans caution cautions yellow crash crashes
    incident incidents accident flip flipped list show tell give me please know about hi hello hey
    thanks thank bot trivia question answer quiz help did ever never yet still both either neither
    compare versus vs against between than better best top leader leaders leading ranking rank table
    tables stats statistics diesel hybrid prototype wet weather fast slow speed mph kmh ten thousand
    hundred
    """
)

# Everyday English words that are also surnames or name words in the knowledge base,
# plus common words that would otherwise be fuzzily bent into a name ("race" → "rice").
ENGLISH_WORDS = _words(
    """
    long said field bell snow stuck french may rice little good great well new
    old big small high low early late next previous before after during since until while year old young
    youngest oldest age born live lives living died dead nationality country american british french
    italian german english australian brazilian danish dutch score scored points point game games play
    playing played player players say says tell told someone somebody anyone anybody everyone people
    person man men woman women guy guys like love favorite favourite cool amazing awesome best worst
    brother brothers sister sisters dad father son sons cousin uncle nephew wife husband family
    really actually exactly weather joke today tomorrow yesterday week month months day days night
    morning evening price cost money ticket tickets where parking camping hotel buy get got make made
    take took go going went come came see saw look looked find found need want think thought one two
    three four five six seven eight nine twelve eleven twenty thirty forty fifty once twice thrice
    single double triple hat trick share shared shares sharing meaning life forecast prices happened
    happen grew grow became become switch switched change changed moved move americans american
    female woman women female drivers right wrong true false crew crews lineup line invite invites invited
    invitation hrs mins yrs powered built build builder capital city even mean means drive drives driving
    run runs running ran raced racing goes went got gets names trophy usually normally typically
    generally alive
    """
)

COMMON_WORDS = STOPWORDS | DOMAIN_WORDS | ENGLISH_WORDS

# Frequent English words (bot/qa/data/README.md): never spelling-corrected into a name,
# but, unlike COMMON_WORDS, still reported as unknown when a question turns on them.
LEXICON = frozenset((Path(__file__).parent / "data" / "english_words.txt").read_text(encoding="utf-8").split())
