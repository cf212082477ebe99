"""Load and validate the whole `content/` folder into a `Site`, reporting every problem at once.

This is the one entry point for the pipeline's first half:
files → YAML with line numbers → schema → cross-references → typed model.

Shared collections sit at the top of `content/`; each plan is a folder `content/plans/<id>/`
whose name is the plan's id. A plan folder always has `plan.yml`; a plan whose full text the
site publishes (`text:` in plan.yml) also has `tasks.yml`, `duties.yml` and, when it has an
appendix, `deliverables.yml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from plansite import schema
from plansite.errors import ContentError, Problem
from plansite.gc_tuning import paused
from plansite.loader import LoadedFile, load_file
from plansite.model import PlanContent, Site
from plansite.references import check_references
from plansite.schema_errors import problems_from_validation
from plansite.today import build_date

PLANS_DIR = "plans"


@dataclass(frozen=True)
class ContentType:
    name: str  # also the collection name that reference fields use (Ref("agencies", …))
    path: str  # relative to the content folder, or to a plan folder for a plan's own files
    model: type[BaseModel]
    description: str
    items: str | None = None  # the list field that holds the records, if the file is a collection
    label: str | None = None  # what one record is called in messages
    in_plan: bool = False

    def where(self, plan_id: str | None = None) -> str:
        """The file's path relative to the content folder."""
        return f"{PLANS_DIR}/{plan_id}/{self.path}" if self.in_plan else self.path


SHARED_TYPES: list[ContentType] = [
    ContentType("agencies", "agencies.yml", schema.AgencyFile, "Các cơ quan, đơn vị", "agencies", "đơn vị"),
    ContentType("references", "references.yml", schema.ReferenceFile, "Văn bản pháp lý", "references", "văn bản"),
    ContentType("glossary", "glossary.yml", schema.GlossaryFile, "Chữ viết tắt và thuật ngữ", "terms", "thuật ngữ"),
    ContentType("obligations", "obligations.yml", schema.ObligationFile,
                "Quy định có ngày áp dụng (/thay-doi/)", "obligations", "quy định"),
    ContentType("contacts", "contacts.yml", schema.ContactFile, "Hỏi ở đâu (chân trang)", None, None),
    ContentType("trainings", "trainings.yml", schema.TrainingFile, "Lớp tập huấn đang mở đăng ký",
                "trainings", "lớp tập huấn"),
    ContentType("topics", "guidance/topics.yml", schema.TopicFile, "Chủ đề hướng dẫn (/huong-dan/)", "topics", "chủ đề"),
    ContentType("businesses", "guidance/businesses.yml", schema.BusinessKindFile,
                "Loại hình doanh nghiệp và danh sách việc cần làm (/doanh-nghiep/)", "kinds", "loại hình doanh nghiệp"),
    ContentType("guidance", "guidance/items.yml", schema.GuidanceFile, "Nội dung hướng dẫn, mỗi nội dung có căn cứ",
                "items", "nội dung hướng dẫn"),
    ContentType("allowed", "guidance/allowed.yml", schema.AllowedFile,
                "Được / Không được của từng quy định, bằng lời thường", "rules", "mục được / không được"),
    ContentType("public", "guidance/public.yml", schema.PublicGuide, "Trang dành cho người dân (/nguoi-dan/)"),
    ContentType("faq", "faq.yml", schema.FaqFile, "Câu hỏi thường gặp (/hoi-dap/)", "questions", "câu hỏi"),
    ContentType("selfchecks", "selfchecks.yml", schema.SelfCheckFile, "Các bài tự kiểm tra: câu hỏi, kết quả, quy tắc, ví dụ"),
]
PLAN_TYPES: list[ContentType] = [
    ContentType("plan", "plan.yml", schema.Plan, "Một kế hoạch: số, ngày, thời gian, mục tiêu; toàn văn nếu có",
                in_plan=True),
    ContentType("tasks", "tasks.yml", schema.TaskFile, "Các nhiệm vụ (phần nhiệm vụ, giải pháp của kế hoạch)", "tasks", "nhiệm vụ", in_plan=True),
    ContentType("duties", "duties.yml", schema.DutyFile, "Phần tổ chức thực hiện: việc giao cho từng đơn vị",
                in_plan=True),
    ContentType("deliverables", "deliverables.yml", schema.DeliverableFile, "Bảng phụ lục", "deliverables", "sản phẩm",
                in_plan=True),
]
CONTENT_TYPES = SHARED_TYPES + PLAN_TYPES
TYPES = {ct.name: ct for ct in CONTENT_TYPES}
FULL_TEXT_FILES = [ct for ct in PLAN_TYPES if ct.name != "plan"]
IGNORED_DIRS = {"schema"}


