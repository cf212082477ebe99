"""Load and validate the whole `content/` folder into a `Site`, reporting every problem at once.

This is the one entry point for the pipeline's first half:
files → YAML with line numbers → schema → cross-references → typed model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from plansite.errors import ContentError, Problem
from plansite.loader import LoadedFile, load_file, without_gc
from plansite.model import Site
from plansite.references import check_references
from plansite.schema import (
    AgencyFile,
    BusinessKindFile,
    DeliverableFile,
    FaqFile,
    GlossaryFile,
    GuidanceFile,
    Plan,
    PublicGuide,
    ReferenceFile,
    SelfCheckFile,
    TaskFile,
    TopicFile,
)
from plansite.schema_errors import problems_from_validation


@dataclass(frozen=True)
class ContentType:
    name: str
    path: str  # relative to the content folder
    model: type[BaseModel]
    description: str


CONTENT_TYPES: list[ContentType] = [
    ContentType("plan", "plan.yml", Plan, "Phần đầu, mục đích, kinh phí, câu kết, nơi nhận, chữ ký"),
    ContentType("tasks", "tasks.yml", TaskFile, "Bảy nhiệm vụ của phần II"),
    ContentType("deliverables", "deliverables.yml", DeliverableFile, "Bảng phụ lục"),
    ContentType("agencies", "agencies.yml", AgencyFile, "Các cơ quan, đơn vị và nhiệm vụ được giao (phần IV)"),
    ContentType("references", "references.yml", ReferenceFile, "Văn bản pháp lý"),
    ContentType("glossary", "glossary.yml", GlossaryFile, "Chữ viết tắt và thuật ngữ"),
    ContentType("topics", "guidance/topics.yml", TopicFile, "Chủ đề hướng dẫn (/huong-dan/)"),
    ContentType("businesses", "guidance/businesses.yml", BusinessKindFile,
                "Loại hình doanh nghiệp và danh sách việc cần làm (/doanh-nghiep/)"),
    ContentType("guidance", "guidance/items.yml", GuidanceFile, "Nội dung hướng dẫn, mỗi nội dung có căn cứ"),
    ContentType("public", "guidance/public.yml", PublicGuide, "Trang dành cho người dân (/nguoi-dan/)"),
    ContentType("faq", "faq.yml", FaqFile, "Câu hỏi thường gặp (/hoi-dap/)"),
    ContentType("selfchecks", "selfchecks.yml", SelfCheckFile, "Ngưỡng cho hai bài tự kiểm tra"),
]
IGNORED_DIRS = {"schema"}


@dataclass
class Loaded:
    site: Site
    warnings: list[Problem]


@without_gc
def load_site(content_dir: Path, display_root: Path | None = None) -> Loaded:
    """Load `content_dir`; raise ContentError listing every problem if any is an error."""
    content_dir = Path(content_dir)
    display_root = Path(display_root) if display_root else content_dir.parent
    problems: list[Problem] = []
    files: dict[str, LoadedFile] = {}
    records: dict[str, BaseModel] = {}

    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(display_root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    known = {ct.path for ct in CONTENT_TYPES}
    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir)
        if path.is_dir() or relative.parts[0] in IGNORED_DIRS or relative.name.startswith("."):
            continue
        if relative.as_posix() not in known and relative.name.lower() != "readme.md":
            allowed = ", ".join(sorted(known))
            problems.append(Problem(shown(path), 1, 1, "E-FILE-UNKNOWN",
                                    f'tệp "{relative.as_posix()}" không thuộc loại nội dung nào; '
                                    f"các tệp hợp lệ: {allowed}"))

    for content_type in CONTENT_TYPES:
        path = content_dir / content_type.path
        if not path.is_file():
            problems.append(Problem(shown(path), 1, 1, "E-FILE-MISSING",
                                    f"thiếu tệp nội dung bắt buộc ({content_type.description})"))
            continue
        loaded = load_file(path, shown(path))
        files[content_type.name] = loaded
        problems.extend(loaded.problems)
        if loaded.data is None:
            continue
        try:
            records[content_type.name] = content_type.model.model_validate(loaded.data)
        except ValidationError as exc:
            problems.extend(problems_from_validation(exc, loaded, content_type.model))

    problems.extend(check_references(records, files))

    if any(not p.warning for p in problems):
        raise ContentError(problems)

    site = Site(
        plan=records["plan"],
        tasks=list(records["tasks"].tasks),
        deliverables=list(records["deliverables"].deliverables),
        agencies=list(records["agencies"].agencies),
        references=list(records["references"].references),
        glossary=list(records["glossary"].terms),
        topics=list(records["topics"].topics),
        business_kinds=list(records["businesses"].kinds),
        guidance=list(records["guidance"].items),
        public=records["public"],
        faq=list(records["faq"].questions),
        selfchecks=records["selfchecks"],
        sources={name: loaded.path for name, loaded in files.items()},
    )
    return Loaded(site, problems)
