"""The optimizer's time limit, held from the call to the answer.

``--time-limit`` bounds the whole of ``optimize``: the tax curves built before the first solve, every
round's solve and its re-pricing by the engine, the other starts, and the yardsticks priced after the
plan is chosen (issue #13 item 2). What comes after a solve cannot be cut short without losing the
plan, so its time is measured as it happens (the background run, the first re-pricing) and reserved
out of the solver's share: a round starts only if the round and everything after it fit, the solver is
given what is left less that reserve, and a start other than the household as it is is skipped (and
named) when it does not fit. The yardsticks are priced last, each stopped at the deadline (and named
unpriced) but the first, which prices each year once.

The reserve is an estimate from the run's own measurements, not a guarantee: the solver may overrun its
limit by the time it takes to notice it (milliseconds), and a loaded machine slows the engine between
the measurement and its use (``bench/README.md``, hostile files)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

from rothroute.errors import RothrouteError

class OutOfTime(RothrouteError):
    """Raised inside a yardstick's pricing once the deadline has passed (``Budget.bounded``); caught by
    ``optimize``, never seen by a user."""


SOLVE_FLOOR = 0.2  # seconds: the least a solve is given (a first round always runs; HiGHS may find no plan in it)
ANSWER = 0.05  # of the time limit (at most a second): kept for writing the answer once the plan is made
MARGIN = 1.25  # the reserve over the time measured: the engine's re-pricing of a plan with moves costs more


@dataclass
class Budget:
    """The deadline of one ``optimize`` call (``time.monotonic()`` seconds) and what it has measured."""

    deadline: float
    pricing: float = 0.0  # seconds: the slowest whole-plan pricing by the engine so far
    after: int = 0  # whole-plan pricings owed after the plan is chosen (the yardsticks, ``baselines.PRICINGS``)
    later: int = 0  # starts still to try after the one being planned
    until: float | None = None  # the deadline of the start being planned (``begin``)

    @classmethod
    def of(cls, seconds: float) -> Budget:
        """The budget of a call that must answer within ``seconds``: the last ``ANSWER`` share of them (at most
        a second) is kept for writing the answer (the JSON, the tables) after the plan."""
        return cls(deadline=time.monotonic() + seconds - min(ANSWER * seconds, 1.0))

    def left(self) -> float:
        """Seconds to the deadline of the whole call."""
        return self.deadline - time.monotonic()

    def priced(self, seconds: float) -> None:
        """Record a whole-plan pricing's time (the slowest counts)."""
        self.pricing = max(self.pricing, seconds)

    def reserve(self, pricings: int) -> float:
        return MARGIN * self.pricing * pricings

    def begin(self, later: int) -> None:
        """Open a start's share of the time: what is left after the yardsticks, shared equally by it
        and the ``later`` starts still to try."""
        self.later = later
        share = (self.left() - self.reserve(self.after)) / (1 + later)
        self.until = time.monotonic() + share

    def _here(self) -> float:
        """Seconds this start may still use: its share, and never the yardsticks' reserve."""
        whole = self.left() - self.reserve(self.after)
        return whole if self.until is None else min(whole, self.until - time.monotonic())

    def fits(self, solve: float = SOLVE_FLOOR, pricings: int = 1) -> bool:
        """Whether a solve of ``solve`` seconds and ``pricings`` re-pricings fit in this start's share."""
        return self._here() >= solve + self.reserve(pricings)

    def bounded(self, policy: Callable[[Any, Callable[..., Any]], Any]) -> Callable[[Any, Callable[..., Any]], Any]:
        """``policy`` (a yardstick: it prices trial moves year by year) stopped with ``OutOfTime`` at the deadline."""
        last = [0.0]  # the seconds of the trial priced last: the next is not started unless one more fits

        def within(household: Any, price: Callable[..., Any]) -> Any:
            def timed(*args: Any, **kwargs: Any) -> Any:
                if self.left() <= MARGIN * last[0]:
                    raise OutOfTime
                clock = time.monotonic()
                out = price(*args, **kwargs)
                last[0] = time.monotonic() - clock
                return out
            return policy(household, timed)
        return within

    def solver_limit(self, pricings: int = 1) -> float:
        """The time the solver may take now, keeping ``pricings`` re-pricings (never under ``SOLVE_FLOOR``)."""
        return max(SOLVE_FLOOR, self._here() - self.reserve(pricings))
