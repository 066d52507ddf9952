"""Format 1 of the household file, as a spec (see docs/household-format.md)."""

from __future__ import annotations

import dataclasses
from typing import Any

from rothroute.household.spec import (
    Arr, Bool, Date, Either, Enum, Int, Money, Nullable, Obj, Percent, Tagged, Text, Variants, YearMap, opt, req,
)
from rothroute.params.schema import MD_COUNTIES
from rothroute.vocab import JURISDICTIONS, AccountKind, FilingStatus, IncomeKind, PlanSource

ID = Text(pattern=r"[A-Za-z_][A-Za-z0-9_.-]*", expected="an identifier (letters, digits, _ . -)")
YEAR = Int(minimum=1900, maximum=2200)


def _described(spec: Any, description: str) -> Any:
    """The same spec with its own description (the schema's and the web form's hint)."""
    return dataclasses.replace(spec, description=description)


GAIN_KINDS = (IncomeKind.LONG_TERM_GAINS, IncomeKind.SHORT_TERM_GAINS)

ROTH_LAYER = Obj({
    "year": req(_described(YEAR, "the year of the conversion or rollover")),
    "taxable": req(Money(description="part of the conversion or rollover that was taxable")),
    "nontaxable": req(Money(description="part that was not taxable (basis)")),
}, title="a conversion layer {year, taxable, nontaxable}")

PERSON = Obj({
    "id": req(_described(ID, "a short name for the person, used by income and accounts (letters, digits, _ . -)")),
    "born": req(Date(description="date of birth: it sets the ages that matter (50, 55, 59½, 65, the RMD age)")),
    "blind": opt(Bool(description="legally blind at the end of the year: a larger standard deduction "
                                  "(IRC §63(f))")),
    "ira_basis": opt(Money(description="basis in traditional/SEP/SIMPLE IRAs: prior year's Form 8606 line 14")),
    "retirement_year": opt(Nullable(YEAR, description="the last year the person works for the current employer: "
                                                      "from the next, a plan of several years drops their wages "
                                                      "and treats that employer's plans as former employers' plans")),
    "covered_by_workplace_plan": opt(Bool(description="an active participant in an employer plan this year "
                                                      "(IRC §219(g)(5)); used for IRA deduction limits")),
    "last_60_day_ira_rollover": opt(Nullable(Date(description="date of the person's last 60-day IRA-to-IRA "
                                                           "rollover distribution (one per 12 months, IRC §408(d)(3)(B))"))),
    "first_rmd_deferred": opt(Bool(description="the tax year is the first year of the person's IRA RMDs (the year "
                                               "of the applicable age) and its RMD is taken by April 1 of the "
                                               "next year (IRC §401(a)(9)(C); Treas. Reg. §1.408-8(b)(1))")),
    "rmd_from_last_year": opt(Money(description="the IRAs' first RMD, deferred last year, still due by April 1 of "
                                                "the tax year (Treas. Reg. §1.402(c)-2(f)(1), §54.4974-1(f))")),
    "rmd_shortfall_corrected": opt(Bool(description="the year's RMD shortfalls are distributed within the "
                                                    "correction window: the excise is 10%, not 25% (IRC §4974(e))")),
    "life_expectancy": opt(Int(minimum=1, maximum=130, description="a planning assumption: the age in whose year "
                                                                    "the person dies, at its end; a plan of several "
                                                                    "years goes on with the survivor (default: "
                                                                    "past the plan)")),
    "qcd_offset": opt(Money(description="IRA deductions allowed for years ending on or after the year the person "
                                         "attained 70½, less what earlier QCDs were already reduced by: that much of "
                                         "the year's qualified charitable distributions is taxable (IRC §408(d)(8)(A))")),
    "social_security": opt(Obj({
        "benefit_at_full_retirement_age": req(Money(description="the monthly Social Security benefit at full "
                                                    "retirement age (the primary insurance amount on the SSA "
                                                    "statement), in the tax year's dollars")),
        "claim_age": req(Int(minimum=62, maximum=70, description="the age the old-age benefit starts, 62 to 70: "
                                                                 "reduced before full retirement age, raised by "
                                                                 "delayed credits after it (42 U.S.C. §402(q), (w))")),
        "claim_age_months": opt(Int(minimum=0, maximum=11, description="months beyond claim_age (default 0)")),
        "survivor_benefit": opt(Money(description="a widow(er)'s insurance benefit a month, in the tax year's "
                                                  "dollars (42 U.S.C. §402(e), (f)): the larger benefit is paid")),
        "survivor_benefit_from": opt(Nullable(Date(description="the first day of the widow(er)'s benefit's first "
                                                               "month (empty: every month of the year)"))),
    }, description="the person's Social Security by its claim (instead of a social_security income item): the "
       "year's benefits follow from it, with the spouse's benefit when both spouses give one")),
    "roth_ira": opt(Obj({
        "first_year": opt(Nullable(YEAR, description="year of the first contribution or conversion to any Roth "
                                                     "IRA: it starts the 5-year clock (IRC §408A(d)(2)(B))")),
        "contributions": opt(Money(description="regular contribution basis (Form 8606 line 22)")),
        "conversions": opt(Arr(ROTH_LAYER, description="conversions and rollovers still in the Roth IRAs, by "
                                                       "year (Form 8606 Part III ordering)")),
    }, description="the person's Roth IRAs, one pool: their history (leave out when there is none)")),
}, title="a person {id, born, ...}")

