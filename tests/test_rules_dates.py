"""Date rules: deadlines with their zone, start dates, durations, end dates."""

from datetime import date, datetime

import pytest

from eujobs.store.parse.dates import find_deadline, parse_day, parse_deadline
from eujobs.store.parse.periods import find_period

from .conftest import EXPECTED, POSTINGS, SEEDS


def iso(value):
    return value.isoformat() if value is not None else None


def period_in(text: str) -> tuple:
    """(start, duration, end) of find_period's reading of text."""
    period = find_period(text)
    return period.start, period.duration, period.end


def deadline_in(text: str) -> str | None:
    """The deadline find_deadline reads in text, in ISO 8601."""
    found = find_deadline(text).found
    return iso(found.value) if found else None


@pytest.mark.parametrize("phrase, expected", [
    ("23/03/2026 - 12.00 (noon, Brussels time)", "2026-03-23T12:00:00+01:00"),
    ("15/05/2026 - 12.00 (Brussels time)", "2026-05-15T12:00:00+02:00"),
    ("10 March 2026, at 12.00 (midday), Brussels time", "2026-03-10T12:00:00+01:00"),
    ("15.05.2026 at 12:00 CET", "2026-05-15T12:00:00+02:00"),
    ("15.05.2026 at 12:00 CEST", "2026-05-15T12:00:00+02:00"),
    ("23 mars 2026 à 12h00 (heure de Bruxelles)", "2026-03-23T12:00:00+01:00"),
    ("1er avril 2026 à 12h (heure de Luxembourg)", "2026-04-01T12:00:00+02:00"),
    ("15. März 2026, 12:00 Uhr (Brüsseler Zeit)", "2026-03-15T12:00:00+01:00"),
    ("15. Mai 2026, 23:59 MEZ", "2026-05-15T23:59:00+02:00"),
    ("30 September 2026 at 23:59 Luxembourg time", "2026-09-30T23:59:00+02:00"),
    ("1 December 2026 at 17:00 Luxembourg time", "2026-12-01T17:00:00+01:00"),
    ("31 January 2027, midnight (Brussels time)", "2027-01-31T23:59:00+01:00"),
    ("noon on 2 June 2026", "2026-06-02T12:00:00+02:00"),
    ("March 10, 2026 at 5 p.m. Brussels time", "2026-03-10T17:00:00+01:00"),
    ("10/03/2026 at 12:00 (Lisbon time)", "2026-03-10T12:00:00+00:00"),
    ("10/03/2026 at 12:00 (Athens time)", "2026-03-10T12:00:00+02:00"),
    ("10/03/2026 at 12:00 UTC", "2026-03-10T12:00:00+00:00"),
    ("12.00 – 15.05.2026", "2026-05-15T12:00:00+02:00"),       # time before date, same separator
    ("by 23 March 2026 at 12.00.", "2026-03-23T12:00:00+01:00"),  # sentence full stop after the time
    ("2026-03-01", "2026-03-01"),                                 # ISO is never swapped
    ("2026-03-01 12:00", "2026-03-01T12:00:00+01:00"),
    ("01/03/2026", "2026-03-01"),                                 # day-first
    ("5 June 2026", "2026-06-05"),
    ("31.02.2026 or rather 01.03.2026", "2026-03-01"),             # impossible dates skipped
    ("12.00 (noon)", None),                                       # no date: "12.00" is not the 12th
    ("no deadline", None),
])
def test_parse_deadline(phrase, expected):
    assert iso(parse_deadline(phrase)) == expected


@pytest.mark.parametrize("phrase, expected", [
    # DST in Brussels: 2026 switches to summer on Sunday 29 March, back on Sunday 25 October
    ("28/03/2026 - 12.00 (Brussels time)", "2026-03-28T12:00:00+01:00"),
    ("29/03/2026 - 12.00 (Brussels time)", "2026-03-29T12:00:00+02:00"),
    ("24/10/2026 - 12.00 (Brussels time)", "2026-10-24T12:00:00+02:00"),
    ("25/10/2026 - 12.00 (Brussels time)", "2026-10-25T12:00:00+01:00"),
    ("25 October 2026, 01:30 CET", "2026-10-25T01:30:00+02:00"),
    ("25 October 2026, 04:00 CET", "2026-10-25T04:00:00+01:00"),
])
def test_deadline_offset_follows_dst(phrase, expected):
    assert parse_deadline(phrase).isoformat() == expected


