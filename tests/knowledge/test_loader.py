"""Loading refuses every kind of broken knowledge with the exact file:line: field: message."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, load_knowledge, validate_directory
from bot.knowledge.yamlsource import MAX_FILE_BYTES, MAX_TEXT_CHARS

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
REAL = Path(__file__).parents[2] / "knowledge"


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(MINIMAL, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture drifted: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def issues(directory: Path) -> list[str]:
    return [str(i) for i in validate_directory(directory)]


def test_the_minimal_fixture_is_valid(kdir: Path) -> None:
    assert issues(kdir) == []


def test_the_shipped_knowledge_base_is_valid() -> None:
    assert issues(REAL) == []


def test_wrong_type_names_file_line_and_field(kdir: Path) -> None:
    edit(kdir / "races/2000.yaml", "    laps: 394", "    laps: many")
    assert issues(kdir) == [
        "knowledge/races/2000.yaml:16: results[0].laps: Input should be a valid integer, "
        "unable to parse string as an integer (got 'many')"
    ]


def test_missing_field(kdir: Path) -> None:
    edit(kdir / "races/2001.yaml", "event_title: Audi presents Petit Le Mans\n", "")
    assert issues(kdir) == ["knowledge/races/2001.yaml:1: event_title: required field is missing"]


def test_unknown_field_is_a_typo_not_ignored(kdir: Path) -> None:
    edit(kdir / "races/2001.yaml", "format:", "formatt:")
    assert "knowledge/races/2001.yaml:6: formatt: unknown field (check the spelling)" in issues(kdir)


def test_duplicate_year(kdir: Path) -> None:
    shutil.copy(kdir / "races/2001.yaml", kdir / "races/2001-copy.yaml")
    assert issues(kdir) == [
        "knowledge/races/2001.yaml:1: year: duplicate year 2001 (also in knowledge/races/2001-copy.yaml)"
    ]


def test_year_must_match_file_name(kdir: Path) -> None:
    edit(kdir / "races/2001.yaml", "year: 2001", "year: 2002")
    assert issues(kdir) == [
        "knowledge/races/2001.yaml:1: year: 2002 does not match the file name 2001.yaml",
        "knowledge/races/2001.yaml:3: date: 2001-10-06 is not in 2002",
    ]


def test_unknown_driver_reference(kdir: Path) -> None:
    edit(kdir / "races/2000.yaml", "[allan-mcnish, rinaldo-capello]", "[allan-mcnish, dindo-capelo]")
    assert issues(kdir) == [
        "knowledge/races/2000.yaml:14: results[0].drivers[1]: unknown driver 'dindo-capelo' (not in drivers.yaml)"
    ]


def test_unknown_team_reference(kdir: Path) -> None:
    edit(kdir / "races/2001.yaml", "team: audi-sport-north-america", "team: audi-sport")
    assert issues(kdir) == [
        "knowledge/races/2001.yaml:13: results[0].team: unknown team 'audi-sport' (not in teams.yaml)"
    ]


def test_unknown_manufacturer_of_a_car(kdir: Path) -> None:
    edit(kdir / "cars.yaml", "manufacturer: audi", "manufacturer: audii")
    assert issues(kdir) == ["knowledge/cars.yaml:4: cars[0].manufacturer: unknown manufacturer 'audii'"]


def test_empty_file(kdir: Path) -> None:
    (kdir / "teams.yaml").write_text("# nothing here yet\n\n")
    found = issues(kdir)
    assert found[-1] == "knowledge/teams.yaml:1: (file): file is empty"
    # The races that named the team are reported too: nothing is silently dropped.
    assert (
        "knowledge/races/2000.yaml:13: results[0].team: unknown team 'audi-sport-north-america' (not in teams.yaml)"
        in found
    )


def test_truncated_file(kdir: Path) -> None:
    path = kdir / "races/2000.yaml"
    path.write_text(path.read_text()[:250])
    found = issues(kdir)
    assert len(found) == 1
    assert found[0].startswith("knowledge/races/2000.yaml:")
    assert "results" in found[0] or "(syntax)" in found[0] or "required field" in found[0]


def test_truncated_inside_a_flow_list(kdir: Path) -> None:
    path = kdir / "races/2000.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("rinaldo-capello")])
    assert issues(kdir) == [
        "knowledge/races/2000.yaml:15: (syntax): did not find expected node content (file truncated or malformed?)"
    ]


def test_python_tags_are_refused_before_anything_is_built(kdir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (kdir / "facts/evil.yaml").write_text(f'facts: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert issues(kdir) == [
        "knowledge/facts/evil.yaml:1: facts: tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is refused: only plain YAML data is allowed"
    ]
    assert not marker.exists()


def test_every_error_is_reported_at_once(kdir: Path) -> None:
    edit(kdir / "races/2000.yaml", "    laps: 394", "    laps: -3")
    edit(kdir / "races/2001.yaml", "team: audi-sport-north-america", "team: nobody")
    edit(kdir / "drivers.yaml", "id: frank-biela", "id: Frank Biela")
    found = issues(kdir)
    assert len(found) == 4, found  # bad laps, bad team, bad id, and the 2001 driver it orphans
    assert [f.split(":")[0] for f in found] == [
        "knowledge/drivers.yaml",
        "knowledge/races/2000.yaml",
        "knowledge/races/2001.yaml",
        "knowledge/races/2001.yaml",
    ]


def test_missing_directory() -> None:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge("/nonexistent/knowledge")
    assert [str(i) for i in err.value.issues] == [
        "/nonexistent/knowledge:1: (directory): knowledge directory not found"
    ]


def test_not_a_mapping(kdir: Path) -> None:
    (kdir / "races/2001.yaml").write_text("- just\n- a list\n")
    assert issues(kdir) == ["knowledge/races/2001.yaml:1: (document): expected a mapping at the top, found list"]


def test_exactly_one_overall_result(kdir: Path) -> None:
    edit(kdir / "races/2001.yaml", "    overall: true\n", "")
    assert issues(kdir) == [
        "knowledge/races/2001.yaml:9: results: exactly one result must have overall: true (found 0)"
    ]


def test_one_bad_entity_does_not_hide_the_others(kdir: Path) -> None:
    edit(kdir / "drivers.yaml", "    nationality: GBR\n", "    nationality: GBR\n    nickname: Mr Le Mans\n")
    found = issues(kdir)
    # The typo, plus the one race result that names the refused driver: not one error per driver.
    assert found == [
        "knowledge/drivers.yaml:5: drivers[0].nickname: unknown field (check the spelling)",
        "knowledge/races/2000.yaml:14: results[0].drivers[0]: unknown driver 'allan-mcnish' (not in drivers.yaml)",
    ]


def test_entity_file_needs_its_list_key(kdir: Path) -> None:
    (kdir / "teams.yaml").write_text("team:\n  - id: x\n    name: X\n")
    assert (
        "knowledge/teams.yaml:1: (document): expected a mapping with the single key 'teams', found keys ['team']"
        in issues(kdir)
    )


# -- hostile and absurd files: refused fast, every problem named -------------------------------


def test_nested_aliases_are_refused_before_they_expand(kdir: Path) -> None:
    # 413 bytes that expand to 10^7 values: read naively, seconds and gigabytes.
    lines = ["a0: &k0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &k{n} [{', '.join([f'*k{n - 1}'] * 10)}]" for n in range(1, 7)]
    (kdir / "facts" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    [problem] = issues(kdir)
    assert problem.startswith("knowledge/facts/bomb.yaml:")
    assert "more than 100 aliases: refused" in problem or "values (aliases expanded): refused" in problem


def test_an_impossible_date_is_an_error_not_a_crash(kdir: Path) -> None:
    edit(kdir / "races/2000.yaml", "date: 2000-09-30", "date: 2010-13-45")
    assert issues(kdir) == ["knowledge/races/2000.yaml:3: date: '2010-13-45' is not a real date"]


def test_a_key_given_twice_is_an_error(kdir: Path) -> None:
    edit(kdir / "races/2000.yaml", "date: 2000-09-30", "date: 2000-09-30\ndate: 2000-10-01")
    assert issues(kdir) == ["knowledge/races/2000.yaml:4: date: key given twice (first on line 3)"]


def test_a_type_error_does_not_hide_an_unknown_driver_in_the_same_file(kdir: Path) -> None:
    edit(kdir / "races/2000.yaml", "    laps: 394", "    laps: many")
    edit(kdir / "races/2000.yaml", "[allan-mcnish, rinaldo-capello]", "[allan-mcnish, dindo-capelo]")
    found = issues(kdir)
    assert any("results[0].laps" in f for f in found)
    assert any("unknown driver 'dindo-capelo'" in f for f in found)


def test_a_race_after_this_year_is_refused(kdir: Path) -> None:
    shutil.copy(kdir / "races/2001.yaml", kdir / "races/2099.yaml")
    edit(kdir / "races/2099.yaml", "year: 2001", "year: 2099")
    edit(kdir / "races/2099.yaml", "date: 2001-10-06", "date: 2099-10-06")
    edit(kdir / "races/2099.yaml", "edition: 4", "edition: 102")
    assert issues(kdir) == [
        f"knowledge/races/2099.yaml:1: year: 2099 is after this year ({dt.date.today().year}): "
        "a race has no results before it is run"
    ]
    assert load_knowledge(kdir, today=dt.date(2099, 12, 31)).last_year == 2099  # in its own year, it is fine


def test_a_huge_text_is_refused_with_its_limit(kdir: Path) -> None:
    edit(kdir / "races/2000.yaml", "event_title: Petit Le Mans", "event_title: " + "x" * (MAX_TEXT_CHARS + 1))
    [problem] = issues(kdir)
    assert problem.startswith("knowledge/races/2000.yaml:4: event_title: text of 10,001 characters")


def test_a_huge_file_is_refused_unread(kdir: Path) -> None:
    (kdir / "facts" / "big.yaml").write_text("facts: []\n" + "#" * MAX_FILE_BYTES + "\n")
    [problem] = issues(kdir)
    assert "over the limit of 1,000,000" in problem


# -- podiums, poles and fastest laps ---------------------------------------------------------

PODIUM = """
podium:
  - position: {pos}
    car_number: "{number}"
    drivers: [{driver}]
    confidence: high
    sources: [a race report]
