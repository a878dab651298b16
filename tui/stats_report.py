"""`eujobs stats` and the statistics screen's content: applications per month and the funnel of each kind of
procedure, as tables with bars of block characters. Plain text, the same on the command line and on screen.

Bars are characters, not colour: they read the same under NO_COLOR, in a pipe and over SSH, and the chart libraries
measured cost more than they give here (README, Dependencies).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from eujobs.store.model import Vacancy
from eujobs.store.outputs.safe_text import json_text
from eujobs.store.outputs.stats import Funnel, KindFunnel, funnel
from eujobs.store.persistence.db import Store
from eujobs.store.procedure.templates import PROCEDURES, find_procedure

from .report import terminal_width

WIDEST = 80  # the command line's chart fits an 80-column terminal whatever the terminal's width
WIDEST_BAR = 40
EIGHTHS = " ▏▎▍▌▋▊▉"
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_WIDTH = 22  # the longest stage label, "recruitment interviews"
COUNTS = ("reached", "passed", "failed", "waiting", "pass rate")
STAGE_COLUMNS = 2 + LABEL_WIDTH + 1 + 1 + 7 + 1 + 6 + 1 + 6 + 1 + 7 + 1 + 9  # a stage's line but its bar
MONTH_COLUMNS = 2 + 8 + 2 + 1 + 4  # a month's line but its bar


@dataclass(frozen=True)
class Line:
    text: str
    heading: bool = False


def bar(count: int, most: int, width: int) -> str:
    """`count` of `most` as a bar of `width` cells at most, in eighths of a cell; a count above none shows."""
    if most <= 0 or count <= 0:
        return ""
    eighths = max(round(count * width * 8 / most), 1)
    return "█" * (eighths // 8) + EIGHTHS[eighths % 8].strip()


def month_text(month: date) -> str:
    """"Mar 2026": in English whatever the locale, as every other word eujobs prints."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def stats_lines(found: Funnel, width: int) -> list[Line]:
    """The months' chart, then each kind's funnel: a table with the reached counts as bars."""
    if not found.months and not found.kinds:
        return [Line("No applications yet: the statistics count the vacancies you applied to.")]
    lines = [Line(f"Applications per month ({found.applications} in all)", heading=True)]
    most = max((count for _, count in found.months), default=0)
    month_bar = max(min(width - MONTH_COLUMNS, WIDEST_BAR), 5)
    lines += [Line(f"  {month_text(month)}  {bar(count, most, month_bar):<{month_bar}} {count:>4}")
              for month, count in found.months]
    for kind in found.kinds:
        lines += [Line(""), *_kind_lines(kind, width)]
    return lines


def _kind_lines(kind: KindFunnel, width: int) -> list[Line]:
    stage_bar = max(min(width - STAGE_COLUMNS, WIDEST_BAR), 5)
    most = max((stage.reached for stage in kind.stages), default=0)
    lines = [Line(f"{kind.name}: {kind.vacancies} vacanc{'y' if kind.vacancies == 1 else 'ies'}", heading=True),
             Line(f"  {'stage':<{LABEL_WIDTH}} {'':<{stage_bar}} {COUNTS[0]:>7} {COUNTS[1]:>6} {COUNTS[2]:>6} "
                  f"{COUNTS[3]:>7} {COUNTS[4]:>9}")]
    lines += [Line(f"  {stage.label[:LABEL_WIDTH]:<{LABEL_WIDTH}} {bar(stage.reached, most, stage_bar):<{stage_bar}} "
                   f"{stage.reached:>7} {stage.passed:>6} {stage.failed:>6} {stage.waiting:>7} "
                   f"{rate_text(stage.pass_rate):>9}")
              for stage in kind.stages]
    return lines


class StatsView:
    """The statistics screen's state: the figures of the vacancies it was opened on, counted once."""

    def __init__(self, vacancies: Iterable[Vacancy], now: datetime) -> None:
        self.funnel = funnel(vacancies, now)

    @property
    def title(self) -> str:
        return f"Statistics on {self.funnel.on:%d/%m/%Y}"

    def lines(self, width: int) -> list[Line]:
        return stats_lines(self.funnel, width)


def procedure_kind(text: str) -> str:
    """`stats --kind`: a kind of procedure by its id or name ("cast", "EPSO competition")."""
    found = find_procedure(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"'{text}' is no kind of procedure: one of {', '.join(PROCEDURES)}")
    return found


def add_parser(commands, common: argparse.ArgumentParser) -> None:
    stats = commands.add_parser("stats", parents=[common], help="applications per month, and how far they got",
                                description="Applications per month, and for each kind of procedure how many "
                                            "reached each stage, passed, failed or wait, and the pass rate.")
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.add_argument("--kind", type=procedure_kind, metavar="KIND",
                       help=f"only this kind of procedure ({', '.join(PROCEDURES)})")


def run_stats(store: Store, args: argparse.Namespace) -> int:
    found = funnel(store.vacancies(), store.clock(), args.kind)
    if args.json:
        print(json_text(found.to_json()))
    elif not found.months and not any(kind.vacancies for kind in found.kinds):
        kind = f" of {PROCEDURES[args.kind].name}" if args.kind else ""
        print(f"No applications{kind} yet in {store.root}: the statistics count the vacancies you applied to "
              "(eujobs status ID applied).")
    else:
        print("\n".join(line.text.rstrip() for line in stats_lines(found, min(terminal_width(), WIDEST))))
    return 0

