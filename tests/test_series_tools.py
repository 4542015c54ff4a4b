"""The incoming register set mid-year (series set DEN), and the next number shown without taking it."""

from __future__ import annotations

import json
import re
import shlex
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from test_input_boundary import refused
from vanban.errors import InputError, RuleError

if TYPE_CHECKING:
    from conftest import Cli
    from vanban import Office

SEP_29 = date(2025, 9, 29)


def receive(office: Office, number: int) -> int | None:
    doc = office.receive(
        f"{number}/SKHCN-KHTC", sender="SKHCN", on=SEP_29, subject="Về việc báo cáo", arrived=SEP_29
    )
    return doc.arrival_number


@pytest.mark.parametrize("name", ["DEN", "đến", "Đến", "sổ đến", "văn bản đến"])
def test_a_commune_adopting_vanban_in_november_starts_its_so_den_at_1200(office: Office, name: str) -> None:
    state = office.set_series(name, year=2025, next_number=1200)
    assert (state.key, state.last_number) == ("DEN", 1199)
    assert receive(office, 1) == 1200
    assert receive(office, 2) == 1201


def test_setting_the_incoming_series_leaves_the_outgoing_ones_alone(office: Office) -> None:
    office.set_series("DEN", year=2025, next_number=1200)
    assert office.register("KH", subject="Kế hoạch", on=SEP_29, signer="chutich").number == 1


def test_the_incoming_series_cannot_go_back_below_a_so_den_already_given(office: Office) -> None:
    office.set_series("DEN", year=2025, next_number=1200)
    receive(office, 1)
    error = refused(office, lambda: office.set_series("DEN", year=2025, next_number=1200))
    assert isinstance(error, RuleError)
    assert "1200" in error.message and "1201" in (error.hint or "")


def test_the_incoming_series_has_no_secret_twin(office: Office) -> None:
    error = refused(office, lambda: office.set_series("DEN", year=2025, next_number=5, secret=True))
    assert isinstance(error, InputError)
    assert "--secret" in (error.hint or "")


def test_the_next_number_is_shown_without_being_taken(office: Office) -> None:
    office.set_series("KH", year=2025, next_number=90)
    assert office.next_in_series("KH", year=2025).last_number + 1 == 90
    assert office.next_in_series("KH", year=2025).last_number + 1 == 90
    assert office.register("KH", subject="Kế hoạch", on=SEP_29, signer="chutich").number == 90
    assert office.next_in_series("KH", year=2025).last_number + 1 == 91


def test_the_next_number_of_a_series_never_used_is_1(office: Office) -> None:
    state = office.next_in_series("QĐ", year=2025)
    assert (state.key, state.last_number + 1) == ("QĐ", 1)


def test_the_next_so_den_and_the_next_secret_number_are_their_own_series(office: Office) -> None:
    office.set_series("DEN", year=2025, next_number=1200)
    assert office.next_in_series("đến", year=2025).last_number + 1 == 1200
    assert office.next_in_series("KH", year=2025, secret=True).key == "MAT-KH"


def test_asking_the_next_number_of_an_unknown_type_is_refused(office: Office) -> None:
    error = refused(office, lambda: office.next_in_series("XYZ", year=2025))
    assert "XYZ" in error.message


def test_series_next_and_set_den_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    assert cli.ok_json(db, "series", "set", "DEN", "--year", "2025", "--next", "1200")["next"] == 1200
    shown = cli.ok_json(db, "series", "next", "đến", "--year", "2025")
    assert (shown["key"], shown["next"]) == ("DEN", 1200)
    assert "1200" in cli.ok(db, "series", "next", "DEN", "--year", "2025").out
    ran = cli.run(db, "series", "next", "XYZ")
    assert ran.code == 2 and "XYZ" in ran.err


@pytest.mark.parametrize("sender", ["Sở Nội vụ thành phố Hải Phòng", "SNV"])
def test_an_unknown_sender_s_hint_names_a_command_that_works(cli: Cli, tmp_path: Path, sender: str) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    args = ["receive", "12/SNV-VP", "--from", sender, "--date", "10/11/2025", "--subject", "Về việc"]
    hint = cli.run(db, "--json", *args).err
    command = re.search(r'vanban (org add \S+ "[^"]*")', json.loads(hint)["hint"])
    assert command is not None
    words = shlex.split(command.group(1).replace("MÃ", "SNV"))
    cli.ok(db, *words)
    assert cli.ok_json(db, *args[:3], "SNV", *args[4:])["issuer"] == "SNV"
