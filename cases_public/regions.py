"""GB/T 2260 administrative division codes: province names, prefix levels, and a sample of real
district codes (used by the synthetic-data loader). Pure data and functions, no database."""

from __future__ import annotations

PROVINCES = {
    "110000": "北京市",
    "120000": "天津市",
    "130000": "河北省",
    "140000": "山西省",
    "150000": "内蒙古自治区",
    "210000": "辽宁省",
    "220000": "吉林省",
    "230000": "黑龙江省",
    "310000": "上海市",
    "320000": "江苏省",
    "330000": "浙江省",
    "340000": "安徽省",
    "350000": "福建省",
    "360000": "江西省",
    "370000": "山东省",
    "410000": "河南省",
    "420000": "湖北省",
    "430000": "湖南省",
    "440000": "广东省",
    "450000": "广西壮族自治区",
    "460000": "海南省",
    "500000": "重庆市",
    "510000": "四川省",
    "520000": "贵州省",
    "530000": "云南省",
    "540000": "西藏自治区",
    "610000": "陕西省",
    "620000": "甘肃省",
    "630000": "青海省",
    "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区",
    "710000": "台湾省",
    "810000": "香港特别行政区",
    "820000": "澳门特别行政区",
}

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}

# Real district codes with their full names (province, city, district), for synthetic data.
# (code, city name, district name); the province comes from PROVINCES.
SAMPLE_DISTRICTS = [
    ("340705", "铜陵市", "铜官区"),
    ("340706", "铜陵市", "义安区"),
    ("340711", "铜陵市", "郊区"),
    ("340722", "铜陵市", "枞阳县"),
    ("340102", "合肥市", "瑶海区"),
    ("340103", "合肥市", "庐阳区"),
    ("340104", "合肥市", "蜀山区"),
    ("340111", "合肥市", "包河区"),
    ("340202", "芜湖市", "镜湖区"),
    ("340207", "芜湖市", "鸠江区"),
    ("110101", "北京市", "东城区"),
    ("110102", "北京市", "西城区"),
    ("110105", "北京市", "朝阳区"),
    ("110108", "北京市", "海淀区"),
    ("110112", "北京市", "通州区"),
    ("310101", "上海市", "黄浦区"),
    ("310104", "上海市", "徐汇区"),
    ("310115", "上海市", "浦东新区"),
    ("310112", "上海市", "闵行区"),
    ("320102", "南京市", "玄武区"),
    ("320106", "南京市", "鼓楼区"),
    ("320505", "苏州市", "虎丘区"),
    ("320506", "苏州市", "吴中区"),
    ("330102", "杭州市", "上城区"),
    ("330106", "杭州市", "西湖区"),
    ("330110", "杭州市", "余杭区"),
    ("370102", "济南市", "历下区"),
    ("370112", "济南市", "历城区"),
    ("370202", "青岛市", "市南区"),
    ("410105", "郑州市", "金水区"),
    ("410102", "郑州市", "中原区"),
    ("420106", "武汉市", "武昌区"),
    ("420111", "武汉市", "洪山区"),
    ("430104", "长沙市", "岳麓区"),
    ("440104", "广州市", "越秀区"),
    ("440106", "广州市", "天河区"),
    ("440113", "广州市", "番禺区"),
    ("440305", "深圳市", "南山区"),
    ("440307", "深圳市", "龙岗区"),
    ("500103", "重庆市", "渝中区"),
    ("500112", "重庆市", "渝北区"),
    ("510104", "成都市", "锦江区"),
    ("510107", "成都市", "武侯区"),
    ("610113", "西安市", "雁塔区"),
    ("610112", "西安市", "未央区"),
]


def level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "district"


def province_of(code: str) -> str:
    return code[:2] + "0000"


def city_of(code: str) -> str:
    return code[:4] + "00"


def province_name(code: str) -> str:
    return PROVINCES.get(province_of(code), province_of(code))


def city_name_from(region_name: str, code: str) -> str:
    """Best guess of a city's name from a district's full name ("铜陵市铜官区" -> "铜陵市")."""
    name = region_name
    province = PROVINCES.get(province_of(code), "")
    if province and name.startswith(province) and province != name:
        name = name[len(province) :]
    for marker in ("市", "自治州", "地区", "盟"):
        index = name.find(marker)
        if 0 < index <= 8:
            return name[: index + len(marker)]
    return "市辖区" if province_of(code) in MUNICIPALITIES else city_of(code)


def region_options(regions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(value, label) options for a single <select>: province, its cities, their districts,
    indented with full-width spaces so the hierarchy reads without JavaScript."""
    tree: dict[str, dict[str, list[tuple[str, str]]]] = {}
    city_names: dict[str, str] = {}
    for code, name in sorted(set(regions)):
        if len(code) != 6 or not code.isdigit():
            continue
        tree.setdefault(province_of(code), {}).setdefault(city_of(code), [])
        city_names.setdefault(city_of(code), city_name_from(name, code))
        if level(code) == "district":
            tree[province_of(code)][city_of(code)].append((code, name))
    options: list[tuple[str, str]] = []
    for province, cities in sorted(tree.items()):
        options.append((province, province_name(province)))
        for city, districts in sorted(cities.items()):
            city_label = city_names.get(city, city)
            if city != province:
                options.append((city, "\u3000" + city_label))
            for code, name in districts:
                short = name.removeprefix(province_name(province)).removeprefix(city_label) or name
                options.append((code, "\u3000\u3000" + short))
    return options
