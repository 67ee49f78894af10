"""Cue words and phrases the engine routes on, in one place so they read as a list.

Each group is matched against a normalised question (lowercase ASCII words).
"""

from __future__ import annotations

import re

OTHER_EVENTS = (
    "24 hours", "24h", "24 hour", "daytona", "sebring", "indy 500", "indianapolis", "formula 1", "formula one",
    "f1", "nascar", "rolex 24", "spa", "nurburgring", "bathurst", "monaco", "super bowl", "world cup", "wec",
    "watkins glen", "laguna seca", "long beach", "mid ohio", "lime rock", "road america", "detroit",
)  # fmt: skip
# "... and who was on pole?": a second question joined to the first.
COMPOUND = re.compile(
    r"\s*(?:[,;?]\s*|\s)(?:and|&|also|plus|n)\s+(?=(?:(?:with|in|for|by) (?:which|what)|whats|wheres|whos|who|what|which|when|where|why|how|did|was"
    r"|were|is|are|has|have|had|does|do|by how)\b)"
    r"|\?\s+(?=\S)|\s+[-–—]\s+(?=(?:who|what|which|when|where|how|did|was|were|is|are|has|have|had)\b)",
    re.IGNORECASE,
)
# "Jordan Taylor won with his brother in 2014, how many wins does he have": a statement, then a question.
PREMISE_THEN_QUESTION = re.compile(
    # (not a phrase that narrows the question: "of the makes that won in the 2020s, which won the least")
    r"^(?!(?:of|among|amongst|out of|from|between|since|after|before|in|during|for|excluding|besides|except|other than"
    r"|apart from|not counting|counting|only|just|including|when|if)\b)"
    r"(?P<premise>(?:\S+\s+)+?(?:won|win|took|drove|raced)\b[^,;?]*?)\s*[,;]\s*"
    r"(?P<question>(?:so\s+|then\s+)?(?:who|what|which|when|where|how|did|was|were|has|have|does|do|is)\b.*)$",
    re.IGNORECASE,
)
# "thats late, was it the season finale?", "wow, who won in 2015", "thanks. who won in 2018": a reaction, a
# comma or full stop, then the question.
REMARK = re.compile(
    r"^(?:thats|that's|that is|wow|cool|nice|ok|okay|interesting|huh|hmm|lol|oh|ah|great|thanks|damn|dang|neat|whoa"
    r"|yeah|no way|thank you|thx|ty|cheers|got it|alright|right)\b[^,;?.]{0,30}[,;!.]\s*(?=(?:so |then |and |now )?(?:who|what|which|when|where|how|did|was|were|is|are"
    r"|has|have|does|do|didnt|didn't|wasnt|wasn't|isnt|isn't)\b)",
    re.IGNORECASE,
)


def without_remark(text: str) -> str:
    """The question after a reaction ("wow, who won in 2015" → "who won in 2015"): the reaction changes nothing."""
    return REMARK.sub("", text.strip(), count=1)


