"""Guess the full names of private persons who are not in `petitioners` (neighbours, relatives,
grid workers, officials named in pushed texts) from the words around them.

Chinese has no spaces, so a name is read as surname + one or two given characters where a name
is expected: after a role word (邻居, 执法人员, 举报人: strong), before a form of address
(先生, 同志, 局长), in a list after a found name (王某、李某), or after a weak cue (与, 联系, a
comma, a village) when what follows confirms it (家, 称, 说, punctuation). jieba's dictionary
tells ordinary words (周边, 高速) from names. A guess is only ever removed, never kept, so a
wrong guess costs a word of readability, not a leak."""

from __future__ import annotations

import re

from . import names as n
from .lexicon import name_tokens, person_words, tokenizer, word_freq

Found = tuple[int, int, str]


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_STRONG = re.compile(r"(?:" + _alternation(n.ROLE_CUES) + r")(?:是|为|叫|：|:|\s|，|,){0,2}")
# A label of a table cell or a form: any role word ending in 人/员/长/… before a colon
# (写信人：, 核查组组长：, 反馈对象：).
_LABEL = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:人|员|长|者|主任|书记|主管|干部|代表|对象|专干|签名|签字)\s?[：:]\s?"
)
# A role right after a name, in brackets or a table column: 王建国（村党支部书记）, 王建国　生产主管
_ROLE_END = (
    r"(?:长|主任|书记|主管|专员|专干|干部|委员|科员|队员|员|经理|负责人|控制人|经营者|代表|村民|居民|群众|"
    r"业主|住户|股东|法人|老板|会计|司机|工人|职工|师傅|医生|老师)"
)
_POST_ROLE = re.compile(
    r"(?:[（(]|[ \t\u3000|｜]{1,3})(?:该厂|该公司|该企业|该场|该店)?[\u4e00-\u9fff]{0,9}?"
    + _ROLE_END
    + r"(?=[）)\s\u3000|｜，,。；;、]|$)"
)
# Between two members of a list of names: 、 和 与 及, or spaces / a table bar.
_SPEAKER = re.compile(r"(?:^|\n)[ \t@]*([\u4e00-\u9fff])")
_SPEAKER_END = re.compile(r"(?:[（(][^）)\n]{1,12}[）)])?\s?[：:]")
_LIST_SEP = re.compile(r"[、和与及,，/]|[ \t\u3000|｜]{1,3}")
_WEAK = re.compile(r"(?:" + _alternation(n.WEAK_CUES) + r")\s?")
_POST = re.compile(r"副?(?:" + _alternation(tuple(h for h in n.HONORIFICS if len(h) >= 2)) + r")")
# A place right after a cue must not be eaten: 村民向阳村王建国 -> skip 向阳村, read 王建国.
_PLACE_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:街道|社区|小区|花园|家园|新村|镇|乡|村|组|屯|庄)")
_BEFORE_PHONE = re.compile(
    r"(?<=[\u4e00-\u9fff])[（(：:\s]{0,2}(?:电话|手机|联系电话|联系方式)?[：:\s]{0,2}(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d){8}(?!\d)"
)
_MOBILE_AFTER = re.compile(r"(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d){8}(?!\d)")
_HONORIFIC_STARTS = tuple(n.HONORIFICS)
_HONORIFIC_SET = frozenset(n.HONORIFICS)
_AFTER_STARTS = tuple(n.AFTER_NAME)
# What follows a name but never a place: a confirmation strong enough to accept a guess that
# starts like a word (石桥镇朱红家, 白天菊、).
_STRONG_AFTER = tuple(w for w in n.AFTER_NAME if w not in ("（", "(", "等", "也", "打", "住"))
_PLACE_AFTER = frozenset("区县市省镇乡村路街巷道弄厂司局站所院苑湾桥店场馆队城堡岗坡沟坝营集铺塘圩岭坊畈嘴坪")
_PLACE_NAME_AFTER = re.compile(
    r"家[^\W\d_的之里门人中]{0,2}?(?:村|镇|庄|湾|屯|岗|畈|坝|沟|乡|寨|铺|营|集|堡|岭|坡|塘|圩|桥|港|嘴|坪|场)"
)
# Common in given names and common as verbs: part of the name when a confirmation follows
# (王德发系该厂 …), not otherwise (韦瑞来看过).
_NAME_OR_VERB = frozenset("发来和为才")
# A guess followed by the rest of an organisation's name is the start of that name (金鑫五金店).
_ORG_AFTER = re.compile(
    r"[^\W\d_" + "".join(sorted(n.GIVEN_STOP_CHARS)) + r"]{0,3}?"
    r"(?:有限公司|公司|厂|店|馆|中心|超市|酒楼|饭庄|合作社|养殖场|农场|医院|学校|集团|商行|门市|诊所|作坊|站)"
)
_G1_STOP = frozenset("说称也的了着过是在和与及等们某甲乙丙丁讲表反")
# First characters that are verbs or function words far more often than surnames.
_NOT_FIRST = frozenset(
    "用在到对把被将向从也都就还又已不没很太最更有无要会能可应该去来说讲打发写看听让给叫是和与及或但而"
)
_WORD = 30  # a dictionary frequency from which a string is an ordinary word
_COMMON_WORD = 1000  # ... and a common one (周边 1722, 白天 1456; but 林子 420, 朱德 902)
# Single-character cues that also begin words (和平, 及时, 与其): skip when they do.
_FUNCTION_CUES = frozenset("与和及同跟向由对给请让经据被将把找问")


