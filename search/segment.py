"""Chinese word segmentation for the index and the query: one jieba `Tokenizer` of our own.

The process-wide `jieba.dt` is left alone (the anonymiser uses it); our instance carries the
domain dictionary (`search/dict/domain.txt`) and the words cut out of the subject names the
portal knows. Both the index writer and the web processes segment with the word list stored next
to the index generation they use (see `search.backends.whoosh`), so a query is always cut the way
the documents of that index were cut.

Segmentation choices, all for matching a query word wherever it occurs as a substring:
- HMM is off: unknown-word discovery depends on the surrounding characters, so the same string
  would be cut differently in a query and in a document. Without HMM an unknown name falls apart
  into dictionary words and single characters, the same way everywhere.
- Positions are character offsets (as in jieba's own `ChineseAnalyzer`), so a multi-token query
  word can be matched as an exact-offset phrase (see `search.query`).
- A long token also yields every dictionary word inside it, of any length (jieba's search mode
  only yields the 2- and 3-character ones), so `垃圾中转站` is found inside `新桥镇垃圾中转站`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import jieba
from django.conf import settings

DOMAIN_DICT = Path(__file__).resolve().parent / "dict" / "domain.txt"

# Full-width ASCII and the ideographic space to their half-width forms; length-preserving, so
# character offsets found in the normalised text are offsets in the original text too.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20

_WORDISH = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# jieba's own character classes (jieba.re_han_default): it cuts each such block separately.
_BLOCK = re.compile(r"[\u4e00-\u9fd5a-z0-9+#&._%\-]+")
_HAN = re.compile(r"^[\u4e00-\u9fd5]+$")
_HAN_RUN = re.compile(r"[\u4e00-\u9fd5]{2,}")
# Letters jieba leaves outside its blocks but that are words for us (rare CJK characters).
_LOOSE = re.compile(r"[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff]")
CACHE_SIZE = 200_000

# Subject names: "<place><stem><type>", e.g. 吴塘村 + 福临 + 石料厂, 铜陵市 + 鑫达建材 + 有限公司.
_PLACE_PREFIX = re.compile(
    r"^((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|市|自治州|地区|盟|县|区|旗))*"
    r"(?:[\u4e00-\u9fff]{1,5}?(?:街道|社区|村|镇|乡|苏木|嘎查|开发区|工业园区|园区))?)"
)
_ORG_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "分公司",
    "公司",
    "集团",
    "合作社",
    "中心",
    "厂",
    "场",
    "站",
    "店",
    "行",
    "部",
    "馆",
)


def normalise(text: str) -> str:
    """Half-width ASCII, lower case; never changes the length of the text."""
    text = text.translate(_WIDTH)
    lowered = text.lower()
    return (
        lowered
        if len(lowered) == len(text)
        else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    )


def is_wordish(token: str) -> bool:
    """A token worth indexing: it holds a letter, a digit or a Chinese character."""
    return bool(_WORDISH.search(token))


def read_word_file(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(normalise(line.split()[0]))
    return words


def domain_words() -> list[str]:
    return read_word_file(DOMAIN_DICT)


def subject_name_words(name: str, known: Iterable[str] = ()) -> list[str]:
    """Words a subject name is made of: its place prefix, its stem and its type, so that a
    search for any of them, or for the whole name, is cut the same way as the name itself."""
    name = normalise(name.strip())
    if not _HAN.match(name or "x"):
        return []
    words: list[str] = []
    place = _PLACE_PREFIX.match(name)
    rest = name
    if place and place.group(1):
        prefix = place.group(1)
        rest = name[len(prefix) :]
        words.extend(
            part for part in re.findall(r".+?(?:省|自治区|市|自治州|县|区|旗|街道|社区|村|镇|乡)", prefix)
        )
    kind = ""
    known = set(known)
    if rest in known:
        return [w for w in dict.fromkeys([*words, rest]) if len(w) >= 2]
    for term in sorted((w for w in known if len(w) >= 2 and rest.endswith(w)), key=len, reverse=True):
        if len(rest) - len(term) >= 2:
            kind = term
            break
    if not kind:
        for suffix in _ORG_SUFFIXES:
            if rest.endswith(suffix) and len(rest) - len(suffix) >= 2:
                kind = suffix
                break
    stem = rest[: len(rest) - len(kind)] if kind else rest
    if kind and len(kind) >= 2:
        words.append(kind)
    if 2 <= len(stem) <= 6:
        words.append(stem)
    return [w for w in dict.fromkeys(words) if len(w) >= 2]


class Segmenter:
    """A jieba tokenizer with our word list. Thread-safe; word-list changes are serialised."""

    def __init__(self) -> None:
        tokenizer = jieba.Tokenizer()
        tmp_dir = Path(settings.VAR_DIR) / "jieba"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(tmp_dir)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.default_logger.setLevel(logging.WARNING)
        tokenizer.initialize()
        self._tokenizer = tokenizer
        self._freq = tokenizer.FREQ
        self._lock = threading.Lock()
        self._added: dict[str, int | None] = {}  # word -> its base frequency (None: not in base)
        self.words_key: object = None
        self._cache: dict[str, tuple[tuple[str, int, int], ...]] = {}

    def set_words(self, words: Iterable[str], key: object = None) -> None:
        """Make `words` (and the base dictionary) the vocabulary, undoing earlier additions."""
        wanted = {normalise(w) for w in words if w and len(w) >= 2}
        with self._lock:
            for word in list(self._added):
                if word not in wanted:
                    self._restore(word)
            for word in wanted:
                if word not in self._added:
                    self._added[word] = self._freq.get(word)
                    # The frequency that keeps the word whole (jieba's own suggestion).
                    self._tokenizer.add_word(word, self._tokenizer.suggest_freq(word, tune=False))
            self._cache = {}
            self.words_key = key

    def _restore(self, word: str) -> None:
        base = self._added.pop(word)
        if base:
            self._tokenizer.add_word(word, base)
        else:
            self._tokenizer.del_word(word)

    def cut(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(word, start, end) of the precise cut of normalised `text`, wordish tokens only."""
        start = 0
        for word in self._tokenizer.cut(text, HMM=False):
            end = start + len(word)
            if not word.isspace() and is_wordish(word):
                yield word, start, end
            start = end

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """Index tokens of normalised `text`, sorted by offset (whoosh stores position deltas):
        each cut word, every dictionary word inside a longer word, and every pair of adjacent
        Chinese characters (so any two-character word is found wherever it occurs, even across
        the boundary of two cut words). A single Chinese character is indexed only where it
        stands alone; elsewhere the pairs it belongs to stand for it (see `search.query`).

        jieba cuts each run of Chinese characters, letters and digits (a "block") on its own, so
        the tokens of a block are cached: report texts repeat a lot of phrasing."""
        out: list[tuple[str, int, int]] = []
        for match in _BLOCK.finditer(text):
            base = match.start()
            for word, start, end in self._block_tokens(match.group()):
                out.append((word, base + start, base + end))
        # Rare characters outside jieba's blocks come out as single tokens.
        for match in _LOOSE.finditer(text):
            out.append((match.group(), match.start(), match.end()))
        if len(out) > 1 and _LOOSE.search(text):
            out.sort(key=lambda t: (t[1], t[2]))
        return out

    def _block_tokens(self, block: str) -> tuple[tuple[str, int, int], ...]:
        cache = self._cache
        cached = cache.get(block)
        if cached is not None:
            return cached
        freq = self._freq
        out: set[tuple[str, int, int]] = set()
        for word, start, end in self.cut(block):
            length = end - start
            if (
                length == 1
                and _HAN.match(word)
                and _HAN_RUN.match(block, max(0, start - 1))
                and (
                    (start > 0 and _HAN.match(block[start - 1]))
                    or (end < len(block) and _HAN.match(block[end]))
                )
            ):
                continue  # a character next to another: its pairs stand for it
            out.add((word, start, end))
            if length > 3 and _HAN.match(word):
                for i in range(length - 2):
                    for j in range(i + 3, length + (0 if i == 0 else 1)):
                        sub = word[i:j]
                        if freq.get(sub):
                            out.add((sub, start + i, start + j))
        for match in _HAN_RUN.finditer(block):
            run, base = match.group(), match.start()
            for i in range(len(run) - 1):
                out.add((run[i : i + 2], base + i, base + i + 2))
        result = tuple(sorted(out, key=lambda t: (t[1], t[2])))
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[block] = result
        return result

    def query_tiles(self, word: str) -> list[tuple[str, int, int]]:
        """The tokens a query word must be found as, at their offsets within the word: its cut
        words, with single Chinese characters replaced by the character pair they stand in
        (pairs are indexed everywhere, so they do not depend on how a document was cut)."""
        tiles = list(self.cut(word))
        out: list[tuple[str, int, int]] = []
        for text, start, end in tiles:
            if len(text) == 1 and _HAN.match(text) and len(word) >= 2:
                if end < len(word) and _HAN.match(word[end]):
                    pair = (word[start : end + 1], start, end + 1)
                elif start > 0 and _HAN.match(word[start - 1]):
                    pair = (word[start - 1 : end], start - 1, end)
                else:
                    out.append((text, start, end))
                    continue
                if pair not in out:
                    out.append(pair)
            else:
                out.append((text, start, end))
        return sorted(set(out), key=lambda t: (t[1], t[2]))


_segmenter: Segmenter | None = None
_init_lock = threading.Lock()


def get_segmenter() -> Segmenter:
    """The process's one search segmenter (loading jieba's dictionary takes about a second)."""
    global _segmenter
    if _segmenter is None:
        with _init_lock:
            if _segmenter is None:
                _segmenter = Segmenter()
    return _segmenter