THAT_YEAR = re.compile(r"\b(?:that|the same|this) (?:year|yr|race|time)\b", re.IGNORECASE)
UNRECORDED = (
    "youngest",
    "oldest",
    "bday",
    "birthday",
    "shoe",
    "height",
    "tall",
    "weight",
    "instagram",
    "twitter",
    "tiktok",
    "social",
    "single",
    "girlfriend",
    "boyfriend",
    "kids",
    "children",
    "salary",
    "net worth",
    "height",
    "tall",
    "phone",
    "email",
    "address",
    "crew chief",
    "engineer",
    "religion",
    "woman",
    "women",
    "female",
    "females",
    "lady",
    "ladies",
    "girl",
    "girls",
    "gender",
    "married",
    "wife",
    "husband",
)
SEASON_TITLE = (
    "win the title", "won the title", "wins the title", "take the title", "took the title", "clinch", "clinched",
    "season title", "championship title", "drivers title", "drivers championship", "win the championship",
    "won the championship", "season champion", "season champions",
)  # fmt: skip
# Verbs of ownership and life, not racing: with a name, a stored fact answers better than wins.
FACT_VERBS = (
    "buy", "bought", "purchase", "purchased", "own", "owned", "owner", "owns", "sold", "sell", "founded", "found",
    "create", "created", "money", "fortune", "died", "die", "born", "built", "build", "builder",
)  # fmt: skip
# Series named in questions → how the races' championships name them.
SERIES = {
    # "after the merger" first: a question may also name the series it merged from.
    "merged": "United SportsCar", "merger": "United SportsCar", "united series": "United SportsCar",
    "alms": "American Le Mans Series", "american le mans series": "American Le Mans Series",
    "ilmc": "Intercontinental Le Mans Cup", "intercontinental": "Intercontinental Le Mans Cup",
    "elms": "European Le Mans Series", "european le mans series": "European Le Mans Series",
    "tudor": "United SportsCar", "united sportscar": "United SportsCar", "weathertech": "WeatherTech",
}  # fmt: skip
PRONOUNS = ("he", "him", "his", "she", "her", "they", "them", "their", "theirs")
OTHER_VENUES = (
    "sebring",
    "daytona",
    "le mans",
    "watkins glen",
    "laguna seca",
    "road america",
    "mid ohio",
    "spa",
    "monza",
)
SOFT_ATTRIBUTES = ("shortened", "format", "title", "championship", "edition", "attendance", "date", "card")
OFF_TOPIC = (
    "joke",
    "jokes",
    "capital",
    "prize",
    "meme",
    "memes",
    "poem",
    "weather",
    "forecast",
    "ticket",
    "tickets",
    "parking",
    "camping",
    "hotel",
    "hotels",
    "price",
    "prices",
    "cost",
    "tv",
    "television",
    "viewers",
    "viewership",
    "ratings",
    "broadcast",
    "channel",
    "salary",
    "salaries",
    "paid",
    "wage",
    "wages",
    "prediction",
    "predict",
)
EVENT_WORDS = (
    "flip", "flipped", "flips", "backflip", "crash", "crashed", "crashes", "accident", "incident", "happened",
    "rollover", "concussion", "injured", "killed", "died", "hurt", "withdraw", "withdrew", "withdrawn",
)  # fmt: skip
WIN_WORDS = (
    "topped",
    "trophy",
    "won", "win", "wins", "winner", "winners", "winning", "victory", "victor", "victors", "victorious", "triumph",
    "triumphed", "checkered", "chequered", "took", "results", "result", "champion", "champions", "overall",
)  # fmt: skip
# "who topped the podium": the winner, not a placing
TOP_STEP = ("top step", "topped the podium", "top of the podium", "on top", "came out on top", "first place", "p1")
PLACINGS = (
    "second place", "finished second", "came second", "runner up", "runners up", "2nd place", "third place",
    "finished third", "came third", "podium", "who was second", "came in second", "finished 2nd", "second overall",
    "third overall", "3rd place", "who was third", "in second", "in third", "last place", "finished last",
)  # fmt: skip
# Words a question may contain that name no entity but are not names either.
INTENT_WORDS = frozenset({"tell", "anything", "something", "info", "information", "question", "ever", "does", "about",
                          "special", "notable", "remarkable", "memorable", "famous", "significant", "unusual",
                          "unique", "historic", "interesting"})  # fmt: skip
KIND_PLURALS = ("drivers", "teams", "manufacturers", "makes", "brands", "constructors", "cars", "entrants")
RECORD_CUES = (
    "most", "record holder", "streak", "in a row", "consecutive", "straight", "different", "distinct",
    "more than once", "multiple", "all time", "leader", "leaders", "ranking", "most successful", "top",
    "winningest", "how many races", "how many editions", "times has petit", "times has the race", "back to back",
    "more than one",
    "dominated",
    "years running",
    "in succession",
    "at least",
    "dominant",
    "dominate", "time winner", "time winners", "times winner", "times winners",
)  # fmt: skip


# Nationality words → the three-letter codes of drivers.yaml ("which French drivers won").
# A filter on drivers; "American Le Mans Series" is a series, not a nationality (query.py skips it).
NATIONALITY_ADJECTIVES = {
    "USA": "American", "GBR": "British", "FRA": "French", "ITA": "Italian", "GER": "German",
    "BRA": "Brazilian", "NZL": "New Zealand", "NED": "Dutch", "DEN": "Danish", "AUS": "Australian",
    "VEN": "Venezuelan", "SUI": "Swiss", "RSA": "South African", "POR": "Portuguese", "POL": "Polish",
    "MON": "Monegasque", "FIN": "Finnish", "BEL": "Belgian", "AUT": "Austrian", "ANG": "Angolan",
    "JPN": "Japanese", "ESP": "Spanish", "MEX": "Mexican", "CAN": "Canadian", "SWE": "Swedish",
    "ARG": "Argentine", "COL": "Colombian", "CHN": "Chinese", "IRL": "Irish",
}  # fmt: skip
NATIONALITIES = {
    "american": "USA", "americans": "USA", "usa": "USA", "yank": "USA", "yanks": "USA",
    "british": "GBR", "brit": "GBR", "brits": "GBR", "briton": "GBR", "britons": "GBR", "english": "GBR",
    "englishman": "GBR", "englishmen": "GBR", "scottish": "GBR", "scot": "GBR", "scots": "GBR", "welsh": "GBR",
    "uk": "GBR", "french": "FRA", "frenchman": "FRA", "frenchmen": "FRA", "italian": "ITA", "italians": "ITA",
    "german": "GER", "germans": "GER", "brazilian": "BRA", "brazilians": "BRA", "kiwi": "NZL", "kiwis": "NZL",
    "zealander": "NZL", "zealanders": "NZL", "dutch": "NED", "dutchman": "NED", "danish": "DEN", "dane": "DEN",
    "danes": "DEN", "australian": "AUS", "australians": "AUS", "aussie": "AUS", "aussies": "AUS",
    "venezuelan": "VEN", "swiss": "SUI", "portuguese": "POR", "polish": "POL", "monegasque": "MON",
    "finnish": "FIN", "finn": "FIN", "finns": "FIN", "belgian": "BEL", "belgians": "BEL", "austrian": "AUT",
    "austrians": "AUT", "angolan": "ANG", "japanese": "JPN", "spanish": "ESP", "spaniard": "ESP",
    "spaniards": "ESP", "mexican": "MEX", "mexicans": "MEX", "canadian": "CAN", "canadians": "CAN",
    "swedish": "SWE", "swede": "SWE", "swedes": "SWE", "argentine": "ARG", "argentinian": "ARG",
    "colombian": "COL", "chinese": "CHN", "irish": "IRL",
}  # fmt: skip

