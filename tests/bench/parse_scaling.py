"""How parse and clean-up time grows with the text, on inputs that once made rules quadratic.

Prints seconds for 20 KB and 80 KB of each input and their ratio: about 4 is linear, 16 quadratic.
Run: python tests/bench/parse_scaling.py
"""

from __future__ import annotations

import time

from eujobs.store.ingest.clean import clean_text
from eujobs.store.parse.posting import parse

PREAMBLE = "Vacancy notice for a post in an EU agency. " * 5
REPEATED = {
    "title-case words": "European Agency Board Office ",  # was rescanned from every word
    "headings": "GENERAL CONDITIONS\n\n",
    "addresses": "a.b-c@ec.europa.eu https://a.eu ",  # each once looked at the whole rest of the text
}


def seconds(work, *args) -> float:
    start = time.perf_counter()
    work(*args)
    return time.perf_counter() - start


def main() -> None:
    parse(PREAMBLE * 20)  # warm the regex caches
    print(f"{'input':<28}{'20 KB s':>10}{'80 KB s':>10}{'ratio':>8}")
    for name, unit in REPEATED.items():
        small, large = (seconds(parse, PREAMBLE + unit * (size // len(unit))) for size in (20_000, 80_000))
        print(f"{'parse: ' + name:<28}{small:>10.3f}{large:>10.3f}{large / small:>8.1f}")
    small, large = (seconds(clean_text, "x" * size + "-\nword", "text") for size in (20_000, 80_000))
    print(f"{'clean: one long word':<28}{small:>10.3f}{large:>10.3f}{large / small:>8.1f}")


if __name__ == "__main__":
    main()
