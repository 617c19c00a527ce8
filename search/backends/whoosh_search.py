"""Query evaluation over whoosh segments with document sets instead of scoring collectors.

whoosh's collectors visit every matching document in Python (`matcher.next()`, `score()`,
a filter-set lookup) and, to report a total, run the query a second time (`len(results)` with a
limit). At 100,000 reports a common word such as 噪声 matches most of them, which cost
hundreds of milliseconds. Here a query becomes, per segment, a Python `set` of document numbers
built a posting block at a time (one `zlib`/`pickle` decode per 128 postings); `And` and filters
are set intersections in C. Only exact-offset phrases (multi-token words) are checked with
whoosh's own span matcher, and only inside the intersection of their tokens' sets.

Ranking is by the `rank` column (newest closing date first, pages before reports; see
`search.schema`): choosing the top N of a set is one `heapq.nlargest` over the set. The total
is exact: the size of the final set.

Filter sets depend only on the filters and the segment, so they are cached per segment (a
segment never changes once written; deletions are applied separately), bounded by `FILTER_CACHE`.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from collections import OrderedDict
from itertools import accumulate
from pickle import loads

from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.spans import SpanQuery

FILTER_CACHE = 64  # filter sets kept per segment
POS_BITS = 24  # positions are character offsets: up to 16 M characters a document
MAX_OFFSET = 64  # > offset of a token in a query word (words are cut at 40 characters)
DENSE = 20  # a set holding more than 1/DENSE of a segment's documents is "large"


def _blocks(matcher):
    """(docnums, values) of each posting block of a leaf matcher, decoded once per block
    (whoosh 2.7's `W3LeafMatcher`: a block is a pickled tuple of delta-coded ids, weights and
    values; `accumulate` undoes the deltas in C)."""
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        ids, _weights, values = matcher._data
        yield accumulate(ids), values
        matcher._next_block()


def _raw_postings(reader, fieldname: str, tbytes: bytes):
    """The term's posting matcher without whoosh's deleted-document wrapper (stepping through
    that wrapper costs a Python call per posting): callers subtract deletions from the final
    set instead (`search_segments`)."""
    matcher = reader.postings(fieldname, tbytes)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _block_ids(matcher) -> list:
    """All docnums of a leaf posting matcher (other matchers are stepped through)."""
    if not hasattr(matcher, "_read_data") or not hasattr(matcher, "_next_block"):
        return list(matcher.all_ids())
    out: list[int] = []
    for ids, _values in _blocks(matcher):
        out.extend(ids)
    return out


def _start_keys(matcher, wanted: set[int], offset: int) -> set[int]:
    """`(docnum << POS_BITS) + p - offset + MAX_OFFSET` for every position p of the term in the
    documents `wanted`: where the word would start if this token of it stands at p. Packing
    document and start into one int makes the phrase check a C-level set intersection.
    A value is a 4-byte count and the pickled position deltas (`whoosh.formats.Positions`)."""
    bias = MAX_OFFSET - offset
    out: set[int] = set()
    add = out.add
    for ids, values in _blocks(matcher):
        for docnum, value in zip(ids, values, strict=True):
            if docnum in wanted:
                base = (docnum << POS_BITS) + bias
                # Most tokens occur once in a report: read the pickled one-item list
                # `\x80\x02]q\x00 K<byte> a.` (or `M<2 bytes>`) without unpickling.
                if len(value) == 13 and value[9] == 75:  # K: BININT1
                    add(base + value[10])
                elif len(value) == 14 and value[9] == 77:  # M: BININT2, little-endian
                    add(base + value[10] + (value[11] << 8))
                else:
                    for p in accumulate(loads(value[4:] if value[-1:] == b"." else value[4:] + b".")):
                        add(base + p)
    return out


class SegmentState:
    """What a search needs of one segment beyond its reader: the rank of every document and the
    cached filter sets. Valid for as long as the segment exists (its id never gets reused)."""

    def __init__(self, reader):
        doccount = reader.doc_count_all()
        if "rank" in reader.schema and reader.has_column("rank"):
            column = reader.column_reader("rank")
            self.rank = array("q", (column[n] for n in range(doccount)))
        else:  # an index written before the rank column: document order
            self.rank = array("q", range(doccount, 0, -1))
        # Docnums best first: the top of a large set is found by walking this list.
        self.order = array("I", sorted(range(doccount), key=self.rank.__getitem__, reverse=True))
        self._filters: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def filter_set(self, key, build):
        with self._lock:
            found = self._filters.get(key)
            if found is not None:
                self._filters.move_to_end(key)
                return found
        docs = frozenset(build())
        with self._lock:
            self._filters[key] = docs
            while len(self._filters) > FILTER_CACHE:
                self._filters.popitem(last=False)
        return docs


class DocSets:
    """Evaluates a whoosh query to the set of matching docnums of one segment searcher."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()

    def __call__(self, q: wq.Query) -> set[int]:
        reader = self.reader
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return set()
        if isinstance(q, wq.Term):
            field = self.searcher.schema[q.fieldname]
            tbytes = field.to_bytes(q.text)
            if (q.fieldname, tbytes) not in reader:
                return set()
            return set(_block_ids(_raw_postings(reader, q.fieldname, tbytes)))
        if isinstance(q, wq.And):
            parts = sorted(q.subqueries, key=lambda sub: sub.estimate_size(reader))
            result: set[int] | None = None
            for sub in parts:
                found = self(sub)
                result = found if result is None else result & found
                if not result:
                    return set()
            return result or set()
        if isinstance(q, wq.Or):
            result = set()
            for sub in q.subqueries:
                result |= self(sub)
            return result
        if isinstance(q, wq.NumericRange):
            return self(q._compile_query(reader))
        if isinstance(q, wq.MultiTerm):  # Prefix, TermRange...
            result = set()
            for fieldname, tbytes in q.expanded_terms(reader):
                if (fieldname, tbytes) in reader:
                    result.update(_block_ids(_raw_postings(reader, fieldname, tbytes)))
            return result
        tiles = getattr(q, "tiles", None)
        if tiles and isinstance(q, SpanQuery):
            return self._phrase(tiles)
        if isinstance(q, SpanQuery):
            # Only documents holding every token can hold the phrase: check those alone.
            terms = [wq.Term(f, t) for f, t in q.iter_all_terms()]
            candidates = self(wq.And(terms)) if terms else set()
            if not candidates:
                return set()
            return set(q.matcher(self.searcher).all_ids()) & candidates
        return set(q.matcher(self.searcher).all_ids())

    def _phrase(self, tiles) -> set[int]:
        """Documents with tile i at p + offset_i for some p (see `search.query.word_query`)."""
        candidates = self(wq.And([wq.Term(f, t) for f, t, _o in tiles]))
        schema = self.searcher.schema
        keys: set[int] | None = None
        for fieldname, text, offset in tiles:
            if not candidates:
                return set()
            matcher = _raw_postings(self.reader, fieldname, schema[fieldname].to_bytes(text))
            found = _start_keys(matcher, candidates, offset)
            keys = found if keys is None else keys & found
            candidates = {key >> POS_BITS for key in keys}
        return candidates


