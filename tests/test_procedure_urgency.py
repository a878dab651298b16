"""The list's urgency mark stands for the soonest deadline of any kind, the user's own ones too (issue 22)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from eujobs.store.model import UserDeadline

from .test_widget_vacancy_list import BRUSSELS, Host, row_of, vacancy


async def test_a_deadline_of_the_users_makes_the_row_urgent_while_the_column_keeps_the_postings() -> None:
    documents = UserDeadline("dl-1", "documents", datetime(2026, 3, 11, 12, 0, tzinfo=BRUSSELS))
    rows = (replace(vacancy(1, "Documents due", date(2026, 5, 1)), deadlines=[documents]),
            vacancy(2, "Nothing due", date(2026, 5, 1)))
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert row_of(app, "Documents due").split()[:4] == ["▶‼", "in", "52", "d"]
        assert row_of(app, "Nothing due").startswith("   in 52 d ")
