"""Every YAML data file is read by one validated loader (contractkit.datafiles): a broken
copy of each (wrong type, missing key, unknown key) is a typed error naming file and line;
the shipped files all load."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from contractkit import datafiles
from contractkit.datafiles import DataFileError
from contractkit.detect.taxonomy import TaxonomyError, load_taxonomy
from contractkit.review.contract_type import ContractTypesFile, _config
from contractkit.review.costs import load_cost_model
from contractkit.review.license_audit import factors


def _shipped(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def _broken(tmp_path: Path, text: str, old: str, new: str) -> Path:
    assert old in text, old
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_the_shipped_files_all_load():
    assert len(load_taxonomy()) > 50
    assert set(_config()["types"]) >= {"saas", "hardware_purchase"}
    assert load_cost_model()["lines"]
    assert factors._config()["levels"]["critical"] == 70
    assert set(factors._config()["factors"]) == set(factors._RECOGNISERS)
    resource = resources.files("contractkit.review").joinpath("contract_types.yaml")
    assert datafiles.load_validated(resource, ContractTypesFile).weights.title == 0.6


# -- contract_types.yaml ------------------------------------------------------------------

CONTRACT_TYPES = _shipped("contractkit.review", "contract_types.yaml")


@pytest.mark.parametrize(
    ("old", "new", "needle", "problem"),
    [
        ("  title: 0.6", "  title: high", "title: high", "weights.title: must be a number"),
        ("  body: 0.2 ", "  colour: 0.2 ", "colour:", "weights: unknown key 'colour'"),
        ("minimum_score: 0.45", "minimum_scor: 0.45", "minimum_scor", "unknown key"),
        ("  saas:\n", "  sass:\n", "sass:", "types.sass"),
        ("    clauses: [sla, data_protection", "    clauses: sla #", "clauses: sla", "a list"),
    ],
)
def test_a_broken_contract_types_file_names_file_and_line(tmp_path, old, new, needle, problem):
    path = _broken(tmp_path, CONTRACT_TYPES, old, new)
    with pytest.raises(DataFileError) as caught:
        datafiles.load_validated(path, ContractTypesFile)
    assert caught.value.file == str(path)
    assert caught.value.line == _line(path, needle)
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}:{caught.value.line}: ")


def test_a_contract_types_file_missing_a_key(tmp_path):
    path = _broken(tmp_path, CONTRACT_TYPES, "minimum_score: 0.45\n", "")
    with pytest.raises(DataFileError, match=r"broken.yaml:\d+: missing 'minimum_score'"):
        datafiles.load_validated(path, ContractTypesFile)


# -- costs.yaml and a user's cost model ----------------------------------------------------

COSTS = _shipped("contractkit.review", "costs.yaml")


@pytest.mark.parametrize(
    ("old", "new", "needle", "problem"),
    [
        ("per_device: 70", "per_device: seventy", "seventy", "lines[1].per_device: must be a"),
        ("devices: 100", "devices: 1.5", "devices: 1.5", "devices: must be a whole number"),
        ("    label: Delays", "    labels: Delays", "labels:", "lines[2]: unknown key 'labels'"),
        ("    label: Delays without delivery planning\n", "", "id: no_delivery", "missing 'label'"),
        ("kinds: [risk, missing_clause]", "kinds: [risk, gap]", "kinds: [risk, gap]", "kinds[1]"),
    ],
)
def test_a_broken_cost_model_names_file_and_line(tmp_path, old, new, needle, problem):
    path = _broken(tmp_path, COSTS, old, new)
    with pytest.raises(DataFileError) as caught:
        load_cost_model(path)
    assert isinstance(caught.value, ValueError)  # as before
    assert caught.value.file == str(path)
    assert caught.value.line == _line(path, needle)
    assert problem in caught.value.problem


def test_a_cost_model_given_as_a_mapping_is_validated_too():
    with pytest.raises(DataFileError, match=r"lines\[0\]: missing 'label'"):
        load_cost_model({"lines": [{"id": "a", "per_device": 1, "clause_types": ["sla"]}]})
    model = {"lines": [{"id": "a", "label": "A", "per_device": 1, "clause_types": ["sla"]}]}
    assert load_cost_model(model) == model


# -- license_audit.yaml --------------------------------------------------------------------

LICENSE_AUDIT = _shipped("contractkit.review", "license_audit.yaml")


@pytest.mark.parametrize(
    ("old", "new", "needle", "problem"),
    [
        ("    points: 15", "    points: fifteen", "fifteen", "factors.no_notice.points: must be a"),
        ("    points: 15", "    point: 15", "point: 15", "factors.no_notice: unknown key 'point'"),
        ("  no_notice:", "  no_notise:", "no_notise", "factors.no_notise: no recogniser has"),
        ("  high: 50", "  high: 50.5", "high: 50.5", "levels.high: must be a whole number"),
        ("  medium: 25", "  medium: 75", "levels:", "the scores must rise from low to critical"),
        ("  critical: 70\n", "", "levels:", "levels: missing 'critical'"),
    ],
)
def test_a_broken_license_audit_file_names_file_and_line(tmp_path, old, new, needle, problem):
    path = _broken(tmp_path, LICENSE_AUDIT, old, new)
    with pytest.raises(DataFileError) as caught:
        datafiles.load_validated(path, factors.LicenseAuditFile)
    assert caught.value.file == str(path)
    assert caught.value.line == _line(path, needle)
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}:{caught.value.line}: ")


# -- taxonomy.yaml -------------------------------------------------------------------------

TAXONOMY = _shipped("contractkit.detect", "taxonomy.yaml")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("    granularity: sentence\n", "    granularity: [sentence]\n", "'granularity' must be"),
        ("    granularity: sentence\n", "    granularity: sentence\n    colour: red\n", "'colour'"),
        ("    granularity: sentence\n", "", "missing field(s) 'granularity'"),
    ],
)
def test_a_broken_taxonomy_names_file_line_and_entry(tmp_path, old, new, problem):
    path = _broken(tmp_path, TAXONOMY, old, new)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    line = int(message.removeprefix(f"{path}:").split(":", 1)[0])
    assert 0 < line <= _line(path, "clause_types:") + 40  # in the first entry
    assert "clause type #0" in message and problem in message
