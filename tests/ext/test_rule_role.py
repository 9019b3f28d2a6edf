"""_ext/course_site.py's {rule} role: a pain rule's words from widgets/data (one place), with a
class naming the rule; an unknown rule is a build error at the role, not a silent blank."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "_ext"))
import course_site

from widgets.return_to_run import pain_rule


class _Inliner:
    def __init__(self):
        self.dependencies, self.errors = [], []
        env = SimpleNamespace(note_dependency=self.dependencies.append)
        self.document = SimpleNamespace(settings=SimpleNamespace(env=env))
        self.reporter = SimpleNamespace(error=lambda msg, line=None: self.errors.append(msg) or msg)

    def problematic(self, rawtext, text, msg):
        return ("problematic", rawtext)


def test_rule_role_gives_the_rules_words():
    inliner = _Inliner()
    nodes_, messages = course_site._rule_role("rule", "{rule}`next_day`", "next_day", 1, inliner)
    assert messages == [] and nodes_[0].astext() == pain_rule("next_day")
    assert "rk-rule" in nodes_[0]["classes"] and "rule-next-day" in nodes_[0]["classes"]
    assert any(str(d).endswith("return_to_run_protocol.yaml") for d in inliner.dependencies)


def test_an_unknown_rule_is_an_error():
    inliner = _Inliner()
    nodes_, _messages = course_site._rule_role("rule", "{rule}`nope`", "nope", 3, inliner)
    assert nodes_ == [("problematic", "{rule}`nope`")]
    assert inliner.errors and "no pain rule 'nope'" in inliner.errors[0]
