"""Federal income tax of a household-year: the formulas (one per form or worksheet), the chain
(household_year), the single path with its lines (federal), and the batch path on columns (batch,
compiled)."""
