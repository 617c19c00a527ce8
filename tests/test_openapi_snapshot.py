"""The OpenAPI document is the integrators' contract: any change to it must be deliberate.

Regenerate after an intended change with `UPDATE_SNAPSHOTS=1 make test`.
"""

import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def test_openapi_document_matches_the_snapshot(client):
    current = client.get("/internal/api/v1/openapi.json").json()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(
            json.dumps(current, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
