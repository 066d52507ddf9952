"""The money invariants of one evaluated household-year (issue #13 item 5), checked on the result JSON of a
household document and its moves: used by tests/property/test_move_invariants.py and bench/properties.py.

1. Money is conserved to the cent: what the accounts hold on December 31, plus contributions made by April 15
   of next year for this year (in this year's limits and Form 8606, not in its balances), is what they held
   on January 1, plus what was contributed, less what was paid out in cash.
2. Basis is conserved to the cent. Every dollar is basis (IRA basis, after-tax and designated Roth
   contributions, Roth IRA contributions and conversion layers) or pretax; the pretax money goes down by
   exactly the taxable amounts, and grows only by pretax money contributed: nothing is taxed twice, no basis
   appears from nothing. The one exception the law makes, earnings of a qualified designated Roth or Roth IRA
   distribution becoming tax-free (Treas. Reg. §1.408A-10 Q&A-3, §1.402A-1 Q&A-6(a)), can only lower the
   pretax money, by no more than those earnings.
3. Every permitted move's taxable amount is between 0 and the amount moved; a refused one moves nothing;
   every Form 1099-R box is sane (box 2a and box 5 between 0 and box 1).
   A taxable account's cost basis is basis and its unrealized gain pretax: a sale's gain (a loss negative) is
   its taxable amount, and gain plus basis sold is the amount sold.
4. No negative balance anywhere in ``accounts_end``; a sub-account's earnings may be negative (a loss) but not
   its money; basis left is never negative.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any


def c(dollars: Any) -> int:
    """Dollars (as the file or the result JSON gives them) to cents."""
    return round(float(dollars) * 100)


def _amount(move: dict[str, Any]) -> int:
    return c(move["taxable"]) + c(move["nontaxable"])


def _plan_basis(sources: dict[str, Any]) -> int:
    after_tax, roth = sources.get("after_tax") or {}, sources.get("roth") or {}
    return c(after_tax.get("contributions", 0)) + c(roth.get("contributions", 0))


def _plan_money(sources: dict[str, Any]) -> int:
    after_tax, roth = sources.get("after_tax") or {}, sources.get("roth") or {}
    return (c(sources.get("pretax", 0)) + c(after_tax.get("contributions", 0)) + c(after_tax.get("earnings", 0))
            + c(roth.get("contributions", 0)) + c(roth.get("earnings", 0)))


def _roth_earnings(doc: dict[str, Any]) -> int:
    """Designated Roth and Roth IRA earnings on January 1 (what a qualified distribution may make tax-free)."""
    out = 0
    for a in doc["accounts"]:
        if "sources" in a:
            out += max(0, c((a["sources"].get("roth") or {}).get("earnings", 0)))
    for p in doc["people"]:
        roth = p.get("roth_ira") or {}
        basis = c(roth.get("contributions", 0)) + sum(c(x["taxable"]) + c(x["nontaxable"])
                                                     for x in roth.get("conversions", ()))
        value = sum(c(a["value"]) for a in doc["accounts"] if a["owner"] == p["id"] and a["kind"] == "roth_ira")
        out += max(0, value - basis)
    return out


def check(doc: dict[str, Any], result: dict[str, Any]) -> None:
    """Assert the invariants above for ``result``, the ``evaluate(...).to_json()`` of ``doc``."""
    year = doc["tax_year"]
    kinds = {a["id"]: a["kind"] for a in doc["accounts"]}
    moves = result["moves"]
    assert len(moves) == len(doc.get("moves", ()))
    money_in = in_transit = cash_out = taxable = basis_in = 0
    roth_side_out = False
    for raw, m in zip(doc.get("moves", ()), moves):
        if not m["permitted"]:
            assert c(m["taxable"]) == c(m["nontaxable"]) == 0 and not m["forms_1099r"], m
            continue
        sale = raw["move"] == "withdrawal" and kinds[raw["from"]] == "taxable"
        if sale:  # a sale from a taxable account: gain (a loss negative) and basis add up to the proceeds
            assert c(m["taxable"]) + c(m["nontaxable"]) == _amount(m) and c(m["nontaxable"]) >= 0, m
        # 3. taxable between 0 and the amount moved; the forms sane
        assert sale or (0 <= c(m["taxable"]) <= _amount(m) and c(m["nontaxable"]) >= 0), m
        assert c(m["additional_tax"]) >= 0 and c(m["withholding"]) >= 0, m
        for f in m["forms_1099r"]:
            box1 = c(f["box1"])
            assert 0 <= c(f["box2a"]) <= box1 and 0 <= c(f["box5"]) <= box1 and c(f["box4"]) >= 0, (m, f)
            assert 0 <= c(f["box10"]) <= c(f["box5"]), (m, f)
        taxable += c(m["taxable"])
        kind = raw["move"]
        if kind == "contribution":
            amount = _amount(m)
            money_in += amount
            if _dt.date.fromisoformat(str(raw["date"])) > _dt.date(year, 12, 31):
                in_transit += amount
            if raw["type"] in ("roth", "after_tax"):  # Roth IRA, designated Roth and after-tax money
                basis_in += amount
        elif kind == "withdrawal":
            cash_out += _amount(m)
            roth_side_out |= kinds[raw["from"]] == "roth_ira"
        elif kind == "qcd":  # paid to a charity; its excluded part leaves the pretax money untaxed (IRC §408(d)(8))
            cash_out += _amount(m)
        elif kind == "distribution":
            rolled = sum(c(f["box1"]) for f in m["forms_1099r"] if {"G", "H"} & set(f["codes"]))
            sixty = sum(c(d["amount"]) for d in raw["to"] if d.get("via") == "60_day")
            cash_out += _amount(m) - rolled - sixty
            roth_side_out |= raw.get("sources") == ["roth"]
    # IRA basis comes in as Form 8606 line 1 (nondeductible contributions for the year, phased-out
    # deductions included); a contribution for last year is in the file's ira_basis already
    basis_in += sum(c(p["form_8606"].get("1", 0)) for p in result["people"].values())

    # 4. no negative balance; basis left never negative
    end = result["accounts_end"]
    for aid, a in end.items():
        assert c(a["value"]) >= 0, (aid, a)
        if "cost_basis" in a:
            assert c(a["cost_basis"]) >= 0, (aid, a)
        if "pretax" in a:
            after_tax, roth = a["after_tax"], a["roth"]
            assert c(a["pretax"]) >= 0, (aid, a)
            assert c(after_tax["contributions"]) >= 0 and c(after_tax["contributions"]) + c(after_tax["earnings"]) >= 0
            assert c(roth["contributions"]) >= 0 and c(roth["contributions"]) + c(roth["earnings"]) >= 0, (aid, a)
            layers = roth["in_plan_rollovers"]
            assert all(c(x["taxable"]) >= 0 and c(x["nontaxable"]) >= 0 for x in layers), (aid, a)
            assert sum(c(x["taxable"]) + c(x["nontaxable"]) for x in layers) <= c(roth["contributions"]), (aid, a)
    for pid, p in result["people"].items():
        form = p["form_8606"]
        assert c(p["ira_basis_end"]) >= 0, (pid, form)
        if "3" in form:
            assert c(form["3"]) == c(form.get("1", 0)) + c(form["2"]) and c(form["5"]) >= 0, form
            assert c(form["14"]) == c(form["3"]) - c(form.get("13", 0)) >= 0, form
            assert 0 <= float(form["10"]) <= 1 and c(form.get("15c", 0)) >= 0 and c(form.get("18", 0)) >= 0, form
        roth = p["roth_ira_end"]
        assert c(roth["contributions"]) >= 0, roth
        assert all(c(x["taxable"]) >= 0 and c(x["nontaxable"]) >= 0 for x in roth["conversions"]), roth

    # 1. money conserved to the cent
    start_money = sum(c(a["value"]) for a in doc["accounts"] if "sources" not in a) + sum(
        _plan_money(a["sources"]) for a in doc["accounts"] if "sources" in a)
    end_money = sum(c(a["value"]) for a in end.values())
    assert end_money + in_transit == start_money + money_in - cash_out, (end_money, in_transit, start_money,
                                                                        money_in, cash_out)

    # 2. basis conserved to the cent: the pretax money goes down by exactly what is taxed
    def roth_ira_basis(roth: dict[str, Any]) -> int:
        return c(roth.get("contributions", 0)) + sum(c(x["taxable"]) + c(x["nontaxable"])
                                                     for x in roth.get("conversions", ()))

    start_basis = (sum(c(p.get("ira_basis", 0)) + roth_ira_basis(p.get("roth_ira") or {}) for p in doc["people"])
                   + sum(_plan_basis(a["sources"]) for a in doc["accounts"] if "sources" in a)
                   + sum(c(a["cost_basis"]) for a in doc["accounts"] if a["kind"] == "taxable"))
    end_basis = (sum(c(p["ira_basis_end"]) + roth_ira_basis(p["roth_ira_end"]) for p in result["people"].values())
                 + sum(_plan_basis(a) for a in end.values() if "pretax" in a)
                 + sum(c(a["cost_basis"]) for a in end.values() if "cost_basis" in a))
    pretax_start = start_money - start_basis
    pretax_end = end_money + in_transit - end_basis
    given = sum(c(p.get("qcd", {}).get("excluded", 0)) for p in result["people"].values())
    made_tax_free = pretax_start + (money_in - basis_in) - taxable - pretax_end - given
    if roth_side_out:
        assert 0 <= made_tax_free <= _roth_earnings(doc), (made_tax_free, pretax_start, pretax_end, taxable)
    else:
        assert made_tax_free == 0, (made_tax_free, pretax_start, pretax_end, money_in, basis_in, taxable)
