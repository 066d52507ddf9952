"""IRA moves: nondeductible contributions, conversions (the backdoor Roth and the pro-rata rule)
and withdrawals, with Form 8606 to the cent. Expected values name their source."""

from __future__ import annotations

import json

import pytest

from rothroute import evaluate, load_text
from rothroute.moves import form_8606

HOUSEHOLD = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {{id: ann, born: {born}, ira_basis: {basis}}}
income:
  - {{person: ann, kind: wages, amount: {wages}}}
accounts:
  - {{id: ann_ira, owner: ann, kind: traditional_ira, value: {ira}}}
  - {{id: ann_roth, owner: ann, kind: roth_ira, value: 0}}
  - {{id: ann_inherited, owner: ann, kind: inherited_ira, value: 50000}}
moves:
{moves}
"""


def run(moves: str, *, born: str = "1981-06-01", basis: int = 0, wages: int = 150000, ira: int = 0, places=None):
    h = load_text(HOUSEHOLD.format(born=born, basis=basis, wages=wages, ira=ira, moves=moves))
    return evaluate(h, ratio_places=places)


def test_form_8606_irs_sample_rounds_line_10_to_three_places() -> None:
    # Pub 590-B filled-in Form 8606 ("Rose Green", R3.11 in shared/reference/rules.md): line 1 500,
    # line 2 300, line 13 460, line 14 340, line 16 5,000, line 17 460, line 18 4,540. Line 6 was not
    # captured; any December 31 value from $3,649 to $3,743 gives line 10 = 0.092; $3,700 is used.
    form = form_8606.compute(nondeductible=50_000, prior_basis=30_000, next_year_contributions=0,
                             december_31_value=370_000, distributions=0, conversions=500_000, ratio_places=3)
    assert (form.l3, form.l5, form.l13, form.l14) == (80_000, 80_000, 46_000, 34_000)
    assert (form.l16, form.l17, form.l18) == (500_000, 46_000, 454_000)
    assert form.lines(3)["10"] == "0.092"


def test_form_8606_full_precision_by_default() -> None:
    form = form_8606.compute(nondeductible=50_000, prior_basis=30_000, next_year_contributions=0,
                             december_31_value=370_000, distributions=0, conversions=500_000)
    # 5,000 x 800 / 8,700 = 459.77 (IRC §408(d)(2) states no rounding of the ratio)
    assert form.l17 == 45_977 and form.l14 == 80_000 - 45_977


def test_line_10_is_capped_at_one_and_line_14_never_negative() -> None:
    form = form_8606.compute(nondeductible=0, prior_basis=100_000, next_year_contributions=0,
                             december_31_value=0, distributions=30_000, conversions=60_000, ratio_places=3)
    assert form.l10 == 1 and form.l13 == 90_000 and form.l14 == 10_000


CLEAN = """\
  - {date: 2026-02-02, move: contribution, to: ann_ira, amount: 7500, type: nondeductible}
  - {date: 2026-02-10, move: conversion, from: ann_ira, to: ann_roth, amount: all}
