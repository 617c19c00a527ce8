"""Generator of hard anonymiser cases in styles other than the shared samples.

`make_case(rng, i)` returns (CaseIn dict, truth dict in the shape of shared/samples/truth.jsonl).
Used by tests/test_anonymise.py and tests/gen_hard_cases.py (which writes JSON lines so that
shared/tools/leakcheck.py can score the anonymiser on them). Everything here is invented."""

from __future__ import annotations

import random
from typing import Any

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "项裴桑应戎阳由鲜哈巩麻植刁衣邝穆池蔺战容井雍普屠虞伏景阮毕初海郜翟羊牛班尉詹邸廉阎鄢檀瞿柯"
)
COMPOUND = [
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "夏侯",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
]
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅琴云莲凤飞宇浩然子轩梓涵欣怡诗琪佳怡雨萱思彤"
    "俊辉志鹏振国斌建峰晓东丹凯鑫淑贞慧颖婷雪玲晶燕倩文博天翔嘉豪昊天睿泽瑞锦程海燕春燕冬梅秋菊海龙永福德胜"
)
OFFICIAL_ROLES = [
    "执法人员",
    "工作人员",
    "副局长",
    "网格员",
    "执法大队队长",
    "环保所所长",
    "村支书",
    "街道办主任",
    "监测站站长",
]
RELATIONS = [
    "邻居",
    "我丈夫",
    "我妻子",
    "我儿子",
    "我女儿",
    "我母亲",
    "我父亲",
    "房东",
    "租户",
    "楼上业主",
    "同村村民",
    "亲戚",
]
PLACES = [
    "向阳村",
    "吴塘村",
    "李家岗村",
    "王家湾村",
    "马家庄村",
    "黄泥岗村",
    "周家畈村",
    "石桥镇",
    "柳林镇",
    "高桥街道",
    "和平社区",
]
COMPOUNDS = [
    "幸福里小区",
    "阳光花园",
    "翡翠城",
    "锦绣华庭",
    "御景湾",
    "春晓苑",
    "金色家园",
    "书香门第小区",
    "南湖春天",
    "东方明珠苑",
]
ROADS = ["人民路", "建设大道", "黄河路", "长江西路", "解放街", "工业大道", "高新路", "胜利街"]
ORGS = [
    "王记饭店",
    "黄河化工有限公司",
    "高新区管委会",
    "周村烧饼店",
    "林业站",
    "张家港市自来水公司",
    "李宁体育用品专卖店",
    "金牛塑料制品厂",
    "陈氏木业加工厂",
    "马鞍山钢铁股份有限公司",
    "石桥镇卫生院",
    "向阳小学",
    "宋家酒楼",
    "于氏汽修中心",
]
SUBJECTS = [
    "华鑫化工有限公司",
    "鸿达塑料制品厂",
    "恒运砂石场",
    "金龙建材有限公司",
    "绿源生猪养殖场",
    "兴旺印染厂",
    "顺达物流园",
]
REGIONS = [
    ("330106", "杭州市西湖区"),
    ("440305", "深圳市南山区"),
    ("110105", "北京市朝阳区"),
    ("510107", "成都市武侯区"),
    ("420111", "武汉市洪山区"),
    ("320583", "苏州市昆山市"),
    ("610113", "西安市雁塔区"),
]
STANDARDS = [
    "GB 3096-2008",
    "GB 12348-2008",
    "GB 16297-1996",
    "HJ 2.2-2018",
    "GB/T 14675-93",
    "GB 8978-1996",
    "GB 14554-93",
]
LAWS = [
    "《中华人民共和国环境噪声污染防治法》第四十三条",
    "《中华人民共和国大气污染防治法》第一百零八条",
    "《中华人民共和国水污染防治法》第八十三条",
    "《中华人民共和国固体废物污染环境防治法》第一百零二条",
]
AREA_CODES = ["010", "021", "022", "023", "020", "0571", "0755", "028", "027", "0512", "029", "0551", "0731"]
ID_AREAS = ["110105", "310115", "330106", "440305", "510107", "420111", "320583", "610113", "810000"]
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
NEV = "DABCEFGHJK"
FULLWIDTH = {
    c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
}
ZW = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


# ---------------------------------------------------------------- values
def person(rng: random.Random, surname: str | None = None) -> tuple[str, str, str]:
    """(full name, surname, given)"""
    if surname is None:
        surname = rng.choice(COMPOUND) if rng.random() < 0.12 else rng.choice(SURNAMES)
    n = 1 if rng.random() < 0.2 else 2
    given = "".join(rng.choice(GIVEN) for _ in range(n))
    return surname + given, surname, given


def mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def landline(rng: random.Random) -> str:
    area = rng.choice(AREA_CODES)
    local_len = 8 if len(area) == 3 else rng.choice((7, 8))
    return area + rng.choice("2345678") + "".join(rng.choice("0123456789") for _ in range(local_len - 1))


def id_number(rng: random.Random) -> str:
    body = (
        rng.choice(ID_AREAS)
        + f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        + f"{rng.randint(0, 999):03d}"
    )
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]
    return body + check


def id15(rng: random.Random) -> str:
    return (
        rng.choice(ID_AREAS)
        + f"{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        + f"{rng.randint(0, 999):03d}"
    )


def bank_card(rng: random.Random) -> str:
    n = rng.choice((16, 17, 19))
    return rng.choice(("62", "45", "52", "60")) + "".join(rng.choice("0123456789") for _ in range(n - 2))


def email(rng: random.Random) -> str:
    user = rng.choice(["zhang", "li.ming", "wang_fang", "hz", "xiaoyu", "lw"]) + str(rng.randint(10, 99999))
    return (
        user
        + "@"
        + rng.choice(["qq.com", "163.com", "126.com", "sina.com", "outlook.com", "foxmail.com", "gmail.com"])
    )


def qq(rng: random.Random) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.randint(5, 9)))


def wechat(rng: random.Random) -> str:
    chars = "abcdefghijkmnpqrstuvwxyz0123456789_-"
    return (
        rng.choice("abcdefghjkmnpqrstuvwxyzABCDEFGH")
        + "".join(rng.choice(chars) for _ in range(rng.randint(5, 14))).rstrip("-_")
        + str(rng.randint(1, 9))
    )


def plate(rng: random.Random) -> str:
    p = rng.choice(PROVINCES) + rng.choice(PLATE_LETTERS.replace("I", "").replace("O", ""))
    alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    kind = rng.random()
    if kind < 0.4:
        return p + "".join(rng.choice("0123456789") for _ in range(5))
    if kind < 0.6:
        return (
            p
            + "".join(rng.choice(alnum) for _ in range(3))
            + "".join(rng.choice("0123456789") for _ in range(2))
        )
    if kind < 0.8:
        return p + rng.choice(NEV) + rng.choice(alnum) + "".join(rng.choice("0123456789") for _ in range(4))
    return p + "".join(rng.choice("0123456789") for _ in range(5)) + rng.choice(NEV)


def passport(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "E" + "".join(rng.choice("0123456789") for _ in range(8))
    return "E" + rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(7))


def ipv4(rng: random.Random) -> str:
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def ipv6(rng: random.Random) -> str:
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    if rng.random() < 0.5:
        return "2001:db8::" + ":".join(groups[:3])
    return ":".join(groups)


def uscc(rng: random.Random) -> str:
    body = (
        rng.choice("9915")
        + rng.choice("1223")
        + rng.choice(ID_AREAS)
        + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    )
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


# ---------------------------------------------------------------- written forms
def fullwidth(s: str) -> str:
    return "".join(FULLWIDTH.get(c, c) for c in s)


def number_form(rng: random.Random, digits: str, phone: bool = False) -> str:
    """One of the forms of the contract: as given, spaced, dashed, dotted, +86, full-width,
    zero-width inside, split by a line break, lower-case x."""
    form = rng.randrange(10)
    if form == 0:
        return digits
    if form == 1 and phone and len(digits) == 11:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if form == 2 and phone and len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if form == 3 and phone and len(digits) == 11:
        return rng.choice(["+86 ", "+86-", "86-", "0086 ", "(+86)", "＋86 "]) + digits
    if form == 4:
        return fullwidth(digits)
    if form == 5:
        k = rng.randint(2, len(digits) - 2)
        return digits[:k] + rng.choice(ZW) + digits[k:]
    if form == 6:
        k = rng.randint(3, len(digits) - 3)
        return digits[:k] + "\n" + digits[k:]
    if form == 7:
        return digits.lower()
    if form == 8:
        return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
    return ".".join(digits[i : i + 3] for i in range(0, len(digits), 3)) if phone else digits


def landline_form(rng: random.Random, value: str) -> str:
    area = value[:3] if value[1] in "12" else value[:4]
    local = value[len(area) :]
    return rng.choice(
        [
            f"{area}-{local}",
            f"({area}){local}",
            f"{area} {local[:4]} {local[4:]}",
            f"{area}-{local}转{rng.randint(1, 899)}",
            value,
        ]
    )


def plate_form(rng: random.Random, value: str) -> str:
    return rng.choice(
        [
            value,
            value[:2] + "·" + value[2:],
            value[:2] + " " + value[2:],
            value[:2] + "-" + value[2:],
            fullwidth(value),
        ]
    )


def name_form(rng: random.Random, value: str) -> str:
    r = rng.random()
    if r < 0.1:
        return " ".join(value)
    if r < 0.2:
        return value[0] + rng.choice(ZW) + value[1:]
    return value


# ---------------------------------------------------------------- a case
class Builder:
    def __init__(self) -> None:
        self.not_appear: list[dict[str, Any]] = []
        self.appear: list[dict[str, Any]] = []
        self.should: list[dict[str, Any]] = []

    def leak(self, value: str, kind: str, field: str) -> None:
        self.not_appear.append({"value": value, "kind": kind, "fields": [field]})

    def keep(self, value: str, kind: str, field: str) -> None:
        self.appear.append({"value": value, "kind": kind, "fields": [field]})


