"""``rothroute scan``: a whole book of households at once, on this machine's cores or a Dask
cluster (issue #17). Behind the ``scan`` extra (PyArrow for the tables, dask.distributed for
clusters); the core never imports them.

- ``book``: the book table's columns, a row to a format-1 household and back;
- ``outcome``: what the scan says of a household (the output's fields), from a comparison;
- ``exact``: one household through the loader and ``rothroute compare`` (and the optimizer);
- ``fast``: many households' strategies priced at once on the batch kernels, for the shapes that
  dominate a recordkeeper's book, each row equal to ``exact``'s (a property test);
- ``partition``: one unit of work, written whole or not at all;
- ``tables``: staging, parts, the merge in household id order, the outputs (PyArrow);
- ``run``: the scan itself, its engines and its work directory (resume);
- ``summary``: the counts, the top opportunities and the HTML summary.
"""

from __future__ import annotations

from rothroute.scan.run import Options, ScanError, Summary, scan

__all__ = ["Options", "ScanError", "Summary", "scan"]
