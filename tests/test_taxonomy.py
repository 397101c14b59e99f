"""The clause taxonomy: what it must contain, and how it refuses a malformed file.

The list of required ids comes from the shared spec (`../shared/spec/clause-types.md`
relative to the repository root) and the CUAD categories from the spec's CUAD table and
CUAD's own label file, so these tests follow the spec rather than a copy of it.
"""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from pathlib import Path

import pytest

from contractkit.detect.attributes import ATTRIBUTE_KEYS, EXTRACTORS
from contractkit.detect.taxonomy import (
    CUAD_CATEGORIES,
    ClauseType,
    Taxonomy,
    TaxonomyError,
    cuad_id,
    load_taxonomy,
)

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO.parent / "shared" / "spec" / "clause-types.md"
CUAD_LABELS = REPO.parent / "shared" / "cuad" / "labels.jsonl"

needs_spec = pytest.mark.skipif(not SPEC.exists(), reason=f"spec not found at {SPEC}")
needs_cuad = pytest.mark.skipif(not CUAD_LABELS.exists(), reason=f"CUAD not at {CUAD_LABELS}")


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


# ----------------------------------------------------------------------------- the spec


def _spec_tables() -> dict[str, list[tuple[str, str]]]:
    """Rows `(id, second column)` of each `## ` section's table in clause-types.md."""
    tables: dict[str, list[tuple[str, str]]] = {}
    section = ""
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        row = re.match(r"^\|\s*`([a-z0-9_]+)`\s*\|\s*(.*?)\s*\|\s*$", line)
        if row:
            tables.setdefault(section, []).append((row.group(1), row.group(2)))
    return tables


def _spec_ids() -> list[str]:
    return [type_id for rows in _spec_tables().values() for type_id, _ in rows]


def _spec_cuad_rows() -> list[tuple[str, str]]:
    return next(rows for section, rows in _spec_tables().items() if "CUAD" in section)


@needs_spec
def test_spec_is_parsed_into_its_three_tables() -> None:
    # Guards the parser below: if the spec's layout changes, say so instead of passing.
    tables = _spec_tables()
    assert len(tables) == 3
    assert len(_spec_cuad_rows()) == 41
    assert len(_spec_ids()) == len(set(_spec_ids())) + 1  # audit_rights is listed twice


@needs_spec
def test_every_spec_id_is_in_the_taxonomy(taxonomy: Taxonomy) -> None:
    missing = sorted(set(_spec_ids()) - set(taxonomy))
    assert not missing, f"clause-types.md ids missing from taxonomy.yaml: {missing}"


@needs_spec
def test_every_cuad_row_of_the_spec_maps_its_id_to_that_cuad_category(
    taxonomy: Taxonomy,
) -> None:
    for type_id, cuad_name in _spec_cuad_rows():
        assert taxonomy[type_id].cuad == cuad_name, type_id
        assert taxonomy.by_cuad(cuad_name) is taxonomy[type_id]
        assert cuad_id(cuad_name) == type_id


@needs_spec
def test_the_built_in_cuad_list_is_the_spec_list() -> None:
    assert sorted(CUAD_CATEGORIES) == sorted(name for _, name in _spec_cuad_rows())


@needs_cuad
def test_every_category_in_cuad_labels_has_a_clause_type(taxonomy: Taxonomy) -> None:
    with CUAD_LABELS.open(encoding="utf-8") as lines:
        categories = set(json.loads(next(lines))["clauses"])
    assert len(categories) == 41
    assert {name for name in categories if taxonomy.by_cuad(name) is None} == set()


def test_taxonomy_maps_exactly_41_cuad_categories(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.cuad_categories()) == 41
    assert set(taxonomy.cuad_categories()) == set(CUAD_CATEGORIES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rofr/Rofo/Rofn", "rofr_rofo_rofn"),
        ("Ip Ownership Assignment", "ip_ownership_assignment"),
        ("Affiliate License-Licensor", "affiliate_license_licensor"),
        ("Unlimited/All-You-Can-Eat-License", "unlimited_all_you_can_eat_license"),
        ("No-Solicit Of Customers", "no_solicit_of_customers"),
        ("Revenue/Profit Sharing", "revenue_profit_sharing"),
        ("Non-Compete", "non_compete"),
        ("Notice Period To Terminate Renewal", "notice_period_to_terminate_renewal"),
        ("  Audit Rights ", "audit_rights"),
    ],
)
def test_cuad_id_is_snake_case_of_the_cuad_name(name: str, expected: str) -> None:
    assert cuad_id(name) == expected


@needs_spec
def test_cuad_id_reproduces_every_spec_id() -> None:
    assert all(cuad_id(name) == type_id for type_id, name in _spec_cuad_rows())


