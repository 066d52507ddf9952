"""The shape of every parameter file, and a strict checker of values against it.

A spec is one of: a leaf name (``money``, ``money?``, ``rate``, ``ratio``, ``int``, ``int?``,
``age``, ``bool``, ``date``, ``date?``, ``text``, ``text?``), a ``dict`` of exact keys, ``Row(...)``
(a fixed-length list), ``ListOf(spec)`` or ``TableOf(spec)`` (an int-keyed mapping),
``OneOf(choices)`` (one of a few words) or ``OrNull(spec)`` (the spec, or null). Unknown keys,
missing keys and values of the wrong type are errors naming the place.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rothroute.money import cents
from rothroute.vocab import FILING_STATUSES


@dataclass(frozen=True)
class Row:
    items: tuple[Any, ...]


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class TableOf:
    item: Any


@dataclass(frozen=True)
class OneOf:
    choices: tuple[str, ...]


@dataclass(frozen=True)
class OrNull:
    item: Any


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def by_status(spec: Any, **extra: Any) -> dict[str, Any]:
    out = {str(s): spec for s in FILING_STATUSES}
    out.update(extra)
    return out


_RANGE = Row(("money", "money"))
_TIER = Row(("money", "bool", "money", "money"))

#: spec of one year's block of each year-keyed parameter file (``source`` is added to each)
YEARLY: dict[str, dict[str, Any]] = {
    "ordinary_brackets": by_status(ListOf(Row(("money", "rate")))),
    "standard_deduction": by_status("money"),
    "aged_blind_addition": by_status("money", age="int"),
    "senior_deduction": by_status("money?", age="int", amount="money", phaseout_rate="rate"),
    "capital_gains_thresholds": by_status(_RANGE, rates=Row(("rate", "rate", "rate"))),
    "niit": by_status("money", rate="rate"),
    "social_security_taxation": by_status(_RANGE, rates=Row(("rate", "rate")), married_separate_lived_apart=_RANGE),
    "irmaa": {"magi_year": "int", "part_b_standard": "money", "part_d_base": "money", "single": ListOf(_TIER),
              "married_joint": ListOf(_TIER), "married_separate": ListOf(_TIER)},
    "retirement_limits": {k: "money?" for k in (
        "elective_deferral", "catch_up_50", "catch_up_60_63", "annual_additions", "ira_limit",
        "ira_catch_up_50", "roth_catch_up_wage_threshold", "qcd_limit")},
    "roth_ira_phaseout": by_status(_RANGE),
    "ira_deduction_phaseout": by_status(_RANGE, spouse_covered_married_joint=_RANGE,
                                        spouse_covered_married_separate=_RANGE),
    "salt_cap": by_status(Row(("money", "money?", "rate", "money"))),
    "elderly_credit": by_status(Row(("money", "money?", "money")), rate="rate", agi_reduction_rate="rate"),
    "amt": by_status(Row(("money", "money", "money")), rates=Row(("rate", "rate")), phaseout_rate="rate",
                     married_separate_addback_rate="rate"),
    "charitable_deduction": by_status("money?", floor_rate="rate", cash_ceiling_rate="rate"),
}

# How each year-keyed family is projected past the last enacted year (projection.yaml).
# An indexed amount: [path, step, rounding, what is rounded, first indexed year (null: every
# year)]; a path is dot-separated keys and positions, ``*`` for every element, and a path that
# stops above the money leaves stands for all of them. A derived amount: [target, source,
# factor, amount subtracted (null: none)]. A gap: [target, source], the target keeping its
# enacted distance above the source. ``fixed``: money paths that stay as enacted.
_AMOUNT_RULE = Row(("text", "money", OneOf(("down", "nearest")), OneOf(("increase", "amount")), "int?"))
_RULE_BASE = {"indexed": "bool", "law": "text", "note": "text"}
_INDEXED_RULE = {**_RULE_BASE, "amounts": ListOf(_AMOUNT_RULE), "derived": OrNull(ListOf(Row(("text", "text", "ratio", "text?")))),
                 "gaps": OrNull(ListOf(Row(("text", "text")))), "fixed": OrNull(ListOf("text"))}
PROJECTION_RULES: dict[str, dict[str, Any]] = {
    "ordinary_brackets": _INDEXED_RULE,
    "standard_deduction": _INDEXED_RULE,
    "aged_blind_addition": _INDEXED_RULE,
    "senior_deduction": {**_RULE_BASE, "in_effect_through": "int", "not_in_effect": YEARLY["senior_deduction"]},
    "capital_gains_thresholds": _INDEXED_RULE,
    "niit": _RULE_BASE,
    "social_security_taxation": _RULE_BASE,
    "irmaa": _INDEXED_RULE,
    "retirement_limits": _INDEXED_RULE,
    "roth_ira_phaseout": _INDEXED_RULE,
    "ira_deduction_phaseout": _INDEXED_RULE,
    "salt_cap": {**_INDEXED_RULE, "growth": "rate", "grows_through": "int", "reverts_from": "int",
                 "reverted": YEARLY["salt_cap"]},
    "amt": _INDEXED_RULE,
    "elderly_credit": _RULE_BASE,
    "charitable_deduction": _RULE_BASE,
}

#: spec of the ``standing`` block of parameter files that do not change by year
STANDING: dict[str, dict[str, Any]] = {
    "rmd": {"applies_from": "int", "applicable_age": ListOf(Row(("date", "date?", "age", "text"))),
            "excise_rate": "rate", "corrected_excise_rate": "rate", "uniform_lifetime_table": TableOf("age")},
    "projection": {"method": "text", "max_inflation": "rate", "families": PROJECTION_RULES},
    "social_security": {
        "retirement_age": ListOf(Row(("int?", "int?", "int", "int", "int"))),
        "early_retirement_age": {"old_age": "int", "spouse": "int", "widow": "int"},
        "reduction_first_months": "int", "old_age_reduction": Row(("int", "int")),
        "spouse_reduction": Row(("int", "int")), "later_reduction": Row(("int", "int")),
        "widow_reduction_at_early_age": "rate",
        "delayed_credit": ListOf(Row(("int?", "int?", "int", "int"))), "credit_end_age": "int",
        "spouse_share": "rate", "widow_floor": "rate"},
    # Form 8962 (IRC §36B): tables keyed by the guidelines' year or the tax year, each with its source
    "premium_tax_credit": {
        "poverty_guidelines": TableOf({"contiguous": Row(("money", "money")), "alaska": Row(("money", "money")),
                                       "hawaii": Row(("money", "money")), "source": "text"}),
        "applicable_percentage": TableOf({"tiers": ListOf(Row(("int", "int?", "rate", "rate"))),
                                          "income_limit": "int?", "source": "text"}),
        "repayment_limitation": TableOf({"limits": OrNull(ListOf(Row(("int", "money", "money")))),
                                         "source": "text"}),
    },
}

HEADER = ("parameter", "title", "law")


def check(value: Any, spec: Any, where: str, errors: list[str]) -> Any:
    """Check ``value`` against ``spec``; return it converted (cents, Fraction, date), or None."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            errors.append(f"{where}: expected a mapping with keys {sorted(spec)}; got {type(value).__name__}")
            return None
        for key in value:
            if key not in spec:
                errors.append(f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(spec))})")
        out = {}
        for key, sub in spec.items():
            if key not in value:
                errors.append(f"{where}: missing key '{key}'")
                continue
            out[key] = check(value[key], sub, f"{where}.{key}", errors)
        return out
    if isinstance(spec, Row):
        if not isinstance(value, list) or len(value) != len(spec.items):
            errors.append(f"{where}: expected a list of {len(spec.items)} ({', '.join(map(str, spec.items))}); got {value!r}")
            return None
        return tuple(check(v, s, f"{where}[{i}]", errors) for i, (v, s) in enumerate(zip(value, spec.items)))
    if isinstance(spec, ListOf):
        if not isinstance(value, list) or not value:
            errors.append(f"{where}: expected a non-empty list; got {value!r}")
            return None
        return tuple(check(v, spec.item, f"{where}[{i}]", errors) for i, v in enumerate(value))
    if isinstance(spec, OrNull):
        return None if value is None else check(value, spec.item, where, errors)
    if isinstance(spec, OneOf):
        if not isinstance(value, str) or value not in spec.choices:
            errors.append(f"{where}: expected one of {', '.join(spec.choices)}; got {value!r}")
            return None
        return value
    if isinstance(spec, TableOf):
        if not isinstance(value, dict) or not all(isinstance(k, int) and not isinstance(k, bool) for k in value):
            errors.append(f"{where}: expected a mapping keyed by whole numbers; got {value!r}")
            return None
        return {k: check(v, spec.item, f"{where}.{k}", errors) for k, v in value.items()}
    return _leaf(value, spec, where, errors)


