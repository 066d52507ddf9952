"""Social Security benefits paid in a tax year, from each person's claim (42 U.S.C. §402, §415,
§416), and the household's income of the year with them.

A person's ``social_security`` block gives the primary insurance amount (the monthly benefit at
full retirement age, in the tax year's dollars) and the age the old-age benefit starts. From it:

- the retirement age by the year the early retirement age (62; 60 for a widow(er)'s benefit) is
  attained (§416(l)); an age is attained the day before the birthday, so one born on the 1st of a
  month reaches it in the month before (the common-law rule SSA applies; SSA's retirement chart);
- entitlement: before the retirement age, the first month *throughout which* the person has the
  claim age; from it, the month the age is attained (§402(a)(A)-(B)); no benefit for the month
  of death (§402(a));
- before the retirement age, 5/9 of 1% less for each of the first 36 months, 5/12 of 1% for each
  month beyond (§402(q)(1), (9)(A)), the reduction raised to a multiple of $0.10 (§402(q)(8));
  after it, 2/3 of 1% more for each increment month before 70 (§402(w)(1), (2), (6)(D)), the
  credits of the year of entitlement counted from the next January unless the claim is at 70
  (§402(w)(3)); the increase kept in dimes (rothroute's reading: §402(w) names no rounding, and
  benefit amounts are kept in dimes, §415(i)(2)(A)(ii));
- a spouse's benefit when both spouses' claims are given: one-half of the other's PIA
  (§402(b)(2), (c)(3)) less the person's own PIA, from the later of the two entitlements (deemed
  filing, §402(r)), reduced by 25/36 of 1% a month before the retirement age for 36 months, 5/12
  of 1% beyond (§402(q)(1), (3)(B), (9)(A)); no delayed credits on it;
- a widow(er)'s benefit (``survivor_benefit``, set by the plan at a death: ``survivor``), and a
  person entitled to two benefits is paid the larger (§402(k)(3)(A));
- each month's benefit rounded down to the whole dollar (§415(g)).

Benefits are paid the month after the month they are for: a calendar year's benefits (Form
SSA-1099 box 5, Form 1040 line 6a) are those for December of the year before through November,
all at the year's cost-of-living level (the increase takes effect with December's benefit,
§415(i)(2)(A)(ii)). Income items of kind ``social_security`` keep their meaning: the year's gross
benefits, paid from ``start_year`` when it is given."""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping

from rothroute.household.model import Household, IncomeItem, Person, SocialSecurity
from rothroute.money import cents
from rothroute.params import default_set
from rothroute.vocab import FilingStatus, IncomeKind

CITES = ("42 U.S.C. §402(a), (q)(1), (q)(6), (q)(8), (q)(9), (w)", "42 U.S.C. §415(g), (i)", "42 U.S.C. §416(l)")
SPOUSE_CITES = ("42 U.S.C. §402(b)(2), (c)(3)", "42 U.S.C. §402(k)(3)(A)", "42 U.S.C. §402(q)(3)(B)",
                "42 U.S.C. §402(r)")
SURVIVOR_CITES = ("42 U.S.C. §402(e)(2)(A), (C), (D)", "42 U.S.C. §402(f)(3)", "42 U.S.C. §402(q)(9)(B)",
                  "42 U.S.C. §402(k)(3)(A)")
DIME, DOLLAR = 10, 100
MIN_CLAIM_AGE, MAX_CLAIM_AGE = 62, 70


def _rules() -> Any:
    return default_set().standing["social_security"]


def month_of(day: _dt.date) -> int:
    """A month as one number (year × 12 + month − 1)."""
    return day.year * 12 + day.month - 1


