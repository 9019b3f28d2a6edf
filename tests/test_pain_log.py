"""The pain log: its CSV format both ways, clear errors naming the line, and writes that can be
interrupted at any moment (an exception, SIGKILL) without losing or mangling an entry."""

from __future__ import annotations

import datetime
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_public_inputs import JUNK
from widgets import pain_log
from widgets.clinical import DataFileError
from widgets.pain_log import LogEntry, PainLogError

REPO = Path(__file__).resolve().parent.parent
D = datetime.date
HEADER = "date,week,pain_during,worse_next_day,notes"

ENTRIES = [
    LogEntry(D(2027, 1, 28), 1, 0, False),
    LogEntry(D(2027, 1, 30), 1, 1.5, False, 'fine, a "little" stiff'),
    LogEntry(D(2027, 2, 1), 1, 2.5, True, "two lines\nof notes"),
]


def many_entries(n: int, note: str) -> list[LogEntry]:
    first = D(2000, 1, 1)
    return [LogEntry(first + datetime.timedelta(days=i), 1 + i % 8, (i % 101) / 10, i % 3 == 0, f"{note} {i}")
            for i in range(n)]


# --- the CSV format ---------------------------------------------------------------------------------


def test_csv_text_as_written():
    assert pain_log.entries_to_csv(ENTRIES) == (
        "date,week,pain_during,worse_next_day,notes\r\n"
        "2027-01-28,1,0,no,\r\n"
        '2027-01-30,1,1.5,no,"fine, a ""little"" stiff"\r\n'
        '2027-02-01,1,2.5,yes,"two lines\nof notes"\r\n'
    )


def test_csv_round_trip():
    assert pain_log.entries_from_csv(pain_log.entries_to_csv(ENTRIES)) == ENTRIES
    assert pain_log.entries_from_csv(pain_log.entries_to_csv([])) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(
    st.builds(LogEntry, st.dates(), st.integers(1, 8), st.floats(0, 10), st.booleans(), st.text()),
    unique_by=lambda e: e.date, max_size=8))
def test_csv_round_trip_of_any_entries(entries):
    # Any note (commas, quotes, line breaks, lone "\r", NUL) and any pain float survive exactly.
    assert pain_log.entries_from_csv(pain_log.entries_to_csv(entries)) == entries


def test_reading_tolerates_what_spreadsheets_and_hands_do():
    text = "\ufeffdate,week,pain_during,worse_next_day,notes\n\n2027-01-28,1,1,Yes,\n2027-01-30, 2 ,2.5,NO,x"
    assert pain_log.entries_from_csv(text) == [
        LogEntry(D(2027, 1, 28), 1, 1, True), LogEntry(D(2027, 1, 30), 2, 2.5, False, "x")]
    assert pain_log.entries_from_csv("") == []


ROW = "2027-01-28,1,1,no,"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,week,pain,worse\n" + ROW, r"line 1: the first line must be the header date,week,pain_during,"),
        (ROW + "\n", r"line 1: the first line must be the header"),
        (f"{HEADER}\n{ROW}\n2027-01-30,1,1\n", r"line 3: expected 5 fields .* found 3"),
        (f"{HEADER}\n28/01/2027,1,1,no,\n", r"line 2: date '28/01/2027' is not a date written YYYY-MM-DD"),
        (f"{HEADER}\n2027-02-29,1,1,no,\n", r"line 2: date '2027-02-29' is not a real calendar date"),
        (f"{HEADER}\n2027-01-28,0,1,no,\n", r"line 2: week '0' must be a whole number from 1 to 8"),
        (f"{HEADER}\n2027-01-28,9,1,no,\n", r"line 2: week '9' must be"),
        (f"{HEADER}\n2027-01-28,two,1,no,\n", r"line 2: week 'two' must be"),
        (f"{HEADER}\n2027-01-28,1,10.1,no,\n", r"line 2: pain_during '10.1' must be a number from 0 to 10"),
        (f"{HEADER}\n2027-01-28,1,-1,no,\n", r"line 2: pain_during '-1' must be"),
        (f"{HEADER}\n2027-01-28,1,nan,no,\n", r"line 2: pain_during 'nan' must be"),
        (f"{HEADER}\n2027-01-28,1,1e999,no,\n", r"line 2: pain_during '1e999' must be"),
        (f'{HEADER}\n2027-01-28,1,"2,5",no,\n', r"line 2: pain_during '2,5' must be"),
        (f"{HEADER}\n2027-01-28,1,,no,\n", r"line 2: pain_during '' must be"),
        (f"{HEADER}\n2027-01-28,1,1,maybe,\n", r"line 2: worse_next_day 'maybe' must be yes or no"),
        (f"{HEADER}\n2027-01-28,1,1,true,\n", r"line 2: worse_next_day 'true' must be yes or no"),
        (f"{HEADER}\n{ROW}\n2027-01-28,2,1,no,\n", r"line 3: a second entry for 2027-01-28 \(the first is on line 2\)"),
        (f'{HEADER}\n2027-01-28,1,1,no,"open\n', r"line \d: not valid CSV"),
        # A quoted note over two lines: the next record starts on line 4, and the error says so.
        (f'{HEADER}\n2027-01-28,1,1,no,"a\nb"\n2027-01-30,1,1,perhaps,\n', r"line 4: worse_next_day 'perhaps'"),
    ],
)
def test_a_malformed_log_names_file_line_and_problem(tmp_path, text, message):
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(PainLogError, match=f"^{path}: {message}"):
        pain_log.read_log(path)
    with pytest.raises(PainLogError, match=f"^pasted: {message}"):
        pain_log.entries_from_csv(text, source="pasted")


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(f"{HEADER}\n{ROW}\n2027-01-30,1,1,no,caf\xe9\n".encode("latin-1"))
    with pytest.raises(PainLogError, match=r"log.csv: line 3: not UTF-8 text \(byte 0xe9\)"):
        pain_log.read_log(path)


