"""Sets: entities that meet a condition over several results ('won for two makes')."""

from __future__ import annotations

from dataclasses import replace

from bot.qa.answer import Answer, EntityRef
from bot.qa.execute import Context, base_rows, excluded_ids, filter_words, scope_words
from bot.qa.format import join, plural, years_text
from bot.qa.query import Query
from bot.qa.rules.base import PLURAL as _PLURAL
from bot.qa.rules.base import Rule, answer
from bot.qa.table import ResultsTable, Row


def _each_subject(ctx: Context, q: Query) -> Answer:
    """Entities of the asked kind with at least one win involving each subject."""
    kind = q.kind or "driver"
    rows = base_rows(ctx, q, subjects=False)
    found, used = [], []
    refs = []
    for id_, rs in rows.group(kind).items():
        per = [sorted({r.year for r in rs if r.involves(s.kind, s.id)}) for s in q.subjects]
        if all(per):
            parts = [f"{s.name} {', '.join(map(str, ys))}" for s, ys in zip(q.subjects, per, strict=True)]
            found.append(f"{ctx.kb.name(kind, id_)} ({'; '.join(parts)})")
            refs.append(EntityRef(kind, id_, ctx.kb.name(kind, id_)))
            used.extend(rs)
    names = join([s.name for s in q.subjects])
    what = scope_words(ctx, q) + filter_words(ctx, q)
    if not found:
        return answer(ctx, q, f"No {kind} has {what} with each of {names} in my knowledge.", "each-subject", [])
    text = f"{plural(len(found), kind, _PLURAL[kind])} took {what} with each of {names}: {join(found)}."
    return answer(ctx, q, text, "each-subject", used, lines=found, entities=refs)


def _each_year(ctx: Context, q: Query) -> Answer:
    """Entities of the asked kind with a win in every one of the years named."""
    kind = q.kind or "driver"
    rows = base_rows(ctx, q)
    if q.each_span:
        return _each_span(ctx, q, rows, kind)
    wanted = sorted(set(q.years) or {r.year for r in rows})  # (no years: each of the subject's wins)
    found, used = [], []
    left_out = excluded_ids(q, kind)  # "apart from Castroneves, who won in both": his races stay, he does not
    for id_, rs in rows.group(kind).items():
        if id_ not in left_out and {r.year for r in rs} >= set(wanted):
            found.append(ctx.kb.name(kind, id_))
            used.extend(rs)
    years = ("both " if len(wanted) == 2 else "each of ") + join([str(y) for y in wanted])
    if not q.years and q.subjects:  # "which drivers were in all of Peugeot's wins"
        years = f"every one of {q.subjects[0].name}'s wins ({years_text(wanted)})"
    scope = "a share of the win" if not q.years and q.subjects else scope_words(ctx, q)
    if not found:
        no = "No: " if q.words[:1] in (["did"], ["has"], ["have"], ["was"], ["were"], ["is"]) else ""
        return answer(ctx, q, f"{no}{'n' if no else 'N'}o {kind} took {scope} in {years}.", "each-year", [])
    text = f"{join(found)} took {scope} in {years}" + (
        "." if len(found) == 1 else f" ({plural(len(found), kind, _PLURAL[kind])})."
    )
    if q.words[:1] in (["did"], ["has"], ["have"], ["was"], ["were"], ["is"]):  # "did the same team win in ..."
        text = "Yes: " + text
    lines = list(dict.fromkeys(f"{r.year}: {ctx.builder.crew(r.result)}" for r in sorted(used, key=lambda r: r.year)))
    return answer(ctx, q, text, "each-year", used, lines=lines)


def _each_span(ctx: Context, q: Query, rows: ResultsTable, kind: str) -> Answer:
    """'any driver who won in both the 1000-mile era and the 10-hour era': a win in each span."""
    found, used = [], []
    for id_, rs in rows.group(kind).items():
        if all(any(r.year in span for r in rs) for span in q.each_span):
            found.append(ctx.kb.name(kind, id_))
            used.extend(rs)
    spans = join([s.label for s in q.each_span])
    scope = scope_words(ctx, q)
    if not found:
        text = f"No: no {kind} took {scope} in both {spans}." if len(q.each_span) == 2 else f"No {kind} did."
        return answer(ctx, q, text, "each-year", [])
    lead = "Yes: " if q.words[:1] in (["any"], ["did"], ["has"], ["is"], ["was"]) or "any" in q.words else ""
    text = f"{lead}{join(found)} took {scope} in {'both' if len(q.each_span) == 2 else 'each of'} {spans}."
    lines = list(dict.fromkeys(f"{r.year}: {ctx.builder.crew(r.result)}" for r in sorted(used, key=lambda r: r.year)))
    return answer(ctx, q, text, "each-year", used, lines=lines)


