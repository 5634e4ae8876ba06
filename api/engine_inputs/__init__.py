"""The one way into the engine: stored rows and request payloads to ``screening.inputs``.

A supplier reaches the engine by three doors: the registry (a stored row, scored on create,
import, audit upload and rescore), ``POST /v1/score`` (a payload, nothing stored) and
``flrisk score`` (a file). Each door first brings its input to the registry's column values
(the payload and the file through the same resolution the registry uses on write), and this
package turns column values into the engine's inputs. So the same input gives the same
assessment and digest whichever door it came by (``tests/integration/test_three_doors.py``).
"""