def test_deadline_with_time_is_aware_in_named_zone():
    value = parse_deadline("23/03/2026 - 12.00 (noon, Brussels time)")
    assert isinstance(value, datetime) and str(value.tzinfo) == "Europe/Brussels"
    assert str(parse_deadline("23/03/2026 - 12.00 Luxembourg time").tzinfo) == "Europe/Luxembourg"


def test_deadline_without_time_is_a_date():
    value = parse_deadline("23 March 2026 (Brussels time)")
    assert type(value) is date and value.isoformat() == "2026-03-23"


@pytest.mark.parametrize("phrase, expected", [
    ("01/03/2026", "2026-03-01"),
    ("1.3.2026", "2026-03-01"),
    ("01-03-2026", "2026-03-01"),
    ("15.05.26", "2026-05-15"),
    ("2026-03-01", "2026-03-01"),
    ("1 October 2026", "2026-10-01"),
    ("1st of October 2026", "2026-10-01"),
    ("28 Feb 2027", "2027-02-28"),
    ("October 1, 2026", "2026-10-01"),
    ("1er février 2026", "2026-02-01"),
    ("15 août 2026", "2026-08-15"),
    ("3. Dezember 2026", "2026-12-03"),
    ("15. Mai 2026", "2026-05-15"),
    ("Starting date : 01/03/2026 (5 months)", "2026-03-01"),
    ("12.00", None),
    ("May 2026", None),
    ("AD 5-12", None),
])
def test_parse_day(phrase, expected):
    assert iso(parse_day(phrase)) == expected


@pytest.mark.parametrize("text, expected", [
    ("**Express your interest until:** 23/03/2026 - 12.00 (noon, Brussels time)", "2026-03-23T12:00:00+01:00"),
    ("Deadline for applications: 10 March 2026, at 12.00 (midday), Brussels time", "2026-03-10T12:00:00+01:00"),
    ("Closing date: 15.05.2026 at 12:00 CET", "2026-05-15T12:00:00+02:00"),
    ("Deadline for submission of applications\n\n15 May 2026", "2026-05-15"),
    ("Applications must be submitted by 12:00 on 10 March 2026 (Brussels time).", "2026-03-10T12:00:00+01:00"),
    ("Please send your application no later than 31 January 2027.", "2027-01-31"),
    ("Date limite de candidature : 23 mars 2026 à 12h00 (heure de Bruxelles)", "2026-03-23T12:00:00+01:00"),
    ("Bewerbungsfrist: 15. Mai 2026", "2026-05-15"),
    ("The deadline for applications is 30/09/2026 at 23:59 Luxembourg time.", "2026-09-30T23:59:00+02:00"),
    ("Start date: 01/03/2026\nDeadline: 2026-02-01", "2026-02-01"),
    # No deadline stated: a start date, an end of contract or an applicants counter is not one
    ("Starting date : 01/03/2026 (5 months)\nRef. : 10B30-7323\nApply online\n2 people have already applied to this offer", None),
    ("Duration: until maximum 15/04/2026\nType of contract: Freelance", None),
    ("No applications will be accepted after the publication deadline.\n\nStart date: 01/09/2026", None),
    ("Please send these documents by the publication deadline to unit@ec.europa.eu", None),
])
def test_find_deadline(text, expected):
    assert deadline_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Starting date : 01/03/2026 (5 months)", ("2026-03-01", "5 months", "2026-07-31")),
    ("Starting date : 01/03/2025 (5 months)", ("2025-03-01", "5 months", "2025-07-31")),
    ("The duration of the **first contract will be 1 year**.", (None, "1 year", None)),
    ("The duration of the first contract will be of 1 years. The contract can be extended to a maximum duration of 6 years.",
     (None, "1 year", None)),
    ("Start date: at earliest possible time\nDuration: in line with the consortium's contract with the client, untill maximum 15/04/2026",
     (None, None, "2026-04-15")),
    ("The traineeship runs from 1 October 2026 to 28 February 2027.", ("2026-10-01", None, "2027-02-28")),
    ("Start date: 1 September 2026\nDuration: 12 months", ("2026-09-01", "12 months", "2027-08-31")),
    ("Start date: 16/01/2026\nDuration: 2 years", ("2026-01-16", "2 years", "2028-01-15")),
    ("Expected start date: 01.10.2026. The contract is for a period of six months.", ("2026-10-01", "6 months", "2027-03-31")),
    ("a 5-month traineeship starting on 1 March 2026", ("2026-03-01", "5 months", "2026-07-31")),
    ("Start date: as soon as possible\nEnd date: 31/12/2026", (None, None, "2026-12-31")),
    ("The exact start date will be agreed with the selected candidate.\nStart date: 01/09/2026", ("2026-09-01", None, None)),
    ("Starting date : 01/03/2026 (5 months)\r\n", ("2026-03-01", "5 months", "2026-07-31")),
    ("Date of entry into service: 16 February 2026 (duration: 3 months)", ("2026-02-16", "3 months", "2026-05-15")),
    # Renewal ceilings, probation and staff-category boilerplate are not the job's duration
    ("Contract agents are generally recruited for fixed-term contracts (maximum 6 years in any EU Institution). "
     "The contract may be renewed up to a maximum duration of 6 years. A 9-month probationary period applies.",
     (None, None, None)),
    ("", (None, None, None)),
])
def test_find_period(text, expected):
    start, duration, end = period_in(text)
    assert (iso(start), duration, iso(end)) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_dates(seed):
    expected = EXPECTED[seed]
    text = (POSTINGS / seed).read_text(encoding="utf-8")
    if "deadline" in expected:
        assert deadline_in(text) == expected["deadline"]
    start, duration, end = period_in(text)
    for key, value in (("start_date", iso(start)), ("duration", duration), ("end_date", iso(end))):
        if key in expected:
            assert value == expected[key], key


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_dates_survive_crlf_and_nbsp(seed):
    text = (POSTINGS / seed).read_text(encoding="utf-8")
    mangled = text.replace("\n", "\r\n").replace(" ", "\u00a0")
    assert deadline_in(mangled) == deadline_in(text)
    assert period_in(mangled) == period_in(text)


