"""Named hostile files: every class issue #13 lists, each a small file a user could write.

``READER`` marks a case the YAML 1.2 reader rewrite answers (textdoc.py, household/: tags,
aliases, limits, strict dates and JSON, the amount cap); their tests are strict xfails until
then, so the lead sees at once which pass after the rewrite. Every other case passes today.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {{id: pat, born: {born}}}
income:
  - {{person: pat, kind: taxable_interest, amount: {amount}}}
accounts:
  - {{id: ira, owner: pat, kind: traditional_ira, value: 1000}}
  - {{id: roth, owner: pat, kind: roth_ira, value: 0}}
{rest}"""


def household(*, amount: str = "2000", born: str = "1960-05-01", rest: str = "") -> str:
    return BASE.format(amount=amount, born=born, rest=rest)


@dataclass(frozen=True)
class Named:
    name: str
    data: bytes
    suffix: str = ".yaml"
    reader: str = ""  # why the reader rewrite is needed ("" = passes today)


def _case(name: str, text: str | bytes, *, suffix: str = ".yaml", reader: str = "") -> Named:
    return Named(name, text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"), suffix, reader)


def _bomb(width: int, depth: int) -> str:
    lines = ['a0: &a0 ["lol"]'] + [f"a{d}: &a{d} [" + ", ".join([f"*a{d - 1}"] * width) + "]"
                                   for d in range(1, depth + 1)]
    return "\n".join(lines) + "\n"


TAG = "an explicit YAML tag escapes the reader as a traceback"
BIG = "integers over 4,300 digits escape the reader"
INF = "an exponent past Decimal's range raises decimal.Overflow in the spec"
NEST = "deep nesting and recursive aliases raise RecursionError in the reader"
DATE = "an impossible date escapes the YAML timestamp constructor"
BYTES = "undecodable bytes are reported with neither a field nor a line"
MSG = "a parser message spread over several lines"
NOLINE = "a problem of the whole document given with no line"

CASES: list[Named] = [
    # every class the issue lists, and more
    _case("tag_int_abc", household(amount="!!int abc"), reader=TAG),
    _case("tag_bool_maybe", household(rest="lived_apart_all_year: !!bool maybe\n"), reader=TAG),
    _case("tag_timestamp_foo", household(born="!!timestamp foo"), reader=TAG),
    _case("tag_empty_int", household(amount="!!int")),
    _case("tag_python_object", household(amount="!!python/object:os.system {}")),
    _case("tag_custom", household(amount="!money 12"), reader=MSG),
    _case("tag_str_number", household(amount="!!str 12")),
    _case("integer_4301_digits", household(amount="9" * 4301), reader=BIG),
    _case("negative_integer_5000_digits", household(rest="magi_history: {2024: -" + "9" * 5000 + "}\n"), reader=BIG),
    _case("year_4400_digits", household().replace("tax_year: 2026", "tax_year: " + "1" * 4400), reader=BIG),
    _case("exponent_999999", household(amount="1.0e+999999"), reader=INF),
    _case("negative_exponent_999999", household(amount="-1.0e+999999"), reader=INF),
    _case("tiny_exponent", household(amount="1.0e-999999")),
    _case("infinity", household(amount=".inf")),
    _case("not_a_number", household(amount=".nan")),
            _case("amount_just_over_the_cap", household(amount="1000000000000.01")),
    _case("amount_at_the_cap", household(amount="1000000000000")),
    _case("date_feb_30", household(born="2026-02-30"), reader=DATE),
    _case("date_year_0", household(born="0000-01-01"), reader=DATE),
    _case("date_month_13", household(born="2026-13-01"), reader=DATE),
    _case("date_9999_12_31_move", household(rest="moves:\n  - {date: 9999-12-31, move: conversion, from: ira, "
                                                  "to: roth, amount: 10}\n")),
    _case("rollover_after_9999_12_31", household(rest="moves:\n  - {date: 2026-03-02, move: rollover, from: ira, "
                                                       "to: roth, amount: 10, via: 60_day}\n").replace(
        "{id: pat, born: 1960-05-01}", "{id: pat, born: 1960-05-01, last_60_day_ira_rollover: 9999-12-31}")),
    _case("alias_reused", household(rest="x: &a {kind: taxable_interest, amount: 5}\n")),
    _case("alias_merge_key", "base: &b {id: ira, owner: pat, kind: traditional_ira, value: 5}\n"
          + household().replace("  - {id: ira, owner: pat, kind: traditional_ira, value: 1000}", "  - {<<: *b}"),
          reader=MSG),
    _case("alias_undefined", household(rest="magi_history: *nowhere\n")),
    _case("alias_recursive_list", household(rest="loop: &l [*l]\n"), reader=NEST),
    _case("alias_recursive_map", household(rest="loop: &l {x: *l}\n"), reader=NEST),
    _case("nesting_1000_lists", household(rest="deep: " + "[" * 1000 + "]" * 1000 + "\n")),
    _case("nesting_1000_maps", household(rest="deep: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n")),
    _case("binary_random", bytes(range(256)) * 4, reader=BYTES),
    _case("binary_nul", household().encode() + b"\x00", reader=NOLINE),
    _case("binary_latin1", household().replace("pat", "p\xe4t").encode("latin-1"), reader=BYTES),
    _case("utf16", household().encode("utf-16"), reader=BYTES),
    _case("empty", "", reader=NOLINE),
    _case("a_list", "- 1\n- 2\n"),
    _case("a_scalar_document", "household\n"),
    _case("two_documents", household() + "---\n" + household()),
    _case("scalar_where_list", household().replace("income:\n  - {person: pat, kind: taxable_interest, amount: 2000}",
                                                   "income: 2000")),
    _case("conversions_scalar", household().replace("{id: pat, born: 1960-05-01}",
                                                    "{id: pat, born: 1960-05-01, roth_ira: {conversions: 5}}")),
    _case("magi_keys_not_years", household(rest="magi_history: {abc: 1, '²': 2, 2024.5: 3, null: 4}\n")),
    _case("move_mixed_keys", household(rest="moves:\n  - {date: 2026-03-02, move: conversion, from: ira, to: roth, "
                                            "amount: 10, 2: x, b: y, null: z}\n")),
    _case("move_to_scalar", household(rest="moves:\n  - {date: 2026-03-02, move: distribution, from: ira, to: roth}\n")),
    _case("move_amount_text", household(rest="moves:\n  - {date: 2026-03-02, move: conversion, from: ira, to: roth, "
                                              "amount: lots}\n")),
    _case("move_is_a_list", household(rest="moves:\n  - [2026-03-02, conversion]\n")),
    _case("json_valid", b'{"format": 1, "tax_year": 2026, "filing_status": "single", '
                        b'"people": [{"id": "pat", "born": "1960-05-01"}]}', suffix=".json"),
    _case("json_lone_surrogate", b'{"format": 1, "tax_year": 2026, "filing_status": "single", '
                                 b'"people": [{"id": "\\ud800", "born": "1960-05-01"}]}', suffix=".json"),
    _case("json_nan", b'{"format": NaN}', suffix=".json"),
    _case("json_truncated", b'{"format": 1, "tax_year": 20', suffix=".json"),
]

# the bounded cases: each answered within 2 s and 200 MB (run as a fresh process)
BOUNDED: list[Named] = [
    _case("alias_bomb_9x9", _bomb(9, 9) + household(), reader="alias expansion has no limit"),
    _case("alias_bomb_in_magi_history", household(rest="x:\n" + "".join("  " + ln + "\n" for ln in
                                                                      _bomb(10, 8).splitlines())
                                                  + "magi_history: *a8\n"), reader="alias expansion has no limit"),
    _case("nesting_100000", household(rest="deep: " + "[" * 100_000 + "]" * 100_000 + "\n")),
    _case("file_of_20_mb", household() + "#" + "x" * (20 * 2**20) + "\n"),
    _case("income_items_50000", household().replace(
        "income:\n", "income:\n" + "  - {kind: taxable_interest, amount: 1}\n" * 50_000),
        reader="no maximum file size"),
]
