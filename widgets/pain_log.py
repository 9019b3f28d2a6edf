"""The runner's pain log for the return-to-running programme: a CSV file that never loses an entry.

Format (the same text the browser planner exports and imports, RFC 4180 CSV, UTF-8)::

    date,week,pain_during,worse_next_day,notes
    2027-01-28,1,1.5,no,"fine, a little stiff on the stairs"

- ``date``: the session's date, ISO ``YYYY-MM-DD``; one entry per date;
- ``week``: the protocol week that was run (1–8);
- ``pain_during``: the pain during the run, 0–10;
- ``worse_next_day``: ``yes`` or ``no`` — more pain in the 24 hours after the run;
- ``notes``: free text, quoted by the csv module when it holds commas, quotes or line breaks.

Writes are atomic: the new content goes to a temporary file in the log's directory, which is
flushed and fsynced, then ``os.replace``-d over the log; the directory is fsynced last so that
the rename itself survives a power cut. A crash at any moment leaves the old log or the new one,
never a mixture or a truncated file. A log that cannot be read is never written over: the error
names the file, the line and the problem, and the file stays byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import errno
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from widgets.clinical import DataFileError
from widgets.dated_csv import read_dated_rows
from widgets.return_to_run import PAIN_SCALE_MAX, PROTOCOL, check_bool, check_date, check_pain, check_week

try:  # POSIX only: serialises two writers of the same log (see _directory_lock)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

HEADER = ("date", "week", "pain_during", "worse_next_day", "notes")
YES, NO = "yes", "no"
# ASCII digits only: \d would also let through other scripts' digits, which int() accepts.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE = re.compile(r"[0-9]+")
# Digits, point, exponent: what repr(float) writes. Refuses "nan", "inf", "1_0" and "2,5",
# which float() would accept or turn into something else.
_NUMBER = re.compile(r"([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


class PainLogError(DataFileError):
    """A pain log that cannot be read; the message names the file (or source), line and problem."""


@dataclass(frozen=True)
class LogEntry:
    """One logged session. Checked on creation: bad values raise ValueError."""

    date: datetime.date
    week: int
    pain_during: float
    worse_next_day: bool
    notes: str = ""

    def __post_init__(self) -> None:
        check_date(self.date, "date")
        check_week(self.week, "week")
        object.__setattr__(self, "pain_during", check_pain(self.pain_during, "pain_during"))
        check_bool(self.worse_next_day, "worse_next_day")
        if not isinstance(self.notes, str):
            raise ValueError(f"notes must be text (a str), got {type(self.notes).__name__}")


# --- CSV text -------------------------------------------------------------------------------------


def _pain_text(pain: float) -> str:
    # Exact: repr() round-trips every float; whole numbers are written without ".0".
    return str(int(pain)) if pain.is_integer() else repr(pain)


def _check_entries(entries: object) -> list[LogEntry]:
    if isinstance(entries, (str, bytes, dict)) or not hasattr(entries, "__iter__"):
        raise ValueError("entries must be a list of LogEntry")
    items = list(entries)
    seen: dict[datetime.date, int] = {}
    for i, entry in enumerate(items, start=1):
        if not isinstance(entry, LogEntry):
            raise ValueError(f"entries: item {i} is a {type(entry).__name__}, not a LogEntry")
        if entry.date in seen:
            raise ValueError(f"entries: items {seen[entry.date]} and {i} are both for {entry.date.isoformat()}; "
                             "one session a day")
        seen[entry.date] = i
    return items


def entries_to_csv(entries: list[LogEntry]) -> str:
    """The entries as the log's CSV text (header first, CRLF line ends as RFC 4180 says)."""
    items = _check_entries(entries)
    out = io.StringIO()
    # CRLF, not "\n": the csv module quotes a field only for the characters of the line
    # terminator, so with "\n" a note holding a lone "\r" would be written unquoted and split.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for e in items:
        writer.writerow([e.date.isoformat(), e.week, _pain_text(e.pain_during), YES if e.worse_next_day else NO,
                         e.notes])
    return out.getvalue()


