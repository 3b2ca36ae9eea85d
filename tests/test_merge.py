"""Hybrid merge: one claim per figure from the offline and LLM sets."""

from __future__ import annotations

from decimal import Decimal

from narrative_check.claims.merge import merge_claims
from narrative_check.models import Claim

SENTENCE = "本单位 2024 年支出合计 1102.05 万元，其中：基本支出 232.57 万元，占 21.10%；项目支出 869.48 万元，占 78.90%。"


def off(subject: str, amount: str, **extra) -> Claim:
    return Claim(quote=SENTENCE, line=5, subject=subject, amount=Decimal(amount), unit="万元", **extra)


def llm(quote: str, subject: str, amount: str, **extra) -> Claim:
    return Claim(quote=quote, line=5, subject=subject, amount=Decimal(amount), unit="万元", source="llm", **extra)


OFFLINE = [off("支出合计", "1102.05", year=2024),
           off("基本支出", "232.57", share_pct=Decimal("21.10"), share_of="支出合计"),
           off("项目支出", "869.48", share_pct=Decimal("78.90"), share_of="支出合计")]


def test_agreeing_claims_become_one_hybrid_claim() -> None:
    merged = merge_claims(OFFLINE, [llm("2024 年支出合计 1102.05 万元", "支出合计", "1102.05"),
                                    llm("基本支出 232.57 万元，占 21.10%", "基本支出", "232.57", share_pct=Decimal("21.10"))])
    assert [(c.subject, c.source) for c in merged] == [("支出合计", "hybrid"), ("基本支出", "hybrid"),
                                                       ("项目支出", "offline")]
    assert all(c.note is None for c in merged)
    assert merged[0].quote == SENTENCE  # the offline claim (and its quote) is kept


def test_disagreement_keeps_the_offline_value_and_notes_it() -> None:
    merged = merge_claims(OFFLINE, [llm("基本支出 232.57 万元，占 21.10%", "基本支出", "232.57",
                                        share_pct=Decimal("232.57"))])
    basic = merged[1]
    assert basic.share_pct == Decimal("21.10") and basic.source == "offline"
    assert basic.note == "hybrid: the LLM read share_pct 232.57 (offline 21.10); kept the offline value"
    assert len(merged) == 3


def test_llm_adds_figures_the_offline_extractor_missed() -> None:
    other = "机关运行经费安排31.41万元，比上年增加4.17万元，增长15.31%。"
    extra = Claim(quote=other, line=9, subject="机关运行经费", amount=Decimal("31.41"), change=Decimal("4.17"),
                  direction="increase", growth_pct=Decimal("15.31"), source="llm")
    merged = merge_claims(OFFLINE, [extra])
    assert merged[-1].subject == "机关运行经费" and merged[-1].source == "llm"
    assert len(merged) == 4


def test_agreeing_llm_fills_a_missing_rate() -> None:
    offline = [Claim(quote="运行经费31.41万元，比上年增加4.17万元，增长15.31%。", line=3, subject="运行经费",
                     amount=Decimal("31.41"), change=Decimal("4.17"), direction="increase")]
    found = [Claim(quote="运行经费31.41万元，比上年增加4.17万元，增长15.31%", line=3, subject="运行经费",
                   amount=Decimal("31.41"), growth_pct=Decimal("15.31"), growth_direction="increase", source="llm")]
    [claim] = merge_claims(offline, found)
    assert claim.source == "hybrid" and claim.growth_pct == Decimal("15.31") and claim.change == Decimal("4.17")
    assert claim.note == "hybrid: growth_pct, growth_direction from the LLM"


def test_duplicates_are_dropped() -> None:
    # the LLM restates figures the offline claims of the sentence already carry, under another name
    dup = llm("支出合计 1102.05 万元", "本单位支出", "1102.05")
    twice = llm("项目支出 869.48 万元", "项目支出", "869.48")
    merged = merge_claims(OFFLINE, [dup, twice, twice])
    assert len(merged) == 3
    new = Claim(quote="运行经费 5 万元", line=9, subject="运行经费", amount=Decimal("5"), source="llm")
    assert len(merge_claims([], [new, new.model_copy()])) == 1


def test_a_shared_number_about_another_subject_is_not_a_match() -> None:
    wrong = llm("其中：基本支出 232.57 万元", "基本支出", "1102.05")  # a number the sentence has, misattributed
    merged = merge_claims(OFFLINE, [wrong])
    basic = merged[1]
    assert basic.amount == Decimal("232.57") and "the LLM read amount 1102.05" in (basic.note or "")


def test_inputs_are_not_mutated() -> None:
    before = [c.model_copy(deep=True) for c in OFFLINE]
    merge_claims(OFFLINE, [llm("2024 年支出合计 1102.05 万元", "支出合计", "1102.05")])
    assert OFFLINE == before


def test_offline_fallback_inside_the_llm_set_confirms_nothing() -> None:
    merged = merge_claims(OFFLINE, [c.model_copy() for c in OFFLINE])  # a failed section fell back
    assert [c.source for c in merged] == ["offline"] * 3 and len(merged) == 3
