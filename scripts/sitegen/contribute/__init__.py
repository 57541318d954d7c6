"""Around the pipeline: what contributors and the GitHub workflows use (reports, the form, the new-case template, the weekly link check)."""
