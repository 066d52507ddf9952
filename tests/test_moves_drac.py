"""Designated Roth accounts moving to another plan's designated Roth account, and the 60-day rules
(IRC §402A(c)(3); Treas. Reg. §1.402A-1 Q&A-4, Q&A-5)."""

from __future__ import annotations

from rothroute import evaluate, load_text

HOUSEHOLD = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {{id: ana, born: 1976-04-04}}
income:
  - {{person: ana, kind: wages, amount: 90000}}
accounts:
  - id: old_401k
    owner: ana
    kind: 401k
    sources: {{roth: {{contributions: 20000, earnings: 5000, first_year: 2015}}}}
    plan: {{separated_from_service: 2025}}
  - id: new_401k
    owner: ana
    kind: 401k
    sources: {{pretax: 3000{new_roth}}}
    plan: {{designated_roth: {designated}}}
  - {{id: ana_roth, owner: ana, kind: roth_ira, value: 0}}
moves:
  - {{date: 2026-06-01, move: distribution, from: old_401k, sources: [roth], to: {to}}}
"""


def run(to: str, *, designated: str = "true", new_roth: str = ", roth: {contributions: 1000, first_year: 2022}") -> dict:
    return evaluate(load_text(HOUSEHOLD.format(to=to, designated=designated, new_roth=new_roth))).to_json()


def test_direct_rollover_to_another_designated_roth_account_keeps_basis_earnings_and_the_earlier_clock() -> None:
    # Ana is 50: not a qualified distribution (IRC §402A(d)(2)(A)), yet a direct rollover taxes nothing.
    # Basis stays basis, earnings stay earnings, and the earlier 5-year start (2015) carries over
    # (IRC §402A(d)(2)(B); Reg. §1.402A-1 Q&A-4(b)).
    result = run("[{account: new_401k, amount: all}]")
    move = result["moves"][0]
    assert move["permitted"] and move["taxable"] == 0 and move["withholding"] == 0
    roth = result["accounts_end"]["new_401k"]["roth"]
    assert roth == {"contributions": 21000, "earnings": 5000, "first_year": 2015}
    # Form 1099-R instructions: codes B and G for a direct rollover to another designated Roth account
    assert move["forms_1099r"][0]["codes"] == ["B", "G"] and move["forms_1099r"][0]["box11"] == 2015
    assert result["tax"]["cost_of_moves"] == 0


def test_plan_without_a_designated_roth_program_refuses_roth_money() -> None:
    result = run("[{account: new_401k, amount: all}]", designated="false", new_roth="")
    assert result["moves"][0]["permitted"] is False
    assert result["issues"][0]["code"] == "plan_has_no_designated_roth"
    assert result["accounts_end"]["old_401k"]["roth"]["contributions"] == 20000


def test_basis_cannot_reach_another_plan_by_60_day_rollover() -> None:
    # Reg. §1.402A-1 Q&A-5(a): the basis part may go to another designated Roth account only by direct rollover
    result = run("[{account: new_401k, amount: all, via: 60_day}]")
    assert result["moves"][0]["permitted"] is False
    issue = result["issues"][0]
    assert issue["code"] == "roth_basis_to_plan_by_60_day" and "Treas. Reg. §1.402A-1 Q&A-5(a)" in issue["cites"]


def test_partial_60_day_rollover_is_income_first() -> None:
    # Reg. §1.402A-1 Q&A-5(b): the part rolled over is deemed to consist first of the part that would be
    # income. $25,000 paid: $5,000 earnings, $20,000 basis. Rolling $5,000 within 60 days leaves nothing taxable;
    # 20% is withheld from the taxable part paid out ($5,000; IRC §3405(c)).
    result = run("[{account: new_401k, amount: 5000, via: 60_day}, {cash: rest}]")
    move = result["moves"][0]
    assert move["permitted"] and move["taxable"] == 0 and move["nontaxable"] == 25000
    assert move["withholding"] == 1000
    # a 60-day rollover does not carry the old clock, but new_401k's own began in 2022 (Q&A-5(c))
    assert result["accounts_end"]["new_401k"]["roth"] == {"contributions": 1000, "earnings": 5000, "first_year": 2022}
    # to a Roth IRA, the rolled earnings stay earnings; none of it is a contribution (Reg. §1.408A-10 Q&A-3)
    to_ira = run("[{account: ana_roth, amount: 7000, via: 60_day}, {cash: rest}]")
    assert to_ira["moves"][0]["taxable"] == 0
    assert to_ira["people"]["ana"]["roth_ira_end"]["contributions"] == 2000
    assert to_ira["people"]["ana"]["roth_ira_end"]["earnings"] == 5000
    # keeping it all in cash taxes the $5,000 of earnings and adds the 10% tax at 50 (IRC §72(t))
    cash = run("[{cash: rest}]")
    assert cash["moves"][0]["taxable"] == 5000 and cash["moves"][0]["additional_tax"] == 500


def test_designated_roth_cash_after_an_in_plan_roth_rollover_warns_of_the_recapture() -> None:
    # IRC §402A(c)(4)(D), §408A(d)(3)(F): IRR money paid out within 5 years before 59½ bears the 10% tax on the
    # part allocable to the rollover's taxable amount; the allocation (Notice 2010-84 Q&A-13) is not computed.
    text = HOUSEHOLD.format(to="[{cash: rest}]", designated="true", new_roth="").replace(
        "plan: {separated_from_service: 2025}", "plan: {separated_from_service: 2025, in_plan_roth_rollover: true}").replace(
        "sources: {roth: {contributions: 20000, earnings: 5000, first_year: 2015}}",
        "sources: {pretax: 10000, roth: {contributions: 20000, earnings: 5000, first_year: 2015}}")
    irr = "  - {date: 2026-05-01, move: in_plan_roth_rollover, account: old_401k, sources: [pretax]}\n"
    result = evaluate(load_text(text + irr)).to_json()
    assert [i["code"] for i in result["issues"]] == ["irr_recapture_not_computed"]
    assert "IRS Notice 2010-84 Q&A-13" in result["issues"][0]["cites"]
