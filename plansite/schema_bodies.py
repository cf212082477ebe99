"""Content types for bodies, legal documents and terms: agencies.yml, contacts.yml, references.yml, glossary.yml."""

from __future__ import annotations

from pydantic import Field

from plansite.schema_types import Date, Id, Record, Ref, Text, Unverified
from plansite.schema_types import Changes  # change notes, declared once for every record with a page or anchor
from plansite.vocab import AGENCY_KINDS, REFERENCE_KINDS, REFERENCE_STATUSES


# Bodies (shared by every plan)


class Successor(Record):
    name: Text = Field(description="Tên cơ quan hiện đảm nhận nhiệm vụ.")
    agency: Ref("agencies", "cơ quan kế nhiệm") | None = Field(
        default=None, description="Mã cơ quan đó nếu có trong agencies.yml.")
    since: Date | None = Field(default=None, description="Từ ngày (ngày/tháng/năm).")
    part: Text | None = Field(
        default=None, description="Khi cơ quan kế nhiệm chỉ tiếp nhận một phần của nhóm: phần đó, viết như Kế hoạch, "
                                  "ví dụ “UBND các quận, huyện, thị xã”; phần còn lại của nhóm vẫn như cũ.")
    basis: Text = Field(description="Căn cứ (văn bản hoặc nguồn đã kiểm chứng).")
    basis_refs: list[Ref("references", "văn bản căn cứ")] = Field(
        default=[], description="Mã các văn bản căn cứ (trong references.yml).")


class Founding(Record):
    since: Date = Field(description="Ngày bắt đầu hoạt động (ngày/tháng/năm).")
    merged: list[Text] = Field(min_length=1, description="Tên các cơ quan được hợp nhất để lập cơ quan này.")
    basis: Text = Field(description="Căn cứ (văn bản hoặc nguồn đã kiểm chứng).")
    basis_refs: list[Ref("references", "văn bản căn cứ")] = Field(
        default=[], description="Mã các văn bản căn cứ (trong references.yml).")


class Agency(Record):
    id: Id = Field(description="Mã đơn vị, dùng làm địa chỉ trang: /don-vi/<mã>/.")
    name: Text = Field(description="Tên theo cách viết của Kế hoạch (hoặc tên chính thức nếu Kế hoạch không nêu).")
    kind: AGENCY_KINDS.type = Field(description="Loại đơn vị.")
    aliases: list[Text] = Field(default=[], description="Cách viết khác của tên mà các kế hoạch dùng, ví dụ "
                                                        "\"UBND Thành phố\"; công cụ nhập kế hoạch so tên theo đây.")
    verified: bool = Field(default=True, description="false với bản ghi tạm do công cụ nhập kế hoạch tạo (chỉ có tên "
                                                     "như kế hoạch viết); kiểm chứng rồi đổi thành true.")
    successor: Successor | None = Field(
        default=None, description="Cơ quan hiện đảm nhận nhiệm vụ sau sắp xếp năm 2025 (chỉ ghi khi đã kiểm chứng).")
    founded: Founding | None = Field(
        default=None, description="Cơ quan mới lập do hợp nhất: từ ngày nào, từ những cơ quan nào (chỉ ghi khi đã kiểm chứng).")
    changes: Changes


class AgencyFile(Record):
    """Tệp content/agencies.yml: các cơ quan, đơn vị (dùng chung cho mọi kế hoạch)."""

    agencies: list[Agency] = Field(min_length=1, description="Danh sách đơn vị.")


class Contact(Record):
    agency: Ref("agencies", "đơn vị") = Field(description="Mã đơn vị trả lời (trong agencies.yml).")
    topic: Text = Field(description="Hỏi về việc gì, ví dụ “Các quy định ngành Công Thương về môi trường”.")
    phone: Text | None = Field(default=None, description="Số điện thoại; chỉ ghi khi đã kiểm chứng.")
    email: Text | None = Field(default=None, description="Thư điện tử; chỉ ghi khi đã kiểm chứng.")
    address: Text | None = Field(default=None, description="Địa chỉ; chỉ ghi khi đã kiểm chứng.")
    url: Text | None = Field(default=None, description="Trang web chính thức; chỉ ghi khi đã kiểm chứng.")
    verified: bool = Field(description="true chỉ khi số điện thoại, thư điện tử, địa chỉ, trang web đã được kiểm "
                                       "chứng; false thì trang chỉ hiện tên đơn vị.")
    unverified: list[Text] = Unverified("mục này")
    reviewed: Date = Field(description="Ngày rà soát gần nhất.")


class ContactFile(Record):
    """Tệp content/contacts.yml: hỏi ở đâu (hiện ở chân mọi trang và trên trang doanh nghiệp)."""

    contacts: list[Contact] = Field(min_length=1, description="Danh sách nơi hỏi.")