# ----------------------------------------------------------------------------- contents


def test_every_type_is_complete_and_detectable(taxonomy: Taxonomy) -> None:
    for clause_type in taxonomy.values():
        assert clause_type.name and clause_type.description, clause_type.id
        assert clause_type.family in taxonomy.families, clause_type.id
        cues = clause_type.cues
        assert cues.phrases or cues.regex, f"{clause_type.id} has no body cues"


def test_names_and_dates_are_phrase_level_everything_else_sentence_level(
    taxonomy: Taxonomy,
) -> None:
    phrase_level = {t.id for t in taxonomy.values() if t.granularity == "phrase"}
    assert phrase_level == {
        "document_name",
        "parties",
        "agreement_date",
        "effective_date",
        "expiration_date",
    }


def test_declared_attributes_are_exactly_what_the_extractor_returns(taxonomy: Taxonomy) -> None:
    # The YAML documents the attributes; the extractor registry produces them. They must
    # not drift apart.
    for clause_type in taxonomy.values():
        assert clause_type.attributes == ATTRIBUTE_KEYS.get(clause_type.id, ()), clause_type.id
    assert set(EXTRACTORS) <= set(taxonomy), "extractor registered for an unknown type"


def test_the_five_first_types_have_their_attributes(taxonomy: Taxonomy) -> None:
    assert {"uptime_pct", "response_hours", "resolution_hours", "service_credits"} <= set(
        taxonomy["sla"].attributes
    )
    assert set(taxonomy["warranty"].attributes) == {"duration_months", "remedies"}
    assert {"window_days", "restocking_pct", "doa", "doa_days"} <= set(
        taxonomy["returns"].attributes
    )
    assert {"notice_days", "max_per_year", "cost_shift_pct", "lookback_months"} <= set(
        taxonomy["audit_rights"].attributes
    )
    assert set(taxonomy["data_erasure"].attributes) == {
        "deadline_days",
        "certificate",
        "personal_data",
    }


def test_cues_that_the_brief_names_are_present(taxonomy: Taxonomy) -> None:
    assert {"service level", "availability", "uptime"} <= set(taxonomy["sla"].cues.headings)
    assert "audit" in taxonomy["audit_rights"].cues.phrases
    assert any(
        p.search("licensor may inspect the books and records of licensee")
        for p in taxonomy["audit_rights"].cues.compiled_regex()
    )
    assert "warrants that it has full power and authority" in taxonomy["warranty"].cues.negative


def test_regex_cues_fire_on_typical_wording_and_not_on_unrelated_text(
    taxonomy: Taxonomy,
) -> None:
    samples = {
        "sla": "The Service shall be available 99.9% of the time (monthly uptime).",
        "audit_rights": "Licensor may audit Licensee's records to verify compliance.",
        "data_erasure": "Upon termination, Supplier shall delete all Customer Data.",
        "governing_law": "This Agreement is governed by the laws of the State of Delaware.",
        "renewal_term": "This Agreement shall renew for successive one-year terms.",
    }
    unrelated = "The parties shall meet in Boston to discuss the marketing plan."
    for type_id, sample in samples.items():
        compiled = taxonomy[type_id].cues.compiled_regex()
        assert any(p.search(sample) for p in compiled), type_id
        assert not any(p.search(unrelated) for p in compiled), type_id


def test_mapping_interface(taxonomy: Taxonomy) -> None:
    ids = list(taxonomy)
    assert ids[:5] == ["sla", "warranty", "returns", "audit_rights", "data_erasure"]
    assert len(taxonomy) == len(ids) == len(set(ids))
    assert "sla" in taxonomy and "no_such_type" not in taxonomy
    assert isinstance(taxonomy["sla"], ClauseType)
    assert taxonomy.by_cuad("No Such Category") is None
    assert taxonomy["audit_rights"].cuad == "Audit Rights"


def test_families_group_types(taxonomy: Taxonomy) -> None:
    data = {t.id for t in taxonomy.family("data")}
    assert {"data_erasure", "data_protection", "breach_notification"} <= data
    assert all(t.family == "liability" for t in taxonomy.family("liability"))
    assert sum(len(taxonomy.family(f)) for f in taxonomy.families) == len(taxonomy)
    with pytest.raises(KeyError, match="unknown family"):
        taxonomy.family("nope")


def test_clause_types_are_immutable(taxonomy: Taxonomy) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        taxonomy["sla"].name = "x"  # type: ignore[misc]
    assert isinstance(taxonomy["sla"].attributes, tuple)
    assert isinstance(taxonomy["sla"].cues.phrases, tuple)