"""


def test_clean_backdoor_roth_costs_nothing() -> None:
    # No other IRA money: line 5 = 7,500 = line 9, the conversion is all basis (Form 8606 lines 1-18)
    result = run(CLEAN).to_json()
    assert [m["permitted"] for m in result["moves"]] == [True, True]
    assert result["moves"][1]["taxable"] == 0 and result["moves"][1]["nontaxable"] == 7500
    person = result["people"]["ann"]
    assert person["form_8606"]["1"] == 7500 and person["form_8606"]["18"] == 0 and person["ira_basis_end"] == 0
    assert person["roth_ira_end"]["conversions"] == [{"year": 2026, "taxable": 0, "nontaxable": 7500}]
    assert person["roth_ira_five_year_start"] == 2026
    assert result["tax"]["cost_of_moves"] == 0
    assert result["accounts_end"]["ann_roth"]["value"] == 7500 and result["accounts_end"]["ann_ira"]["value"] == 0
    assert result["moves"][1]["forms_1099r"][0]["codes"] == ["2"]  # under 59½ (Form 1099-R instructions)


def test_backdoor_with_pretax_ira_money_is_pro_rata() -> None:
    # IRC §408(d)(2): line 10 = 7,500 / (92,500 + 7,500) = 0.075; nontaxable 562.50, taxable 6,937.50
    result = run(CLEAN.replace("amount: all", "amount: 7500"), ira=92500).to_json()
    form = result["people"]["ann"]["form_8606"]
    assert form["6"] == 92500 and form["9"] == 100000 and form["10"] == "0.075000"
    assert form["17"] == 562.5 and form["18"] == 6937.5 and result["people"]["ann"]["ira_basis_end"] == 6937.5
    assert result["tax"]["agi"] - result["tax"]["without_moves"]["agi"] == 6937.5
    assert result["tax"]["cost_of_moves"] > 0


def test_december_31_value_is_what_counts_not_the_conversion_date() -> None:
    # R3.7: only the year-end value enters; a rollover into the IRA later in the year still taints
    later = CLEAN + "  - {date: 2026-11-20, move: contribution, to: ann_ira, amount: 1, type: nondeductible}\n"
    result = run(later).to_json()
    assert result["moves"][2]["permitted"] is False  # over the $7,500 limit (IRC §219(b)(1))
    assert result["issues"][0]["code"] == "contribution_over_limit"


@pytest.mark.parametrize("moves, code, cite", [
    ("  - {date: 2026-03-01, move: conversion, from: ann_inherited, to: ann_roth, amount: 1000}\n",
     "inherited_ira_conversion", "IRC §408(d)(3)(C)"),
    ("  - {date: 2026-03-01, move: conversion, from: ann_ira, to: ann_roth, amount: 1000}\n",
     "amount_exceeds_balance", None),
    ("  - {date: 2026-03-01, move: contribution, to: ann_ira, amount: 9000, type: nondeductible}\n",
     "contribution_over_limit", "IRC §219(b)(1), (b)(5)"),
    ("  - {date: 2026-03-01, move: contribution, to: ann_roth, amount: 7000, type: roth}\n",
     "roth_contribution_over_limit", "IRC §408A(c)(3)"),
])
def test_forbidden_moves_are_refused_with_citation_and_change_nothing(moves: str, code: str, cite) -> None:
    evaluation = run(moves, wages=250000)
    result = evaluation.to_json()
    assert result["moves"][0]["permitted"] is False
    issue = next(i for i in result["issues"] if i["where"].startswith("moves[0]"))
    assert issue["code"] == code and (cite is None or cite in issue["cites"])
    assert result["tax"]["cost_of_moves"] == 0
    assert result["accounts_end"]["ann_roth"]["value"] == 0


def test_no_compensation_no_contribution() -> None:
    result = run(CLEAN, wages=0).to_json()
    assert result["moves"][0]["permitted"] is False and "no compensation" in result["issues"][0]["message"]


def test_conversion_refused_until_the_rmd_is_out() -> None:
    # born 1950: applicable age 72 (SECURE Act); 2026 is an RMD year. First dollars out are the RMD.
    moves = "  - {date: 2026-03-01, move: conversion, from: ann_ira, to: ann_roth, amount: 10000}\n"
    result = run(moves, born="1950-03-01", ira=200000, wages=0).to_json()
    assert result["moves"][0]["permitted"] is False and result["issues"][0]["code"] == "conversion_of_rmd"
    # RMD: $200,000 / 23.7 (Uniform Lifetime Table, age 76) = $8,438.82; withdraw it first, then convert
    first = "  - {date: 2026-02-01, move: withdrawal, from: ann_ira, amount: 8438.82}\n" + moves
    result = run(first, born="1950-03-01", ira=200000, wages=0).to_json()
    assert [m["permitted"] for m in result["moves"]] == [True, True]


def test_early_withdrawal_pays_the_additional_tax() -> None:
    moves = "  - {date: 2026-05-01, move: withdrawal, from: ann_ira, amount: 10000}\n"
    result = run(moves, ira=50000).to_json()
    move = result["moves"][0]
    assert move["taxable"] == 10000 and move["additional_tax"] == 1000  # IRC §72(t)(1): 10%
    assert result["tax"]["additional_tax_72t"] == 1000 and move["forms_1099r"][0]["codes"] == ["1"]


def test_unsupported_moves_are_refused_by_name() -> None:
    moves = "  - {date: 2026-03-01, move: contribution, to: ann_ira, amount: 1000, type: pretax}\n"
    result = run(moves).to_json()
    assert result["moves"][0]["permitted"] is False and result["issues"][0]["code"] == "move_not_supported"
    assert json.loads(json.dumps(result)) == result


def test_one_60_day_rollover_in_12_months() -> None:
    # IRC §408(d)(3)(B); Bobrow v. Commissioner (T.C. Memo. 2014-21); Announcement 2014-15: the second
    # 60-day rollover within 12 months is refused; a trustee-to-trustee transfer is not limited
    text = HOUSEHOLD.format(born="1970-01-01", basis=0, wages=0, ira=50000, moves=(
        "  - {date: 2026-02-01, move: rollover, from: ann_ira, to: ann_ira2, amount: 1000, via: 60_day}\n"
        "  - {date: 2026-08-01, move: rollover, from: ann_ira2, to: ann_ira, amount: 1000, via: 60_day}\n"
        "  - {date: 2026-09-01, move: rollover, from: ann_ira, to: ann_ira2, amount: 1000, via: transfer}\n"))
    text = text.replace("accounts:\n", "accounts:\n  - {id: ann_ira2, owner: ann, kind: traditional_ira, value: 0}\n")
    result = evaluate(load_text(text)).to_json()
    assert [m["permitted"] for m in result["moves"]] == [True, False, True]
    assert result["issues"][0]["code"] == "second_60_day_rollover"
    assert result["tax"]["cost_of_moves"] == 0 and result["accounts_end"]["ann_ira2"]["value"] == 2000


def test_rollover_from_traditional_to_roth_is_refused_as_a_conversion() -> None:
    result = run("  - {date: 2026-03-01, move: rollover, from: ann_ira, to: ann_roth, amount: 1000}\n", ira=5000).to_json()
    assert result["moves"][0]["permitted"] is False and result["issues"][0]["code"] == "rollover_between_kinds"


def test_deductible_contribution_lowers_agi() -> None:
    # IRC §219(a), §62(a)(7): not covered by a workplace plan, no income limit on the deduction
    moves = "  - {date: 2026-03-01, move: contribution, to: ann_ira, amount: 7500, type: deductible}\n"
    result = run(moves, wages=100000).to_json()
    assert result["moves"][0]["permitted"]
    assert result["tax"]["without_moves"]["agi"] - result["tax"]["agi"] == 7500
    assert result["tax"]["cost_of_moves"] < 0
    assert result["people"]["ann"]["ira_basis_end"] == 0


def test_deduction_phases_out_for_someone_covered_by_a_plan() -> None:
    # IRC §219(g); Notice 2025-67: 2026 single, covered: $81,000-$91,000. MAGI $86,000 (AGI before the
    # deduction) leaves $7,500 x 5,000 / 10,000 = $3,750 deductible (Pub 590-A Worksheet 1-2, rounded up
    # to $10); the other $3,750 is nondeductible (Form 8606 line 1).
    moves = "  - {date: 2026-03-01, move: contribution, to: ann_ira, amount: 7500, type: deductible}\n"
    text = HOUSEHOLD.format(born="1981-06-01", basis=0, wages=86000, ira=0, moves=moves).replace(
        "ira_basis: 0}", "ira_basis: 0, covered_by_workplace_plan: true}")
    result = evaluate(load_text(text)).to_json()
    assert result["tax"]["without_moves"]["agi"] - result["tax"]["agi"] == 3750
    assert result["people"]["ann"]["form_8606"]["1"] == 3750 and result["people"]["ann"]["ira_basis_end"] == 3750
    assert any(i["code"] == "deduction_phased_out" for i in result["issues"])


def test_a_deductible_contribution_made_next_year_is_never_on_line_4() -> None:
    # Form 8606 line 4 is "those contributions included on line 1" made January 1 - April 15 of next year: a
    # deductible contribution is not on line 1, so not on line 4 (before: it was, line 5 went below zero and
    # the conversion came out more than 100% taxable). Converting $10,000 of pretax money: line 1 = 4 = 0,
    # all taxable; the $7,500 made in February 2027 for 2026 is deducted this year (IRC §219(f)(3)).
    moves = ("  - {date: 2026-03-02, move: conversion, from: ann_ira, to: ann_roth, amount: 10000}\n"
             "  - {date: 2027-02-01, move: contribution, to: ann_ira, amount: 7500, type: deductible}\n")
    result = run(moves, ira=10000, wages=100000).to_json()
    form = result["people"]["ann"]["form_8606"]
    assert form["1"] == 0 and form["4"] == 0 and form["5"] == 0 and form["18"] == 10000
    assert result["moves"][0]["taxable"] == 10000 and result["moves"][0]["nontaxable"] == 0
    assert result["tax"]["agi"] == 100000 + 10000 - 7500
    assert result["accounts_end"]["ann_ira"]["value"] == 0  # the February money is not in December 31's value


def test_contributions_made_in_the_year_are_taken_as_the_nondeductible_ones_first() -> None:
    # Instructions for Form 8606 (2016), line 4: with deductible and nondeductible contributions both, "you can
    # choose to treat the contributions made in 2016 first as nondeductible contributions and then as
    # deductible contributions, or vice versa". rothroute takes the first choice, which leaves the least out of
    # this year's ratio: $2,000 made in May (typed deductible) and $1,000 nondeductible + $1,000 deductible
    # made in January 2027: line 1 = 1,000, line 4 = 0 (the nondeductible $1,000 is taken from the May money).
    moves = ("  - {date: 2026-05-01, move: contribution, to: ann_ira, amount: 2000, type: deductible}\n"
             "  - {date: 2026-09-01, move: withdrawal, from: ann_ira, amount: 1000}\n"
             "  - {date: 2027-01-15, move: contribution, to: ann_ira, amount: 1000, type: nondeductible}\n"
             "  - {date: 2027-01-15, move: contribution, to: ann_ira, amount: 1000, type: deductible}\n")
    result = run(moves, born="1960-03-01", ira=10000, wages=60000).to_json()
    form = result["people"]["ann"]["form_8606"]
    assert (form["1"], form["4"], form["5"], form["13"], form["14"]) == (1000, 0, 1000, 83.33, 916.67)
    # the other choice would give line 4 = 1,000 and line 13 = 0: more taxed this year, the same basis in all
    assert result["moves"][1]["taxable"] == 916.67


def test_a_roth_contribution_made_next_year_counts_in_this_years_limit_not_its_balances() -> None:
    # IRC §408A(c)(7), §219(f)(3): made by April 15, 2027 for 2026; with $7,500 made in 2026 too, the $1 more
    # passes 2026's limit (IRC §408A(c)(2)); the $7,500 made in 2027 is not in the Roth IRA on December 31
    made = ("  - {date: 2026-03-01, move: contribution, to: ann_roth, amount: 1, type: roth}\n"
            "  - {date: 2027-03-01, move: contribution, to: ann_roth, amount: 7500, type: roth}\n")
    result = run(made, wages=100000).to_json()
    assert [m["permitted"] for m in result["moves"]] == [True, False]
    alone = run("  - {date: 2027-03-01, move: contribution, to: ann_roth, amount: 7500, type: roth}\n",
                wages=100000).to_json()
    assert alone["moves"][0]["permitted"] and alone["accounts_end"]["ann_roth"]["value"] == 0
    assert alone["people"]["ann"]["roth_ira_end"]["contributions"] == 7500
