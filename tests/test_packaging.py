"""The two ways to install contractkit (pip, conda) ask for the same packages."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib")  # Python >= 3.11


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _by_name(specs: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(req.name): req for req in map(Requirement, specs)}


def _pip_requirements() -> dict[str, Requirement]:
    project = _pyproject()
    return _by_name(project["dependencies"] + project["optional-dependencies"]["test"])


def _conda_requirements() -> dict[str, Requirement]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    specs = [dep for dep in env["dependencies"] if isinstance(dep, str)]
    # conda also installs programs that pip cannot: Python itself, pip, the OCR engine.
    programs = {"python", "pip", "tesseract"}
    return {k: v for k, v in _by_name(specs).items() if k not in programs}


def test_environment_yml_matches_pyproject():
    pip = {name: req.specifier for name, req in _pip_requirements().items()}
    conda = {name: req.specifier for name, req in _conda_requirements().items()}
    assert conda == pip


def test_pdfminer_floor_excludes_the_cmap_deserialization_advisories():
    # CVE-2025-64512 was fixed in 20251107, CVE-2025-70559 (GHSA-f83h-ghpp-7wcc) in 20251230.
    floor = _pip_requirements()["pdfminer-six"].specifier
    assert not floor.contains("20251107")
    assert floor.contains("20251230")


def test_the_spacy_components_are_exposed_through_the_entry_point():
    factories = _pyproject()["entry-points"]["spacy_factories"]
    assert "contractkit_sentences" in factories
