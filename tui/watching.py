"""Postings from the web: `eujobs watch` and the dashboard's watch (watch_sources), and the fetcher `eujobs
import URL` uses."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from platformdirs import user_config_dir

from eujobs.store.outputs.safe_text import one_line
from eujobs.store.persistence.db import Store

from .formatting import printable

if TYPE_CHECKING:
    from eujobs.store.fetch.client import Fetcher
    from eujobs.store.watch.config import WatchConfig
    from eujobs.store.watch.watching import WatchReport


def config_path() -> Path:
    """watch.toml in the user's config folder (~/.config/eujobs on Linux, as platformdirs chooses it)."""
    from eujobs.store.watch.config import CONFIG_FILE

    return Path(user_config_dir("eujobs")) / CONFIG_FILE


def watch_config() -> WatchConfig:
    from eujobs.store.watch.config import read_config

    return read_config(config_path())


def fetcher_for(store: Store, paths: list[str]) -> Fetcher | None:
    """A fetcher when an import names an address; None otherwise (httpx is then never imported)."""
    from eujobs.store.fetch.urls import looks_like_url

    if not any(looks_like_url(path) for path in paths):
        return None
    from eujobs.store.fetch.client import open_fetcher

    config = watch_config()
    return open_fetcher(store.root, pause=config.pause, timeout=config.timeout)


def run_watch(store: Store, args: argparse.Namespace) -> int:
    with StatusLine(sys.stderr, active=not args.quiet) as status:
        report = watch_sources(store, args.urls, status.show)
    for line in report.broken + report.failures:
        print(f"eujobs: {printable(line)}", file=sys.stderr)
    if not args.quiet or report.new or report.changed:
        print_report(report)
    return 1 if report.broken else 0


def watch_sources(store: Store, urls: list[str], progress: Callable[[str], None]) -> WatchReport:
    """One watch pass over `urls`, or with none the sources of the user's settings (the command's and the
    dashboard's); `progress` is told what it reads."""
    from eujobs.store.fetch.client import open_fetcher
    from eujobs.store.fetch.urls import checked_url
    from eujobs.store.watch.watching import watch_pass

    config = watch_config()
    sources = [checked_url(url) for url in urls] or list(config.sources)
    with open_fetcher(store.root, pause=config.pause, timeout=config.timeout) as fetcher:
        return watch_pass(store, sources, fetcher, config, progress)


def print_report(report: WatchReport) -> None:
    from eujobs.store.watch.watching import short_date

    for vacancy_id, title in report.new:
        print(printable(f"new      {vacancy_id:<7} {title}"))
    for change in report.changed:
        moved = f"  (deadline {short_date(change.before)} → {short_date(change.after)})" \
            if change.before != change.after else ""
        print(printable(f"changed  {change.vacancy_id:<7} {change.title}{moved}"))
    print(report.summary())


class StatusLine:
    """What a watch pass is doing, on one line of a terminal's stderr; nothing when stderr is no terminal."""

    def __init__(self, stream: TextIO, active: bool = True) -> None:
        self.stream = stream
        self.active = active and stream.isatty()
        self.drawn = False

    def show(self, text: str) -> None:
        if not self.active:
            return
        self.stream.write(f"\r\033[K{one_line(text)[:79]}")
        self.stream.flush()
        self.drawn = True

    def __enter__(self) -> StatusLine:
        return self

    def __exit__(self, *exc) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
