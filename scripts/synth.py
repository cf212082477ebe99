"""Write a synthetic project with N tasks, for benchmarks: valid content, realistic shape.

The real content/ is the base: every content file is copied, and the types that grow with
the site (tasks, agencies, references, deliverables, glossary) get synthetic records
appended, cross-referenced the way the real plan cross-references its records. Text is
made from the real content's own Vietnamese words (an order-2 word chain), so sentences
have the plan's vocabulary and length. The result is fictional: it is for measuring
builds and must never be published.

    python -m scripts.synth --tasks 10000 --out /tmp/synth10k

Adding a content type: a type without a scaler is copied unchanged (so the output stays
valid); to make it grow with N, write a `scale_<name>(data, ctx)` function and list it
in SCALERS. The output is validated with `load_site`; invalid output is an error.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plansite.content import CONTENT_TYPES, load_site
from plansite.errors import ContentError
from scripts.project import BUILD_INPUTS, ROOT, copy_project

PROJECT_PARTS = [part for part in BUILD_INPUTS if part != "content"]  # content is written, not copied

# Synthetic records per task, after the real plan's shape scaled to a multi-year site:
# one section-IV agency per 10 tasks, a legal reference per 8, a deliverable per 3.
AGENCIES_PER_TASK = 1 / 10
REFERENCES_PER_TASK = 1 / 8
DELIVERABLES_PER_TASK = 1 / 3
TERMS_PER_TASK = 1 / 50

PERIODS = ["Năm 2024", "Quý I/2024", "Quý II/2024", "Quý II-IV/2024", "Quý III-IV/2024", "Quý IV/2024",
           "Tháng 3-5/2024", "Tháng 6/2024", "Năm 2025", "Quý I-II/2025"]
REFERENCE_SUFFIXES = {"luat": "QH15", "nghi-quyet": "NQ-HĐND", "nghi-dinh": "NĐ-CP", "quyet-dinh": "QĐ-UBND",
                      "chi-thi": "CT-UBND", "thong-tu": "TT-BCT", "ke-hoach": "KH-UBND"}
UNITS = ["Lớp", "Đoàn", "Cuộc", "Báo cáo", "Hội nghị", "Bộ tài liệu", "Đợt"]


class Words:
    """An order-2 word chain over the real content's text: plausible Vietnamese of any length."""

    def __init__(self, texts: list[str], rng: random.Random):
        self.rng = rng
        self.next: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.starts: list[tuple[str, str]] = []
        for text in texts:
            words = text.split()
            if len(words) < 3:
                continue
            self.starts.append((words[0], words[1]))
            for a, b, c in zip(words, words[1:], words[2:]):
                self.next[(a, b)].append(c)
        if not self.starts:
            raise ValueError("the content has no text to learn words from")

    def sentence(self, min_words: int, max_words: int) -> str:
        target = self.rng.randint(min_words, max_words)
        words = list(self.rng.choice(self.starts))
        while len(words) < target:
            followers = self.next.get((words[-2], words[-1]))
            if not followers:  # a dead end: continue from a fresh start
                words[-1] = words[-1].rstrip(".;:,")
                words += self.rng.choice(self.starts)
                continue
            words.append(self.rng.choice(followers))
        text = " ".join(words).rstrip(".;:,") + "."
        return text[0].upper() + text[1:]

    def title(self, min_words: int = 6, max_words: int = 11) -> str:
        return self.sentence(min_words, max_words).rstrip(".").replace(";", ",")


@dataclass
class Context:
    """What scalers share: the size asked for, the random source, text, and ids made so far."""

    tasks: int
    rng: random.Random
    words: Words
    ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def many(self, kind: str, low: int, high: int) -> list[str]:
        pool = self.ids[kind]
        return self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))


def slug(text: str, limit: int = 6) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)[:limit]) or "muc"


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        if len(node.split()) >= 6:
            yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