def _both_scopes(ctx: Context, q: Query) -> Answer:
    """Entities with an overall win and a class win (within the query's other filters)."""
    kind = q.kind or "driver"
    mine = [r for r in q.subjects if r.kind == kind]
    if len(mine) == 1:  # "has Nick Tandy won both overall and in a class": his, yes or no
        return _both_scopes_of(ctx, q, mine[0])
    rows = base_rows(ctx, replace(q, classes=()))  # (the overall wins of any class: "which GTLM car also won overall")
    if q.same_race:
        return _both_in_one_race(ctx, q, rows, kind)
    found, used, refs = [], [], []
    for id_, rs in rows.group(kind).items():
        overall = sorted({r.year for r in rs if r.overall})
        classes = sorted({r.year for r in rs if _class_win(r, q.classes)})
        if overall and classes:
            found.append(
                f"{ctx.kb.name(kind, id_)} (overall {', '.join(map(str, overall))}; class {', '.join(map(str, classes))})"
            )
            used.extend(rs)
            refs.append(EntityRef(kind, id_, ctx.kb.name(kind, id_)))
    what = filter_words(ctx, q)
    named = " / ".join(ctx.kb.name("class", c) for c in q.classes) if q.classes else "a class"
    if not found:
        return answer(
            ctx, q, f"No {kind} has both an overall win and a win in {named}{what} in my knowledge.", "set", []
        )
    text = f"{plural(len(found), kind, _PLURAL[kind])} won both overall and in {named}{what}: {join(found)}."
    return answer(ctx, q, text, "set", used, lines=found, entities=refs)


def _both_in_one_race(ctx: Context, q: Query, rows: ResultsTable, kind: str) -> Answer:
    """'in what years did the same make win overall and GTD': races whose overall and class winners share one."""
    found: list[str] = []
    used: list[Row] = []
    for year in sorted(set(rows.years())):
        rs = [r for r in rows if r.year == year]
        overall = {i for r in rs if r.overall for i in r.ids(kind)}
        shared = [
            i for i in dict.fromkeys(i for r in rs if _class_win(r, q.classes) for i in r.ids(kind)) if i in overall
        ]
        if shared:
            found.append(f"{year} ({join([ctx.kb.name(kind, i) for i in shared])})")
            used.extend(r for r in rs if set(r.ids(kind)) & set(shared))
    named = " / ".join(ctx.kb.name("class", c) for c in q.classes) if q.classes else "a class"
    what = filter_words(ctx, q)
    if not found:
        text = f"No race in my knowledge had the same {kind} win both overall and in {named}{what}."
        return answer(ctx, q, text, "set", [])
    lead = "Yes: " if q.asks == "yesno" or q.words[:1] in (["did"], ["has"], ["have"]) else ""
    text = f"{lead}{plural(len(found), 'race')} where the same {kind} won overall and in {named}{what}: {join(found)}."
    return answer(ctx, q, text, "set", used, lines=found)


def _class_win(row: Row, classes: tuple[str, ...]) -> bool:
    """A class win: in one of the classes named (the overall winner's own class too), else any but overall."""
    return any(c in row.class_family for c in classes) if classes else not row.overall


def _both_scopes_of(ctx: Context, q: Query, ref: EntityRef) -> Answer:
    """One subject's overall and class wins: yes with the years of each, or no with what it has."""
    rows = [r for r in base_rows(ctx, q) if r.involves(ref.kind, ref.id)]
    overall = sorted({r.year for r in rows if r.overall})
    classes = sorted({r.year for r in rows if not r.overall})
    what = filter_words(ctx, q)
    said = [f"overall in {years_text(overall)}" if overall else "never overall",
            f"in a class in {years_text(classes)}" if classes else "never in a class"]  # fmt: skip
    lead = "Yes" if overall and classes else "No"
    text = f"{lead}: {ref.name} won {' and '.join(said)}{what} ({plural(len(rows), 'win')} in all)."
    return answer(ctx, q, text, "set", rows, entities=[ref])


def _set(ctx: Context, q: Query) -> Answer:
    kind, per = q.kind or "driver", q.per_kind or "manufacturer"
    need = q.at_least or 2
    rows = base_rows(ctx, q)
    found, used, refs = [], [], []
    for id_, rs in rows.group(kind).items():
        others: dict[str, list[int]] = {}
        for r in rs:
            for other in r.ids(per):
                others.setdefault(other, []).append(r.year)
        if len(others) >= need:
            parts = [f"{ctx.kb.name(per, o)} {', '.join(map(str, ys))}" for o, ys in others.items()]
            found.append(f"{ctx.kb.name(kind, id_)} ({'; '.join(parts)})")
            refs.append(EntityRef(kind, id_, ctx.kb.name(kind, id_)))
            used.extend(rs)
    what = f"{scope_words(ctx, q)}{filter_words(ctx, q)}"
    label = _PLURAL[kind]
    mine = [r for r in q.subjects if r.kind == kind]
    if len(mine) == 1:  # "did Oliver Jarvis win with 2 different makes": his, yes or no
        his = [f for f, r in zip(found, refs, strict=True) if r.id == mine[0].id]
        took = f"{what} for {need} or more different {_PLURAL[per]}"
        detail = his[0].split(" (", 1)[1][:-1] if his else ""
        lead = f"Yes: {mine[0].name} took {took}: {detail}" if his else f"No: {mine[0].name} has no {took}"
        return answer(ctx, q, f"{lead}.", "set", [r for r in used if mine[0].id in r.ids(kind)], entities=mine)
    if not found:
        text = f"No {kind} has {what} for {need} or more different {_PLURAL[per]} in my knowledge."
    else:
        text = (
            f"{plural(len(found), kind, label)} took {what} for {need} or more different {_PLURAL[per]}: {join(found)}."
        )
    return answer(ctx, q, text, "set", used, lines=found, entities=refs)


RULES = (
    Rule("each-year", lambda q: q.measure == "set" and q.each_year, _each_year),
    Rule("each-subject", lambda q: q.measure == "set" and q.per_kind is None and len(q.subjects) >= 2, _each_subject),
    Rule("both-scopes", lambda q: q.measure == "set" and q.per_kind is None, _both_scopes),
    Rule("set", lambda q: q.measure == "set", _set),
)
