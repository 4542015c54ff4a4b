"""Use cases of the register: the API other commune software calls.

``Office`` (service.py, its methods grouped by job in ``facade/``) is a façade over use-case
functions (admin, documents, handling, looking, status; importing, papers, reporting), each run
in one unit of work by ``runner`` on the protocols of ``ports``; ``bootstrap`` wires the SQL
store. See the README's Architecture.
"""

from vanban.domain.text import parse_quantity
from vanban.office.service import Office
from vanban.office.status import StatusReport, StatusRow
from vanban.office.trace import Trace, TraceNode

__all__ = ["Office", "StatusReport", "StatusRow", "Trace", "TraceNode", "parse_quantity"]
