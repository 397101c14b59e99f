"""Deadlines: the dates a party must act by, from the key dates and the detected clauses.

`contract_deadlines(result)` turns a result's key dates (`result.dates`) and clauses into
`Deadline`s — the last day to give notice of non-renewal (and the next one, for a contract
that renews again), the end of the term, the end of a warranty whose start is a date, the
notice windows of price increases, termination for convenience and audits — each with
the arithmetic in words ("term ends 2024-11-12 (3 years from the effective date
2021-11-12); 90 days' notice → notify by 2024-08-14") and the clauses behind it. When a
date cannot be computed with confidence the deadline's `date` is None and its message
says what is missing: a wrong deadline is worse than none.

`date_findings(result, as_of)` are the review findings for dates that matter on `as_of`:
an auto-renewal whose notice deadline falls within the next 90 days (high), an evergreen
contract with no termination for convenience, an expired contract still in the portfolio.
They depend on the day, so `refresh_date_findings` replaces them on any result (one read
from the result store included) without touching the playbook's findings.
"""

from __future__ import annotations

import re
from datetime import date

from contractkit.detect.date_grammar import add_days, add_months
from contractkit.detect.key_dates import PERPETUAL, KeyDate, KeyDates
from contractkit.detect.term_dates import notice_duration
from contractkit.detect.values import Duration, all_durations
from contractkit.result import ContractResult, Deadline, Finding
from contractkit.review.evidence import present
from contractkit.review.findings import SEVERITY_ORDER, finding
from contractkit.review.playbook import Rule

__all__ = [
    "DATE_RULE_PREFIX",
    "Deadline",
    "contract_deadlines",
    "date_findings",
    "next_notice",
    "refresh_date_findings",
]

SOON_DAYS = 90  # an auto-renewal notice deadline this close is a high finding
DATE_RULE_PREFIX = "dates."


# ---------------------------------------------------------------------------- arithmetic


def _before(day: date, notice: Duration) -> date | None:
    """`day` minus a notice period in calendar terms; None for business days (which need
    a holiday calendar the contract does not give) or fractions."""
    if not float(notice.value).is_integer():
        return None
    n = int(notice.value)
    if notice.unit == "day":
        return add_days(day, -n)
    if notice.unit == "week":
        return add_days(day, -7 * n)
    if notice.unit == "month":
        return add_months(day, -n)
    if notice.unit == "year":
        return add_months(day, -12 * n)
    return None


def _notice_words(notice: Duration) -> str:
    unit = notice.unit.replace("_", " ")
    return f"{notice.value} {unit}{'' if notice.value == 1 else 's'}' notice"


def _notice_of(text: str, days: float | None) -> Duration | None:
    """The notice period as written (months stay months), else `days` as days."""
    found = notice_duration(text)
    if found is not None:
        return found
    return Duration(days, "day") if days else None


def _term_end(expiry: KeyDate) -> str:
    return f"term ends {expiry.value} ({expiry.basis})"


# ---------------------------------------------------------------------------- evidence


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def _evidence(result: ContractResult, text: str, types: tuple[str, ...]) -> tuple[int, ...]:
    """Clauses of `types` that hold (part of) `text`, else the best present one of them."""
    probe = _squash(text)[:80]
    holding = [
        i
        for i, c in enumerate(result.clauses)
        if c.type in types and probe and (probe in _squash(c.text) or _squash(c.text) in probe)
    ]
    if holding:
        return tuple(holding[:3])
    return tuple(present(result, types)[:1])


def _page(result: ContractResult, evidence: tuple[int, ...], fallback: int | None) -> int | None:
    pages = [result.clauses[i].page for i in evidence if result.clauses[i].page]
    return pages[0] if pages else fallback


# ---------------------------------------------------------------------------- deadlines

_TERM_TYPES = ("expiration_date", "renewal_term", "notice_period_to_terminate_renewal")


def contract_deadlines(result: ContractResult) -> list[Deadline]:
    """The deadlines of one contract, from its key dates and present clauses."""
    dates = result.dates or KeyDates()
    found: list[Deadline] = []
    found += _term_deadlines(result, dates)
    found += _clause_deadlines(result, dates)
    return sorted(found, key=lambda d: (d.date is None, d.date or "", d.kind))


