"""Who acted, and from where: every event records its actor and channel (web, API, command line),
covered by the hash chain; sign-ins, refused sign-ins and sign-outs go to an append-only access
log, never with a password; API tokens made and revoked are events of the office's history."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import text

from test_trust import dump, issued, lift_guards, raw, restore_guards  # noqa: F401  (a fixture used by name)
from vanban import Office
from vanban.errors import AuthenticationError, IntegrityBreakError, PermissionDeniedError, VanbanError
from vanban.office import auth

SEP_29 = date(2025, 9, 29)
PASSWORD = "mật khẩu văn thư 2025"
ADMIN_PASSWORD = "mật khẩu quản trị 2025"
CHAIRMAN_PASSWORD = "mật khẩu chủ tịch 2025"


@pytest.fixture(autouse=True)
def _cheap_hashes() -> Any:
    from argon2 import PasswordHasher, profiles

    auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    auth.use_hasher(PasswordHasher())


@pytest.fixture
def guarded(office: Office) -> Office:
    """The register with passwords: the clerk (vanthu, its first admin), the chairman (chutich)
    and an administrator (quantri)."""
    office.add_user("quantri", name="Đỗ Văn Quản Trị", roles=["quan_tri"])
    auth.set_password(office, "vanthu", PASSWORD)
    auth.set_password(office.as_user("chutich"), "chutich", CHAIRMAN_PASSWORD)
    auth.set_password(office.as_user("quantri"), "quantri", ADMIN_PASSWORD)
    return office


def channels(office: Office, ref: str | int) -> list[tuple[str, str, str | None]]:
    return [(e.trigger, e.actor, e.channel) for e in office.history(ref)]


def test_every_event_records_the_channel_its_actor_came_through(office: Office) -> None:
    web = office.as_user("vanthu", channel="web")
    doc = web.draft("KH", subject="Kế hoạch tổ chức Ngày Chuyển đổi số")
    office.as_user("vanthu", channel="api").issue(doc.id, signer="Nguyễn Phúc Công", title="Chủ tịch")
    office.as_user("vanthu", channel="cli").fire(doc.id, "start")
    office.fire(doc.id, "complete")  # a program calling vanban says no channel
    assert channels(office, doc.id) == [
        ("create", "vanthu", "web"),
        ("issue", "vanthu", "api"),
        ("start", "vanthu", "cli"),
        ("complete", "vanthu", None),
    ]


def test_an_office_acting_as_another_user_keeps_its_channel(office: Office) -> None:
    cli = office.as_user("vanthu", channel="cli")
    chairman = cli.as_user("chutich")
    assert chairman.channel == "cli" and chairman.login == "chutich"


def test_a_channel_vanban_does_not_know_is_refused() -> None:
    from vanban.office.runner import Runner

    with pytest.raises(ValueError, match="channel"):
        Runner(None, "vanthu", None, channel="fax")  # type: ignore[arg-type]


def test_the_hash_chain_covers_the_channel(issued: Office) -> None:  # noqa: F811
    doc = issued.as_user("vanthu", channel="web").draft("KH", subject="Kế hoạch họp dân")
    issued.verify()
    created = next(e for e in issued.history(doc.id) if e.trigger == "create")
    lift_guards(issued)
    try:
        raw(issued, "UPDATE events SET channel = 'cli' WHERE id = :id", id=created.id)
        with pytest.raises(IntegrityBreakError) as broken:
            issued.verify()
    finally:
        restore_guards(issued)
    assert f"sự kiện #{created.id}" in broken.value.message


def test_an_event_without_a_channel_hashes_as_events_did_before_channels() -> None:
    from vanban.domain.integrity import canonical_event

    at = datetime(2025, 9, 29, 8, 30)
    before = b'[1,7,3,"vanthu","2025-09-29 08:30:00","create",null,"drafted",null]\n{}'
    assert canonical_event(1, 7, 3, "vanthu", at, "create", None, "drafted", None, "{}") == before
    with_channel = canonical_event(1, 7, 3, "vanthu", at, "create", None, "drafted", None, "{}", "web")
    assert with_channel == before.replace(b"null]", b'null,"web"]')


def test_signing_in_and_out_is_logged_with_address_and_channel_never_the_password(guarded: Office) -> None:
    session = auth.sign_in(guarded, "vanthu", PASSWORD, "10.0.0.7")
    auth.sign_out(guarded, session.session_id, "10.0.0.7")
    log = auth.access_log(guarded.as_user("quantri"))
    assert [(what, who, where, channel) for _at, what, who, where, channel in log] == [
        ("sign_out", "vanthu", "10.0.0.7", "web"),
        ("sign_in", "vanthu", "10.0.0.7", "web"),
    ]
    assert PASSWORD not in repr(dump(guarded))


def test_a_failed_sign_in_is_logged_for_a_known_and_an_unknown_login_without_the_password(
    guarded: Office,
) -> None:
    for login in ("vanthu", "khong_co_ai"):
        with pytest.raises(AuthenticationError):
            auth.sign_in(guarded, login, "đoán mò mật khẩu 123", "10.0.0.9")
    log = auth.access_log(guarded.as_user("quantri"))
    assert [(what, who, where) for _at, what, who, where, _c in log] == [
        ("sign_in_failed", "khong_co_ai", "10.0.0.9"),
        ("sign_in_failed", "vanthu", "10.0.0.9"),
    ]
    assert "đoán mò" not in repr(dump(guarded))


def test_sign_ins_stay_out_of_the_offices_hash_chain(guarded: Office) -> None:
    before = guarded.office_events()
    auth.sign_in(guarded, "vanthu", PASSWORD, "10.0.0.7")
    with pytest.raises(AuthenticationError):
        auth.sign_in(guarded, "khong_co_ai", "sai mật khẩu 12345", "10.0.0.7")
    assert guarded.office_events() == before
    guarded.verify()


def test_a_user_reads_only_their_own_access_log_and_an_administrator_everyones(guarded: Office) -> None:
    auth.sign_in(guarded, "quantri", ADMIN_PASSWORD, "10.0.0.1")
    auth.sign_in(guarded, "chutich", CHAIRMAN_PASSWORD, "10.0.0.2")
    chairman = guarded.as_user("chutich")
    assert [who for _at, _w, who, _a, _c in auth.access_log(chairman, "chutich")] == ["chutich"]
    before = dump(guarded)
    with pytest.raises(PermissionDeniedError) as refused:
        auth.access_log(chairman, "quantri")
    assert "chính mình" in refused.value.message
    with pytest.raises(PermissionDeniedError):
        auth.access_log(chairman)
    assert dump(guarded) == before
    everyone = auth.access_log(guarded.as_user("quantri"))
    assert {who for _at, _w, who, _a, _c in everyone} == {"chutich", "quantri"}


def test_the_database_refuses_to_change_or_remove_a_line_of_the_access_log(guarded: Office) -> None:
    auth.sign_in(guarded, "vanthu", PASSWORD, "10.0.0.7")
    for statement in ("UPDATE access_log SET login = 'ke_gian'", "DELETE FROM access_log"):
        with pytest.raises(Exception, match="append-only"), guarded.engine.begin() as conn:
            conn.execute(text(statement))
    assert [who for _at, _w, who, _a, _c in auth.access_log(guarded.as_user("quantri"))] == ["vanthu"]


def test_api_tokens_made_and_revoked_are_events_with_who_and_from_where(guarded: Office) -> None:
    admin = guarded.as_user("quantri", channel="cli")
    token_id, token = auth.create_token(admin, "vanthu", "phần mềm một cửa")
    auth.revoke_token(admin, "vanthu", token_id)
    made = [e for e in guarded.office_events() if e.trigger in ("token_create", "token_revoke")]
    assert [(e.trigger, e.actor, e.channel, e.data) for e in made] == [
        (
            "token_create",
            "quantri",
            "cli",
            {"login": "vanthu", "token_id": token_id, "name": "phần mềm một cửa"},
        ),
        ("token_revoke", "quantri", "cli", {"login": "vanthu", "token_id": token_id}),
    ]
    assert token not in repr(dump(guarded))
    guarded.verify()


def test_the_command_line_records_its_events_and_its_sign_ins_as_cli(
    guarded: Office, db_url: str, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VANBAN_TOKEN", raising=False)
    cli.ok(db_url, "--as", "vanthu", "draft", "KH", "--subject", "Kế hoạch dòng lệnh", input=PASSWORD + "\n")
    drafted = guarded.documents(direction="out")
    assert [(e.trigger, e.actor, e.channel) for e in guarded.history(drafted[0].id)] == [
        ("create", "vanthu", "cli")
    ]
    log = auth.access_log(guarded.as_user("quantri"))
    assert [(what, who, channel) for _at, what, who, _a, channel in log] == [("sign_in", "vanthu", "cli")]


def test_history_shows_where_the_actor_acted(
    guarded: Office, db_url: str, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VANBAN_TOKEN", raising=False)
    doc = guarded.as_user("vanthu", channel="web").draft("KH", subject="Kế hoạch trên trình duyệt")
    shown = cli.ok(db_url, "--as", "vanthu", "history", str(doc.id), input=PASSWORD + "\n")
    assert "vanthu (trình duyệt)" in shown.out


def test_a_wrong_password_checked_anywhere_is_logged_as_a_failed_sign_in(guarded: Office) -> None:
    with pytest.raises(VanbanError):
        auth.verify(guarded, "vanthu", "sai sai sai sai sai", "10.0.0.3")
    log = auth.access_log(guarded.as_user("quantri"))
    assert [(what, channel) for _at, what, _who, _a, channel in log] == [("sign_in_failed", "web")]


def test_vanban_user_access_shows_the_access_log_to_an_administrator(
    guarded: Office, db_url: str, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VANBAN_TOKEN", raising=False)
    with pytest.raises(AuthenticationError):
        auth.sign_in(guarded, "\x1b[2Jke_gian", "đoán mò mật khẩu 123", "10.0.0.9")
    shown = cli.ok(db_url, "--as", "quantri", "user", "access", input=ADMIN_PASSWORD + "\n")
    assert "đăng nhập sai" in shown.out and "10.0.0.9" in shown.out and "dòng lệnh" in shown.out
    assert "\x1b" not in shown.out
    answer = ADMIN_PASSWORD + "\n"
    data = cli.ok(db_url, "--as", "quantri", "--json", "user", "access", "quantri", input=answer)
    assert [(row["what"], row["channel"]) for row in data.json] == [("sign_in", "cli"), ("sign_in", "cli")]
    refused = cli.run(db_url, "--as", "chutich", "user", "access", input=CHAIRMAN_PASSWORD + "\n")
    assert refused.code == 1 and "chính mình" in refused.err


_TEXTS = st.text(st.characters(codec="utf-8"), max_size=12)
_FIELDS = st.one_of(st.none(), st.integers(min_value=-(2**80), max_value=2**80), _TEXTS)


@given(
    st.integers(min_value=1, max_value=2**40),
    st.one_of(st.none(), st.integers(min_value=1, max_value=2**40)),
    _TEXTS,
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    st.lists(_FIELDS, min_size=4, max_size=4),
    st.one_of(st.none(), _TEXTS),
    st.one_of(st.none(), _TEXTS),
)
@example(7, 3, "vanthu", datetime(2025, 9, 29, 8, 30, 5, 9), ["create", "a\x7fb", "\n\x01", 5], "{}", None)
@example(7, None, "vũ", datetime(2025, 9, 29, 8, 30, 5), ["create", None, "\u2028", 2**70], "đ", "web")
def test_the_hashed_content_is_the_json_module_s_array_whatever_the_text(
    seq: int,
    document_id: int | None,
    actor: str,
    at: datetime,
    rest: list[Any],
    data: str | None,
    channel: str | None,
) -> None:
    """The canonical encoding takes faster paths (orjson for printable ASCII, the time's text
    without replace()); the bytes hashed stay those of the json module's ASCII array."""
    import json

    from vanban.domain.integrity import canonical_event

    trigger, from_state, to_state, note = rest
    stamp = at.replace(microsecond=0, tzinfo=None).isoformat(" ")
    fields = [1, seq, document_id, actor, stamp, trigger, from_state, to_state, note]
    if channel is not None:
        fields.append(channel)
    array = json.dumps(fields, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii")
    expected = array + b"\n" + (data if data is not None else "null").encode()
    event = (1, seq, document_id, actor, at, trigger, from_state, to_state, note)
    assert canonical_event(*event, data, channel) == expected
    if data is not None:  # a writer holding the data's UTF-8 bytes hashes the same content
        assert canonical_event(*event, data.encode(), channel) == expected


class _Kind(Enum):
    A = 1


class _Text(str):
    pass


@pytest.mark.parametrize(
    "value", [1.5, 1e-7, float("nan"), True, _Kind.A, _Text("vũ"), date(2025, 9, 29), 2**64, -(2**63) - 1]
)
def test_a_field_of_any_other_kind_is_written_as_the_json_module_writes_it_or_refused_alike(
    value: Any,
) -> None:
    """orjson would write floats, NaN, enumerations and dates its own way: it is used only for
    ints, texts and None, so every field gives the bytes (or the refusal) it gave before."""
    import json

    from vanban.domain.integrity import canonical_event

    fields = [1, 7, value, "vanthu", "2025-09-29 08:30:00", "create", None, "drafted", None]
    try:
        expected: bytes | type[Exception] = (
            json.dumps(fields, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii")
            + b"\n{}"
        )
    except (TypeError, ValueError) as refused:
        expected = type(refused)
    at = datetime(2025, 9, 29, 8, 30)
    try:
        given: bytes | type[Exception] = canonical_event(
            1, 7, value, "vanthu", at, "create", None, "drafted", None, "{}"
        )
    except (TypeError, ValueError) as refused:
        given = type(refused)
    assert given == expected
