"""The explanation trail: every figure is a ``Line`` with a stable key, its inputs and citations."""

from __future__ import annotations

from dataclasses import dataclass

from rothroute.money import as_number


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One figure of a result.

    ``key`` is stable (a form line such as ``f1040.11`` or an engine name such as
    ``tax.niit``); ``value`` is integer cents for money, or text for ratios and flags;
    ``inputs`` are the keys of the lines and parameters it was computed from.
    """

    key: str
    value: int | str
    label: str
    cites: tuple[str, ...]
    inputs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.cites:
            raise ValueError(f"line {self.key} has no citation")

    def to_json(self) -> dict[str, object]:
        value = self.value if isinstance(self.value, str) else as_number(self.value)
        return {"key": self.key, "value": value, "label": self.label,
                "cites": list(self.cites), "inputs": list(self.inputs)}