def _leaf(value: Any, spec: str, where: str, errors: list[str]) -> Any:
    if spec.endswith("?"):
        if value is None:
            return None
        spec = spec[:-1]
    ok: Any = None
    if spec == "money" and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        try:
            ok = cents(value)
        except ValueError:
            ok = None
    elif spec == "rate" and isinstance(value, (int, Decimal)) and not isinstance(value, bool) and 0 <= value <= 1:
        ok = Fraction(value)
    elif spec == "ratio" and isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value > 0:
        ok = Fraction(value)
    elif spec == "age" and isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value >= 0:
        ok = Fraction(value)
    elif spec == "int" and isinstance(value, int) and not isinstance(value, bool):
        ok = value
    elif spec == "bool" and isinstance(value, bool):
        ok = value
    elif spec == "date" and isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        ok = value
    elif spec == "date" and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:  # YAML 1.2 has no timestamps: a date is ISO text (textdoc)
            ok = _dt.date.fromisoformat(value)
        except ValueError:
            ok = None
    elif spec == "text" and isinstance(value, str) and value.strip():
        ok = value
    if ok is None:
        errors.append(f"{where}: expected {spec}; got {value!r}")
    return ok


# --- state income tax files (data/states/<xx>.yaml) --------------------------------------------
# A state file's year holds steps; each step is a mapping of its values plus its ``source``. The
# steps any state may use are here, so every file is checked as strictly as the federal ones: an
# unknown step or key, a missing key or a missing source is a load error.
RETIREMENT_KINDS = ("pension", "ira", "conversion", "plan")
_RULES = OneOf(("none", "chain", "ca", "ny", "pa", "il", "nj", "ma", "ga", "nc", "va", "oh", "nh", "wa"))
STATE_HEADER = ("parameter", "state", "title", "law", "rules")
STATE_STEPS: dict[str, dict[str, Any]] = {
    # a state that levies no tax on wages (its constitution or statutes), and what it levies instead
    "no_income_tax": {"levy": OneOf(("none", "interest_and_dividends", "capital_gains"))},
    # where the state return starts
    "start": {"from": OneOf(("federal_agi", "federal_taxable_income", "state_gross_income"))},
    # additions to the starting point: interest the federal return exempts (all of it, where the
    # state's form adds it back whole)
    "additions": {"exempt_interest": "bool"},
    # the part of Social Security benefits the federal return taxes, subtracted
    "social_security": {"subtracted": "bool"},
    # per person: retirement income of ``kinds`` excluded from the first tier whose age is reached,
    # up to its cap (null: no cap); ``earned`` counts wages toward it up to that amount (null: not);
    # ``any_age``: kinds excluded whole at any age (null: none)
    "retirement_exclusion": {"kinds": ListOf(OneOf(RETIREMENT_KINDS + ("interest", "dividends", "gains"))),
                             "tiers": ListOf(Row(("age", "money?"))), "earned": "money?",
                             "any_age": OrNull(ListOf(OneOf(RETIREMENT_KINDS)))},
    # Pennsylvania: tax forgiveness (Schedule SP): 100% up to ``base`` of eligibility income (one
    # claimant's amount, twice it for the married), less ``share`` for each ``step`` (or part) above it
    "forgiveness": {"base": by_status("money"), "step": "money", "share": "rate"},
    "standard_deduction": by_status("money"),
    # added to the standard deduction for each person on the return of ``age`` or older / blind
    "aged_blind_deduction": {"age": "int", "aged": "money", "blind": "money"},
    # personal exemptions: each person on the return, plus each of ``age`` or older and each blind;
    # none at all above ``agi_limit`` (federal AGI; null: no limit)
    "exemptions": {"personal": "money", "age": "int", "aged": "money", "blind": "money",
                   "agi_limit": by_status("money?")},
    "brackets": by_status(ListOf(Row(("money", "rate")))),
    "flat_rate": {"rate": "rate"},
    # California: exemption credits (each personal exemption, each person of ``age`` or older, each
    # blind; reduced by ``reduction`` each for every ``step`` or part of federal AGI over
    # ``phaseout_start``) and the Behavioral Health Services Tax on taxable income over ``over``
    "exemption_credits": {"amount": "money", "personal_count": by_status("int"), "age": "int",
                          "phaseout_start": by_status("money"), "reduction": "money", "step": by_status("money")},
    "behavioral_health_tax": {"over": "money", "rate": "rate"},
    # New York: the supplemental tax that recaptures the benefit of the lower brackets above a New York
    # AGI of ``agi_floor``, phased in over ``phase_in`` (Tax Law §601(d-1)); a flat top rate above
    # ``flat_over``. The tiers and their recapture bases follow from the brackets.
    "supplemental_tax": {"agi_floor": "money", "phase_in": "money", "flat_over": "money"},
    # New York: the household credit (Tax Law §606(b)) by federal AGI: [over, amount] rows (an amount
    # for AGI over the row's figure, the first row's for any AGI): single; the others' base and the
    # amount for each person after the first
    "household_credit": {"single": ListOf(Row(("money", "money"))), "base": ListOf(Row(("money", "money"))),
                         "additional": ListOf(Row(("money", "money")))},
    # New Jersey: the pension exclusion (N.J.S.A. 54A:6-10: from ``age``, gross income up to
    # ``full_to`` the pension income up to ``cap``; above it a ``shares`` row [gross income over,
    # share of the pension income]; none above ``limit``), the other retirement income exclusion
    # (54A:6-15: the unclaimed part, earned income at most ``earned_limit``), and no tax at or below
    # ``no_tax`` of gross income (54A:2-4)
    "pension_exclusion": {"age": "int", "cap": by_status("money"), "full_to": "money",
                          "shares": by_status(ListOf(Row(("money", "rate")))), "limit": "money",
                          "earned_limit": "money"},
    "no_tax": by_status("money"),
    # Massachusetts (M.G.L. c.62): Part B and Part A interest and dividends at ``rate``, Part A
    # short-term gains at ``short_term_rate``, Part C long-term gains at ``rate``; capital losses up
    # to ``loss_against_interest`` against interest and dividends; the deduction for Social
    # Security and Medicare taxes withheld (``fica_rate`` of wages, at most ``fica_cap`` a person)
    "ma_parts": {"rate": "rate", "short_term_rate": "rate", "loss_against_interest": "money",
                 "fica_rate": "rate", "fica_cap": "money"},
    # Massachusetts: personal exemptions by filing status, ``aged`` for each 65 or older, ``blind``
    "ma_exemptions": {"personal": by_status("money"), "age": "int", "aged": "money", "blind": "money"},
    # Massachusetts: no tax at or below ``threshold`` of Massachusetts AGI (null: none), the limited
    # income credit up to ``credit_multiple`` of it (the tax above ``credit_rate`` of the excess)
    "no_tax_status": {"threshold": by_status("money?"), "credit_multiple": "ratio", "credit_rate": "rate"},
    # the 4% surtax on taxable income over ``over`` (Mass. Const. amend. art. XLIV, c.62 §4(d))
    "surtax": {"over": "money", "rate": "rate"},
    # Georgia: the low income credit (O.C.G.A. §48-7A-3): the amount of the federal AGI tier, for each
    # person on the return, doubled for each of ``age`` or older
    "low_income_credit": {"tiers": ListOf(Row(("money", "money"))), "age": "int"},
    "itemizer_credit": {"amount": "money"},
    # Virginia: the age deduction (each person of ``age`` or older; in full for one born on or before
    # January 1 of ``full_if_born_by``, else less $1 for each $1 of income over ``income_over``), and
    # the spouse tax adjustment (joint taxable income over ``floor``; at most ``cap``)
    "age_deduction": {"amount": "money", "age": "int", "full_if_born_by": "int", "income_over": by_status("money")},
    "spouse_tax_adjustment": {"cap": "money", "floor": "money"},
    # a tax table of rows [over, tax at that amount, rate above it], and nothing at or below ``exempt_to``
    # (Ohio, R.C. 5747.02(A)); every filing status alike
    "schedule": {"rows": ListOf(Row(("money", "money", "rate"))), "exempt_to": "money"},
    # Ohio: the personal exemption for each person by Ohio modified AGI ([from, amount]), none above
    # ``none_above`` (null: no limit)
    "exemption_tiers": {"tiers": ListOf(Row(("money", "money"))), "none_above": "money?"},
    # Ohio's nonrefundable credits (Schedule of Credits): retirement income ([from, credit] by the
    # retirement income received, below ``retirement_limit`` of modified AGI), senior citizen, the
    # exemption credit (each exemption, Ohio taxable income below ``exemption_below``), joint filing
    # ([from, share] by Ohio taxable income, each spouse ``joint_min`` of qualifying income, at most
    # ``joint_cap``; none above ``joint_limit`` of modified AGI, null: no limit)
    "ohio_credits": {"retirement": ListOf(Row(("money", "money"))), "retirement_limit": "money",
                     "senior": "money", "senior_age": "int", "senior_limit": "money",
                     "exemption_credit": "money", "exemption_below": "money",
                     "joint": ListOf(Row(("money", "rate"))), "joint_cap": "money", "joint_min": "money",
                     "joint_limit": "money?"},
    # New Hampshire: the interest and dividends tax (RSA 77)
    "interest_dividends": {"rate": "rate", "exemption": "money", "age": "int", "aged": "money", "blind": "money"},
    # Washington: the capital gains excise tax (RCW 82.87)
    "capital_gains_tax": {"deduction": "money", "tiers": ListOf(Row(("money", "rate")))},
}


