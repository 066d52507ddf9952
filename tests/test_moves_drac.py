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
    assert roth == {"contributions": 21000, "earnings": 5000, "first_year": 2015,
                    "in_plan_rollovers": []}
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
    assert result["accounts_end"]["new_401k"]["roth"] == {"contributions": 1000, "earnings": 5000, "first_year": 2022,
                                                               "in_plan_rollovers": []}
    # to a Roth IRA, the rolled earnings stay earnings; none of it is a contribution (Reg. §1.408A-10 Q&A-3)
    to_ira = run("[{account: ana_roth, amount: 7000, via: 60_day}, {cash: rest}]")
    assert to_ira["moves"][0]["taxable"] == 0
    assert to_ira["people"]["ana"]["roth_ira_end"]["contributions"] == 2000
    assert to_ira["people"]["ana"]["roth_ira_end"]["earnings"] == 5000
    # keeping it all in cash taxes the $5,000 of earnings and adds the 10% tax at 50 (IRC §72(t))
    cash = run("[{cash: rest}]")
    assert cash["moves"][0]["taxable"] == 5000 and cash["moves"][0]["additional_tax"] == 500


def _with_irr(to: str, *, roth: str = "{contributions: 20000, earnings: 5000, first_year: 2015}",
              pretax: str = "pretax: 10000, ", amount: str = "", born: str = "1976-04-04", more: str = "") -> dict:
    """Ana's old plan offering in-plan Roth rollovers, its designated Roth account ``roth``, paid to ``to``."""
    text = HOUSEHOLD.format(to=to, designated="true", new_roth="").replace(
        "plan: {separated_from_service: 2025}", "plan: {separated_from_service: 2025, in_plan_roth_rollover: true}").replace(
        "sources: {roth: {contributions: 20000, earnings: 5000, first_year: 2015}}",
        "sources: {" + pretax + "roth: " + roth + "}").replace("born: 1976-04-04", f"born: {born}")
    if amount:
        text = text.replace("sources: [roth], to:", f"sources: [roth], amount: {amount}, to:")
    return evaluate(load_text(text + more)).to_json()


IRR_NOW = "  - {date: 2026-05-01, move: in_plan_roth_rollover, account: old_401k, sources: [pretax]}\n"


def test_designated_roth_cash_after_an_in_plan_roth_rollover_bears_the_recapture() -> None:
    # Ana is 50 and left the employer at 49 (no §72(t)(2)(A)(v) exception). In May she rolls her $10,000 of pretax
    # money into the designated Roth account (all taxable, IRC §402A(c)(4)(A)); in June she takes the whole
    # account, $35,000, in cash. §72(e)(8): $30,000 basis, $5,000 earnings (taxable, 10%: $500). The basis holds
    # the rollover's $10,000 taxable amount, less than 5 years old: treated as income for §72(t) only
    # (§402A(c)(4)(D), §408A(d)(3)(F); Notice 2010-84 Q&A-12): a further $1,000. Form 1099-R box 10: $10,000.
    result = _with_irr("[{cash: rest}]", more=IRR_NOW)
    irr, cash = sorted(result["moves"], key=lambda m: m["index"])[::-1]
    assert irr["taxable"] == 10000 and irr["additional_tax"] == 0
    assert cash["taxable"] == 5000 and cash["nontaxable"] == 30000 and cash["additional_tax"] == 1500
    form = cash["forms_1099r"][0]
    assert (form["box1"], form["box2a"], form["box5"], form["box10"]) == (35000, 5000, 30000, 10000)
    assert form["codes"] == ["B", "1"] and form["box4"] == 1000  # 20% of the taxable part (IRC §3405(c))
    assert result["issues"] == []
    # the recapture is not income: AGI holds wages, the rollover and the earnings only
    assert result["tax"]["agi"] == 90000 + 10000 + 5000 and result["tax"]["additional_tax_72t"] == 1500


def test_partial_payment_takes_deferrals_before_rollover_money() -> None:
    # $7,000 of the $35,000: $6,000 basis, $1,000 earnings (§72(e)(8)). The basis comes from the $20,000 of
    # designated Roth deferrals before the rollover (the §408A(d)(4)(B)(ii) order): no recapture, box 10 empty
    result = _with_irr("[{cash: rest}]", amount="7000", more=IRR_NOW)
    cash = next(m for m in result["moves"] if m["index"] == 0)
    assert cash["taxable"] == 1000 and cash["additional_tax"] == 100 and cash["forms_1099r"][0]["box10"] == 0
    roth = result["accounts_end"]["old_401k"]["roth"]
    assert roth["contributions"] == 24000 and roth["earnings"] == 4000
    assert roth["in_plan_rollovers"] == [{"year": 2026, "taxable": 10000, "nontaxable": 0}]
    # $28,000: $24,000 basis, $4,000 earnings; the deferrals give $20,000, the rollover's taxable money $4,000:
    # box 10 $4,000, 10% of it and of the earnings, $800; $6,000 of the rollover stays for later
    result = _with_irr("[{cash: rest}]", amount="28000", more=IRR_NOW)
    cash = next(m for m in result["moves"] if m["index"] == 0)
    assert cash["taxable"] == 4000 and cash["additional_tax"] == 800 and cash["forms_1099r"][0]["box10"] == 4000
    assert result["accounts_end"]["old_401k"]["roth"]["in_plan_rollovers"] == [
        {"year": 2026, "taxable": 6000, "nontaxable": 0}]