# Scalers: each appends synthetic records to one content file's data. They run in this
# order, so later ones can point at ids the earlier ones made.


def scale_references(data: dict, ctx: Context) -> None:
    ctx.ids["references"] = [r["id"] for r in data["references"]]
    agencies = ctx.ids["agencies"]
    for i in range(1, round(ctx.tasks * REFERENCES_PER_TASK) + 1):
        kind = ctx.rng.choice(list(REFERENCE_SUFFIXES))
        year = ctx.rng.randint(2015, 2024)
        ref = {"id": f"{kind}-{i}-{year}", "kind": kind, "number": f"{i}/{year}/{REFERENCE_SUFFIXES[kind]}",
               "date": f"{ctx.rng.randint(1, 28):02d}/{ctx.rng.randint(1, 12)}/{year}",
               "issuer": ctx.rng.choice(agencies), "title": ctx.words.title(8, 18), "status": "chua-ro"}
        if ctx.rng.random() < 0.3:
            ref["facts"] = [ctx.words.sentence(12, 30) for _ in range(ctx.rng.randint(1, 3))]
        if ctx.rng.random() < 0.1 and ctx.ids["references"]:
            ref["amended_by"] = ctx.many("references", 1, 2)
            ref["status"] = "da-sua-doi"  # an amended document is marked so
        data["references"].append(ref)
        ctx.ids["references"].append(ref["id"])


def scale_tasks(data: dict, ctx: Context) -> None:
    tasks = data["tasks"]
    number = max(t["number"] for t in tasks)
    ctx.ids["tasks"] = [t["id"] for t in tasks]
    for _ in range(max(0, ctx.tasks - len(tasks))):
        number += 1
        title = ctx.words.title()
        task = {"id": f"{slug(title)}-{number}", "number": number, "short_title": title,
                "text": " ".join(ctx.words.sentence(20, 45) for _ in range(ctx.rng.randint(1, 3)))}
        if ctx.rng.random() < 0.6:
            task["cites"] = ctx.many("references", 1, 3)
        if ctx.rng.random() < 0.3:
            task["period"] = ctx.rng.choice(PERIODS)
        tasks.append(task)
        ctx.ids["tasks"].append(task["id"])
        ctx.ids["new-tasks"].append(task["id"])


def scale_agencies(data: dict, ctx: Context) -> None:
    """New section-IV agencies, each leading a block of tasks and supporting a few others."""
    agencies = data["agencies"]
    section = max(a.get("section") or 0 for a in agencies)
    new_tasks = ctx.ids["new-tasks"]
    count = max(1, round(ctx.tasks * AGENCIES_PER_TASK)) if new_tasks else 0
    blocks = [new_tasks[i::count] for i in range(count)]  # every new task gets one lead
    for i, block in enumerate(blocks, start=1):
        section += 1
        name = f"{ctx.rng.choice(['Ban quản lý', 'Trung tâm', 'Phòng', 'Chi cục'])} {ctx.words.title(3, 7).lower()}"
        duties = []
        for start in range(0, len(block), 3):
            duties.append({"role": ctx.rng.choice(["chu-tri", "thuc-hien"]),
                           "text": ctx.words.sentence(25, 60), "tasks": block[start:start + 3]})
        duties.append({"role": "phoi-hop", "text": ctx.words.sentence(20, 40), "tasks": ctx.many("tasks", 1, 3),
                       "partners": ctx.many("agencies", 0, 2), "cites": ctx.many("references", 0, 2)})
        agency = {"id": f"{slug(name, 5)}-{i}", "name": name,
                  "kind": ctx.rng.choice(["so", "uy-ban", "doanh-nghiep", "nhom"]),
                  "section": section, "duties": duties}
        agencies.append(agency)
        ctx.ids["agencies"].append(agency["id"])


