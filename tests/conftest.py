"""Shared fixtures: where the samples and the shared CUAD data live."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"
SHARED = ROOT.parent / "shared"
CUAD = SHARED / "cuad"
WARRANTY = "1. Warranty. The Supplier warrants the Products for twelve (12) months from delivery."
GOVERNING_LAW = "2. Governing Law. This Agreement is governed by the laws of Ohio."
# The day the samples' date findings are judged on (a renewal notice due within 90 days,
# an expired contract): fixed, so that tests do not change with the calendar day. On it no
# sample's notice of non-renewal is due (the SaaS one falls due 2025-11-16).
AS_OF = date(2025, 1, 15)


def require_tesseract() -> None:
    """Skip a test that OCRs when Tesseract is missing, unless
    CONTRACTKIT_REQUIRE_TESSERACT=1 (set by .ci/run) makes that a failure."""
    if shutil.which("tesseract"):
        return
    reason = "Tesseract is missing (Debian: apt-get install tesseract-ocr tesseract-ocr-deu)"
    if os.environ.get("CONTRACTKIT_REQUIRE_TESSERACT") == "1":
        pytest.fail(f"CONTRACTKIT_REQUIRE_TESSERACT=1 but {reason}")
    pytest.skip(reason)


def sample_truths() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(SAMPLES.glob("*.truth.json"))]


@pytest.fixture(scope="session", autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default result store of every command run by the tests lives in a temporary
    folder, never in the user's cache (child processes inherit the variable).
    `CONTRACTKIT_STORE` (which `make test` sets to a throwaway file for the notebooks) is
    dropped so that the default store is the one in that folder, whose location tests check."""
    home = tmp_path_factory.mktemp("cache-home")
    os.environ["XDG_CACHE_HOME"] = str(home)
    os.environ.pop("CONTRACTKIT_STORE", None)
    return home


@pytest.fixture(scope="session")
def layout_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/layout_pdf.py's PDF: two columns, a word hyphenated across lines, a ruled table."""
    from layout_pdf import layout_pdf

    path = tmp_path_factory.mktemp("layout") / "layout.pdf"
    path.write_bytes(layout_pdf())
    return path


@pytest.fixture(scope="module", params=["pdfplumber", "pdfium"])
def layout_doc(request: pytest.FixtureRequest, layout_file: Path):
    """The layout PDF read by each engine."""
    import contractkit

    return contractkit.load(layout_file, engine=request.param)


@pytest.fixture(scope="session")
def cuad_dir() -> Path:
    if not (CUAD / "labels.jsonl").exists():
        pytest.skip("../shared/cuad is not beside the repository")
    return CUAD


@pytest.fixture(scope="session")
def small_portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of three contracts, read only: a PDF, a text file and a broken PDF."""
    folder = tmp_path_factory.mktemp("contracts")
    shutil.copy(SAMPLES / "saas_subscription.pdf", folder / "saas.pdf")
    (folder / "terms.txt").write_text(f"SUPPLY AGREEMENT\n\n{WARRANTY}\n\n{GOVERNING_LAW}\n")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 truncated")
    return folder


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from bad_files import write_bad_files

    return write_bad_files(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="session")
def reviewed_samples():
    """The synthetic samples, scanned and reviewed once (on AS_OF): {file name: ContractResult}."""
    import contractkit

    paths = sorted(SAMPLES.glob("*.pdf"))
    return {p.name: contractkit.analyze(p, as_of=AS_OF) for p in paths}