def _term_deadlines(result: ContractResult, dates: KeyDates) -> list[Deadline]:
    expiry, renewal = dates.expiration_date, dates.renewal
    out: list[Deadline] = []
    end = expiry.date if expiry else None
    auto = bool(renewal and renewal.auto_renew)
    if expiry is not None and expiry.value != PERPETUAL:
        evidence = _evidence(result, expiry.text, _TERM_TYPES)
        page = _page(result, evidence, expiry.page)
        if end is not None:
            what = "renews automatically unless notice is given" if auto else "the contract expires"
            message = f"{_term_end(expiry)}: {what}"
            kind = "renewal" if auto else "expiry"
            out.append(Deadline(kind, expiry.value, message, "expiration_date", evidence, page,
                                expiry.score))  # fmt: skip
        else:
            missing = expiry.basis.removeprefix("check: ")
            message = f"check: the end of the term could not be computed — {missing}"
            out.append(Deadline("expiry", None, message, "expiration_date", evidence, page, 0.3))
    if renewal is None or not auto:
        return out
    evidence = _evidence(result, renewal.text, _TERM_TYPES)
    page = _page(result, evidence, renewal.page)
    notice = _notice_of(renewal.text, renewal.notice_days)
    kind, clause = "notice_of_non_renewal", "notice_period_to_terminate_renewal"
    if notice is None:
        message = "check: renews automatically; the notice period to stop it was not found"
        out.append(Deadline(kind, None, message, clause, evidence, page, 0.3))
        return out
    if expiry is None or end is None:
        missing = expiry.basis.removeprefix("check: ") if expiry else "no end of term found"
        message = (
            f"check: {_notice_words(notice)} of non-renewal before the end of the term; "
            f"the end of the term is not known ({missing})"
        )
        out.append(Deadline(kind, None, message, clause, evidence, page, 0.3))
        return out
    score = min(expiry.score, 0.9)
    for _term_end_day, notify_by, how in next_cycles(dates, end, notice, 2):
        if notify_by is None:
            message = (
                f"check: {how}; {_notice_words(notice)} in business days needs the holiday calendar"
            )
            out.append(Deadline(kind, None, message, clause, evidence, page, 0.3))
            break
        message = f"{how}; {_notice_words(notice)} → notify by {notify_by.isoformat()}"
        out.append(Deadline(kind, notify_by.isoformat(), message, clause, evidence, page, score))
    return out


def next_cycles(
    dates: KeyDates, end: date, notice: Duration, count: int, as_of: date | None = None
) -> list[tuple[date, date | None, str]]:
    """`count` (term end, notify-by, words) of an auto-renewing term from the initial term's
    `end` on, rolled forward by the renewal term (at most `max_renewals` times); with
    `as_of`, the first ones whose notice deadline is not before it."""
    renewal, expiry = dates.renewal, dates.expiration_date
    assert renewal is not None and expiry is not None
    months = renewal.term_months
    step = int(months) if months and float(months).is_integer() else None
    cycles: list[tuple[date, date | None, str]] = []
    term_end, how, n = end, _term_end(expiry), 0
    limit = renewal.max_renewals
    while len(cycles) < count:
        notify_by = _before(term_end, notice)
        if as_of is None or notify_by is None or notify_by >= as_of:
            cycles.append((term_end, notify_by, how))
        if step is None or (limit is not None and n >= limit) or n > 600:
            break
        previous, term_end, n = term_end, add_months(end, step * (n + 1)), n + 1
        how = (
            f"renewal term {n} ends {term_end.isoformat()} ({previous.isoformat()} + {step} months)"
        )
    return cycles


