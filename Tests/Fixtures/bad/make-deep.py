#!/usr/bin/env python3
"""Write deep-nesting.yaml and deep-nesting.expected.

The input is 20,000 nested flow sequences on one line: `[[[[...]]]]`. libyaml's event parser
reads it without trouble (it keeps a heap stack, no recursion), so the limit must come from
venue-audit's reader. The expectation assumes the reader counts the outermost collection as
depth 1 and allows at most MAX_DEPTH levels: the first collection deeper than that, the
(MAX_DEPTH+1)-th `[`, is on line 1 at column MAX_DEPTH+1.

Usage: python3 make-deep.py [--max-depth N] [--levels N]   (run in this folder)
"""
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--levels", type=int, default=20_000)
parser.add_argument("--max-depth", type=int, default=256)
args = parser.parse_args()

with open("deep-nesting.yaml", "w", encoding="ascii", newline="\n") as f:
    f.write("[" * args.levels + "]" * args.levels + "\n")
with open("deep-nesting.expected", "w", encoding="ascii", newline="\n") as f:
    f.write(f"1:{args.max_depth + 1}|depth\n")