INCOME = Obj({
    "person": opt(_described(ID, "whose income it is (needed for wages and Social Security on a joint return)")),
    "kind": req(Enum(tuple(IncomeKind), description="the kind of income, as Form 1040 lists it")),
    "amount": req(Money(minimum=None, description="dollars; negative only for capital losses")),
    "start_year": opt(_described(YEAR, "social_security only: the year the benefit starts (the amount is a full "
                                       "year's, in the tax year's dollars); nothing is paid before it")),
}, title="an income item {kind, amount}")

AFTER_TAX = Obj({
    "contributions": opt(Money(description="after-tax (non-Roth) contributions still in the plan: basis, not "
                                           "taxed again")),
    "earnings": opt(Money(minimum=None, description="earnings on after-tax contributions (may be negative)")),
    "pre_1987_contributions": opt(Money(description="part of contributions that was the investment in the "
                                                    "contract on Dec 31, 1986 (IRC §72(e)(8)(D))")),
})
ROTH_SOURCE = Obj({
    "contributions": opt(Money(description="designated Roth contributions still in the plan (basis)")),
    "earnings": opt(Money(minimum=None, description="earnings on the designated Roth money")),
    "first_year": opt(Nullable(YEAR, description="first year of designated Roth contributions to this plan")),
    "in_plan_rollovers": opt(Arr(ROTH_LAYER, description="in-plan Roth rollovers whose money is still in the "
                                                         "account, part of its contributions (Notice 2010-84)")),
})
SOURCES = Obj({
    "pretax": opt(Money(description="deferrals, employer money and their earnings")),
    "after_tax": opt(AFTER_TAX),
    "roth": opt(ROTH_SOURCE),
})
PLAN_RULES = Obj({
    "separated_from_service": opt(Nullable(YEAR, description="the year the person left this employer; empty while "
                                                             "still working there")),
    "after_tax_separate_contract": opt(Bool(description="the plan keeps after-tax money and its earnings as a "
                                                        "separate contract (IRC §72(d)(2)): it can be paid out alone")),
    "accepts_ira_rollins": opt(Bool(description="the plan takes rollovers of pretax IRA money into it "
                                                "(IRC §408(d)(3)(A)(ii))")),
    "in_plan_roth_rollover": opt(Bool(description="the plan lets money be rolled over to its own designated Roth "
                                                  "account (IRC §402A(c)(4))")),
    "in_service_withdrawals": opt(Arr(Enum(tuple(PlanSource)), description="the sources the plan pays out while "
                                                                         "the person still works there")),
    "after_tax_contributions": opt(Bool(description="the plan takes after-tax (non-Roth) employee contributions")),
    "employer_contributions": opt(Money(description="employer contributions for the participant this year "
                                                    "(match, profit sharing): they use 415(c) room")),
    "designated_roth": opt(Bool(description="the plan has a designated Roth program and takes direct rollovers "
                                            "from other designated Roth accounts (IRC §402A(c)(3)(B)); implied "
                                            "when the plan holds Roth money")),
    "five_percent_owner": opt(Bool(description="the participant owns more than 5% of the employer: plan RMDs "
                                               "start at the applicable age even while still working "
                                               "(IRC §401(a)(9)(C)(ii)(I))")),
    "prior_year_fica_wages": opt(Nullable(Money(description="last year's FICA wages from this employer (Form W-2 "
                                                            "box 3): above the §414(v)(7) amount, catch-ups must "
                                                            "be Roth"))),
    "first_rmd_deferred": opt(Bool(description="the tax year is the plan's first RMD year (the later of the "
                                               "applicable age and leaving the employer) and its RMD is taken by "
                                               "April 1 of the next year (IRC §401(a)(9)(C))")),
    "rmd_from_last_year": opt(Money(description="the plan's first RMD, deferred last year, still due by April 1 of "
                                                "the tax year (Treas. Reg. §1.402(c)-2(f)(1), §54.4974-1(f))")),
})
ACCOUNT = Obj({
    "id": req(_described(ID, "a short name for the account, used by moves (letters, digits, _ . -)")),
    "owner": req(_described(ID, "the person who owns the account (their id)")),
    "kind": req(Enum(tuple(AccountKind), description="an employer plan (401k, 403b, governmental_457b), an IRA, "
                                                     "or a taxable (brokerage) account")),
    "value": opt(Money(description="IRA or taxable account value on January 1 of tax_year")),
    "cost_basis": opt(Money(description="taxable account: the cost basis of its holdings on January 1 (what was "
                                        "paid for them; a sale takes basis at its average, 26 CFR §1.1012-1(e))")),
    "qualified_dividend_yield": opt(Percent(description="taxable account: qualified dividends a year, as a "
                                                        "percentage of the January 1 value")),
    "interest_yield": opt(Percent(description="taxable account: taxable interest a year, as a percentage of the "
                                              "January 1 value")),
    "december_31_value": opt(Nullable(Money(description="projected value on December 31 (Form 8606 line 6)"))),
    "sources": opt(SOURCES),
    "plan": opt(PLAN_RULES),
}, title="an account {id, owner, kind, ...}")