def next_notice(dates: KeyDates, as_of: date) -> tuple[date, date, str] | None:
    """(notify-by, term end, words) of the first non-renewal notice deadline on or after
    `as_of` of an auto-renewing contract whose term end and notice period are known."""
    expiry, renewal = dates.expiration_date, dates.renewal
    if not (renewal and renewal.auto_renew and expiry and expiry.date):
        return None
    notice = _notice_of(renewal.text, renewal.notice_days)
    if notice is None:
        return None
    for term_end, notify_by, how in next_cycles(dates, expiry.date, notice, 1, as_of):
        if notify_by is not None:
            return notify_by, term_end, f"{how}; {_notice_words(notice)} → notify by {notify_by}"
    return None


_FROM_EFFECTIVE = re.compile(r"\b(?:from|after|following)\s+the\s+effective\s+date\b", re.I)
_WARRANTY_FROM = re.compile(
    r"\W{0,3}(?:from|after|following|commencing\s+(?:on|with)|starting\s+(?:on|with))\s+(?:the\s+)?"
    r"(?:date\s+of\s+)?(?:its\s+|their\s+|the\s+)?(?P<x>[\w-]+(?:\s+[\w-]+)?)",
    re.IGNORECASE,
)


def _warranty_start(text: str) -> str:
    """What a warranty period runs from ("its Delivery Date"), as written after its length."""
    for found in all_durations(text):
        if found.value.unit in ("month", "year"):
            start = _WARRANTY_FROM.match(text, found.end)
            if start:
                return " ".join(start.group("x").split())
    return "its start"


def _clause_deadlines(result: ContractResult, dates: KeyDates) -> list[Deadline]:
    out: list[Deadline] = []
    effective = dates.effective_date.date if dates.effective_date else None
    expiry = dates.expiration_date
    end = expiry.date if expiry else None
    warranty = present(result, ["warranty_duration", "warranty"])
    for i in warranty:
        hit = result.clauses[i]
        months = hit.attributes.get("duration_months")
        if not months:
            continue
        months_words = f"{months:g} months"
        if _FROM_EFFECTIVE.search(hit.text) and effective and float(months).is_integer():
            day = add_months(effective, int(months)).isoformat()
            message = f"warranty ends {day} ({months_words} from the effective date {effective})"
            out.append(Deadline("warranty_end", day, message, hit.type, (i,), hit.page, 0.7))
        else:
            what = _warranty_start(hit.text)
            message = (
                f"check: warranty of {months_words} from {what} — a date the contract does not"
                " state; record it to know when the warranty ends"
            )
            out.append(Deadline("warranty_end", None, message, hit.type, (i,), hit.page, 0.4))
        break
    for i in present(result, ["price_increase"])[:1]:
        hit = result.clauses[i]
        notice = notice_duration(hit.text)
        if notice is None:
            continue
        at_renewal = re.search(r"\brenew\w*|\banniversar\w*", hit.text, re.I)
        notify_by = _before(end, notice) if end and at_renewal else None
        if notify_by is not None:
            message = (
                f"price increases take effect at renewal with {_notice_words(notice)}: "
                f"{_term_end(expiry)} → a notice of increase comes by {notify_by}"  # type: ignore[arg-type]
            )
        else:
            message = f"check: price increases need {_notice_words(notice)}; no fixed date"
        date_ = notify_by.isoformat() if notify_by else None
        out.append(Deadline("price_increase_notice", date_, message, hit.type, (i,), hit.page,
                            0.6 if notify_by else 0.4))  # fmt: skip
    for i in present(result, ["termination_for_convenience"])[:1]:
        hit = result.clauses[i]
        notice = _notice_of(hit.text, hit.attributes.get("notice_days"))
        if notice is None:
            continue
        notify_by = _before(end, notice) if end else None
        if notify_by is not None:
            message = (
                f"{_term_end(expiry)}; terminable for convenience on {_notice_words(notice)} → "  # type: ignore[arg-type]
                f"to leave by the end of the term, notify by {notify_by}"
            )
        else:
            message = (
                f"check: terminable for convenience at any time on {_notice_words(notice)}; "
                "no end of term to count back from"
            )
        date_ = notify_by.isoformat() if notify_by else None
        out.append(Deadline("termination_notice", date_, message, hit.type, (i,), hit.page,
                            0.6 if notify_by else 0.4))  # fmt: skip
    for i in present(result, ["audit_rights"])[:1]:
        hit = result.clauses[i]
        days = hit.attributes.get("notice_days")
        if not days:
            continue
        message = (
            f"check: an audit needs {days:g} days' notice — it can start no sooner than "
            f"{days:g} days after the auditor's notice (no fixed date)"
        )
        out.append(Deadline("audit_notice", None, message, hit.type, (i,), hit.page, 0.5))
    return out


