"""Synthetic briefings for the benchmark: deterministic (seeded), valid, in Japanese and English.

``write_briefing(dest, scale)`` writes a ``data/`` folder that passes
``python -m generator check``: every id is a valid slug, every reference
resolves and every text field has both languages.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.model import PartialDate

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Scale:
    """How many entities of each kind a synthetic briefing holds."""

    name: str
    companies: int
    events: int
    terms: int

    @property
    def people(self) -> int:
        return max(5, self.companies // 2)

    @property
    def sources(self) -> int:
        return max(5, self.companies // 3)

    @property
    def markets(self) -> int:
        return max(3, min(30, self.companies // 30))

    @property
    def metrics_per_company(self) -> int:
        return 3


# S is the sample briefing in data/ (copied, not generated).
SCALES = {
    "S": None,
    "XS": Scale("XS", 12, 60, 20),
    "M": Scale("M", 100, 1000, 300),
    "L": Scale("L", 1000, 10000, 2000),
}

# Syllables with their katakana, so a name reads the same in both languages.
_SYLLABLES = [
    ("ka", "カ"),
    ("ro", "ロ"),
    ("mi", "ミ"),
    ("na", "ナ"),
    ("te", "テ"),
    ("su", "ス"),
    ("ri", "リ"),
    ("to", "ト"),
    ("ha", "ハ"),
    ("no", "ノ"),
    ("ki", "キ"),
    ("sa", "サ"),
    ("yu", "ユ"),
    ("ze", "ゼ"),
    ("po", "ポ"),
    ("ba", "バ"),
    ("ko", "コ"),
    ("mu", "ム"),
    ("ra", "ラ"),
    ("shi", "シ"),
    ("lu", "ル"),
    ("da", "ダ"),
    ("fe", "フェ"),
    ("go", "ゴ"),
]
_COMPANY_KINDS = [
    ("Tech", "テック", "consumer-electronics maker", "家電メーカー"),
    ("Motors", "モーターズ", "electric-car maker", "EVメーカー"),
    ("AI", "AI", "AI model developer", "AIモデル開発企業"),
    ("Mobile", "モバイル", "smartphone maker", "スマートフォンメーカー"),
    ("Cloud", "クラウド", "cloud-computing provider", "クラウド事業者"),
    ("Chips", "チップス", "chip designer", "半導体設計企業"),
]
_ACTIONS = [
    ("launches a new smartphone", "新型スマートフォンを発売"),
    ("announces a large language model", "大規模言語モデルを発表"),
    ("reports quarterly results", "四半期決算を発表"),
    ("opens an electric-car plant", "EV工場を開設"),
    ("signs a chip supply deal", "半導体の供給契約を締結"),
    ("cuts costs and staff", "コストと人員を削減"),
    ("raises new funding", "新たな資金を調達"),
    ("enters the overseas market", "海外市場に参入"),
]
_TERM_WORDS = [
    ("model", "モデル"),
    ("inference", "推論"),
    ("shipment", "出荷"),
    ("battery", "電池"),
    ("platform", "プラットフォーム"),
    ("ecosystem", "エコシステム"),
    ("margin", "利益率"),
    ("chip", "チップ"),
]
_TERM_ADJ = [
    ("open", "オープン"),
    ("edge", "エッジ"),
    ("multimodal", "マルチモーダル"),
    ("premium", "プレミアム"),
    ("hybrid", "ハイブリッド"),
]
_TOPICS = [
    ("ai", "AI and large models", "AI・大規模モデル"),
    ("phones", "Smartphones", "スマートフォン"),
    ("ev", "Electric cars", "電気自動車"),
    ("chips", "Chips", "半導体"),
    ("finance", "Results and finance", "業績・財務"),
    ("policy", "Policy", "政策"),
]
_MEASURES = [
    ("revenue", "Revenue", "売上高", "currency"),
    ("shipments", "Shipments", "出荷台数", "units"),
    ("employees", "Employees", "従業員数", "people"),
    ("market-share", "Market share", "市場シェア", "percent"),
]
_REGIONS = [
    ("global", "Global", "世界"),
    ("mainland-china", "Mainland China", "中国本土"),
    ("europe", "Europe", "欧州"),
    ("india", "India", "インド"),
    ("southeast-asia", "Southeast Asia", "東南アジア"),
]


def _name(rng: random.Random, syllables: int) -> tuple[str, str]:
    parts = [rng.choice(_SYLLABLES) for _ in range(syllables)]
    return "".join(p[0] for p in parts).capitalize(), "".join(p[1] for p in parts)


def _date(rng: random.Random) -> str:
    year = rng.randint(2019, 2024)
    kind = rng.random()
    if kind < 0.1:
        return str(year)
    if kind < 0.25:
        return f"{year}-Q{rng.randint(1, 4)}"
    month = rng.randint(1, 12)
    if kind < 0.5:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _dump(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(value, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def generate(scale: Scale, seed: int = 2023) -> dict[str, dict[str, Any]]:
    """All entities of a synthetic briefing, by collection and id (plus ``site``)."""
    rng = random.Random(f"{seed}-{scale.name}")
    out: dict[str, dict[str, Any]] = {
        c: {}
        for c in (
            "topics",
            "measures",
            "regions",
            "sources",
            "companies",
            "markets",
            "people",
            "products",
            "metrics",
            "events",
            "quotes",
            "glossary",
        )
    }
    for tid, en, ja in _TOPICS:
        out["topics"][tid] = {"id": tid, "name": {"ja": ja, "en": en}}
    for mid, en, ja, _ in _MEASURES:
        out["measures"][mid] = {"id": mid, "name": {"ja": ja, "en": en}}
    for rid, en, ja in _REGIONS:
        out["regions"][rid] = {"id": rid, "name": {"ja": ja, "en": en}}
    for i in range(scale.sources):
        pub_en, pub_ja = _name(rng, 2)
        sid = f"source-{i + 1:04d}"
        source: dict[str, Any] = {
            "id": sid,
            "title": {"ja": f"{pub_ja}業界レポート第{i + 1}号", "en": f"{pub_en} industry report no. {i + 1}"},
            "publisher": {"ja": f"{pub_ja}リサーチ", "en": f"{pub_en} Research"},
            "date": _date(rng),
            "url": f"https://example.com/reports/{sid}",
        }
        if i and rng.random() < 0.1:
            source["via"] = f"source-{rng.randint(1, i):04d}"
        out["sources"][sid] = source
    sources = list(out["sources"])
    for i in range(scale.markets):
        kind = _COMPANY_KINDS[i % len(_COMPANY_KINDS)]
        region = _REGIONS[i % len(_REGIONS)]
        mid = f"market-{i + 1:03d}"
        out["markets"][mid] = {
            "id": mid,
            "name": {"ja": f"{region[2]}の{kind[3]}市場（{i + 1}）", "en": f"{region[1]} market for {kind[2]}s ({i + 1})"},
            "description": {
                "ja": f"{region[2]}における{kind[3]}の出荷と売上。",
                "en": f"Shipments and revenue of {kind[2]}s in {region[1]}.",
            },
        }
    markets = list(out["markets"])
    for i in range(scale.companies):
        en, ja = _name(rng, rng.randint(2, 3))
        kind = rng.choice(_COMPANY_KINDS)
        cid = f"{en.lower()}-{kind[0].lower()}-{i + 1:04d}"
        year = rng.randint(2005, 2022)
        out["companies"][cid] = {
            "id": cid,
            "name": {"ja": f"{ja}{kind[1]}", "en": f"{en} {kind[0]}"},
            "aliases": [f"{en} {kind[0]} Inc."],
            "category": {"ja": kind[3], "en": kind[2][:1].upper() + kind[2][1:]},
            "summary": {
                "ja": f"{ja}{kind[1]}は{year}年創業の{kind[3]}。{rng.choice(_REGIONS)[2]}を主な市場とする。",
                "en": f"{en} {kind[0]} is {'an' if kind[2][:1] in 'AEIOUaeiou' else 'a'} {kind[2]} founded in {year}, selling mainly in {rng.choice(_REGIONS)[1]}.",
            },
            "website": f"https://example.com/companies/{cid}",
        }
    companies = list(out["companies"])
    for cid in companies:
        if rng.random() < 0.3:
            other = rng.choice(companies)
            if other != cid:
                out["companies"][cid]["relations"] = [
                    {"company": other, "description": {"ja": "部品の供給元", "en": "Supplier of components"}}
                ]
    for i in range(scale.people):
        given_en, given_ja = _name(rng, 2)
        family_en, family_ja = _name(rng, 2)
        pid = f"{given_en.lower()}-{family_en.lower()}-{i + 1:04d}"
        cid = rng.choice(companies)
        out["people"][pid] = {
            "id": pid,
            "name": {"ja": f"{given_ja}・{family_ja}", "en": f"{given_en} {family_en}"},
            "role": {
                "ja": f"{out['companies'][cid]['name']['ja']}最高経営責任者",
                "en": f"Chief executive of {out['companies'][cid]['name']['en']}",
            },
            "company": cid,
        }
    people = list(out["people"])
    for i, cid in enumerate(companies[: max(1, len(companies) // 2)]):
        name = out["companies"][cid]["name"]
        prid = f"product-{i + 1:04d}"
        out["products"][prid] = {
            "id": prid,
            "name": {"ja": f"{name['ja']} X{i + 1}", "en": f"{name['en']} X{i + 1}"},
            "company": cid,
            "description": {"ja": "同社の主力製品。", "en": "The company's flagship product."},
            "source": rng.choice(sources),
        }
    for cid in companies:
        for k in range(scale.metrics_per_company):
            year = 2020 + k
            measure = _MEASURES[k % 3]
            metric: dict[str, Any] = {
                "id": f"{cid}-{measure[0]}-{year}",
                "company": cid,
                "measure": measure[0],
                "period": str(year),
                "value": round(rng.uniform(1, 900), 1),
                "unit": measure[3],
                "scale": "million" if measure[3] != "people" else "one",
                "change_yoy": round(rng.uniform(-30, 60), 1),
                "source": rng.choice(sources),
            }
            if measure[3] == "currency":
                metric["currency"] = rng.choice(["CNY", "USD"])
            if measure[3] == "people":
                metric["value"] = rng.randint(50, 90000)
            out["metrics"][metric["id"]] = metric
    for mid in markets:
        for year in (2022, 2023):
            out["metrics"][f"{mid}-shipments-{year}"] = {
                "id": f"{mid}-shipments-{year}",
                "market": mid,
                "measure": "shipments",
                "region": rng.choice(_REGIONS)[0],
                "period": str(year),
                "value": round(rng.uniform(10, 900), 1),
                "unit": "units",
                "scale": "million",
                "source": rng.choice(sources),
            }
    for i in range(scale.events):
        involved = sorted(set(rng.choice(companies) for _ in range(rng.choice((1, 1, 2)))))
        action = rng.choice(_ACTIONS)
        lead = out["companies"][involved[0]]["name"]
        date, status, source = _date(rng), rng.choice(["happened", "happened", "reported", "planned"]), rng.choice(sources)
        if PartialDate.parse(date) > PartialDate.parse(out["sources"][source]["date"]):
            status = "planned"  # what a report announces for after its own date is a plan (the data checks say so)
        event: dict[str, Any] = {
            "id": f"event-{i + 1:05d}",
            "date": date,
            "status": status,
            "title": {"ja": f"{lead['ja']}が{action[1]}", "en": f"{lead['en']} {action[0]}"},
            "companies": involved,
            "topics": sorted(set(rng.choice(_TOPICS)[0] for _ in range(rng.randint(0, 2)))),
            "source": source,
        }
        if rng.random() < 0.3:
            event["description"] = {
                "ja": "関係者によると、計画は前倒しで進んでいる。",
                "en": "People familiar with the plan say it is ahead of schedule.",
            }
        out["events"][event["id"]] = event
    for i, pid in enumerate(people[: max(1, len(people) // 2)]):
        qid = f"quote-{i + 1:04d}"
        out["quotes"][qid] = {
            "id": qid,
            "person": pid,
            "date": _date(rng),
            "text": {"ja": "当社は研究開発への投資を続ける。", "en": "We will keep investing in research and development."},
            "paraphrase": rng.random() < 0.3,
            "source": rng.choice(sources),
        }
    for i in range(scale.terms):
        adj, word = rng.choice(_TERM_ADJ), rng.choice(_TERM_WORDS)
        tid = f"{adj[0]}-{word[0]}-{i + 1:04d}"
        term: dict[str, Any] = {
            "id": tid,
            "term": {"ja": f"{adj[1]}{word[1]}{i + 1}", "en": f"{adj[0]} {word[0]} {i + 1}"},
            "short": {"ja": f"{adj[1]}な{word[1]}の一種", "en": f"A kind of {adj[0]} {word[0]}"},
            "definition": {"ja": f"{adj[1]}型の{word[1]}を指す業界用語。", "en": f"Industry term for a {adj[0]} {word[0]}."},
        }
        if i and rng.random() < 0.2:
            term["related"] = [rng.choice(list(out["glossary"]))]
        out["glossary"][tid] = term
    first = out["companies"][companies[0]]
    out["site"] = {
        "title": {"ja": f"合成ブリーフィング（規模{scale.name}）", "en": f"Synthetic briefing (scale {scale.name})"},
        "description": {
            "ja": "性能測定用に自動生成したブリーフィング。",
            "en": "A briefing generated for the performance benchmark.",
        },
        "languages": ["ja", "en"],
        "as_of": "2024-12",
        "highlights": [
            {
                "text": {"ja": f"{first['name']['ja']}の概要。", "en": f"An overview of {first['name']['en']}."},
                "see": [f"company:{companies[0]}", f"metric:{companies[0]}-revenue-2020"],
            }
        ],
    }
    return out


def write_briefing(data_dir: Path, scale_name: str, seed: int = 2023) -> None:
    """Write the briefing of scale ``scale_name`` into ``data_dir`` (S copies the sample data)."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    scale = SCALES[scale_name]
    if scale is None:
        shutil.copytree(ROOT / "data", data_dir)
        return
    briefing = generate(scale, seed)
    _dump(data_dir / "site.yaml", briefing.pop("site"))
    # One file per company, person and source (what editors touch); long lists chunked by 500.
    one_per_file = {"companies", "people", "sources", "markets"}
    for collection, entities in briefing.items():
        folder = data_dir / collection
        folder.mkdir(parents=True, exist_ok=True)
        items = list(entities.values())
        if collection in one_per_file:
            for item in items:
                body = {k: v for k, v in item.items() if k != "id"}
                _dump(folder / f"{item['id']}.yaml", body)
        else:
            for start in range(0, len(items), 500):
                _dump(folder / f"{collection}-{start // 500 + 1:03d}.yaml", items[start : start + 500])


def company_file(data_dir: Path) -> Path:
    """The data file of the first company (the one the benchmark edits)."""
    return sorted((data_dir / "companies").glob("*.yaml"))[0]


def edit_company(path: Path, token: str) -> None:
    """Append ``token`` to both languages of a company's summary, as an editor would."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    done = 0
    for i in range(start + 1, len(lines)):
        if not lines[i].startswith(" "):
            break
        if lines[i].lstrip().startswith(("ja:", "en:")):
            line = lines[i].rstrip("\n")
            # A quoted value takes the token inside its quotes.
            if line.endswith(('"', "'")) and line.split(":", 1)[1].strip()[:1] == line[-1]:
                lines[i] = f"{line[:-1]} {token}{line[-1]}\n"
            else:
                lines[i] = f"{line} {token}\n"
            done += 1
    if done != 2:
        raise ValueError(f"{path}: expected a block 'summary:' with ja and en lines")
    path.write_text("".join(lines), encoding="utf-8")


def company_names(data_dir: Path) -> dict[str, str]:
    """Name of the company that ``company_file`` holds, per language (the search query)."""
    value = yaml.load(company_file(data_dir).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return dict(value["name"])
