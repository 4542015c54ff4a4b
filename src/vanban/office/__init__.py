"""Use cases of the register: the API other commune software calls."""

from vanban.domain.text import parse_quantity
from vanban.office.service import Office
from vanban.office.status import StatusReport, StatusRow
from vanban.office.trace import Trace, TraceNode

__all__ = ["Office", "StatusReport", "StatusRow", "Trace", "TraceNode", "parse_quantity"]