def scale_deliverables(data: dict, ctx: Context) -> None:
    deliverables = data["deliverables"]
    number = max(d["number"] for d in deliverables)
    for _ in range(round(ctx.tasks * DELIVERABLES_PER_TASK)):
        number += 1
        deliverables.append({
            "id": f"san-pham-{number}", "number": number, "description": ctx.words.sentence(12, 30),
            "lead": ctx.many("agencies", 1, 1), "coordinators": ctx.many("agencies", 0, 3),
            "unit": ctx.rng.choice(UNITS), "quantity": ctx.rng.randint(1, 12),
            "period": ctx.rng.choice(PERIODS), "tasks": ctx.many("tasks", 1, 2),
        })


def scale_glossary(data: dict, ctx: Context) -> None:
    terms = data["terms"]
    for i in range(1, round(ctx.tasks * TERMS_PER_TASK) + 1):
        term = ctx.words.title(2, 4).lower()
        entry = {"id": f"thuat-ngu-{i}", "term": term, "definition": ctx.words.sentence(10, 25)}
        if ctx.rng.random() < 0.3:
            entry["synonyms"] = [slug(term, 4).replace("-", " ")]
        if ctx.rng.random() < 0.2:
            entry["cites"] = ctx.many("references", 1, 1)
        terms.append(entry)


# content type name -> scaler; they run in this order
SCALERS: dict[str, Callable[[dict, Context], None]] = {
    "references": scale_references,
    "tasks": scale_tasks,
    "agencies": scale_agencies,
    "deliverables": scale_deliverables,
    "glossary": scale_glossary,
}


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the loader rejects aliases
        return True


def synthesize(tasks: int, out: Path, seed: int = 2024, source: Path = ROOT) -> dict[str, int]:
    """Write a project with `tasks` tasks into `out`; return record counts per content type.

    Raises ContentError (from load_site) if the written content is not valid.
    """
    out = copy_project(out, source, PROJECT_PARTS)
    shutil.rmtree(out / "content", ignore_errors=True)

    content = source / "content"
    data = {ct.name: yaml.load((content / ct.path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for ct in CONTENT_TYPES}
    rng = random.Random(seed)
    ctx = Context(tasks, rng, Words(sorted(t for d in data.values() for t in _texts(d)), rng))
    ctx.ids["agencies"] = [a["id"] for a in data["agencies"]["agencies"]]
    ctx.ids["tasks"] = [t["id"] for t in data["tasks"]["tasks"]]
    if tasks < len(ctx.ids["tasks"]):  # other content points at the real tasks: keep them all
        raise ValueError(f"at least {len(ctx.ids['tasks'])} tasks (the real content's) are needed, not {tasks}")

    for name, scaler in SCALERS.items():
        if name in data:
            scaler(data[name], ctx)

    (out / "content").mkdir()
    for ct in CONTENT_TYPES:
        target = out / "content" / ct.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if ct.name in SCALERS:
            text = yaml.dump(data[ct.name], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
            target.write_text(f"# Dữ liệu tổng hợp cho đo hiệu năng, không phải nội dung thật.\n{text}",
                              encoding="utf-8")
        else:
            shutil.copy2(content / ct.path, target)
    schema = content / "schema"
    if schema.is_dir():
        shutil.copytree(schema, out / "content" / "schema")

    loaded = load_site(out / "content", out)  # raises ContentError listing every problem
    site = loaded.site
    return {"tasks": len(site.tasks), "agencies": len(site.agencies), "references": len(site.references),
            "deliverables": len(site.deliverables), "glossary": len(site.glossary)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, required=True, help="how many tasks the site has")
    parser.add_argument("--out", type=Path, required=True, help="project folder to write (replaced parts)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    try:
        counts = synthesize(args.tasks, args.out, args.seed)
    except ContentError as exc:
        print(f"synth.py wrote content that load_site rejects (a bug in synth.py):\n{exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        parser.error(str(exc))
    print(", ".join(f"{n} {name}" for name, n in counts.items()), f"→ {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