# Countries said for a nationality ("drivers from New Zealand"); "new zealand" is read as one word pair.
NATIONALITIES.update({
    "america": "USA", "states": "USA", "britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "france": "FRA", "italy": "ITA", "germany": "GER", "brazil": "BRA", "zealand": "NZL", "netherlands": "NED",
    "holland": "NED", "denmark": "DEN", "australia": "AUS", "venezuela": "VEN", "switzerland": "SUI",
    "portugal": "POR", "poland": "POL", "monaco": "MON", "finland": "FIN", "belgium": "BEL", "austria": "AUT",
    "angola": "ANG", "japan": "JPN", "spain": "ESP", "mexico": "MEX", "canada": "CAN", "sweden": "SWE",
    "argentina": "ARG", "colombia": "COL", "china": "CHN", "ireland": "IRL",
})  # fmt: skip

#: A question opening with one of these asks yes or no.
AUXILIARIES = frozenset(
    ("did", "didnt", "does", "doesnt", "do", "dont", "was", "wasnt", "is", "isnt", "were", "werent", "has", "hasnt",
     "have", "havent", "had", "hadnt")
)  # fmt: skip

#: The car on pole, named as the one that may win: "did the pole sitter win", "wins from pole".
POLE_SITTER = ("pole sitter", "pole sitters", "pole sitting", "pole car", "car on pole", "started on pole",
               "from the pole", "polesitter", "polesitters", "from pole", "pole winner", "pole man", "on pole",
               "started from pole", "started from the pole", "starting from pole", "started on the pole",
               "starting on pole", "from pole position", "from the pole position", "start from pole", "start on pole",
               "start from the pole", "start on the pole", "starts from pole", "starts on pole", "start from pole position",
               "started from pole position", "started on pole position")  # fmt: skip

#: Words that never change what a question about results asks: the event's names, the verbs
#: of winning and taking part, requests, and nouns the query's defaults already imply ("won
#: *outright*" is overall). A rule's answer is given only when every other word was read
#: (:attr:`bot.qa.query.Query.unread`); a word outside this list and the query's reading is
#: one the answer might have dropped, so the question is declined with that word named. The
#: list grows only with words shown harmless: a missing word costs a decline, never a wrong answer.
_INERT = """
    petit le mans lemans plm petite race races edition editions event events running runnings
    road atlanta raceway braselton georgia michelin imsa
    win wins won winning winner winners victory victories victor triumph triumphs took take taken takes
    get got gets getting gotten score scored grab grabbed bag bagged claim claimed claims secure secured
    go gone went goes going come came run ran runs held hold hosted staged
    drive drove driven drives driving piloted piloting powered engine engines engined
    number count total amount tally
    among amongst overall outright ever yet so far altogether during
    list name names give gimme tell show lemme please pls plz know knows wondering wonder curious
    anyone anybody someone somebody people folks guys ya yall
    right correct true false really actually exactly hey hi hello yo bot whos man
    presents presented inclusive inclusively moved across throughout whens wheres whats hows rack racked racking
    tied tie ties often frequently single teammates teammate codrivers codriver partners
    year years time times season seasons
    record records history
"""
INERT_WORDS = frozenset(_INERT.split())
#: Phrases that say "ever" or "in all" in other words; their words are read as said together only.
INERT_PHRASES = ("at some point", "at any point", "at some stage", "at any stage", "in its history",
                 "in the history", "of all time", "all time", "to date", "up to now", "until now",
                 # (of a class: all its years, which is what a class's list gives)
                 "each year it existed", "every year it existed", "while it existed", "in the years it existed",
                 "each year it ran", "every year it ran",
                 # ("which teams were involved": which teams)
                 "were involved", "was involved", "were behind it", "was behind it")  # fmt: skip
