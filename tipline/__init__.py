"""Machinery for the book *Who do CyberTips help?*.

Data flows one way: ``data/`` tables -> :mod:`tipline.data` (loading and validation)
-> :mod:`tipline.model` (the tilt model) -> :mod:`tipline.figures` and the explorers
-> the chapters in ``book/``.
"""

__version__ = "0.1.0"
