"""Door-level addresses: building / unit / room, house numbers in villages and lanes.

Only the door-level part is removed; the compound, road, village or town before it stays,
because it says where the pollution is (馨园小区24号楼4单元802 -> 馨园小区[地址])."""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十两零〇"
_NUM = r"(?:[A-Za-z]?\d{1,4}[A-Za-z]?|[" + _CN + r"]{1,3}|[A-Ha-h])"
_SEP = r"\s?[-－—]?\s?"
_BUILDING = (
    _NUM
    + r"\s?(?:号楼|栋楼|栋|幢|座|号院|期(?=\s?\d)|区(?=\s?\d)|#楼?|号(?=\s?[\d"
    + _CN
    + r"]{1,3}\s?单元))"
)
_UNIT = _SEP + _NUM + r"\s?(?:单元|门(?!口|前|外|卫)|梯)"
_FLOOR = _SEP + r"\d{1,3}\s?(?:层|楼(?![道梯顶下上房]))"
_ROOM = _SEP + r"\d{1,5}(?![\d年月日元万吨分秒米])\s?(?:室|号房|房间|房|户|号)?"
_END = r"(?![\d年月日元万吨%])"

DOOR = re.compile(
    r"(?<![\dA-Za-z])(?:"
    # 3栋2单元501室, 5号楼302, 9号院1号楼2304, 24幢3单元204, 2单元501
    + r"(?:"
    + _BUILDING
    + r"){1,3}(?:"
    + _UNIT
    + r")?(?:"
    + _FLOOR
    + r")?(?:"
    + _ROOM
    + r")?"
    + r"|"
    + _NUM
    + r"\s?单元(?:"
    + _FLOOR
    + r")?(?:"
    + _ROOM
    + r")?"
    # 村民小组 and house number: 7组33号, 三组12号
    + r"|"
    + _NUM
    + r"\s?(?:村民小组|小组|组|队|社)\s?\d{1,4}\s?号(?:\s?\d{1,5}\s?室)?"
    # lanes: 123弄4号502室
    + r"|\d{1,4}\s?弄(?:\s?\d{1,4}\s?(?:号|支弄))?(?:\s?\d{1,5}\s?室)?"
    # house number + floor (+ room): 15号3楼, 15号3层301
    + r"|\d{1,5}\s?号\s?\d{1,3}\s?(?:层|楼(?![道梯顶下上房]))(?:\s?\d{1,5}\s?室?)?"
    # a room alone: 501室
    + r"|\d{3,5}\s?(?:室|号房|房(?![屋子产东租价地源]))"
    + r")"
    + _END
)
# A house number right after a village, alley or hutong name: 王家村88号, 石板巷5号.
HOUSE_NUMBER = re.compile(
    r"(?:(?<=[村巷弄里屯庄院])|(?<=胡同))\d{1,4}\s?号(?:\s?[-－]?\s?\d{1,5}\s?(?:室|号)?)?" + _END
)
# 3-2-501 right after a compound name (building-unit-room).
DASHED = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,3}-\d{1,2}-\d{2,4}(?![\d\-])")
# Road + house number is a public place for a shop, but a door for a home: removed after a
# home-address cue (住址：人民路88号 -> 住址：人民路[地址]).
ROAD_NUMBER = re.compile(
    r"(?<=[路街道巷弄里])\d{1,5}\s?(?:号院|号)(?:\s?[-－]?\s?\d{1,5}\s?(?:室|号)?)?" + _END
)
HOME_CUE = re.compile(
    r"(?:住址|家住|住在|我家在|家庭住址|现住|现居|居住在|居住于|住于|居住地|住所|地址|家在|寄至|邮寄到)[:：]?\s?"
)
DOOR_CUE = re.compile(r"门牌号?(?:码|为|是|：|:|\s){0,3}([A-Za-z0-9\-" + _CN + r"]{1,12}号?)")


def door_hits(text: str) -> list[tuple[int, int, str]]:
    out = []
    if not any(c.isdigit() for c in text) and not any(c in _CN for c in text):
        return out
    for rx in (DOOR, HOUSE_NUMBER, DASHED):
        for m in rx.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e, "door_address"))
    for m in HOME_CUE.finditer(text):
        clause_end = len(text)
        for stop in "，。；,;\n":
            i = text.find(stop, m.end(), m.end() + 40)
            if i != -1:
                clause_end = min(clause_end, i)
        for r in ROAD_NUMBER.finditer(text, m.end(), min(clause_end, m.end() + 40)):
            out.append((r.start(), r.end(), "door_address"))
    # a road number followed by a building / room in the same clause is a home: 人民路214号幸福里3幢
    for r in ROAD_NUMBER.finditer(text):
        tail = text[r.end() : r.end() + 16]
        for stop in "，。；,;\n":
            tail = tail.split(stop, 1)[0]
        if DOOR.search(tail):
            out.append((r.start(), r.end(), "door_address"))
    for m in DOOR_CUE.finditer(text):
        out.append((m.start(1), m.end(1), "door_address"))
    return out
