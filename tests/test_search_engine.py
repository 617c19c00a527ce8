"""The whoosh backend's fast paths against whoosh's own behaviour: the bulk rebuild writer, the
set-based query evaluation (phrases, totals, ranking), the per-segment filter cache and the
switch to a new index generation when the schema version changes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from whoosh import index as windex
from whoosh.writing import SegmentWriter

from search.backends import SearchFilters
from search.backends.whoosh import VERSION, WhooshBackend, whoosh_fields
from search.backends.whoosh_bulk import BulkSegmentWriter
from search.backends.whoosh_search import DocSets
from search.documents import SearchDocument
from search.query import word_query
from search.schema import build_schema
from search.segment import get_segmenter
from tests.test_search import push  # noqa: F401 - fixture

FRAGMENTS = [
    "幸福小区",
    "福临石料厂",
    "石料厂",
    "夜间噪声扰民",
    "幸福",
    "小区门口",
    "颗粒物超标",
    "废水直排",
    "罚款20000元",
    "GB 12348-2008",
    "㘵",
    "阳光花园",
    "花园小区",
    "锦绣家园",
]
BASE = datetime(2025, 1, 1, 8, tzinfo=UTC)


def make_docs(count: int, seed: int = 5) -> list[SearchDocument]:
    rng = random.Random(seed)
    docs = []
    for pk in range(1, count + 1):
        text = "，".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 6))) + "。"
        docs.append(
            SearchDocument(
                id=f"case:{pk}",
                kind="case",
                pk=pk,
                title=f"测试区 · 第{pk}号企业",
                text=text,
                version=f"{pk}|1",
                region_code=rng.choice(["340705", "320583"]),
                categories=rng.sample(["air", "water", "noise"], rng.randint(1, 2)),
                penalty=rng.random() < 0.5,
                closed_at=BASE + timedelta(days=rng.randint(0, 600), seconds=pk),
            )
        )
    docs.append(
        SearchDocument(id="page:1", kind="page", pk=1, title="平台说明", text="幸福小区的噪声投诉怎么办。")
    )
    return docs


@pytest.fixture
def backend(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "ix"
    instance = WhooshBackend({"PATH": str(tmp_path / "ix"), "SEGMENT_DOCS": 40})
    yield instance
    instance.close()


def _postings(reader):
    out = {}
    for fieldname, tbytes in reader.all_terms():
        matcher = reader.postings(fieldname, tbytes)
        items = []
        while matcher.is_active():
            items.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        out[(fieldname, tbytes)] = items
    return out


def test_bulk_writer_writes_what_whooshs_writer_writes(tmp_path):
    get_segmenter().set_words(["福临", "石料厂"], key="test")
    docs = [whoosh_fields(doc) for doc in make_docs(60)]
    readers = []
    for name, writer_class in (("plain", SegmentWriter), ("bulk", BulkSegmentWriter)):
        (tmp_path / name).mkdir()
        ix = windex.create_in(str(tmp_path / name), build_schema())
        writer = writer_class(ix)
        for fields in docs:
            writer.add_document(**fields)
        writer.commit()
        readers.append(ix.reader())
    plain, bulk = readers
    assert _postings(bulk) == _postings(plain)
    assert len(_postings(bulk)) > 100
    for docnum in range(len(docs)):
        assert bulk.doc_field_length(docnum, "text") == plain.doc_field_length(docnum, "text")
        assert bulk.stored_fields(docnum) == plain.stored_fields(docnum)
    assert list(bulk.column_reader("rank")) == list(plain.column_reader("rank"))
    assert bulk.field_length("text") == plain.field_length("text")
    for reader in readers:
        reader.close()


def test_phrases_match_exactly_what_whooshs_span_query_matches(backend):
    backend.rebuild(make_docs(150), words=["福临", "石料厂"])
    searcher = backend._searcher()
    checked = 0
    for word in [
        "幸福小区",
        "福临石料厂",
        "小区门口",
        "花园小区",
        "阳光花园",
        "区门",
        "锦绣家园",
        "罚款20000元",
    ]:
        q = word_query(word, get_segmenter())
        for sub, _offset in searcher.leaf_searchers():
            fast = DocSets(sub)(q)
            if hasattr(q, "tiles"):
                checked += 1
                del q.tiles  # now evaluated by whoosh's span matcher
                assert DocSets(sub)(q) == fast, word
                q = word_query(word, get_segmenter())
            assert fast == set(q.matcher(sub).all_ids()), word
    assert checked >= 8  # the fast path was really compared


def test_totals_are_exact_and_hits_newest_first(backend):
    docs = make_docs(150)
    backend.rebuild(docs, words=[])
    cases = [d for d in docs if d.kind == "case"]
    for words, filters, keep in [
        (("噪声",), SearchFilters(), lambda d: "噪声" in d.text),
        (("幸福小区",), SearchFilters(), lambda d: "幸福小区" in d.text),
        (
            ("幸福小区",),
            SearchFilters(categories=("air",)),
            lambda d: "幸福小区" in d.text and "air" in d.categories,
        ),
        (("石料厂", "废水"), SearchFilters(region="3407", penalty=True), None),
    ]:
        if keep is None:

            def keep(d):
                return (
                    all(w in d.text for w in ("石料厂", "废水"))
                    and d.region_code.startswith("3407")
                    and d.penalty
                )

        expected = sorted((d for d in cases if keep(d)), key=lambda d: d.closed_at, reverse=True)
        parsed = backend.parse(" ".join(words))
        found = backend.search(parsed, filters, limit=7)
        pages = 1 if (words == ("噪声",) or words == ("幸福小区",)) and filters == SearchFilters() else 0
        assert found.total == len(expected) + pages, words
        ids = [hit.id for hit in found.hits]
        if pages:
            assert ids[0] == "page:1"  # pages before reports
            ids = ids[1:]
        assert ids == [d.id for d in expected][: len(ids)], words
        second = backend.search(parsed, filters, offset=7, limit=7)
        assert second.total == found.total
        assert not {h.id for h in second.hits} & {h.id for h in found.hits}


def test_cached_filter_sets_follow_index_changes(backend, monkeypatch):
    import whoosh.writing

    # whoosh would merge these small segments away on each commit; keep them, so deletions stay
    # inside the segments whose filter sets are cached (as in a large index).
    monkeypatch.setattr(whoosh.writing, "MERGE_SMALL", whoosh.writing.NO_MERGE)
    docs = make_docs(100)
    backend.rebuild(docs, words=[])
    air = SearchFilters(categories=("air",))
    parsed = backend.parse("噪声")

    def total():
        return backend.search(parsed, air).total

    def phrase_total():  # the phrase path reads posting blocks itself
        return backend.search(backend.parse("幸福小区"), air).total

    before, before_phrase = total(), phrase_total()
    assert before > 0 and before_phrase > 0
    # A new report with air, a report losing air, a report removed: in other segments and in
    # the segments whose filter sets are already cached.
    new = SearchDocument(
        id="case:999", kind="case", pk=999, title="新", text="噪声。", categories=["air"], closed_at=BASE
    )
    backend.index([new])
    assert total() == before + 1
    with_air = [d for d in docs if d.kind == "case" and "air" in d.categories and "噪声" in d.text]
    changed = with_air[0]
    changed.categories = ["water"]
    backend.index([changed])
    assert total() == before
    gone = with_air[1]
    backend.delete([gone.id])
    assert total() == before - 1
    assert phrase_total() == before_phrase - ("幸福小区" in changed.text) - ("幸福小区" in gone.text)
    assert any(sub.reader().has_deletions() for sub, _o in backend._searcher().leaf_searchers())


def test_an_index_of_an_older_schema_serves_until_the_worker_rebuilds_it(push, client, settings, tmp_path):  # noqa: F811
    from search import indexing
    from search.backends import get_backend

    settings.SEARCH_INDEX_DIR = tmp_path / "search_index"
    settings.SEARCH_BACKEND_OPTIONS = {}
    settings.CASES_REVIEW_REQUIRED = False
    ref = push(summary="石料厂粉尘。")["reference"]
    backend = get_backend()
    # Replace the live generation by one written the old way: no rank column, no SCHEMA file.
    old = backend.path / "gen-old"
    old.mkdir()
    schema = build_schema()
    schema.remove("rank")
    ix = windex.create_in(str(old), schema)
    writer = ix.writer()
    for doc in indexing.all_documents():
        fields = whoosh_fields(doc)
        fields.pop("rank")
        writer.add_document(**fields)
    writer.commit()
    (backend.path / backend.current_name() / "words.txt").rename(old / "words.txt")
    backend._set_current("gen-old")
    assert not (old / VERSION).exists()

    assert not backend.exists()  # the writer's view: rebuild needed
    data = client.get("/open-data/search.json", {"q": "石料厂"}).json()
    assert [r["reference"] for r in data["results"]] == [ref]  # readers keep working
    outcome = indexing.reconcile()
    assert outcome["rebuilt"] >= 1
    assert backend.exists() and backend.current_name() != "gen-old"
    data = client.get("/open-data/search.json", {"q": "石料厂"}).json()
    assert [r["reference"] for r in data["results"]] == [ref]


def searched_then_one_more_indexed(backend):
    """An index searched once (so the thread holds a searcher), then a commit adding a match."""
    backend.rebuild(make_docs(20), words=[])
    parsed = backend.parse("噪声")
    before = backend.search(parsed, SearchFilters()).total
    backend.index(
        [SearchDocument(id="case:999", kind="case", pk=999, title="新", text="噪声。", closed_at=BASE)]
    )
    return parsed, before


def test_a_searcher_whoosh_cannot_refresh_is_reopened(backend, monkeypatch):
    """whoosh's refresh() can fail with ReaderClosed when a commit lands while it re-reads the
    index (500s under load); the next search must still answer, and see the new document."""
    from whoosh.reading import ReaderClosed
    from whoosh.searching import Searcher

    parsed, before = searched_then_one_more_indexed(backend)

    def refresh(self):
        raise ReaderClosed

    monkeypatch.setattr(Searcher, "refresh", refresh)
    assert backend.search(parsed, SearchFilters()).total == before + 1


def test_a_segment_merged_away_while_the_searcher_opens_is_read_again(backend, monkeypatch):
    """A commit of the worker can delete segment files (a merge) between reading the table of
    contents and opening them: FileNotFoundError, seen under load as a 500. Reading the new
    table of contents answers, with the new document."""
    from whoosh.searching import Searcher

    parsed, before = searched_then_one_more_indexed(backend)
    real_open_dir = windex.open_dir
    failures = []

    def open_dir(*args, **kwargs):
        if len(failures) < 2:
            failures.append(1)
            raise FileNotFoundError("_MAIN_3.seg")
        return real_open_dir(*args, **kwargs)

    def refresh(self):
        raise FileNotFoundError("_MAIN_2.seg")

    monkeypatch.setattr(Searcher, "refresh", refresh)
    monkeypatch.setattr(windex, "open_dir", open_dir)
    assert backend.search(parsed, SearchFilters()).total == before + 1
    assert len(failures) == 2
