"""The law watch of each strategy: the rules it relies on, the law that enacted each, the later
laws that left them alone and the proposals that would have changed them, from the cited data of
``rothroute.params.legislation``.

The seed thread's last question ("is this going away if the bill prohibiting megas is passed?")
is answered here, per strategy, as of the day the data was checked.
"""

from __future__ import annotations

from typing import Any

from rothroute.errors import RothrouteError
from rothroute.params.legislation import Checked, Legislation, Proposal, Rule, default

__all__ = ["STRATEGY_RULES", "NoLawWatch", "law_status", "law_watch", "rules_of"]


class NoLawWatch(RothrouteError, LookupError):
    """A strategy with no entry in ``STRATEGY_RULES`` (a bug: every strategy needs its law watch)."""

_SPLIT = ("notice_2014_54_split", "after_tax_rollover_to_ira", "plan_to_roth_ira_rollover",
          "conversion_at_any_income", "designated_roth_account", "roth_ira_five_year_clocks")
_BACKDOOR = ("nondeductible_ira_contributions", "conversion_at_any_income", "no_recharacterization",
             "roth_ira_five_year_clocks", "tax_law_2025")
_PLAN_CONTRIBUTIONS = ("roth_employer_contributions", "roth_catch_up_high_earners")

#: the rules (ids in the legislation data) each strategy `candidates` builds relies on, in the
#: order they are shown
STRATEGY_RULES: dict[str, tuple[str, ...]] = {
    "leave_in_plan": ("tax_law_2025", "designated_roth_no_lifetime_rmd"),
    "do_nothing": ("tax_law_2025",),
    "split_rollover": _SPLIT,
    "in_plan_roth_rollover_then_roll_out": (
        "in_plan_roth_rollover", "after_tax_separate_contract", "designated_roth_account",
        "designated_roth_five_year_clock", "roth_ira_five_year_clocks", "tax_law_2025"),
    "all_to_roth_ira": ("plan_to_roth_ira_rollover", "conversion_at_any_income", "no_recharacterization",
                        "notice_2014_54_split", "roth_ira_five_year_clocks", "tax_law_2025"),
    "in_service_after_tax_split": ("notice_2014_54_split", "after_tax_separate_contract", "after_tax_rollover_to_ira",
                                   "plan_to_roth_ira_rollover"),
    "mega_backdoor_in_plan": ("after_tax_plan_contributions", "after_tax_separate_contract",
                              "in_plan_roth_rollover_not_distributable", "designated_roth_no_lifetime_rmd",
                              *_PLAN_CONTRIBUTIONS),
    "mega_backdoor_rollout": ("after_tax_plan_contributions", "after_tax_separate_contract", "notice_2014_54_split",
                              "after_tax_rollover_to_ira", "plan_to_roth_ira_rollover", *_PLAN_CONTRIBUTIONS),
    "backdoor_roth": _BACKDOOR,
    "backdoor_roth_with_roll_in": (*_BACKDOOR, "roll_in_pretax_ira_money"),
    "split_rollover_then_backdoor_roth": (*_SPLIT, *_BACKDOOR),
    "split_rollover_then_backdoor_roth_with_roll_in": (*_SPLIT, *_BACKDOOR, "roll_in_pretax_ira_money"),
}


def rules_of(strategy: str) -> tuple[str, ...]:
    """The rule ids ``strategy`` relies on, each once; a strategy missing from the table is a bug."""
    if strategy not in STRATEGY_RULES:
        raise NoLawWatch(f"strategy {strategy!r} has no law watch: add it to compare.law_watch.STRATEGY_RULES")
    return tuple(dict.fromkeys(STRATEGY_RULES[strategy]))


def law_status(strategy: str, legislation: Legislation | None = None) -> list[dict[str, Any]]:
    """The JSON ``law_status`` of a strategy: each rule with its enacting law, effective date,
    citations, the later laws that left it as it was and the proposals that would have changed it."""
    law = legislation or default()
    out = []
    for rule_id in rules_of(strategy):
        r = law.rules[rule_id]
        out.append({
            "id": r.id, "rule": r.rule, "enacted_by": r.enacted_by,
            "effective": r.effective.isoformat() if r.effective else None, "effective_note": r.effective_note,
            "cites": list(r.cites), "checked": str(r.checked), "sources": list(r.sources),
            "unchanged_by": [{"name": later.name, "enacted": later.enacted.isoformat(),
                              "did_not_change": later.did_not_change, "cites": list(later.cites)}
                             for later in law.unchanged_by(r.id)],
            "proposals": [_proposal(p) for p in law.proposals_for(r.id)],
        })
    return out


def _proposal(p: Proposal) -> dict[str, Any]:
    return {"name": p.name, "would": p.would,
            "would_take_effect": p.would_take_effect.isoformat() if p.would_take_effect else None,
            "fate": p.fate, "fate_date": p.fate_date.isoformat() if p.fate_date else None,
            "cites": list(p.cites), "checked": str(p.checked)}


def law_watch(strategy: str, legislation: Legislation | None = None) -> str:
    """The strategy's law watch in one short line, with the day the data was checked: the rules it
    relies on (by their short names; enacting laws and dates are in ``law_status``), what later law
    did to them, and the proposals that would have changed them, with their fate."""
    law = legislation or default()
    ids = set(rules_of(strategy))
    relies = ", ".join(_rule_text(law.rules[i]) for i in rules_of(strategy))
    said = f"Law watch (as of {law.as_of.isoformat()}): relies on {relies}."
    for later in law.later_laws:
        changed = ids & set(later.changed_rules)
        if changed:
            said += f" {later.short} {later.changed}, and changed nothing else here."
        elif ids & set(later.unchanged_rules):
            said += f" Unchanged by {later.short}."
    proposals = [p for p in law.proposals if ids & set(p.rules)]
    if proposals:  # what each would have done is in law_status and the report's detail
        said += " Proposals that would change it: " + "; ".join(
            f"{p.short}, {p.fate.split(';')[0].strip()}" + (f" ({p.fate_date.year})" if p.fate_date else "")
            for p in proposals) + "."
    else:
        said += " No proposal to change these rules was found."
    return said


def _rule_text(r: Rule) -> str:
    return r.short + (" (not verified)" if r.checked is Checked.NOT_VERIFIED or r.effective is None else "")
