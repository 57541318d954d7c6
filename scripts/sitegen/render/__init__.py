"""Stage 2: the checked cases as a model, rendered into plain Markdown, feeds, open data and images."""
