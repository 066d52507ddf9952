"""Invariants of the IRA moves (Hypothesis): money and basis are conserved to the cent,
taxable + nontaxable = amount moved, a refused move changes nothing, and nothing is taxed twice."""

from __future__ import annotations

import datetime as _dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rothroute import evaluate, load_text

ACCOUNTS = ("ira1", "ira2", "roth")


def household(ira1: int, ira2: int, basis: int, wages: int, born: str, moves: list[dict]) -> str:
    lines = [f"  - {{date: {m['date']}, move: {m['move']}, "
             + ", ".join(f"{k}: {v}" for k, v in m.items() if k not in ("date", "move")) + "}" for m in moves]
    return (f"format: 1\ntax_year: 2026\nfiling_status: single\npeople:\n  - {{id: p, born: {born}, ira_basis: {basis}}}\n"
            f"income:\n  - {{person: p, kind: wages, amount: {wages}}}\naccounts:\n"
            f"  - {{id: ira1, owner: p, kind: traditional_ira, value: {ira1}}}\n"
            f"  - {{id: ira2, owner: p, kind: sep_ira, value: {ira2}}}\n"
            f"  - {{id: roth, owner: p, kind: roth_ira, value: 0}}\n"
            "moves:\n" + ("\n".join(lines) if lines else "  []") + "\n")


@st.composite
def scenarios(draw):
    ira1 = draw(st.integers(0, 300_000))
    ira2 = draw(st.integers(0, 100_000))
    basis = draw(st.integers(0, ira1 + ira2))
    moves = []
    for _ in range(draw(st.integers(0, 6))):
        day = _dt.date(2026, 1, 1) + _dt.timedelta(days=draw(st.integers(0, 364)))
        kind = draw(st.sampled_from(["conversion", "withdrawal", "contribution"]))
        amount = draw(st.one_of(st.integers(1, 120_000), st.just("all"))) if kind != "contribution" \
            else draw(st.integers(1, 9_000))
        if kind == "conversion":
            moves.append({"date": day, "move": kind, "from": draw(st.sampled_from(["ira1", "ira2"])), "to": "roth",
                          "amount": amount})
        elif kind == "withdrawal":
            moves.append({"date": day, "move": kind, "from": draw(st.sampled_from(["ira1", "ira2", "roth"])),
                          "amount": amount})
        else:
            moves.append({"date": day, "move": kind, "to": draw(st.sampled_from(["ira1", "ira2", "roth"])),
                          "amount": amount, "type": "nondeductible"})
            if moves[-1]["to"] == "roth":
                moves[-1]["type"] = "roth"
    born = draw(st.sampled_from(["1960-07-01", "1975-01-01", "1990-12-31"]))
    wages = draw(st.sampled_from([0, 60_000, 400_000]))
    return ira1, ira2, basis, wages, born, moves


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_money_and_basis_are_conserved(scenario) -> None:
    ira1, ira2, basis, wages, born, moves = scenario
    result = evaluate(load_text(household(ira1, ira2, basis, wages, born, moves))).to_json()
    end = result["accounts_end"]
    total_end = round(sum(end[a]["value"] for a in ACCOUNTS) * 100)
    permitted = [(m, r) for m, r in zip(moves, result["moves"]) if r["permitted"]]
    added = sum(round(r["taxable"] * 100) + round(r["nontaxable"] * 100) for m, r in permitted if m["move"] == "contribution")
    taken = sum(round(r["taxable"] * 100) + round(r["nontaxable"] * 100) for m, r in permitted if m["move"] == "withdrawal")
    assert total_end == (ira1 + ira2) * 100 + added - taken
    form = result["people"]["p"]["form_8606"]
    if "3" in form:
        # basis: what came in (lines 1, 2) = what went out tax-free (line 13) + what is left (line 14)
        assert round(form["3"] * 100) == round(form.get("13", 0) * 100) + round(form["14"] * 100)
        assert form["14"] >= 0
        # nothing taxed twice: the taxable parts are the amounts less exactly the basis recovered
        from_iras = [(m, r) for m, r in permitted if m["move"] != "contribution" and m["from"] != "roth"]
        converted_and_taken = sum(round((r["taxable"] + r["nontaxable"]) * 100) for m, r in from_iras)
        taxable = sum(round(r["taxable"] * 100) for m, r in from_iras)
        assert converted_and_taken - taxable == round(form.get("13", 0) * 100)
    for m, r in permitted:
        assert r["taxable"] >= 0 and r["nontaxable"] >= 0


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_refused_move_changes_nothing(scenario) -> None:
    ira1, ira2, basis, wages, born, moves = scenario
    result = evaluate(load_text(household(ira1, ira2, basis, wages, born, moves))).to_json()
    kept = [m for m, r in zip(moves, result["moves"]) if r["permitted"]]
    again = evaluate(load_text(household(ira1, ira2, basis, wages, born, kept))).to_json()
    assert again["accounts_end"] == result["accounts_end"]
    assert again["tax"] == result["tax"]
    assert all(r["permitted"] for r in again["moves"])