AMOUNT = Money(positive=True, description="dollars, above 0")
AMOUNT_OR_ALL = Either((AMOUNT, Enum(("all",))), expected="a dollar amount above 0, or all",
                       description="dollars, or all: the whole balance (of the sources named)")
ACCOUNT_ID = Text(pattern=ID.pattern, expected="an account id", description="the id of an account in accounts")
SOURCE_LIST = Arr(Enum(tuple(PlanSource)), min_items=1, description=(
    "the plan sources the move takes from (default: pretax and after_tax; the designated Roth account is a "
    "contract of its own, moved by a move of its own)"))
TRANSFER_VIA = Enum(("transfer", "60_day"), description="transfer (trustee to trustee, the default) or 60_day")
TO_ACCOUNT = Obj({
    "account": req(ACCOUNT_ID),
    "amount": req(Either((AMOUNT, Enum(("rest", "all"))), expected="a dollar amount above 0, rest or all",
                         description="dollars, or rest: what the other destinations leave")),
    "via": opt(Enum(("direct", "60_day"), description="direct rollover (the default) or a 60-day rollover")),
    "elect": opt(Enum(("pretax", "after_tax"), description=(
        "the participant's allocation of the pre-tax or after-tax part to this destination (Notice 2014-54)"))),
}, title="a destination {account, amount, via, elect}")
TO_CASH = Obj({
    "cash": req(Either((AMOUNT, Enum(("rest",))), expected="a dollar amount above 0, or rest",
                       description="dollars paid to the participant, or rest")),
}, title="a destination {cash: X}")


