"""Never lose a tick: a writer changing the store is SIGKILLed at random moments, over and over, and after
every kill the store must open and hold every change the writer acknowledged.

tests/crash_writer.py says `begin {op}` before each change and `ack {op}` once the store call returned.
After a kill the store must equal the model built from the acknowledged changes, or that model plus the one
change in flight, whole: a change may be lost only if it was never acknowledged, and never half-made.
The next writer then carries on with the same store, so a kill must leave nothing that blocks it (the lock
is an flock on .lock, which the kernel releases when the holder dies; the .lock file itself stays).
Set EUJOBS_CRASH_SEED to replay the random choices of a failing run.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.persistence import db as store_db
from eujobs.store.persistence.db import Store

from .conftest import fixed_clock, incoming

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 300
SEED_VACANCIES = 30
ITEMS = tuple(f"item-{n}" for n in range(8))
WAIT_S = 30.0  # for a writer to start or to reach its n-th change; only a broken store takes this long


class Writers:
    """crash_writer.py: it forks the writers, so each starts in a millisecond with eujobs already imported."""

    def __init__(self, root: Path, log: Path) -> None:
        self.log = log
        with log.open("wb") as errors:
            self.process = subprocess.Popen([sys.executable, str(WRITER), str(root)], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=errors, bufsize=0)
        self.pending = b""
        self.lines: list[str] = []
        self.start = 0  # where the current writer's lines begin
        self.pid: int | None = None
        self.read_until(lambda: "ready" in self.lines, "the writers' server starting")

    def read(self, timeout: float) -> None:
        """Take what was said within `timeout` seconds (complete lines only)."""
        readable, _, _ = select.select([self.process.stdout], [], [], max(timeout, 0))
        if not readable:
            return
        chunk = os.read(self.process.stdout.fileno(), 1 << 20)
        if not chunk:
            raise AssertionError(f"the writers' server died:\n{self.log.read_text()}")
        *complete, self.pending = (self.pending + chunk).split(b"\n")
        self.lines.extend(line.decode() for line in complete)

    def read_until(self, condition, what: str) -> None:
        deadline = time.monotonic() + WAIT_S
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not happen within {WAIT_S} s:\n{self.log.read_text()}")
            self.read(deadline - time.monotonic())

    def current(self) -> list[str]:
        return self.lines[self.start:]

    def said(self, word: str) -> list[str]:
        return [line.partition(" ")[2] for line in self.current() if line.partition(" ")[0] == word]

    def run(self, seed: int, day: int) -> None:
        """Start a writer: from now on it changes the store."""
        self.start = len(self.lines)
        self.process.stdin.write(f"run {seed} {day}\n".encode())
        self.read_until(lambda: self.said("writer"), "a writer starting")
        self.pid = int(self.said("writer")[0])

    def acks(self) -> int:
        return len(self.said("ack"))

    def dead(self) -> bool:
        return bool(self.said("exit"))

    def kill(self) -> None:
        # Safe even if it died already: the server reaps it only at the next run, so the PID is still its own.
        os.kill(self.pid, signal.SIGKILL)
        self.read_until(self.dead, "the killed writer's exit")
        status = int(self.said("exit")[0])
        if status != signal.SIGKILL:
            raise AssertionError(f"writer {self.pid} ended by itself ({status}) before the kill:\n{self.log.read_text()}")

    def ops(self) -> tuple[list[dict], dict | None]:
        """The acknowledged changes in order, and the change in flight when it died (or None)."""
        acked, in_flight = [], None
        for line in self.current():
            word, _, data = line.partition(" ")
            if word == "begin":
                in_flight = json.loads(data)
            elif word == "ack":
                acked.append(json.loads(data))
                in_flight = None
        return acked, in_flight

    def close(self) -> None:
        if self.pid is not None and not self.dead():
            os.kill(self.pid, signal.SIGKILL)
        self.process.stdin.close()  # the server reaps its last writer and ends
        try:
            self.process.wait(WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


def facts_of(store: Store) -> tuple[dict, dict]:
    """Everything the writers change, as {fact: value} (a tick that is not done is absent), and each
    vacancy's source path. Reading it is the check that the store loads."""
    facts: dict[tuple, object] = {("profile",): store.profile().experience_years}
    paths = {}
    for vacancy in store.vacancies():
        facts[("title", vacancy.id)] = vacancy.posting.title
        if vacancy.posting.department:  # set by updates
            facts[("department", vacancy.id)] = vacancy.posting.department
        facts[("status", vacancy.id)] = (vacancy.status, len(vacancy.history))
        facts[("notes", vacancy.id)] = vacancy.notes
        facts.update({("tick", vacancy.id, item): done for item, done in vacancy.ticks.items()})
        assert not vacancy.history or vacancy.history[-1].status == vacancy.status, vacancy
        paths[vacancy.id] = vacancy.source.path
    return facts, paths


def effect(model: dict, op: dict) -> dict:
    """The facts one change sets (None: the fact goes away); an import needs the id the store gave it."""
    kind, vacancy_id = op["op"], op.get("id")
    if kind == "tick":
        return {("tick", vacancy_id, op["item"]): True if op["done"] else None}
    if kind == "status":
        status, changes = model[("status", vacancy_id)]
        return {("status", vacancy_id): (op["status"], changes + (op["status"] != status))}
    if kind == "notes":
        return {("notes", vacancy_id): op["text"]}
    if kind == "profile":
        return {("profile",): op["years"]}
    if kind == "update":
        return {("department", vacancy_id): op["department"]}
    return {("title", vacancy_id): op["title"], ("status", vacancy_id): ("new", 0), ("notes", vacancy_id): ""}


