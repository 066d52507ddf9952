"""Plan moves against authority: the IRS Notice 2014-54 FAQ example, the seed scenario's
strategies (shared/seed/forum-thread-after-tax-403b.txt) and the refusals the law requires."""

from __future__ import annotations

import pytest

from pathlib import Path

from rothroute import evaluate, load_path, load_text

FAQ = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: pat, born: 1960-02-01, ira_basis: 0}
accounts:
  - id: plan
    owner: pat
    kind: 401k
    sources: {pretax: 80000, after_tax: {contributions: 20000, earnings: 0}}
    plan: {separated_from_service: 2025}
  - {id: ira, owner: pat, kind: traditional_ira, value: 0}
  - {id: roth, owner: pat, kind: roth_ira, value: 0}
moves:
  - date: 2026-03-02
    move: distribution
    from: plan
    to:
      - {account: ira, amount: 80000}
      - {account: roth, amount: 10000}
      - {cash: 10000}
"""


def test_notice_2014_54_faq_example_nothing_taxable() -> None:
    # IRS "Rollovers of After-Tax Contributions in Retirement Plans" FAQ (Notice 2014-54): $100,000 =
    # $80,000 pretax + $20,000 after-tax; $80,000 direct to a traditional IRA, $10,000 direct to a Roth
    # IRA, $10,000 cash: the pretax goes to the traditional IRA, nothing is taxable.
    result = evaluate(load_text(FAQ)).to_json()
    move = result["moves"][0]
    assert move["permitted"] and move["taxable"] == 0 and move["nontaxable"] == 100000
    assert move["withholding"] == 0  # no taxable amount paid out (IRC §3405(e)(1)(B)(ii))
    assert result["tax"]["cost_of_moves"] == 0
    assert result["accounts_end"]["ira"]["value"] == 80000 and result["accounts_end"]["roth"]["value"] == 10000
    person = result["people"]["pat"]
    assert person["roth_ira_end"]["conversions"] == [{"year": 2026, "taxable": 0, "nontaxable": 10000}]
    assert person["ira_basis_end"] == 0  # no after-tax money went to the traditional IRA
    codes = [f["codes"] for f in move["forms_1099r"]]
    assert ["G"] in codes and ["7"] in codes  # direct rollovers G; the cash, at 66, code 7


def test_cash_takes_the_pretax_left_after_the_direct_rollovers() -> None:
    # Notice 2014-54 §III: pretax goes to the direct rollovers first; $70,000 direct to the IRA, $30,000
    # cash: the cash is $10,000 pretax (taxable, 20% withheld: IRC §3405(c)) + $20,000 after-tax
    text = FAQ.replace("      - {account: ira, amount: 80000}\n      - {account: roth, amount: 10000}\n"
                       "      - {cash: 10000}\n", "      - {account: ira, amount: 70000}\n      - {cash: rest}\n")
    move = evaluate(load_text(text)).to_json()["moves"][0]
    assert move["taxable"] == 10000 and move["withholding"] == 2000 and move["additional_tax"] == 0



def test_a_governmental_457b_pays_out_free_of_the_10_percent_tax() -> None:
    # Pat, 50 in 2026, left at 45: from a 401(k) the cash bears the 10% tax (code 1); from a governmental
    # 457(b), not a qualified retirement plan of §4974(c), it does not (IRC §72(t)(1); code 2)
    young = FAQ.replace("born: 1960-02-01", "born: 1976-02-01").replace("separated_from_service: 2025",
                                                                        "separated_from_service: 2021")
    cash = young.replace("      - {account: ira, amount: 80000}\n      - {account: roth, amount: 10000}\n"
                         "      - {cash: 10000}\n", "      - {cash: rest}\n")
    k401 = evaluate(load_text(cash)).to_json()["moves"][0]
    assert k401["taxable"] == 80000 and k401["additional_tax"] == 8000 and k401["forms_1099r"][0]["codes"] == ["1"]
    g457 = evaluate(load_text(cash.replace("kind: 401k", "kind: governmental_457b"))).to_json()["moves"][0]
    assert g457["taxable"] == 80000 and g457["additional_tax"] == 0 and g457["forms_1099r"][0]["codes"] == ["2"]


SEED = (__import__("pathlib").Path(__file__).resolve().parents[1] / "examples" / "seed.yaml").read_text()


def seed_with(moves: str, **replace: str) -> dict:
    text = SEED
    for old, new in replace.items():
        text = text.replace(old, new)
    return evaluate(load_text(text + "moves:\n" + moves)).to_json()


SPLIT = """\
  - date: 2026-03-02
    move: distribution
    from: client_403b
    sources: [pretax, after_tax]
    amount: all
    to:
      - {account: client_ira, amount: 275000, elect: pretax}
      - {account: client_roth_ira, amount: rest}
  - date: 2026-03-02
    move: distribution
    from: client_403b
    sources: [roth]
    amount: all
    to: [{account: client_roth_ira, amount: all}]
