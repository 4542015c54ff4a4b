"""Use cases of the register: the API other commune software calls."""

from vanban.office.service import Office, parse_quantity
from vanban.office.status import StatusReport, StatusRow
from vanban.office.trace import Trace, TraceNode

__all__ = ["Office", "StatusReport", "StatusRow", "Trace", "TraceNode", "parse_quantity"]
