"""vanban: the document register of a Vietnamese administrative office (Nghị định 30/2020/NĐ-CP).

from vanban import Office
office = Office.init("xa.sqlite", org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái")
"""

from vanban.domain.codes import Code, parse_code
from vanban.domain.dates import parse_date
from vanban.domain.model import Direction, Document, LinkKind, Role, Secrecy, Urgency
from vanban.domain.numbering import Policy
from vanban.errors import VanbanError
from vanban.office import Office, StatusReport, Trace

__all__ = [
    "Code",
    "Direction",
    "Document",
    "LinkKind",
    "Office",
    "Policy",
    "Role",
    "Secrecy",
    "StatusReport",
    "Trace",
    "Urgency",
    "VanbanError",
    "parse_code",
    "parse_date",
]
__version__ = "0.1.0"