def _move(fields: dict[str, Any], title: str) -> Obj:
    return Obj({"date": req(Date(description="the day of the move")), "move": req(Enum((title,))), **fields},
               title=f"a {title} move")


MOVE_KINDS = {
    "distribution": _move({
        "from": req(ACCOUNT_ID), "sources": opt(SOURCE_LIST),
        "amount": opt(Either(AMOUNT_OR_ALL.options, expected=AMOUNT_OR_ALL.expected,
                             description="dollars (taken pro rata from the sources, IRC §72(e)(8)) or all "
                                         "(the default)")),
        "to": req(Arr(Variants({"cash": TO_CASH}, TO_ACCOUNT, title="a destination {account, amount} or {cash}"),
                      min_items=1, description="where the money goes: direct rollovers, 60-day rollovers, cash")),
    }, "distribution"),
    "in_plan_roth_rollover": _move({
        "account": req(ACCOUNT_ID), "sources": opt(SOURCE_LIST),
        "amount": opt(Either(AMOUNT_OR_ALL.options, expected=AMOUNT_OR_ALL.expected,
                             description="dollars or all (the default)")),
    }, "in_plan_roth_rollover"),
    "conversion": _move({"from": req(ACCOUNT_ID), "to": req(ACCOUNT_ID), "amount": req(AMOUNT_OR_ALL)},
                        "conversion"),
    "contribution": _move({
        "to": req(ACCOUNT_ID), "amount": req(AMOUNT),
        "type": req(Enum(("deductible", "nondeductible", "roth", "pretax", "after_tax"), description=(
            "IRA: deductible or nondeductible; Roth IRA: roth; employer plan: pretax, roth or after_tax"))),
        "for_year": opt(Int(minimum=1900, maximum=2200, description=(
            "the tax year the contribution is for: the file's tax year (the default) or, for one made by April 15, "
            "the year before (IRC §219(f)(3), §408A(c)(7))"))),
    }, "contribution"),
    "roll_in": _move({"from": req(ACCOUNT_ID), "to": req(ACCOUNT_ID), "amount": req(AMOUNT_OR_ALL),
                      "via": opt(TRANSFER_VIA)}, "roll_in"),
    "withdrawal": _move({"from": req(ACCOUNT_ID), "amount": req(AMOUNT_OR_ALL)}, "withdrawal"),
    "qcd": _move({"from": req(ACCOUNT_ID), "amount": req(Money(positive=True, description=(
        "dollars paid by the IRA's trustee straight to a charity (IRC §408(d)(8)): excluded from income up to the "
        "year's limit, from the taxable part first")))}, "qcd"),
    "rollover": _move({"from": req(ACCOUNT_ID), "to": req(ACCOUNT_ID), "amount": req(AMOUNT_OR_ALL),
                       "via": opt(TRANSFER_VIA)}, "rollover"),
}
MOVE = Tagged("move", MOVE_KINDS, title="a move {date, move, ...}")

ITEMIZED = Obj({
    "state_local_taxes": opt(Money(description="state and local taxes paid (Schedule A line 5d before the cap)")),
    "other": opt(Money(description="the rest of Schedule A (mortgage interest, gifts to charity, medical above "
                                   "its floor, ...), after their own limits")),
}, description="itemized deductions; the larger of these and the standard deduction is taken")

