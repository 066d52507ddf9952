"""Plan contributions: the 402(g) limit with catch-ups, the 415(c) room, and the mega-backdoor."""

from __future__ import annotations

from rothroute import evaluate, load_text

HOUSEHOLD = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {{id: lee, born: {born}}}
income:
  - {{person: lee, kind: wages, amount: 200000}}
accounts:
  - id: lee_401k
    owner: lee
    kind: 401k
    sources: {{pretax: 100000}}
    plan: {{after_tax_contributions: true, in_plan_roth_rollover: true, employer_contributions: 12000,
           after_tax_separate_contract: true}}
moves:
{moves}
"""


def run(moves: str, born: str = "1985-05-05") -> dict:
    return evaluate(load_text(HOUSEHOLD.format(born=born, moves=moves))).to_json()


def test_pretax_deferral_lowers_wages_and_402g_limit_applies() -> None:
    # IRC §402(g)(1), Notice 2025-67: $24,500 for 2026; pretax deferrals are not wages (IRC §402(e)(3))
    ok = run("  - {date: 2026-12-01, move: contribution, to: lee_401k, amount: 24500, type: pretax}")
    assert ok["moves"][0]["permitted"] and ok["tax"]["without_moves"]["agi"] - ok["tax"]["agi"] == 24500
    over = run("  - {date: 2026-12-01, move: contribution, to: lee_401k, amount: 24501, type: pretax}")
    assert over["moves"][0]["permitted"] is False and over["issues"][0]["code"] == "contribution_over_limit"


def test_catch_up_at_60_to_63() -> None:
    # IRC §414(v)(2)(E) (SECURE 2.0 §109): $11,250 at ages 60-63 in 2026, instead of $8,000
    moves = "  - {date: 2026-12-01, move: contribution, to: lee_401k, amount: 35750, type: roth}"
    assert run(moves, born="1964-05-05")["moves"][0]["permitted"]  # 62 in 2026
    assert not run(moves, born="1970-05-05")["moves"][0]["permitted"]  # 56: $24,500 + $8,000


def test_mega_backdoor_after_tax_then_in_plan_roth_rollover() -> None:
    # IRC §415(c)(1)(A): $72,000 for 2026 less $24,500 deferrals and $12,000 employer money leaves $35,500
    moves = ("  - {date: 2026-01-15, move: contribution, to: lee_401k, amount: 24500, type: roth}\n"
             "  - {date: 2026-01-15, move: contribution, to: lee_401k, amount: 35500, type: after_tax}\n"
             "  - {date: 2026-01-16, move: in_plan_roth_rollover, account: lee_401k, sources: [after_tax]}")
    result = run(moves)
    assert [m["permitted"] for m in result["moves"]] == [True, True, True]
    assert result["moves"][2]["taxable"] == 0 and result["tax"]["cost_of_moves"] == 0
    assert result["accounts_end"]["lee_401k"]["roth"]["contributions"] == 60000
    over = run(moves.replace("amount: 35500", "amount: 35501"))
    assert over["moves"][1]["permitted"] is False and "415(c)" in over["issues"][0]["message"]


def test_catch_up_must_be_roth_above_the_414v7_wage_amount() -> None:
    # IRC §414(v)(7)(A), IRS Notice 2025-67: from 2026, a participant whose prior-year FICA wages from the
    # employer were above $150,000 makes catch-ups only as designated Roth contributions.
    text = HOUSEHOLD.replace("employer_contributions: 12000,", "employer_contributions: 12000, prior_year_fica_wages: {w},")

    def go(wages: int, moves: str) -> dict:
        return evaluate(load_text(text.format(born="1970-05-05", moves=moves, w=wages).replace("{{", "{"))).to_json()

    pretax = "  - {date: 2026-12-01, move: contribution, to: lee_401k, amount: 32500, type: pretax}"
    refused = go(150001, pretax)
    assert refused["moves"][0]["permitted"] is False and refused["issues"][0]["code"] == "catch_up_must_be_roth"
    assert "IRC §414(v)(7)(A)" in refused["issues"][0]["cites"]
    assert go(150000, pretax)["moves"][0]["permitted"]  # not above the amount
    split = ("  - {date: 2026-12-01, move: contribution, to: lee_401k, amount: 24500, type: pretax}\n"
             "  - {date: 2026-12-01, move: contribution, to: lee_401k, amount: 8000, type: roth}")
    assert [m["permitted"] for m in go(150001, split)["moves"]] == [True, True]


def test_a_plan_contribution_counts_in_the_year_it_is_made() -> None:
    # Employee contributions to a plan come out of the year's pay: elective deferrals (IRC §402(g)(1)(A);
    # Treas. Reg. §1.401(k)-1(a)(3)(iii)) and after-tax contributions (Treas. Reg. §1.401(m)-2(a)(4)(i)). One
    # dated in 2026 "for 2025" is refused like one dated in 2027 "for 2026"; December 31 is still the year's.
    for move, permitted in (
            ("{date: 2026-12-31, move: contribution, to: lee_401k, amount: 1000, type: pretax}", True),
            ("{date: 2027-01-02, move: contribution, to: lee_401k, amount: 1000, type: roth}", False),
            ("{date: 2026-02-01, move: contribution, to: lee_401k, amount: 1000, type: pretax, for_year: 2025}", False),
            ("{date: 2026-02-01, move: contribution, to: lee_401k, amount: 1000, type: after_tax, for_year: 2025}",
             False)):
        result = run("  - " + move)
        assert result["moves"][0]["permitted"] is permitted, move
        if not permitted:
            issue = result["issues"][0]
            assert issue["code"] == "plan_contribution_outside_its_year" and issue["where"] == "moves[0].date"
            assert "Treas. Reg. §1.401(k)-1(a)(3)(iii)" in issue["cites"]
            assert result["accounts_end"]["lee_401k"]["value"] == 100000