def _add_state_steps(steps: dict[str, dict[str, Any]]) -> None:
    """More steps (each group of states adds its own): a step name already taken is an error, so
    two states can never read one name two ways."""
    taken = sorted(set(steps) & set(STATE_STEPS))
    if taken:
        raise ValueError(f"state steps defined twice: {', '.join(taken)}")
    STATE_STEPS.update(steps)
# --- phase 2, group A: Alabama, Arizona, Arkansas, Colorado, Connecticut, Delaware, District of Columbia,
# Hawaii (issue #14) ----------------------------------------------------------------------------------
_RULES = OneOf(_RULES.choices + ("de", "dc", "az", "al", "co", "hi", "ct"))
_add_state_steps({
    # a retirement exclusion whose kinds change with age (Delaware, 30 Del. C. §1106(b)(3)): each
    # person under ``age`` excludes income of ``under_kinds`` up to ``under_cap``; from ``age``,
    # income of ``from_kinds`` up to ``from_cap`` (kinds as in ``retirement_exclusion``)
    "age_split_exclusion": {"age": "int",
                            "under_kinds": ListOf(OneOf(RETIREMENT_KINDS + ("interest", "dividends", "gains"))),
                            "under_cap": "money",
                            "from_kinds": ListOf(OneOf(RETIREMENT_KINDS + ("interest", "dividends", "gains"))),
                            "from_cap": "money"},
    # nonrefundable personal credits: ``amount`` for each person on the return, ``aged`` more for each
    # of ``age`` or older (Delaware, 30 Del. C. §1110(b))
    "personal_credits": {"amount": "money", "age": "int", "aged": "money"},
    # married couples may file separately on one return, each spouse's own income with half the
    # jointly held, and pay the lower tax (Delaware filing status 4, DC Calculation J): each spouse
    # takes ``each_standard_deduction`` plus their own additions for age and blindness, or (null) the
    # joint standard deduction is allocated between the spouses as they choose
    "combined_separate": {"each_standard_deduction": "money?"},
    # added to the standard deduction for each person on the return of ``age`` or older and each blind,
    # by filing status (the District's additional standard deduction is the federal one, IRC §63(f))
    "additional_standard_deduction": {"amount": by_status("money"), "age": "int"},
    # a nonrefundable credit of ``amount`` for each person on the return, at most ``cap``, when the
    # state's AGI before exemptions is at most ``income_limit`` (Arizona's family income tax credit,
    # A.R.S. §43-1073, for a return without dependents)
    "family_income_credit": {"amount": "money", "cap": by_status("money"), "income_limit": by_status("money")},
    # a standard deduction that falls with the state's AGI: ``most``, less ``less`` for each full
    # ``step`` of AGI over ``over``, never below ``least`` (Alabama, Ala. Code §40-18-15(b))
    "sliding_standard_deduction": {"most": by_status("money"), "least": by_status("money"), "over": by_status("money"),
                                   "step": by_status("money"), "less": by_status("money")},
    # one personal exemption for the return by filing status (Alabama, Ala. Code §40-18-19(a))
    "filing_exemption": by_status("money"),
    # the year's federal income tax deducted: Form 1040 line 22, with the net investment income tax
    # (Form 8960 line 17) when ``niit`` (Alabama, Ala. Code §40-18-15(a)(2))
    "federal_tax_deduction": {"niit": "bool"},
    # net capital losses deducted whole, not only to the federal limit (Alabama, Ala. Code §40-18-8)
    "full_capital_losses": {"deducted": "bool"},
    # itemized deductions of the employee's Social Security and Medicare taxes on wages (elective
    # deferrals included): ``social_security_rate`` up to each person's ``wage_base``, ``medicare_rate``
    # of all wages and ``additional_rate`` of the return's wages over ``additional_over`` (Alabama
    # Schedule A, Ala. Code §40-18-15(a)(3)); taken when larger than the standard deduction
    "payroll_tax_itemized": {"social_security_rate": "rate", "wage_base": "money", "medicare_rate": "rate",
                             "additional_rate": "rate", "additional_over": by_status("money")},
    # the federal standard or itemized deduction above ``exemption`` added back when federal AGI is over
    # ``agi_over`` (Colorado, C.R.S. §39-22-104(3)(p.5), (p.7))
    "federal_deduction_addback": {"agi_over": "money", "exemption": by_status("money")},
    # Colorado's pension and annuity subtraction (C.R.S. §39-22-104(4)(f), (g)), each person: from
    # ``age`` their taxable Social Security up to ``cap`` (all of it from ``older_age``, or when federal
    # AGI is at most ``benefits_full_agi``, null: never) and their retirement income of ``kinds`` (of
    # ``from_59_kinds`` only from 59½, earlier ones being premature) up to what is left of ``cap``
    # (``older_cap`` from ``older_age``)
    "pension_subtraction": {"age": "age", "cap": "money", "older_age": "age", "older_cap": "money",
                            "benefits_full_agi": by_status("money?"), "kinds": ListOf(OneOf(RETIREMENT_KINDS)),
                            "from_59_kinds": ListOf(OneOf(RETIREMENT_KINDS))},
    # a minimum tax: ``rate`` of the federal alternative minimum taxable income less its exemption, less
    # the state's subtractions, where more than the regular tax (Colorado, C.R.S. §39-22-105(1.5), (2))
    "minimum_tax": {"rate": "rate"},
    # a lower rate on net capital gain: the tax is no more than the schedule on the other taxable income
    # plus ``rate`` of the net capital gain (the net long-term gain over the net short-term loss; Hawaii,
    # HRS §235-51(f))
    "capital_gains_rate": {"rate": "rate"},
    # an exemption of ``amount`` for each person who is blind, deaf or disabled, in place of their
    # personal and age exemptions (Hawaii, HRS §235-54(d))
    "disability_exemption": {"amount": "money"},
    # Connecticut (CGS §12-701(a)(20)(B), Form CT-1040 Schedule 1): the taxable Social Security is
    # subtracted whole when federal AGI is under ``full_below``; otherwise all but ``kept`` of the lesser
    # of the benefits and the provisional income over the federal ``base`` (IRC §86)
    "benefits_subtraction": {"full_below": by_status("money"), "kept": "rate", "base": by_status("money")},
    # Connecticut: pension and annuity income (plan money too) and ``ira_thousandths`` of IRA money and
    # conversions, times the share (thousandths) of the row whose federal AGI (``at least``) is reached
    "pension_and_ira_subtraction": {"shares": by_status(ListOf(Row(("money", "int")))), "ira_thousandths": "int"},
    # Connecticut Table A: the personal exemption ``amount`` less ``less`` for each ``step`` or part of
    # Connecticut AGI over ``over``
    "exemption_phaseout": {"amount": by_status("money"), "over": by_status("money"), "step": "money",
                           "less": "money"},
    # Connecticut Tables C and D: amounts added to the tax, each row [over, step, amount, cap]: ``amount``
    # for each ``step`` or part of Connecticut AGI over ``over``, at most ``cap``
    "tax_add_backs": by_status(ListOf(Row(("money", "money", "money", "money")))),
    # Connecticut Table E: the personal tax credit, thousandths of the tax, for Connecticut AGI over each
    # row's figure (and not over the next)
    "personal_tax_credit": by_status(ListOf(Row(("money", "int")))),
})
STATE_RULES = _RULES