@pytest.mark.parametrize("phrase, expected", [
    # agencies in Italy, Spain, Portugal and the Netherlands date their notices in their language too
    ("15 gennaio 2026 ore 12:00 (ora di Bruxelles)", "2026-01-15T12:00:00+01:00"),
    ("13 de enero de 2026 a las 12:00 (hora de Bruselas)", "2026-01-13T12:00:00+01:00"),
    ("31 de março de 2026", "2026-03-31"),
    ("20 mei 2026", "2026-05-20"),
    ("15.01.2026 at 23:59 (EET)", "2026-01-15T23:59:00+02:00"),
])
def test_parse_deadline_in_more_languages(phrase, expected):
    assert iso(parse_deadline(phrase)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Scadenza per la presentazione delle candidature: 15 gennaio 2026, ore 12:00", "2026-01-15T12:00:00+01:00"),
    ("Plazo de presentación: 13 de enero de 2026", "2026-01-13"),
    ("Deadline for applications: 15.01.2026 at 23:59 (EET)", "2026-01-15T23:59:00+02:00"),
])
def test_find_deadline_in_more_languages(text, expected):
    assert deadline_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Duration: 2 years, renewable", "2 years"),
    ("Duration of contract: 5 years (renewable)", "5 years"),
    ("Contract duration: 36 months", "36 months"),
    ("a contract agent position for an initial duration of 3 years, renewable up to a maximum of 6 years", "3 years"),
    ("The traineeship lasts five months.", "5 months"),
    ("La durée du premier contrat sera d'un an. Il pourra être prolongé jusqu'à une durée maximale de 6 ans.", "1 year"),
    ("Durée : 24 mois", "24 months"),
    # limits on past service and probation are not the job's length; the stated duration is found after them
    ("Not have done a traineeship of more than six weeks. Une période de stage de 9 mois.", None),
    ("Applicants must not have had a contract for more than 6 weeks.\nDuration: 5 months", "5 months"),
])
def test_find_period_durations_in_other_wordings(text, expected):
    assert find_period(text).duration == expected


@pytest.mark.parametrize("phrase, expected", [
    # an explicit offset is taken as written, whatever the date
    ("15/12/2026 12:00 (UTC+2)", "2026-12-15T12:00:00+02:00"),
    ("15/12/2026 12:00 GMT+1", "2026-12-15T12:00:00+01:00"),
    ("15/07/2026 at 17:00 (UTC-5)", "2026-07-15T17:00:00-05:00"),
    ("15/07/2026 09:30 UTC +05:30", "2026-07-15T09:30:00+05:30"),
    # a zone named by its country, and the seconds as stated
    ("30 June 2026, 23:59:59 Greek time", "2026-06-30T23:59:59+03:00"),
    ("1 February 2026 at 12:00 (Irish time)", "2026-02-01T12:00:00+00:00"),
    ("30 June 2026 at 17:00 Central European Summer Time", "2026-06-30T17:00:00+02:00"),
    # the zone named right after the time is that time's, though another follows
    ("31 August 2020 23:59 EEST and 22:59 CEST", "2020-08-31T23:59:00+03:00"),
    # "CET" on a summer date is Brussels' local time, as the postings mean it
    ("15 July 2026 at 12:00 CET", "2026-07-15T12:00:00+02:00"),
])
def test_deadline_zones_as_stated(phrase, expected):
    assert iso(parse_deadline(phrase)) == expected