"""


def test_seed_split_direct_rollover_costs_no_tax_and_no_pro_rata() -> None:
    # The thread: "the Roth 403b and the after tax contribution amounts are rolled to client's Roth IRA
    # and the remaining pre tax balance is rolled to a TIRA. No taxes would be due, and there would be
    # no pro rating." Pretax $250,000 + after-tax earnings $25,000 to the IRA; $60,000 after-tax to Roth.
    result = seed_with(SPLIT)
    assert all(m["permitted"] for m in result["moves"])
    assert result["tax"]["cost_of_moves"] == 0
    assert result["moves"][0]["taxable"] == 0
    person = result["people"]["client"]
    assert person["roth_ira_end"]["conversions"] == [{"year": 2026, "taxable": 0, "nontaxable": 60000}]
    assert person["roth_ira_end"]["contributions"] == 130000  # qualified DRAC money: all basis (R6.3)
    assert result["accounts_end"]["client_roth_ira"]["value"] == 60000 + 130000
    assert result["accounts_end"]["client_403b"]["value"] == 0
    assert person["ira_basis_end"] == 0  # the IRA got no basis: no pro-rata later
    assert ["H"] in [f["codes"] for f in result["moves"][1]["forms_1099r"]]


IRR = """\
  - date: 2026-03-02
    move: in_plan_roth_rollover
    account: client_403b
    sources: [after_tax]
    amount: all
"""


def test_seed_in_plan_roth_rollover_taxes_the_earnings() -> None:
    # The thread: an IRR of the after-tax sub-account "would have to include any earnings in the after tax
    # account which would be taxed": the $25,000 of earnings are taxable, the $60,000 are not.
    result = seed_with(IRR)
    move = result["moves"][0]
    assert move["permitted"] and move["taxable"] == 25000 and move["nontaxable"] == 60000
    assert result["tax"]["agi"] - result["tax"]["without_moves"]["agi"] >= 25000
    assert result["tax"]["cost_of_moves"] > 0
    assert result["accounts_end"]["client_403b"]["roth"]["contributions"] == 90000 + 85000



def test_pretax_only_move_leaves_a_separate_after_tax_contract_whole() -> None:
    # IRC §72(d)(2): the plan keeps the after-tax money as a separate contract, so an in-plan Roth rollover of
    # $100,000 of pretax money is all pretax: the after-tax contributions and their earnings stay as they were
    result = seed_with(IRR.replace("sources: [after_tax]", "sources: [pretax]").replace("amount: all", "amount: 100000"))
    move = result["moves"][0]
    assert move["permitted"] and move["taxable"] == 100000 and move["nontaxable"] == 0
    end = result["accounts_end"]["client_403b"]
    assert end["pretax"] == 150000 and end["after_tax"] == {"contributions": 60000, "earnings": 25000}


ALL_TO_ROTH = """\
  - date: 2026-03-02
    move: distribution
    from: client_403b
    sources: [pretax, after_tax]
    amount: all
    to: [{account: client_roth_ira, amount: all}]
