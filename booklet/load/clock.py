"""The build date: from SOURCE_DATE_EPOCH when it is set (reproducible builds), else today."""

from __future__ import annotations

from datetime import UTC, date, datetime

from booklet.errors import BookletError


def build_date(epoch: str | None) -> tuple[date, datetime | None]:
    """Today and the document timestamp, both from SOURCE_DATE_EPOCH when it is set."""
    if epoch is None:
        return date.today(), None
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError) as exc:
        raise BookletError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from exc
    return moment.date(), moment
