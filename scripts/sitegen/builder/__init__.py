"""Stage 3: MkDocs over the rendered sources, incrementally where it can, then the search indexes; and serve."""