def test_pain_log_error_is_a_data_file_error():
    assert issubclass(PainLogError, DataFileError) and issubclass(PainLogError, ValueError)


def test_missing_file_is_an_empty_log_and_a_directory_is_an_error(tmp_path):
    assert pain_log.read_log(tmp_path / "none.csv") == []
    with pytest.raises(PainLogError, match="cannot read the pain log"):
        pain_log.read_log(tmp_path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2027-01-28", 1, 1, False), "date must be a date"),
        ((D(2027, 1, 28), 0, 1, False), "week must be a whole number from 1 to 8"),
        ((D(2027, 1, 28), 1, 10.5, False), "pain_during must be a number from 0 to 10"),
        ((D(2027, 1, 28), 1, "1", False), "pain_during must be"),
        ((D(2027, 1, 28), 1, 1, "no"), "worse_next_day must be True or False"),
        ((D(2027, 1, 28), 1, 1, False, None), "notes must be text"),
    ],
)
def test_log_entry_refuses_bad_values(args, message):
    with pytest.raises(ValueError, match=message):
        LogEntry(*args)


@settings(max_examples=60, deadline=None)
@given(args=st.tuples(JUNK, JUNK, JUNK, JUNK, JUNK))
def test_junk_gets_a_value_error(args):
    for call in (lambda: LogEntry(*args), lambda: pain_log.entries_to_csv(args[0]),
                 lambda: pain_log.entries_from_csv(args[0])):
        try:
            call()
        except ValueError as exc:
            assert str(exc).strip()


# --- writing ------------------------------------------------------------------------------------------


def test_append_creates_then_adds(tmp_path):
    path = tmp_path / "log.csv"
    for entry in ENTRIES:
        pain_log.append_entry(path, entry)
    assert pain_log.read_log(path) == ENTRIES
    assert path.read_bytes().decode("utf-8") == pain_log.entries_to_csv(ENTRIES)
    assert os.listdir(tmp_path) == ["log.csv"]


def test_append_refuses_a_second_entry_for_a_date(tmp_path):
    path = tmp_path / "log.csv"
    pain_log.write_log(path, ENTRIES)
    before = path.read_bytes()
    with pytest.raises(ValueError, match="already an entry for 2027-01-30"):
        pain_log.append_entry(path, LogEntry(D(2027, 1, 30), 1, 0, False))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        b"date,week,pain\n2027-01-28,1,1\n",  # wrong header
        f"{HEADER}\n{ROW}\n2027-01-30,1,11,no,\n".encode(),  # pain out of range
        f"{HEADER}\n{ROW}\n2027-01-30,1,1,no,caf\xe9\n".encode("latin-1"),  # not UTF-8
    ],
)
def test_append_to_an_unreadable_log_raises_and_leaves_it_untouched(tmp_path, content):
    path = tmp_path / "log.csv"
    path.write_bytes(content)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(PainLogError, match=r"log.csv: line \d"):
        pain_log.append_entry(path, LogEntry(D(2027, 2, 3), 1, 1, False))
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == mtime
    assert os.listdir(tmp_path) == ["log.csv"]


def test_write_checks_entries_before_touching_the_file(tmp_path):
    path = tmp_path / "log.csv"
    pain_log.write_log(path, ENTRIES)
    before = path.read_bytes()
    with pytest.raises(ValueError, match="items 1 and 2 are both for 2027-01-28"):
        pain_log.write_log(path, [ENTRIES[0], ENTRIES[0]])
    with pytest.raises(ValueError, match="not a LogEntry"):
        pain_log.write_log(path, [ENTRIES[0], ("2027-01-30", 1, 1, False)])
    assert path.read_bytes() == before


@pytest.mark.parametrize("fail", ["replace", "fsync"])
def test_a_failure_mid_write_leaves_the_old_log_and_no_temporary_file(tmp_path, monkeypatch, fail):
    path = tmp_path / "log.csv"
    pain_log.write_log(path, ENTRIES[:2])
    before = path.read_bytes()

    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, fail, crash)
    with pytest.raises(OSError, match="No space left"):
        pain_log.append_entry(path, ENTRIES[2])
    with pytest.raises(OSError, match="No space left"):
        pain_log.write_log(path, many_entries(500, "new"))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["log.csv"]


