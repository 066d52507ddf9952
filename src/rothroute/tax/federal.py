"""Federal tax of one household-year, with its explanation trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from rothroute.errors import Issue
from rothroute.explain import Line
from rothroute.household.model import HealthCoverage, Household
from rothroute.money import as_number
from rothroute.params import Family, YearParams, for_year
from rothroute.tax import premium_tax_credit as ptc
from rothroute.tax.household_year import INPUT_FIELDS, compute
from rothroute.tax.lines import LINE_INFO, TAX_KEYS
from rothroute.tax.ops import SCALAR
from rothroute.tax.picked import IRMAA_LOOKBACK, irmaa_table, picked
from rothroute.vocab import FilingStatus, IncomeKind, Severity

MEDICARE_AGE = 65  # 42 U.S.C. §426(a)


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxInputs:
    """Totals of one household-year that the federal tax depends on (cents and counts)."""

    year: int
    status: FilingStatus
    lived_apart: bool = False
    seniors: int = 0
    blind: int = 0
    wages: int = 0
    taxable_interest: int = 0
    exempt_interest: int = 0
    ordinary_dividends: int = 0
    qualified_dividends: int = 0
    long_term_gains: int = 0
    short_term_gains: int = 0
    pension: int = 0
    other_ordinary: int = 0
    early_distributions: int = 0
    social_security: int = 0
    itemized_salt: int = 0
    itemized_other: int = 0
    itemizes: bool = False
    medicare_enrollees: int = 0
    tax_table: bool = True
    other_additional_tax: int = 0
    adjustments: int = 0
    charity: int = 0  # cash gifts to public charities (IRC §170)
    # the premium tax credit (Form 8962): single path only, not a batch column (README)
    coverage: HealthCoverage | None = None
    family_size: int = 0
    poverty_region: str = "contiguous"
    ages: tuple[int, ...] = ()

    def as_mapping(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in INPUT_FIELDS}


_INCOME_FIELD = {
    IncomeKind.WAGES: "wages", IncomeKind.TAXABLE_INTEREST: "taxable_interest",
    IncomeKind.TAX_EXEMPT_INTEREST: "exempt_interest", IncomeKind.ORDINARY_DIVIDENDS: "ordinary_dividends",
    IncomeKind.QUALIFIED_DIVIDENDS: "qualified_dividends", IncomeKind.LONG_TERM_GAINS: "long_term_gains",
    IncomeKind.SHORT_TERM_GAINS: "short_term_gains", IncomeKind.PENSION: "pension",
    IncomeKind.OTHER_ORDINARY: "other_ordinary", IncomeKind.EARLY_DISTRIBUTION: "early_distributions",
    IncomeKind.SOCIAL_SECURITY: "social_security",
}


def inputs_from_household(h: Household, *, pension: int = 0, early_distributions: int = 0,
                          other_additional_tax: int = 0, adjustments: int = 0, pretax_deferrals: int = 0,
                          long_term_gains: int = 0) -> TaxInputs:
    """The household's tax inputs; ``pension`` and ``early_distributions`` add taxable amounts
    of the year's moves (ordinary income, and the part subject to the IRC §72(t) additional tax)."""
    from rothroute.household.social_security import income_of_year

    totals = dict.fromkeys(_INCOME_FIELD.values(), 0)
    for item in income_of_year(h):  # the file's income, its taxable accounts' yields, Social Security by its claim
        totals[_INCOME_FIELD[item.kind]] += item.amount
    totals["long_term_gains"] += long_term_gains  # sales from taxable accounts (IRC §1222(3))
    totals["pension"] += pension
    totals["wages"] -= pretax_deferrals  # elective deferrals are not wages (IRC §402(e)(3))
    totals["early_distributions"] += early_distributions
    year = h.tax_year
    ages = [p.age_at_year_end(year) for p in h.people]
    itemized = h.itemized
    return TaxInputs(
        year=year, status=h.filing_status, lived_apart=h.lived_apart_all_year,
        seniors=sum(1 for a in ages if a >= 65),
        blind=sum(1 for p in h.people if p.blind),
        itemized_salt=itemized.state_local_taxes if itemized else 0,
        itemized_other=itemized.other if itemized else 0,
        itemizes=itemized is not None or h.charitable_gifts > 0,
        charity=h.charitable_gifts,
        tax_table=h.tax_computation == "tax_table",
        other_additional_tax=other_additional_tax,
        adjustments=adjustments,
        medicare_enrollees=sum(1 for a in ages if a + IRMAA_LOOKBACK >= MEDICARE_AGE),
        coverage=h.health_coverage,
        family_size=(h.health_coverage.family_size or len(h.people)) if h.health_coverage else 0,
        poverty_region=ptc.REGIONS.get(h.state_in(year) or "", "contiguous"),
        ages=tuple(ages),
        **totals,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class FederalTax:
    """The federal tax of a household-year: values by line key (cents), lines and issues."""

    inputs: TaxInputs
    values: Mapping[str, int]
    issues: tuple[Issue, ...] = ()
    params: YearParams | None = field(default=None, repr=False)
    irmaa: Family | None = field(default=None, repr=False)  # the IRMAA table used, when given by the caller
    ptc_sources: tuple[str, ...] = ()  # the sources of the Form 8962 tables used

    def __getattr__(self, name: str) -> int:
        key = TAX_KEYS.get(name)
        if key is None:
            raise AttributeError(name)
        return int(self.values[key])

    def summary(self) -> dict[str, int]:
        """The contract's ``tax`` keys in cents."""
        return {name: int(self.values[key]) for name, key in TAX_KEYS.items()}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: as_number(v) for name, v in self.summary().items()}
        out["irmaa_tier"] = int(self.values["irmaa.tier"])
        for key in ("premium_tax_credit", "premium_tax_credit_net"):
            out[key] = as_number(self.values[key]) if key in self.values else None
        return out

    @property
    def premium_tax_credit(self) -> int:
        """Form 8962 line 24 (0 without Marketplace coverage)."""
        return int(self.values.get("premium_tax_credit", 0))

    def lines(self) -> tuple[Line, ...]:
        yp = self.params or for_year(self.inputs.year)
        out = []
        for key, (label, cites, inputs, families) in LINE_INFO.items():
            sources = tuple(getattr(yp, fam).source for fam in families)
            if key == "irmaa.tier":
                table = self.irmaa or irmaa_table(self.inputs.year)[0]
                sources = (table.source,)
            value = self.values[key]
            out.append(Line(key=key, value=int(value), label=label, cites=cites + sources, inputs=inputs))
        if "f8962.24" in self.values:
            out.extend(ptc.lines(self.values, self.ptc_sources))
        return tuple(out)