def first_day(month: int) -> _dt.date:
    return _dt.date(month // 12, month % 12 + 1, 1)


def attains(born: _dt.date, years: int, months: int = 0) -> _dt.date:
    """The day a person born on ``born`` attains the age of ``years`` and ``months``: the day before
    that anniversary of birth (one born on February 29 has the anniversary on March 1 in other years)."""
    total = born.month - 1 + months
    year, month = born.year + years + total // 12, total % 12 + 1
    if born.day > calendar.monthrange(year, month)[1]:
        anniversary = _dt.date(year + month // 12, month % 12 + 1, 1)
    else:
        anniversary = _dt.date(year, month, born.day)
    return anniversary - _dt.timedelta(days=1)


def retirement_age(born: _dt.date, kind: str = "old_age") -> int:
    """The retirement age in months for a benefit of ``kind`` (``old_age``, ``spouse``, ``widow``):
    by the year its early retirement age is attained (42 U.S.C. §416(l))."""
    rules = _rules()
    early = rules["early_retirement_age"][kind]
    year = attains(born, early).year
    for first, last, years, months, step in rules["retirement_age"]:
        if (first is None or year >= first) and (last is None or year <= last):
            return years * 12 + months + (step * (year - first + 1) if step else 0)
    raise ValueError(f"no retirement age for a person attaining {early} in {year}")  # pragma: no cover


def age_month(born: _dt.date, total_months: int) -> int:
    """The month in which the person attains the age of ``total_months`` months."""
    return month_of(attains(born, total_months // 12, total_months % 12))


def entitlement_month(born: _dt.date, claim_months: int, kind: str = "old_age") -> int:
    """The first month of the benefit for a claim at the age of ``claim_months`` months: before the
    retirement age the first month throughout which the person has that age, from it the month it is
    attained (42 U.S.C. §402(a)(A)-(B))."""
    day = attains(born, claim_months // 12, claim_months % 12)
    if claim_months < retirement_age(born, kind) and day.day != 1:
        return month_of(day) + 1
    return month_of(day)


def _fraction(row: tuple[int, int]) -> Fraction:
    return Fraction(row[0], row[1])


def early_reduction(months: int, kind: str = "old_age") -> Fraction:
    """The share of the benefit taken off for ``months`` before the retirement age (§402(q)(1), (9)(A))."""
    rules = _rules()
    first = min(months, rules["reduction_first_months"])
    rate = _fraction(rules["old_age_reduction" if kind == "old_age" else "spouse_reduction"])
    return first * rate + max(0, months - first) * _fraction(rules["later_reduction"])


def credit_rate(born: _dt.date) -> Fraction:
    """The delayed retirement credit a month, by the year of first eligibility (age 62, §402(w)(6))."""
    year = attains(born, 62).year
    for first, last, num, den in _rules()["delayed_credit"]:
        if (first is None or year >= first) and (last is None or year <= last):
            return Fraction(num, den)
    raise ValueError(f"delayed retirement credits are not in the data for a person first eligible in {year}")


def _reduced(amount: int, share: Fraction) -> int:
    """``amount`` less ``share`` of it, the reduction raised to a multiple of $0.10 (§402(q)(8)); never
    below nothing (a reduction of a few cents raised to a dime can pass a benefit of a few cents)."""
    cut = -(-amount * share.numerator // share.denominator)
    return max(0, amount - -(-cut // DIME) * DIME)


def _increased(amount: int, share: Fraction) -> int:
    """``amount`` plus ``share`` of it, the increase kept in dimes (rounded down)."""
    return amount + amount * share.numerator // share.denominator // DIME * DIME


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A person's old-age benefit as the claim sets it (months are ``month_of`` numbers)."""

    person: Person
    pia: int  # cents a month, the year's dollars
    entitled: int  # first month of the benefit
    full_age: int  # the month the retirement age is attained
    credit_end: int  # the month age 70 is attained

    @property
    def reduction_months(self) -> int:
        return max(0, self.full_age - self.entitled)

    def credit_months(self, month: int) -> int:
        """Increment months counted in ``month``'s benefit: those before the entitlement, from the
        retirement age and before 70; the year of entitlement's only from the next January, unless
        the benefit starts at 70 (§402(w)(2), (3))."""
        if self.entitled >= self.credit_end:
            return self.credit_end - self.full_age
        if self.entitled <= self.full_age:
            return 0
        january = month - month % 12
        return max(0, min(self.entitled, january) - self.full_age)

    def benefit(self, month: int) -> int:
        """The old-age benefit for ``month`` in cents, before the whole-dollar rounding (0 before entitlement)."""
        if month < self.entitled:
            return 0
        if self.reduction_months:
            return _reduced(self.pia, early_reduction(self.reduction_months))
        return _increased(self.pia, self.credit_months(month) * credit_rate(self.person.born))


def claim(p: Person) -> Claim | None:
    ss = p.social_security
    if ss is None:
        return None
    months = ss.claim_age * 12 + ss.claim_age_months
    return Claim(person=p, pia=ss.benefit_at_full_retirement_age, entitled=entitlement_month(p.born, months),
                 full_age=age_month(p.born, retirement_age(p.born)),
                 credit_end=age_month(p.born, _rules()["credit_end_age"] * 12))


def spouse_excess(own: Claim, other: Claim, month: int) -> int:
    """The spouse's benefit beyond the person's own for ``month`` (cents, before the whole-dollar
    rounding): one-half of the other's PIA less the person's PIA, from the later entitlement,
    reduced for the months before the person's retirement age (§402(b)(2), (q)(1), (q)(3)(B))."""
    start = max(own.entitled, other.entitled)
    half = other.pia * _rules()["spouse_share"]
    excess = int(half) - own.pia
    if month < start or excess <= 0:
        return 0
    months = max(0, own.full_age - start)
    return _reduced(excess, early_reduction(months, "spouse")) if months else excess


def _floor_dollar(amount: int) -> int:
    return amount // DOLLAR * DOLLAR


@dataclass(frozen=True, slots=True, kw_only=True)
class Benefits:
    """A person's benefits paid in the tax year: each month's (cents, after the whole-dollar rounding)."""

    person: str
    months: tuple[tuple[int, int], ...]  # (the month the benefit is for, cents), December before .. November
    claim: Claim | None
    spouse: bool  # a spouse's benefit is part of some month's
    survivor: bool  # a widow(er)'s benefit is some month's

    @property
    def paid(self) -> int:
        return sum(amount for _, amount in self.months)

    def to_json(self) -> dict[str, Any]:
        from rothroute.money import as_number

        c = self.claim
        out: dict[str, Any] = {"paid": as_number(self.paid), "monthly": as_number(self.months[-1][1]) if self.months
                               else 0, "spouse_benefit": self.spouse, "survivor_benefit": self.survivor}
        if c is not None:
            out.update({"entitled_from": first_day(c.entitled).isoformat()[:7],
                        "full_retirement_age_month": first_day(c.full_age).isoformat()[:7],
                        "reduction_months": c.reduction_months,
                        "credit_months": c.credit_months(self.months[-1][0]) if self.months else 0})
        return out


def _spouse_of(h: Household, p: Person) -> Person | None:
    if h.filing_status is not FilingStatus.MARRIED_JOINT and h.filing_status is not FilingStatus.MARRIED_SEPARATE:
        return None
    return next((q for q in h.people if q.id != p.id), None)


_BENEFITS: dict[tuple[Any, ...], dict[str, Benefits]] = {}  # a plan prices the same years many times
_BENEFITS_KEPT = 4096


def benefits(h: Household) -> dict[str, Benefits]:
    """Each person's benefits paid in the tax year from their claim (people without one left out): a
    function of the year, the filing status and each person's birth date and claim alone, kept once found."""
    key = (h.tax_year, h.filing_status, tuple((p.id, p.born, p.social_security) for p in h.people))
    found = _BENEFITS.get(key)
    if found is None:
        if len(_BENEFITS) >= _BENEFITS_KEPT:
            _BENEFITS.clear()
        found = _BENEFITS[key] = _benefits(h)
    return dict(found)


def _benefits(h: Household) -> dict[str, Benefits]:
    out = {}
    year = h.tax_year
    months = range(year * 12 - 1, year * 12 + 11)  # December of the year before .. November
    for p in h.people:
        ss = p.social_security
        if ss is None:
            continue
        own = claim(p)
        assert own is not None
        partner = _spouse_of(h, p)
        other = claim(partner) if partner is not None else None
        survivor_from = month_of(ss.survivor_benefit_from) if ss.survivor_benefit_from else None
        paid, spouse, survivor = [], False, False
        for m in months:
            amount = own.benefit(m)
            extra = spouse_excess(own, other, m) if other is not None and m >= own.entitled else 0
            amount += extra
            spouse = spouse or extra > 0
            if ss.survivor_benefit and (survivor_from is None or m >= survivor_from) and ss.survivor_benefit > amount:
                amount, survivor = ss.survivor_benefit, True
            paid.append((m, _floor_dollar(amount)))
        out[p.id] = Benefits(person=p.id, months=tuple(paid), claim=own, spouse=spouse, survivor=survivor)
    return out


def income_of_year(h: Household) -> tuple[IncomeItem, ...]:
    """The year's income: the file's items (a Social Security item with a later ``start_year`` is
    not paid yet) and each person's benefits from their claim, as Social Security items."""
    items = tuple(i for i in h.all_income() if i.start_year is None or i.start_year <= h.tax_year)
    paid = tuple(IncomeItem(kind=IncomeKind.SOCIAL_SECURITY, amount=b.paid, person=pid)
                 for pid, b in benefits(h).items() if b.paid)
    return items + paid


def indexed(ss: SocialSecurity, rate: Fraction) -> SocialSecurity:
    """The claim in next year's dollars: the PIA and the widow(er)'s benefit raised by the
    cost-of-living ``rate``, each rounded down to a multiple of $0.10 (§415(i)(2)(A)(ii))."""
    import dataclasses

    def up(amount: int) -> int:
        value = Fraction(amount) * (1 + rate)
        return int(value.numerator // value.denominator) // DIME * DIME

    return dataclasses.replace(ss, benefit_at_full_retirement_age=up(ss.benefit_at_full_retirement_age),
                               survivor_benefit=up(ss.survivor_benefit))


def survivor_benefit(deceased: Person, survivor: Person, death: _dt.date, *, deceased_pia: int | None = None,
                     deceased_paid: int | None = None) -> tuple[int, _dt.date]:
    """The widow(er)'s benefit a month (cents, before the whole-dollar rounding) and its first month,
    for a death on ``death`` (42 U.S.C. §402(e), (f)): the deceased's PIA in the dollars of the
    year it is paid (``deceased_pia``, else the deceased's claim's), raised by the delayed credits
    the deceased had or had earned by the month before death (§402(e)(2)(C)); where the deceased's
    own benefit was reduced, no more than the larger of that reduced benefit and 82½% of the PIA
    (§402(e)(2)(D)); reduced for the survivor's months before their widow(er)'s retirement age,
    28.5% at 60 and linearly less to none (§402(q)(9)(B)); from the month of death, or the first
    month throughout which the survivor is 60. A deceased without a claim (an income item)
    leaves ``deceased_paid`` a month, as it was paid."""
    rules = _rules()
    death_month = month_of(death)
    start = max(death_month, entitlement_month(survivor.born, rules["early_retirement_age"]["widow"] * 12, "widow"))
    if deceased.social_security is None:
        return (deceased_paid or 0), first_day(start)
    own = claim(deceased)
    assert own is not None
    pia = own.pia if deceased_pia is None else deceased_pia
    own = Claim(person=deceased, pia=pia, entitled=own.entitled, full_age=own.full_age, credit_end=own.credit_end)
    if own.entitled <= death_month and own.reduction_months:  # claimed early: the RIB limit applies after (q)
        base, cap = pia, max(own.benefit(own.entitled), int(pia * rules["widow_floor"]))
    else:  # the credits had at entitlement, or, not yet entitled, earned to the month of death (§402(e)(2)(C))
        last = own.entitled if own.entitled <= death_month else death_month
        earned = max(0, min(last, own.credit_end) - own.full_age)
        base, cap = _increased(pia, earned * credit_rate(deceased.born)), None
    full = age_month(survivor.born, retirement_age(survivor.born, "widow"))
    early = age_month(survivor.born, rules["early_retirement_age"]["widow"] * 12)
    amount = base
    if start < full and full > early:
        share = rules["widow_reduction_at_early_age"] * Fraction(full - start, full - early)
        amount = _reduced(base, share)
    if cap is not None:
        amount = min(amount, cap)
    return amount, first_day(start)


# --- the household file: reading and checking the claims --------------------------------------------------

Report = Callable[..., None]


def read(p: Mapping[str, Any]) -> SocialSecurity | None:
    """A person's ``social_security`` block as a record (the file's dollars to cents)."""
    block = p.get("social_security")
    if not block:
        return None
    start = block.get("survivor_benefit_from")
    return SocialSecurity(
        benefit_at_full_retirement_age=cents(block["benefit_at_full_retirement_age"]),
        claim_age=block["claim_age"], claim_age_months=block.get("claim_age_months", 0),
        survivor_benefit=cents(block.get("survivor_benefit", 0)),
        survivor_benefit_from=None if start is None else (start if isinstance(start, _dt.date)
                                                          else _dt.date.fromisoformat(start)))


def check(raw: Any, report: Report, tax_year: int | None) -> None:
    """Checks of meaning: a claim from 62 to 70 (no months past 70); a person's benefit given once
    (a claim or a Social Security income item, not both); ``start_year`` only on Social Security
    items and no earlier than the tax year."""
    claimed = set()
    for where, p in raw.items("people"):
        life, born = raw.get(f"{where}.life_expectancy", p.get("life_expectancy")), raw.get(f"{where}.born", p.get("born"))
        if isinstance(life, int) and born is not None and tax_year is not None:
            age = tax_year - (born.year if isinstance(born, _dt.date) else _dt.date.fromisoformat(born).year)
            if life < age:
                report(f"{where}.life_expectancy", f"an age no lower than the person's age in {tax_year} ({age})",
                       str(life))
        block = p.get("social_security")
        if not isinstance(block, dict) or not raw.clean(f"{where}.social_security"):
            continue
        claimed.add(p.get("id"))
        age, months = block.get("claim_age"), block.get("claim_age_months", 0)
        if isinstance(age, int) and isinstance(months, int) and age == MAX_CLAIM_AGE and months:
            report(f"{where}.social_security.claim_age_months", "0 at a claim age of 70 (no credits are earned "
                   "after 70, 42 U.S.C. §402(w)(2)(A))", str(months))
    died = raw.get("spouse_died_in", raw.value.get("spouse_died_in"))
    if isinstance(died, int) and tax_year is not None and died >= tax_year:
        report("spouse_died_in", f"a year before the tax year {tax_year}", str(died))
    for where, item in raw.items("income"):
        if not raw.clean(where):
            continue
        if item.get("kind") == IncomeKind.SOCIAL_SECURITY and item.get("person") in claimed:
            report(f"{where}.person", "a person without a social_security claim (their benefits are figured from it; "
                   "give one or the other)", f"'{item.get('person')}', who has one")
        if "start_year" in item:
            if item.get("kind") != IncomeKind.SOCIAL_SECURITY:
                report(f"{where}.start_year", "start_year only on a social_security item", f"kind {item.get('kind')}")
            elif tax_year is not None and item["start_year"] < tax_year:
                report(f"{where}.start_year", f"a year no earlier than the tax year {tax_year} (a benefit already "
                       "being paid needs no start year)", str(item["start_year"]))