EARLIER = "{contributions: 20000, earnings: 5000, first_year: 2015, in_plan_rollovers: " \
          "[{year: 2020, taxable: 3000, nontaxable: 1000}, {year: 2023, taxable: 6000, nontaxable: 0}]}"


def test_rollovers_from_earlier_years_oldest_first_only_the_last_five_years_exposed() -> None:
    # $20,000 of $25,000 in cash: $16,000 basis, $4,000 earnings. Of the $20,000 of contributions, $10,000 are
    # rollover money: the other $10,000 come out first, then the 2020 rollover's $3,000 taxable and $1,000
    # nontaxable (its 5 taxable years ended with 2024: no recapture), then $2,000 of the 2023 rollover's taxable
    # amount (2023-2027: recaptured). Box 10 $2,000; 10% of $4,000 + $2,000 = $600.
    result = _with_irr("[{cash: rest}]", roth=EARLIER, pretax="", amount="20000")
    cash = result["moves"][0]
    assert cash["taxable"] == 4000 and cash["additional_tax"] == 600
    assert cash["forms_1099r"][0]["box10"] == 2000
    assert result["accounts_end"]["old_401k"]["roth"]["in_plan_rollovers"] == [
        {"year": 2023, "taxable": 4000, "nontaxable": 0}]


def test_no_recapture_after_59_and_a_half_or_on_a_rollover_to_a_roth_ira() -> None:
    older = _with_irr("[{cash: rest}]", roth=EARLIER, pretax="", born="1966-04-04")
    cash = older["moves"][0]  # 60: qualified (5 years since 2015), nothing taxed, no 10%, box 10 empty
    assert cash["taxable"] == 0 and cash["additional_tax"] == 0 and cash["forms_1099r"][0]["box10"] == 0
    # a direct rollover to a Roth IRA: no recapture now (Notice 2010-84 Q&A-12); the rollover money keeps its
    # years as conversion layers there, and a Roth IRA withdrawal reaching the 2023 layer's taxable part
    # before 59½ pays the 10% on it (IRC §408A(d)(3)(F); Reg. §1.408A-6 Q&A-5)
    to_ira = "[{account: ana_roth, amount: all}]"
    rolled = _with_irr(to_ira, roth=EARLIER, pretax="")
    assert rolled["moves"][0]["taxable"] == 0 and rolled["moves"][0]["additional_tax"] == 0
    end = rolled["people"]["ana"]["roth_ira_end"]
    assert end["contributions"] == 10000 and end["earnings"] == 5000
    assert end["conversions"] == [{"year": 2020, "taxable": 3000, "nontaxable": 1000},
                                  {"year": 2023, "taxable": 6000, "nontaxable": 0}]
    withdrawal = "  - {date: 2026-09-01, move: withdrawal, from: ana_roth, amount: 16000}\n"
    taken = next(m for m in _with_irr(to_ira, roth=EARLIER, pretax="", more=withdrawal)["moves"] if m["index"] == 1)
    # contributions $10,000, the 2020 layer $4,000, then $2,000 of the 2023 layer's taxable part: 10% = $200
    assert taken["taxable"] == 0 and taken["additional_tax"] == 200


def test_in_plan_rollover_layers_must_fit_in_the_contributions() -> None:
    import pytest

    from rothroute.errors import HouseholdFileError

    with pytest.raises(HouseholdFileError) as caught:
        _with_irr("[{cash: rest}]", pretax="", roth="{contributions: 2000, earnings: 5000, first_year: 2015, "
                  "in_plan_rollovers: [{year: 2027, taxable: 3000, nontaxable: 0}]}")
    text = str(caught.value)
    assert "sources.roth.in_plan_rollovers[0].year" in text and "no later than the tax year 2026" in text
    assert "sources.roth.in_plan_rollovers" in text and "no more than the account's contributions ($2,000.00)" in text


def test_rollover_money_shared_among_destinations_is_never_negative() -> None:
    # Found by tests/property (seed 84115 of bench/properties.py): a cent of in-plan Roth rollover money shared
    # between two equal destinations and a third taking nothing rounded up twice, leaving -1 cent to the last.
    from rothroute.moves.plan import split_irr

    parts = split_irr([[2026, 1, 3]], [1, 1, 0])
    assert all(t >= 0 and n >= 0 for part in parts for _, t, n in part)
    assert sum(t for part in parts for _, t, _ in part) == 1 and sum(n for part in parts for *_, n in part) == 3
