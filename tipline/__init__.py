"""tipline: a real-time child-safety compliance job.

In the repository the layers stay at the top level (``flows/``, ``operators/``, ...);
this package links them in, so everything imports as ``tipline.<layer>`` and the
wheel holds ``tipline`` alone.
"""
