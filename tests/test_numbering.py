"""The numbering policy: which series a document draws its number from (nd30.md §2). No database."""

from __future__ import annotations

import pytest

from vanban.domain.model import Direction
from vanban.domain.numbering import (
    ARRIVAL,
    COPIES,
    SHARED,
    NumberingPolicy,
    Policy,
    parse_policy,
    series_label,
)
from vanban.domain.types import ADMINISTRATIVE_TYPES, COPY_TYPES, DocumentType
from vanban.errors import InputError, NotFoundError

OUT = Direction.OUT
IN = Direction.IN
PER_TYPE = NumberingPolicy(Policy.PER_TYPE)
ONE_SHARED = NumberingPolicy(Policy.SHARED)


def test_the_default_policy_is_one_series_per_type() -> None:
    assert NumberingPolicy().policy is Policy.PER_TYPE


@pytest.mark.parametrize("t", [t for t in ADMINISTRATIVE_TYPES if t.key != "THC"], ids=lambda t: t.key)
def test_each_type_has_its_own_series_by_default(t: DocumentType) -> None:
    assert PER_TYPE.series_key(t.key, direction=OUT) == t.key


def test_plans_decisions_and_cong_van_do_not_share_a_series() -> None:
    keys = {PER_TYPE.series_key(t, direction=OUT) for t in ("KH", "QĐ", "CV", "BC", "TB")}
    assert len(keys) == 5


def test_thu_cong_shares_the_cong_van_series_because_it_carries_the_same_notation() -> None:
    assert PER_TYPE.series_key("CV", direction=OUT) == "CV"
    assert PER_TYPE.series_key("THC", direction=OUT) == "CV"


def test_a_type_typed_loosely_takes_the_series_of_its_catalog_key() -> None:
    assert PER_TYPE.series_key("QD", direction=OUT) == "QĐ"
    assert PER_TYPE.series_key("ctr", direction=OUT) == "CTr"
    assert PER_TYPE.series_key("Kế hoạch", direction=OUT) == "KH"


@pytest.mark.parametrize("policy", [PER_TYPE, ONE_SHARED], ids=["per_type", "shared"])
@pytest.mark.parametrize("t", ADMINISTRATIVE_TYPES, ids=lambda t: t.key)
def test_a_secret_document_never_shares_the_series_of_ordinary_ones(
    policy: NumberingPolicy, t: DocumentType
) -> None:
    secret = policy.series_key(t.key, direction=OUT, secret=True)
    ordinary = {policy.series_key(other.key, direction=OUT) for other in ADMINISTRATIVE_TYPES}
    assert secret not in ordinary
    assert secret not in (ARRIVAL, COPIES)


def test_secret_documents_of_each_type_keep_apart_from_each_other() -> None:
    assert PER_TYPE.series_key("KH", direction=OUT, secret=True) != PER_TYPE.series_key(
        "QĐ", direction=OUT, secret=True
    )


def test_with_a_shared_series_every_type_draws_from_one() -> None:
    keys = {ONE_SHARED.series_key(t.key, direction=OUT) for t in ADMINISTRATIVE_TYPES}
    assert keys == {SHARED}


def test_with_a_shared_series_secret_documents_still_have_one_of_their_own() -> None:
    secret_plan = ONE_SHARED.series_key("KH", direction=OUT, secret=True)
    secret_decision = ONE_SHARED.series_key("QĐ", direction=OUT, secret=True)
    assert secret_plan == secret_decision
    assert secret_plan != SHARED


@pytest.mark.parametrize("policy", [PER_TYPE, ONE_SHARED], ids=["per_type", "shared"])
def test_the_three_kinds_of_copy_share_one_series_under_either_policy(policy: NumberingPolicy) -> None:
    keys = {policy.series_key(t.key, direction=OUT) for t in COPY_TYPES}
    assert keys == {COPIES}
    assert COPIES not in {policy.series_key(t.key, direction=OUT) for t in ADMINISTRATIVE_TYPES}


@pytest.mark.parametrize("policy", [PER_TYPE, ONE_SHARED], ids=["per_type", "shared"])
@pytest.mark.parametrize("type_key", ["KH", "QĐ", "CV", "BC", "SY", "NĐ"])
def test_every_incoming_document_takes_the_one_arrival_series(policy: NumberingPolicy, type_key: str) -> None:
    assert policy.series_key(type_key, direction=IN) == ARRIVAL
    assert policy.series_key(type_key, direction=IN, secret=True) == ARRIVAL


def test_the_arrival_series_is_apart_from_every_outgoing_series() -> None:
    outgoing = {PER_TYPE.series_key(t.key, direction=OUT) for t in ADMINISTRATIVE_TYPES + COPY_TYPES}
    outgoing |= {ONE_SHARED.series_key("KH", direction=OUT)}
    assert ARRIVAL not in outgoing


def test_an_unknown_type_has_no_series() -> None:
    with pytest.raises(NotFoundError):
        PER_TYPE.series_key("XYZ", direction=OUT)


# ---------------------------------------------------------------------------- choosing a policy


@pytest.mark.parametrize(
    ("typed", "policy"),
    [
        ("per-type", Policy.PER_TYPE),
        ("per_type", Policy.PER_TYPE),
        ("pertype", Policy.PER_TYPE),
        (" Per-Type ", Policy.PER_TYPE),
        ("shared", Policy.SHARED),
        ("SHARED", Policy.SHARED),
    ],
)
def test_a_policy_is_read_from_its_name(typed: str, policy: Policy) -> None:
    assert parse_policy(typed) is policy


def test_an_unknown_policy_is_refused_naming_the_two_choices() -> None:
    with pytest.raises(InputError) as caught:
        parse_policy("monthly")
    assert "«monthly»" in caught.value.message
    assert caught.value.hint is not None
    assert "per-type" in caught.value.hint
    assert "shared" in caught.value.hint


# ---------------------------------------------------------------------------- naming a series


def test_a_series_is_named_in_vietnamese() -> None:
    assert series_label("KH") == "Kế hoạch"
    assert series_label("CV") == "Công văn"
    assert series_label(ARRIVAL) == "Văn bản đến (số đến)"
    assert series_label(SHARED) == "Sổ chung"
    assert series_label(COPIES) == "Bản sao"


def test_a_secret_series_is_named_as_secret_and_by_its_type() -> None:
    label = series_label(PER_TYPE.series_key("KH", direction=OUT, secret=True))
    assert "mật" in label
    assert "Kế hoạch" in label
    shared_label = series_label(ONE_SHARED.series_key("KH", direction=OUT, secret=True))
    assert "mật" in shared_label
    assert "Sổ chung" in shared_label