"""


def test_seed_everything_to_a_roth_ira_taxes_all_pretax() -> None:
    result = seed_with(ALL_TO_ROTH)
    move = result["moves"][0]
    assert move["taxable"] == 275000 and move["nontaxable"] == 60000
    assert move["forms_1099r"][0]["box2a"] == 275000 and move["forms_1099r"][0]["codes"] == ["G"]


def test_after_tax_withdrawal_from_a_pooled_contract_is_taxed_pro_rata() -> None:
    # IRC §72(e)(8)(B), §72(d)(2): with no separate contract for the after-tax money, $10,000 paid from the
    # after-tax sub-account is taxed over the whole non-Roth contract: $250,000 pretax + $60,000 contributions
    # + $25,000 earnings, basis $60,000: 10,000 x 60,000 / 335,000 = $1,791.04 tax-free, $8,208.96 taxable.
    # (Until this version such a move was refused; the law taxes it pro rata, it does not forbid it.)
    moves = ("  - date: 2026-03-02\n    move: distribution\n    from: client_403b\n    sources: [after_tax]\n"
             "    amount: 10000\n    to: [{account: client_roth_ira, amount: all}]\n")
    result = seed_with(moves, **{"after_tax_separate_contract: true": "after_tax_separate_contract: false"})
    move = result["moves"][0]
    assert move["permitted"] and move["taxable"] == 8208.96 and move["nontaxable"] == 1791.04
    assert move["forms_1099r"] == [{"box1": 10000, "box2a": 8208.96, "box4": 0, "box5": 1791.04, "box10": 0,
                                    "box11": None, "codes": ["G"]}]
    # the plan paid from the after-tax sub-account; the basis left is the contract's, $58,208.96
    end = result["accounts_end"]["client_403b"]
    assert end["pretax"] == 250000 and end["after_tax"] == {"contributions": 58208.96, "earnings": 16791.04}
    assert result["people"]["client"]["roth_ira_end"]["conversions"] == [
        {"year": 2026, "taxable": 8208.96, "nontaxable": 1791.04}]
    assert "pooled_contract_pro_rata" in [i["code"] for i in result["issues"] if i["where"] == "moves[0].sources"]


@pytest.mark.parametrize("moves, code, cite", [
    ("  - date: 2026-03-02\n    move: distribution\n    from: client_403b\n    sources: [roth]\n    amount: all\n"
     "    to: [{account: client_ira, amount: all}]\n", "designated_roth_to_non_roth", "IRC §402A(c)(3)(A)"),
    ("  - date: 2026-05-01\n    move: roll_in\n    from: client_ira\n    to: client_403b\n    amount: 10000\n",
     "plan_refuses_roll_in", "IRC §408(d)(3)(A)(ii)"),
    ("  - date: 2026-03-02\n    move: distribution\n    from: client_403b\n    sources: [pretax, after_tax]\n"
     "    amount: all\n    to: [{account: client_403b, amount: all}]\n", "after_tax_earnings_to_pretax_account",
     "IRS Notice 2014-54"),
])
def test_forbidden_plan_moves_are_refused_with_citation(moves: str, code: str, cite: str) -> None:
    result = seed_with(moves)
    assert result["moves"][0]["permitted"] is False
    issue = result["issues"][0]
    assert issue["code"] == code and cite in issue["cites"] and issue["where"].startswith("moves[0]")
    assert result["tax"]["cost_of_moves"] == 0


BACKDOOR_HOUSEHOLD = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: kim, born: 1980-05-05, ira_basis: 0}
income:
  - {person: kim, kind: wages, amount: 180000}
accounts:
  - {id: kim_ira, owner: kim, kind: traditional_ira, value: 100000}
  - {id: kim_roth, owner: kim, kind: roth_ira, value: 0}
  - id: kim_401k
    owner: kim
    kind: 401k
    sources: {pretax: 50000}
    plan: {separated_from_service: null, accepts_ira_rollins: true}
moves:
  - {date: 2026-02-01, move: contribution, to: kim_ira, amount: 7500, type: nondeductible}
  - {date: 2026-02-15, move: conversion, from: kim_ira, to: kim_roth, amount: 7500}
"""


