"""Negative claims checked against the results: 'Porsche has never won overall, right?'.

A claim of no win is true only when the filtered results hold none; when they hold some,
the answer says so and names them, so a false claim is never agreed with.
"""

from __future__ import annotations

from dataclasses import replace

from bot.qa import cues
from bot.qa.answer import Answer, unknown
from bot.qa.execute import Context, base_rows, filter_words, rows_of, scope_words
from bot.qa.format import join, possessive, years_text
from bot.qa.query import EntityFilter, Query
from bot.qa.rules.base import Rule, answer
from bot.qa.table import Row


def _never(ctx: Context, q: Query) -> Answer:
    ref = q.subjects[0]
    rows = base_rows(ctx, q)
    what = scope_words(ctx, q) + filter_words(ctx, q)
    years = sorted(set(rows.years()))
    if years:
        said = what if len(years) != 1 else what.replace("wins", "win", 1)
        text = f"No: {ref.name} has {len(years)} {said}: {years_text(years)}."
        return answer(ctx, q, text, "never", list(rows), entities=(ref,))
    text = f"Right: {ref.name} has no {what} in my knowledge."
    if ref.kind == "team":  # "Risi never won overall, did they": as Doyle-Risi Racing, it did
        for other, theirs in ctx.kb.related_wins(ref.id, classes=q.scope != "overall"):
            text = (f"Not quite: {ref.name} itself has no {what}, but {ctx.kb.name('team', other)}, a related "
                        f"entry, won in {years_text(theirs)}.")  # fmt: skip
    return answer(ctx, q, text, "never", [], entities=(ref,))


def _all_with(ctx: Context, q: Query) -> Answer:
    """'did all of Capello's wins come with Audi': the subject's wins against those with the name."""
    ref, other = q.subjects[0], q.role("with")[0]
    text, rows = _all_with_one(ctx, q)
    if q.mutual:  # "did Biela and Pirro always win together": each one's wins, with the other
        swapped = [EntityFilter(f.ref, "with" if f.role == "subject" else "subject", f.start, f.end)
                   if f.ref in (ref, other) else f for f in q.entities]  # fmt: skip
        back, more = _all_with_one(ctx, replace(q, entities=swapped))
        lead = (
            "Yes, always together" if text.startswith("Yes") and back.startswith("Yes") else "No, not always together"
        )
        bare = [t.split(": ", 1)[1] for t in (text, back)]  # (each half's own yes or no said once, above)
        text, rows = f"{lead}: {bare[0][:1].upper()}{bare[0][1:]} {bare[1][:1].upper()}{bare[1][1:]}", [*rows, *more]
    return answer(ctx, q, text, "all-with", rows, entities=(ref, other))


def _all_with_one(ctx: Context, q: Query) -> tuple[str, list[Row]]:
    ref, other = q.subjects[0], q.role("with")[0]
    own = rows_of(ctx, replace(q, entities=[f for f in q.entities if f.role != "with"]), ref)
    mine = sorted(set(own.years()))
    together = sorted({r.year for r in own if r.involves(other.kind, other.id)})
    what = scope_words(ctx, q)
    if not mine:
        return f"No: {ref.name} has no {what} in my knowledge.", []
    if together == mine:
        return (
            f"Yes: all {len(mine)} of {possessive(ref.name)} {what} were with {other.name}: {years_text(mine)}.",
            list(own),
        )
    rest = [y for y in mine if y not in together]
    text = (
        f"No: {ref.name} has {len(mine)} {what}; {len(together)} with {other.name}"
        + (f" ({years_text(together)})" if together else "")
        + f", and not in {years_text(rest)}."
    )
    return text, list(own)


def _what_it_was(ctx: Context, q: Query, row: Row) -> str | None:
    """What the winner was, for the filter asked; None when the sources do not say."""
    if q.category:
        return f"a {'GT car' if row.category == 'gt' else 'prototype'} ({ctx.builder.class_text(row.result)} class)"
    if q.engine_kind:
        if row.engine_kind:
            return f"{row.engine_kind}-powered ({ctx.builder.engine_text(row.result)})"
        return f"powered by a {ctx.builder.engine_text(row.result)}" if row.result.engine else None
    drivers = [ctx.kb.drivers[d] for d in row.drivers]
    if any(d.nationality is None for d in drivers):
        return None
    return "driven by " + join([f"{d.name} ({d.nationality})" for d in drivers])


def _year_claim(ctx: Context, q: Query) -> Answer:
    plain = replace(q, category=None, engine_kind=None, nationality=None)
    kept = {id(r) for r in base_rows(ctx, q)}
    rows = list(base_rows(ctx, plain))
    if not rows:
        return unknown(f"I have no {scope_words(ctx, plain)} in {years_text(list(q.years))}.", "year-claim")
    lines, verdicts = [], []
    for row in rows:
        was = _what_it_was(ctx, q, row)
        verdicts.append(None if was is None and id(row) not in kept else id(row) in kept)
        said = was or "my sources do not say enough to tell"
        lines.append(f"{row.year}: {ctx.builder.machine(row.result)[4:]} of {ctx.builder.crew(row.result)}, {said}")
    if any(v is True for v in verdicts):
        lead = "Yes"
    elif any(v is None for v in verdicts):
        return unknown("I can't tell. " + "; ".join(lines) + ".", "year-claim", years=q.years)
    else:
        lead = "No"
    return answer(ctx, q, f"{lead}: " + "; ".join(lines) + ".", "year-claim", rows)


