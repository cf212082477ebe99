"""Write a synthetic project with N tasks, for benchmarks: valid content, realistic shape.

The real content/ is the base: every content file is copied, and the collections that grow
with the site get synthetic records appended, cross-referenced the way the real plan
cross-references its records: shared agencies, references and glossary terms
(content/*.yml), and in each full-text plan folder (content/plans/<id>/) tasks, section IV
duties and appendix deliverables. Text is made from the real content's own Vietnamese words
(an order-2 word chain), so sentences have the plan's vocabulary and length. The result is
fictional: it is for measuring builds and must never be published.

    python -m scripts.synth --tasks 10000 --out /tmp/synth10k
    python -m scripts.synth --tasks 10000 --plans 10 --out /tmp/synth10k-10   # spread over 10 plans

With --plans P > 1 the N tasks are spread evenly over P full-text plan folders: the real main
plan and P - 1 synthetic ones (copies of its plan.yml, not main), each with its own tasks,
duties and deliverables. Other real plan folders are kept as they are.

Adding a content type: a type without a scaler is copied unchanged (so the output stays
valid); to make a shared collection grow with N, write a `scale_<name>(data, ctx)` function
and list it in SCALERS. The output is validated with `load_site`; invalid output is an error.
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

from plansite.content import PLANS_DIR, SHARED_TYPES, load_site
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
HEADER = "# Dữ liệu tổng hợp cho đo hiệu năng, không phải nội dung thật.\n"


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
    numbers: dict[str, str] = field(default_factory=dict)  # reference id -> its number, for citing it in text
    counter: int = 0  # synthetic task ids are unique across plans

    def many(self, kind: str, low: int, high: int) -> list[str]:
        pool = self.ids[kind]
        return self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))

    def citing(self, text: str, low: int, high: int) -> tuple[str, list[str]]:
        """`text` naming some numbered references, and their ids: a plan's text names what it cites."""
        cites = self.many("numbered-references", low, high)
        if cites:
            text = text.rstrip(".") + " theo văn bản số " + ", ".join(self.numbers[c] for c in cites) + "."
        return text, cites


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


# Scalers of the shared collections: each appends synthetic records to one content file's
# data. They run in this order, so later ones can point at ids the earlier ones made.


def scale_references(data: dict, ctx: Context) -> None:
    ctx.ids["references"] = [r["id"] for r in data["references"]]
    for r in data["references"]:
        if r.get("number"):
            ctx.numbers[r["id"]] = r["number"]
            ctx.ids["numbered-references"].append(r["id"])
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
        ctx.numbers[ref["id"]] = ref["number"]
        ctx.ids["numbered-references"].append(ref["id"])


def scale_agencies(data: dict, ctx: Context) -> None:
    """New bodies; each heads a section IV in one plan (see plan_files), leading a block of its tasks."""
    for i in range(1, max(1, round(ctx.tasks * AGENCIES_PER_TASK)) + 1):
        name = f"{ctx.rng.choice(['Ban quản lý', 'Trung tâm', 'Phòng', 'Chi cục'])} {ctx.words.title(3, 7).lower()}"
        agency = {"id": f"{slug(name, 5)}-{i}", "name": name,
                  "kind": ctx.rng.choice(["so", "uy-ban", "doanh-nghiep", "nhom"])}
        data["agencies"].append(agency)
        ctx.ids["agencies"].append(agency["id"])
        ctx.ids["new-agencies"].append(agency["id"])


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
    "agencies": scale_agencies,
    "glossary": scale_glossary,
}


# A plan's own files: tasks (section II), duties (section IV), deliverables (the appendix)


def scale_plan(files: dict[str, dict], count: int, agencies: list[str], ctx: Context) -> None:
    """Append synthetic records to one plan's tasks, duties and deliverables, up to `count` tasks.

    `agencies` are the new bodies that head a section in this plan; each leads a block of the
    new tasks (every new task gets one) and supports a few others.
    """
    tasks, sections = files["tasks"]["tasks"], files["duties"]["sections"]
    deliverables = files["deliverables"]["deliverables"]
    plan_tasks = [t["id"] for t in tasks]
    new_tasks = []
    number = max((t["number"] for t in tasks), default=0)
    for _ in range(max(0, count - len(tasks))):
        number += 1
        ctx.counter += 1
        title = ctx.words.title()
        text, cites = ctx.citing(" ".join(ctx.words.sentence(20, 45) for _ in range(ctx.rng.randint(1, 3))),
                                 *((1, 3) if ctx.rng.random() < 0.6 else (0, 0)))
        task = {"id": f"{slug(title)}-{ctx.counter}", "number": number, "short_title": title, "text": text}
        if cites:
            task["cites"] = cites
        if ctx.rng.random() < 0.3:
            task["period"] = ctx.rng.choice(PERIODS)
        tasks.append(task)
        plan_tasks.append(task["id"])
        new_tasks.append(task["id"])

    section = max((s["number"] for s in sections), default=0)
    blocks = [new_tasks[i::len(agencies)] for i in range(len(agencies))] if agencies and new_tasks else []
    for agency, block in zip(agencies, blocks):
        section += 1
        duties = []
        for start in range(0, len(block), 3):
            text, cites = ctx.citing("Chủ trì " + ctx.words.sentence(25, 60).lower(), 0, 1)
            duties.append({"text": text, "role": "chu-tri", "related_tasks": block[start:start + 3], "cites": cites})
        text, cites = ctx.citing("Phối hợp " + ctx.words.sentence(20, 40).lower(), 0, 2)
        duties.append({"text": text, "role": "phoi-hop",
                       "related_tasks": ctx.rng.sample(plan_tasks, min(3, len(plan_tasks))),
                       "cites": cites, "names": ctx.many("agencies", 0, 2)})
        sections.append({"number": section, "agency": agency, "duties": duties})

    number = max((d["number"] for d in deliverables), default=0)
    for _ in range(round(len(new_tasks) * DELIVERABLES_PER_TASK)):
        number += 1
        deliverables.append({
            "id": f"san-pham-{number}", "number": number, "description": ctx.words.sentence(12, 30),
            "lead": ctx.many("agencies", 1, 1), "coordinators": ctx.many("agencies", 0, 3),
            "unit": ctx.rng.choice(UNITS), "quantity": ctx.rng.randint(1, 12),
            "period": ctx.rng.choice(PERIODS),
            "tasks": ctx.rng.sample(plan_tasks, min(len(plan_tasks), ctx.rng.randint(1, 2))),
        })


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the loader rejects aliases
        return True


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(HEADER + text, encoding="utf-8")


