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