def test_load_from_an_explicit_path_equals_the_default() -> None:
    path = REPO / "contractkit" / "detect" / "taxonomy.yaml"
    assert list(load_taxonomy(path)) == list(load_taxonomy())
    assert str(path) in load_taxonomy(path).source


# ----------------------------------------------------------------------------- malformed files

VALID_ENTRY = """\
  - id: sla
    name: SLA
    description: Service levels.
    family: service_levels
    cuad: null
    granularity: sentence
    attributes: [uptime_pct]
    cues:
      headings: [service level]
      phrases: [uptime]
      regex: ['\\bavailab\\w*']
      negative: [subject to availability]
"""
HEADER = "version: 1\nfamilies:\n  service_levels: Service levels\nclause_types:\n"


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "bad_taxonomy.yaml"
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


def _entry(**changes: str) -> str:
    """VALID_ENTRY with some `key: value` lines replaced (value "DROP" removes the line)."""
    lines = []
    for line in VALID_ENTRY.splitlines():
        key = line.strip().lstrip("- ").split(":", 1)[0]
        if key in changes and line.startswith(("  - ", "    ")) and not line.startswith("      "):
            if changes[key] != "DROP":
                prefix = line[: line.index(key)]
                lines.append(f"{prefix}{key}: {changes[key]}")
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _labelled(mapping: str) -> str:
    """VALID_ENTRY with its one regex cue written as the flow mapping `{mapping}`."""
    return VALID_ENTRY.replace("regex: ['\\bavailab\\w*']", f"regex: [{{{mapping}}}]")


