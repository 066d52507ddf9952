"""What the state batch gives for the rows of one (state, year), written once against the ops
interface: the NumPy pass (``state.batch``) and the compiled kernels (``state.compiled``) both run
it, so the two paths cannot differ in how they read a rule module's lines."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from rothroute.state.rules import needs


def outcome(ops: Any, rules: Any, state_year: Any, x: Mapping[str, Any], p: Mapping[str, Any],
            lines: Sequence[str]) -> dict[str, Any]:
    """What the batch gives for the rows ``x`` of one (state, year): the rule module's taxes, each
    where it could be computed (``computed``: no step the year refuses matters to the row), the
    ``total`` the single path's ``StateTax.total`` is, and the ``lines`` asked for (0 where the state
    has no such line). Written once against the ops interface: the NumPy pass and the compiled
    kernels (``state/compiled.py``) both run it."""
    values = rules.compute(ops, x, p)
    computed: Any = True
    income_ok: Any = True
    gains_ok: Any = True
    local_ok = x["locality"] > 0
    for step in state_year.refused:
        unneeded = ops.where(needs(rules, step, x, ops), False, True)
        if step == "local_income_tax":  # refuses the local tax only, as the single path does
            local_ok = local_ok & unneeded
            continue
        computed = computed & unneeded
        if step == "capital_gains_tax":
            gains_ok = gains_ok & unneeded
        else:
            income_ok = income_ok & unneeded
    out: dict[str, Any] = {"income_tax": ops.where(computed, values["tax"], 0), "capital_gains_tax": 0,
                           "local_income_tax": 0, "computed": computed}
    # what StateTax.total is: each part that could be computed (the local tax apart from the state's)
    total = ops.where(income_ok, values["tax"], 0)
    if "capital_gains_tax" in values:
        out["capital_gains_tax"] = ops.where(computed, values["capital_gains_tax"], 0)
        total = total + ops.where(gains_ok, values["capital_gains_tax"], 0)
    if "local_income_tax" in values:
        out["local_income_tax"] = ops.where(computed & local_ok, values["local_income_tax"], 0)
        total = total + ops.where(local_ok, values["local_income_tax"], 0)
    out["total"] = total
    for name in lines:
        if name not in out:
            out[name] = values.get(name, 0)
    return out
