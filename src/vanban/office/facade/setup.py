"""The façade's set-up methods: the office, its organizations, units, users and series."""

from __future__ import annotations

from collections.abc import Iterable

from vanban.domain.model import Event, Organization, Role, SeriesState, Unit, User
from vanban.domain.numbering import Policy
from vanban.office import admin, looking
from vanban.office.runner import Runner


class SetUpMethods:
    """Who works here and how numbers run."""

    runner: Runner

    def me(self) -> User:
        """The user this office acts as."""
        return looking.me(self.runner)

    def office(self) -> Organization:
        """The own organization of the current user."""
        return looking.own_office(self.runner)

    def add_org(
        self,
        code: str,
        name: str,
        *,
        parent: str | None = None,
        place: str | None = None,
        madinhdanh: str | None = None,
        own: bool = False,
    ) -> Organization:
        """Add an organization (external by default; ``own`` for another office kept here)."""
        return admin.add_org(
            self.runner, code, name, parent=parent, place=place, madinhdanh=madinhdanh, own=own
        )

    def orgs(self) -> list[Organization]:
        return looking.orgs(self.runner)

    def add_unit(self, code: str, name: str) -> Unit:
        return admin.add_unit(self.runner, code, name)

    def units(self) -> list[Unit]:
        return looking.units(self.runner)

    def add_user(
        self, login: str, *, name: str, roles: Iterable[Role | str], title: str | None = None
    ) -> User:
        """Add a person with their roles to the office; ``title`` is their chức vụ ("Chủ tịch"),
        written under the authority line when they sign."""
        return admin.add_user(self.runner, login, name=name, roles=roles, title=title)

    def set_user_title(self, login: str, title: str | None) -> User:
        """Change a user's chức vụ (None: none); documents already signed keep theirs."""
        return admin.set_user_title(self.runner, login, title)

    def users(self) -> list[User]:
        return looking.users(self.runner)

    def set_series(self, type_key: str, *, year: int, next_number: int, secret: bool = False) -> SeriesState:
        """Where a series continues ("the next KH is 90"; "DEN": the next số đến is 1200), for an
        office adopting vanban mid-year."""
        return admin.set_series(self.runner, type_key, year=year, next_number=next_number, secret=secret)

    def next_in_series(self, type_key: str, *, year: int | None = None, secret: bool = False) -> SeriesState:
        """The series the next ``type_key`` ("DEN": the next số đến) would take its number from,
        read without taking it: its next number is ``last_number + 1``. Year: this year."""
        return admin.next_in_series(self.runner, type_key, year=year, secret=secret)

    def set_policy(self, policy: Policy) -> None:
        """One series per type, or one shared series (secret documents stay apart either way)."""
        admin.set_policy(self.runner, policy)

    def series(self, year: int | None = None) -> list[SeriesState]:
        return looking.series(self.runner, year)

    def office_events(self) -> list[Event]:
        """Events not tied to a document: series changes, users, organizations."""
        return looking.office_events(self.runner)
