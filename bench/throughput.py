"""Throughput of `truceline extract` against bare spaCy: same model, same texts, same run.

truceline is timed end to end as `truceline extract` runs it (read the JSON Lines file, clean,
parse, find actors, events, claims and agreements), without printing. Bare spaCy is timed on
`nlp.pipe` over the cleaned texts truceline parsed, so the ratio is the cost of everything
truceline adds to the parse. Model loading is left out of both. The two alternate chunk by chunk,
so that a machine busy with something else slows both alike and the ratio holds.

    python bench/throughput.py --limit 500
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.pipeline import Pipeline
from truceline.records import Record

CHUNK = 50  # documents per alternation
CORPUS = (Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wh-briefings"
          / "all_2023-2024.jsonl.gz")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="documents to read; 0 for all 6,050")
    parser.add_argument("--model", help="spaCy model (default: the spacy_model setting)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    settings = Settings.from_env(spacy_model=args.model)
    pipeline = Pipeline(settings)  # loads the model once; bare spaCy below uses the same object
    pipeline.nlp("Warm up the pipeline before timing.")

    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, args.limit or None))
    truceline_seconds = spacy_seconds = 0.0
    results: list = []
    texts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for first in track(range(0, len(lines), CHUNK), description="chunks", console=Console(stderr=True)):
            chunk = Path(tmp) / f"chunk-{first}.jsonl"
            chunk.write_text("".join(lines[first:first + CHUNK]), encoding="utf-8")

            start = time.perf_counter()
            chunk_results = list(pipeline.extract(read_inputs([str(chunk)], settings)))
            truceline_seconds += time.perf_counter() - start

            # The texts truceline parsed: English (or too short to tell) cleaned documents.
            parsed = [r.document.text for r in chunk_results
                      if isinstance(r, Record) and r.document.language in ("en", None)]
            start = time.perf_counter()
            for _doc in pipeline.nlp.pipe(parsed, batch_size=settings.batch_size):
                pass
            spacy_seconds += time.perf_counter() - start
            results += chunk_results
            texts += parsed

    words = sum(len(text.split()) for text in texts)
    console = Console()
    console.print(f"{len(texts):,} documents, {words:,} words, model {settings.spacy_model}; "
                  f"{len(results) - len(texts)} inputs skipped or not English", highlight=False)
    table = Table("")
    for column in ("seconds", "documents/s", "words/s"):
        table.add_column(column, justify="right")
    for name, seconds in (("truceline extract", truceline_seconds), ("bare spaCy nlp.pipe", spacy_seconds)):
        table.add_row(name, f"{seconds:.1f}", f"{len(texts) / seconds:,.1f}", f"{words / seconds:,.0f}")
    table.add_row("ratio truceline / spaCy", "", f"{spacy_seconds / truceline_seconds:.2f}",
                  f"{spacy_seconds / truceline_seconds:.2f}")
    console.print(table)


if __name__ == "__main__":
    main()