def _parse_row(row: list[str], line: int, where: str) -> LogEntry:
    def fail(problem: str) -> PainLogError:
        return PainLogError(f"{where}: line {line}: {problem}")

    if len(row) != len(HEADER):
        raise fail(f"expected {len(HEADER)} fields ({','.join(HEADER)}), found {len(row)}")
    day, week, pain, worse, notes = row
    if not _DATE.fullmatch(day.strip()):
        raise fail(f"date {day!r} is not a date written YYYY-MM-DD")
    try:
        date = datetime.date.fromisoformat(day.strip())
    except ValueError:
        raise fail(f"date {day!r} is not a real calendar date") from None
    last = len(PROTOCOL)
    if not _WHOLE.fullmatch(week.strip()) or not 1 <= int(week) <= last:
        raise fail(f"week {week!r} must be a whole number from 1 to {last}")
    try:
        if not _NUMBER.fullmatch(pain.strip()):
            raise ValueError(pain)
        number = check_pain(float(pain))
    except ValueError:
        raise fail(f"pain_during {pain!r} must be a number from 0 to {PAIN_SCALE_MAX} (e.g. 2 or 2.5)") from None
    answer = worse.strip().lower()
    if answer not in (YES, NO):
        raise fail(f"worse_next_day {worse!r} must be {YES} or {NO}")
    return LogEntry(date, int(week), number, answer == YES, notes)


def entries_from_csv(text: str, source: str = "pain log") -> list[LogEntry]:
    """Entries from the log's CSV text; ``source`` names it in error messages (a file name).

    Blank lines are skipped, a UTF-8 byte-order mark (spreadsheets add one) is ignored, and
    ``yes``/``no`` may be in any case. Anything else out of place raises :class:`PainLogError`
    naming the line.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be the log's CSV text (a str), got {type(text).__name__}")
    return read_dated_rows(text, source=source, header=HEADER, parse_row=_parse_row, error=PainLogError,
                           one_a_day="one session a day", empty_is_error=False)


# --- files ---------------------------------------------------------------------------------------


def _path(path: object) -> Path:
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)) or str(path) == "":
        raise ValueError(f"path must be a file path (str or pathlib.Path), got {path!r:.40}")
    # Follow a symlink to the real file: replacing the link itself would cut it loose from the
    # file it points to, and the temporary file must sit on the real file's filesystem.
    return Path(os.path.realpath(path))


def read_log(path: str | os.PathLike) -> list[LogEntry]:
    """The entries of the log at ``path``; an empty list if there is no such file yet."""
    target = _path(path)
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise PainLogError(f"{target}: cannot read the pain log ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PainLogError(f"{target}: line {line}: not UTF-8 text (byte {data[exc.start]:#04x})") from None
    return entries_from_csv(text, source=str(target))


@contextlib.contextmanager
def _directory_lock(directory: Path) -> Iterator[None]:
    """An exclusive advisory lock on the log's directory while a log in it is read and rewritten,
    so that two processes appending at once cannot both read the old log and drop each other's
    entry. Locking the directory rather than the file: the file is replaced, the lock would be
    left on the old one."""
    if fcntl is None:  # pragma: no cover - Windows: no flock; one writer at a time is assumed
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable: without it a power cut can bring back the old directory entry."""
    if os.name == "nt":  # pragma: no cover - directories cannot be opened; NTFS journals renames
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some filesystems (certain network and FUSE mounts) refuse fsync on a directory. The
        # new log is in place by now; failing here would report a write that succeeded.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def _atomic_write(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` (UTF-8) so that a crash leaves the old or the new file."""
    data = text.encode("utf-8")
    directory = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with open(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # the data is on disk before the name points to it
        # An existing log keeps its permissions; a new one keeps mkstemp's owner-only mode,
        # which suits health information.
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)  # never leave a half-written temporary file behind
        raise
    _fsync_directory(directory)


def write_log(path: str | os.PathLike, entries: list[LogEntry]) -> None:
    """Write ``entries`` as the whole log at ``path``, atomically (see the module docstring)."""
    target = _path(path)
    text = entries_to_csv(entries)  # checks the entries before the file is touched
    with _directory_lock(target.parent):
        _atomic_write(target, text)


def append_entry(path: str | os.PathLike, entry: LogEntry) -> None:
    """Add ``entry`` to the log at ``path`` (creating it), atomically.

    The existing log is read in full first: if it cannot be read (malformed, not UTF-8), or it
    already has an entry for the same date, this raises and the file is left untouched.
    """
    if not isinstance(entry, LogEntry):
        raise ValueError(f"entry must be a LogEntry, got {type(entry).__name__}")
    target = _path(path)
    with _directory_lock(target.parent):
        entries = read_log(target)
        for old in entries:
            if old.date == entry.date:
                raise ValueError(f"{target}: there is already an entry for {entry.date.isoformat()}; "
                                 "one session a day (correct the existing entry with write_log)")
        _atomic_write(target, entries_to_csv([*entries, entry]))
