"""jieba's dictionary as a lexicon: is a guessed name really an ordinary word (周边, 高速)?

Loaded once per process, lazily and under a lock; the cache file goes to $VAR_DIR (default
var/ under the project root). jieba's own log lines are silenced: they go to stderr."""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None
_freq: dict[str, int] | None = None


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
            import jieba

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