# --- phase 2, group B: Idaho, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland ----------
MD_COUNTIES = (
    "allegany", "anne_arundel", "baltimore_city", "baltimore_county", "calvert", "caroline", "carroll", "cecil",
    "charles", "dorchester", "frederick", "garrett", "harford", "howard", "kent", "montgomery", "prince_georges",
    "queen_annes", "st_marys", "somerset", "talbot", "washington", "wicomico", "worcester")
"""Maryland's 23 counties and Baltimore City, the local jurisdictions of its county income tax
(Md. Code, Tax-Gen. §10-106), as a household file names them in ``locality``."""
STATE_RULES = OneOf(STATE_RULES.choices + ("id", "in_", "ia", "ks", "ky", "la", "me", "md"))
_add_state_steps({
    # Idaho: the permanent building fund tax (Idaho Code §63-3082): ``amount`` on every return that must
    # be filed, i.e. gross income at least the federal filing threshold of the status (IRC §6012(a)(1)),
    # ``aged`` more for each person 65 or older
    "building_fund": {"amount": "money", "filing_threshold": by_status("money"), "aged": by_status("money")},
    # Indiana: $500 more exemption for each person of ``age`` or older when federal AGI is below ``agi_below``
    # (IC 6-3-1-3.5(a)(5))
    "low_income_aged_exemption": {"amount": "money", "age": "int", "agi_below": by_status("money")},
    # credits for each person on the return (``personal``), each of ``age`` or older (``aged``) and each
    # blind (``blind``), nonrefundable (Iowa's exemption credits, Kentucky's personal tax credits)
    "person_credits": {"personal": "money", "age": "int", "aged": "money", "blind": "money"},
    # Iowa: no tax at or below ``single``/``other`` of the low-income exemption's income (``single_aged``,
    # ``other_aged`` with someone of ``age`` or older); the alternate tax (``rate`` of that income over the
    # other-status floor) for returns other than single; a single filer's tax at most that income over the floor
    "low_income": {"single": "money", "single_aged": "money", "other": "money", "other_aged": "money", "age": "int"},
    "alternate_tax": {"rate": "rate"},
    # a fixed personal exemption for the return by filing status (Kansas)
    "exemption_allowance": by_status("money"),
    # Kansas (2013-2024): the food sales tax credit, nonrefundable: ``amount`` for each person on the return
    # when federal AGI is at most ``agi_limit`` and someone was ``age`` or older all year or is blind
    "food_sales_tax_credit": {"amount": "money", "agi_limit": "money", "age": "int"},
    # additional standard deduction by filing status for each person of ``age`` or older and each blind
    # (Kansas, Maine)
    "aged_blind_by_status": {"age": "int", "amount": by_status("money")},
    # Kentucky: the family size tax credit (KRS 141.066): a share of the tax by modified gross income as a
    # multiple of the poverty threshold (``base`` for one person, ``step`` more for each, at most ``max_size``
    # people): [multiple at most, share]
    "family_size_credit": {"base": "money", "step": "money", "max_size": "int",
                           "shares": ListOf(Row(("ratio", "rate")))},
    # Kentucky: married couples may file separately on a combined return (103 KAR 17:020 §2(3)), each
    # spouse with the standard deduction
    "combined_return": {"allowed": "bool"},
    # Louisiana (to 2024): the combined personal exemption-standard deduction by status, ``aged`` more for
    # each person of ``age`` or older and ``blind`` for each blind; taken off the tax at the first
    # bracket's rate (R.S. 47:294, the tax tables)
    "la_exemptions": {"combined": by_status("money"), "age": "int", "aged": "money", "blind": "money"},
    # a pension deduction for each person of ``age`` or older (0: any age) on their own income of ``kinds``,
    # up to ``cap`` less their Social Security benefits; phased out over ``phaseout_width`` of federal AGI
    # above ``phaseout_start`` (null: no phase-out) (Maine 36 M.R.S. §5122(2)(M-2), Maryland Tax-Gen. §10-209)
    "pension_deduction": {"kinds": ListOf(OneOf(RETIREMENT_KINDS)), "age": "int", "cap": "money",
                          "phaseout_start": by_status("money?"), "phaseout_width": by_status("money?")},
    # Maine: the standard deduction and the personal exemptions phased out over ``width`` of income above
    # ``start`` (36 M.R.S. §5124-C, §5126-A)
    "deduction_phaseout": {"start": by_status("money"), "width": by_status("money")},
    "exemption_phaseout_range": {"start": by_status("money"), "width": by_status("money")},
    # Maine: the income tax surcharge on Maine taxable income over ``over``
    "surcharge": {"over": by_status("money"), "rate": "rate"},
    # Maryland: the standard deduction as ``rate`` of Maryland AGI between ``min`` and ``max`` (to 2024)
    "percent_standard_deduction": {"rate": "rate", "min": by_status("money"), "max": by_status("money")},
    # Maryland: personal exemptions by federal AGI ([over, amount each] rows), ``aged`` more for each of
    # ``age`` or older, ``blind`` for each blind (Tax-Gen. §10-211)
    "md_exemptions": {"tiers": by_status(ListOf(Row(("money", "money")))), "age": "int", "aged": "money",
                      "blind": "money"},
    # Maryland: the two-income subtraction for a joint return, the lower spouse's income up to ``cap``
    "two_income_subtraction": {"cap": "money"},
    # Maryland: the capital gains surtax, ``rate`` of net capital gain when federal AGI is over ``agi_over``
    "capital_gains_surtax": {"rate": "rate", "agi_over": "money"},
    # Maryland: the senior tax credit (Tax-Gen. §10-754): ``amount`` by status for federal AGI at most
    # ``agi_limit``, ``joint_one`` on a joint return with one spouse of ``age`` or older
    "senior_credit": {"age": "int", "amount": by_status("money"), "joint_one": "money", "agi_limit": by_status("money")},
    # Maryland: the county income tax on Maryland taxable income, by county: [over (single, separate),
    # over (joint, head of household, surviving spouse), rate] rows, ``marginal`` (each rate on the income
    # in its bracket) or not (the whole income at the rate of its bracket); ``column``: which threshold
    # each filing status uses (0: the first, 1: the second)
    "local_income_tax": {"column": by_status("int"),
                         "counties": {c: {"marginal": "bool", "rows": ListOf(Row(("money", "money", "rate")))}
                                      for c in MD_COUNTIES}},
})