def _surname_len(text: str, pos: int) -> int:
    if text[pos : pos + 2] in n.COMPOUND_SURNAMES:
        return 2
    if pos < len(text) and text[pos] in n.SURNAMES:
        return 1
    return 0


def _confirmed(text: str, end: int) -> bool:
    """Punctuation, the end, a word that follows names (家, 称, 同志 ...) or a mobile number
    (联系人张三丰18655512345)."""
    if end >= len(text):
        return True
    ch = text[end]
    if not _is_cjk(ch) and not ch.isalnum():
        return True
    return text.startswith(_AFTER_STARTS, end) or bool(_MOBILE_AFTER.match(text, end))


def _strongly_confirmed(text: str, end: int) -> bool:
    return end < len(text) and text.startswith(_STRONG_AFTER, end)


def _word_score(candidate: str) -> int:
    """How much a guess reads as ordinary words: the dictionary frequency of the guess, of its
    first two characters (周边, 高速), or, behind a rare surname character, of the rest
    (有+群众, 时+清运). Names score low; 0 when none is a word."""
    sl = 2 if candidate[:2] in n.COMPOUND_SURNAMES else 1
    if candidate in n.NOT_NAMES:
        return 10**9
    if len(candidate) > 2 and candidate in person_words():
        return 0  # (two-character "names" there are mostly words: 明白, 文明, 阳光, 敬礼)
    score = word_freq(candidate)
    if sl == 1:
        if candidate[:2] in n.NOT_NAMES:
            return 10**9
        score = max(score, word_freq(candidate[:2]))
        if len(candidate) > 2 and candidate[0] not in n.COMMON_SURNAMES:
            tail = word_freq(candidate[1:])
            if tail >= 300:
                score = max(score, tail // 5)  # 有群众 3569, but 巩春秋 645
    return score


def _looks_like_word(candidate: str) -> bool:
    return _word_score(candidate) >= _WORD


def read_forward(text: str, pos: int) -> int:
    """End of the longest plausible surname + given name starting at pos, or 0."""
    sl = _surname_len(text, pos)
    if not sl:
        return 0
    g = pos + sl
    if g >= len(text):
        return 0
    g1 = text[g]
    if _PLACE_NAME_AFTER.match(text, g):
        return 0  # 马家庄村, 王家湾: a place named after a family
    if not _is_cjk(g1) or g1 in n.NOT_IN_GIVEN or g1 in _G1_STOP or text.startswith(_HONORIFIC_STARTS, g):
        return 0
    end = g + 1
    if end < len(text):
        g2 = text[end]
        if (
            _is_cjk(g2)
            and g2 not in n.NOT_IN_GIVEN
            and (g2 not in n.GIVEN_STOP_CHARS or g2 in _NAME_OR_VERB and _confirmed(text, end + 1))
            and not text.startswith(_HONORIFIC_STARTS, end)
            and (not text.startswith(_AFTER_STARTS, end) or g2 in _NAME_OR_VERB and _confirmed(text, end + 1))
        ):
            end += 1
    if end < len(text) and text[end] in _PLACE_AFTER:
        return 0  # 钱江新城, 洪山区: a place, not a person
    if (
        end - g == 2
        and word_freq(text[end - 1 : end + 1]) >= 100
        and word_freq(text[g:end]) < 100
        and not _confirmed(text, end)
    ):
        end -= 1  # 赵伟牵头: 牵头 is a word, the name is 赵伟 (but 龙娜国家的: 龙娜国 + 家)
    if end < len(text) and text[end] in _PLACE_AFTER or _PLACE_NAME_AFTER.match(text, end):
        return 0  # 洪山区, 福临村, 由周家畈村: a place, not a person
    if _ORG_AFTER.match(text, end):
        return 0  # 金鑫五金店, 张伟食品厂: an organisation, kept
    return end


def _accept(text: str, start: int, end: int, strong: bool) -> bool:
    candidate = text[start:end]
    if candidate in n.NOT_NAMES:
        return False
    if strong:
        # After a role word a name is expected. Many names start like a word (林子, 秦军怡,
        # 白天菊): only very common words are refused, and mid-frequency ones need confirmation.
        sl = 2 if candidate[:2] in n.COMPOUND_SURNAMES else 1
        whole = word_freq(candidate)
        head = whole if len(candidate) == sl + 1 or sl == 2 else word_freq(candidate[:2])
        if len(candidate) > sl + 1 and whole >= _WORD:
            # a name the dictionary knows (张三丰) right before a mobile number is that person's
            return candidate in person_words() and bool(_MOBILE_AFTER.match(text, end))
        if sl == 1 and candidate[0] in _NOT_FIRST and word_freq(text[start + 1 : start + 3]) >= _COMMON_WORD:
            return False  # 孩子都出现咳嗽: an adverb before a common word, not 都 the surname
        if head >= _COMMON_WORD or (sl == 1 and candidate[:2] in n.NOT_NAMES):
            return len(candidate) > sl + 1 and _confirmed(text, end) and candidate[:2] not in n.NOT_NAMES
        return head < _WORD or _confirmed(text, end)
    if not _confirmed(text, end):
        return False
    score = _word_score(candidate)
    if score < _WORD:
        return True
    if not _strongly_confirmed(text, end):
        return False
    # a firm confirmation (家, 称, 多次 …) outweighs a reading as a word of middling frequency;
    # a three-character guess only needs its whole to be no word (叶子涵多次, 巩春秋家)
    sl = 2 if candidate[:2] in n.COMPOUND_SURNAMES else 1
    if sl == 1 and candidate[0] not in n.COMMON_SURNAMES and word_freq(candidate[1:]) >= 5 * _COMMON_WORD:
        return False  # 有群众反映: a rare surname character before a very common word
    if len(candidate) == sl + 2 and word_freq(candidate) < _WORD and candidate[:2] not in n.NOT_NAMES:
        return score < 5 * _COMMON_WORD
    return score < _COMMON_WORD


def read_unknown_surname(text: str, pos: int) -> int:
    """After a strong cue, a three-character name with a surname missing from our list
    (邻居初志林家): accepted only when it is no dictionary word and what follows confirms it."""
    window = text[pos : pos + 3]
    if len(window) < 3 or not all(_is_cjk(c) and c not in n.NOT_IN_GIVEN for c in window):
        return 0
    if window[0] in _NOT_FIRST or window[1] in _G1_STOP or window[2] in n.GIVEN_STOP_CHARS:
        return 0
    if text.startswith(_HONORIFIC_STARTS, pos + 1) or text.startswith(_HONORIFIC_STARTS, pos + 2):
        return 0
    if word_freq(window[:2]) or word_freq(window) or word_freq(window[1:]) >= 500:
        return 0
    return pos + 3 if _confirmed(text, pos + 3) else 0


def read_backward(text: str, cue_start: int) -> int:
    """Start of a full name (surname + given) that ends right before a form of address, or -1."""
    for length in (4, 3, 2):
        start = cue_start - length
        if start < 0:
            continue
        window = text[start:cue_start]
        sl = 2 if window[:2] in n.COMPOUND_SURNAMES else (1 if window[0] in n.SURNAMES else 0)
        given = window[sl:]
        if not sl or not given or len(given) > 2:
            continue
        if any(not _is_cjk(c) or c in n.NOT_IN_GIVEN for c in given):
            continue
        if window in n.COMPOUND_SURNAMES or window in n.NOT_NAMES or word_freq(window) >= _WORD:
            continue
        if given.startswith(_HONORIFIC_STARTS) or given in _HONORIFIC_SET:
            continue  # 胡女士: surname + form of address, allowed
        if (
            length == 3
            and sl == 1
            and start > 0
            and text[start - 1] not in _FUNCTION_CUES
            and word_freq(text[start - 1 : start + 1]) >= _WORD
        ):
            continue  # 房东巩燕, 主任郑华: the first character ends the word before (but 对白彤凤)
        if sl == 1 and window[0] in _NOT_FIRST and window[1] in n.SURNAMES:
            continue  # 向张伟先生 is 张伟先生; 向张先生 is 张先生 (allowed)
        return start
    return -1


def _read_after_cue(text: str, pos: int) -> tuple[int, int]:
    end = read_forward(text, pos)
    if end and _accept(text, pos, end, strong=True):
        return pos, end
    end = read_unknown_surname(text, pos)
    if end:
        return pos, end
    m = _PLACE_PREFIX.match(text, pos)
    if m:
        end = read_forward(text, m.end())
        if end and _accept(text, m.end(), end, strong=False):
            return m.end(), end
    return 0, 0


_NAME_CLASS = "[" + "".join(sorted(n.NAME_CHARS)) + "]"
# Compound surnames that are also ordinary words (东方, 长孙, 西门) need two given characters.
_WORDLIKE_COMPOUNDS = frozenset(
    "东方 长孙 公孙 东门 西门 南门 百里 第五 司空 单于 太叔 公门 公上 公西 公良 子车".split()
)
_no_cue_re: re.Pattern[str] | None = None


def _no_cue_pattern() -> re.Pattern[str]:
    """Built on first use: it needs the dictionary to tell surname-only characters (鄢, 蔺: rare
    in ordinary words) from surname characters that are common words (于, 和, 向)."""
    global _no_cue_re
    if _no_cue_re is None:
        rare_but_surname = [c for c in n.SURNAMES - n.COMMON_SURNAMES if word_freq(c) < _SURNAME_ONLY_FREQ]
        single = (
            "[" + "".join(sorted(n.COMMON_SURNAMES | frozenset(rare_but_surname))) + "]" + _NAME_CLASS + "{2}"
        )
        strict = "|".join(sorted(n.COMPOUND_SURNAMES & _WORDLIKE_COMPOUNDS))
        loose = "|".join(sorted(n.COMPOUND_SURNAMES - _WORDLIKE_COMPOUNDS))
        _no_cue_re = re.compile(
            "(?=((?:"
            + loose
            + ")"
            + _NAME_CLASS
            + "{1,2}|(?:"
            + strict
            + ")"
            + _NAME_CLASS
            + "{2}|"
            + single
            + "))"
        )
    return _no_cue_re


_SURNAME_ONLY_FREQ = 1000


def _no_cue_names(text: str) -> list[tuple[int, int]]:
    """Full names with no cue word around them: a common (or compound) surname and two given
    characters that are all common in names, where no dictionary word is formed by the guess,
    its first two characters, or its edges with the neighbouring characters."""
    out: list[tuple[int, int]] = []
    last = len(text)
    for m in _no_cue_pattern().finditer(text):
        i, candidate = m.start(), m.group(1)
        end = i + len(candidate)
        sl = 2 if candidate[:2] in n.COMPOUND_SURNAMES else 1
        if end < last and len(candidate) == sl + 1 and text[end] in n.NAME_CHARS:
            continue  # 欧阳娜娜 is read by the two-character branch; a third name character means no name here
        if candidate not in person_words():
            if (
                word_freq(candidate)
                or (sl == 1 and word_freq(candidate[:2]) >= _WORD)
                or _word_score(candidate) >= _WORD
            ):
                continue
        if i > 0 and word_freq(text[i - 1 : i + 1]) >= _WORD:
            continue  # the surname character belongs to the word before it
        if end < last and (word_freq(text[end - 1 : end + 1]) >= _WORD or text[end] in _PLACE_AFTER):
            continue  # the last character belongs to the word after it, or it is a place
        if _PLACE_NAME_AFTER.match(text, end):
            continue
        out.append((i, end))
    return out


_WORDLIKE_NAME_MAX = 1000  # a two-character dictionary "name" more frequent than this is a word (明白, 文明)
# After a token name: the rest of a place (常青花园, 司马台水库) or a number (向东五百米).
_TOKEN_PLACE_AFTER = re.compile(
    r"(?:花园|小区|社区|新村|新城|新区|城区|家园|公园|广场|大道|大街|大厦|商城|公寓|水库|码头|大桥|山庄|景区|园区|湿地|[0-9一二三四五六七八九十百千两几])"
)
# A place character that starts a common word right after a name: 王建峰路过, 李娜站在.
_PLACE_CHAR_WORDS = frozenset("路过 路上 站在 站着 所以 所有 院子 场面 村里 镇上 店里 厂里 局里".split())


def _surname_char_ok(ch: str, length: int) -> bool:
    """Is a single surname character at the start of an unseen token more likely a surname than
    a function word (都受, 时差)? Common surnames always (向 and 于 only with two given
    characters); surname-only characters (鄢, 蔺) always; frequent characters (诸, 连, 初) only
    when the token has two given characters."""
    if ch in n.COMMON_SURNAMES:
        return ch not in _NOT_FIRST or length == 3
    if word_freq(ch) < _SURNAME_ONLY_FREQ:
        return True
    return length == 3 and ch not in _NOT_FIRST and ch not in _FUNCTION_CUES and word_freq(ch) < 50000


def _token_plausible(text: str, s: int, e: int, sl: int) -> bool:
    """A token reading surname + given: no place, organisation, form of address or word."""
    candidate = text[s:e]
    given = candidate[sl:]
    if not given or any(not _is_cjk(c) or c in n.NOT_IN_GIVEN for c in given) or given[0] in _G1_STOP:
        return False
    if given[0] == "记" or candidate in n.NOT_NAMES or (sl == 1 and candidate[:2] in n.NOT_NAMES):
        return False  # 黄记煲仔饭: a shop
    if given in _HONORIFIC_SET or text.startswith(_HONORIFIC_STARTS, s + sl):
        return False
    if e < len(text) and text[e] in _PLACE_AFTER and text[e : e + 2] not in _PLACE_CHAR_WORDS:
        return False  # 王家坝村, 张家港市
    if (
        _PLACE_NAME_AFTER.match(text, s + sl)
        or _PLACE_NAME_AFTER.match(text, e)
        or _TOKEN_PLACE_AFTER.match(text, e)
    ):
        return False  # 王家坝, 常青花园
    return not _ORG_AFTER.match(text, e) and not _LONG_ORG_AFTER.match(text, e)  # 金鑫五金店


_LONG_ORG_AFTER = re.compile(
    r"[^\W\d_的了在是和与及到去从]{0,8}?(?:专卖店|有限公司|公司|厂|店|馆|中心|集团|超市)"
)


def _token_names(text: str) -> list[tuple[int, int]]:
    """Names with no cue, read from jieba's segmentation (its HMM keeps an unseen name together:
    那天冼梓涵开车经过 -> 冼梓涵): a token that starts with a surname and is no dictionary word,
    a dictionary person name (王建国, 李娜, 刘海: not a common word), or a lone surname followed
    by a rare two-character word (雷 + 春生, 夏侯 + 满仓)."""
    out: list[tuple[int, int]] = []
    for m in _CJK_RUN.finditer(text):
        for a, b in _windows(m.group(0)):
            # three characters of context on the left (第二天雷春生, 连海萱思), three on the right
            _token_names_in(text, m.start() + a, tokenizer().lcut(m.group(0)[a:b]), out)
    return out


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def _windows(run: str) -> list[tuple[int, int]]:
    """Stretches of a run of ideographs worth segmenting (segmentation is the costly part):
    around each surname character that does not start a word (周边, 高速, 于是)."""
    nt = name_tokens()
    out: list[tuple[int, int]] = []
    for i, ch in enumerate(run[:-1]):
        if ch in n.SURNAMES:
            head = run[i : i + 2]
            if word_freq(head) < _WORD or head in nt or head in n.COMPOUND_SURNAMES:
                a, b = max(0, i - 3), min(len(run), i + 5)
                if out and a <= out[-1][1] and b - out[-1][0] <= 48:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
    return out


def _token_names_in(text: str, pos: int, tokens: list[str], out: list[tuple[int, int]]) -> None:
    nt, pw = name_tokens(), person_words()
    for k, t in enumerate(tokens):
        i = pos
        pos += len(t)
        if k == len(tokens) - 1 and pos < len(text) and _is_cjk(text[pos]):
            break  # the last token of a window may be cut short
        sl = _surname_len(text, i)
        if not sl or sl > len(t):
            continue
        end = 0
        if sl < len(t) <= sl + 2:
            if t in pw or (len(t) == 2 and t in nt and word_freq(t) < _WORDLIKE_NAME_MAX):
                end = pos
            elif word_freq(t) == 0 and _word_score(t) < _COMMON_WORD:
                if sl == 2 or _surname_char_ok(t[0], len(t)):
                    end = pos  # an unseen word that starts with a surname: a name
        elif len(t) == sl and k + 1 < len(tokens):
            u = tokens[k + 1]
            if (
                len(u) == 2
                and (
                    (sl == 2 or t in n.COMMON_SURNAMES and t not in _NOT_FIRST)
                    and (u in nt or word_freq(u) < _WORDLIKE_NAME_MAX)
                    or word_freq(t) < _SURNAME_ONLY_FREQ
                    and (u in nt or word_freq(u) == 0)
                )
                and u[0] not in n.GIVEN_STOP_CHARS
                and word_freq(t + u) == 0
            ):
                end = pos + 2
        if end and _token_plausible(text, i, end, sl):
            out.append((i, end))


def find_names(text: str, segment: bool = True) -> list[Found]:
    """(start, end, full name) of guessed person names in a normalised text; `segment=False`
    skips the cue-less reading from jieba's segmentation (for a second view of the same text)."""
    found: dict[int, int] = {}

    def add(s: int, e: int) -> None:
        found[s] = max(found.get(s, 0), e)

    for m in _STRONG.finditer(text):
        if m.group(0).startswith("致") and m.start() and text[m.start() - 1] == "此":
            continue  # 此致 敬礼: the close of a letter, not 致 + a name
        s, e = _read_after_cue(text, m.end())
        if e:
            add(s, e)
    for m in _LABEL.finditer(text):
        s, e = _read_after_cue(text, m.end())
        if e:
            add(s, e)
    for m in _POST.finditer(text):
        s = read_backward(text, m.start())
        if s >= 0:
            add(s, m.start())
    for m in _POST_ROLE.finditer(text):
        s = read_backward(text, m.start())
        if s >= 0:
            add(s, m.start())
    for m in _SPEAKER.finditer(text):
        # 胡子佳：…, 王子燕（云淡风轻）：… at the start of a line of a chat or transcript
        s, e = m.start(1), read_forward(text, m.start(1))
        sl = _surname_len(text, s)
        if e and (e - s >= sl + 2 or word_freq(text[s:e]) == 0) and _accept(text, s, e, strong=True):
            if _SPEAKER_END.match(text, e):
                add(s, e)
    for m in _BEFORE_PHONE.finditer(text):
        # 联系人及电话：陈思远 13912345678 / 陈思远（139…）: a name right before a phone number
        s = read_backward(text, m.start())
        if s >= 0 and not _looks_like_word(text[s : m.start()]):
            add(s, m.start())
    starts = [(0, "")] if text else []  # the start of a text is a weak cue too
    for pos, cue in starts + [(m.end(), m.group(0)) for m in _WEAK.finditer(text)]:
        glued = pos < len(text) and cue in _FUNCTION_CUES and word_freq(text[pos - 1 : pos + 1]) >= _WORD
        end = read_forward(text, pos)
        if end and _accept(text, pos, end, strong=False):
            # the cue may be part of a word with the next char (及时, 和平): then only a firm
            # confirmation after the name counts (我和田睿彤多次 …)
            if not glued or _strongly_confirmed(text, end):
                add(pos, end)
    covered = {p for a, b in found.items() for p in range(a, b)}
    for s, e in _no_cue_names(text) + (_token_names(text) if segment else []):
        if not any(p in covered for p in range(s, e)):
            found[s] = e
            covered.update(range(s, e))
    extend_lists(text, found)
    out: list[Found] = []
    for s, e in sorted(found.items()):
        if out and s < out[-1][1]:
            continue  # 公孙子玉家: the cue 孙子 inside a found name says nothing
        out.append((s, e, text[s:e]))
    return out


def _list_member(candidate: str) -> bool:
    """A surname + two-character given name that is no word, next to a found name in a list
    enumerated with 、: the list itself confirms it, even where its first two characters read as a word
    (麻某、万平梅、任某: 万平 as in 万平方米)."""
    sl = 2 if candidate[:2] in n.COMPOUND_SURNAMES else 1
    return (
        len(candidate) == sl + 2
        and candidate not in n.NOT_NAMES
        and word_freq(candidate) < _WORD
        and word_freq(candidate[sl:]) < _COMMON_WORD
    )


def extend_lists(text: str, found: dict[int, int]) -> None:
    """Lists: 张晓峰、李娜 -> the members before a found name, 王建国、李秀英和赵强 -> every member
    after one (added to found, start -> end). Works from any found name, also one found in
    another field of the case (于洋，班子，禚志强三家: 禚志强 was named elsewhere)."""
    covered = {p for a, e in found.items() for p in range(a, e)}
    queue = sorted(found.items())
    while queue:
        s, _e = queue.pop()
        k = s
        while k > 0 and text[k - 1] in " \t\u3000|｜":
            k -= 1
        if k == s and k > 0 and text[k - 1] in "、和与及，,":
            k -= 1
        if k < s and k >= 2:
            b = read_backward(text, k)
            if b >= 0 and b not in found and not any(p in covered for p in range(b, k)):
                if _accept(text, b, k, strong=True) or (text[k] == "、" and _list_member(text[b:k])):
                    found[b] = k
                    covered.update(range(b, k))
                    queue.append((b, k))
    queue = sorted(found.items())
    while queue:
        _s, e = queue.pop()
        sep = _LIST_SEP.match(text, e)
        if sep:
            nxt = sep.end()
            end = read_forward(text, nxt)
            if (
                end
                and nxt not in found
                and (
                    _accept(text, nxt, end, strong=True)
                    or (sep.group(0) == "、" and _list_member(text[nxt:end]))
                )
            ):
                found[nxt] = end
                queue.append((nxt, end))
