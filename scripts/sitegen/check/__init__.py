"""Stage 1: read each case file and check it. Problems are data (problems.py); only reporters.py words them."""