def _kind_claim(ctx: Context, q: Query) -> Answer:
    """'was the Porsche 911 RSR a prototype': the kind of car its results were in, against the kind said."""
    ref = q.subjects[0]
    rows = list(rows_of(ctx, replace(q, scope="any", category=None, classes=()), ref))
    kinds = {r.category for r in rows}
    if len(kinds) != 1:
        what = "no results" if not rows else "results in both GT and prototype classes"
        return unknown(f"I can't tell: I have {what} for the {ref.name}.", "kind-claim", entities=(ref,))
    kind = kinds.pop()
    said = "a GT car" if kind == "gt" else "a prototype"
    names = sorted({ctx.builder.class_text(r.result) for r in rows})
    lead = "Yes" if kind == q.category else "No"
    classes = f"{join(names)} class{'es' if len(names) > 1 else ''}"
    text = f"{lead}: the {ref.name} is {said}; its results are in the {classes} ({years_text(sorted({r.year for r in rows}))})."
    return answer(ctx, q, text, "kind-claim", rows, entities=(ref,))


def _nationality_claim(ctx: Context, q: Query) -> Answer:
    """'Brabham won it for Panoz and he's English, correct?': his recorded nationality, then the rest."""
    from bot.qa.rules import answer_query  # (the rest of the question is any other family's)

    ref = next(r for r in q.subjects if r.kind == "driver")
    driver = ctx.kb.drivers[ref.id]
    claimed = cues.NATIONALITY_ADJECTIVES.get(q.nationality or "", q.nationality or "")
    if driver.nationality is None:
        verdict = f"My sources do not record {possessive(ref.name)} nationality."
    else:
        actual = f"{cues.NATIONALITY_ADJECTIVES.get(driver.nationality, driver.nationality)} ({driver.nationality})"
        right = driver.nationality == q.nationality
        verdict = f"{'Yes' if right else 'No'}: {ref.name} is {actual}" + ("." if right else f", not {claimed}.")
    # The other names are what he won with ("won it for Panoz"), so the rest is checked as his wins with them.
    entities = [f if f.ref == ref or f.role != "subject" else replace(f, role="with") for f in q.entities]
    rest = replace(q, nationality=None, nationality_claim=False, entities=entities, asks="yesno")
    other = answer_query(ctx, rest) if rest.compositional else None
    text = verdict if other is None else f"{other.text} {verdict}"
    rows = list(base_rows(ctx, rest))
    return answer(ctx, q, text, "nationality-claim", rows if other is not None else [], entities=(ref,))


def _count_claim(ctx: Context, q: Query) -> Answer:
    """'Ricky Taylor won it twice, right?': the name's wins under the filters against the number said."""
    ref, claimed = q.subjects[0], q.claimed_wins or 0
    rows = list(base_rows(ctx, q))
    lead = ""
    if not rows and q.scope == "overall" and not q.overall_word and not q.classes:
        # "has Mikkel Jensen won Petit more than twice": no overall win, so his wins are his class wins
        q = replace(q, scope="class")
        rows = list(base_rows(ctx, q))
        lead = f"{ref.name} has no overall win; counting class wins: " if rows else ""
    what = scope_words(ctx, q) + filter_words(ctx, q)
    have = len(rows)
    said = f"{ref.name} has {have} {what if have != 1 else what.replace('wins', 'win', 1)}"
    years = f": {years_text(sorted({r.year for r in rows}))}" if rows else ""
    missed = [y for y in q.claimed_years if y not in {r.year for r in rows}]
    if q.claimed_wins is None:  # "did Kristensen win Petit more than once": the count against the bound said
        inside = (q.min_wins or 0) <= have <= (q.max_wins or have)
        text = f"{'Yes' if inside else 'No'}: {said}{years}."
    elif missed:  # "was 2020 Mazda's only win": not a win of theirs at all
        text = f"No: {ref.name} did not win in {years_text(missed)}; {said}{years}."
    elif have == claimed:
        text = f"Yes: {said}{years}."
    elif have > claimed:  # ("was 2023 Acura's only win": no, one of two)
        text = f"{'No' if q.claimed_years else 'More than that'}: {said}{years}."
    else:
        text = f"No: {said}{years}."
    return answer(ctx, q, lead + text, "count-claim", rows, entities=(ref,))


def _bound_claim(q: Query) -> bool:
    """'did Kristensen win more than once', 'has Cadillac won at least 3 times': yes or no on a bound."""
    return q.asks == "yesno" and q.min_wins is not None and q.subjects[0].kind != q.kind and q.measure == "list"


RULES = (
    Rule(
        "count-claim", lambda q: len(q.subjects) == 1 and (q.claimed_wins is not None or _bound_claim(q)), _count_claim
    ),
    Rule("nationality-claim", lambda q: q.nationality_claim, _nationality_claim),
    Rule("year-claim", lambda q: q.year_claim, _year_claim),
    Rule("kind-claim", lambda q: q.kind_claim, _kind_claim),
    Rule("never", lambda q: q.never and len(q.subjects) == 1, _never),
    Rule("all-with", lambda q: q.all_with and len(q.subjects) == 1 and len(q.role("with")) == 1, _all_with),
)
