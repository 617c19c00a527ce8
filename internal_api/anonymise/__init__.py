"""Strip petitioner identities from the texts of a closed case before anything is stored.

Pure Python: no Django, no other app of the project. See README.md for the rules."""

from __future__ import annotations

from .engine import anonymise, detect_identifiers
from .types import AnonymisedCase, Finding, Petitioner, Replacement

__all__ = ["anonymise", "detect_identifiers", "Petitioner", "Replacement", "AnonymisedCase", "Finding"]
