"""The 8-week protocol against the article's text, with session totals computed by hand."""

from widgets.return_to_run import PROTOCOL, protocol_table_markdown


def test_eight_stages_as_in_the_article():
    assert [(s.week, s.run_min, s.walk_min, s.reps) for s in PROTOCOL] == [
        (1, 1, 2, 10), (2, 2, 2, 8), (3, 3, 2, 6), (4, 5, 2, 4), (5, 8, 2, 3),
        (6, 15, 0, 1), (7, 20, 0, 1), (8, 25, 0, 1),
    ]
    assert PROTOCOL[-1].run_min_max == 30  # week 8: 25–30 minutes


def test_session_totals_by_hand():
    # week 1: (1 + 2) × 10 = 30 min, 10 min running; week 4: (5 + 2) × 4 = 28 min, 20 running
    assert (PROTOCOL[0].total_min, PROTOCOL[0].total_run_min) == (30, 10)
    assert (PROTOCOL[3].total_min, PROTOCOL[3].total_run_min) == (28, 20)
    assert (PROTOCOL[4].total_min, PROTOCOL[4].total_run_min) == (30, 24)


def test_descriptions_match_article_wording(article_text):
    assert PROTOCOL[0].describe() == "1 minute run / 2 minutes walk × 10"
    assert PROTOCOL[7].describe() == "25–30 minutes continuous run"


def test_table_has_a_row_per_week():
    table = protocol_table_markdown()
    assert table.count("\n") == 1 + len(PROTOCOL)
    assert "| 8 | 25–30 minutes continuous run | 25–30 min | 25–30 min |" in table