# ---------------------------------------------------------------------------- findings

RENEWAL_SOON = Rule(
    id=f"{DATE_RULE_PREFIX}renewal_notice_due",
    clause_type="renewal_term",
    severity="high",
    reason="The contract renews automatically unless notice is given before the deadline.",
    suggestion="Decide now whether to renew; send written notice of non-renewal in time.",
    source="issue 16: contract calendar",
)
EVERGREEN = Rule(
    id=f"{DATE_RULE_PREFIX}evergreen_without_exit",
    clause_type="termination_for_convenience",
    severity="medium",
    reason="An evergreen contract without termination for convenience is hard to leave.",
    suggestion="Ask for a right to terminate for convenience on 90 days' notice.",
    source="issue 16: contract calendar",
)
EXPIRED = Rule(
    id=f"{DATE_RULE_PREFIX}expired",
    clause_type="expiration_date",
    severity="medium",
    reason="An expired contract in the portfolio: services may run without contract terms.",
    suggestion="Archive it, or find the renewal or extension that keeps it in force.",
    source="issue 16: contract calendar",
)


def date_findings(result: ContractResult, as_of: date) -> list[Finding]:
    """The findings for dates that matter on `as_of` (see the module docstring)."""
    dates = result.dates
    if not result.ok or dates is None:
        return []
    found = []
    expiry, renewal = dates.expiration_date, dates.renewal
    auto = bool(renewal and renewal.auto_renew)
    said = renewal.text if renewal else expiry.text if expiry else ""
    term = list(_evidence(result, said, _TERM_TYPES)) if said else []
    due = next_notice(dates, as_of)
    if due is not None and (due[0] - as_of).days <= SOON_DAYS:
        notify_by, _term_end_day, how = due
        days = (notify_by - as_of).days
        message = (
            f"Auto-renewal: notice of non-renewal is due by {notify_by} ({days} days after "
            f"{as_of}): {how}."
        )
        found.append(finding("risk", RENEWAL_SOON, message, term[:3], result))
    # evergreen: runs until terminated, or renews without limit with no notice period
    # found to stop it (one that notice of non-renewal stops has a way out)
    perpetual = expiry is not None and expiry.value == PERPETUAL
    unstoppable = bool(
        auto and renewal and renewal.max_renewals is None and not renewal.notice_days
    )
    if (perpetual or unstoppable) and not result.has("termination_for_convenience"):
        if perpetual:
            how = "runs until terminated"
        else:
            how = "renews automatically without limit; no notice period to stop it was found"
        message = f"Evergreen contract ({how}) with no termination for convenience."
        found.append(finding("risk", EVERGREEN, message, term[:3], result))
    if expiry is not None and expiry.date and expiry.date < as_of and not auto:
        days = (as_of - expiry.date).days
        message = (
            f"Expired on {expiry.value} ({expiry.basis}), {days} days before {as_of}, and still "
            "in the portfolio."
        )
        evidence = list(_evidence(result, expiry.text, _TERM_TYPES))
        found.append(finding("risk", EXPIRED, message, evidence, result))
    return found


def refresh_date_findings(result: ContractResult, as_of: date | None = None) -> ContractResult:
    """Replace the result's date findings by those of `as_of` (today when None), in place;
    the playbook's findings stay as they are. Findings stay most severe first."""
    day = as_of or date.today()
    kept = [f for f in result.findings if not (f.rule_id or "").startswith(DATE_RULE_PREFIX)]
    merged = kept + date_findings(result, day)
    result.findings = sorted(merged, key=lambda f: SEVERITY_ORDER[f.severity])
    return result