MONTH = Int(minimum=1, maximum=12)
HEALTH_COVERAGE = Obj({
    "benchmark_premium": req(Money(description="the monthly premium of the applicable second lowest cost silver plan "
                                               "(SLCSP) for the people covered: Form 1095-A column B")),
    "premium": opt(Money(description="the monthly premium of the plan enrolled in (Form 1095-A column A); "
                                     "default: the benchmark premium")),
    "advance_payments": opt(Money(description="advance payments of the premium tax credit a month (Form 1095-A "
                                              "column C); default 0: the whole credit is claimed on the return")),
    "first_month": opt(_described(MONTH, "the first month of coverage (1 = January; default 1)")),
    "last_month": opt(_described(MONTH, "the last month of coverage (12 = December; default 12)")),
    "family_size": opt(Int(minimum=1, maximum=50, description=(
        "the tax family: the people on the return and the dependents they claim (default: the people on the "
        "return)"))),
    "to_year": opt(Int(minimum=1900, maximum=2200, description=(
        "rothroute optimize: the last year of Marketplace coverage in a plan (default: every year a person on the "
        "return is under 65, each person's share ending with the month of their Medicare)"))),
}, title="Marketplace coverage {benchmark_premium, premium, advance_payments, first_month, last_month}",
   description=("coverage bought through a Health Insurance Marketplace in the tax year, the same amount each "
                "month: the premium tax credit (IRC §36B, Form 8962)"))

STATE = Enum(tuple(JURISDICTIONS), description="the two-letter postal code of a state or DC")
LOCALITY = Enum(MD_COUNTIES, description=(
    "the local jurisdiction of residence whose income tax the state's return computes (Maryland: its county, or "
    "baltimore_city), for the tax year's state"))
RESIDENCE = Obj({
    "from_year": req(YEAR),
    "state": req(STATE),
}, title="a residence {from_year, state}", description="where the household lives from that year on (on "
   "December 31 of each year: a move during a year counts for the whole year)")

HOUSEHOLD = Obj({
    "format": req(Int(minimum=1, maximum=1)),
    "tax_year": req(_described(YEAR, "the year the file describes: balances on its January 1, its income")),
    "filing_status": req(Enum(tuple(FilingStatus), description="the household's filing status for the tax year")),
    "state": opt(STATE),
    "residence": opt(Arr(RESIDENCE, min_items=1, description=(
        "for plans of several years: the state of residence from each year on, earliest first "
        "(the state of a year is the last entry whose from_year is not after it)"))),
    "locality": opt(LOCALITY),
    "lived_apart_all_year": opt(Bool(description="married filing separately: lived apart from the spouse all "
                                                 "year (IRC §86(c)(1)(C), §408A(c)(3)(D), IRMAA tables)")),
    "tax_computation": opt(Enum(("tax_table", "rate_schedule"), description=(
        "tax_table (default): under $100,000 of taxable income the tax comes from the IRS Tax Table, as on a "
        "filed Form 1040; rate_schedule: the exact rate schedule of IRC §1(j) at every income"))),
    "charitable_gifts": opt(Money(description="cash gifts this year to public charities (IRC §170(b)(1)(A); not "
                                              "donor-advised funds): itemized above 0.5% of AGI from 2026, up to 60% "
                                              "of AGI, or without itemizing up to $1,000 ($2,000 joint) from 2026 "
                                              "(IRC §170(p))")),
    "dependent_child": opt(Bool(description="a son, daughter, stepson or stepdaughter the household claims as a "
                                            "dependent lives with it: after a spouse's death the survivor may file as "
                                            "a qualifying surviving spouse for the two years after it (IRC §2(a))")),
    "spouse_died_in": opt(YEAR),
    "people": req(Arr(PERSON, min_items=1)),
    "income": opt(Arr(INCOME)),
    "itemized_deductions": opt(ITEMIZED),
    "health_coverage": opt(HEALTH_COVERAGE),
    "magi_history": opt(YearMap(Money(minimum=None), description="modified AGI of earlier years: IRMAA looks "
                                                                 "back two years")),
    "accounts": opt(Arr(ACCOUNT)),
    "moves": opt(Arr(MOVE)),
}, title="a household mapping {format, tax_year, filing_status, people, ...}")


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the household file, format 1."""
    schema = HOUSEHOLD.schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://rothroute.invalid/schema/household-1.json",
        "title": "rothroute household file, format 1",
        **schema,
    }
