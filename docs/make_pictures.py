"""Draw docs/cong-van.png and docs/quyet-dinh.png: page 1 of two documents vanban prints.

Run with the project's Python: ``python docs/make_pictures.py``. Needs LibreOffice
(``soffice``) and poppler-utils (``pdftoppm``) on the PATH.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from vanban.docx.render import render
from vanban.domain.sheet import Sheet

DOCS = Path(__file__).resolve().parent

GOVERNING = "UBND THÀNH PHỐ HẢI PHÒNG"
ISSUING = "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"


def cong_van() -> Sheet:
    """Công văn 542/UBND-VHXH, the first of the letters in the sample report."""
    return Sheet(
        issuing_body=ISSUING,
        governing_body=GOVERNING,
        type_key="CV",
        code="542/UBND-VHXH",
        place="Phú Thái",
        date=dt.date(2025, 9, 26),
        subject="triển khai các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01-10",
        to=[
            "Các cơ quan, đơn vị trên địa bàn xã",
            "Các trường học trên địa bàn xã",
            "Ban phát triển các thôn",
        ],
        body=[
            "Thực hiện Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức các hoạt động "
            "hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01 – 10 và ngày Chuyển đổi số quốc gia "
            "10 – 10 trên địa bàn xã Phú Thái năm 2025, Ủy ban nhân dân xã đề nghị các cơ quan, đơn "
            "vị, các thôn triển khai thực hiện một số nội dung sau:",
            "1. Công tác tuyên truyền",
            "Tuyên truyền sâu rộng về ý nghĩa của Ngày hội Đổi mới sáng tạo quốc gia trên hệ thống "
            "loa truyền thanh, bảng tin, Cổng thông tin điện tử xã, nhóm Zalo cộng đồng; treo băng "
            "rôn, khẩu hiệu tại trụ sở, nhà văn hóa các thôn.",
            "2. Tổ chức các hoạt động hưởng ứng",
            "Tổ công nghệ số cộng đồng các thôn hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID, "
            "dịch vụ công trực tuyến và các nền tảng số; các trường học tổ chức cho học sinh tham gia "
            "các hoạt động trải nghiệm sáng tạo.",
            "Kết quả thực hiện gửi về Ủy ban nhân dân xã (qua công chức Văn hóa - Xã hội) trước ngày "
            "15/10/2025 để tổng hợp, báo cáo Ủy ban nhân dân thành phố.",
            "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
        ],
        recipients=["Như trên", "Chủ tịch, các Phó Chủ tịch UBND xã"],
        archive="VT, VHXH",
        signer_authority="KT.",
        signer_deputy_title="CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Bình",
    )


def quyet_dinh() -> Sheet:
    """Quyết định 968/QĐ-UBND kiện toàn Tổ công tác Đề án 06/CP (sample report)."""
    return Sheet(
        issuing_body=ISSUING,
        governing_body=GOVERNING,
        type_key="QĐ",
        code="968/QĐ-UBND",
        place="Phú Thái",
        date=dt.date(2025, 10, 3),
        subject="Về việc kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng "
        "tại các thôn trên địa bàn xã",
        bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
            "Căn cứ Kế hoạch số 95/KH-UBND ngày 01/10/2025 của UBND xã về Hoạt động của các Tổ công "
            "nghệ số cộng đồng trên địa bàn xã Phú Thái 4 tháng cuối năm",
            "Theo đề nghị của công chức Văn hóa - Xã hội",
        ],
        body=[
            "QUYẾT ĐỊNH:",
            "Điều 1. Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng tại các thôn trên "
            "địa bàn xã (có danh sách kèm theo).",
            "Điều 2. Tổ công tác có nhiệm vụ hướng dẫn người dân sử dụng dịch vụ công trực tuyến, "
            "ứng dụng VNeID, thanh toán không dùng tiền mặt và các kỹ năng số cơ bản; tuyên truyền "
            "phong trào “Bình dân học vụ số” tại thôn; định kỳ hằng tháng báo cáo kết quả về Ủy ban "
            "nhân dân xã.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
            "Văn phòng HĐND và UBND xã, công chức Văn hóa - Xã hội, Trưởng các thôn và các cá nhân "
            "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        recipients=["Như Điều 3", "TT Đảng ủy, TT HĐND xã", "Chủ tịch, các Phó Chủ tịch UBND xã"],
        archive="VT, VHXH",
        # the Chairman decides alone: the competence line reads "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …"
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Phúc Công",
    )


def picture(sheet: Sheet, name: str, work: Path) -> Path:
    """Render ``sheet``, convert it to PDF with LibreOffice and page 1 to ``docs/<name>.png``."""
    docx_path = work / f"{name}.docx"
    render(sheet, docx_path)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    target = DOCS / f"{name}.png"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-singlefile",
            str(work / f"{name}.pdf"),
            str(target.with_suffix("")),
        ],
        check=True,
        timeout=60,
    )
    return target


def main() -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"Thiếu chương trình: {', '.join(missing)}.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for sheet, name in ((cong_van(), "cong-van"), (quyet_dinh(), "quyet-dinh")):
            print(picture(sheet, name, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
