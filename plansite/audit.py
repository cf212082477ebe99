"""The review queue for staff: every record that qualifies a claim shown on the site with a caveat.

`make check` ends with their count; `make audit` lists each: the record, its file and line, what
about it is not verified, and every page address that shows that caveat (read from the rendered
pages' `data-claim` marks, which the one `caveat` macro writes). Verifying a record and flipping its
flag (or deleting the line in `unverified`) takes it off the list.
"""

from __future__ import annotations

import re
from collections import defaultdict

from plansite import routes
from plansite.build import SiteBuild
from plansite.claims import KINDS, claim_key
from plansite.model import Site

_CLAIM = re.compile(r'data-claim="([^"]+)"')
def summary(site: Site) -> str:
    """The line `make check` ends with."""
    count = len(site.unverified)
    if not count:
        return "Mọi nội dung đang hiện trên trang đều đã được kiểm chứng."
    return (f"{count} bản ghi có phần chưa được kiểm chứng đang hiện trên trang, kèm lưu ý; "
            "xem danh sách: make audit")


def pages_showing(build: SiteBuild) -> dict[str, list[str]]:
    """Claim key -> the addresses of the pages whose text carries its caveat, in page order."""
    found: dict[str, list[str]] = defaultdict(list)
    for src_uri, markdown in build.markdown.items():
        for key in dict.fromkeys(_CLAIM.findall(markdown)):
            found[key].append("/" + ("" if routes.served(src_uri) == "." else routes.served(src_uri) + "/"))
    return found


def report(build: SiteBuild) -> str:
    site = build.site
    shown = pages_showing(build)
    lines = [summary(site)]
    for origin, texts in site.unverified:
        path, line = site.locations.get(id(origin.record), ("?", 0))
        key = claim_key(origin)
        kind = KINDS.get(origin.entity_type, origin.entity_type)
        lines += ["", f"{path}:{line} {kind} \"{key.partition('/')[2]}\""]
        lines += [f"  {text}" for text in texts]
        if origin.entity_type == "contact":
            lines.append("  hiện ở: chân mọi trang")
        else:
            pages = shown.get(key, [])
            lines.append("  hiện ở: " + (", ".join(pages) if pages else "không trang nào"))
    return "\n".join(lines)
