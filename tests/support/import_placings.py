"""Bring the researched podiums, poles and fastest laps into the race files.

    python tests/support/import_placings.py [knowledge] [docs/research/placings]

Each ``docs/research/placings/YEAR.yaml`` is the research record: what was found, where,
with what confidence, and the conflicts. This writes the part the bot answers from into
``knowledge/races/YEAR.yaml`` (second and third places, the pole, the fastest lap, what
was not found), adds drivers it has not met to ``drivers.yaml``, and prints every check
worth a look: a researched winner that differs from the knowledge base, a pole that
replaces an earlier free-text line. Re-running it replaces what it wrote before. Not run
by the suite; ``validate`` checks what it wrote.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

MARK = "# --- podium, pole and fastest lap: written by tests/support/import_placings.py from docs/research/placings/"
LAP = re.compile(r"^(?:\d{1,2}:)?\d{1,2}\.\d{1,3}$")


def norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


PARTICLES = {"van", "de", "der", "den", "di", "da", "von", "le", "la"}


def full_name(name: str | None) -> bool:
    """'Jan Lammers' is a name; 'van Overbeek' and 'Kelleners' are surnames only (who, exactly?)."""
    words = (name or "").split()
    return len(words) >= 2 and words[0].casefold() not in PARTICLES


def slug(name: str) -> str:
    return norm(name).replace(" ", "-")


class Drivers:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = yaml.safe_load(path.read_text(encoding="utf-8"))["drivers"]
        self.by_name: dict[str, str] = {}
        for d in self.data:
            for n in (d["name"], *d.get("aliases", [])):
                self.by_name[norm(n)] = d["id"]
        self.added: list[tuple[str, str]] = []

    def id_of(self, name: str) -> str:
        key = norm(name)
        if key in self.by_name:
            return self.by_name[key]
        new = slug(name)
        taken = {d["id"] for d in self.data} | {i for i, _ in self.added}
        while new in taken:
            new += "-2"
        self.by_name[key] = new
        self.added.append((new, name))
        return new

    def save(self) -> None:
        if not self.added:
            return
        text = self.path.read_text(encoding="utf-8").rstrip("\n")
        if "# --- placed (podium, pole or fastest lap), never an overall or class winner ---" not in text:
            text += "\n  # --- placed (podium, pole or fastest lap), never an overall or class winner ---"
        for id_, name in self.added:
            text += f"\n  - {{id: {id_}, name: {yaml.safe_dump(name, allow_unicode=True).strip().removesuffix('...').strip()}}}"
        self.path.write_text(text + "\n", encoding="utf-8")


def sources_of(research: dict[str, Any], *ids: str | None) -> list[str]:
    by_id = {s["id"]: s for s in research.get("sources", [])}
    out = []
    for id_ in ids:
        s = by_id.get(id_ or "")
        if s:
            out.append(s.get("url") or s["title"])
    return out or [s.get("url") or s["title"] for s in research.get("sources", [])[:1]]


def placing(entry: dict[str, Any], research: dict[str, Any], drivers: Drivers) -> dict[str, Any] | None:
    if entry.get("status") or (not entry.get("drivers") and not entry.get("number")):
        return None  # a conflict or nothing found: not placed
    out: dict[str, Any] = {"position": entry["position"]}
    if entry.get("number"):
        out["car_number"] = str(entry["number"])
    if entry.get("entrant"):
        out["entrant"] = entry["entrant"]
    names = [n for n in entry.get("drivers") or [] if full_name(n)]
    out["drivers"] = [drivers.id_of(n) for n in names]
    short = [n for n in entry.get("drivers") or [] if n and not full_name(n)]
    if short:
        out["drivers_note"] = f"Named by surname only in the sources read: {', '.join(short)}."
    for key, target in (("car", "car_name"), ("class", "class_label"), ("laps", "laps"), ("gap", "gap")):
        if entry.get(key):
            out[target] = entry[key]
    out["confidence"] = entry.get("confidence", "medium")
    out["sources"] = sources_of(research, entry.get("source"))
    return out


def best(entry: dict[str, Any] | None, research: dict[str, Any], drivers: Drivers) -> dict[str, Any] | None:
    if not entry or entry.get("status") == "not_found":
        return None
    out: dict[str, Any] = {}
    if entry.get("driver"):
        out["driver"] = drivers.id_of(entry["driver"])
    for key, target in (("number", "car_number"), ("entrant", "entrant"), ("car", "car_name")):
        if entry.get(key):
            out[target] = str(entry[key])
    time = str(entry.get("time") or "").strip()
    if time and LAP.match(time):
        out["time"] = time
    if not out:
        return None
    out["confidence"] = entry.get("confidence", "medium")
    out["sources"] = sources_of(research, entry.get("source"))
    return out


def block(year: int, research: dict[str, Any], race: dict[str, Any], drivers: Drivers) -> tuple[str, dict[str, Any]]:
    data: dict[str, Any] = {}
    overall = next(r for r in race["results"] if r.get("overall"))
    first = next((e for e in research.get("podium", []) if e.get("position") == 1), None)
    if first and {drivers.by_name.get(norm(n), n) for n in first.get("drivers", []) if full_name(n)} - set(
        overall["drivers"]
    ):
        print(f"{year}: CHECK researched winner {first.get('drivers')} vs knowledge {overall['drivers']}")
    places = [
        p for e in research.get("podium", []) if e.get("position") in (2, 3) if (p := placing(e, research, drivers))
    ]
    if places and places[0]["position"] != 2:
        places = []  # a third place without a second is not a podium we can state
    if places:
        data["podium"] = places
    pole = best(research.get("pole"), research, drivers)
    replace_pole = pole is not None and ("driver" in pole or not race.get("pole"))
    if replace_pole:
        if race.get("pole"):
            print(f"{year}: pole text {race['pole']!r} replaced by {pole}")
            pole["notes"] = f"Recorded before this research as: {race['pole']}"
        data["pole_position"] = pole
    lap = best(research.get("fastest_lap"), research, drivers)
    if lap:
        data["fastest_lap"] = lap
    missing = [
        w
        for w, have in (("podium", places), ("pole", replace_pole or race.get("pole")), ("fastest lap", lap))
        if not have
    ]
    if missing:
        data["not_found"] = missing
    text = f"{MARK}{year}.yaml\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
    return text, {"replace_pole": replace_pole}


def main() -> None:
    knowledge = Path(sys.argv[1] if len(sys.argv) > 1 else "knowledge")
    research_dir = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/research/placings")
    drivers = Drivers(knowledge / "drivers.yaml")
    for path in sorted(research_dir.glob("*.yaml")):
        research = yaml.safe_load(path.read_text(encoding="utf-8"))
        year = int(research["year"])
        race_path = knowledge / "races" / f"{year}.yaml"
        text = race_path.read_text(encoding="utf-8")
        before = (yaml.safe_load(text).get("pole_position") or {}).get("notes")  # kept across re-runs
        if MARK in text:
            text = text[: text.index(MARK)].rstrip("\n") + "\n"
        race = yaml.safe_load(text)
        if before and not race.get("pole"):
            race["pole"] = before.removeprefix("Recorded before this research as: ")
        written, how = block(year, research, race, drivers)
        if how["replace_pole"]:
            text = re.sub(r"^pole(?:_confidence)?:.*\n", "", text, flags=re.MULTILINE)
        race_path.write_text(text.rstrip("\n") + "\n" + written, encoding="utf-8")
    drivers.save()
    for id_, name in drivers.added:
        print(f"new driver {id_}: {name}")


if __name__ == "__main__":
    main()