# --- phase 2, group A: Arkansas (issue #14) -------------------------------------------------------
STATE_RULES = OneOf(STATE_RULES.choices + ("ar",))
_add_state_steps({
    # Arkansas gains (A.C.A. §26-51-815, Form AR1000D): ``excluded`` of the net capital gain (the net
    # long-term gain over the net short-term loss) is exempt, and all of it above ``exempt_over``; a
    # net loss counts down to ``loss_limit`` (``separate_loss_limit`` for each spouse filing
    # separately on the same return)
    "capital_gains_exclusion": {"excluded": "rate", "exempt_over": "money", "loss_limit": "money",
                                "separate_loss_limit": "money"},
    # a retirement exemption whose kinds depend on the source (A.C.A. §26-51-307): each person's income
    # of ``any_age`` kinds, and of ``from_age`` kinds only from ``age``, together up to ``cap``
    "source_retirement_exemption": {"cap": "money", "any_age": ListOf(OneOf(RETIREMENT_KINDS)), "age": "age",
                                    "from_age": ListOf(OneOf(RETIREMENT_KINDS))},
    # a tax table of rows [from, rate, subtraction]: the tax of net income of ``from`` or more (and
    # below the next row's) is ``rate`` of it less ``subtraction``, never below zero; every filing
    # status alike (Arkansas, A.C.A. §26-51-201(a), DFA's indexed tax brackets)
    "rate_table": {"rows": ListOf(Row(("money", "rate", "money")))},
    # a low income tax table by filing status (null: none for that status): the tax is the amount of
    # the last row [over, amount] whose figure the state AGI is over, when the AGI is at most
    # ``none_above``, if that is less than the regular tax (Arkansas, A.C.A. §26-51-301)
    "low_income_table": by_status(OrNull({"rows": ListOf(Row(("money", "money"))), "none_above": "money"})),
    # Arkansas personal tax credits (A.C.A. §26-51-501, Form AR1000F line 7A): ``amount`` for each
    # person on the return, ``aged`` more for each of ``age`` or older, ``aged_without_exemption`` more
    # for each of them claiming no retirement exemption (the "65 Special"), ``blind`` more for each
    # blind person, and ``filing_status`` more by filing status (a head of household or surviving
    # spouse)
    "personal_tax_credits": {"amount": "money", "age": "int", "aged": "money", "aged_without_exemption": "money",
                             "blind": "money", "filing_status": by_status("money")},
    # Arkansas's additional tax credit for qualified individuals (A.C.A. §26-51-501): ``amount`` for each
    # person on the return, less ``less`` for each person for each ``step`` or part of net taxable
    # income over ``over``, never below zero
    "qualified_individual_credit": {"amount": "money", "over": "money", "step": "money", "less": "money"},
    # a state additional tax on early distributions: ``share`` of the federal additional tax of IRC
    # §72(t) (Form 5329 line 4), added to the tax before the credits (Arkansas, A.C.A. §26-51-414(c))
    "early_distribution_tax": {"share": "rate"},
})

