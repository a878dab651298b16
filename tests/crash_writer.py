"""The writers that tests/test_crash.py kills: each changes one store until SIGKILL stops it, saying on
stdout what it is about to do and, once the store call has returned, that the change is done.

    python tests/crash_writer.py STORE

reads `run SEED DAY` lines on stdin and for each forks one writer process, waits for it to die and says so.
Lines on stdout, each one write of under 4 KB (so lines from the server and its writer never mix, and a
pipe never carries half of one):
    ready              the server has imported eujobs
    writer PID         a writer started (the test kills this PID)
    begin {op}         the writer is about to make this change (JSON)
    ack {op}           the change is committed: the same op plus what the store answered
    exit N             the writer died of signal N (or exited with status -N); it stays a zombie until the
                       next command, so its PID is never another process's when the test sends a kill
Ops: tick, status, notes, profile, import (a new posting through Store.save_imports), update (a posting
imported again in a new version: another department), import_file (a .txt posting through eujobs.store.ingest.importer.import_paths).
The clock is 2026-03-10 09:00 UTC plus DAY days, so a new DAY makes the first change take a daily backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import traceback
from datetime import UTC, datetime, timedelta
from pathlib import Path

from eujobs.store.eligibility.profile import Profile
from eujobs.store.ingest.importer import import_paths
from eujobs.store.model import ChecklistItem, Posting, Source
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.persistence.state import Change

START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
STATUSES = ("interested", "preparing", "applied", "interview", "rejected", "new")
ITEMS = tuple(f"item-{n}" for n in range(8))
MAX_OPS = 5000  # a writer is killed long before; this only stops one whose test died


def note_text(seed: int, n: int) -> str:
    # A few kilobytes of notes per vacancy make state.json big enough that a kill can land inside its write.
    return f"note {seed}.{n}: " + "call back about the interview; " * 40


def posting_text(reference: str, title: str) -> str:
    return (
        f"{title}\nReference: {reference}\nInstitution: European Commission\nPlace of employment: Brussels\n"
        "Your tasks\nYou will support the unit in planning, reporting and following up the projects of the "
        "directorate, and in writing clear documents for management.\nRequirements\n"
        "- At least 3 years of professional experience in a field linked to the tasks;\n"
        "- Very good knowledge of English.\n"
    )


class Writer:
    def __init__(self, root: Path, seed: int, day: int) -> None:
        now = START + timedelta(days=day)
        self.store = Store.open(root, lambda: now)
        self.seed, self.now = seed, now
        self.rng = random.Random(seed)
        self.inbox = root.parent / "inbox"
        self.inbox.mkdir(exist_ok=True)
        vacancies = self.store.vacancies()
        self.targets = [(v.id, [item.id for item in v.checklist]) for v in vacancies if v.checklist]
        # Postings this family of writers imported through save_imports: the ones an update may refresh.
        self.ours = [(v.id, v.posting.reference) for v in vacancies if (v.posting.reference or "").startswith("CRASH/")]

    def say(self, word: str, op: dict) -> None:
        say(f"{word} {json.dumps(op, separators=(',', ':'))}")

    def next_op(self, n: int) -> dict:
        vacancy_id, items = self.rng.choice(self.targets)
        roll = self.rng.random()
        tag = f"{self.seed}.{n}"
        if roll < 0.45:
            return {"op": "tick", "id": vacancy_id, "item": self.rng.choice(items), "done": self.rng.random() < 0.7}
        if roll < 0.65:
            return {"op": "status", "id": vacancy_id, "status": self.rng.choice(STATUSES), "note": f"by {tag}"}
        if roll < 0.78:
            return {"op": "notes", "id": vacancy_id, "text": note_text(self.seed, n)}
        if roll < 0.83:
            return {"op": "profile", "years": n}
        if roll < 0.91:
            return {"op": "import", "reference": f"CRASH/{tag}", "title": f"Crash officer {tag}"}
        if roll < 0.96 and self.ours:
            vacancy_id, reference = self.rng.choice(self.ours)
            # A new version keeps the title (another title would be a vacancy of its own: a conflict)
            return {"op": "update", "id": vacancy_id, "reference": reference,
                    "title": f"Crash officer {reference.removeprefix('CRASH/')}", "department": f"DG {tag}"}
        return {"op": "import_file", "path": str(self.inbox / f"posting-{tag}.txt"), "reference": f"FILE-{tag}",
                "title": f"File officer {tag}"}

    def incoming(self, reference: str, title: str, department: str | None = None) -> Incoming:
        posting = Posting(title=title, reference=reference, institution="European Commission", department=department,
                          checklist=[ChecklistItem(item, "eligibility", f"text of {item}") for item in ITEMS])
        sha = hashlib.sha256(f"{reference}|{title}|{department}".encode()).hexdigest()
        return Incoming(posting, f"full text of {title}", Source(None, sha, "text", self.now.isoformat()))

    def make(self, op: dict) -> dict:
        """Make the change; returns what the store answered that the test needs to know."""
        store, kind = self.store, op["op"]
        if kind == "tick":
            store.tick(op["id"], op["item"], op["done"])
        elif kind == "status":
            store.set_status(op["id"], op["status"], op["note"])
        elif kind == "notes":
            store.apply(Change(op["id"], "notes", op["text"]))
        elif kind == "profile":
            store.save_profile(Profile(experience_years=op["years"]))
        elif kind in ("import", "update"):
            (saved,) = store.save_imports([self.incoming(op["reference"], op["title"], op.get("department"))])
            expected = "imported" if kind == "import" else "updated"
            if saved.outcome != expected or (kind == "update" and saved.vacancy_id != op["id"]):
                raise AssertionError(f"{op}: the store answered {saved}")
            if kind == "import":
                self.ours.append((saved.vacancy_id, op["reference"]))
                self.targets.append((saved.vacancy_id, list(ITEMS)))
            return {"id": saved.vacancy_id}
        elif kind == "import_file":
            (outcome,) = import_paths(store, [op["path"]], workers=1)
            if outcome.outcome != "imported":
                raise AssertionError(f"{op}: the importer answered {outcome}")
            return {"id": outcome.vacancy_id}
        return {}

    def run(self) -> None:
        for n in range(MAX_OPS):
            op = self.next_op(n)
            if op["op"] == "import_file":
                # Written before "begin": a file the importer reads is not part of the change.
                Path(op["path"]).write_text(posting_text(op["reference"], op["title"]), encoding="utf-8")
            self.say("begin", op)
            result = self.make(op)
            self.say("ack", {**op, **result})


def serve() -> None:
    """Fork one writer per `run SEED DAY` line on stdin, until stdin closes. Forking from a process that has
    already imported eujobs starts a writer in a millisecond instead of a fifth of a second."""
    root = Path(sys.argv[1])
    say("ready")
    child = None
    for command in sys.stdin:
        if child is not None:
            os.waitpid(child, 0)  # reaped only now, so its PID could not have gone to another process yet
        _, seed, day = command.split()
        child = os.fork()
        if child == 0:
            try:
                Writer(root, int(seed), int(day)).run()
            except BaseException:  # noqa: BLE001 - a forked writer never returns into the server's loop
                traceback.print_exc()
                sys.stderr.flush()
                os._exit(1)
            os._exit(0)
        say(f"writer {child}")
        died = os.waitid(os.P_PID, child, os.WEXITED | os.WNOWAIT)
        say(f"exit {died.si_status if died.si_code != os.CLD_EXITED else -died.si_status}")
    if child is not None:
        os.waitpid(child, 0)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    serve()