def test_the_valid_fixture_loads(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(_write(tmp_path, VALID_ENTRY))
    assert list(taxonomy) == ["sla"]
    assert taxonomy["sla"].cues.negative == ("subject to availability",)


def test_a_regex_cue_is_a_bare_pattern_or_a_pattern_with_its_label(tmp_path: Path) -> None:
    body = VALID_ENTRY.replace(
        "      regex: ['\\bavailab\\w*']\n",
        "      regex:\n"
        "        - '\\bavailab\\w*'\n"
        "        - pattern: '\\buptime of \\d+%'\n"
        "          label: 'an uptime percentage (\"uptime of 99%\")'\n",
    )
    cues = load_taxonomy(_write(tmp_path, body))["sla"].cues
    assert cues.regex == (r"\bavailab\w*", r"\buptime of \d+%")  # the patterns, as before
    assert cues.regex_labels == (None, 'an uptime percentage ("uptime of 99%")')


def test_what_a_clause_of_the_type_must_say_is_read_from_states(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(_write(tmp_path, VALID_ENTRY + "    states: ['\\d', '\\bcredit']\n"))
    says = taxonomy["sla"].states_pattern()
    assert says is not None
    assert says.search("Availability of 99.5% per month")
    assert says.search("Service CREDITS apply")  # matched case-insensitively, as cues are
    assert not says.search("The Supplier shall respond promptly.")
    assert load_taxonomy(_write(tmp_path, VALID_ENTRY))["sla"].states_pattern() is None
    needs = VALID_ENTRY + "    states: ['\\d']\n    presence_needs_states: true\n"
    assert load_taxonomy(_write(tmp_path, needs))["sla"].presence_needs_states
    assert not taxonomy["sla"].presence_needs_states


def test_a_malformed_regex_cue_is_refused_at_its_own_line(tmp_path: Path) -> None:
    body = VALID_ENTRY.replace(
        "      regex: ['\\bavailab\\w*']\n",
        "      regex:\n"
        "        - pattern: '\\bavailab\\w*'\n"
        "          label: ''\n",  # line 17 of the file (4 header lines, 12 of the entry)
    )
    path = _write(tmp_path, body)
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert str(error.value).startswith(f"{path}:17: clause type #0 ('sla'): cues.regex[0]: ")
    assert "label '' is empty or padded" in str(error.value)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (VALID_ENTRY + "    colour: red\n", "unknown key(s) 'colour'"),
        (_entry(granularity="DROP"), "missing field(s) 'granularity'"),
        (_entry(name="DROP", description="DROP"), "missing field(s) 'name', 'description'"),
        (VALID_ENTRY + VALID_ENTRY.replace("name: SLA", "name: Other"), "duplicate id"),
        (_entry(family="nowhere"), "unknown family 'nowhere'"),
        (_entry(granularity="paragraph"), "granularity must be one of"),
        (_entry(id="Service-Levels"), "is not snake_case"),
        (_entry(name="''"), "'name' must be a non-empty string"),
        (_entry(attributes="[Uptime]"), "attribute 'Uptime' is not a snake_case name"),
        (_entry(attributes="uptime_pct"), "'attributes' must be a list"),
        (_entry(cuad="Audit Rightz"), "'Audit Rightz' is not a CUAD category name"),
        (_entry(cuad="Audit Rights"), "must have id 'audit_rights'"),
        (VALID_ENTRY.replace("regex: ['\\bavailab\\w*']", "regex: ['(unclosed']"), "bad regex"),
        (VALID_ENTRY.replace("regex: ['\\bavailab\\w*']", "regex: ['a*']"), "empty string"),
        (VALID_ENTRY.replace("phrases: [uptime]", "phrases: [Uptime]"), "must be lowercase"),
        (
            VALID_ENTRY.replace("phrases: [uptime]", "phrases: ['inspect ... records']"),
            "put it in cues.regex",
        ),
        (VALID_ENTRY.replace("phrases: [uptime]", "phrases: [uptime, uptime]"), "duplicate"),
        (
            VALID_ENTRY.replace("phrases: [uptime]", "phrases: [subject to availability]"),
            "both positive and negative",
        ),
        (VALID_ENTRY + "      synonyms: [x]\n", "unknown cue kind(s) 'synonyms'"),
        (_labelled("label: x"), "cues.regex[0]: missing 'pattern'"),
        (_labelled("pattern: '\\bup'"), "cues.regex[0]: missing 'label'"),
        (_labelled("pattern: '\\bup', label: ''"), "label '' is empty"),
        (_labelled("pattern: '\\bup', label: '  '"), "is empty or padded"),
        (_labelled("pattern: '\\bup', label: null"), "'label' is empty"),
        (_labelled("pattern: '\\bup', label: " + "x" * 81), "81 characters long (at most 80)"),
        (_labelled("pattern: '\\bup', label: 'a “b”'"), "“ ” quote mark"),
        (_labelled("pattern: '\\bup', label: [x]"), "cues.regex[0].label must be text"),
        (_labelled("pattern: 5, label: x"), "cues.regex[0].pattern must be text"),
        (_labelled("pattern: '\\bup', label: x, note: y"), "unknown key(s) 'note'"),
        (_labelled("pattern: '(up', label: x"), "bad regex '(up'"),
        (
            VALID_ENTRY.replace("regex: ['\\bavailab\\w*']", "regex: [5]"),
            "must be a pattern (text)",
        ),
        (VALID_ENTRY + "    states: ['(unclosed']\n", "bad regex '(unclosed'"),
        (VALID_ENTRY + "    states: ['\\d*']\n", "matches the empty string"),
        (VALID_ENTRY + "    states: ['\\bUptime']\n", "must be written lowercase"),
        (VALID_ENTRY + "    states: ['\\d', '\\d']\n", "duplicate states entries"),
        (VALID_ENTRY + "    presence_needs_states: true\n", "presence_needs_states without"),
    ],
)
def test_malformed_entries_are_reported_with_file_entry_and_problem(
    tmp_path: Path, body: str, problem: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    message = str(error.value)
    assert str(path) in message
    assert "clause type #" in message
    assert problem in message


def test_the_entry_is_named_by_position_and_id(tmp_path: Path) -> None:
    second = VALID_ENTRY.replace("id: sla", "id: other").replace("cuad: null", "cuad: 42")
    with pytest.raises(TaxonomyError, match=r"clause type #1 \('other'\)"):
        load_taxonomy(_write(tmp_path, VALID_ENTRY + second))


def test_only_the_type_named_after_a_cuad_category_can_claim_it(tmp_path: Path) -> None:
    # So two types can never be scored against the same CUAD category.
    body = _entry(id="audit_rights", cuad="Audit Rights") + _entry(
        id="audit_rights", cuad="Audit Rights"
    ).replace("id: audit_rights", "id: audit_rights_2")
    with pytest.raises(TaxonomyError, match="must have id 'audit_rights'"):
        load_taxonomy(_write(tmp_path, body))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("clause_types: [\n", "not valid YAML"),
        ("- just a list\n", "top level must be a mapping"),
        ("version: 1\nclause_types: []\n", "missing field(s) 'families'"),
        (HEADER.replace("clause_types:\n", "clause_types: []\n"), "non-empty list"),
        (HEADER + "  - not a mapping\n", "must be a mapping"),
        ("version: 1\nfamilies: {Bad Family: x}\nclause_types: [{}]\n", "not snake_case"),
        (HEADER + VALID_ENTRY + "extra: 1\n", "unknown key(s) 'extra'"),
    ],
)
def test_malformed_files_are_reported_with_the_file_name(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_a_missing_file_is_a_taxonomy_error(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.yaml")


def test_taxonomy_error_is_a_value_error() -> None:
    assert issubclass(TaxonomyError, ValueError)
