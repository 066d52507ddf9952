"""What each federal tax line is: its label, the law it applies, the lines and parameter
families it is computed from. The single path turns computed values into ``Line``s with this."""

from __future__ import annotations

# key: (label, citations, input line keys, parameter families whose sources are cited)
LINE_INFO: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "f1040.1z": ("Wages", ("IRC §61(a)(1)", "Form 1040 line 1z"), (), ()),
    "f1040.2a": ("Tax-exempt interest (not taxed; counts for Social Security and IRMAA)",
                 ("IRC §103", "Form 1040 line 2a"), (), ()),
    "f1040.2b": ("Taxable interest", ("IRC §61(a)(4)", "Form 1040 line 2b"), (), ()),
    "f1040.3a": ("Qualified dividends", ("IRC §1(h)(11)", "Form 1040 line 3a"), (), ()),
    "f1040.3b": ("Ordinary dividends", ("IRC §61(a)(7)", "Form 1040 line 3b"), (), ()),
    "f1040.5b": ("Taxable pensions, annuities and retirement distributions",
                 ("IRC §72", "IRC §402(a)", "IRC §408(d)(1)", "Form 1040 lines 4b, 5b"), (), ()),
    "schd.16": ("Net capital gain or loss (short-term plus long-term)", ("Schedule D line 16",), (), ()),
    "f1040.7": ("Capital gain or (loss), a loss limited to $3,000 ($1,500 married filing separately)",
                ("IRC §1211(b)", "IRC §1222", "Form 1040 line 7"), ("schd.16",), ()),
    "f1040.8": ("Other ordinary income", ("IRC §61", "Schedule 1 line 10"), (), ()),
    "f1040.6a": ("Social Security benefits", ("Form 1040 line 6a",), (), ()),
    "ssws.8": ("Provisional income: half the benefits plus other income plus tax-exempt interest",
               ("IRC §86(b)(1)", "Pub 915 Worksheet 1 line 8"), ("f1040.6a", "f1040.2a"),
               ("social_security_taxation",)),
    "f1040.6b": ("Taxable Social Security benefits: the smaller of 85% of benefits and the worksheet's sum",
                 ("IRC §86(a)-(c)", "Pub 915 Worksheet 1 line 19", "Form 1040 line 6b"),
                 ("ssws.8", "f1040.6a"), ("social_security_taxation",)),
    "f1040.10": ("Adjustments to income: the deductible IRA contributions", ("IRC §62(a)(7)", "IRC §219",
                                                                          "Schedule 1 line 20"), (), ()),
    "f1040.11": ("Adjusted gross income", ("IRC §62", "Form 1040 line 11"),
                 ("f1040.1z", "f1040.2b", "f1040.3b", "f1040.5b", "f1040.6b", "f1040.7", "f1040.8", "f1040.10"), ()),
    "f1040.12.standard": ("Standard deduction with the additions for age 65 or older and blindness",
                          ("IRC §63(c)", "IRC §63(f)", "Form 1040 line 12"), (),
                          ("standard_deduction", "aged_blind_addition")),
    "scha.5e": ("State and local taxes allowed after the cap", ("IRC §164(b)(6), (7)", "Schedule A line 5e"),
                ("f1040.11",), ("salt_cap",)),
    "scha.14": ("Gifts to charity by cash (itemizing): the part above the floor (0.5% of AGI from 2026), at most "
                "60% of AGI", ("IRC §170(a), (b)(1)(G)", "IRC §170(b)(1) as amended by P.L. 119-21",
                               "Schedule A line 14"), ("f1040.11",), ("charitable_deduction",)),
    "charity.non_itemizer": ("Charitable deduction without itemizing: cash gifts up to $1,000 ($2,000 joint), "
                             "from 2026", ("IRC §170(p) as amended by P.L. 119-21", "IRC §63(b)"), (),
                             ("charitable_deduction",)),
    "f1040.12": ("Standard or itemized deduction, whichever gives the smaller tax (the standard one with the "
                 "charitable deduction of non-itemizers)", ("IRC §63(b), (d), (e)", "Form 1040 line 12"),
                 ("f1040.12.standard", "f1040.12.itemized", "charity.non_itemizer"), ()),
    "sch1a.38": ("Senior deduction: for each person 65 or older, the amount less 6% of MAGI above the threshold",
                 ("IRC §151(d)(5)(C)", "Schedule 1-A line 38"), ("f1040.11",), ("senior_deduction",)),
    "deductions": ("Deductions: standard or itemized, plus the senior deduction and a non-itemizer's charitable "
                   "deduction", ("IRC §63", "IRC §151(d)(5)(C)", "IRC §170(p)", "Form 1040 lines 12-14"),
                   ("f1040.12", "sch1a.38", "charity.non_itemizer"), ()),
    "f1040.15": ("Taxable income", ("IRC §63(a)", "Form 1040 line 15"), ("f1040.11", "deductions"), ()),
    "qdcg.5": ("Taxable income taxed at ordinary rates", ("Form 1040 instructions, Qualified Dividends and "
                                                          "Capital Gain Tax Worksheet line 5",),
               ("f1040.15", "f1040.3a", "net_capital_gain"), ()),
    "f1040.16": ("Tax: rate schedule, with qualified dividends and net capital gain at 0/15/20%",
                 ("IRC §1(j)(2)", "IRC §1(h)(1), §1(j)(5)", "Qualified Dividends and Capital Gain Tax Worksheet",
                  "Form 1040 line 16"), ("f1040.15", "qdcg.5"), ("ordinary_brackets", "capital_gains_thresholds")),
    "f6251.4": ("Alternative minimum taxable income", ("IRC §55(b)(2)", "IRC §56(b)(1)(A), (E)",
                                                       "Form 6251 line 4"), ("f1040.15",), ()),
    "f1040.17": ("Alternative minimum tax, plus any excess advance premium tax credit repaid (Schedule 2 line 1a)",
                 ("IRC §55(a)", "Form 6251 line 11", "IRC §36B(f)(2)", "Schedule 2 lines 1a, 2, 3"),
                 ("f6251.4", "f1040.16"), ("amt",)),
    "schr.22": ("Credit for the elderly: 15% of the initial amount less nontaxable Social Security and half of AGI "
                "above the threshold, limited to the tax", ("IRC §22", "IRC §26(a)", "Schedule R line 22"),
                ("f1040.6a", "f1040.6b", "f1040.11", "f1040.17"), ("elderly_credit",)),
    "f1040.22": ("Income tax after nonrefundable credits (the credit for the elderly; others not modelled)",
                 ("Form 1040 line 22",), ("f1040.16", "f1040.17", "schr.22"), ()),
    "f8960.17": ("Net investment income tax: 3.8% of the smaller of investment income and MAGI above the "
                 "threshold", ("IRC §1411(a)(1)", "Form 8960 line 17"), ("f8960.8", "f1040.11"), ("niit",)),
    "f5329.4": ("Additional 10% tax on early distributions", ("IRC §72(t)(1)", "Form 5329 line 4"), (), ()),
    "total_tax": ("Total federal tax: income tax, NIIT and additional tax (Form 1040 line 24, with any excess "
                  "advance premium tax credit repaid), less the net premium tax credit (refundable, Form 1040 "
                  "line 31)", ("Form 1040 line 24", "Form 1040 line 31", "Schedule 3 line 9"),
                  ("f1040.22", "f8960.17", "f5329.4"), ()),
    "irmaa.magi": ("MAGI for IRMAA: AGI plus tax-exempt interest", ("42 U.S.C. §1395r(i)(4)",
                                                                    "20 CFR §418.1010"),
                   ("f1040.11", "f1040.2a"), ()),
    "irmaa.tier": ("IRMAA tier this MAGI puts each Medicare enrollee in two years later (0 = none)",
                   ("42 U.S.C. §1395r(i)(3)", "42 U.S.C. §1395w-113(a)(7)", "20 CFR §418.1115"),
                   ("irmaa.magi",), ("irmaa",)),
}

TAX_KEYS = {
    "agi": "f1040.11",
    "taxable_social_security": "f1040.6b",
    "deductions": "deductions",
    "taxable_income": "f1040.15",
    "federal_income_tax": "f1040.22",
    "niit": "f8960.17",
    "additional_tax_72t": "f5329.4",
    "total_tax": "total_tax",
    "irmaa_tier": "irmaa.tier",
}
"""The result's ``tax`` keys (household-format contract) and the line each one is."""
