"""Importing 30,000 LinkedIn connections (parse, dedupe, write) against plain sqlite3.executemany.

Run by hand: .venv/bin/python benchmarks/bench_import.py [--rows N] [--repeat R]
Both sides write into a fresh CareerDesk file (same tables, indexes and pragmas).
The baseline inserts the same, already parsed rows with one executemany and a
commit; ours reads the CSV file, previews it against the database (dedupe) and
applies it in one transaction. Target: ours within 3x of the baseline.
`measure()` returns the figures for benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from careerdesk.core import db as cdb
from careerdesk.core import models as m
from careerdesk.io import contact_import

TARGET_RATIO = 3.0
TODAY = dt.date(2026, 11, 23)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def write_connections(path: Path, rows: int, seed: int) -> list[list[str]]:
    """A Connections.csv as LinkedIn writes it, with its preamble and quirks."""
    rng = random.Random(seed)
    firsts = ["Ada", "Grace", "Alan", "Jürgen", "Zoë", "Priya", "Li", "Ana", "Tomás", "Chidi"]
    lasts = ["Lovelace", "Hopper", "Turing", "Müller", "Raman", "Wei", "Souza", "O'Brien"]
    companies = [f"Company {i}, Inc." for i in range(400)]
    data = []
    for i in range(rows):
        first, last = rng.choice(firsts), f"{rng.choice(lasts)} {i}"
        email = f"person{i}@example.com" if rng.random() < 0.15 else ""
        day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"
        position = rng.choice(['Engineer, "Senior"', "Manager\nPlatform", "Recruiter", "CTO"])
        url = f"https://www.linkedin.com/in/person-{i}"
        data.append([first, last, url, email, rng.choice(companies), position, day])
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            'Notes:\r\n"When exporting your connection data, you may notice that some of '
            'the email addresses are missing."\r\n\r\n'
        )
        writer = csv.writer(fh)
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        writer.writerows(data)
    return data


def fresh_database(folder: Path, name: str) -> Path:
    path = folder / name
    with cdb.opened(path):
        pass
    return path


def baseline(path: Path, data: list[list[str]]) -> float:
    """Plain executemany of the parsed rows into the contact table, same pragmas."""
    now = str(m.utc_now())
    rows = []
    for first, last, url, email, company, position, day in data:
        d, mon, year = day.split()
        connected = dt.date(int(year), MONTHS.index(mon) + 1, int(d)).isoformat()
        rows.append(
            (
                str(uuid.uuid4()),
                now,
                now,
                first,
                last,
                company,
                position,
                email,
                "",
                url,
                "",
                "other",
                "",
                TODAY.isoformat(),
                connected,
                None,
                "linkedin",
                0,
                "",
            )
        )
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=2")
    conn.execute("PRAGMA foreign_keys=1")
    start = time.perf_counter()
    conn.executemany(
        "INSERT INTO contact (uuid, created_at, updated_at, first_name, last_name, company,"
        " position, email, phone, linkedin_url, urls, relationship, how_met, added_date,"
        " connected_on, last_contacted, source, archived, notes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def ours(path: Path, source: Path) -> tuple[float, float, float, float, str]:
    """read_file, preview, apply; then the same file again (all duplicates)."""
    with cdb.opened(path):
        t0 = time.perf_counter()
        result = contact_import.read_file("linkedin", source)
        t1 = time.perf_counter()
        plan = contact_import.preview(result)
        t2 = time.perf_counter()
        contact_import.apply(plan, today=TODAY)
        t3 = time.perf_counter()
        again = contact_import.preview(contact_import.read_file("linkedin", source))
        contact_import.apply(again, today=TODAY)
        t4 = time.perf_counter()
        assert m.Contact.select().count() == len(result.records)
    return t1 - t0, t2 - t1, t3 - t2, t4 - t3, plan.summary()


def measure(rows: int = 30_000, repeat: int = 3, seed: int = 6) -> dict:
    """Median seconds of ours (and its parts) and of the baseline, over `repeat` runs."""
    from common import Row

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "Connections.csv"
        data = write_connections(source, rows, seed)
        base_times, our_times, parts = [], [], []
        for run in range(repeat):
            base_times.append(baseline(fresh_database(folder, f"base{run}.db"), data))
            parse, dedupe, write, again, summary = ours(
                fresh_database(folder, f"ours{run}.db"), source
            )
            our_times.append(parse + dedupe + write)
            parts.append((parse, dedupe, write, again))
    base, our = statistics.median(base_times), statistics.median(our_times)
    parse, dedupe, write, again = (statistics.median(p[i] for p in parts) for i in range(4))
    figures: dict = {
        "row_count": rows,
        "repeat": repeat,
        "summary": summary,
        "baseline_s": base,
        "ours_s": our,
        "parse_s": parse,
        "dedupe_s": dedupe,
        "write_s": write,
        "again_s": again,
    }
    figures["rows"] = [
        Row(
            f"import {rows:,} LinkedIn rows (read+preview+apply)",
            our * 1000,
            baseline=base * 1000,
            limit=TARGET_RATIO,
            ratio_target=True,
            note=f"median of {repeat}; baseline sqlite3 executemany; "
            f"parse {parse * 1000:.0f}, dedupe {dedupe * 1000:.0f}, write {write * 1000:.0f} ms",
        ),
        Row("import the same file again (no change)", again * 1000, baseline=base * 1000),
    ]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    f = measure(args.rows, args.repeat, args.seed)
    print(f"{args.rows} LinkedIn rows, {args.repeat} runs each, median; import: {f['summary']}")
    print(f"  baseline sqlite3.executemany + commit: {f['baseline_s'] * 1000:8.0f} ms")
    print(
        f"  ours read_file+preview+apply:         {f['ours_s'] * 1000:8.0f} ms"
        f"  (parse {f['parse_s'] * 1000:.0f}, dedupe {f['dedupe_s'] * 1000:.0f},"
        f" write {f['write_s'] * 1000:.0f})"
    )
    print(f"  ours re-import of the same file:      {f['again_s'] * 1000:8.0f} ms (no change)")
    ratio = f["ours_s"] / f["baseline_s"]
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"  ratio: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x) {verdict}")


if __name__ == "__main__":
    main()