def federal_tax(inputs: TaxInputs, *, params: YearParams | None = None, irmaa: Family | None = None) -> FederalTax:
    """Federal income tax, NIIT, additional tax and IRMAA tier of one household-year.

    ``params`` and ``irmaa``: the year's parameters and the IRMAA table two years on, when the
    caller supplies them (a projection past the enacted years); by default the enacted ones."""
    yp = params or for_year(inputs.year)
    p = picked(yp, inputs.status, inputs.lived_apart, irmaa)
    values = compute(SCALAR, inputs.as_mapping(), p)
    issues: list[Issue] = []
    if inputs.medicare_enrollees and irmaa is None:
        table, own = irmaa_table(inputs.year)
        if not own:
            issues.append(Issue(
                severity=Severity.WARNING, code="irmaa_table_not_published", where="tax.irmaa_tier",
                message=(f"The IRMAA tiers for premium year {inputs.year + IRMAA_LOOKBACK} are not published yet; "
                         f"the tier shown uses the {table.year} tiers (the latest published)."),
                cites=("20 CFR §418.1115", table.source)))
    if inputs.itemizes and values["f1040.12"] != values["f1040.12.standard"] and inputs.year >= 2026:
        issues.append(Issue(
            severity=Severity.WARNING, code="itemized_limitation_not_modelled", where="itemized_deductions",
            message="From 2026 the value of itemized deductions is limited for taxpayers in the 37% bracket "
                    "(IRC §68 as amended by P.L. 119-21); rothroute does not apply that limitation yet.",
            cites=("IRC §68",)))
    sources: tuple[str, ...] = ()
    if inputs.coverage is not None:
        magi = values["f1040.11"] + inputs.exempt_interest + inputs.social_security - values["f1040.6b"]
        form = ptc.form_8962(year=inputs.year, status=inputs.status, magi=magi, coverage=inputs.coverage,
                             family_size=inputs.family_size, region=inputs.poverty_region)
        if form is not None:
            ptc.apply(SCALAR, values, form, p, inputs.as_mapping())
            sources = form.sources
        issues.extend(ptc.issues(form, inputs.year, inputs.coverage, list(inputs.ages)))
    return FederalTax(inputs=inputs, values=values, issues=tuple(issues), params=yp, irmaa=irmaa,
                      ptc_sources=sources)