@dataclass
class Doc:
    """One content file as loaded: raw data with line numbers, and its record if it passed the schema."""

    type: ContentType
    plan: str | None  # the plan folder it belongs to; None for shared files
    file: LoadedFile
    record: BaseModel | None = None

    @property
    def data(self):
        return self.record if self.record is not None else self.file.data


@dataclass
class Loaded:
    site: Site
    warnings: list[Problem]


@paused
def load_site(content_dir: Path, display_root: Path | None = None, today: dt.date | None = None) -> Loaded:
    """Load `content_dir`; raise ContentError listing every problem if any is an error.

    `today` is the build's date (plansite/today.py), which every dated statement is true on.
    """
    content_dir = Path(content_dir)
    display_root = Path(display_root) if display_root else content_dir.parent
    problems: list[Problem] = []

    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(display_root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    plan_ids = sorted(p.name for p in (content_dir / PLANS_DIR).iterdir() if p.is_dir()) \
        if (content_dir / PLANS_DIR).is_dir() else []
    problems += _unknown_files(content_dir, plan_ids, shown)
    docs: list[Doc] = []

    def load(content_type: ContentType, plan_id: str | None) -> None:
        path = content_dir / content_type.where(plan_id)
        loaded = load_file(path, shown(path))
        problems.extend(loaded.problems)
        doc = Doc(content_type, plan_id, loaded)
        docs.append(doc)
        if loaded.data is None:
            return
        try:
            doc.record = content_type.model.model_validate(loaded.data)
        except ValidationError as exc:
            problems.extend(problems_from_validation(exc, loaded, content_type.model))

    for content_type in SHARED_TYPES:
        if (content_dir / content_type.path).is_file():
            load(content_type, None)
        else:
            problems.append(Problem(shown(content_dir / content_type.path), 1, 1, "E-FILE-MISSING",
                                    f"thiếu tệp nội dung bắt buộc ({content_type.description})"))
    if not plan_ids:
        problems.append(Problem(shown(content_dir / PLANS_DIR), 1, 1, "E-FILE-MISSING",
                                f"thiếu thư mục {PLANS_DIR}/ với ít nhất một kế hoạch (thư mục có plan.yml)"))
    for plan_id in plan_ids:
        folder = content_dir / PLANS_DIR / plan_id
        for content_type in PLAN_TYPES:
            if (folder / content_type.path).is_file():
                load(content_type, plan_id)
        problems.extend(_plan_structure(plan_id, folder, docs, shown))
    problems.extend(_one_main_plan(docs))
    problems.extend(check_references(docs))

    if any(not p.warning for p in problems):
        raise ContentError(problems)
    site = _site(docs, today or build_date())
    site.locations = _record_lines(docs)
    return Loaded(site, problems)


def _record_lines(docs: list[Doc]) -> dict[int, tuple[str, int]]:
    """Where each record starts, by id() of the record: (file as shown to editors, line); a file's own
    record (plan.yml) starts at line 1. For review lists such as `make audit`."""
    found: dict[int, tuple[str, int]] = {}
    for doc in docs:
        if doc.record is None:
            continue
        found[id(doc.record)] = (doc.file.path, 1)
        lists = [doc.type.items] if doc.type.items else \
            [name for name, value in doc.record if isinstance(value, (list, tuple))]
        for name in lists:
            marks = getattr(doc.file.data.get(name) if isinstance(doc.file.data, dict) else None, "item_marks", [])
            for record, (line, _) in zip(getattr(doc.record, name), marks):
                found[id(record)] = (doc.file.path, line)
    return found


def _unknown_files(content_dir: Path, plan_ids: list[str], shown) -> list[Problem]:
    known = {ct.path for ct in SHARED_TYPES} | {ct.where(p) for p in plan_ids for ct in PLAN_TYPES}
    problems = []
    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir)
        if path.is_dir() or relative.parts[0] in IGNORED_DIRS or relative.name.startswith(".") \
                or relative.name.lower() == "readme.md":
            continue
        if relative.as_posix() not in known:
            allowed = ", ".join([*sorted(ct.path for ct in SHARED_TYPES),
                                 *(f"{PLANS_DIR}/<mã kế hoạch>/{ct.path}" for ct in PLAN_TYPES)])
            problems.append(Problem(shown(path), 1, 1, "E-FILE-UNKNOWN",
                                    f'tệp "{relative.as_posix()}" không thuộc loại nội dung nào; '
                                    f"các tệp hợp lệ: {allowed}"))
    for plan_id in plan_ids:
        if not schema._ID.match(plan_id):
            problems.append(Problem(shown(content_dir / PLANS_DIR / plan_id), 1, 1, "E-ID",
                                    f'tên thư mục kế hoạch "{plan_id}" không hợp lệ; chỉ dùng chữ thường không dấu, '
                                    'số và dấu gạch ngang, ví dụ "2025" hoặc "kh-362-2025"'))
    return problems


