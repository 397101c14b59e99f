"""What a CNN clause classifier would cost at run time (issue 17's `TextCatEnsemble` route).

Issue 17 suggests spaCy's `TextCatEnsemble` (a CNN `tok2vec` beside the bag of words) for
the CUAD classifier. Before training one (hours on this machine), this measures what it
would cost where the budget is set: scoring every candidate unit of a contract, which the
detector does for each document. On the text files of 30 CUAD contracts
(`cuad_sample.cuad_records(30)`, the contracts `detection_cost.py` reads as PDFs), every
unit from `split_units` is scored, in the form the packaged classifier reads it
(`ClauseClassifier.model_text`: the unit's words with its context, made a Doc without the
tokenizer, `as_doc`), by

* the packaged CUAD classifier (`score_inputs`: bag of n-grams, as shipped);
* a `textcat_multilabel` with spaCy's default `TextCatEnsemble.v2` (`MultiHashEmbed` width
  64 and a two-layer `MaxoutWindowEncoder`, beside `TextCatBOW`) for the same 41 labels;
* the same with a `tok2vec` of width 96 and depth 4, spaCy's usual larger setting.

And, for a CNN as a second stage on a shortlist, how many of those units the shipped
detector keeps as a hit of any type (and how many of them score 0.3 or more).

The two candidates are initialised, not trained: a network's inference cost does not
depend on its weights. Each scorer is warmed on one contract, then timed over all of them
twice (the faster pass kept), on one core. Reports seconds and each scorer's cost as a
multiple of the shipped one; `detection_cost.py` gives the detection budget these compare
with (15 % of the pdfplumber load).

Run: .venv/bin/python benchmarks/cnn_cost.py   (about 3 minutes; writes nothing)
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable, Sequence

import spacy
from cuad_sample import CUAD, cuad_records
from spacy.language import Language
from spacy.training import Example

from contractkit import load
from contractkit.detect.classifier import as_doc, load_classifier
from contractkit.detect.pipeline import SPAN_KEY
from contractkit.detect.training_data import split_units
from contractkit.nlp import make_pipeline, to_spacy

BATCH_SIZE = 256


def ensemble(labels: Sequence[str], width: int, depth: int) -> Language:
    """A blank English pipeline with an initialised `TextCatEnsemble` textcat_multilabel."""
    nlp = spacy.blank("en")
    model = {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": width,
                "rows": [2000, 2000, 500, 1000, 500],
                "attrs": ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": depth,
            },
        },
        "linear_model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": False,
            "length": 262144,
            "ngram_size": 1,
            "no_output_layer": False,
        },
    }
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": model})
    for label in labels:
        textcat.add_label(label)
    example = Example.from_dict(nlp.make_doc("a clause"), {"cats": dict.fromkeys(labels, 0.0)})
    nlp.initialize(lambda: [example])
    return nlp


def timed(score: Callable[[list[str]], object], contracts: list[list[str]]) -> float:
    score(contracts[0])  # warm-up
    passes = []
    for _ in range(2):
        start = time.perf_counter()
        for inputs in contracts:
            score(inputs)
        passes.append(time.perf_counter() - start)
    return min(passes)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=30)
    args = parser.parse_args(argv)
    spacy.util.fix_random_seed(0)
    shipped = load_classifier()
    contracts = []
    records = cuad_records(args.contracts)
    for record in records:
        text = (CUAD / "txt" / f"{record['id']}.txt").read_text()
        contracts.append([shipped.model_text(unit) for unit in split_units(text)])
    units = sum(len(inputs) for inputs in contracts)
    words = sum(len(text.split()) for inputs in contracts for text in inputs)
    labels = list(shipped.labels)
    rows = [("shipped: bag of n-grams (TextCatBOW)", timed(shipped.score_inputs, contracts))]
    for width, depth in ((64, 2), (96, 4)):
        nlp = ensemble(labels, width, depth)

        def score(inputs: list[str], nlp: Language = nlp) -> list[dict[str, float]]:
            docs = (as_doc(nlp.vocab, text) for text in inputs)  # as the shipped one reads them
            return [doc.cats for doc in nlp.pipe(docs, batch_size=BATCH_SIZE)]

        name = f"TextCatEnsemble, tok2vec width {width}, depth {depth}"
        rows.append((name, timed(score, contracts)))
    print(
        f"{len(contracts)} CUAD contracts, {units} units, {words} words (with context); "
        f"{platform.machine()}, Python {platform.python_version()}, spaCy {spacy.__version__}"
    )
    base = rows[0][1]
    for name, seconds in rows:
        print(f"{name:<48} {seconds:6.1f} s  x {seconds / base:5.1f}")
    detector = make_pipeline()
    kept = reported = 0
    for record in records:
        doc = to_spacy(load(CUAD / "txt" / f"{record['id']}.txt"), detector)
        hits = doc.spans[SPAN_KEY]
        kept += len({(s.start_char, s.end_char) for s in hits})
        reported += len({(s.start_char, s.end_char) for s in hits if s._.score >= 0.3})
    print(
        f"units the detector keeps as a hit: {kept} ({kept / units:.0%}); scoring >= 0.3: "
        f"{reported} ({reported / units:.0%})"
    )


if __name__ == "__main__":
    main()
