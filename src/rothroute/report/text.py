"""Text shared by the report's page and charts: money as people write it, and citations as links.

>>> money(12345), money(72256.75), money(-3000.0)
('$12,345', '$72,256.75', '-$3,000')
>>> cite_url("IRC §402(c)(2)")
'https://www.law.cornell.edu/uscode/text/26/402'
>>> cite_url("Treas. Reg. §1.408A-10 Q&A-3")
'https://www.ecfr.gov/current/title-26/section-1.408A-10'
>>> cite_url("IRS Notice 2014-54")
'https://www.irs.gov/pub/irs-drop/n-14-54.pdf'
>>> cite_url("the plan document") is None
True
"""

from __future__ import annotations

import re
from typing import Any

_URL = re.compile(r"https?://[^\s,;]+")

# (pattern on the citation, URL template filled with the pattern's groups); first match wins.
# Only sources with a stable public address; anything else is shown as plain text.
CITE_URLS: list[tuple[str, str]] = [
    (r"^IRC §\s*(\d+[A-Z]?)", "https://www.law.cornell.edu/uscode/text/26/{0}"),
    (r"^(\d+) U\.S\.C\. §\s*(\d+[a-z]?(?:-\d+)?)", "https://www.law.cornell.edu/uscode/text/{0}/{1}"),
    (r"^(?:Treas\. Reg\.|26 CFR) §\s*(\d+\.\d+[A-Z]?-\d+[A-Z]?)", "https://www.ecfr.gov/current/title-26/section-{0}"),
    (r"^20 CFR §\s*(\d+\.\d+)", "https://www.ecfr.gov/current/title-20/section-{0}"),
    (r"^IRS Notice \d\d(\d\d)-(\d+)", "https://www.irs.gov/pub/irs-drop/n-{0}-{1}.pdf"),
    (r"^(?:IRS )?Rev\. Proc\. \d\d(\d\d)-(\d+)", "https://www.irs.gov/pub/irs-drop/rp-{0}-{1}.pdf"),
    (r"^Form 8606 (?:instructions|Part)", "https://www.irs.gov/instructions/i8606"),
    (r"^(?:Form 1040 instructions|Qualified Dividends and Capital Gain)", "https://www.irs.gov/instructions/i1040gi"),
    (r"^Form (\d{4})\b", "https://www.irs.gov/forms-pubs/about-form-{0}"),
    (r"^Schedule ([12ABDR]) ", "https://www.irs.gov/forms-pubs/about-schedule-{0}-form-1040"),
    (r"^(?:IRS )?Pub(?:lication)?\.? ?(\d+)(?:-([A-Z]))?", "https://www.irs.gov/publications/p{0}{1}"),
]


def money(value: Any) -> str:
    """Dollars as ``$12,345``, with cents only when the amount is not whole; text is kept as is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = float(value).is_integer()
    return f"{sign}${value:,.0f}" if whole else f"{sign}${value:,.2f}"


def cite_url(cite: str) -> str | None:
    """The public address of a citation: the one written in it, else one from ``CITE_URLS``."""
    found = _URL.search(cite)
    if found:
        return found.group(0).rstrip(".)")
    for pattern, template in CITE_URLS:
        m = re.match(pattern, cite.strip())
        if m:
            groups = [g or "" for g in m.groups()]  # irs.gov paths are lower case; Cornell's and eCFR's not
            return template.format(*(g.lower() if "irs.gov" in template else g for g in groups))
    return None


def short_cite(cite: str) -> str:
    """The citation without the sourcing notes that follow an address written in it."""
    found = _URL.search(cite)
    head = cite[:found.start()] if found else cite
    return head.rstrip(" ,;") or cite


def cite_detail(cite: str) -> str:
    """What ``short_cite`` leaves out, without the addresses (for the list of authorities)."""
    rest = _URL.sub("", cite[len(short_cite(cite)):])
    rest = re.sub(r"(\s*[,;]\s*){2,}", "; ", rest)
    return rest.strip(" ,;")