# --- phase 2, group C: Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, New Mexico,
# North Dakota (issue #14) -------------------------------------------------------------------------
STATE_RULES = OneOf(STATE_RULES.choices + ("mi", "mn", "ms", "mo", "mt", "ne", "nm", "nd"))
_add_state_steps({
    # North Dakota: shares of the net long-term capital gain (the smaller of the net long-term gain
    # and the net capital gain) and of qualified dividends subtracted (N.D.C.C. §57-38-30.3(2)(d))
    "gains_exclusion": {"long_term": "rate", "qualified_dividends": "rate"},
    # North Dakota: the marriage penalty credit (N.D.C.C. §57-38-01.28): joint returns with joint taxable
    # income over ``taxable_income_over`` and the lesser qualifying income over ``qualified_income_over``;
    # the joint tax less the ``single`` schedule's tax on that income less ``base`` and on the rest; at most ``max``
    "marriage_credit": {"max": "money", "qualified_income_over": "money", "taxable_income_over": "money",
                        "base": "money", "single": ListOf(Row(("money", "rate")))},
    # (Mississippi's exemption of the filing status, Miss. Code Ann. §27-7-21(a)-(d), is group A's
    # ``filing_exemption``)
    # Mississippi: no tax on the first ``exempt`` of each column's taxable income (the taxpayer's and,
    # on a joint return, the spouse's), ``rate`` above it (Miss. Code Ann. §27-7-5(1); Form 80-105)
    "column_tax": {"exempt": "money", "rate": "rate"},
    # Nebraska: the standard deduction's addition, by filing status, for each person on the return of
    # ``age`` or older and each blind (Neb. Rev. Stat. §77-2716.01)
    "aged_blind_addition": {"age": "int", "amount": by_status("money")},
    # Nebraska: the nonrefundable personal exemption credit for each person on the return (§77-2715.07(1))
    "exemption_credit": {"amount": "money"},
    # Nebraska: the tax after nonrefundable credits is no more than the federal tax before credits when
    # the Nebraska adjustments add less than ``adjustments_under`` to federal AGI (Federal Tax Liability Worksheet)
    "federal_liability_limit": {"adjustments_under": "money"},
    # Montana: subtracted for each person on the return of ``age`` or older (Mont. Code Ann. §15-30-2120)
    "senior_subtraction": {"age": "int", "amount": "money"},
    # Montana: net long-term capital gains at ``low`` within the first bracket of the ``brackets`` step
    # (on top of the other taxable income) and ``high`` above it (§15-30-2103(2))
    "capital_gains_rates": {"low": "rate", "high": "rate"},
    # New Mexico: Social Security included in federal AGI exempt when federal AGI is at most ``agi_limit``
    # (NMSA 1978 §7-2-5.14)
    "ss_exemption": {"agi_limit": by_status("money")},
    # New Mexico: ``amount`` for the taxpayer and spouse, less ``percent``% of federal AGI over ``start``,
    # nothing above ``limit`` (§7-2-5.8)
    "low_middle_exemption": {"amount": "money", "start": by_status("money"), "limit": by_status("money"),
                             "percent": by_status("int")},
    # New Mexico: ``amount`` for each person of ``age`` or older or blind, ``reduction`` less for each ``step``
    # (or part) of federal AGI over ``floor`` (§7-2-5.2)
    "aged_blind_exemption": {"age": "int", "amount": "money", "reduction": "money", "floor": by_status("money"),
                             "step": by_status("money")},
    # New Mexico: the net capital gain up to ``floor``, or ``percent``% of it if more (§7-2-34)
    "capital_gains_deduction": {"floor": by_status("money"), "percent": by_status("int")},
    # Missouri: ``share`` of the capital gains reported federally (Form 1040 line 7, a loss none) subtracted
    # (RSMo §143.121, from 2025)
    "capital_gains_subtraction": {"share": "rate"},
    # Missouri: the taxable Social Security of each person of ``age`` or older deducted (RSMo §143.125)
    "ss_deduction": {"age": "int"},
    # Missouri: each spouse's private pension income up to ``cap``, less Missouri AGI (after taxable Social
    # Security) over ``allowance`` (RSMo §143.124)
    "private_pension": {"cap": "money", "allowance": by_status("money")},
    # Missouri: the federal income tax deducted: ``shares`` rows [Missouri AGI over, share], at most ``cap``
    # (RSMo §143.171)
    "federal_tax_deduction_by_agi": {"shares": ListOf(Row(("money", "rate"))), "cap": by_status("money")},
    # Michigan (MCL 206.30, Public Act 4 of 2023), by the older spouse's age on December 31 (standing for the
    # year of birth): from ``tier1_age`` qualifying retirement benefits up to ``cap``; from ``tier2_age`` the
    # ``standard`` deduction; from ``tier3_age`` the same less ``social_security_offset`` of the taxable Social
    # Security (all of it; none in 2026-2028, Public Act 24 of 2025) and the exemptions; from ``expanded_age``
    # (below ``tier1_age``) benefits up to ``expanded_share`` of ``cap`` if larger
    "retirement_tiers": {"tier1_age": "int", "cap": by_status("money"), "tier2_age": "int", "tier3_age": "int",
                         "standard": by_status("money"), "social_security_offset": "rate", "expanded_age": "int",
                         "expanded_share": "rate"},
    # Michigan: interest, dividends and capital gains of a return whose older spouse is ``age`` or older, up to
    # ``amount`` less the retirement subtraction and the federal credit for the elderly (MCL 206.30(1))
    "senior_investment_deduction": {"age": "int", "amount": by_status("money")},
    # Minnesota: the Social Security subtraction (Minn. Stat. §290.0132 subd. 26): whole up to AGI ``start``;
    # above, the larger of the simplified one (``step_rate`` less for each ``increment`` or part over the
    # start) and the alternative one (``alternative_amount`` less ``net_rate`` of provisional income, with
    # ``benefit_share`` of the benefits, over ``income_amount``)
    "mn_social_security": {"start": by_status("money"), "increment": by_status("money"), "step_rate": "rate",
                           "income_amount": by_status("money"), "alternative_amount": by_status("money"),
                           "net_rate": "rate", "benefit_share": "rate"},
    # Minnesota: the subtraction for the elderly (subd. 5): ``base`` less nontaxable benefits and ``rate`` of AGI
    # over ``offset`` (plus ``offset_both`` when both spouses qualify), for a person of ``age`` or older
    "elderly_subtraction": {"age": "int", "base": by_status("money"), "offset": by_status("money"),
                            "offset_both": "money", "rate": "rate"},
    # Minnesota: the standard deduction reduced by ``low_rate`` of AGI over ``low`` up to ``high`` and
    # ``high_rate`` above, at most ``cap_rate`` of it, and by that whole share above ``cap_over`` (§290.0123)
    "deduction_reduction": {"low": by_status("money"), "high": by_status("money"), "low_rate": "rate",
                            "high_rate": "rate", "cap_rate": "rate", "cap_over": "money"},
    # Minnesota: the alternative minimum tax (§290.091): ``rate`` of the income over the ``exemption``, the
    # exemption less ``phaseout_rate`` of the income over ``threshold``
    "amt": {"rate": "rate", "threshold": by_status("money"), "exemption": by_status("money"), "phaseout_rate": "rate"},
    # Minnesota: the net investment income tax (§290.033): ``rate`` of net investment income over ``over``
    "niit": {"over": "money", "rate": "rate"},
})

