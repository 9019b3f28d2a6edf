"""The article's 8-week return-to-running protocol and the rules around it, split along its
seams: ``protocol`` (the stages as data, constants, input checks), ``rules`` (readiness, the
decision after each session, the rules in words), ``replanning`` (the plan and the replan from a
pain log), ``exports`` (CSV and .ics), ``pain_rules`` (the course's pain rules in words, from
data). The views are ``widgets.static.return_to_run`` (the site) and ``widgets.live.return_to_run``
(JupyterLab). Everything is re-exported here, so callers use
``widgets.return_to_run`` as one model.
"""

from __future__ import annotations

from widgets import red_flags as red_flag_catalogue
from widgets.return_to_run.exports import (  # noqa: F401
    PLAN_CSV_HEADER,
    plan_csv,
    plan_ics,
)
from widgets.return_to_run.pain_rules import (  # noqa: F401
    RETIRED_WORDINGS,
    RUN_RULES,
    RunRule,
    pain_rule,
    run_pain_rules,
    run_pain_rules_markdown,
)
from widgets.return_to_run.protocol import (  # noqa: F401
    CALENDAR_PRODID,
    DAYS_PER_STAGE,
    DECISIONS,
    LATEST_DATE,
    PAIN_SCALE_MAX,
    PROTOCOL,
    PROTOCOL_FILE,
    SESSION_INTERVAL_DAYS,
    SURFACE,
    UID_DOMAIN,
    WEEKDAYS,
    Stage,
    check_bool,
    check_date,
    check_pain,
    check_week,
    evidence_items,
    load_protocol,
    milestones,
    milestones_markdown,
    protocol_evidence,
    protocol_table_markdown,
)
from widgets.return_to_run.replanning import (  # noqa: F401
    Session,
    Status,
    plan_sessions,
    replan,
    status,
)
from widgets.return_to_run.rules import (  # noqa: F401
    BAND_DECISIONS,
    BOTH_KNEES_FIELDS,
    DECISION_TITLES,
    LOG_FILE_NAME,
    PLAN_FILE_STEM,
    READINESS_CRITERIA,
    READINESS_FIELDS,
    STRENGTH_CRITERIA,
    Criterion,
    check_readiness,
    decide,
    explain,
    pain_band,
    ready,
    rule_cases,
    rules_text,
    strength_criterion,
)

# --- warning signs and red flags: one catalogue, widgets.red_flags ---------------------------------

Sign = red_flag_catalogue.Sign
Flag = red_flag_catalogue.Flag


def red_flag_questions() -> list[Sign]:
    """The catalogue's signs asked before each run, with their yes/no questions, most urgent level
    first (for a form). "The pain started with an injury" is left out: a runner whose pain began
    with a knock would be stopped every day; "recently twisted, fell on or knocked" asks what is new."""
    return red_flag_catalogue.load().programme_signs()


def red_flags(**answers: bool) -> list[Flag]:
    """The signs answered True, most urgent first, each with what to do (see
    :func:`widgets.red_flags.check`): e.g. ``swelling=True``, ``locked=True``, ``new_ache=True``.
    """
    return red_flag_catalogue.check(**answers)


def needs_professional(flags: list[Flag]) -> bool:
    """True when any flag means not running today and seeing a professional first; "review" and
    early warning signs keep the programme going (check the plan; cut volume)."""
    return red_flag_catalogue.stops_running(flags)
