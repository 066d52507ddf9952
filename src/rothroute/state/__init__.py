"""State income tax of a household-year: the state of residence's own return, line by line.

``state_tax(inputs)`` runs the state's rule module (``state/rules/``) on its parameters of the
year (``params/data/states/<xx>.yaml``) for one household; ``state_tax_batch`` (``state.batch``)
runs the same formulas on columns. The result says what it could not compute and why: a state
rothroute has no file for (``state_not_modelled``), a year whose values cannot be known yet
(``state_year_not_in_force``), and each rule of the state the household meets that is not
modelled (``state_rule_not_modelled`` and kin), never silently skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from rothroute.errors import InvalidArgument, Issue
from rothroute.explain import Line
from rothroute.params.states import StateFile, StateYear, state_file
from rothroute.state.inputs import StateInputs
from rothroute.state.jurisdictions import NAMES
from rothroute.state.picked import picked
from rothroute.state.rules import module, needs
from rothroute.tax.ops import SCALAR
from rothroute.vocab import Severity

__all__ = ["StateTax", "state_tax"]


@dataclass(frozen=True, slots=True, kw_only=True)
class StateTax:
    """A state's taxes of one household-year (cents), its lines and issues.

    ``income_tax``: the state's income tax after its nonrefundable credits, before refundable
    ones; None when it could not be computed (see ``issues``). ``capital_gains_tax``: a tax on
    capital gains the state levies apart from an income tax (Washington). ``local_income_tax``: the
    local income tax the state's return computes where rothroute models it (Maryland's county tax,
    for the file's ``locality``); None elsewhere, or when the file names no locality."""

    state: str
    year: int
    income_tax: int | None
    capital_gains_tax: int | None = 0
    local_income_tax: int | None = None
    values: Mapping[str, int] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()
    file: StateFile | None = field(default=None, repr=False)

    @property
    def total(self) -> int:
        """What the state takes: its income tax and its capital gains tax (0 for what is unknown)."""
        return (self.income_tax or 0) + (self.capital_gains_tax or 0) + (self.local_income_tax or 0)

    def lines(self) -> tuple[Line, ...]:
        if self.file is None or self.year not in self.file.years:
            return ()
        rules = module(self.file.rules)
        year = self.file.years[self.year]
        prefix = f"state.{self.state.lower()}."
        out = []
        for name, value in self.values.items():
            label, cites, inputs, steps = rules.LINES[name]
            sources = tuple(year[s].source for s in steps if s in year)
            out.append(Line(key=prefix + name, value=int(value), label=f"{NAMES[self.state]}: {label}",
                            cites=(*cites, *sources) or (self.file.law,),
                            inputs=tuple(i if i.startswith(("f1040", "people")) else prefix + i for i in inputs)))
        return tuple(out)


def state_tax(inputs: StateInputs, year_params: StateYear | None = None) -> StateTax:
    """The state of ``inputs.state``'s taxes on the household-year (see ``StateTax``).
    ``year_params``: the state's parameters for a year its file does not give, projected by a plan
    (``params.state_projection``); by default the file's own year, refused when it has none."""
    code = inputs.state
    if code not in NAMES:
        raise InvalidArgument(f"state must be a two-letter code of a state or DC; got {code!r}")
    f = state_file(code)
    where = "state"
    if f is None:
        return StateTax(state=code, year=inputs.year, income_tax=None, capital_gains_tax=None, issues=(Issue(
            severity=Severity.WARNING, code="state_not_modelled", where=where,
            message=(f"{NAMES[code]}'s income tax is not modelled yet: the results are federal only "
                     "(tax.state_income_tax is null and tax.total_tax leaves it out)."),
            cites=()),))
    refused = None if year_params is not None else f.not_in_force.get(inputs.year)
    if year_params is None and (refused is not None or inputs.year not in f.years):
        reason = refused or (f"the file gives values for {', '.join(map(str, sorted(f.years)))} only; rothroute "
                             "never carries a value forward")
        return StateTax(state=code, year=inputs.year, income_tax=None, capital_gains_tax=None, file=f, issues=(Issue(
            severity=Severity.WARNING, code="state_year_not_in_force", where=where,
            message=f"{NAMES[code]}'s income tax for {inputs.year} cannot be computed: {reason}",
            cites=(f.law,)),))
    year = year_params if year_params is not None else f.years[inputs.year]
    rules = module(f.rules)
    x = inputs.as_mapping()
    x["locality"] = locality_index(year, inputs.locality)
    values = rules.compute(SCALAR, x, picked(year, inputs.status))
    issues = [Issue(severity=Severity.WARNING, code=c, where=where, message=m, cites=cites)
              for c, m, cites in rules.notes(inputs, values)]
    income_tax: int | None = int(values["tax"])
    gains_tax: int | None = int(values.get("capital_gains_tax", 0))
    local_tax: int | None = int(values["local_income_tax"]) if "local_income_tax" in values and x["locality"] else None
    for step, reason in year.refused.items():
        if needs(rules, step, x, SCALAR):
            issues.append(Issue(severity=Severity.WARNING, code="state_year_not_in_force", where=where,
                                message=f"{NAMES[code]}'s {step.replace('_', ' ')} for {inputs.year} cannot be "
                                        f"computed: {reason}", cites=(f.law,)))
            if step == "capital_gains_tax":
                gains_tax = None
            elif step == "local_income_tax":
                local_tax = None
            else:
                income_tax = None
    return StateTax(state=code, year=inputs.year, income_tax=income_tax, capital_gains_tax=gains_tax,
                    local_income_tax=local_tax, values={k: int(v) for k, v in values.items()}, issues=tuple(issues),
                    file=f)


def locality_index(year: StateYear, name: str | None) -> int:
    """The 1-based place of ``name`` among the localities of the year's local income tax (its
    ``local_income_tax.counties``); 0 when the year has none or the file names none. A name the
    state does not have is refused (the household file's check names it first)."""
    step = year.steps.get("local_income_tax")
    if step is None or name is None:
        return 0
    names = list(step["counties"])
    if name not in names:
        raise InvalidArgument(f"locality must be one of {', '.join(names)} for {NAMES[year.state]}; got {name!r}")
    return names.index(name) + 1


def year_params(code: str, year: int) -> StateYear | None:
    f = state_file(code)
    return None if f is None else f.years.get(year)