"""


def test_a_podium_place_is_checked_like_a_result(kdir: Path) -> None:
    race = kdir / "races/2000.yaml"
    race.write_text(race.read_text() + PODIUM.format(pos=2, number="78", driver="frank-biela"))
    assert issues(kdir) == []
    race.write_text(race.read_text().replace("[frank-biela]", "[nobody-known]"))
    assert issues(kdir) == [
        "knowledge/races/2000.yaml:23: podium[0].drivers[0]: unknown driver 'nobody-known' (not in drivers.yaml)"
    ]


def test_podium_positions_start_at_second_and_run_in_order(kdir: Path) -> None:
    race = kdir / "races/2000.yaml"
    race.write_text(race.read_text() + PODIUM.format(pos=3, number="78", driver="frank-biela"))
    [problem] = issues(kdir)
    assert "podium: positions must run 2, 3 in order" in problem and "the winner is the overall result" in problem


def test_the_winning_car_cannot_also_be_placed(kdir: Path) -> None:
    race = kdir / "races/2000.yaml"
    race.write_text(race.read_text() + PODIUM.format(pos=2, number="77", driver="frank-biela"))
    [problem] = issues(kdir)
    assert problem.endswith("podium[0].car_number: the winning car cannot also be placed")


CLASS_RESULT = """  - class: lmp
    car_number: "78"
    team: audi-sport-north-america
    drivers: [frank-biela, rinaldo-capello]
    car: audi-r8
    confidence: high
    sources: [a class report]