# Legal references


class LegalReference(Record):
    id: Id = Field(description="Mã văn bản, dùng làm địa chỉ trang: /van-ban/<mã>/.")
    kind: REFERENCE_KINDS.type = Field(description="Loại văn bản.")
    number: Text | None = Field(default=None, description='Số, ký hiệu, ví dụ "72/2020/QH14"; để trống nếu chưa rõ.')
    date: Date | None = Field(default=None, description="Ngày ban hành; để trống nếu chưa rõ.")
    issuer: Ref("agencies", "cơ quan ban hành") | None = Field(
        default=None, description="Mã cơ quan ban hành (trong agencies.yml); để trống nếu chưa rõ.")
    title: Text | None = Field(default=None, description="Trích yếu (tên) văn bản; để trống nếu chưa kiểm chứng.")
    aliases: list[Text] = Field(
        default=[], description='Tên mà kế hoạch dùng khi nêu văn bản không kèm số, ví dụ "Luật Ngân sách nhà nước"; '
                                "trang coi văn bản là được nêu khi nguyên văn có số, tên luật hoặc một tên ở đây.")
    signer: Text | None = Field(default=None, description="Người ký; để trống nếu chưa kiểm chứng.")
    effective: Date | None = Field(default=None, description="Ngày có hiệu lực; để trống nếu chưa kiểm chứng.")
    status: REFERENCE_STATUSES.type = Field(default="chua-ro", description='Tình trạng hiệu lực; "chua-ro" khi chưa kiểm chứng.')
    amended_by: list[Ref("references", "văn bản sửa đổi")] = Field(
        default=[], description="Mã các văn bản sửa đổi, bổ sung văn bản này.")
    replaced_by: Ref("references", "văn bản thay thế") | None = Field(
        default=None, description="Mã văn bản thay thế văn bản này.")
    newer: Ref("references", "văn bản mới") | None = Field(
        default=None, description='Mã văn bản mới cùng lĩnh vực (khi status là "co-van-ban-moi"), '
                                  "chưa kiểm chứng là thay thế.")
    facts: list[Text] = Field(default=[], description="Các điểm nội dung đã kiểm chứng, mỗi điểm một câu.")
    verified_articles: list[Text] = Field(
        default=[], description='Các điều, phụ lục mà nội dung đã được kiểm chứng, ví dụ "Điều 64"; '
                                "nội dung hướng dẫn chỉ được đánh dấu verified khi dẫn các điều này.")
    verified: bool = Field(default=True, description="false khi thông tin về văn bản (số, ngày, trích yếu…) chưa được "
                                                     "kiểm chứng: mọi nơi hiện văn bản đều ghi “chưa được kiểm chứng”.")
    unverified: list[Text] = Unverified("văn bản này (ngoài tình trạng hiệu lực, đã ghi ở status)")
    changes: Changes

    @property
    def label(self) -> str:
        """How the document is named in lists: "Quyết định 1375/QĐ-TTg", "Luật Bảo vệ môi trường số 72/2020/QH14"."""
        kind = REFERENCE_KINDS.label(self.kind)
        if self.kind == "luat" and self.title:
            return f"{self.title} số {self.number}" if self.number else self.title
        return f"{kind} {self.number}" if self.number else (self.title or kind)


class ReferenceFile(Record):
    """Tệp content/references.yml: các văn bản pháp lý được các kế hoạch viện dẫn hoặc liên quan."""

    references: list[LegalReference] = Field(min_length=1, description="Danh sách văn bản.")


# Glossary: abbreviations and terms, shown as tooltips and used by search for synonyms


class Term(Record):
    id: Id = Field(description="Mã thuật ngữ.")
    term: Text = Field(description='Cách viết trên trang, ví dụ "BVMT" hoặc "túi ni lông".')
    expansion: Text | None = Field(
        default=None, description='Nghĩa đầy đủ của chữ viết tắt, ví dụ "bảo vệ môi trường"; hiện thành chú thích khi di chuột.')
    definition: Text | None = Field(default=None, description="Giải thích ngắn, bằng lời dễ hiểu.")
    synonyms: list[Text] = Field(
        default=[], description='Cách viết khác mà người đọc hay gõ khi tìm kiếm, ví dụ "nilon", "nylon".')
    cites: list[Ref("references", "văn bản định nghĩa")] = Field(
        default=[], description="Mã các văn bản định nghĩa thuật ngữ (nếu có).")


class GlossaryFile(Record):
    """Tệp content/glossary.yml: chữ viết tắt và thuật ngữ."""

    terms: list[Term] = Field(min_length=1, description="Danh sách thuật ngữ.")