def search_segments(
    leaves, states, q: wq.Query, filter_q: wq.Query | None, filter_key, top: int
) -> tuple[int, list[tuple[int, int]]]:
    """(total, [(rank, global docnum)] of the best `top`, best first) over `leaves`, the
    (segment searcher, docnum offset) pairs of one whoosh searcher; `states` gives each
    segment's `SegmentState`."""
    total = 0
    best: list[tuple[int, int]] = []
    for subsearcher, offset in leaves:
        reader = subsearcher.reader()
        state = states(reader)
        evaluate = DocSets(subsearcher)
        docs = evaluate(q)
        if not docs:
            continue
        if filter_q is not None:
            docs &= state.filter_set(filter_key, lambda ev=evaluate: ev(filter_q))
        if docs and reader.has_deletions():
            docs -= set(reader.segment().deleted_docs())
        total += len(docs)
        if top > 0 and docs:
            rank = state.rank
            if len(docs) * DENSE > len(rank):  # many matches: the first ones in rank order
                chosen = []
                for docnum in state.order:
                    if docnum in docs:
                        chosen.append(docnum)
                        if len(chosen) == top:
                            break
            else:
                chosen = heapq.nlargest(top, docs, key=rank.__getitem__)
            for docnum in chosen:
                best.append((rank[docnum], -(offset + docnum)))
    best.sort(reverse=True)
    return total, [(r, -neg) for r, neg in best[:top]]