def test_roll_in_before_december_31_clears_the_pro_rata() -> None:
    # The thread: "it is still possible to avoid these taxes by rolling any pre tax IRA amount into an
    # accepting employer plan ... then converting the IRA basis tax free"; Form 8606 line 6 is the
    # December 31 value (IRC §408(d)(2)), so the roll-in counts if it lands by December 31.
    without = evaluate(load_text(BACKDOOR_HOUSEHOLD)).to_json()
    assert without["moves"][1]["taxable"] > 6900  # 7,500 x 100,000 / 107,500 taxable
    with_roll_in = BACKDOOR_HOUSEHOLD + \
        "  - {date: 2026-11-30, move: roll_in, from: kim_ira, to: kim_401k, amount: 100000}\n"
    result = evaluate(load_text(with_roll_in)).to_json()
    assert [m["permitted"] for m in result["moves"]] == [True, True, True]
    assert result["moves"][1]["taxable"] == 0 and result["people"]["kim"]["ira_basis_end"] == 0
    assert result["accounts_end"]["kim_401k"]["pretax"] == 150000


def test_ira_basis_cannot_go_into_a_plan() -> None:
    # IRC §408(d)(3)(A)(ii), (H): only the pretax part; $20,000 of basis in a $100,000 IRA leaves $80,000
    base = BACKDOOR_HOUSEHOLD.split("moves:")[0].replace("ira_basis: 0", "ira_basis: 20000") + "moves:\n"
    refused = evaluate(load_text(base + "  - {date: 2026-06-01, move: roll_in, from: kim_ira, to: kim_401k, "
                                        "amount: 80001}\n")).to_json()
    assert refused["moves"][0]["permitted"] is False and refused["issues"][0]["code"] == "ira_basis_into_plan"
    allowed = evaluate(load_text(base + "  - {date: 2026-06-01, move: roll_in, from: kim_ira, to: kim_401k, "
                                        "amount: 80000}\n")).to_json()
    assert allowed["moves"][0]["permitted"] is True
    assert allowed["people"]["kim"]["ira_basis_end"] == 20000 and allowed["accounts_end"]["kim_ira"]["value"] == 20000


def test_shipped_seed_strategies_match_the_thread() -> None:
    # The thread's conclusions: the split costs no tax; the in-plan Roth rollover taxes the earnings;
    # everything to a Roth IRA taxes all the pretax money.
    examples = Path(__file__).resolve().parents[1] / "examples"
    cost = {}
    for name in ("seed_split_rollover", "seed_in_plan_roth_rollover", "seed_all_to_roth_ira"):
        result = evaluate(load_path(examples / f"{name}.yaml")).to_json()
        assert all(m["permitted"] for m in result["moves"]), name
        cost[name] = result["tax"]["cost_of_moves"]
    assert cost["seed_split_rollover"] == 0
    assert 0 < cost["seed_in_plan_roth_rollover"] < cost["seed_all_to_roth_ira"]


RMD_PLAN = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: ed, born: 1950-03-01}
accounts:
  - id: ed_401k
    owner: ed
    kind: 401k
    sources: {pretax: 300000, roth: {contributions: 50000, earnings: 10000, first_year: 2010}}
    plan: {separated_from_service: 2018}
  - {id: ed_ira, owner: ed, kind: traditional_ira, value: 0}