"""


def test_a_placed_car_that_is_also_a_class_result_has_its_crew(kdir: Path) -> None:
    race = kdir / "races/2000.yaml"
    race.write_text(race.read_text() + CLASS_RESULT + PODIUM.format(pos=2, number="78", driver="frank-biela"))
    [problem] = issues(kdir)
    assert "podium[0].drivers: car #78 is also the lmp result, whose crew differs" in problem
    race.write_text(race.read_text().replace("drivers: [frank-biela]\n", "drivers: [frank-biela, rinaldo-capello]\n"))
    assert issues(kdir) == []


def test_a_pole_is_not_given_twice(kdir: Path) -> None:
    race = kdir / "races/2000.yaml"
    race.write_text(race.read_text().replace("confidence: high\nsources", 'pole: "McNish"\nconfidence: high\nsources', 1)
                    + "pole_position:\n  driver: allan-mcnish\n  time: '1:10.379'\n  confidence: high\n  sources: [x]\n")  # fmt: skip
    assert any("pole: given twice" in i for i in issues(kdir))


def test_the_content_hash_follows_the_content_not_the_files(tmp_path: Path) -> None:
    """Two loads of the same facts agree; one changed fact changes the hash (a comment does not)."""
    shutil.copytree(REAL, tmp_path / "k")
    first = load_knowledge(tmp_path / "k").content_hash
    race = sorted((tmp_path / "k" / "races").glob("*.yaml"))[0]
    text = race.read_text(encoding="utf-8")
    race.write_text("# a comment and a blank line change nothing\n\n" + text, encoding="utf-8")
    assert load_knowledge(tmp_path / "k").content_hash == first
    assert "confidence: high" in text
    race.write_text(text.replace("confidence: high", "confidence: medium", 1), encoding="utf-8")
    assert load_knowledge(tmp_path / "k").content_hash != first
