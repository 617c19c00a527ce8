"""Synthetic published completion reports for benchmarks (seeded; no real people or firms).

`seed_reports(n)` bulk-creates `n` live, public CompletionReport rows whose texts are assembled
from fragments typical of petition reports: a village or town, an enterprise stem and type, a
pollutant, measurements, standards, orders and fines. `vocabulary()` exposes the fragments so
benchmarks can draw queries from them.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

REGIONS = [
    ("310115", "上海市浦东新区"),
    ("410105", "郑州市金水区"),
    ("320583", "苏州市昆山市"),
    ("620102", "兰州市城关区"),
    ("320281", "无锡市江阴市"),
    ("120116", "天津市滨海新区"),
    ("110105", "北京市朝阳区"),
    ("330481", "嘉兴市海宁市"),
    ("340722", "铜陵市枞阳县"),
    ("610113", "西安市雁塔区"),
    ("320582", "苏州市张家港市"),
    ("340504", "马鞍山市花山区"),
    ("320114", "南京市雨花台区"),
    ("370102", "济南市历下区"),
    ("330110", "杭州市余杭区"),
    ("370212", "青岛市崂山区"),
    ("440305", "深圳市南山区"),
    ("510107", "成都市武侯区"),
    ("430104", "长沙市岳麓区"),
    ("500112", "重庆市渝北区"),
    ("210106", "沈阳市铁西区"),
    ("330106", "杭州市西湖区"),
    ("341003", "黄山市黄山区"),
    ("340705", "铜陵市铜官区"),
    ("340706", "铜陵市义安区"),
    ("130104", "石家庄市桥西区"),
    ("341102", "滁州市琅琊区"),
    ("420106", "武汉市武昌区"),
    ("350206", "厦门市湖里区"),
    ("450103", "南宁市青秀区"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
VILLAGE_MIDDLE = [
    "家岗",
    "家冲",
    "家畈",
    "家湾",
    "家庄",
    "塘",
    "圩",
    "楼",
    "桥",
    "店",
    "集",
    "营",
    "寨",
    "坝",
    "岭",
]
TOWNS = [
    "新桥",
    "城关",
    "永丰",
    "顺安",
    "柳林",
    "东城",
    "太平",
    "青阳",
    "白沙",
    "金山",
    "龙泉",
    "马桥",
    "石塘",
    "黄湖",
    "清溪",
]
TOWN_SUFFIX = ["镇", "街道", "乡"]
STEMS = [
    "福临",
    "好运来",
    "金牛",
    "鑫达",
    "宏远",
    "华泰",
    "恒盛",
    "永兴",
    "星光",
    "凯旋",
    "南风",
    "北辰",
    "聚贤",
    "一品",
    "百味",
    "绿源",
    "红星",
    "喜来",
    "顺发",
    "瑞丰",
    "天成",
    "德润",
    "万通",
    "长青",
    "富民",
    "利民",
    "新合",
    "远航",
    "国丰",
    "兴旺",
    "宝隆",
    "嘉禾",
    "安泰",
    "盛达",
    "众诚",
    "祥和",
    "明珠",
    "东方",
    "银河",
    "金鹏",
]
TYPES = [
    ("石料厂", "air"),
    ("垃圾中转站", "solid_waste"),
    ("家禽养殖场", "water"),
    ("热力有限公司", "air"),
    ("洗车行", "water"),
    ("物业服务中心", "noise"),
    ("化工有限公司", "air"),
    ("印染厂", "water"),
    ("电镀厂", "water"),
    ("混凝土搅拌站", "noise"),
    ("餐饮店", "air"),
    ("汽修厂", "air"),
    ("污水处理厂", "water"),
    ("建材有限公司", "air"),
    ("生猪养殖场", "water"),
    ("砂石厂", "noise"),
]
COMPOUNDS = [
    "馨园小区",
    "幸福小区",
    "东方明珠苑",
    "御景湾",
    "南湖春天",
    "阳光花园",
    "锦绣家园",
    "滨江花城",
    "翠湖山庄",
    "金色港湾",
]
ROADS = ["和平路", "幸福路", "望江路", "胜利街", "光明街", "人民路", "解放路", "建设路", "长江路", "黄山路"]
PROBLEMS = {
    "air": [
        "夜间偷排废气，刺鼻异味明显",
        "烟囱冒黑烟",
        "粉尘大，车辆进出扬尘严重",
        "油烟直排扰民",
        "挥发性有机物无组织排放",
        "恶臭气味熏得人睡不着",
    ],
    "water": [
        "废水直排附近河道，河水发黑",
        "渗滤液外溢",
        "养殖废水直排农田",
        "雨水管网混入污水",
        "氨氮超标排放",
    ],
    "noise": ["夜间施工噪声扰民", "设备噪声大，影响休息", "空压机振动和噪声扰民"],
    "solid_waste": ["危险废物随意堆放", "建筑垃圾露天堆放", "生活垃圾清运不及时，臭味大"],
    "soil": ["废渣填埋污染土壤"],
    "ecology": ["毁林开垦，破坏植被"],
}
POLLUTANTS = [
    ("颗粒物", "mg/m³"),
    ("二氧化硫", "mg/m³"),
    ("氮氧化物", "mg/m³"),
    ("化学需氧量", "mg/L"),
    ("氨氮", "mg/L"),
    ("总磷", "mg/L"),
]
STANDARDS = [
    "GB 16297-1996",
    "GB 13271-2014",
    "GB 18596-2001",
    "GB 14554-93",
    "GB 8978-1996",
    "GB 12348-2008",
    "GB 12523-2011",
]
ORDERS = ["停产整改", "限期整改", "立即停止违法行为", "拆除违规设备", "完善污染防治设施", "安装在线监测设备"]
LAWS = [
    "《中华人民共和国大气污染防治法》第一百零八条",
    "《中华人民共和国水污染防治法》第八十三条",
    "《中华人民共和国噪声污染防治法》第七十七条",
    "《中华人民共和国固体废物污染环境防治法》第一百零二条",
]


def vocabulary() -> dict[str, list[str]]:
    return {
        "stems": STEMS,
        "types": [t for t, _ in TYPES],
        "towns": [t + s for t in TOWNS for s in TOWN_SUFFIX],
        "compounds": COMPOUNDS,
        "roads": ROADS,
        "regions": [name for _, name in REGIONS],
        "pollutants": [p for p, _ in POLLUTANTS]
        + ["噪声", "恶臭", "油烟", "扬尘", "危险废物", "渗滤液", "黑烟", "粉尘"],
    }


def _village(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(VILLAGE_MIDDLE) + "村"


def _date(rng: random.Random, base: datetime) -> str:
    return f"{base.year}年{base.month}月{base.day}日"


def report_fields(rng: random.Random, index: int, now: datetime) -> dict:
    code, region_name = rng.choice(REGIONS)
    kind, category = rng.choice(TYPES)
    place = _village(rng) if rng.random() < 0.6 else rng.choice(TOWNS) + rng.choice(TOWN_SUFFIX)
    subject = place + rng.choice(STEMS) + kind
    categories = {category} | ({rng.choice(list(PROBLEMS))} if rng.random() < 0.3 else set())
    problem = "；".join(rng.choice(PROBLEMS[c]) for c in sorted(categories))
    received = now - timedelta(days=rng.randint(20, 1500), hours=rng.randint(0, 23))
    closed = received + timedelta(days=rng.randint(5, 75))
    pollutant, unit = rng.choice(POLLUTANTS)
    value = round(rng.uniform(0.5, 300), 1)
    limit = round(value * rng.uniform(0.3, 0.9), 1)
    substantiated = rng.random() < 0.7
    fine = rng.choice([0, 5000, 10000, 20000, 30000, 50000, 100000]) if substantiated else 0
    compound = rng.choice(COMPOUNDS)
    summary = (
        f"{_date(rng, received)}，群众通过12369热线反映：{region_name}{subject}{problem}，"
        f"附近{compound}和{rng.choice(ROADS)}一带居民深受影响，张某多次反映未果，请尽快处理。"
    )
    if substantiated:
        investigation = (
            f"{_date(rng, received + timedelta(days=2))}现场检查{subject}，{rng.choice(['废气收集设施未运行', '沉淀池破损', '除尘器损坏', '未办理环评手续', '危废贮存不规范'])}，"
            f"监测{pollutant}浓度{value}{unit}，超过《{rng.choice(STANDARDS)}》限值{limit}{unit}。"
        )
        handling = f"责令{subject}{rng.choice(ORDERS)}，依据{rng.choice(LAWS)}罚款{fine}元。"
        finding = rng.choice(["substantiated", "partly_substantiated"])
    else:
        investigation = f"{_date(rng, received + timedelta(days=3))}现场核查未发现{subject}存在反映的问题。"
        handling = "经核查不属实，已向信访人做好解释。"
        finding = "unsubstantiated"
    fields = {
        "reference": f"HJXF-{closed.year}-{index:07d}",
        "channel": rng.choice(["hotline_12369", "hotline_12345", "letter", "visit", "online", "wechat"]),
        "received_at": received,
        "closed_at": closed,
        "region_code": code,
        "province_code": code[:2] + "0000",
        "city_code": code[:4] + "00",
        "region_name": region_name,
        "priority": "key" if rng.random() < 0.1 else "general",
        "subject_name": subject,
        "summary": summary,
        "investigation": investigation,
        "finding": finding,
        "handling": handling,
        "penalty_case_filed": fine > 0,
        "penalty_fine_yuan": fine or None,
        "satisfaction": rng.choice(["satisfied", "basically_satisfied", "dissatisfied", "not_evaluated"]),
        "disclose": True,
        "live": True,
        "first_published_at": closed,
        "last_published_at": closed,
        "is_synthetic": True,
    }
    for code_ in categories:
        fields[f"category_{code_}"] = True
    return fields


def seed_reports(count: int, seed: int = 8, batch: int = 2000, start: int = 1) -> int:
    from django.utils import timezone

    from cases_public.models import CompletionReport

    rng = random.Random(seed)
    now = timezone.now()
    created = 0
    for offset in range(0, count, batch):
        rows = [
            CompletionReport(**report_fields(rng, start + offset + i, now))
            for i in range(min(batch, count - offset))
        ]
        CompletionReport.objects.bulk_create(rows)
        created += len(rows)
    return created