moves:
"""


def test_plan_rmd_comes_out_first_and_cannot_be_rolled_over() -> None:
    # IRC §402(c)(4)(B); Reg. §1.402(c)-2 Q&A-7: the RMD is the first money out and is not an eligible
    # rollover distribution. Age 76 in 2026: $300,000 / 23.7 = $12,658.23 (Uniform Lifetime Table;
    # the designated Roth account has no RMD from 2024, SECURE 2.0 §325).
    all_rolled = RMD_PLAN + "  - {date: 2026-04-01, move: distribution, from: ed_401k, to: [{account: ed_ira, amount: all}]}\n"
    refused = evaluate(load_text(all_rolled)).to_json()
    assert refused["moves"][0]["permitted"] is False and refused["issues"][0]["code"] == "rmd_rollover"
    paid = RMD_PLAN + ("  - {date: 2026-04-01, move: distribution, from: ed_401k, "
                       "to: [{cash: 12658.23}, {account: ed_ira, amount: rest}]}\n")
    result = evaluate(load_text(paid)).to_json()
    move = result["moves"][0]
    # no mandatory 20%: an RMD is not an eligible rollover distribution (IRC §3405(c)(3), §402(c)(4)(B))
    assert move["permitted"] and move["taxable"] == 12658.23 and move["withholding"] == 0


def test_five_percent_owner_takes_plan_rmds_while_still_working() -> None:
    # IRC §401(a)(9)(C)(i)(II) lets a participant still working delay plan RMDs, but not a 5% owner
    # (§401(a)(9)(C)(ii)(I)): the first $12,658.23 out is the RMD and cannot be rolled over.
    working = RMD_PLAN.replace("separated_from_service: 2018", "separated_from_service: null, "
                               "in_service_withdrawals: [pretax]{owner}")
    move = "  - {date: 2026-04-01, move: distribution, from: ed_401k, sources: [pretax], to: [{account: ed_ira, amount: all}]}\n"
    owner = evaluate(load_text(working.replace("{owner}", ", five_percent_owner: true") + move)).to_json()
    assert owner["moves"][0]["permitted"] is False and owner["issues"][0]["code"] == "rmd_rollover"
    employee = evaluate(load_text(working.replace("{owner}", "") + move)).to_json()
    assert employee["moves"][0]["permitted"] and employee["moves"][0]["taxable"] == 0
    # a plan with no in-service withdrawals still pays the owner's RMD, in cash, and nothing more
    closed = RMD_PLAN.replace("separated_from_service: 2018", "separated_from_service: null, five_percent_owner: true")
    rmd = "  - {date: 2026-04-01, move: distribution, from: ed_401k, sources: [pretax], amount: 12658.23, to: [{cash: rest}]}\n"
    paid = evaluate(load_text(closed + rmd)).to_json()
    assert paid["moves"][0]["permitted"] and paid["moves"][0]["taxable"] == 12658.23
    more = evaluate(load_text(closed + rmd.replace("12658.23", "20000"))).to_json()
    assert more["moves"][0]["permitted"] is False and more["issues"][0]["code"] == "in_service_not_allowed"


def test_a_roll_in_after_december_31_belongs_to_next_year() -> None:
    # Form 8606 line 6 is the December 31 value: a roll-in dated January 5 of the next year is next year's
    # move, refused here, and the backdoor stays pro rata (7,500 x 100,000/107,500 taxable).
    late = evaluate(load_text(BACKDOOR_HOUSEHOLD + "  - {date: 2027-01-05, move: roll_in, from: kim_ira, to: kim_401k, "
                                                   "amount: all}\n")).to_json()
    assert late["moves"][2]["permitted"] is False and late["issues"][0]["code"] == "move_outside_tax_year"
    assert late["moves"][1]["taxable"] == 6976.74
    early = evaluate(load_text(BACKDOOR_HOUSEHOLD + "  - {date: 2026-12-30, move: roll_in, from: kim_ira, to: kim_401k, "
                                                    "amount: all}\n")).to_json()
    assert early["moves"][1]["taxable"] == 0


def test_shipped_seed_backdoor_with_and_without_a_roll_in() -> None:
    # The thread: "A split rollover interferes with a Backdoor Roth unless you can roll the pre-tax IRA rollover
    # back into the plan." Without the roll-in, Form 8606 line 10 = 8,600 / (1,175,000 + 8,600): $8,537.51 of
    # the $8,600 conversion is taxed; rolled into the new employer's plan by December 31, none is.
    examples = Path(__file__).resolve().parents[1] / "examples"
    without = evaluate(load_path(examples / "seed_backdoor.yaml")).to_json()
    assert all(m["permitted"] for m in without["moves"]) and without["moves"][-1]["taxable"] == 8537.51
    rolled = evaluate(load_path(examples / "seed_backdoor_with_roll_in.yaml")).to_json()
    assert all(m["permitted"] for m in rolled["moves"]) and rolled["moves"][-1]["taxable"] == 0
    assert rolled["tax"]["cost_of_moves"] == 0 < without["tax"]["cost_of_moves"]
    assert rolled["accounts_end"]["client_new_401k"]["pretax"] == 1175000


def test_after_tax_money_cannot_be_rolled_into_a_457b_and_separation_cannot_be_in_the_future() -> None:
    from rothroute.errors import HouseholdFileError

    # IRC §402(c)(2)(A): after-tax money goes by direct rollover only to a qualified trust or a 403(b) plan
    text = FAQ.replace("  - {id: ira, owner: pat, kind: traditional_ira, value: 0}\n",
                       "  - {id: ira, owner: pat, kind: traditional_ira, value: 0}\n"
                       "  - id: gov\n    owner: pat\n    kind: governmental_457b\n    sources: {pretax: 0}\n"
                       "    plan: {separated_from_service: null}\n").replace(
        "      - {account: ira, amount: 80000}\n      - {account: roth, amount: 10000}\n      - {cash: 10000}\n",
        "      - {account: gov, amount: all}\n")
    result = evaluate(load_text(text)).to_json()
    assert result["moves"][0]["permitted"] is False and result["issues"][0]["code"] == "after_tax_to_457b"
    assert "IRC §402(c)(2)(A)" in result["issues"][0]["cites"]
    with pytest.raises(HouseholdFileError) as caught:
        load_text(FAQ.replace("separated_from_service: 2025", "separated_from_service: 2030"))
    assert "plan.separated_from_service" in str(caught.value) and "no later than the tax year 2026" in str(caught.value)


POOLED = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: jo, born: 1964-02-01}
accounts:
  - id: jo_401k
    owner: jo
    kind: 401k
    sources: {pretax: 550000, after_tax: {contributions: 40000, earnings: 10000}}
    plan: {separated_from_service: SEP, after_tax_separate_contract: false, in_service_withdrawals: [after_tax]}
moves:
"""