def _plan_structure(plan_id: str, folder: Path, docs: list[Doc], shown) -> list[Problem]:
    """A plan folder has plan.yml; the full-text files exactly when plan.yml has `text`."""
    plan_file = folder / "plan.yml"
    if not plan_file.is_file():
        return [Problem(shown(plan_file), 1, 1, "E-FILE-MISSING",
                        f'thư mục kế hoạch "{plan_id}" thiếu plan.yml (số, ngày, thời gian của kế hoạch)')]
    plan_doc = next(d for d in docs if d.plan == plan_id and d.type.name == "plan")
    data = plan_doc.data
    has_text = (data.text is not None) if plan_doc.record is not None else \
        (isinstance(data, dict) and data.get("text") is not None)
    problems = []
    for content_type in FULL_TEXT_FILES:
        present = (folder / content_type.path).is_file()
        needed = has_text and (content_type.name != "deliverables" or _has_appendix(plan_doc))
        if needed and not present:
            problems.append(Problem(shown(folder / content_type.path), 1, 1, "E-FILE-MISSING",
                                    f"kế hoạch có toàn văn (text trong plan.yml) cần tệp {content_type.path} "
                                    f"({content_type.description})"))
        elif present and not has_text and data is not None:
            problems.append(Problem(shown(folder / content_type.path), 1, 1, "E-PLAN",
                                    f"tệp {content_type.path} chỉ dùng cho kế hoạch có toàn văn; hãy thêm text "
                                    "vào plan.yml hoặc xoá tệp này"))
    return problems


def _has_appendix(plan_doc: Doc) -> bool:
    """Whether the plan's text has an appendix, whose rows are deliverables.yml (a plan may have none)."""
    if plan_doc.record is not None:
        return bool(plan_doc.record.text.appendices)
    text = plan_doc.data.get("text") if isinstance(plan_doc.data, dict) else None
    return not isinstance(text, dict) or bool(text.get("appendices", True))


def _one_main_plan(docs: list[Doc]) -> list[Problem]:
    plans = [d for d in docs if d.type.name == "plan" and d.record is not None]
    if not plans or len(plans) < len([d for d in docs if d.type.name == "plan"]):
        return []  # a plan.yml that failed the schema is reported already
    main = [d for d in plans if d.record.main]
    if len(main) == 1 and main[0].record.text is not None:
        return []
    if len(main) == 1:
        return [Problem(main[0].file.path, 1, 1, "E-PLAN",
                        "kế hoạch chính (main: true) phải có toàn văn (text); hãy chọn kế hoạch khác làm kế hoạch chính")]
    where = main[1].file.path if len(main) > 1 else plans[0].file.path
    found = ", ".join(d.plan for d in main) or "không có"
    return [Problem(where, 1, 1, "E-PLAN",
                    f"cần đúng một kế hoạch chính (main: true), nhưng có: {found}; "
                    "kế hoạch chính có các địa chỉ /ke-hoach/, /nhiem-vu/, /tien-do/")]


def _site(docs: list[Doc], today: dt.date) -> Site:
    shared = {d.type.name: d for d in docs if d.plan is None}
    plans = []
    for plan_id in sorted({d.plan for d in docs if d.plan}):
        own = {d.type.name: d for d in docs if d.plan == plan_id}
        plans.append(PlanContent(
            id=plan_id,
            record=own["plan"].record,
            tasks=list(own["tasks"].record.tasks) if "tasks" in own else [],
            sections=list(own["duties"].record.sections) if "duties" in own else [],
            deliverables=list(own["deliverables"].record.deliverables) if "deliverables" in own else [],
            sources={name: doc.file.path for name, doc in own.items()},
        ))
    return Site(
        today=today,
        plans=plans,
        agencies=list(shared["agencies"].record.agencies),
        references=list(shared["references"].record.references),
        glossary=list(shared["glossary"].record.terms),
        obligations=list(shared["obligations"].record.obligations),
        contacts=list(shared["contacts"].record.contacts),
        trainings=list(shared["trainings"].record.trainings),
        topics=list(shared["topics"].record.topics),
        business_kinds=list(shared["businesses"].record.kinds),
        guidance=list(shared["guidance"].record.items),
        allowed=list(shared["allowed"].record.rules),
        public=shared["public"].record,
        faq=list(shared["faq"].record.questions),
        selfchecks=list(shared["selfchecks"].record.checks),
        sources={name: doc.file.path for name, doc in shared.items()},
    )
