"""The one exception family of vanban.

Every error a person can cause carries a Vietnamese message that says what was wrong
and how to put it right, and the exit code the command line returns for it:
1 when a rule refuses the action, 2 when the input itself is wrong. An error about one input
also names it (``field``), so that a form can say it next to that input.
"""

from __future__ import annotations


class VanbanError(Exception):
    """Base of every error vanban raises on purpose.

    ``message`` says what was wrong, ``hint`` how to put it right (``str(error)`` is both).
    ``field`` is the name of the one input the error is about, in the use cases' own parameter
    vocabulary ("subject", "unit", "sender", "date" for a document's date, "type" for its type,
    "deadline", "arrived", "code", "signer", "date_from", "q" for a search query…), or None when
    the error is about no single input (a rule of the office, a role, a conflict). A form shows
    the error next to that input; the API's and the command line's JSON error carry it.
    """

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} {self.hint}"
        return self.message


class InputError(VanbanError):
    """The input cannot be understood (unknown code, unparsable date, bad option)."""

    exit_code = 2


class NotFoundError(InputError):
    """A named thing (document, organization, unit, user, type) does not exist."""


class AmbiguousError(InputError):
    """A reference matches several documents; the message lists the candidates."""


class RuleError(VanbanError):
    """A rule of the office refuses the action."""

    exit_code = 1


class DuplicateError(RuleError):
    """The thing already exists (same incoming code from the same sender, same login…)."""


class TransitionError(RuleError):
    """The lifecycle does not allow this trigger from the document's current state."""


class PermissionDeniedError(RuleError):
    """The user's roles do not allow the action."""


class FrozenError(RuleError):
    """A recorded document's record (or the history) cannot be changed (Nghị định 30, Điều 18)."""


class IntegrityBreakError(RuleError):
    """The register does not verify: a record or an event was changed outside vanban."""


class DateOrderError(RuleError):
    """A new number would carry a date earlier than the last one issued in its series."""


class LinkError(RuleError):
    """A link between two documents makes no sense."""


class AuthenticationError(VanbanError):
    """Who is acting is not proven: no session or token, a wrong password, an expired session."""

    exit_code = 1


class TooManyAttemptsError(AuthenticationError):
    """Too many failed sign-ins for this account or from this address: wait, then try again."""


class WorkflowError(InputError):
    """A workflow file is broken; the message names the file and the fault."""


class SchemaError(VanbanError):
    """The database is missing, not initialised or at another schema version."""

    exit_code = 2


class DocumentFileError(InputError):
    """A Word file cannot be read (not a .docx, corrupt, too large)."""
