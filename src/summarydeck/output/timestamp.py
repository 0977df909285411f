"""The time a build records in the deck: fixed, so the same content gives the same bytes."""

from __future__ import annotations

import datetime as dt
import os

from summarydeck.diagnostics import OutputError
from summarydeck.model.content import DeckInfo


def build_timestamp(info: DeckInfo) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else noon on the deck's date."""
    return source_date_epoch() or dt.datetime.combine(info.date, dt.time(12, 0))


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a time (UTC, naive); None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    # a zip entry can record 1980-01-01 to 2107-12-31
    if not epoch.isdigit() or not _ZIP_FIRST <= int(epoch) <= _ZIP_LAST:
        raise OutputError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a time a deck can record: give whole seconds "
            f"since 1970 between {_ZIP_FIRST} (1980) and {_ZIP_LAST} (2107)"
        )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)


_ZIP_FIRST = 315_532_800  # 1980-01-01T00:00:00Z
_ZIP_LAST = 4_354_819_199  # 2107-12-31T23:59:59Z