def applied(model: dict, changes: dict) -> dict:
    after = dict(model)
    for fact, value in changes.items():
        if value is None:
            after.pop(fact, None)
        else:
            after[fact] = value
    return after


def differences(actual: dict, expected: dict) -> list[str]:
    return [f"{fact}: expected {expected.get(fact)!r:.80}, found {actual.get(fact)!r:.80}"
            for fact in sorted(actual.keys() | expected.keys(), key=repr) if actual.get(fact) != expected.get(fact)]


def with_in_flight(model: dict, op: dict, actual: dict, paths: dict) -> dict:
    """The model with the change that was in flight at the kill made, whole."""
    if op["op"] not in ("import", "import_file"):
        return applied(model, effect(model, op))
    # A new posting's id is known only once saved: it is the one new vacancy, made from this op.
    new = {fact[1] for fact in actual.keys() - model.keys() if fact[0] == "title"}
    made = [vacancy_id for vacancy_id in new if actual[("title", vacancy_id)] == op["title"]
            and (op["op"] == "import" or paths[vacancy_id] == str(Path(op["path"]).resolve()))]
    return applied(model, effect(model, {**op, "id": made[0]})) if len(made) == 1 else model


class Crashes:
    """The store under test, the model of what it must hold, and the figures of the run."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root, self.seed = root, seed
        self.model, _ = facts_of(Store.open(root, fixed_clock))
        self.temp_files: set[Path] = set()
        self.kills = self.acknowledged = self.in_flight_made = self.mid_write = 0

    def after_kill(self, writer: Writers, run: int) -> None:
        where = f"kill {run} (EUJOBS_CRASH_SEED={self.seed} replays the run)"
        acked, in_flight = writer.ops()
        for op in acked:
            self.model = applied(self.model, effect(self.model, op))
        self.kills += 1
        self.acknowledged += len(acked)

        try:
            actual, paths = facts_of(Store.open(self.root, fixed_clock))
        except StoreError as error:
            pytest.fail(f"{where}: the store no longer opens after the kill: {error}")
        try:
            with Store.open(self.root, fixed_clock).locked():  # the store's own lock, not waiting (timeout 0)
                pass
        except StoreError as error:
            pytest.fail(f"{where}: after the kill the store cannot be locked: {error}")
        assert (self.root / ".lock").exists()  # left behind, yet not blocking: an flock dies with its process
        left = set(self.root.rglob(".*.tmp"))
        self.mid_write += bool(left - self.temp_files)  # only an atomic write cut short leaves its temporary file
        self.temp_files = left

        lost = differences(actual, self.model)
        if lost and in_flight is not None:
            made = with_in_flight(self.model, in_flight, actual, paths)
            if not differences(actual, made):
                self.model, lost = made, []
                self.in_flight_made += 1
        assert not lost, (f"{where}: the store is not what the acknowledged changes made "
                          f"(in flight: {json.dumps(in_flight)[:200]}):\n" + "\n".join(lost[:20]))


def test_sigkill_at_random_moments_loses_no_acknowledged_change(tmp_path, report, monkeypatch) -> None:
    seed = int(os.environ.get("EUJOBS_CRASH_SEED") or random.SystemRandom().randrange(1, 10**6))
    rng = random.Random(seed)
    root = tmp_path / "store"
    store = Store.open(root, fixed_clock)
    store.save_imports([incoming(f"SEED/{n}", f"{n:064x}", f"Seed officer {n}", ITEMS)
                        for n in range(SEED_VACANCIES)])
    assert_the_lock_is_an_flock(store, root / ".lock")
    monkeypatch.setattr(store_db, "LOCK_TIMEOUT_S", 0)  # in this process only: a lock left held fails at once
    crashes = Crashes(root, seed)
    writers = Writers(root, tmp_path / "writers.err")
    try:
        for run in range(KILLS):
            # A new day every 20 runs: a day's first change takes a daily backup, so kills land in those too.
            writers.run(seed * 1000 + run, run // 20)
            if rng.random() < 0.4:
                # Anywhere: in Store.open, reading the vacancies, between changes or inside one.
                delay = rng.choice((0.0, rng.uniform(0, 0.005), rng.uniform(0, 0.08)))
                deadline = time.monotonic() + delay
                while time.monotonic() < deadline and not writers.dead():
                    writers.read(deadline - time.monotonic())
            else:
                # Inside a change: just after the k-th acknowledgement, a little way into the next change.
                wanted = rng.randrange(0, 12)
                writers.read_until(lambda wanted=wanted: writers.acks() >= wanted or writers.dead(), f"change {wanted}")
                time.sleep(rng.uniform(0, 0.004))
            writers.kill()
            crashes.after_kill(writers, run)

        # The store still works after all that: one more writer makes 20 changes, all kept.
        writers.run(seed * 1000 + KILLS, KILLS // 20)
        writers.read_until(lambda: writers.acks() >= 20 or writers.dead(), "20 changes after the last kill")
        writers.kill()
        crashes.after_kill(writers, KILLS)
    finally:
        writers.close()
    report(f"crash: {crashes.kills} SIGKILLs survived, {crashes.acknowledged:,} acknowledged changes all kept "
           f"({crashes.mid_write} kills cut an atomic write short, {crashes.in_flight_made} changes in flight "
           f"were found made; seed {seed})")


def assert_the_lock_is_an_flock(store: Store, lock_file: Path) -> None:
    """Holding the store's lock must hold an flock on .lock (which the kernel drops when its holder dies),
    or the lock checks after each kill prove nothing."""
    with store.locked():
        descriptor = os.open(lock_file, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(descriptor)
