"""Services of systems, by sub-domain: `chains` (impact chains, system graph, cascades,
loops, the editor's JSON), `micmac` (structural analysis), `scenarios` (morphological box,
TRACC, stress test) and `vision` (key words).

Views call these; the computations themselves live in the pure analysis package
(`ressort.analysis.systems`, `.micmac`, `.morphology`). The contract with the other apps
(docs/contracts.md) is `add_vision_keywords`, importable from here.
"""

from ressort.systems.services.vision import add_vision_keywords

__all__ = ["add_vision_keywords"]