PLAN_HOUSEHOLD = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {{id: p, born: {born}, ira_basis: {basis}}}
accounts:
  - id: plan
    owner: p
    kind: 401k
    sources: {{pretax: {pretax}, after_tax: {{contributions: {atc}, earnings: {ate}}}, roth: {{contributions: {rc}, earnings: {re}, first_year: 2015}}}}
    plan: {{separated_from_service: 2025, after_tax_separate_contract: {separate}, accepts_ira_rollins: true, in_plan_roth_rollover: true}}
  - {{id: ira, owner: p, kind: traditional_ira, value: {ira}}}
  - {{id: roth, owner: p, kind: roth_ira, value: 0}}
moves:
{moves}
"""


@st.composite
def plan_scenarios(draw):
    values = {k: draw(st.integers(0, 200_000)) for k in ("pretax", "atc", "ate", "rc", "re", "ira")}
    values["basis"] = draw(st.integers(0, values["ira"]))
    values["separate"] = draw(st.sampled_from(["true", "false"]))
    values["born"] = draw(st.sampled_from(["1958-01-01", "1970-06-01"]))
    moves = []
    for _ in range(draw(st.integers(1, 4))):
        day = (_dt.date(2026, 1, 1) + _dt.timedelta(days=draw(st.integers(0, 364)))).isoformat()
        kind = draw(st.sampled_from(["distribution", "distribution_roth", "roth_cash", "irr", "roll_in"]))
        if kind == "distribution":
            sources = draw(st.sampled_from(["[pretax, after_tax]", "[after_tax]", "[pretax]"]))
            split = draw(st.integers(1, 50_000))  # a destination of $0 is a malformed move, a file error
            moves.append(f"  - {{date: {day}, move: distribution, from: plan, sources: {sources}, amount: all, to: "
                         f"[{{account: ira, amount: {split}}}, {{account: roth, amount: rest}}]}}")
        elif kind == "distribution_roth":
            moves.append(f"  - {{date: {day}, move: distribution, from: plan, sources: [roth], amount: all, "
                         f"to: [{{account: roth, amount: all}}]}}")
        elif kind == "roth_cash":  # designated Roth money paid out: in-plan Roth rollover money and box 10
            moves.append(f"  - {{date: {day}, move: distribution, from: plan, sources: [roth], "
                         f"amount: {draw(st.integers(1, 100_000))}, to: [{{cash: rest}}]}}")
        elif kind == "irr":
            sources = draw(st.sampled_from(["[after_tax]", "[pretax]", "[pretax, after_tax]"]))
            moves.append(f"  - {{date: {day}, move: in_plan_roth_rollover, account: plan, sources: {sources}, "
                         f"amount: {draw(st.one_of(st.just('all'), st.integers(1, 100_000)))}}}")
        else:
            moves.append(f"  - {{date: {day}, move: roll_in, from: ira, to: plan, amount: {draw(st.integers(1, 100_000))}}}")
    return values, moves


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_scenarios())
def test_plan_moves_conserve_money_and_split_taxable_exactly(scenario) -> None:
    values, moves = scenario
    text = PLAN_HOUSEHOLD.format(moves="\n".join(moves), **values)
    result = evaluate(load_text(text)).to_json()
    start = sum(values[k] for k in ("pretax", "atc", "ate", "rc", "re", "ira")) * 100
    end = result["accounts_end"]
    total_end = round((end["plan"]["value"] + end["ira"]["value"] + end["roth"]["value"]) * 100)
    # every dollar is in an account or was paid to the participant (the forms without rollover codes G, H)
    paid = sum(round(f["box1"] * 100) for m in result["moves"] if m["permitted"] for f in m["forms_1099r"]
               if not {"G", "H"} & set(f["codes"]))
    assert total_end + paid == start
    for m in result["moves"]:
        if m["permitted"]:
            assert m["taxable"] >= 0 and m["nontaxable"] >= 0
            assert sum(round(f["box1"] * 100) for f in m["forms_1099r"]) == round((m["taxable"] + m["nontaxable"]) * 100)
            for f in m["forms_1099r"]:  # box 10 is rollover money among the basis recovered, taxed only at 10%
                assert round(f["box10"] * 100) <= round(f["box5"] * 100)
                assert round(m["additional_tax"] * 100) >= round(f["box10"] * 10)
    drac = end["plan"]["roth"]
    assert round(sum(x["taxable"] + x["nontaxable"] for x in drac["in_plan_rollovers"]) * 100) <= round(
        drac["contributions"] * 100)
    # basis: plan after-tax contributions + IRA basis + Roth basis never grows beyond what went in
    roth = result["people"]["p"]["roth_ira_end"]
    roth_basis = roth["contributions"] + sum(x["nontaxable"] for x in roth["conversions"])
    taxed_now = sum(round(m["taxable"] * 100) for m in result["moves"] if m["permitted"])
    after = round((end["plan"]["after_tax"]["contributions"] + result["people"]["p"]["ira_basis_end"] + roth_basis
                   + sum(x["taxable"] for x in roth["conversions"])) * 100)
    drac_in_plan = round(end["plan"]["roth"]["contributions"] * 100)
    before = (values["atc"] + values["basis"] + values["rc"]) * 100
    # money taxed now becomes basis (Roth layers or designated Roth contributions); the rest is conserved
    assert after + drac_in_plan <= before + taxed_now + round(values["re"] * 100) + 1


def _split_calls(text: str, cut: int) -> tuple[dict, dict]:
    """The year evaluated from one file, and from consecutive calls: the moves (in date order) up to
    ``cut`` first, then the rest continued with ``Evaluation.then``."""
    import dataclasses

    whole = load_text(text)
    ordered = sorted(whole.moves, key=lambda m: m.on)
    whole = dataclasses.replace(whole, moves=tuple(ordered))
    cut = min(cut, len(ordered))
    first = evaluate(dataclasses.replace(whole, moves=tuple(ordered[:cut])))
    return evaluate(whole).to_json(), first.then(ordered[cut:]).to_json()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(0, 6))
def test_moves_in_one_file_or_consecutive_calls_give_the_same_result(scenario, cut) -> None:
    ira1, ira2, basis, wages, born, moves = scenario
    one, consecutive = _split_calls(household(ira1, ira2, basis, wages, born, moves), cut)
    assert consecutive == one


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_scenarios(), st.integers(0, 4))
def test_plan_moves_in_one_file_or_consecutive_calls_give_the_same_result(scenario, cut) -> None:
    values, moves = scenario
    one, consecutive = _split_calls(PLAN_HOUSEHOLD.format(moves="\n".join(moves), **values), cut)
    assert consecutive == one