def test_a_failure_writing_a_new_log_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError, match="I/O error"):
        pain_log.append_entry(tmp_path / "log.csv", ENTRIES[0])
    assert os.listdir(tmp_path) == []


def test_file_synced_then_renamed_then_directory_synced(tmp_path, monkeypatch):
    path = tmp_path / "log.csv"
    pain_log.write_log(path, ENTRIES[:1])
    events = []
    expected = [ENTRIES[:2], ENTRIES]  # the whole log after each of the two appends below
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync directory" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src, dst):
        # The temporary file is a sibling of the log (a rename across filesystems is not atomic)
        # and already holds the complete new content.
        assert Path(src).parent == Path(dst).parent == tmp_path
        assert Path(src).read_bytes() == pain_log.entries_to_csv(expected.pop(0)).encode()
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    pain_log.append_entry(path, ENTRIES[1])
    pain_log.append_entry(path, ENTRIES[2])
    assert events == ["fsync file", "replace", "fsync directory"] * 2
    assert pain_log.read_log(path) == ENTRIES


def test_permissions_kept_and_a_new_log_is_private(tmp_path):
    shared = tmp_path / "shared.csv"
    shared.write_text(HEADER + "\n")
    shared.chmod(0o644)
    pain_log.append_entry(shared, ENTRIES[0])
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    new = tmp_path / "new.csv"
    pain_log.append_entry(new, ENTRIES[0])
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_a_symlinked_log_stays_a_symlink(tmp_path):
    real = tmp_path / "data" / "log.csv"
    real.parent.mkdir()
    pain_log.write_log(real, ENTRIES[:1])
    link = tmp_path / "log.csv"
    link.symlink_to(real)
    pain_log.append_entry(link, ENTRIES[1])
    assert link.is_symlink()
    assert pain_log.read_log(real) == ENTRIES[:2]


# --- crashes and concurrent writers, in real processes ------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from tests.test_pain_log import many_entries
    from widgets.pain_log import write_log

    path, n = sys.argv[1], int(sys.argv[2])
    old, new = many_entries(n, "old"), many_entries(n, "new")
    write_log(path, new)
    print("writing", flush=True)
    while True:
        write_log(path, old)
        write_log(path, new)
""")


def run_python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=env, **kwargs)


def test_sigkill_mid_write_leaves_the_old_or_the_new_log(tmp_path):
    n = 20_000  # about 0.8 MB: each write takes long enough to be killed in the middle of it
    old = pain_log.entries_to_csv(many_entries(n, "old")).encode()
    new = pain_log.entries_to_csv(many_entries(n, "new")).encode()
    path = tmp_path / "log.csv"
    rng = random.Random(8)
    # Two kills at random points; the deterministic half-way cut is test_a_write_cut_off_half_way.
    for _ in range(2):
        child = run_python(WRITER, str(path), str(n), stdout=subprocess.PIPE)
        try:
            assert child.stdout.readline().strip() == b"writing"
            time.sleep(rng.uniform(0.05, 0.4))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        content = path.read_bytes()
        assert content in (old, new), f"a torn log: {len(content)} bytes, neither old nor new"
        # A temporary file may be left by the kill; it is never the log and the next write
        # is unaffected.
        leftovers = [p.name for p in tmp_path.iterdir() if p.name != "log.csv"]
        assert all(name.startswith(".log.csv.") and name.endswith(".tmp") for name in leftovers)
    assert len(pain_log.read_log(path)) == n


LIMITED_WRITER = textwrap.dedent("""
    import resource, sys
    from tests.test_pain_log import many_entries
    from widgets.pain_log import write_log

    path, n, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # after the imports: .pyc files are written
    write_log(path, many_entries(n, "new"))
""")


def test_a_write_cut_off_half_way_leaves_the_old_log(tmp_path):
    # A deterministic mid-write failure in a real process: the file-size limit stops the write
    # half-way through the new content (EFBIG; Python ignores SIGXFSZ). Writing the log in place
    # would leave half a log; the atomic write leaves the old one and cleans up.
    path = tmp_path / "log.csv"
    pain_log.write_log(path, many_entries(100, "old"))
    before = path.read_bytes()
    n = 2000
    size = len(pain_log.entries_to_csv(many_entries(n, "new")).encode())
    child = run_python(LIMITED_WRITER, str(path), str(n), str(size // 2), stderr=subprocess.PIPE)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 1 and b"File too large" in err
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["log.csv"]


APPENDER = textwrap.dedent("""
    import datetime, sys
    from widgets.pain_log import LogEntry, append_entry

    path, k, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for i in range(count):
        day = datetime.date(2027, 1, 1) + datetime.timedelta(days=k * count + i)
        append_entry(path, LogEntry(day, 1, 1, False, f"process {k}"))
""")


def test_concurrent_appends_lose_no_entry(tmp_path):
    path = tmp_path / "log.csv"
    processes, count = 4, 25
    children = [run_python(APPENDER, str(path), str(k), str(count)) for k in range(processes)]
    assert [child.wait(timeout=120) for child in children] == [0] * processes
    entries = pain_log.read_log(path)
    assert len(entries) == processes * count
    assert {e.notes for e in entries} == {f"process {k}" for k in range(processes)}
