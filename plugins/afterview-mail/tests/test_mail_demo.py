"""The demo mailbox turns its messages into proposals and the proposals into advice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "examples" / "inbox_demo.py"


def test_the_demo_mailbox_turns_proposals_into_advice() -> None:
    result = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    before, _, after = result.stdout.partition("After accepting them:")
    assert "3 messages read, 2 proposals" in before
    assert "AV401" not in before
    assert "accepted 1: rejected" in before
    assert "accepted 2: interview scheduled" in before
    assert "AV401 Ask Dana Reyes" in after  # the feedback call the rejection calls for
    assert "AV101 Read up on Chen Wu" in after  # preparing the interview the invitation set
    assert "Career Weekly" not in result.stdout