def make_case(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    b = Builder()
    region_code, region = rng.choice(REGIONS)
    subject = rng.choice(SUBJECTS)
    place = rng.choice(PLACES)
    compound = rng.choice(COMPOUNDS)
    org = rng.choice(ORGS)
    year = rng.randint(2023, 2026)
    date1 = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    # petitioners: sometimes several sharing a surname
    npet = rng.choice((0, 1, 1, 1, 2, 2, 3))
    shared = person(rng)[1] if npet > 1 and rng.random() < 0.6 else None
    pets: list[dict[str, Any]] = []
    used: set[str] = set()
    for _ in range(npet):
        full, sur, given = person(rng, shared)
        while full in used:
            full, sur, given = person(rng, shared)
        used.add(full)
        pet: dict[str, Any] = {"name": full, "phone": rng.choice([mobile(rng), mobile(rng), landline(rng)])}
        if rng.random() < 0.6:
            pet["id_number"] = id_number(rng)
        if rng.random() < 0.5:
            pet["address"] = (
                f"{region}{compound}{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}室"
            )
        if rng.random() < 0.4:
            pet["email"] = email(rng)
        if rng.random() < 0.4:
            pet["wechat"] = wechat(rng)
        if rng.random() < 0.3:
            pet["qq"] = qq(rng)
        if rng.random() < 0.4:
            pet["other_identifiers"] = [plate(rng)] + ([bank_card(rng)] if rng.random() < 0.5 else [])
        pets.append(pet)

    summary: list[str] = []
    investigation: list[str] = []
    handling: list[str] = []
    reply: list[str] = []

    def leak_name(full: str, sur: str, given: str, field: str, kind: str = "name") -> None:
        b.leak(full, kind, field)
        if len(given) >= 2:
            b.leak(given, "given_name" if kind == "name" else "other_given", field)

    # --- the summary, in one of several styles
    style = rng.randrange(4)
    b.keep(date1, "date", "summary")
    b.keep(region, "region", "summary")
    b.keep(subject, "subject", "summary")
    if pets and style == 0:
        p0 = pets[0]
        summary.append(f"来电人：{name_form(rng, p0['name'])}\n联系电话：{_phone_text(rng, p0['phone'])}\n")
        leak_name(p0["name"], p0["name"][:1], _given(p0["name"]), "summary")
        _leak_number(b, p0["phone"], "summary")
        if "id_number" in p0:
            summary.append(f"身份证：{number_form(rng, p0['id_number'])}\n")
            b.leak(p0["id_number"], "id_number", "summary")
        summary.append(f"来电时间：{date1}\n诉求：反映{region}{subject}夜间偷排废气，气味刺鼻。")
    elif pets and style == 1:
        p0 = pets[0]
        summary.append(
            f"{date1}，{region}{place}村民{p0['name']}（手机{_phone_text(rng, p0['phone'])}）来信反映：{subject}噪声扰民。"
        )
        leak_name(p0["name"], "", _given(p0["name"]), "summary")
        _leak_number(b, p0["phone"], "summary")
        b.keep(place, "place", "summary")
    elif pets and style == 2:
        p0 = pets[0]
        summary.append(
            f"{date1}，{p0['name']}在网上留言称，{region}{subject}的粉尘飘进{compound}，家住{compound}"
        )
        door = f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}"
        summary.append(door + "，窗台上全是灰。")
        b.leak(door, "door_address", "summary")
        b.keep(compound, "place", "summary")
        leak_name(p0["name"], "", _given(p0["name"]), "summary")
    else:
        summary.append(f"{date1}，有群众匿名反映{region}{subject}废水直排{place}的河道。")
        b.keep(place, "place", "summary")
    # co-petitioners
    for p in pets[1:]:
        summary.append(f"同时反映的还有{p['name']}，联系方式{_phone_text(rng, p['phone'])}。")
        leak_name(p["name"], "", _given(p["name"]), "summary")
        _leak_number(b, p["phone"], "summary")
    # other identifiers of petitioners in the text
    for p in pets:
        if "wechat" in p and rng.random() < 0.7:
            summary.append(rng.choice(["微信号：", "VX：", "wx:", "微信 ", "加我微信"]) + p["wechat"] + "。")
            b.leak(p["wechat"], "wechat", "summary")
        if "qq" in p and rng.random() < 0.7:
            summary.append(rng.choice(["QQ：", "扣扣号", "Q号 ", "qq"]) + p["qq"] + "。")
            b.leak(p["qq"], "qq", "summary")
        if "email" in p and rng.random() < 0.7:
            e = p["email"] if rng.random() < 0.7 else p["email"].upper()
            summary.append(f"邮箱{e}。")
            b.leak(p["email"], "email", "summary")
        for other in p.get("other_identifiers", []):
            if rng.random() < 0.7:
                if other[0] in PROVINCES:
                    summary.append(f"涉事车辆停在我家门口，我的车是{plate_form(rng, other)}。")
                    b.leak(other, "plate", "summary")
                else:
                    summary.append(f"补偿款请打到银行卡{number_form(rng, other)}。")
                    b.leak(other, "bank_card", "summary")
        if "address" in p and rng.random() < 0.6:
            summary.append(f"住址：{p['address']}。")
            b.leak(p["address"], "address", "summary")
    # neighbours, relatives, anyone's identifiers
    if rng.random() < 0.8:
        full, sur, given = person(rng)
        rel = rng.choice(RELATIONS)
        tail = rng.choice(["家", "也可以作证", "称", "说", "，", "（电话" + mobile(rng) + "）"])
        summary.append(f"{rel}{name_form(rng, full)}{tail}反映情况属实。")
        leak_name(full, sur, given, "summary", "other_name")
        if "电话" in tail:
            b.leak(tail[3:-1], "phone", "summary")
    if rng.random() < 0.5:
        full, sur, given = person(rng)
        summary.append(f"{place}{full}家的鸡鸭也死了。")
        leak_name(full, sur, given, "summary", "other_name")
        b.keep(place, "place", "summary")
    if rng.random() < 0.5:
        v = rng.choice(
            [
                ("id", id15(rng)),
                ("ip", ipv4(rng)),
                ("ip", ipv6(rng)),
                ("passport", passport(rng)),
                ("landline", landline(rng)),
                ("plate", plate(rng)),
                ("id", id_number(rng)),
            ]
        )
        kind, value = v
        if kind == "id":
            summary.append(f"举报人提供的身份证号为{value}。")
            b.leak(value, "id_number", "summary")
        elif kind == "ip":
            summary.append(f"网上留言的IP地址：{value}。")
            b.leak(value, "ip", "summary")
        elif kind == "passport":
            summary.append(f"外籍住户护照号码{value}。")
            b.leak(value, "passport", "summary")
        elif kind == "landline":
            summary.append(f"家里座机{landline_form(rng, value)}。")
            b.leak(value, "landline", "summary")
        else:
            summary.append(f"运渣车{plate_form(rng, value)}天天半夜经过。")
            b.leak(value, "plate", "summary")
    if rng.random() < 0.4:
        summary.append(f"附近的{org}也受到影响。")
        b.keep(org, "org", "summary")
    if rng.random() < 0.4:
        v = f"{rng.randint(1, 12)}组{rng.randint(1, 60)}号"
        summary.append(f"我家在{place}{v}。")
        b.leak(v, "door_address", "summary")
        b.keep(place, "place", "summary")

    # --- investigation: officials named, measurements, standards, credit code
    o1 = person(rng)
    o2 = person(rng)
    role = rng.choice(OFFICIAL_ROLES)
    measured = f"{rng.randint(50, 80)}.{rng.randint(0, 9)}分贝"
    std = rng.choice(STANDARDS)
    date2 = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    code = uscc(rng)
    boss = person(rng)
    investigation.append(
        f"{date2}，{role}{o1[0]}、{o2[0]}到{subject}（统一社会信用代码：{code}）现场检查，"
        f"厂界噪声{measured}，超过{std}标准限值。该厂负责人{boss[0]}表示立即整改。"
    )
    leak_name(boss[0], boss[1], boss[2], "investigation", "other_name")
    b.keep(date2, "date", "investigation")
    b.keep(measured, "measurement", "investigation")
    b.keep(std, "standard", "investigation")
    b.keep(code, "credit_code", "investigation")
    leak_name(o1[0], o1[1], o1[2], "investigation", "official_name")
    leak_name(o2[0], o2[1], o2[2], "investigation", "official_name")
    if pets and rng.random() < 0.5:
        p = pets[-1]
        investigation.append(f"执法人员与{p['name']}沟通，其表示同意。")
        leak_name(p["name"], "", _given(p["name"]), "investigation")

    # --- handling
    fine = rng.choice(["5000元", "2万元", "3.5万元", "人民币壹万元", "80000元"])
    law = rng.choice(LAWS)
    ref = f"HJXF-{year}-{rng.randint(1, 999999):06d}"
    handling.append(f"依据{law}，对{subject}罚款{fine}，案件编号{ref}。")
    b.keep(fine, "amount", "handling")
    b.keep(law, "law", "handling")
    b.keep(ref, "reference", "handling")
    if rng.random() < 0.5:
        o3 = person(rng)
        handling.append(f"由{rng.choice(PLACES)}党委书记{o3[0]}牵头，{o3[0]}同志负责督办。")
        leak_name(o3[0], o3[1], o3[2], "handling", "official_name")

    # --- reply to a petitioner: given name, forms of address
    if pets:
        p = pets[0]
        given = _given(p["name"])
        hot = rng.choice(["12369", "12345"])
        form = rng.randrange(4)
        if form == 0 and len(given) >= 2:
            reply.append(f"{given}您好！您反映的问题已办结。如有疑问请拨打{hot}。")
            b.leak(given, "given_name", "reply")
        elif form == 1:
            reply.append(f"尊敬的{p['name']}先生：经核查，情况部分属实。监督电话{hot}。")
            b.leak(p["name"], "name", "reply")
        elif form == 2:
            reply.append(
                f"已于{date2}电话回复{p['name'][0]}女士（{_phone_text(rng, p['phone'])}），咨询电话{hot}。"
            )
            _leak_number(b, p["phone"], "reply")
        else:
            reply.append(f"已将处理结果告知{p['name']}，对方表示满意。热线{hot}。")
            b.leak(p["name"], "name", "reply")
        b.keep(hot, "hotline", "reply")

    case = {
        "external_id": f"HARD-{i:06d}",
        "channel": rng.choice(["hotline_12369", "letter", "online", "wechat", "visit"]),
        "received_at": f"{year}-03-01T09:00:00+08:00",
        "closed_at": f"{year}-04-01T09:00:00+08:00",
        "region_code": region_code,
        "region_name": region,
        "categories": ["noise"],
        "priority": "general",
        "subject": {"name": subject, "credit_code": code},
        "petitioners": pets,
        "summary": "".join(summary),
        "investigation": "".join(investigation),
        "finding": "partly_substantiated",
        "handling": "".join(handling),
        "penalty": {"case_filed": True, "fine_yuan": 5000, "orders": f"责令改正，依据{law}处理"},
        "reply": "".join(reply) or None,
        "satisfaction": "satisfied",
    }
    for p in pets:  # every value given is a must-not-appear wherever it shows
        b.leak(p["name"], "name", "petitioners")
        for key in ("phone", "id_number", "email", "wechat", "qq"):
            if key in p:
                b.leak(p[key], {"phone": "phone", "id_number": "id_number"}.get(key, key), "petitioners")
    truth = {
        "external_id": case["external_id"],
        "must_not_appear": _dedupe(b.not_appear),
        "must_appear": _dedupe(b.appear),
        "should_appear": b.should,
        "petitioners": len(pets),
        "scenario": "hard",
    }
    return case, truth


