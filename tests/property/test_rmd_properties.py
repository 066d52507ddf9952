"""Invariants of the RMD accounting (Hypothesis): every RMD dollar is taken, short, or left for April 1,
never two of them; Form 5329 lines 52-55 add up and the excise lies between 10% and 25% of the shortfall;
and no dollar is converted before the RMDs of the year (last year's deferred one included) are out."""

from __future__ import annotations

import datetime as _dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rothroute import evaluate, load_text
from rothroute.household.moves import Withdrawal


@st.composite
def years(draw):
    """A 2026 IRA owner past RMD age, or in the year after their first (2025) with last year's RMD carried,
    or in their first year (born 1953) deferring it; withdrawals and conversions on any day."""
    case = draw(st.sampled_from(["past", "carried", "first"]))
    born = {"past": "1948-10-01", "carried": "1952-06-01", "first": "1953-02-01"}[case]
    ira = draw(st.integers(1_000, 800_000))
    extra = {"past": "", "carried": f", rmd_from_last_year: {draw(st.integers(1, ira // 20))}",
             "first": ", first_rmd_deferred: true" if draw(st.booleans()) else ""}[case]
    extra += ", rmd_shortfall_corrected: true" if draw(st.booleans()) else ""
    moves = []
    for _ in range(draw(st.integers(0, 5))):
        day = _dt.date(2026, 1, 1) + _dt.timedelta(days=draw(st.integers(0, 364)))
        kind = draw(st.sampled_from(["withdrawal", "withdrawal", "conversion"]))
        amount = draw(st.integers(1, max(1, ira // 10)))
        target = ", to: roth" if kind == "conversion" else ""
        moves.append(f"  - {{date: {day}, move: {kind}, from: ira{target}, amount: {amount}}}")
    text = (f"format: 1\ntax_year: 2026\nfiling_status: single\npeople:\n  - {{id: p, born: {born}{extra}}}\n"
            f"accounts:\n  - {{id: ira, owner: p, kind: traditional_ira, value: {ira}}}\n"
            f"  - {{id: roth, owner: p, kind: roth_ira, value: 0}}\n"
            "moves:\n" + ("\n".join(moves) if moves else "  []") + "\n")
    return text


def cents(x: float) -> int:
    return round(x * 100)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years())
def test_rmd_dollars_add_up_and_come_out_first(text: str) -> None:
    h = load_text(text)
    result = evaluate(h).to_json()
    rmd = result["people"]["p"]["rmd"]
    ira, form = rmd["iras"], rmd["form_5329"]
    due, carried = cents(ira["due"]), cents(ira["from_last_year"])
    on_time, taken, short, carry = (cents(ira[k]) for k in ("from_last_year_by_april_1", "taken", "shortfall",
                                                            "carry_to_next_year"))
    # each RMD dollar is taken in time, short, or (first year) left for next April 1: once
    assert on_time + taken + short + carry == carried + due
    assert min(on_time, taken, short, carry) >= 0 and (carry == 0 or ira["first_year"])
    # Form 5329 Part IX adds up; the excise is 10% to 25% of the shortfall, and none without one
    assert cents(form["53"]) + cents(form["54"]) == cents(form["52"]) and cents(form["54"]) == short
    excise = cents(form["55"])
    assert short // 10 - 1 <= excise <= short // 4 + 1 and (excise == 0) == (short == 0)
    assert cents(result["tax"]["rmd_excise"]) == excise
    # RMD dollars are paid only by withdrawals that happened, and no conversion comes before all of them
    withdrawn = 0
    for record, move in sorted(zip(h.moves, result["moves"]), key=lambda x: x[0].on):
        if not move["permitted"]:
            continue
        if isinstance(record, Withdrawal):
            withdrawn += record.amount
        else:
            assert withdrawn >= carried + due, (raw, withdrawn)
    assert on_time + taken <= withdrawn