# --- phase 2, group D: Oklahoma, Oregon, Rhode Island, South Carolina, Utah, Vermont, West Virginia,
# Wisconsin (issue #14; Oregon's module is ``or_``: ``or`` is a Python keyword) ------------------------
STATE_RULES = OneOf(STATE_RULES.choices + ("ok", "or_", "ri", "sc", "ut", "vt", "wv", "wi"))
_add_state_steps({
    # the form's tax table (state/tables.py): under ``below`` (by filing status; 0: no table, the
    # schedule on the income to the dollar) the tax is the schedule at the middle of the row, to the
    # dollar; ``rows``: [from, width] of the rows, ascending; nil under ``nil_below``; ``schedule``: the
    # table's own [over, rate, subtract] rows where they are not the brackets (null: the brackets)
    "tax_table": {"below": by_status("money"), "rows": ListOf(Row(("money", "money"))), "nil_below": "money",
                  "schedule": OrNull(by_status(ListOf(Row(("money", "rate", "money")))))},
    # the form's tax computation worksheet at or above the table: rate x income - subtract, by row reached
    "tax_worksheet": {"rows": by_status(ListOf(Row(("money", "rate", "money"))))},
    # Oklahoma: the additional exemption for each person of ``age`` or older only where federal AGI
    # (less Roth conversions when ``conversions_excluded``) is at most ``limit`` (68 O.S. §2358(E)(1)(c))
    "aged_exemption_limit": {"age": "int", "amount": "money", "limit": by_status("money"),
                             "conversions_excluded": "bool"},
    # the standard deduction and exemptions reduced by ``share`` for each ``step`` (or part) of the
    # state's AGI over ``over`` (Rhode Island, R.I. Gen. Laws §44-30-2.6(c)(3)(B)(III), (D))
    "deduction_phaseout_steps": {"over": "money", "step": "money", "share": "rate"},
    # Rhode Island's modifications at full retirement age (born on or before ``born_by``) with federal
    # AGI under ``agi_under``: the taxable Social Security of the people who have reached it, and each
    # one's own income of ``pension_kinds`` up to ``pension_cap`` (§44-30-12(c)(8), (9))
    "retirement_modifications": {"born_by": "date", "agi_under": by_status("money"), "pension_cap": "money",
                                 "pension_kinds": ListOf(OneOf(RETIREMENT_KINDS))},
    # the taxable Social Security subtracted in full up to a federal AGI of ``agi_limit``, ``share_above``
    # of it above (West Virginia, W. Va. Code §11-21-12(c)(8))
    "social_security_limit": {"agi_limit": by_status("money"), "share_above": "rate"},
    # West Virginia: ``amount`` of each person's income from ``age`` on, less their other modifications
    # (their Social Security subtracted) (W. Va. Code §11-21-12(c)(9))
    "senior_modification": {"age": "int", "amount": "money"},
    # earned income up to ``cap`` subtracted where federal AGI is at most ``agi_limit`` (W. Va. Code §11-21-10)
    "low_income_exclusion": {"agi_limit": by_status("money"), "cap": by_status("money")},
    # West Virginia's family tax credit (W. Va. Code §11-21-22b): the whole tax at or below the poverty
    # guideline (``first`` for one person, ``each`` more), ``share`` less for each ``step`` (or part) of
    # modified federal AGI above it; family size at most ``max_size``
    "family_tax_credit": {"first": by_status("money"), "each": by_status("money"), "step": by_status("money"),
                          "share": "rate", "max_size": "int"},
    # federal deductions of a later federal law the state does not adopt, added back to federal taxable
    # income: the standard deduction's increase (``standard``, where the federal return does not
    # itemize) and the senior deduction (South Carolina 2025, S.C. Code §12-6-40)
    "federal_deduction_increase_addback": {"standard": by_status("money"), "senior": "bool"},
    # South Carolina (S.C. Code §12-6-1170): each person's own retirement income up to the cap of the
    # age tier reached; from ``age``, ``age_amount`` against any income less their retirement deduction
    "retirement_deduction": {"tiers": ListOf(Row(("age", "money"))), "age": "int", "age_amount": "money"},
    # a share of the net capital gain (long-term, after short-term losses) subtracted (S.C. Code §12-6-1150)
    "capital_gain_deduction": {"share": "rate"},
    # South Carolina's income adjusted deduction from 2026 (H.4216): ``amount`` less its share of federal
    # AGI over ``over`` in ``range`` (the reduction rounded down to ``round_to``)
    "income_adjusted_deduction": {"amount": by_status("money"), "over": by_status("money"),
                                  "range": by_status("money"), "round_to": "money"},
    # South Carolina's two wage earner credit (S.C. Code §12-6-3330), Wisconsin's married couple credit
    # (Wis. Stat. §71.07(6)): ``rate`` of the lower earning spouse's earned income up to ``cap``, joint returns
    "two_wage_earner_credit": {"rate": "rate", "cap": "money"},
    # Utah's taxpayer tax credit (Utah Code §59-10-1018): ``rate`` of the federal deduction (and ``exemption``
    # for each dependent), less ``phaseout_rate`` of Utah taxable income over ``phaseout_over``
    "taxpayer_credit": {"rate": "rate", "exemption": "money", "phaseout_over": by_status("money"),
                        "phaseout_rate": "rate"},
    # Utah's retirement credit (§59-10-1019): ``amount`` for each person born on or before ``born_by``,
    # less ``rate`` of modified AGI over ``over``
    "retirement_credit": {"amount": "money", "born_by": "date", "over": by_status("money"), "rate": "rate"},
    # Utah's Social Security benefits credit (§59-10-1042): the tax rate on the taxable benefits, less
    # ``rate`` of modified AGI over ``over``; the larger of it and the retirement credit is taken
    "social_security_credit": {"over": by_status("money"), "rate": "rate"},
    # Vermont: the taxable Social Security exempt up to a federal AGI of ``start``, less in proportion over
    # the next ``range``, none above (32 V.S.A. §5830e)
    "social_security_phaseout": {"start": by_status("money"), "range": "money"},
    # Vermont's flat capital gains exclusion: up to ``flat`` of the net capital gain, at most
    # ``taxable_share`` of federal taxable income (32 V.S.A. §5811(21)(B)(ii))
    "capital_gain_exclusion": {"flat": "money", "taxable_share": "rate"},
    # a minimum tax: ``rate`` of federal AGI where federal AGI is over ``agi_over`` (32 V.S.A. §5822(a)(6))
    "minimum_tax_on_agi": {"agi_over": "money", "rate": "rate"},
    # a credit of ``share`` of the federal credit for the elderly or disabled (Vermont)
    "elderly_credit_share": {"share": "rate"},
    # Wisconsin's sliding standard deduction (Wis. Stat. §71.05(22)): for the filing status the greatest of its
    # ``formulas`` [amount, over, rate] (the amount less the rate of Wisconsin income over ``over``, not below
    # zero: the head of household's own and the single one), figured at the middle of the row of the
    # Department's table the income falls in (``table``: [from, width] rows, ascending; under the first, the
    # formula's full amount; one-cent rows: the income itself), rounded to the dollar
    "sliding_standard_deduction_table": {"formulas": by_status(ListOf(Row(("money", "money", "rate")))),
                                   "table": ListOf(Row(("money", "money")))},
    # Wisconsin (Wis. Stat. §71.05(6)(b)54): each person of ``age`` or older, federal AGI under ``agi_under``,
    # subtracts their payments from retirement plans and IRAs (``kinds``) up to ``cap``
    "retirement_subtraction": {"kinds": ListOf(OneOf(RETIREMENT_KINDS)), "age": "int", "cap": "money",
                               "agi_under": by_status("money")},
    # Wisconsin's subtraction from 67 (§71.05(6)(b)54m, 2025 Act 15): each person of ``age`` or older their
    # payments of ``kinds`` up to ``cap``; spouses both of ``age`` on a joint return up to ``joint_cap``
    # together; whoever claims it may claim no credit, so the return takes it only where the tax is lower
    "retirement_subtraction_67": {"kinds": ListOf(OneOf(RETIREMENT_KINDS)), "age": "int", "cap": "money",
                                  "joint_cap": "money"},
    # Oregon (ORS 316.680, 316.685): the federal income tax (Form 1040 line 22) subtracted, up to the cap of
    # the last ``caps`` row [federal AGI from, cap] reached (the first row from $0)
    "federal_tax_subtraction": {"caps": by_status(ListOf(Row(("money", "money"))))},
    # a credit of ``amount`` for each person on the return, none where federal AGI is over ``agi_limit``
    # (Oregon, ORS 316.085; Nebraska's ``exemption_credit`` has no limit)
    "exemption_credit_agi_limited": {"amount": "money", "agi_limit": by_status("money")},
    # Oregon's retirement income credit (ORS 316.157): ``rate`` of the pension income (``kinds``) of those of
    # ``age`` or older, at most ``base`` less the Social Security benefits received and the household income
    # (federal AGI without the benefits) over ``income_over``
    "retirement_income_credit": {"kinds": ListOf(OneOf(RETIREMENT_KINDS)), "age": "int", "rate": "rate",
                                 "base": by_status("money"), "income_over": by_status("money")},
})
# --- phase 3, state group 1 (issue #14 items 1 and 6) ---------------------------------------------------
_add_state_steps({
    # the federal 2025-2028 senior deduction (IRC §151(d)(5)(C), Schedule 1-A) subtracted from the state's
    # AGI (Arizona, A.R.S. §43-1022, from 2025)
    "federal_senior_subtraction": {"subtracted": "bool"},
    # ``share`` of the net long-term capital gain (long-term gains less long-term losses, nothing when it is a
    # loss) subtracted from the state's AGI (Arizona, A.R.S. §43-1022: gains from assets acquired after 2011)
    "long_term_gain_subtraction": {"share": "rate"},
    # Arkansas's regular tax table (AR1000F): net income under ``below`` is taxed at the ``rate_table`` rows
    # figured at the middle of the whole-dollar incomes of its row (rows of ``width`` from $0: $24,700 to
    # $24,799 at $24,749.50), rounded to the dollar
    "rate_table_tax_table": {"below": "money", "width": "money"},
})
# --- 2026 in force (helper state-2026c, issue #14 item 1) ------------------------------------------------
_add_state_steps({
    # a surcharge of ``rate`` on the state's taxable income over ``over`` (Maine, 36 M.R.S. §5111(7), from 2026)
    "income_surcharge": {"rate": "rate", "over": by_status("money")},
    # Maine: the indexed starting thresholds of the pension income deduction's phase-out (36 M.R.S.
    # §5122(2)(M-2)(2)), named apart only where a year refuses them (not_in_force); a year that knows them
    # gives them in ``pension_deduction.phaseout_start``
    "pension_deduction_phaseout": {"start": by_status("money")},
})
