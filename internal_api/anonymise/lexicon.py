"""jieba's dictionary as a lexicon: is a guessed name really an ordinary word (周边, 高速)?

Loaded once per process, lazily and under a lock; the cache file goes to $VAR_DIR (default
var/ under the project root). jieba's own log lines are silenced: they go to stderr."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None
_freq: dict[str, int] | None = None


class _NoTokenizer:
    FREQ: dict[str, int] = {}

    def lcut(self, text: str, HMM: bool = True) -> list[str]:  # noqa: N803 (jieba's spelling)
        return list(text)

    def get_dict_file(self) -> Any:
        raise OSError("jieba is not installed")


def var_dir() -> Path:
    env = os.environ.get("VAR_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "var"


def tokenizer() -> Any:
    """The process-wide jieba.Tokenizer, initialised on first use."""
    global _tokenizer, _freq
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            try:
                import jieba
            except ImportError:  # without the dictionary every guess counts as a name: more goes, never less
                _freq = {}
                _tokenizer = _NoTokenizer()
                return _tokenizer

            jieba.setLogLevel(logging.ERROR)
            logging.getLogger("jieba").setLevel(logging.ERROR)
            tok = jieba.Tokenizer()
            directory = var_dir()
            try:
                directory.mkdir(parents=True, exist_ok=True)
                tok.tmp_dir = str(directory)
            except OSError:
                pass  # an unwritable var dir only costs the cache
            tok.initialize()
            _freq = tok.FREQ
            _tokenizer = tok
    return _tokenizer


def word_freq(word: str) -> int:
    """Frequency of word in jieba's dictionary (0 when absent)."""
    if _freq is None:
        tokenizer()
    assert _freq is not None
    return _freq.get(word, 0) or 0


# Each list is read once per process (two threads racing at start-up both read it: harmless,
# the cache file is replaced atomically).
@cache
def person_words() -> frozenset[str]:
    """Words the dictionary tags as person names (nr) that start with a surname: 李建华 is in it
    with a frequency and must not be mistaken for an ordinary word. Read once from jieba's
    dictionary and cached as a small text file next to jieba's own cache."""
    from .names import COMPOUND_SURNAMES, SURNAMES

    return _dictionary_words(
        "anonymise-person-words.txt",
        lambda word, tag: (
            tag.startswith("nr")
            and 2 <= len(word) <= 4
            and (word[0] in SURNAMES or word[:2] in COMPOUND_SURNAMES)
        ),
    )


@cache
def name_tokens() -> frozenset[str]:
    """Words of one or two characters the dictionary tags as (parts of) person names (nr, nrfg,
    nrt): 志强, 娜娜, 思思, 李娜, 刘海. A token like these right after a lone surname completes a
    name (钮 + 志强); on its own a two-character one starting with a surname may be a name that
    is also a word. Read once from jieba's dictionary and cached next to person_words."""
    return _dictionary_words(
        "anonymise-name-tokens.txt",
        lambda word, tag: tag in ("nr", "nrfg", "nrt") and 1 <= len(word) <= 2,
    )


def _dictionary_words(cache_name: str, keep: Callable[[str, str], bool]) -> frozenset[str]:
    """The words of jieba's dictionary that `keep(word, tag)` selects, read from the dictionary
    once and cached as a small text file next to jieba's own cache."""
    cache = var_dir() / cache_name
    try:
        return frozenset(cache.read_text(encoding="utf-8").split())
    except OSError:
        pass
    words: set[str] = set()
    try:
        with tokenizer().get_dict_file() as f:
            for raw in f:
                parts = raw.decode("utf-8", "ignore").split()
                if len(parts) == 3 and keep(parts[0], parts[2]):
                    words.add(parts[0])
    except (OSError, AttributeError):
        return frozenset()
    try:
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(sorted(words)), encoding="utf-8")
        tmp.replace(cache)  # atomic: a parallel process never reads half a file
    except OSError:
        pass
    return frozenset(words)
