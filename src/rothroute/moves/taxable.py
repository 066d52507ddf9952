"""Sales from a taxable (brokerage) account: the money comes out at its average cost.

A `withdrawal` from a `taxable` account sells that much of it. The account is one holding at its
average basis: the basis sold is the account's basis times the share of its value sold (the
average basis method, 26 CFR §1.1012-1(e), which a holder of regulated investment company shares
may elect; rothroute applies it to the whole account and says so), and the gain is the proceeds
less that basis (IRC §1001(a), §1011, §1012). Every holding is taken to be held more than a year:
the gain is long-term (IRC §1222(3)), taxed on Schedule D and the capital gain worksheet (IRC
§1(h)); a loss is a long-term loss. Proceeds and basis are conserved to the cent: what is sold
plus what is left is what there was, and the same for basis."""

from __future__ import annotations

from rothroute.household.model import Household
from rothroute.household.moves import Withdrawal
from rothroute.moves.state import YearState, resolve_amount

CITES = ("IRC §1001(a)", "IRC §1012", "26 CFR §1.1012-1(e) (average basis)", "IRC §1222(3)",
         "Form 8949 Part II", "Schedule D line 8b")


def sale(h: Household, move: Withdrawal, ctx: YearState) -> None:
    """Sell ``move.amount`` (or all) of a taxable account, realizing its gain pro rata to basis."""
    account = ctx.accounts[move.from_account]
    refuse = ctx.refuser(move)
    amount = resolve_amount(move.amount, account.id, ctx.balances, "Selling", refuse)
    if amount is None:
        return
    value, basis = ctx.balances[account.id], ctx.basis[account.id]
    # basis sold: basis x amount / value, rounded to the cent (half up); all of it when all is sold
    sold = basis if amount == value else (2 * basis * amount + value) // (2 * value)
    gain = amount - sold
    ctx.balances[account.id] = value - amount
    ctx.basis[account.id] = basis - sold
    proceeds, basis_sold = ctx.sales.setdefault(account.id, [0, 0])
    ctx.sales[account.id] = [proceeds + amount, basis_sold + sold]
    ctx.people[account.owner].long_term_gains += gain
    result = ctx.result(move, amount)
    result.taxable, result.nontaxable = gain, sold