def synthesize(tasks: int, out: Path, seed: int = 2024, source: Path = ROOT, plans: int = 1) -> dict[str, int]:
    """Write a project with `tasks` tasks over `plans` full-text plans into `out`; return record counts.

    Raises ContentError (from load_site) if the written content is not valid.
    """
    if plans < 1:
        raise ValueError("at least one plan is needed")
    out = copy_project(out, source, PROJECT_PARTS)
    shutil.rmtree(out / "content", ignore_errors=True)
    content = source / "content"
    shutil.copytree(content, out / "content")  # every file; the scaled ones are rewritten below

    shared = {ct.name: _read(content / ct.path) for ct in SHARED_TYPES}
    plan_dirs = sorted(p for p in (content / PLANS_DIR).iterdir() if (p / "plan.yml").is_file())
    main_dir = next(p for p in plan_dirs if _read(p / "plan.yml").get("main"))
    main = {name: _read(main_dir / f"{name}.yml") for name in ("plan", "tasks", "duties", "deliverables")}
    real_tasks = len(main["tasks"]["tasks"])
    shares = [tasks // plans + (1 if i < tasks % plans else 0) for i in range(plans)]
    if shares[0] < real_tasks:  # other content points at the real tasks: keep them all
        raise ValueError(f"at least {real_tasks * plans} tasks ({real_tasks} a plan, the real main plan's) "
                         f"are needed for {plans} plan(s), not {tasks}")

    rng = random.Random(seed)
    texts = [t for d in [*shared.values(), *main.values()] for t in _texts(d)]
    ctx = Context(tasks, rng, Words(sorted(texts), rng))
    ctx.ids["agencies"] = [a["id"] for a in shared["agencies"]["agencies"]]
    for name, scaler in SCALERS.items():
        scaler(shared[name], ctx)
    for ct in SHARED_TYPES:
        if ct.name in SCALERS:
            _write(out / "content" / ct.path, shared[ct.name])

    new_agencies = ctx.ids["new-agencies"]
    for index, count in enumerate(shares):
        if index == 0:
            folder, files = out / "content" / PLANS_DIR / main_dir.name, main
        else:  # a synthetic plan: the main plan's plan.yml, not main, with a plan's own empty files
            folder = out / "content" / PLANS_DIR / f"tong-hop-{index:02d}"
            plan = {**main["plan"], "main": False, "short_title": f"Kế hoạch tổng hợp {index}",
                    "status": "du-thao", "number": None, "date": None}
            plan.pop("reported_issue", None)
            files = {"plan": plan, "tasks": {"tasks": []}, "duties": {"sections": []},
                     "deliverables": {"deliverables": []}}
        scale_plan(files, count, new_agencies[index::plans], ctx)
        for name, data in files.items():
            if index or name != "plan":
                _write(folder / f"{name}.yml", data)

    loaded = load_site(out / "content", out)  # raises ContentError listing every problem
    site = loaded.site
    return {"plans": len(site.plans), "tasks": sum(len(p.tasks) for p in site.plans),
            "agencies": len(site.agencies), "references": len(site.references),
            "deliverables": sum(len(p.deliverables) for p in site.plans), "glossary": len(site.glossary)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, required=True, help="how many tasks the site has")
    parser.add_argument("--plans", type=int, default=1, help="full-text plans to spread them over (one is main)")
    parser.add_argument("--out", type=Path, required=True, help="project folder to write (replaced parts)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    try:
        counts = synthesize(args.tasks, args.out, args.seed, plans=args.plans)
    except ContentError as exc:
        print(f"synth.py wrote content that load_site rejects (a bug in synth.py):\n{exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        parser.error(str(exc))
    print(", ".join(f"{n} {name}" for name, n in counts.items()), f"→ {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
