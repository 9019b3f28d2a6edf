"""Reading the course's on-device CSV files whose rows are one dated record each (the pain log,
the outcome-measure results). Both files share the rules a runner can rely on when editing one in
a spreadsheet: a header line first, blank lines skipped, a UTF-8 byte-order mark ignored, one
record a day, and every error names the file and the physical line (a quoted note may span
lines). What a row means is the caller's ``parse_row``."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Dated(Protocol):
    date: datetime.date


R = TypeVar("R", bound=Dated)


def read_dated_rows(text: str, *, source: str, header: Sequence[str],
                    parse_row: Callable[[list[str], int, str], R], error: type[Exception],
                    one_a_day: str, empty_is_error: bool) -> list[R]:
    """The records of ``text`` in file order. ``parse_row(row, line, source)`` turns one row into
    a record (raising ``error`` for a bad cell); ``one_a_day`` ends the duplicate-date message
    (e.g. "one session a day"); ``empty_is_error`` makes a file without a header an error instead
    of an empty list."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    records: list[R] = []
    first_line: dict[datetime.date, int] = {}
    header_seen = False
    line = 1  # the physical line the next record starts on
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise error(f"{source}: line {reader.line_num}: not valid CSV ({exc})") from None
        start, line = line, reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if not header_seen:
            if [c.strip().lower() for c in row] != list(header):
                raise error(f"{source}: line {start}: the first line must be the header "
                            f"{','.join(header)}, found {','.join(row)!r}")
            header_seen = True
            continue
        record = parse_row(row, start, source)
        if record.date in first_line:
            raise error(f"{source}: line {start}: a second entry for {record.date.isoformat()} "
                        f"(the first is on line {first_line[record.date]}); {one_a_day}")
        first_line[record.date] = start
        records.append(record)
    if empty_is_error and not header_seen:
        raise error(f"{source}: line 1: empty file; the first line must be the header {','.join(header)}")
    return records
