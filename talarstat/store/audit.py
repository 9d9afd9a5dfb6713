"""The audit log: every change to a stored meeting, so that nothing is silently destroyed."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from sqlmodel import Session

from talarstat.store.models import AuditRow


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def log_change(
    *,
    session: Session,
    meeting_id: str,
    action: str,
    entity: str,
    entity_id: str | None = None,
    before: Any = None,
    after: Any = None,
) -> None:
    """Add one audit entry to the session's transaction (committed with the change it describes)."""
    session.add(
        AuditRow(
            meeting_id=uuid.UUID(meeting_id),
            at=now_ms(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=None if before is None else json.dumps(before, ensure_ascii=False, sort_keys=True),
            after=None if after is None else json.dumps(after, ensure_ascii=False, sort_keys=True),
        )
    )
