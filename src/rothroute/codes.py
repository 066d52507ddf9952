"""Every code a problem or an issue can carry: one registry, a public interface.

The CLI prints these codes, the JSON results and the web API carry them, and batch outputs will
filter on them, so a code keeps its meaning once published: add codes, never reuse one. Each has
its kind (``file``: the household file cannot be used as written; ``refusal``: a move the law or
the plan forbids, refused with its reason; ``ruled_out``: a strategy compare cannot build;
``warning``: a result computed with an assumption or a risk the user should see; ``note``:
information about the result), a meaning in
plain words and the authority behind it. ``docs/issue-codes.md`` is written from this table
(``python -m rothroute.codes``) and a test keeps the two equal; another test finds every code
the source uses and checks it is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeInfo:
    kind: str  # file | refusal | ruled_out | warning | note | request
    meaning: str
    cites: tuple[str, ...] = ()


_PLAN = "the plan document"
_REGISTRY: dict[str, CodeInfo] = {
    # --- the household file ---------------------------------------------------------------
    "file_unreadable": CodeInfo(kind="file", meaning="The file cannot be read: missing, unreadable, or not UTF-8 "
                                "text."),
    "file_too_large": CodeInfo(kind="file", meaning="The file is over the size limit (1 MiB by default), or holds "
                               "more than 100,000 values once YAML aliases are expanded."),
    "file_too_deep": CodeInfo(kind="file", meaning="Mappings and lists are nested more than 64 levels deep."),
    "file_syntax": CodeInfo(kind="file", meaning="The text is not well-formed YAML (or strict JSON for a .json "
                            "file), or holds more than one document.", cites=("YAML 1.2.2", "RFC 8259")),
    "duplicate_key": CodeInfo(kind="file", meaning="A key appears twice in the same mapping."),
    "yaml_tag": CodeInfo(kind="file", meaning="A YAML tag (!!int, !!timestamp, ...): a household file is written "
                         "with plain values only.", cites=("YAML 1.2.2 §10.3 core schema",)),
    "yaml_alias": CodeInfo(kind="file", meaning="A YAML alias of an anchor not defined before it, or of a value "
                           "that contains the alias."),
    "number_ambiguous": CodeInfo(kind="file", meaning="A number written in a form readers disagree on or no one "
                                 "uses for money (017, 0x1F, 0o17, .inf, .nan): refused, never guessed.",
                                 cites=("YAML 1.2.2 §10.3.2",)),
    "number_out_of_range": CodeInfo(kind="file", meaning="A number with more than 40 digits, or of 10^30 or more."),
    "missing_field": CodeInfo(kind="file", meaning="A required field is absent."),
    "unknown_field": CodeInfo(kind="file", meaning="A field the format does not have (often a misspelling)."),
    "invalid_value": CodeInfo(kind="file", meaning="A value of the wrong type, out of range, or inconsistent with "
                              "another field (the message says which)."),
    # --- moves refused ---------------------------------------------------------------------
    "move_malformed": CodeInfo(kind="refusal", meaning="A move given by a Python caller whose fields cannot be "
                               "read (from a file, the same is a file problem)."),
    "move_not_supported": CodeInfo(kind="refusal", meaning="A move this version does not evaluate; it changed "
                                   "nothing."),
    "move_outside_tax_year": CodeInfo(kind="refusal", meaning="A move dated outside the file's tax year (a "
                                      "contribution for the year may be made until April 15 of the next).",
                                      cites=("IRC §219(f)(3)", "IRC §408A(c)(7)",
                                             "Form 8606 instructions, line 6")),
    "unknown_account": CodeInfo(kind="refusal", meaning="A move names an account that is not in the file."),
    "wrong_account_kind": CodeInfo(kind="refusal", meaning="A move names an account of a kind it cannot take or "
                                   "give (e.g. a conversion from a Roth IRA)."),
    "amount_exceeds_balance": CodeInfo(kind="refusal", meaning="A move takes more than the account or sources "
                                       "hold at that date."),
    "inherited_ira_conversion": CodeInfo(kind="refusal", meaning="A non-spouse beneficiary's inherited IRA cannot "
                                         "be converted.", cites=("IRC §408(d)(3)(C)", "IRC §408A(d)(3)(B)",
                                                                 "Notice 2008-30 Q&A-7")),
    "inherited_ira_rollover": CodeInfo(kind="refusal", meaning="A non-spouse beneficiary cannot roll over an "
                                       "inherited IRA.", cites=("IRC §408(d)(3)(C)",)),
    "conversion_to_another_person": CodeInfo(kind="refusal", meaning="A conversion goes only to the owner's own "
                                             "Roth IRA.", cites=("IRC §408(a)", "IRC §408A(d)(3)(A)")),
    "qcd_before_age_70_half": CodeInfo(kind="refusal", meaning="A qualified charitable distribution dated before the "
                                       "owner attains 70½: it would be an ordinary distribution.",
                                       cites=("IRC §408(d)(8)(B)(ii)",)),
    "conversion_of_rmd": CodeInfo(kind="refusal", meaning="In an RMD year the first dollars out are the RMD and "
                                  "cannot be converted.", cites=("IRC §408(d)(3)(E)", "26 CFR §1.408A-4 Q&A-6")),
    "rollover_between_kinds": CodeInfo(kind="refusal", meaning="An IRA rollover goes to an IRA of the same kind "
                                       "(traditional to Roth is a conversion; Roth to traditional is not allowed).",
                                       cites=("IRC §408(d)(3)(A)(i)", "26 CFR §1.408A-6 Q&A-1")),
    "rollover_to_another_person": CodeInfo(kind="refusal", meaning="An IRA rollover goes to the owner's own IRA.",
                                           cites=("IRC §408(d)(3)(A)",)),
    "in_plan_roth_rollover_of_rmd": CodeInfo(kind="refusal", meaning="An in-plan Roth rollover while the plan's "
                                             "RMD for the year is not yet paid: the first dollars out are the RMD.",
                                             cites=("IRC §402A(c)(4)(B)", "IRC §402(c)(4)(B)",
                                                    "Treas. Reg. §1.402(c)-2(f)(1)")),
    "rollover_of_rmd": CodeInfo(kind="refusal", meaning="An RMD cannot be rolled over.",
                                cites=("IRC §408(d)(3)(E)", "26 CFR §1.401(a)(9)-7 Q&A-2")),
    "second_60_day_rollover": CodeInfo(kind="refusal", meaning="Only one 60-day IRA-to-IRA rollover in 12 months, "
                                       "across all of a person's IRAs.",
                                       cites=("IRC §408(d)(3)(B)", "IRS Announcement 2014-15")),
    "contribution_over_limit": CodeInfo(kind="refusal", meaning="A contribution above the year's limit (IRA: "
                                        "§219(b) and compensation; plan: §402(g) with catch-ups, §415(c)).",
                                        cites=("IRC §219(b)", "IRC §402(g)", "IRC §415(c)")),
    "roth_contribution_over_limit": CodeInfo(kind="refusal", meaning="A Roth IRA contribution above the limit "
                                             "after the MAGI phase-out.", cites=("IRC §408A(c)(3)",)),
    "in_service_not_allowed": CodeInfo(kind="refusal", meaning="The plan does not allow this source to be "
                                       "withdrawn while the participant still works for the employer.",
                                       cites=("IRC §401(k)(2)(B)", _PLAN)),
    "one_contract_per_move": CodeInfo(kind="refusal", meaning="A designated Roth account is a separate contract: "
                                      "distribute it by a move of its own.", cites=("IRC §402A(d)(4)",)),
    "destinations_do_not_add_up": CodeInfo(kind="refusal", meaning="A distribution's destinations do not add up "
                                           "to its amount.", cites=("Notice 2014-54",)),
    "rmd_rollover": CodeInfo(kind="refusal", meaning="A plan's RMD cannot be rolled over.",
                             cites=("IRC §402(c)(4)(B)", "26 CFR §1.402(c)-2 Q&A-7")),
    "after_tax_earnings_to_pretax_account": CodeInfo(kind="refusal", meaning="A distribution cannot move money "
                                                     "from one source of the plan to another; after-tax earnings "
                                                     "leave the after-tax contract only to a pretax destination "
                                                     "outside the plan.", cites=("IRC §72(d)(2)", "Notice 2014-54")),
    "not_an_eligible_retirement_plan": CodeInfo(kind="refusal", meaning="The destination cannot receive a rollover "
                                                "of plan money (an inherited or SIMPLE IRA, ...).",
                                                cites=("IRC §402(c)(8)(B)", "IRC §408(d)(3)(G)")),
    "plan_has_no_designated_roth": CodeInfo(kind="refusal", meaning="The receiving plan has no designated Roth "
                                            "program to take designated Roth money.",
                                            cites=("IRC §402A(c)(3)(B)", _PLAN)),
    "designated_roth_to_non_roth": CodeInfo(kind="refusal", meaning="Designated Roth money rolls over only to a "
                                            "Roth IRA or another designated Roth account.",
                                            cites=("IRC §402A(c)(3)(A)",)),
    "after_tax_to_457b": CodeInfo(kind="refusal", meaning="A governmental 457(b) plan cannot take after-tax money.",
                                  cites=("IRC §402(c)(2)(A)",)),
    "roth_basis_to_plan_by_60_day": CodeInfo(kind="refusal", meaning="Designated Roth basis cannot go to another "
                                             "plan by a 60-day rollover (only earnings can).",
                                             cites=("Treas. Reg. §1.402A-1 Q&A-5(a)",)),
    "after_tax_to_plan_by_60_day": CodeInfo(kind="refusal", meaning="After-tax money reaches another plan only by "
                                            "a direct rollover.", cites=("IRC §402(c)(2)(A)", "Notice 2014-54")),
    "plan_has_no_in_plan_roth_rollover": CodeInfo(kind="refusal", meaning="The plan does not offer in-plan Roth "
                                                  "rollovers.", cites=("IRC §402A(c)(4)", _PLAN)),
    "roth_to_roth": CodeInfo(kind="refusal", meaning="Designated Roth money is already Roth money.",
                             cites=("IRC §402A(c)(4)",)),
    "plan_refuses_roll_in": CodeInfo(kind="refusal", meaning="The plan does not accept rollovers from IRAs.",
                                     cites=("IRC §408(d)(3)(A)(ii)", _PLAN)),
    "roll_in_of_rmd": CodeInfo(kind="refusal", meaning="An IRA's RMD cannot be rolled into a plan.",
                               cites=("IRC §408(d)(3)(E)",)),
    "ira_basis_into_plan": CodeInfo(kind="refusal", meaning="Only the taxable part of IRA money can be rolled "
                                    "into an employer plan.", cites=("IRC §408(d)(3)(A)(ii)", "IRC §408(d)(3)(H)")),
    "wrong_contribution_type": CodeInfo(kind="refusal", meaning="A contribution type the account does not take.",
                                        cites=("IRC §401(k)", "IRC §402A")),
    "not_an_active_participant": CodeInfo(kind="refusal", meaning="Employee contributions go only to the current "
                                          "employer's plan.", cites=("IRC §401(k)(2)", _PLAN)),
    "plan_has_no_after_tax_contributions": CodeInfo(kind="refusal", meaning="The plan does not take after-tax "
                                                    "contributions.", cites=(_PLAN,)),
    "catch_up_must_be_roth": CodeInfo(kind="refusal", meaning="Catch-up contributions of a participant whose last "
                                      "year's FICA wages passed the §414(v)(7) amount must be Roth.",
                                      cites=("IRC §414(v)(7)(A)",)),
    "plan_contribution_outside_its_year": CodeInfo(kind="refusal", meaning="A plan employee contribution dated "
                                                   "outside the year it is for: deferrals come only from the "
                                                   "year's pay, after-tax contributions count when withheld.",
                                                   cites=("IRC §402(g)(1)(A)", "Treas. Reg. §1.401(k)-1(a)(3)(iii)",
                                                          "Treas. Reg. §1.401(m)-2(a)(4)(i)", "IRC §404(a)(6)")),
    # --- warnings ----------------------------------------------------------------------------
    "deduction_phased_out": CodeInfo(kind="warning", meaning="Part of an IRA contribution is not deductible (the "
                                     "§219(g) phase-out): it is a nondeductible contribution (Form 8606 line 1).",
                                     cites=("IRC §219(g)", "IRC §408(o)")),
    "ira_basis_above_balance": CodeInfo(kind="warning", meaning="IRA basis above the IRAs' January 1 balance (and "
                                        "last year's contributions made this year): a loss below basis, or a "
                                        "mistyped basis; Form 8606 line 10 is then at most 1.",
                                        cites=("Form 8606 instructions, line 10", "Pub 590-B")),
    "pooled_contract_pro_rata": CodeInfo(kind="warning", meaning="A payment from one sub-account of a plan that "
                                         "pools after-tax and pretax money in one contract is taxed pro rata over "
                                         "the whole contract.", cites=("IRC §72(e)(8)(B)", "IRC §72(d)(2)")),
    "roll_in_to_457b_keeps_the_10_percent_tax": CodeInfo(kind="warning", meaning="IRA money rolled into a "
                                                         "governmental 457(b) keeps the 10% additional tax on "
                                                         "early distributions.", cites=("IRC §72(t)(9)",)),
    "roth_ira_history_missing": CodeInfo(kind="warning", meaning="Roth IRA money is withdrawn but the file gives "
                                         "no Roth IRA history: it is taxed as earnings.",
                                         cites=("IRC §408A(d)(4)(B)", "Form 8606 Part III")),
    "irmaa_table_not_published": CodeInfo(kind="warning", meaning="The IRMAA table of the year the tier applies "
                                          "is not published yet: the latest one is used, stated.",
                                          cites=("20 CFR §418.1115",)),
    "premium_tax_credit_not_in_force": CodeInfo(kind="warning", meaning="The file has Marketplace coverage in a "
                                                "year without poverty guidelines or an applicable percentage "
                                                "table in the parameters: the premium tax credit is left out.",
                                                cites=("IRC §36B(b)(3)(A)", "26 CFR §1.36B-1(h)")),
    "premium_tax_credit_not_allowed": CodeInfo(kind="warning", meaning="The household is not an applicable "
                                               "taxpayer this year (married filing separately, household income "
                                               "above 400% of the poverty line from 2026, or below 100% without "
                                               "advance payments): no credit, and the advance payments are repaid.",
                                               cites=("IRC §36B(c)(1)", "IRC §36B(f)(2)", "26 CFR §1.36B-2(b)")),
    "premium_tax_credit_medicare_age": CodeInfo(kind="warning", meaning="Everyone on the return was 65 or older all "
                                                "year: Medicare is minimum essential coverage and allows no premium "
                                                "tax credit for the person's own plan; the coverage is priced as "
                                                "the file gives it.", cites=("IRC §36B(c)(2)(B)",
                                                                            "IRC §5000A(f)(1)(A)")),
    "itemized_limitation_not_modelled": CodeInfo(kind="warning", meaning="The limitation on itemized deductions "
                                                 "at the top rate is not modelled.", cites=("IRC §68",)),
    "qcd_from_sep_or_simple_ira": CodeInfo(kind="warning", meaning="A qualified charitable distribution from a SEP or "
                                           "SIMPLE IRA, which qualifies only if the plan is not ongoing (rothroute takes "
                                           "it as not ongoing).", cites=("IRC §408(d)(8)(B)",)),
    "rmd_shortfall": CodeInfo(kind="warning", meaning="A required minimum distribution not fully taken by its "
                              "deadline: the excise tax of 25% (10% when corrected in time) is shown apart.",
                              cites=("IRC §4974(a), (e)", "Treas. Reg. §54.4974-1", "Form 5329 Part IX")),
    "first_rmd_not_taken": CodeInfo(kind="warning", meaning="The first RMD year's distribution was not taken and "
                                    "the file does not say it is deferred to April 1 of next year: next year owes "
                                    "two RMDs.", cites=("IRC §401(a)(9)(C)", "Treas. Reg. §54.4974-1(f)")),
    "first_rmd_deferred": CodeInfo(kind="note", meaning="The first RMD is left for April 1 of next year (as the "
                                   "file says, or a current employer's plan in the year of leaving): next year "
                                   "owes two RMDs.", cites=("IRC §401(a)(9)(C)", "Treas. Reg. §1.402(c)-2(f)(1)",
                                                              "Treas. Reg. §54.4974-1(f)")),
    # --- requests (the web API and the command's options) --------------------------------------
    "invalid_option": CodeInfo(kind="request", meaning="An option of compare or optimize out of its range; "
                               "`where` names it."),
    "invalid_request": CodeInfo(kind="request", meaning="A request body of the wrong shape (e.g. optimize without "
                                "its household)."),
    "household_refused": CodeInfo(kind="request", meaning="rothroute scan: rothroute refused the household for a "
                                  "reason the message gives (e.g. a value out of the engine's domain); the scan "
                                  "goes on."),
    "household_failed": CodeInfo(kind="request", meaning="rothroute scan: rothroute failed on the household (a bug: "
                                 "please report it with the message); the scan goes on."),
    "duplicate_household_id": CodeInfo(kind="file", meaning="rothroute scan: two households of the book have the "
                                       "same id; neither is priced (the output is keyed by id)."),
    "loader_failed": CodeInfo(kind="request", meaning="rothroute's loader failed on this input (a bug: please report "
                              "it); the input is refused, nothing is saved over."),
    "request_too_large": CodeInfo(kind="request", meaning="A request body over 1 MB (HTTP 413).",
                                  cites=("RFC 9110 §15.5.14",)),
    "queue_full": CodeInfo(kind="request", meaning="Every worker is busy; try again after Retry-After (HTTP 429).",
                           cites=("RFC 6585 §4",)),
    "stale_version": CodeInfo(kind="request", meaning="A save based on a version older than the newest: refused, "
                              "both texts kept (HTTP 409).", cites=("RFC 9110 §15.5.10",)),
    "not_found": CodeInfo(kind="request", meaning="No such client, version, job or address (HTTP 404)."),
    "method_not_allowed": CodeInfo(kind="request", meaning="The address does not take that method (HTTP 405)."),
    "http_error": CodeInfo(kind="request", meaning="Another HTTP error; the message says which."),
    "internal_error": CodeInfo(kind="request", meaning="A bug in rothroute (HTTP 500); nothing was saved over."),
    "invalid_client_name": CodeInfo(kind="request", meaning="A client name outside the allowed characters."),
    "book_unavailable": CodeInfo(kind="request", meaning="The client book's database cannot be opened."),
    "no_strategy": CodeInfo(kind="request", meaning="compare found no strategy beside doing nothing for the "
                            "household."),
    "plan_not_possible": CodeInfo(kind="request", meaning="The optimizer cannot make a plan for the inputs (the "
                                  "message says why, e.g. an infeasible spending need)."),
    "parameter_not_in_force": CodeInfo(kind="request", meaning="A year with no enacted parameters; never carried "
                                       "forward silently."),
    "refused": CodeInfo(kind="request", meaning="Another refusal by the engine; the message says why."),
    # --- state and local income tax ----------------------------------------------------------
    "state_not_modelled": CodeInfo(kind="warning", meaning="The state of residence's income tax is not modelled "
                                   "yet: the results are federal only (tax.state_income_tax is null)."),
    "state_year_not_in_force": CodeInfo(kind="warning", meaning="A value of the state's tax for the year cannot be "
                                        "known yet (not published, and not fixed by its statute): that tax is not "
                                        "computed (null), never filled from another year."),
    "state_rule_not_modelled": CodeInfo(kind="warning", meaning="A rule of the state's return that the household "
                                        "meets is not modelled (the message names it and what was assumed)."),
    "state_exempt_interest_assumed_home_state": CodeInfo(kind="warning", meaning="Federally tax-exempt interest is "
                                                         "taken as interest on the state's own bonds: the state adds "
                                                         "back interest on other states' bonds, not included."),
    "state_basis_not_modelled": CodeInfo(kind="warning", meaning="The state taxed contributions the federal return "
                                         "did not, so its own basis in the IRA or plan differs; rothroute uses the "
                                         "federal taxable amount (the state's basis recovery is not modelled)."),
    "state_itemized_deduction_not_modelled": CodeInfo(kind="warning", meaning="The federal return itemizes, or the "
                                                      "file's itemized deductions pass the state's standard "
                                                      "deduction; the state's own itemized deductions are not "
                                                      "modelled and its standard deduction is used."),
    "local_income_tax_not_modelled": CodeInfo(kind="warning", meaning="The state has local income taxes (city, "
                                              "county or school district) that are not modelled and not included."),
    # group B (phase 2): a local income tax the state's return computes, with no locality in the file
    "locality_not_given": CodeInfo(kind="warning", meaning="The state's return computes a local income tax by the "
                                   "household's county (Maryland), but the file names no locality: the local tax is "
                                   "not included (tax.local_income_tax is absent).",
                                   cites=("Md. Code, Tax-Gen. §10-106", "Md. Code, Tax-Gen. §10-604")),
    "part_year_residence_not_modelled": CodeInfo(kind="warning", meaning="The household moved during the year: it "
                                                 "is taxed as a full-year resident of the state it lives in on "
                                                 "December 31 (part-year returns are not modelled)."),
    "niit_state_tax_deduction_not_modelled": CodeInfo(kind="warning", meaning="State income tax allocable to net "
                                                      "investment income (Form 8960 line 9b) is not deducted: the "
                                                      "NIIT shown may be a little high.",
                                                      cites=("IRC §1411(c)(1)(B)", "26 CFR §1.1411-4(f)(3)(iii)",
                                                             "Form 8960 line 9b")),
    # --- strategies compare cannot build -----------------------------------------------------
    "nothing_to_compare": CodeInfo(kind="ruled_out", meaning="rothroute scan: the household's accounts allow no "
                                   "strategy beside leaving things as they are (rothroute compare refuses it too)."),
    "optimize_refused": CodeInfo(kind="ruled_out", meaning="rothroute scan --optimize-years: the optimizer could not "
                                 "plan the household (the message says why); its comparison stands."),
    "optimize_baselines_not_priced": CodeInfo(kind="warning", meaning="rothroute optimize: the time limit left "
                                              "no room to price every yardstick (they are listed); the plan "
                                              "stands, its lead over the yardsticks not priced is unknown."),
    "not_separated": CodeInfo(kind="ruled_out", meaning="The participant still works for the employer: the plan "
                              "pays out only what it allows in service.", cites=("IRC §401(k)(2)(B)(i)",
                                                                                  "IRC §403(b)(11)", _PLAN)),
    "separated": CodeInfo(kind="ruled_out", meaning="The participant has left the employer: a full distribution "
                          "(the split rollover) does the same and more.", cites=("Notice 2014-54",)),
    "no_after_tax_money": CodeInfo(kind="ruled_out", meaning="No after-tax money in the plan."),
    "no_after_tax_contributions": CodeInfo(kind="ruled_out", meaning="The plan takes no after-tax contributions, "
                                           "or no §415(c) room is left.", cites=("IRC §415(c)(1)", _PLAN)),
    "no_plan_takes_roll_ins": CodeInfo(kind="ruled_out", meaning="No employer plan of the person accepts IRA "
                                       "rollovers, so the pro-rata rule cannot be cleared.",
                                       cites=("IRC §408(d)(3)(A)(ii)", _PLAN)),
    "nothing_to_roll_in": CodeInfo(kind="ruled_out", meaning="The IRAs hold no pretax money: the backdoor Roth is "
                                   "already free of the pro-rata rule.", cites=("IRC §408(d)(2)",)),
}

Code = StrEnum("Code", {name.upper(): name for name in _REGISTRY})  # type: ignore[misc]
"""Every code, as a closed vocabulary (``Code.FILE_TOO_LARGE == "file_too_large"``)."""

KINDS = ("file", "refusal", "ruled_out", "warning", "note", "request")


def info(code: str) -> CodeInfo:
    """The meaning and authority of ``code``; KeyError for a code not in the registry."""
    return _REGISTRY[code]


def known(code: str) -> bool:
    return code in _REGISTRY


def registered(code: str) -> str:
    """``code``, after checking it is in the registry (ValueError otherwise: a bug to fix)."""
    if code not in _REGISTRY:
        raise ValueError(f"issue code {code!r} is not in the registry (rothroute/codes.py)")
    return code


def markdown() -> str:
    """docs/issue-codes.md: every code by kind, with its meaning and authority."""
    titles = {"file": "Problems with the household file (exit code 2; HTTP 422)",
              "refusal": "Moves refused (the move changes nothing; the result carries the reason)",
              "ruled_out": "Strategies `rothroute compare` cannot build for the household",
              "warning": "Warnings (the result stands, with what it assumed)",
              "note": "Notes (information about the result; nothing is wrong)",
              "request": "Requests the web API or the command refuses (the HTTP status in brackets)"}
    out = ["# Issue codes", "",
           "Every problem and issue rothroute reports carries one of these codes (`code` in the JSON, in the web",
           "API's 422 bodies and in batch outputs). A code keeps its meaning once published. Written from",
           "`src/rothroute/codes.py` by `python -m rothroute.codes`; a test keeps this page equal to it.", ""]
    for kind in KINDS:
        out += [f"## {titles[kind]}", "", "| code | meaning | authority |", "| --- | --- | --- |"]
        for name, row in _REGISTRY.items():
            if row.kind == kind:
                out.append(f"| `{name}` | {row.meaning} | {'; '.join(row.cites) or '-'} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - writes the docs page
    print(markdown(), end="")
