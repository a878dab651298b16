"""Everything about data, free of Textual: the model, ingest and parse, eligibility, persistence, outputs."""
