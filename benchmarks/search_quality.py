"""Search quality on the demo corpus: recall and precision against substring truth.

    .venv/bin/python benchmarks/search_quality.py [--queries 200] [--seed 8] [--show-misses]

Pushes `../shared/samples/cases.jsonl` through `internal_api.ingest.ingest_case` (review off)
into a throwaway SQLite database, builds the portal's index from `published()`, and builds a
plain `jieba.analyse.ChineseAnalyzer` whoosh index of the same documents for comparison.

Queries (seeded): enterprise names and their stems, places (regions, villages, towns,
compounds, other organisations), pollutant/facility terms, and 2-character words drawn from
the texts by jieba's default cut. Person names are not used: the anonymiser replaced them.

Truth: a document matches a query when its normalised public text (the exact text that is
indexed: title + public fields, NFKC-width and case folded the same way) contains every query
word. Reported: micro figures (over all query-document pairs) and macro figures (mean over
queries; recall over queries with a non-empty truth, precision over queries with a non-empty
answer).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "cases.jsonl"
sys.path.insert(0, str(ROOT))

HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def setup_django(workdir: Path) -> None:
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'quality.sqlite3'}"
    os.environ.setdefault("DEBUG", "true")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["CASES_REVIEW_REQUIRED"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load_corpus() -> None:
    from internal_api.ingest import ingest_case
    from internal_api.models import ApiClient
    from internal_api.schemas import CaseIn

    client = ApiClient.objects.create(name="quality", scopes=["push"])
    with open(SAMPLES, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                ingest_case(client=client, case=CaseIn.model_validate(json.loads(line)))


def documents() -> dict[str, str]:
    """id -> the normalised text the index holds for that document."""
    from search.backends.whoosh import whoosh_fields
    from search.indexing import all_documents
    from search.segment import normalise

    return {doc.id: normalise(whoosh_fields(doc)["text"]) for doc in all_documents()}


def make_queries(docs: dict[str, str], count: int, seed: int) -> list[tuple[str, tuple[str, ...]]]:
    import jieba

    from cases_public.models import CompletionReport
    from search.segment import domain_words, normalise, subject_name_words

    rng = random.Random(seed)
    texts = list(docs.values())
    corpus = "\n".join(texts)
    known = domain_words()
    reports = CompletionReport.objects.published()

    names, stems, places, terms, pairs = set(), set(), set(), set(), set()
    for report in reports:
        name = normalise(report.subject_name)
        if name:
            names.add(name)
            parts = subject_name_words(name, known)
            stems.update(p for p in parts if p not in known)
            if len(parts) >= 2:
                places.update(p for p in parts if p.endswith(("村", "镇", "街道", "乡")))
                stems.add(name[-(len(parts[-1]) + len(parts[-2])) :] if parts[-1] not in known else name)
        region = normalise(report.region_name)
        places.add(region)
        places.update(re.findall(r"[\u4e00-\u9fff]{1,5}?(?:市|区|县)", region))
    truth_rows = [json.loads(line) for line in open(SAMPLES.with_name("truth.jsonl"), encoding="utf-8")]
    for row in truth_rows:
        for item in row["must_appear"]:
            if item["kind"] in ("place", "org"):
                places.add(normalise(item["value"]))
    terms.update(t for t in known if HAN.match(t) and t in corpus)
    jieba.setLogLevel(60)
    for text in texts:
        for word in jieba.lcut(text):
            if len(word) == 2 and HAN.match(word):
                pairs.add(word)

    def pick(pool, n):
        pool = sorted(w for w in pool if w and w in corpus)
        rng.shuffle(pool)
        return pool[:n]

    queries: list[str] = []
    for pool, n in ((names, 25), (stems, 30), (places, 45), (terms, 40)):
        queries.extend(pick(pool, n))
    queries.extend(pick(pairs - set(queries), count - len(queries)))
    return [(q, (q,)) for q in queries[:count]]


def truth(docs: dict[str, str], words) -> set[str]:
    return {doc_id for doc_id, text in docs.items() if all(w in text for w in words)}


def plain_index(docs_objects, path: Path):
    """jieba's own ChineseAnalyzer, default whoosh query parsing (sub-tokens ANDed)."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index as windex
    from whoosh.fields import ID, TEXT, Schema

    from search.backends.whoosh import whoosh_fields

    schema = Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=ChineseAnalyzer()))
    path.mkdir(parents=True, exist_ok=True)
    ix = windex.create_in(str(path), schema)
    writer = ix.writer()
    for doc in docs_objects:
        writer.add_document(id=doc.id, text=whoosh_fields(doc)["text"])
    writer.commit()
    return ix


def evaluate(name: str, queries, docs, run) -> dict:
    tp = fp = fn = 0
    recalls, precisions, misses = [], [], []
    started = time.perf_counter()
    for text, words in queries:
        expected = truth(docs, words)
        got = run(text)
        hit = len(expected & got)
        tp += hit
        fp += len(got - expected)
        fn += len(expected - got)
        if expected:
            recalls.append(hit / len(expected))
        if got:
            precisions.append(hit / len(got))
        if expected != got:
            misses.append((text, len(expected), len(got), hit))
    elapsed = time.perf_counter() - started
    return {
        "name": name,
        "micro_recall": tp / (tp + fn) if tp + fn else 1.0,
        "micro_precision": tp / (tp + fp) if tp + fp else 1.0,
        "macro_recall": sum(recalls) / len(recalls) if recalls else 1.0,
        "macro_precision": sum(precisions) / len(precisions) if precisions else 1.0,
        "misses": misses,
        "ms_per_query": 1000 * elapsed / max(1, len(queries)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp:
        workdir = Path(tmp)
        setup_django(workdir)
        load_corpus()

        from whoosh.qparser import QueryParser

        from search import indexing
        from search.backends import SearchFilters, get_backend
        from search.indexing import all_documents

        indexing.rebuild()
        docs = documents()
        queries = make_queries(docs, args.queries, args.seed)
        backend = get_backend()

        def ours(text: str) -> set[str]:
            found = backend.search(backend.parse(text), SearchFilters(), limit=len(docs) + 10)
            return {hit.id for hit in found.hits}

        ix = plain_index(list(all_documents()), workdir / "plain")
        plain_searcher = ix.searcher()
        plain_parser = QueryParser("text", ix.schema)

        def plain(text: str) -> set[str]:
            results = plain_searcher.search(plain_parser.parse(text), limit=None)
            return {hit["id"] for hit in results}

        print(
            f"corpus: {len(docs)} published documents from {SAMPLES.name}; {len(queries)} queries (seed {args.seed})"
        )
        for outcome in (
            evaluate("ours (jieba + user dict + exact phrases)", queries, docs, ours),
            evaluate("plain ChineseAnalyzer", queries, docs, plain),
        ):
            print(
                f"{outcome['name']:44s} micro R={outcome['micro_recall']:.3f} P={outcome['micro_precision']:.3f}"
                f"  macro R={outcome['macro_recall']:.3f} P={outcome['macro_precision']:.3f}"
                f"  ({outcome['ms_per_query']:.1f} ms/query, {len(outcome['misses'])} queries not exact)"
            )
            if args.show_misses:
                for text, expected, got, hit in outcome["misses"]:
                    print(f"    {text!r}: truth {expected}, returned {got}, correct {hit}")
        plain_searcher.close()
        backend.close()


if __name__ == "__main__":
    main()