def _given(full: str) -> str:
    return full[2:] if full[:2] in COMPOUND else full[1:]


def _phone_text(rng: random.Random, value: str) -> str:
    return landline_form(rng, value) if value.startswith("0") else number_form(rng, value, phone=True)


def _leak_number(b: Builder, value: str, field: str) -> None:
    b.leak(value, "landline" if value.startswith("0") else "phone", field)


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for it in items:
        key = (it["value"], it["kind"])
        if key in seen:
            seen[key]["fields"] = sorted(set(seen[key]["fields"]) | set(it["fields"]))
        else:
            seen[key] = dict(it)
    return list(seen.values())


# ---------------------------------------------------------------- a second style (tickets, letters, transcripts)
TICKET_ROLES = ["诉求人", "来电人", "投诉人", "信访人", "反映人", "联系人"]
BOSS_ROLES = ["法人代表", "实际经营者", "负责人", "老板", "厂长", "股东"]
STAFF_ROLES = ["承办人", "经办人", "审核人", "记录人", "执法队员", "环保专干", "驻村干部"]


def make_case_b(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Another sender's style: a 12345 ticket, a letter in the first person, an inquiry record
    (询问笔录), an accountability note, and a reply; different cues and layouts from make_case."""
    b = Builder()
    region_code, region = rng.choice(REGIONS)
    subject = rng.choice(SUBJECTS)
    place = rng.choice(PLACES)
    compound = rng.choice(COMPOUNDS)
    road = rng.choice(ROADS)
    year = rng.randint(2023, 2026)
    d1 = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    d2 = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日{rng.randint(8, 17)}时{rng.randint(10, 59)}分"
    full, sur, given = person(rng)
    pet: dict[str, Any] = {"name": full, "phone": mobile(rng)}
    if rng.random() < 0.5:
        pet["address"] = f"{region}{road}{rng.randint(1, 300)}号"
    if rng.random() < 0.5:
        pet["id_number"] = id_number(rng)
    pets = [pet]
    kin = person(rng)
    boss = person(rng)
    staff1, staff2 = person(rng), person(rng)
    leader = person(rng)
    summary = []
    summary.append(
        f"工单编号：{rng.randint(10**9, 10**10 - 1)}\n受理时间：{d1}\n{rng.choice(TICKET_ROLES)}：{sur}{rng.choice(['女士', '先生'])}\n"
    )
    b.keep(d1, "date", "summary")
    summary.append(
        f"诉求内容：本人{full}，家住{region}{road}{pet.get('address', '')[-5:] if pet.get('address') else ''}附近。"
    )
    b.leak(full, "name", "summary")
    if len(given) >= 2:
        b.leak(given, "given_name", "summary")
    if pet.get("address"):
        b.leak(pet["address"], "address", "summary")
    summary.append(f"{subject}长期夜间生产，噪声大，我和{kin[0]}多次找{boss[0]}理论无果。")
    for p in (kin, boss):
        b.leak(p[0], "other_name", "summary")
        if len(p[2]) >= 2:
            b.leak(p[2], "other_given", "summary")
    summary.append(f"联系人及电话：{full} {number_form(rng, pet['phone'], phone=True)}。")
    b.leak(pet["phone"], "phone", "summary")
    if "id_number" in pet:
        summary.append(f"证件号码：{pet['id_number']}。")
        b.leak(pet["id_number"], "id_number", "summary")
    summary.append(f"另：{subject}的运输车{plate_form(rng, plate(rng))}常在{compound}门口停放。")
    b.keep(compound, "place", "summary")
    b.keep(subject, "subject", "summary")
    b.keep(region, "region", "summary")
    # inquiry record
    inv = (
        f"询问笔录：时间{d2}，地点{subject}办公室。询问人：{staff1[0]}、{staff2[0]}。"
        f"被询问人：{boss[0]}，{rng.choice(BOSS_ROLES)}，电话{number_form(rng, mobile(rng), phone=True)}。"
        f"问：你厂夜间是否生产？答：是的。现场监测昼间{rng.randint(55, 65)}dB(A)。"
    )
    b.keep(d2, "date", "investigation")
    for p in (staff1, staff2, boss):
        b.leak(p[0], "official_name", "investigation")
        if len(p[2]) >= 2:
            b.leak(p[2], "other_given", "investigation")
    acc = f"经研究，对{place}分管负责人{leader[0]}进行约谈，责令{leader[0]}作出书面检查。"
    b.leak(leader[0], "official_name", "accountability")
    b.keep(place, "place", "accountability")
    std = rng.choice(STANDARDS)
    handling = f"{rng.choice(STAFF_ROLES)}：{staff1[0]}。责令{subject}夜间停产，执行{std}，罚款{rng.randint(1, 9)}万元。"
    b.keep(std, "standard", "handling")
    reply_form = rng.randrange(3)
    if reply_form == 0:
        reply = f"{given}{rng.choice(['女士', '先生', '同志'])}：您好！您于{d1}反映的问题已办结。"
        if len(given) >= 2:
            b.leak(given, "given_name", "reply")
        else:
            b.leak(full, "name", "reply")
    elif reply_form == 1:
        reply = f"致{full}的答复：经查，情况属实。监督电话：12345。"
        b.leak(full, "name", "reply")
        b.keep("12345", "hotline", "reply")
    else:
        reply = f"已与{full}（{number_form(rng, pet['phone'], phone=True)}）当面沟通，其表示认可。"
        b.leak(full, "name", "reply")
        b.leak(pet["phone"], "phone", "reply")
    case = {
        "external_id": f"HARDB-{i:06d}",
        "channel": "hotline_12345",
        "received_at": f"{year}-03-01T09:00:00+08:00",
        "closed_at": f"{year}-04-01T09:00:00+08:00",
        "region_code": region_code,
        "region_name": region,
        "categories": ["noise"],
        "priority": "general",
        "subject": {"name": subject},
        "petitioners": pets,
        "summary": "".join(summary),
        "investigation": inv,
        "finding": "substantiated",
        "handling": handling,
        "accountability": acc,
        "reply": reply,
        "satisfaction": "satisfied",
    }
    truth = {
        "external_id": case["external_id"],
        "must_not_appear": _dedupe(b.not_appear),
        "must_appear": _dedupe(b.appear),
        "should_appear": [],
        "petitioners": 1,
        "scenario": "hard_b",
    }
    return case, truth


# ---------------------------------------------------------------- a third style: many words that start with a surname
KEEP_PHRASES = [
    ("江边村", "place"),
    ("高桥镇", "place"),
    ("马路边", "place"),
    ("周家村", "place"),
    ("常青园林有限公司", "org"),
    ("金鑫五金店", "org"),
    ("柳林镇", "place"),
    ("黄河路", "place"),
    ("石桥村", "place"),
    ("马家湾村", "place"),
    ("和平路", "place"),
    ("向阳小区", "place"),
    ("林业局", "org"),
    ("万达广场", "place"),
    ("方正印务公司", "org"),
    ("白云区", "place"),
    ("高新技术开发区", "place"),
    ("宋庄镇", "place"),
    ("钱江新城", "place"),
    ("史家胡同", "place"),
    ("孔雀城", "place"),
    ("于家堡", "place"),
    ("程家桥街道", "place"),
    ("唐山市", "place"),
    ("谢家湾", "place"),
]
OPENERS = [
    "周边居民",
    "白天",
    "高温天气下",
    "常年",
    "马路对面",
    "黄色烟雾",
    "于是",
    "方圆一公里内",
    "金属粉尘",
    "林地",
    "江边",
    "石料",
    "向阳坡",
    "和平时期",
    "万元以上",
    "严重时",
    "程序上",
    "许多村民",
    "曾经",
]


def make_case_c(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Over-removal bait (places, organisations and words that start with a surname character,
    right after commas) plus names with weak or no cues. Names with no cue at all get the kind
    `other_name_nocue` so that leakcheck reports that (known) weakness on its own line."""
    b = Builder()
    region_code, region = rng.choice(REGIONS)
    subject = rng.choice(SUBJECTS)
    parts = [
        f"{rng.randint(2023, 2026)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，有群众反映{region}{subject}污染。"
    ]
    b.keep(region, "region", "summary")
    b.keep(subject, "subject", "summary")
    for phrase, kind in rng.sample(KEEP_PHRASES, 4):
        opener = rng.choice(OPENERS)
        parts.append(f"{opener}，{phrase}，{rng.choice(OPENERS)}。")
        b.keep(phrase, kind, "summary")
    a = person(rng)
    parts.append(f"{a[0]}家的鱼塘也受到影响，")
    b.leak(a[0], "other_name", "summary")
    c = person(rng)
    parts.append(f"据{c[0]}讲，{rng.choice(OPENERS)}气味更重。")
    b.leak(c[0], "other_name", "summary")
    d = person(rng)
    parts.append(f"经查明{d[0]}在该厂从事危废转运。")
    b.leak(d[0], "other_name_nocue", "summary")
    for p in (a, c, d):
        if len(p[2]) >= 2:
            b.leak(p[2], "other_given" if p is not d else "other_given_nocue", "summary")
    case = {
        "external_id": f"HARDC-{i:06d}",
        "channel": "online",
        "received_at": "2025-03-01T09:00:00+08:00",
        "closed_at": "2025-04-01T09:00:00+08:00",
        "region_code": region_code,
        "region_name": region,
        "categories": ["water"],
        "priority": "general",
        "subject": {"name": subject},
        "petitioners": [],
        "summary": "".join(parts),
        "finding": "substantiated",
        "handling": f"责令{subject}整改。",
        "satisfaction": "satisfied",
    }
    truth = {
        "external_id": case["external_id"],
        "must_not_appear": _dedupe(b.not_appear),
        "must_appear": _dedupe(b.appear),
        "should_appear": [],
        "petitioners": 0,
        "scenario": "hard_c",
    }
    return case, truth


# ---------------------------------------------------------------- styles d, e, f: held-out-like writing
# d: an official's disclosure table (督察 交办 公开表); e: a hotline transcript and a WeChat group
# chat (colloquial forms of address, spaced and full-width numbers); f: a letter (来信) with a
# 落款 signature, dates and addresses written in other orders. Every person gets a fresh name;
# petitioners' values appear in every form of the contract; others' names come with cues the
# anonymiser was not written for, or none at all.
CN_DIGITS = "零一二三四五六七八九"
POLLUTANTS = [
    ("颗粒物", "mg/m³"),
    ("非甲烷总烃", "mg/m³"),
    ("氨氮", "mg/L"),
    ("化学需氧量", "mg/L"),
    ("臭气浓度", "（无量纲）"),
    ("总磷", "mg/L"),
]
STREETS = ["城东街道", "新华街道", "滨江街道", "北站街道", "长安街道", "东湖街道"]
UNITS = [
    "区生态环境分局",
    "市生态环境局",
    "综合行政执法局",
    "镇人民政府",
    "街道办事处",
    "区住建局",
    "市场监管所",
]
D_ROLES = [
    "副镇长",
    "分管副主任",
    "环保办主任",
    "执法中队中队长",
    "督察专员",
    "核查组组长",
    "企业环保负责人",
    "村党支部书记",
    "社区主任",
    "生产主管",
]
NICK_HONOR = ["哥", "姐", "叔", "婶", "师傅", "老师", "总", "大爷", "阿姨", "大姐"]


def _fresh_people(rng: random.Random, k: int, shared: str | None = None) -> list[tuple[str, str, str]]:
    """k people with different full names and different given names (one surname for all when
    `shared` is given)."""
    out: list[tuple[str, str, str]] = []
    seen_full: set[str] = set()
    seen_given: set[str] = set()
    while len(out) < k:
        full, sur, given = person(rng, shared)
        if full in seen_full or given in seen_given:
            continue
        seen_full.add(full)
        seen_given.add(given)
        out.append((full, sur, given))
    return out


def _cn_date(rng: random.Random, y: int, m: int, d: int) -> str:
    def cn_num(v: int) -> str:
        if v < 10:
            return CN_DIGITS[v]
        if v < 20:
            return "十" + (CN_DIGITS[v - 10] if v > 10 else "")
        return CN_DIGITS[v // 10] + "十" + (CN_DIGITS[v % 10] if v % 10 else "")

    form = rng.randrange(5)
    if form == 0:
        return (
            "".join("〇" if c == "0" else CN_DIGITS[int(c)] for c in str(y)) + f"年{cn_num(m)}月{cn_num(d)}日"
        )
    if form == 1:
        return f"{y}.{m}.{d}"
    if form == 2:
        return f"{y}/{m:02d}/{d:02d}"
    if form == 3:
        return f"{y}-{m:02d}-{d:02d}"
    return f"{y}年{m}月{d}日"


def _door(rng: random.Random) -> str:
    b, u, f, r = rng.randint(1, 40), rng.randint(1, 6), rng.randint(1, 33), rng.randint(1, 4)
    room = f"{f}{r:02d}"
    return rng.choice(
        [
            f"{b}栋{u}单元{room}室",
            f"{b}号楼{u}单元{room}",
            f"{b}幢{room}室",
            f"{b}-{u}-{room}",
            f"{b}号楼{room}",
            f"{b}栋{room}",
            f"{CN_DIGITS[u]}单元{room}室",
            f"{b}号院{u}号楼{room}",
            f"{b}座{room}",
            f"{b}栋{u}单元{f}楼",
        ]
    )


def _spoken_phone(rng: random.Random, digits: str) -> str:
    """How a phone number is written down from speech or typed in a chat."""
    form = rng.randrange(8)
    if form == 0:
        return " ".join(digits)
    if form == 1:
        return fullwidth(digits[:3]) + " " + digits[3:7] + " " + fullwidth(digits[7:])
    if form == 2:
        return f"{digits[:3]}－{digits[3:7]}－{digits[7:]}"
    if form == 3:
        return f"{digits[:3]}/{digits[3:7]}/{digits[7:]}"
    if form == 4:
        return f"（{digits[:3]}）{digits[3:]}"
    if form == 5:
        return f"{digits[:4]}  {digits[4:8]}  {digits[8:]}"
    if form == 6:
        return "+86" + fullwidth(digits)
    return digits[:7] + "\n" + digits[7:]


class _Case:
    """Collects texts and truth for one case of styles d-f."""

    def __init__(self, rng: random.Random, prefix: str, i: int) -> None:
        self.rng = rng
        self.b = Builder()
        self.prefix = prefix
        self.i = i
        self.region_code, self.region = rng.choice(REGIONS)
        self.subject = rng.choice(SUBJECTS)
        self.place = rng.choice(PLACES)
        self.compound = rng.choice(COMPOUNDS)
        self.road = rng.choice(ROADS)
        self.street = rng.choice(STREETS)
        self.year = rng.randint(2023, 2026)
        self.pets: list[dict[str, Any]] = []

    def date(self, field: str, cn: bool = True) -> str:
        m, d = self.rng.randint(1, 12), self.rng.randint(1, 28)
        s = _cn_date(self.rng, self.year, m, d) if cn else f"{self.year}年{m}月{d}日"
        self.b.keep(s, "date", field)
        return s

    def keep(self, value: str, kind: str, field: str) -> str:
        self.b.keep(value, kind, field)
        return value

    def pet_name(self, p: tuple[str, str, str], field: str) -> None:
        self.b.leak(p[0], "name", field)
        if len(p[2]) >= 2:
            self.b.leak(p[2], "given_name", field)

    def other(self, p: tuple[str, str, str], field: str, kind: str = "other_name") -> None:
        self.b.leak(p[0], kind, field)
        if len(p[2]) >= 2:
            self.b.leak(p[2], "official_given" if kind == "official_name" else "other_given", field)

    def number(self, value: str, field: str, kind: str = "phone") -> None:
        self.b.leak(value, kind, field)

    def finish(self, texts: dict[str, str | None], scenario: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for p in self.pets:
            self.b.leak(p["name"], "name", "petitioners")
            for key in ("phone", "id_number", "email", "wechat", "qq"):
                if key in p:
                    self.b.leak(p[key], key, "petitioners")
        case = {
            "external_id": f"{self.prefix}-{self.i:06d}",
            "channel": self.rng.choice(
                ["hotline_12369", "letter", "online", "wechat", "visit", "inspection_transfer"]
            ),
            "received_at": f"{self.year}-03-01T09:00:00+08:00",
            "closed_at": f"{self.year}-04-01T09:00:00+08:00",
            "region_code": self.region_code,
            "region_name": self.region,
            "categories": ["air"],
            "priority": "general",
            "subject": {"name": self.subject},
            "petitioners": self.pets,
            "finding": "partly_substantiated",
            "satisfaction": "satisfied",
        }
        for k, v in texts.items():
            if k == "penalty.orders":
                case["penalty"] = {"case_filed": True, "fine_yuan": 10000, "orders": v}
            else:
                case[k] = v
        truth = {
            "external_id": case["external_id"],
            "must_not_appear": _dedupe(self.b.not_appear),
            "must_appear": _dedupe(self.b.appear),
            "should_appear": [],
            "petitioners": len(self.pets),
            "scenario": scenario,
        }
        return case, truth


def _make_pets(c: _Case, people: list[tuple[str, str, str]]) -> None:
    rng = c.rng
    for full, _sur, _given in people:
        pet: dict[str, Any] = {"name": full, "phone": mobile(rng) if rng.random() < 0.85 else landline(rng)}
        if rng.random() < 0.5:
            pet["id_number"] = id_number(rng)
        if rng.random() < 0.3:
            pet["wechat"] = wechat(rng)
        if rng.random() < 0.2:
            pet["email"] = email(rng)
        c.pets.append(pet)


def make_case_d(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """An official's disclosure table of a 督察 交办 case: labelled cells, officials with their
    roles in brackets or after the name, lists of people held accountable, a petitioner written
    into the table, door-level addresses inside long place chains."""
    c = _Case(rng, "HARDD", i)
    npet = rng.choice((0, 1, 1, 2))
    shared = person(rng)[1] if npet == 2 and rng.random() < 0.5 else None
    pet_people = _fresh_people(rng, npet, shared)
    _make_pets(c, pet_people)
    others = _fresh_people(rng, 9)
    sep = rng.choice(["：", ":", "｜", "\t", " | "])
    S: list[str] = []
    S.append(
        f"序号{sep}{rng.randint(1, 300)}\n受理编号{sep}D{c.region_code}{rng.randint(10**5, 10**6 - 1)}\n"
    )
    S.append(f"行政区域{sep}{c.keep(c.region, 'region', 'summary')}\n")
    S.append(f"交办问题基本情况{sep}")
    door = _door(rng)
    opener = rng.randrange(4)
    if pet_people and opener == 0:
        p = pet_people[0]
        S.append(
            f"来电群众{p[0]}（{rng.choice(['男', '女'])}，{rng.randint(25, 80)}岁，"
            f"{c.keep(c.street, 'place', 'summary')}{c.keep(c.compound, 'place', 'summary')}{door}住户）反映："
        )
        c.pet_name(p, "summary")
        c.b.leak(door, "door_address", "summary")
    elif pet_people and opener == 1:
        names = "、".join(p[0] for p in pet_people)
        S.append(f"{names}等{rng.randint(3, 30)}名群众联名反映：")
        for p in pet_people:
            c.pet_name(p, "summary")
    elif pet_people and opener == 2:
        p = pet_people[0]
        S.append(
            f"信访人{sep}{p[0]}{sep}联系方式{sep}{_phone_text(rng, c.pets[0]['phone'])}\n"
            f"住址{sep}{c.keep(c.place, 'place', 'summary')}{rng.randint(1, 12)}组{rng.randint(1, 90)}号\n反映内容{sep}"
        )
        c.pet_name(p, "summary")
        _leak_number(c.b, c.pets[0]["phone"], "summary")
        c.b.leak(S[-1].split(c.place)[1].split("\n")[0], "door_address", "summary")
    else:
        S.append("群众来信反映：")
    S.append(
        f"{c.keep(c.subject, 'subject', 'summary')}位于{c.keep(c.place, 'place', 'summary')}，"
        f"生产时异味明显，{c.keep(c.road, 'place', 'summary')}沿线居民深受其扰。"
    )
    if pet_people and "id_number" in c.pets[0] and rng.random() < 0.7:
        S.append(f"（信访人身份证号码：{number_form(rng, c.pets[0]['id_number'])}）")
        c.number(c.pets[0]["id_number"], "summary", "id_number")
    if rng.random() < 0.6:
        nb = others[8]
        form = rng.randrange(4)
        if form == 0:
            S.append(f"据反映，该厂股东之一系{nb[0]}之子。")
        elif form == 1:
            S.append(f"另反映{nb[0]}（{c.place}村民）的承包地被倾倒废渣。")
        elif form == 2:
            S.append(f"{nb[0]}户的院墙被震裂。")
        else:
            S.append(f"群众称渣土由{nb[0]}驾驶的{plate(rng)}运出。")
            c.b.leak(S[-1].split("驾驶的")[1][:-3], "plate", "summary")
        c.other(nb, "summary")
    summary = "".join(S)

    # investigation: a check team, roles before and after names, a boss with an ID number
    o = others
    inv: list[str] = []
    d2 = c.date("investigation", cn=False)
    unit = rng.choice(UNITS)
    team_form = rng.randrange(3)
    if team_form == 0:
        inv.append(
            f"{d2}，{unit}会同{c.place}组成核查组（组长：{o[0][0]}，成员：{o[1][0]}、{o[2][0]}）赴现场核查。"
        )
    elif team_form == 1:
        inv.append(f"{d2}，{unit}{o[0][0]}、{o[1][0]}、{o[2][0]}三人到现场开展核查。")
    else:
        inv.append(
            f"{d2}，核查人员{o[0][0]} {o[1][0]} {o[2][0]}到现场，{o[0][0]}（{rng.choice(D_ROLES)}）带队。"
        )
    for p in o[:3]:
        c.other(p, "investigation", "official_name")
    pol, unit_m = rng.choice(POLLUTANTS)
    val = f"{rng.randint(1, 99)}.{rng.randint(0, 9)}{unit_m}"
    std = rng.choice(STANDARDS)
    inv.append(
        f"现场监测{pol}{c.keep(val, 'measurement', 'investigation')}，超过{c.keep(std, 'standard', 'investigation')}限值。"
    )
    boss_form = rng.randrange(4)
    boss = o[3]
    if boss_form == 0:
        inv.append(f"企业法定代表人为{boss[0]}，身份证号{id_number(rng)}。")
        c.b.leak(inv[-1].split("身份证号")[1][:-1], "id_number", "investigation")
    elif boss_form == 1:
        inv.append(f"{boss[0]}（该厂实际控制人）承认夜间生产。")
    elif boss_form == 2:
        inv.append(f"经询问{boss[0]}，其对上述事实无异议。")
    else:
        inv.append(f"现场负责人系{boss[0]}，手机{mobile(rng)}。")
        c.b.leak(inv[-1].split("手机")[1][:-1], "phone", "investigation")
    c.other(boss, "investigation")
    if pet_people and rng.random() < 0.6:
        p = pet_people[-1]
        inv.append(rng.choice([f"核查组当日电话联系了信访人{p[0]}。", f"{p[0]}当场指认了排放口。"]))
        c.pet_name(p, "investigation")
    investigation = "".join(inv)

    # handling and accountability
    amount = rng.choice(["5万元", "12.6万元", "人民币叁万元整", "280000元", "3000元"])
    handling = (
        f"{c.keep(unit, 'org', 'handling')}对{c.keep(c.subject, 'subject', 'handling')}立案查处，"
        f"处罚款{c.keep(amount, 'amount', 'handling')}。"
    )
    acc_people = o[4:8]
    form = rng.randrange(3)
    if form == 0:
        acc = (
            f"问责{len(acc_people)}人：{acc_people[0][0]}（{rng.choice(D_ROLES)}），政务警告；"
            f"{acc_people[1][0]}（{rng.choice(D_ROLES)}），诫勉谈话；{acc_people[2][0]}、{acc_people[3][0]}，批评教育。"
        )
    elif form == 1:
        acc = (
            f"对{c.place}{rng.choice(D_ROLES)}{acc_people[0][0]}给予政务警告处分；对{acc_people[1][0]}、"
            f"{acc_people[2][0]}进行约谈；{acc_people[3][0]}同志作出书面检查。"
        )
    else:
        acc = (
            f"责任追究情况{sep}{acc_people[0][0]}　{rng.choice(D_ROLES)}　诫勉\n"
            f"{acc_people[1][0]}　{rng.choice(D_ROLES)}　约谈\n{acc_people[2][0]}　{rng.choice(D_ROLES)}　批评教育"
        )
        acc_people = acc_people[:3]
    for p in acc_people:
        c.other(p, "accountability", "official_name")
    reply = None
    if pet_people:
        p = pet_people[0]
        form = rng.randrange(3)
        if form == 0:
            reply = f"{c.date('reply', cn=False)}已向{p[0]}反馈办理结果，其表示认可。"
            c.pet_name(p, "reply")
        elif form == 1:
            reply = f"已书面答复信访人{p[1]}{rng.choice(['先生', '女士'])}。监督电话：{c.keep('12369', 'hotline', 'reply')}"
        else:
            reply = f"反馈对象：{p[0]}；反馈方式：电话（{_phone_text(rng, c.pets[0]['phone'])}）。"
            c.pet_name(p, "reply")
            _leak_number(c.b, c.pets[0]["phone"], "reply")
    law = rng.choice(LAWS)
    texts = {
        "summary": summary,
        "investigation": investigation,
        "handling": handling,
        "accountability": acc,
        "reply": reply,
        "penalty.orders": f"依据{c.keep(law, 'law', 'penalty.orders')}，责令改正。",
    }
    return c.finish(texts, "hard_d")


def make_case_e(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A hotline transcript and a WeChat group chat: speakers labelled by name or nickname, forms of
    address (老张, 建国哥, 阿伟, 李姐), @mentions, numbers read out with spaces, slashes, full-width
    digits or a line break."""
    c = _Case(rng, "HARDE", i)
    pet_people = _fresh_people(rng, 1)
    _make_pets(c, pet_people)
    p = pet_people[0]
    pet = c.pets[0]
    others = _fresh_people(rng, 5)
    S: list[str] = []
    S.append(
        f"【{c.keep('12369', 'hotline', 'summary')}通话记录】\n坐席：您好，环保热线，请讲。\n"
        f"来电：喂，我要投诉{c.keep(c.subject, 'subject', 'summary')}，天天半夜开工，吵得睡不着。\n"
    )
    S.append("坐席：请问您怎么称呼？\n")
    intro = rng.randrange(4)
    if intro == 0:
        S.append(f"来电：我姓{p[1]}，{p[0]}。\n")
    elif intro == 1:
        S.append(f"来电：{p[0]}，大家都叫我{'阿' + p[2][-1] if rng.random() < 0.5 else '小' + p[2][-1]}。\n")
        c.b.leak(S[-1].split("叫我")[1][:2], "given_name", "summary")
    elif intro == 2:
        S.append(f"来电：免贵姓{p[1]}，叫{p[2]}。\n")
    else:
        S.append(f"来电：我叫 {' '.join(p[0])} 。\n")
    c.pet_name(p, "summary")
    S.append(f"坐席：{p[1]}{rng.choice(['先生', '女士'])}，留个联系电话？\n")
    ph = pet["phone"]
    written = _spoken_phone(rng, ph) if not ph.startswith("0") else landline_form(rng, ph)
    S.append(f"来电：{written}，{rng.choice(['微信同号', '白天打', '随时打'])}。\n")
    _leak_number(c.b, ph, "summary")
    door = _door(rng)
    S.append(
        f"来电：我住{c.keep(c.compound, 'place', 'summary')}{door}，就在厂子对面，"
        f"{c.keep(c.street, 'place', 'summary')}这边都知道。\n"
    )
    c.b.leak(door, "door_address", "summary")
    nb = others[0]
    form = rng.randrange(4)
    if form == 0:
        S.append(
            f"来电：隔壁{nb[0]}也受不了，你们可以找他，他电话{_spoken_phone(rng, mob := mobile(rng))}。\n"
        )
    elif form == 1:
        S.append(f"来电：楼下的{nb[0]}老两口天天咳嗽，{nb[2]}他儿子电话是{(mob := mobile(rng))}。\n")
        if len(nb[2]) >= 2:
            c.b.leak(nb[2], "other_given", "summary")
    elif form == 2:
        S.append(f"来电：厂里管事的叫{nb[0]}，外号{nb[1]}胖子，手机号{(mob := mobile(rng))}。\n")
    else:
        S.append(f"来电：你们找{nb[0]}问问就知道了，号码{fullwidth(mob := mobile(rng))}。\n")
    c.other(nb, "summary")
    c.number(mob, "summary")
    if "wechat" in pet:
        S.append(
            f"来电：加我{rng.choice(['V', 'vx', '微信', '威信', 'wx号'])} {pet['wechat']} 发视频给你们。\n"
        )
        c.b.leak(pet["wechat"], "wechat", "summary")
    if "id_number" in pet and rng.random() < 0.5:
        S.append(f"来电：身份证要吗？{' '.join(pet['id_number'][k : k + 6] for k in range(0, 18, 6))}\n")
        c.number(pet["id_number"], "summary", "id_number")
    S.append("坐席：好的，已记录。\n")
    # a chat excerpt: speakers are people
    chat = [f"【业主群聊天记录摘录（{c.keep(c.compound, 'place', 'summary')}）】"]
    a, bb, cc = others[1], others[2], others[3]
    t = f"{rng.randint(18, 23)}:{rng.randint(10, 59)}"
    nick = rng.choice(["云淡风轻", "快乐每一天", "老顽童", "静待花开", "平安是福"])
    lines_ = [
        f"{a[0]}：{t} 又开始排了，一股塑料烧焦的味道",
        f"{bb[0]}（{nick}）：+1，窗户都不敢开",
        f"@{cc[0]} 你家{rng.randint(1, 30)}楼闻到没",
        f"{cc[1]}{rng.choice(NICK_HONOR)}：闻到了，已经打{c.keep('12345', 'hotline', 'summary')}了",
        f"{a[2]}{rng.choice(['姐', '哥', '啊'])}，明天一起去街道吧",
        f"{p[2]}：我已经打过电话了" if len(p[2]) >= 2 else f"{p[0]}：我已经打过电话了",
    ]
    rng.shuffle(lines_)
    chat.extend(lines_)
    for q in (a, bb, cc):
        c.other(q, "summary")
    if len(a[2]) < 2:
        pass
    c.b.leak(p[2] if len(p[2]) >= 2 else p[0], "given_name" if len(p[2]) >= 2 else "name", "summary")
    S.append("\n".join(chat))
    summary = "".join(S)

    staff = others[4]
    inv = (
        f"{c.date('investigation')}晚，执法人员赴{c.keep(c.subject, 'subject', 'investigation')}夜查，"
        f"厂界噪声{c.keep(str(rng.randint(56, 70)) + 'dB(A)', 'measurement', 'investigation')}，"
        f"{staff[0]}现场取证。"
    )
    c.other(staff, "investigation", "official_name")
    handling = f"责令夜间22:00至次日6:00停止生产，罚款{c.keep(rng.choice(['2万元', '8000元', '1.5万元']), 'amount', 'handling')}。"
    rf = rng.randrange(5)
    if rf == 0 and len(p[2]) >= 2:
        reply = f"{p[2]}您好，您反映的噪声问题已处理完毕，感谢监督！"
        c.b.leak(p[2], "given_name", "reply")
    elif rf == 1:
        reply = f"亲，{p[1]}{rng.choice(['姐', '哥'])}，已回访，{p[0]}本人表示满意。"
        c.pet_name(p, "reply")
    elif rf == 2:
        reply = f"回访：{_phone_text(rng, ph)}（{p[0]}），满意。"
        c.pet_name(p, "reply")
        _leak_number(c.b, ph, "reply")
    elif rf == 3:
        reply = f"{p[0]}同志：你好！处理情况如下……如有疑问请致电{c.keep('12369', 'hotline', 'reply')}。"
        c.pet_name(p, "reply")
    else:
        reply = f"{p[1]}{p[2][-1]}{rng.choice(['先生', '女士'])}，问题已解决。"
        c.pet_name(p, "reply")
    texts = {"summary": summary, "investigation": inv, "handling": handling, "reply": reply}
    return c.finish(texts, "hard_e")


def make_case_f(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A letter (来信): salutation, first person, neighbours and relatives named in passing, an
    address in another order, and a 落款 block (name alone on a line, 敬上, 按手印, a date in
    Chinese numerals or with dots)."""
    c = _Case(rng, "HARDF", i)
    npet = rng.choice((1, 1, 2, 3))
    shared = person(rng)[1] if npet > 1 and rng.random() < 0.6 else None
    pet_people = _fresh_people(rng, npet, shared)
    _make_pets(c, pet_people)
    p = pet_people[0]
    pet = c.pets[0]
    others = _fresh_people(rng, 4)
    L: list[str] = []
    L.append(f"尊敬的{c.keep(c.region, 'region', 'summary')}生态环境局领导：\n    您好！")
    af = rng.randrange(5)
    house = f"{rng.randint(1, 12)}组{rng.randint(1, 90)}号"
    if af == 0:
        addr = f"{c.place}{house}"
        c.b.leak(house, "door_address", "summary")
        c.keep(c.place, "place", "summary")
    elif af == 1:
        door = _door(rng)
        addr = f"{c.street}{c.compound}{door}"
        c.b.leak(door, "door_address", "summary")
        c.keep(c.compound, "place", "summary")
    elif af == 2:
        door = f"{rng.randint(1, 300)}号"
        addr = f"{c.road}{door}{c.compound}{rng.randint(1, 30)}幢"
        c.b.leak(c.road + door, "door_address", "summary")
        c.keep(c.compound, "place", "summary")
    elif af == 3:
        n1, n2 = rng.randint(1, 12), rng.randint(1, 90)
        addr = f"{c.place}第{CN_DIGITS[min(n1, 9)]}村民小组{n2}号"
        c.b.leak(f"村民小组{n2}号", "door_address", "summary")
        c.keep(c.place, "place", "summary")
    else:
        room = f"{rng.randint(1, 30)}0{rng.randint(1, 4)}"
        addr = f"{c.compound}{room}室（{rng.randint(1, 20)}号楼）"
        c.b.leak(room + "室", "door_address", "summary")
        c.keep(c.compound, "place", "summary")
    intro = rng.randrange(3)
    if intro == 0:
        L.append(f"我叫{p[0]}，家住{addr}。")
    elif intro == 1:
        L.append(f"我是{addr}的住户{p[0]}。")
    else:
        L.append(f"本人{p[0]}，现居{addr}，")
    c.pet_name(p, "summary")
    d1 = c.date("summary")
    L.append(
        f"自{d1}起，{c.keep(c.subject, 'subject', 'summary')}每天排放刺鼻气体，"
        f"我家老人孩子都出现咳嗽症状。\n    "
    )
    nb, rel, third = others[0], others[1], others[2]
    forms = [
        f"我邻居{nb[0]}一家已经搬走了，",
        f"对门的{nb[0]}大姐也去医院看过，",
        f"我们组的{nb[0]}、{rel[0]}都可以作证。",
        f"{nb[0]}老人今年{rng.randint(70, 95)}岁，天天咳嗽。",
        f"厂里的工人{nb[0]}偷偷告诉我，晚上会偷排。",
    ]
    k = rng.randrange(len(forms))
    L.append(forms[k])
    c.other(nb, "summary")
    if k == 2:
        c.other(rel, "summary")
    else:
        if rng.random() < 0.5:
            L.append(f"我爱人{rel[0]}在{c.keep(rng.choice(ORGS), 'org', 'summary')}上班，")
        else:
            L.append(f"{rel[0]}是我表弟，")
        c.other(rel, "summary")
    if rng.random() < 0.5:
        L.append(
            f"{third[0]}开的{rng.choice(['渣土车', '三轮车', '面包车'])}{(pl := plate(rng))}经常来拉废料。"
        )
        c.other(third, "summary")
        c.b.leak(pl, "plate", "summary")
    L.append("恳请领导尽快处理！\n    此致\n敬礼！\n")
    # 落款
    sign = rng.randrange(6)
    ds = c.date("summary")
    phone_t = _phone_text(rng, pet["phone"])
    if sign == 0:
        L.append(f"\n{' ' * 20}{p[0]}\n{' ' * 20}{ds}\n")
    elif sign == 1:
        L.append(f"\n{p[0]} 敬上\n{ds}\n联系电话：{phone_t}\n")
        _leak_number(c.b, pet["phone"], "summary")
    elif sign == 2:
        names = "、".join(q[0] for q in pet_people)
        L.append(f"\n反映人：{names}（按手印）\n{ds}\n")
        for q in pet_people:
            c.pet_name(q, "summary")
    elif sign == 3:
        L.append(f"\n{c.place}村民　{p[0]}\n手机：{phone_t}\n{ds}\n")
        _leak_number(c.b, pet["phone"], "summary")
        c.keep(c.place, "place", "summary")
    elif sign == 4:
        L.append(f"\n落款：{p[0]}（代签：{others[3][0]}）\n{ds}\n")
        c.other(others[3], "summary")
    else:
        L.append(f"\n{ds}\n写信人：{p[1]} {p[2]}\n")
        c.b.leak(p[0], "name", "summary")
        if len(p[2]) >= 2:
            c.b.leak(p[2], "given_name", "summary")
    for q in pet_people[1:]:
        if sign != 2:
            L.append(f"同时签名的还有：{q[0]}（{_phone_text(rng, c.pets[pet_people.index(q)]['phone'])}）\n")
            c.pet_name(q, "summary")
            _leak_number(c.b, c.pets[pet_people.index(q)]["phone"], "summary")
    if "email" in pet:
        L.append(f"电子邮箱：{pet['email'].replace('@', rng.choice(['@', '＠', ' @ ']))}\n")
        c.b.leak(pet["email"], "email", "summary")
    summary = "".join(L)
    staff = others[3] if sign != 4 else _fresh_people(rng, 1)[0]
    while staff[0] in {q[0] for q in others[:3] + pet_people}:
        staff = _fresh_people(rng, 1)[0]
    inv = (
        f"收信后，{c.keep(rng.choice(UNITS), 'org', 'investigation')}于{c.date('investigation', cn=False)}派员核查，"
        f"执法人员{staff[0]}、{others[2][0] if rng.random() < 0.3 else staff[1] + '某'}在{c.keep(c.subject, 'subject', 'investigation')}"
        f"下风向监测臭气浓度{c.keep(str(rng.randint(20, 90)), 'measurement', 'investigation')}，超过{c.keep(rng.choice(STANDARDS), 'standard', 'investigation')}。"
    )
    c.other(staff, "investigation", "official_name")
    if others[2][0] in inv:
        c.other(others[2], "investigation", "official_name")
    handling = (
        f"责令限期整改，罚款{c.keep(rng.choice(['4万元', '6.8万元', '100000元']), 'amount', 'handling')}。"
    )
    rf = rng.randrange(3)
    if rf == 0:
        reply = f"{p[0]}：\n    你{ds}的来信收悉。经查……特此答复。\n{c.date('reply', cn=False)}"
        c.pet_name(p, "reply")
    elif rf == 1:
        reply = f"{p[1]}{p[2]}同志：您好！来信反映的问题已查实并整改。"
        c.pet_name(p, "reply")
    else:
        reply = f"已将答复意见书邮寄至来信人住址并电话告知（{_phone_text(rng, pet['phone'])}）。"
        _leak_number(c.b, pet["phone"], "reply")
    texts = {"summary": summary, "investigation": inv, "handling": handling, "reply": reply}
    return c.finish(texts, "hard_f")


# ---------------------------------------------------------------- style g: names with no cue at all
# Other people named in passing (那天王建国开车经过, 王建国上个月搬走了, 听说李娜也去过), in lists with
# no role word, at the start of a field, after a time word or a verb: common, rare and compound
# surnames, one- and two-character given names, names that are also words (刘海, 景德, 罗兰).
# The texts around them are full of words that start with a surname character (must_appear).
G_RARE_SURNAMES = list("鄢蔺冼钮阚訾佘缑庹揭晏诸葛靳覃邝巫谌栾滕隋蒯荀衡郦禹查禚仝冉")
G_GIVEN2 = [
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "晓红",
    "丽华",
    "国庆",
    "卫东",
    "素梅",
    "玉珍",
    "金花",
    "春生",
    "根生",
    "小燕",
    "婉婷",
    "雅琴",
    "子晨",
    "一诺",
    "可馨",
    "梦洁",
    "兆麟",
    "继祖",
    "淑芬",
    "德华",
    "志刚",
    "满仓",
    "思远",
    "佳怡",
    "俊杰",
    "雨桐",
    "浩宇",
    "明轩",
    "欣悦",
    "振华",
    "海波",
    "红梅",
    "树林",
    "长顺",
    "玉凤",
    "桂芳",
    "文斌",
    "立新",
    "宏伟",
    "巧云",
    "翠花",
    "冬生",
    "宝珠",
    "晨阳",
    "梓萱",
    "子豪",
]
G_GIVEN1 = list("娜思敏伟静磊军勇杰涛超刚斌峰鹏琳婷倩颖昊瑶璐菲莉鑫欢聪旭蕾")
# Full names that are also words or place names (a name is still a name).
G_WORDLIKE = [
    "刘海",
    "罗兰",
    "景德",
    "班子",
    "马兰",
    "黎明",
    "高峰",
    "江涛",
    "方圆",
    "石磊",
    "金凤",
    "白雪",
    "文静",
    "夏雨",
    "万里",
    "田野",
    "林海",
    "何平",
    "于洋",
    "龙飞",
    "钟声",
    "柳青",
    "秦川",
    "洪涛",
    "汪洋",
    "向东",
    "郑重",
    "高明",
    "林立",
    "常青",
]
# Sentences with one name and no cue word; {n} is the name, {o} an organisation, {p} a place.
G_ONE = [
    "那天{n}开车经过{p}，闻到一股刺鼻的味道。",
    "{n}上个月搬走了，实在受不了夜里的噪声。",
    "听说{n}也去过{o}反映。",
    "昨晚{n}拍了视频发到业主群里。",
    "这事{n}最清楚。",
    "后来{n}又打了12345。",
    "早上六点{n}就被吵醒了。",
    "这几天{n}一直咳嗽，去{o}看过。",
    "{n}拿手机录了音。",
    "有一次{n}看见他们半夜往河里倒东西。",
    "要不是{n}提醒，大家都不知道。",
    "连{n}都搬到城里去了。",
    "问过{n}，也说气味越来越重。",
    "当时{n}就在{p}边上。",
    "{n}前年就在{o}上班。",
    "据说{n}去年冬天就举报过一次。",
    "去年{n}种的菜全死了。",
    "今年三月{n}路过{p}时差点被呛晕。",
    "{n}和我们一样，天天关着窗户。",
    "第二天{n}又去了一趟{o}。",
    "{n}半夜起来看到烟囱冒黑烟。",
    "结果{n}被气得住了院。",
    "我们找到{n}，一起去{o}反映。",
    "{n}拍的照片可以作证。",
    "隔了两天，{n}从{p}回来，说河水变黑了。",
    "像{n}这样的老住户都受不了。",
    "{n}最早发现{p}的水塘死鱼。",
    "除了{n}，没人愿意出头。",
]
# Sentences with a list of names; {a} {b} {c}.
G_LIST = [
    "{a}、{b}、{c}都闻到了臭味。",
    "{a}、{b}和{c}一起去{o}找过。",
    "当时{a}、{b}都在场。",
    "{a}和{b}昨天又去看了。",
    "{a}，{b}，{c}三家的窗户都被熏黑了。",
    "签名的有{a}、{b}、{c}等十几户。",
    "{a}与{b}先后搬离了{p}。",
]
G_PLACES = [
    "王家坝村",
    "张家港",
    "向阳小区",
    "黄河大堤",
    "李家庄",
    "高桥镇",
    "周家湾",
    "石桥村",
    "江边村",
    "金牛路",
    "林场路",
    "马路湾",
    "何家塘",
    "方山镇",
    "常青花园",
]
G_ORGS = [
    "镇卫生院",
    "区生态环境局",
    "石桥派出所",
    "街道办事处",
    "华鑫化工有限公司",
    "金属制品厂",
    "宏达石材厂",
    "镇政府",
    "区人民医院",
    "县环境监测站",
]


def _g_person(rng: random.Random, seen: set[str]) -> tuple[str, str, str]:
    while True:
        r = rng.random()
        if r < 0.15:
            full = rng.choice(G_WORDLIKE)
            sur, given = full[0], full[1:]
        else:
            if r < 0.27:
                sur = rng.choice(COMPOUND)
            elif r < 0.42:
                sur = rng.choice(G_RARE_SURNAMES)
            else:
                sur = rng.choice(SURNAMES)
            if rng.random() < 0.35:
                given = rng.choice(G_GIVEN1) * (2 if rng.random() < 0.1 else 1)
            else:
                given = rng.choice(G_GIVEN2 + [a + b for a, b in zip(GIVEN[::2], GIVEN[1::2], strict=False)])
            full = sur + given
        if full not in seen and given not in {p[len(p) - len(given) :] for p in seen}:
            seen.add(full)
            return full, sur, given


def make_case_g(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Other people's names with no role, address or form-of-address cue (a probe of rule 5)."""
    c = _Case(rng, "HARDG", i)
    seen: set[str] = set()
    sents: list[str] = [
        f"{c.keep(c.region, 'region', 'summary')}{c.keep(c.subject, 'subject', 'summary')}排放废气。"
    ]
    for _ in range(rng.randint(3, 5)):
        p = _g_person(rng, seen)
        place = rng.choice(G_PLACES)
        org = rng.choice(G_ORGS)
        t = rng.choice(G_ONE)
        sents.append(t.format(n=p[0], o=org, p=place))
        c.other(p, "summary")
        if "{p}" in t:
            c.keep(place, "place", "summary")
        if "{o}" in t:
            c.keep(org, "org", "summary")
    if rng.random() < 0.8:
        ps = [_g_person(rng, seen) for _ in range(3)]
        place = rng.choice(G_PLACES)
        org = rng.choice(G_ORGS)
        t = rng.choice(G_LIST)
        sents.append(t.format(a=ps[0][0], b=ps[1][0], c=ps[2][0], o=org, p=place))
        for p in ps if "{c}" in t else ps[:2]:
            c.other(p, "summary")
        if "{p}" in t:
            c.keep(place, "place", "summary")
        if "{o}" in t:
            c.keep(org, "org", "summary")
    body = sents[1:]
    rng.shuffle(body)
    summary = sents[0] + "".join(body)
    q = _g_person(rng, seen)
    inv = (
        f"{c.date('investigation', cn=False)}，执法人员到{c.keep(c.subject, 'subject', 'investigation')}核查，"
        f"{rng.choice(G_ONE).format(n=q[0], o='镇政府', p=c.place)}"
        f"现场监测臭气浓度{c.keep(str(rng.randint(21, 99)), 'measurement', 'investigation')}，"
        f"超过{c.keep(rng.choice(STANDARDS), 'standard', 'investigation')}。"
    )
    c.other(q, "investigation")
    if c.place in inv:
        c.keep(c.place, "place", "investigation")
    amount = rng.choice(["3万元", "5.5万元", "80000元", "12万元"])
    handling = f"责令{c.subject}限期整改，罚款{c.keep(amount, 'amount', 'handling')}。"
    return c.finish({"summary": summary, "investigation": inv, "handling": handling}, "hard_g")


# ---------------------------------------------------------------- style h: no person at all (precision control)
# Realistic complaint texts with no person names, full of words that start with a surname
# character, place and enterprise names and officials' titles. Everything listed must stay.
H_SENTENCES = [
    ("高速公路边上的石材厂白天黑夜都在切割，周边居民苦不堪言。", ["高速公路", "石材厂", "白天", "周边居民"]),
    ("王家坝村的林地被倾倒了大量建筑垃圾。", ["王家坝村", "林地", "建筑垃圾"]),
    ("张家港方向开来的槽罐车常年在江边停放。", ["张家港", "方向", "常年", "江边"]),
    ("黄河滩上的金属回收站露天焚烧电线。", ["黄河", "金属回收站", "露天焚烧"]),
    ("马路对面的洗车店污水直排雨水管网。", ["马路对面", "洗车店", "雨水管网"]),
    ("向阳小区业主委员会多次与物业公司沟通未果。", ["向阳小区", "业主委员会", "物业公司"]),
    ("何时整改到位，至今没有任何答复。", ["何时", "整改到位", "任何答复"]),
    ("于是居民拨打了12369环保热线。", ["于是", "12369"]),
    ("董事会已决定年底前搬迁生产线。", ["董事会", "年底前", "生产线"]),
    ("区生态环境局局长带队到现场检查。", ["区生态环境局局长", "带队"]),
    ("镇党委书记和分管副镇长召开了专题会议。", ["镇党委书记", "分管副镇长", "专题会议"]),
    ("石料场的粉尘飘到高桥镇中心小学。", ["石料场", "粉尘", "高桥镇中心小学"]),
    ("江边的农家乐污水未经处理排入池塘。", ["江边", "农家乐", "池塘"]),
    ("白天噪声超过六十分贝，夜间更严重。", ["白天", "噪声", "六十分贝"]),
    ("周边常年有刺鼻的气味，高温天气尤其明显。", ["周边", "常年", "高温天气"]),
    ("金牛塑料制品厂的烟囱高度不足十五米。", ["金牛塑料制品厂", "烟囱高度"]),
    ("林场路与黄河路交叉口有人倾倒废机油。", ["林场路", "黄河路", "交叉口", "废机油"]),
    ("万达广场地下车库排风口正对居民楼。", ["万达广场", "地下车库", "排风口"]),
    ("方圆两公里内的水井都出现了异味。", ["方圆两公里", "水井", "异味"]),
    ("宋庄镇政府已责令该企业停产整治。", ["宋庄镇政府", "停产整治"]),
    ("常务副县长主持召开协调会。", ["常务副县长", "协调会"]),
    ("马路上到处是撒落的渣土，车辆经过扬尘严重。", ["马路上", "渣土", "扬尘严重"]),
    ("李家庄养猪场的粪污顺着沟渠流进稻田。", ["李家庄养猪场", "粪污", "沟渠", "稻田"]),
    ("周末和节假日企业偷偷开工。", ["周末", "节假日", "偷偷开工"]),
    ("任何单位和个人不得向水体排放油类。", ["任何单位", "水体", "油类"]),
    ("高层住户反映油烟直冲窗户。", ["高层住户", "油烟", "窗户"]),
    ("经过多次督促，企业安装了除尘设备。", ["多次督促", "除尘设备"]),
    ("程序上应当先立案再调查。", ["程序上", "立案"]),
    ("许多村民种的蔬菜叶片发黄。", ["许多村民", "叶片发黄"]),
    ("孔雀城小区南侧工地夜间施工。", ["孔雀城小区", "南侧", "夜间施工"]),
    ("严重时连门窗都不敢打开。", ["严重时", "门窗"]),
    ("曾经清澈的河道如今又黑又臭。", ["曾经", "河道"]),
    (
        "华鑫化工有限公司法定代表人未到场，由安全环保部经理代为说明。",
        ["华鑫化工有限公司", "法定代表人", "安全环保部经理"],
    ),
    ("柳林镇卫生院接诊了多名咳嗽的孩子。", ["柳林镇卫生院", "咳嗽"]),
    ("温度升高后臭味更加明显。", ["温度升高", "臭味"]),
    ("江河湖泊管理处已派员调查。", ["江河湖泊管理处", "派员"]),
    ("石桥村村委会出具了书面说明。", ["石桥村村委会", "书面说明"]),
    ("东方红水泥厂的运输车辆超载严重。", ["东方红水泥厂", "运输车辆"]),
    ("欧阳路一带的餐饮店油烟扰民。", ["欧阳路", "餐饮店", "油烟扰民"]),
    ("司马台水库上游有人网箱养鱼。", ["司马台水库", "网箱养鱼"]),
    ("周家畈村南面的砖瓦厂已关停。", ["周家畈村", "南面", "砖瓦厂"]),
    ("常年刮北风时，气味飘向和平社区。", ["常年", "北风", "和平社区"]),
    ("金属粉尘落在白色的车顶上。", ["金属粉尘", "白色", "车顶"]),
    ("夏天蚊蝇成群，冬天烧煤冒黑烟。", ["夏天", "蚊蝇", "冬天", "黑烟"]),
    ("黎明时分排放最严重，高峰期一个多小时。", ["黎明时分", "高峰期"]),
    ("高新区管委会回复称正在研究方案。", ["高新区管委会", "研究方案"]),
    ("马鞍山钢铁股份有限公司的货车从门前经过。", ["马鞍山钢铁股份有限公司", "货车"]),
    ("钱塘江边的码头堆放了大量煤炭。", ["钱塘江", "码头", "煤炭"]),
    ("向东五百米就是水源保护区。", ["向东五百米", "水源保护区"]),
    ("路过的司机都捂着鼻子。", ["路过", "司机"]),
    ("邻近的花卉市场也受到影响。", ["花卉市场"]),
    ("万一发生泄漏，后果不堪设想。", ["万一", "泄漏", "后果"]),
    ("信访人要求公开监测数据，镇长表示同意。", ["信访人", "监测数据", "镇长"]),
    ("秦岭北麓的采石场已全部关闭。", ["秦岭北麓", "采石场"]),
    ("付款凭证显示危废交给了无资质单位。", ["付款凭证", "无资质单位"]),
    ("毛坯房装修的噪声从早到晚不停。", ["毛坯房", "从早到晚"]),
    ("梁上挂满了油污，地面积水发臭。", ["油污", "地面积水"]),
    ("傅家桥头的修理厂随意喷漆。", ["傅家桥", "修理厂", "喷漆"]),
    ("文明城市创建期间问题仍未解决。", ["文明城市", "仍未解决"]),
    ("安全生产和环境保护都要抓。", ["安全生产", "环境保护"]),
]


def make_case_h(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A complaint with no person names at all; every bait word must stay (over-removal control)."""
    c = _Case(rng, "HARDH", i)
    chosen = rng.sample(H_SENTENCES, rng.randint(6, 9))
    summary_parts = [f"{c.keep(c.region, 'region', 'summary')}{c.keep(c.subject, 'subject', 'summary')}："]
    inv_parts = [f"{c.date('investigation', cn=False)}，核查组到现场。"]
    for k, (sent, words) in enumerate(chosen):
        field = "summary" if k < len(chosen) // 2 + 1 else "investigation"
        (summary_parts if field == "summary" else inv_parts).append(sent)
        for w in words:
            c.keep(w, "word", field)
    amount = rng.choice(["3万元", "5.5万元", "80000元", "12万元"])
    handling = f"责令{c.subject}限期整改，罚款{c.keep(amount, 'amount', 'handling')}。"
    texts = {"summary": "".join(summary_parts), "investigation": "".join(inv_parts), "handling": handling}
    return c.finish(texts, "hard_h")