def test_pretax_withdrawal_from_a_pooled_contract_recovers_basis_pro_rata() -> None:
    # IRC §72(e)(8)(B): paid from the pretax sub-account, still the whole contract's ratio: 60,000 x 40,000 /
    # 600,000 = $4,000 tax-free (until this version refused as if only both sources could be named)
    text = POOLED.replace("SEP", "2025") + (
        "  - {date: 2026-03-02, move: distribution, from: jo_401k, sources: [pretax], amount: 60000, to: [{cash: rest}]}\n")
    result = evaluate(load_text(text)).to_json()
    move = result["moves"][0]
    assert move["permitted"] and move["taxable"] == 56000 and move["nontaxable"] == 4000
    end = result["accounts_end"]["jo_401k"]
    assert end["pretax"] == 490000 and end["after_tax"] == {"contributions": 36000, "earnings": 14000}


def test_in_service_the_plan_still_decides_which_sources_may_be_withdrawn() -> None:
    # pooled or not, a working participant takes out only what the plan allows in service (IRC §401(k)(2)(B))
    text = POOLED.replace("SEP", "null") + (
        "  - {date: 2026-03-02, move: distribution, from: jo_401k, sources: [pretax, after_tax], amount: 30000, "
        "to: [{cash: rest}]}\n")
    result = evaluate(load_text(text)).to_json()
    assert result["moves"][0]["permitted"] is False and result["issues"][0]["code"] == "in_service_not_allowed"
    assert result["accounts_end"]["jo_401k"]["value"] == 600000


def test_pre_1987_contributions_come_out_first_from_a_pooled_contract() -> None:
    # IRC §72(e)(8)(D): in a plan that allowed in-service withdrawals of employee contributions on May 5, 1986,
    # amounts received are tax-free up to the investment of December 31, 1986 ($4,000 here), the rest pro rata:
    # 4,000 + 1,000 x (10,000 - 4,000) / (66,000 - 4,000) = 4,000 + 96.77
    text = POOLED.replace("SEP", "2025").replace(
        "sources: {pretax: 550000, after_tax: {contributions: 40000, earnings: 10000}}",
        "sources: {pretax: 50000, after_tax: {contributions: 10000, earnings: 6000, pre_1987_contributions: 4000}}"
    ) + "  - {date: 2026-03-02, move: distribution, from: jo_401k, sources: [after_tax], amount: 5000, to: [{cash: rest}]}\n"
    result = evaluate(load_text(text)).to_json()
    move = result["moves"][0]
    assert move["nontaxable"] == 4096.77 and move["taxable"] == 903.23
    end = result["accounts_end"]["jo_401k"]
    assert end["pretax"] == 50000 and end["after_tax"] == {"contributions": 5903.23, "earnings": 5096.77}
