"""Derive compositional bank cases from the sourced reference, independently of the engine.

    python tests/support/derive_bank.py PATH/TO/overall-winners.yaml > cases.yaml

The expected values are computed here from the reference's rows (years, drivers, cars),
never from the engine's answers, so a case checks the engine against the sources. Closed
spans only, so next year's race leaves every case true. Not run by the suite: the cases it
printed are in tests/qa/question_bank.yaml (family ``compositional-derived``).
"""

import random
import sys
from collections import defaultdict

import yaml

with open(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/overall-winners.yaml", encoding="utf-8") as f:
    ref = yaml.safe_load(f)
MAKE = {
    "Ferrari": "Ferrari",
    "Panoz": "Panoz",
    "Audi": "Audi",
    "Peugeot": "Peugeot",
    "Lola": "Lola",
    "Corvette": "Chevrolet",
    "Porsche": "Porsche",
    "Ligier": "Ligier",
    "Nissan": "Nissan",
    "Cadillac": "Cadillac",
    "Mazda": "Mazda",
    "Acura": "Acura",
}
ACCENT = {
    "Stephane Sarrazin": "Stéphane Sarrazin",
    "Helio Castroneves": "Hélio Castroneves",
    "Sebastien Bourdais": "Sébastien Bourdais",
}
years = [r["year"] for r in ref]
make_of = {r["year"]: MAKE[r["car"].split()[0]] for r in ref}
drivers_of = {r["year"]: [ACCENT.get(d["name"], d["name"]) for d in r["drivers"]] for r in ref}


def wins(kind, name, span):
    ys = [y for y in span if (make_of[y] == name if kind == "make" else name in drivers_of[y])]
    return ys


def win_word(n):
    return f"{n} overall win" if n == 1 else f"{n} overall wins"


rng = random.Random(7)
cases = []


def add(q, expect, intent=None, reject=(), status="answered"):
    c = {"q": q, "expect": [str(e) for e in expect]}
    if reject:
        c["reject"] = [str(r) for r in reject]
    if intent:
        c["intent"] = intent
    if status != "answered":
        c["status"] = status
    cases.append(c)


spans = []
for a, b in [
    (1998, 2005),
    (2000, 2010),
    (2003, 2012),
    (2005, 2015),
    (2009, 2014),
    (2010, 2019),
    (2012, 2020),
    (2014, 2019),
    (2015, 2023),
    (2017, 2022),
    (2018, 2023),
    (2000, 2008),
    (2006, 2013),
    (2019, 2024),
]:
    spans.append((f"between {a} and {b}", list(range(a, b + 1))))
    spans.append((f"from {a} to {b}", list(range(a, b + 1))))
for b in (2005, 2010, 2014, 2018, 2022):
    spans.append((f"before {b}", [y for y in years if y < b]))
for d in (2000, 2010):
    spans.append((f"in the {d}s", list(range(d, d + 10))))

makes = sorted(set(make_of.values()))
drivers = sorted({d for ds in drivers_of.values() for d in ds})
big_drivers = [d for d in drivers if len(wins("driver", d, years)) >= 2]

# 1. counts of a make or driver within a span
count_forms = [
    "how many wins did {x} have {s}",
    "how many times did {x} win {s}",
    "{x} wins {s}, how many?",
    "number of {x} victories {s}",
    "how many overall wins for {x} {s}",
]
for x in ["Audi", "Peugeot", "Cadillac", "Acura", "Porsche", "Lola"]:
    for s, span in rng.sample(spans, 5):
        ys = wins("make", x, span)
        add(rng.choice(count_forms).format(x=x, s=s), [win_word(len(ys)), *ys], "count")
for x in rng.sample(big_drivers, 12):
    for s, span in rng.sample(spans, 3):
        ys = wins("driver", x, span)
        add(rng.choice(count_forms).format(x=x, s=s), [win_word(len(ys)), *ys], "count")

# 2. distinct counts
for s, span in spans:
    for kind, noun in (("make", "manufacturers"), ("driver", "drivers")):
        if kind == "make":
            found = sorted({make_of[y] for y in span if y in make_of})
        else:
            found = sorted({d for y in span if y in drivers_of for d in drivers_of[y]})
        form = rng.choice(
            [
                "how many different {n} won {s}",
                "how many different {n} have won overall {s}",
                "number of different {n} that won {s}",
            ]
        )
        add(
            form.format(n=noun, s=s),
            [f"{len(found)} different " + (noun if len(found) != 1 else noun[:-1]), *(found if kind == "make" else [])],
            "distinct-count",
        )

# 3. sums and differences of two makes / drivers
pairs = [
    ("Audi", "Peugeot"),
    ("Cadillac", "Acura"),
    ("Audi", "Cadillac"),
    ("Peugeot", "Lola"),
    ("Porsche", "Nissan"),
    ("Cadillac", "Mazda"),
    ("Ferrari", "Panoz"),
]
for x, y in pairs:
    for s, span in rng.sample(spans, 2):
        nx, ny = len(wins("make", x, span)), len(wins("make", y, span))
        add(
            rng.choice(["{x} and {y} combined wins {s}", "total wins for {x} and {y} together {s}"]).format(
                x=x, y=y, s=s
            ),
            [f"{win_word(nx + ny)}"],
            "sum",
        )
        if nx != ny:
            more, less = (x, y) if nx > ny else (y, x)
            d = abs(nx - ny)
            add(
                f"how many more wins did {more} have than {less} {s}",
                [f"{d} more win" + ("s" if d != 1 else "")],
                "difference",
            )
dpairs = [
    ("Rinaldo Capello", "Allan McNish"),
    ("Emanuele Pirro", "Frank Biela"),
    ("Franck Montagny", "Pedro Lamy"),
    ("Renger van der Zande", "Scott Dixon"),
    ("Oliver Jarvis", "Tom Blomqvist"),
    ("Jordan Taylor", "Ricky Taylor"),
]
for x, y in dpairs:
    nx, ny = len(wins("driver", x, years)), len(wins("driver", y, years))
    add(f"{x} and {y} combined wins", [win_word(nx + ny)], "sum")
    for s, span in rng.sample(spans, 2):
        nx, ny = len(wins("driver", x, span)), len(wins("driver", y, span))
        if nx != ny:
            more, less = (x, y) if nx > ny else (y, x)
            d = abs(nx - ny)
            add(
                f"how many more wins does {more} have than {less} {s}",
                [f"{d} more win" + ("s" if d != 1 else "")],
                "difference",
            )

# 4. most wins by a make within a span (ties listed)
for s, span in spans:
    tally = defaultdict(int)
    for y in span:
        if y in make_of:
            tally[make_of[y]] += 1
    top = max(tally.values())
    leaders = sorted(m for m, n in tally.items() if n == top)
    form = rng.choice(
        [
            "which manufacturer won the most {s}",
            "most successful make {s}",
            "who had the most wins {s} among manufacturers",
        ]
    )
    add(form.format(s=s), leaders + (["tied"] if len(leaders) > 1 else []), "rank")

# 5. years a make did not win within a span
for x in ["Audi", "Cadillac", "Peugeot"]:
    for s, span in [sp for sp in spans if sp[0].startswith(("between", "from"))][:6]:
        won = wins("make", x, span)
        if not won:
            continue
        missing = [y for y in span if y not in won]
        if not missing:
            continue
        add(
            rng.choice(["which years did {x} not win {s}", "in which years {s} did {x} fail to win"]).format(x=x, s=s),
            missing,
            "missing-years",
        )

# 6. first and last winner within a span
for s, span in rng.sample(spans, 12):
    first, last = span[0], span[-1]
    add(f"who was the first winner {s}", [first, *drivers_of[first]], "list")
    add(f"who won last {s}", [last, *drivers_of[last]], "list")

# 7. drivers with at least N wins within a span
for s, span in rng.sample(spans, 8):
    per = defaultdict(list)
    for y in span:
        for d in drivers_of.get(y, []):
            per[d].append(y)
    for n in (2, 3):
        found = sorted(d for d, ys in per.items() if len(ys) >= n)
        if found:
            add(f"which drivers won at least {n} times {s}", found, "list")
        else:
            add(f"which drivers won at least {n} times {s}", ["No"], "list")

# 8. did X win every year within a span
for x, s, span in [
    ("Audi", "between 2000 and 2008", range(2000, 2009)),
    ("Audi", "from 2000 to 2009", range(2000, 2010)),
    ("Peugeot", "from 2009 to 2011", range(2009, 2012)),
    ("Cadillac", "between 2018 and 2021", range(2018, 2022)),
    ("Cadillac", "from 2018 to 2020", range(2018, 2021)),
    ("Acura", "between 2022 and 2023", range(2022, 2024)),
]:
    ok = all(make_of[y] == x for y in span)
    add(f"did {x} win every year {s}", ["Yes" if ok else "No"], "every-year")

# 9. winners other than a make within a span
for x in ["Audi", "Cadillac"]:
    for s, span in rng.sample(spans, 4):
        others = [y for y in span if y in make_of and make_of[y] != x]
        if not others:
            continue
        add(f"winners other than {x} {s}", others, "list")

print(yaml.safe_dump(cases, allow_unicode=True, sort_keys=False, width=200))
print(len(cases), file=sys.stderr)
