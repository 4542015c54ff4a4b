"""Vietnamese for click's own words: messages, help headings, and the placeholders of help pages.

click marks its strings for gettext but ships no Vietnamese catalogue; these are the ones a
clerk meets. Unknown strings pass through unchanged. The placeholders click would derive from
a parameter's type (TEXT, INTEGER) or name (REF) are given Vietnamese names by ``localize``.
"""

from __future__ import annotations

from types import ModuleType

import click

_VI = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing command.": "Thiếu lệnh.",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc các lựa chọn {choices}.",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Aborted!": "Đã hủy.",
    "Do you want to continue?": "Tiếp tục?",
    "default: {default}": "mặc định: {default}",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "deprecated": "không còn dùng",
    "(dynamic)": "(tùy lúc chạy)",
    "Missing {param_type}": "Thiếu {param_type}",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "Error: invalid input": "Lỗi: giá trị không hợp lệ",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Press any key to continue...": "Bấm một phím bất kỳ để tiếp tục…",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} không phải là có/không. Các giá trị nhận: {states}"
    ),
    "unknown error": "lỗi không rõ",
}

# What a help page shows for a parameter that names no metavar of its own, by parameter name;
# then by click type. Usage lines name the options and the subcommands in the same words.
METAVARS = {
    "ref": "VĂN_BẢN",
    "reported_in": "VĂN_BẢN",
    "trigger": "THAO_TÁC",
    "code": "MÃ",
    "org_code": "MÃ",
    "name": "TÊN",
    "full_name": "HỌ_TÊN",
    "signer": "HỌ_TÊN",
    "login": "TÊN_ĐĂNG_NHẬP",
    "parent": "CƠ_QUAN",
    "sender": "CƠ_QUAN",
    "place": "ĐỊA_DANH",
    "madinhdanh": "MÃ_ĐỊNH_DANH",
    "numbering": "CÁCH_CẤP_SỐ",
    "roles": "VAI_TRÒ",
    "year": "NĂM",
    "next_number": "SỐ",
    "limit": "SỐ_DÒNG",
    "subject": "TRÍCH_YẾU",
    "unit": "ĐƠN_VỊ",
    "lead": "ĐƠN_VỊ|NGƯỜI",
    "support": "ĐƠN_VỊ",
    "type_key": "LOẠI",
    "status": "TRẠNG_THÁI",
    "kind": "LOẠI_LIÊN_KẾT",
    "urgency": "ĐỘ_KHẨN",
    "secrecy": "ĐỘ_MẬT",
    "recipients": "NƠI_NHẬN",
    "title": "CHỨC_VỤ",
    "authority": "THẨM_QUYỀN",
    "note": "GHI_CHÚ",
    "text": "NỘI_DUNG",
    "quantity": "SỐ_LƯỢNG",
}
TYPE_METAVARS = {"integer": "SỐ", "text": "CHỮ", "float": "SỐ"}
OPTIONS_METAVAR = "[TÙY_CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [THAM_SỐ]..."


def gettext(message: str) -> str:
    return _VI.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Put the Vietnamese strings in place of click's untranslated ones."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    modules: list[ModuleType] = [
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ]
    for module in modules:
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def localize(command: click.Command) -> None:
    """Give ``command`` and everything under it Vietnamese placeholders on its help page."""
    command.options_metavar = OPTIONS_METAVAR
    for param in command.params:
        # Only the placeholders click spells out of a plain type: choices and paths show their own.
        plain = param.type.name in TYPE_METAVARS and not isinstance(param.type, click.Choice)
        if param.metavar is None and plain and not (isinstance(param, click.Option) and param.is_flag):
            param.metavar = METAVARS.get(param.name or "") or TYPE_METAVARS[param.type.name]
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            localize(sub)
