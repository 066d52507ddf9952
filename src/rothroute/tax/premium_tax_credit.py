"""The premium tax credit of IRC §36B, line by line as Form 8962 figures it, and its place on the
return: the net credit is a refundable credit (Schedule 3 line 9, Form 1040 line 31), an excess
advance payment is repaid as tax (Schedule 2 line 1a, Form 1040 line 17).

Household income is the return's modified AGI: AGI plus tax-exempt interest plus the Social
Security benefits not taxed (IRC §36B(d)(2)(B); foreign earned income is not in the household
file); dependents' income is not in the file either. The poverty line is the one HHS published in
the year before the tax year (26 CFR §1.36B-1(h)), for the state of residence (48 states and DC,
Alaska, Hawaii), and the family size the file's (default: the people on the return).

Rounding as the Form 8962 instructions say: line 5 is a whole percent with the decimals dropped;
line 7, the applicable figure, is the table's linear rise rounded to the nearest one-hundredth of
one percent (26 CFR §1.36B-3(g)(1); a tie is rounded up); lines 8a and 8b are rounded to the
nearest whole dollar. Premiums and advance payments keep their cents (Form 1095-A's)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from rothroute.errors import Issue
from rothroute.household.model import HealthCoverage
from rothroute.vocab import FilingStatus, Severity

CITES = ("IRC §36B", "26 CFR §1.36B-3", "26 CFR §1.36B-4", "Form 8962")
REGIONS = {"AK": "alaska", "HI": "hawaii"}  # the rest, and DC: the 48 contiguous states' guidelines
MONTH_LINES = tuple(range(12, 24))  # Form 8962 lines 12 (January) to 23 (December)


@dataclass(frozen=True, slots=True, kw_only=True)
class Form8962:
    """Form 8962 for one return (cents; line 5 a whole percent, line 7 in ten-thousandths).
    ``eligible`` is False when the household is not an applicable taxpayer (then lines 24 and 26
    are 0 and every advance payment is excess); ``why`` says why."""

    lines: Mapping[str, int]
    eligible: bool
    why: str = ""
    sources: tuple[str, ...] = ()

    @property
    def credit(self) -> int:
        """Line 24: the premium tax credit allowed."""
        return self.lines["f8962.24"]

    @property
    def net_credit(self) -> int:
        """Line 26: the credit beyond the advance payments (refundable, Form 1040 line 31)."""
        return self.lines["f8962.26"]

    @property
    def repayment(self) -> int:
        """Line 29: the excess advance payments repaid (Schedule 2 line 1a)."""
        return self.lines["f8962.29"]


def _half_up(num: int, den: int) -> int:
    """num / den rounded to the nearest whole number, a half away from zero (den > 0)."""
    q, r = divmod(abs(num), den)
    q += 1 if 2 * r >= den else 0
    return q if num >= 0 else -q


def applicable_figure(percent: int, tiers: Any) -> Fraction:
    """Form 8962 line 7: the tier's initial percentage rising linearly to its final one over the
    tier, at the whole percent of line 5, rounded to 4 decimals (26 CFR §1.36B-3(g)(1))."""
    p = max(percent, 0)
    chosen = tiers[-1]
    for tier in tiers:
        lo, hi = tier[0], tier[1]
        if lo <= p and (hi is None or p < hi):
            chosen = tier
            break
    lo, hi, initial, final = chosen
    if hi is None or p >= hi:
        exact = Fraction(final)
    else:
        exact = Fraction(initial) + (Fraction(final) - Fraction(initial)) * Fraction(p - lo, hi - lo)
    scaled = exact * 10000
    return Fraction(_half_up(scaled.numerator, scaled.denominator), 10000)


def poverty_line(family_size: int, region: str, guidelines: Mapping[str, Any]) -> int:
    """Form 8962 line 4: the guideline for the family size (cents)."""
    first, each = guidelines[region]
    return first + each * (family_size - 1)


def table(year: int, inflation: Fraction | None = None
          ) -> tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]] | None:
    """The year's poverty guidelines (the year before's), applicable percentages and repayment
    limits, or None when the parameter file has no table for the year. ``inflation`` (a plan's):
    a year after the file's last is projected (``projected``)."""
    from rothroute.params.loader import standing_family

    family = standing_family("premium_tax_credit")
    fpl, pct, limits = (family.data["poverty_guidelines"], family.data["applicable_percentage"],
                        family.data["repayment_limitation"])
    if year - 1 not in fpl or year not in pct or year not in limits:
        if inflation is not None and year > max(pct) and year > max(limits) and year - 1 > max(fpl):
            return projected(year, inflation, fpl, pct, limits)
        return None
    return fpl[year - 1], pct[year], limits[year]


def projected(year: int, inflation: Fraction, fpl: Mapping[int, Any], pct: Mapping[int, Any],
              limits: Mapping[int, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]]:
    """A plan year past the parameter file (a projection, not law): the last poverty guidelines grown
    with the plan's inflation (HHS updates them by the CPI-U, 42 U.S.C. §9902(2)), rounded to the
    dollar; the last applicable percentage table, its income limit and repayment limits held (the
    percentages are indexed by premium over income growth, IRC §36B(b)(3)(A)(ii), which cannot be
    projected; the 400% limit of §36B(c)(1)(A) and the repayment rule of P.L. 119-21 §71305 are
    permanent law)."""
    last_fpl, last_pct, last_lim = max(fpl), max(pct), max(limits)
    factor = (1 + inflation) ** (year - 1 - last_fpl)
    note = (f"PROJECTED for {year}, not published: the {last_fpl} guidelines grown "
            f"{float(inflation):.2%} a year (42 U.S.C. §9902(2)), rounded to the dollar")
    guidelines: dict[str, Any] = {"source": f"{note}; from: {fpl[last_fpl]['source']}"}
    for region in ("contiguous", "alaska", "hawaii"):
        guidelines[region] = [_dollar(v * factor) for v in fpl[last_fpl][region]]
    held = f"PROJECTED for {year}: the {last_pct} table held (IRC §36B(b)(3)(A)(ii) indexing not projected); from: "
    return (guidelines, {**pct[last_pct], "source": held + pct[last_pct]["source"]},
            {**limits[last_lim], "source": f"PROJECTED for {year}: the {last_lim} rule held; from: "
                                           + limits[last_lim]["source"]})


def _dollar(cents: Fraction) -> int:
    """Cents rounded to the nearest whole dollar (a half up)."""
    return _half_up(cents.numerator, cents.denominator * 100) * 100


def form_8962(*, year: int, status: FilingStatus, magi: int, coverage: HealthCoverage, family_size: int,
              region: str) -> Form8962 | None:
    """Form 8962 of a return, or None when no table is in force for ``year``."""
    found = table(year, coverage.inflation)
    if found is None:
        return None
    guidelines, percentages, repayment = found
    out: dict[str, int] = {"f8962.1": family_size, "f8962.2a": magi, "f8962.2b": 0, "f8962.3": magi}
    fpl = poverty_line(family_size, region, guidelines)
    out["f8962.4"] = fpl
    percent = (magi * 100) // fpl  # decimals dropped (a loss gives a negative percent: below 100)
    out["f8962.5"] = percent
    rows_of = month_rows(coverage)
    advance = sum(f for _, _, f in rows_of.values())
    limit = percentages["income_limit"]
    why = ""
    if status is FilingStatus.MARRIED_SEPARATE:
        why = ("married filing separately: not an applicable taxpayer (IRC §36B(c)(1)(C); the exceptions for "
               "victims of domestic abuse or abandonment, 26 CFR §1.36B-2(b)(2)(ii), are not modelled)")
    elif limit is not None and magi * 100 > fpl * limit:
        why = (f"household income {percent}% of the poverty line, above {limit}% (IRC §36B(c)(1)(A); the rule "
               "of §36B(c)(1)(E) that lifted the limit ended with 2025)")
    elif magi < fpl and not advance:
        why = ("household income below 100% of the poverty line and no advance payments (IRC §36B(c)(1)(A); "
               "26 CFR §1.36B-2(b)(6))")
    sources = (guidelines["source"], percentages["source"], repayment["source"])
    if why:
        out.update({"f8962.24": 0, "f8962.25": advance})
    else:
        figure = applicable_figure(percent, percentages["tiers"])
        out["f8962.7"] = _half_up(figure.numerator * 10000, figure.denominator)  # ten-thousandths (0.0419 → 419)
        # line 8a, whole dollars (a household income below zero asks no contribution)
        yearly = max(_half_up(magi * figure.numerator, 100 * figure.denominator), 0) * 100
        monthly = _half_up(yearly, 1200) * 100  # line 8b, whole dollars
        out["f8962.8a"], out["f8962.8b"] = yearly, monthly
        if len(rows_of) == 12 and len(set(rows_of.values())) == 1:  # line 11: the whole year, the same each month
            a, b, f = rows_of[1]
            rows = {"11": (12 * a, 12 * b, yearly, 12 * f)}
        else:
            rows = {str(MONTH_LINES[m - 1]): (a, b, monthly, f) for m, (a, b, f) in rows_of.items()}
        credit = 0
        for line, (a, b, c, f) in rows.items():
            d = max(b - c, 0)
            e = min(a, d)
            out.update({f"f8962.{line}a": a, f"f8962.{line}b": b, f"f8962.{line}c": c, f"f8962.{line}d": d,
                        f"f8962.{line}e": e, f"f8962.{line}f": f})
            credit += e
        out.update({"f8962.24": credit, "f8962.25": advance})
    out["f8962.26"] = max(out["f8962.24"] - out["f8962.25"], 0)
    excess = max(out["f8962.25"] - out["f8962.24"], 0)
    out["f8962.27"] = excess
    cap = _repayment_limit(percent, status, repayment["limits"]) if excess else None
    if cap is not None:
        out["f8962.28"] = cap
    out["f8962.29"] = excess if cap is None else min(excess, cap)
    return Form8962(lines=out, eligible=not why, why=why, sources=sources)


def month_rows(coverage: HealthCoverage) -> dict[int, tuple[int, int, int]]:
    """The months covered: month -> (enrollment premium, benchmark premium, advance payments), cents."""
    if coverage.monthly:
        return {m: (a, b, f) for m, b, a, f in coverage.monthly}
    return {m: (coverage.premium, coverage.benchmark_premium, coverage.advance_payments)
            for m in range(coverage.first_month, coverage.last_month + 1)}


def _repayment_limit(percent: int, status: FilingStatus, limits: Any) -> int | None:
    """Form 8962 line 28 (Table 5): the limit on repaying excess advance payments by line 5, the
    single column for a single filer (IRC §36B(f)(2)(B)(i): one-half for a §1(c) taxpayer); None
    where no limit applies (400% or more, or a year without the limitation)."""
    if limits is None:
        return None
    for below, single, other in limits:
        if percent < below:
            return single if status is FilingStatus.SINGLE else other
    return None


def apply(ops: Any, values: dict[str, Any], form: Form8962, p: Mapping[str, Any], x: Mapping[str, Any]) -> None:
    """Put Form 8962 on the return computed in ``values`` (in place): the repayment into Schedule 2
    line 1a and so Form 1040 lines 17, 18 and 22 (the credit for the elderly limited by the larger
    line 18), the net credit taken from the total as the refundable credit of Form 1040 line 31."""
    from rothroute.tax import formulas as f

    values.update(form.lines)
    repay = form.repayment
    values["sch2.1a"] = repay
    values["sch3.9"] = form.net_credit
    if repay:
        values["f1040.17"] = values["f6251.11"] + repay
        values["f1040.18"] = values["f1040.16"] + values["f1040.17"]
        credit = f.elderly_credit(ops, seniors=x["seniors"], one=p["elderly_one"], both=p["elderly_both"],
                                  nontaxable_benefits=x["social_security"] - values["f1040.6b"],
                                  agi=values["f1040.11"], threshold=p["elderly_threshold"], rate=p["elderly_rate"],
                                  agi_rate=p["elderly_agi_rate"], tax_limit=values["f1040.18"])
        values.update(credit)
        values["f1040.21"] = credit["schr.22"]
        values["f1040.22"] = ops.mx(values["f1040.18"] - values["f1040.21"], 0)
    values["total_tax"] = values["f1040.22"] + values["f8960.17"] + values["f5329.4"] - form.net_credit
    values["premium_tax_credit"] = form.credit
    values["premium_tax_credit_net"] = form.net_credit - repay


def issues(form: Form8962 | None, year: int, coverage: HealthCoverage, ages: list[int]) -> list[Issue]:
    out = []
    if form is None:
        out.append(Issue(severity=Severity.WARNING, code="premium_tax_credit_not_in_force", where="health_coverage",
                         message=f"No poverty guidelines and applicable percentage table in force for {year} "
                                 "(params/data/premium_tax_credit.yaml): the premium tax credit is left out of "
                                 "this year's tax.", cites=CITES))
        return out
    if not form.eligible:
        out.append(Issue(severity=Severity.WARNING, code="premium_tax_credit_not_allowed", where="health_coverage",
                         message=f"No premium tax credit: {form.why}." + (
                             f" The advance payments (${form.lines['f8962.25'] / 100:,.2f}) are repaid as "
                             f"Form 8962 line 29 says (${form.repayment / 100:,.2f})." if form.lines["f8962.25"]
                             else ""), cites=CITES))
    if ages and min(ages) >= 66:
        out.append(Issue(severity=Severity.WARNING, code="premium_tax_credit_medicare_age", where="health_coverage",
                         message="Everyone on the return was 65 or older all year: a person eligible for Medicare "
                                 "Part A has minimum essential coverage and no premium tax credit for their own "
                                 "Marketplace plan (IRC §36B(c)(2)(B), §5000A(f)(1)(A)(i)); the file's coverage "
                                 "is priced as given.", cites=("IRC §36B(c)(2)(B)", "IRC §5000A(f)(1)(A)")))
    return out


_LABELS = {
    "1": ("Family size: the people on the return and the dependents claimed", ("Form 8962 line 1",
                                                                               "26 CFR §1.36B-1(d)")),
    "2a": ("Modified AGI: AGI plus tax-exempt interest plus Social Security benefits not taxed",
           ("IRC §36B(d)(2)(B)", "Form 8962 line 2a")),
    "2b": ("Dependents' modified AGI (none in the household file)", ("IRC §36B(d)(2)(A)(ii)", "Form 8962 line 2b")),
    "3": ("Household income", ("IRC §36B(d)(2)(A)", "Form 8962 line 3")),
    "4": ("Federal poverty line for the family size: the guidelines of the year before, by state group",
          ("IRC §36B(d)(3)(B)", "26 CFR §1.36B-1(h)", "Form 8962 line 4")),
    "5": ("Household income as a percentage of the poverty line (a whole percent, decimals dropped)",
          ("Form 8962 line 5",)),
    "7": ("Applicable figure, in ten-thousandths (the table's linear rise, to 0.01%)",
          ("IRC §36B(b)(3)(A)", "26 CFR §1.36B-3(g)(1)", "Form 8962 line 7")),
    "8a": ("Annual contribution for health care: household income times the applicable figure (whole dollars)",
           ("IRC §36B(b)(2)(B)(ii)", "Form 8962 line 8a")),
    "8b": ("Monthly contribution for health care: line 8a / 12 (whole dollars)", ("Form 8962 line 8b",)),
    "24": ("Total premium tax credit", ("IRC §36B(a), (b)(1)", "Form 8962 line 24")),
    "25": ("Advance payments of the premium tax credit", ("IRC §36B(f)(1)", "Form 8962 line 25")),
    "26": ("Net premium tax credit: line 24 less line 25 (a refundable credit, Schedule 3 line 9)",
           ("IRC §36B(f)(1)", "Form 8962 line 26", "Form 1040 line 31")),
    "27": ("Excess advance payments: line 25 less line 24", ("IRC §36B(f)(2)(A)", "Form 8962 line 27")),
    "28": ("Repayment limitation (Table 5)", ("IRC §36B(f)(2)(B)", "26 CFR §1.36B-4(a)(3)", "Form 8962 line 28")),
    "29": ("Excess advance payments repaid: the smaller of lines 27 and 28 (Schedule 2 line 1a)",
           ("IRC §36B(f)(2)", "Form 8962 line 29", "Schedule 2 line 1a")),
}
_COLUMNS = {"a": "enrollment premiums", "b": "applicable SLCSP premium", "c": "contribution for health care",
            "d": "maximum premium assistance: (b) less (c), not below zero", "e": "premium tax credit allowed: the "
            "smaller of (a) and (d)", "f": "advance payments"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def lines(values: Mapping[str, Any], sources: tuple[str, ...]) -> list[Any]:
    """The Form 8962 lines of a return, keyed ``f8962.<line>``, with their inputs and citations."""
    from rothroute.explain import Line

    out = []
    for key in sorted((k for k in values if k.startswith("f8962.")), key=_order):
        number = key.split(".", 1)[1]
        if number in _LABELS:
            label, cites = _LABELS[number]
        else:
            row, column = number[:-1], number[-1]
            when = "the year" if row == "11" else _MONTHS[int(row) - 12]
            label, cites = f"{when}: {_COLUMNS[column]}", ("IRC §36B(b)(2)", f"Form 8962 line {row}({column})")
        inputs = {"3": ("f8962.2a", "f8962.2b"), "2a": ("f1040.11", "f1040.2a", "f1040.6a", "f1040.6b"),
                  "5": ("f8962.3", "f8962.4"), "7": ("f8962.5",), "8a": ("f8962.3", "f8962.7"), "8b": ("f8962.8a",),
                  "26": ("f8962.24", "f8962.25"), "27": ("f8962.24", "f8962.25"), "28": ("f8962.5",),
                  "29": ("f8962.27", "f8962.28")}.get(number, ())
        value: int | str = int(values[key])
        if number in ("1", "5"):
            value = str(value)  # a count, a whole percent: not money
        elif number == "7":
            value = f"{int(value) / 10000:.4f}"
        out.append(Line(key=key, value=value, label=label, cites=cites + sources, inputs=inputs))
    return out


def _order(key: str) -> tuple[int, str]:
    number = key.split(".", 1)[1]
    digits = "".join(ch for ch in number if ch.isdigit())
    return int(digits), number