def test_local_time_is_the_place_of_works():
    assert iso(parse_deadline("27 April 2026 at 23:59 (local time)", "Europe/Athens")) == "2026-04-27T23:59:00+03:00"
    assert iso(parse_deadline("27 April 2026 at 23:59 (local time)")) == "2026-04-27T23:59:00+02:00"  # Brussels


@pytest.mark.parametrize("text, expected", [
    # a deadline label alone on its line, its value under it (EU Careers)
    ("Reference number\n\n123456\n\nDeadline\n\n09/07/2026 - 12:00 (Brussels time)\n\nGrade:\n\nAD 7",
     "2026-07-09T12:00:00+02:00"),
    # the Parliament's recruitment site, in English and in Polish; French and German notices
    ("Publication end on external website : 24/05/2026 12:00\nRef. : PE/300/2026", "2026-05-24T12:00:00+02:00"),
    ("Koniec publikacji na zewnętrznej stronie internetowej : 06/11/2026 12:00", "2026-11-06T12:00:00+01:00"),
    ("Fin de publication sur le site externe : 30/09/2026 12:00", "2026-09-30T12:00:00+02:00"),
    ("Die Frist für die Einreichung der Bewerbungen endet am 26/08/2026 um 12.00 Uhr (Brüsseler Zeit).",
     "2026-08-26T12:00:00+02:00"),
    ("Les candidatures doivent être envoyées au plus tard le 3 mars 2026 à midi.", "2026-03-03T12:00:00+01:00"),
    ("Ansøgningsfrist: 15.01.2026 kl. 12.00 (belgisk tid)", "2026-01-15T12:00:00+01:00"),
    # an extended deadline is the later date
    ("Closing date for applications 08 May 2026 extended until 26 May 2026 at 23:59 EET",
     "2026-05-26T23:59:00+03:00"),
    # a flattened PDF table: the label and its value with no colon
    ("Closing date for applications (MIDDAY) 30 September 2026 at 12:00, Warsaw local time",
     "2026-09-30T12:00:00+02:00"),
])
def test_find_deadline_in_labels_and_languages(text, expected):
    assert deadline_in(text) == expected


def test_an_impossible_deadline_is_reported_not_dropped():
    reading = find_deadline("Job title: Analyst\nDeadline: 31/02/2026 12:00\nGrade: AD 5")
    assert reading.found is None
    assert len(reading.warnings) == 1 and '"31/02/2026" is not a date' in reading.warnings[0]
    # a valid deadline elsewhere is still read, and the impossible one still said
    reading = find_deadline("Deadline: 31/02/2026\nApplications must be sent by 28 February 2026.")
    assert iso(reading.found.value) == "2026-02-28" and reading.warnings


def test_the_deadline_says_where_it_was_read():
    assert find_deadline("Title\n\nDeadline\n\n09/07/2026 - 12:00 (Brussels time)\n").found.source == \
        'line 3, label "Deadline"'
    source = find_deadline("Intro.\nPlease apply no later than 12 May 2026 via the portal.").found.source
    assert source.startswith("line 2, deadline phrase") and "apply no later than" in source


@pytest.mark.parametrize("text, expected", [
    # the opening of applications is not the job's start
    ("Beginn der Bewerbungsfrist: 26/07/2026\nDienstantritt: 01/01/2027", "2027-01-01"),
    ("Veröffentlichungsbeginn: 26/07/2026", None),
    ("Start date of the application period: 01/03/2026", None),
    ("Open for application\n\n28/05/2026\n\nDeadline\n\n09/07/2026 - 12:00 (Brussels time)", None),
])
def test_the_opening_of_applications_is_no_start_date(text, expected):
    assert iso(find_period(text).start) == expected


def test_the_period_says_where_it_was_read():
    period = find_period("Intro.\nStart date: 1 September 2026\nDuration: 12 months")
    assert period.sources["start_date"].startswith("line 2, start")
    assert period.sources["duration"].startswith("line 3, duration")
    assert period.sources["end_date"] == "worked out from the start date and the duration"
