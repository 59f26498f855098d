"""Build hook: the wheel carries the book's data (everything else is in pyproject.toml).

``data/`` in the repository is the one source of the data tables, their description
(``datapackage.json``) and the bibliography (``references.bib``). When a wheel is built,
they are copied into the package as ``tipline/_data/``, where :mod:`tipline.paths` finds them
in an installed copy. An editable install (``pip install -e .``) reads ``data/`` directly.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).resolve().parent / "data"
PATTERNS = ("*.csv", "*.json", "*.bib", "README.md")


class BuildPyWithData(build_py):
    """``build_py`` that also copies ``data/`` into ``<build>/tipline/_data``."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        if not DATA.is_dir():
            raise SystemExit(f"cannot build tipline: its data folder {DATA} is missing")
        target = Path(self.build_lib) / "tipline" / "_data"
        self.mkpath(str(target))
        for pattern in PATTERNS:
            for source in sorted(DATA.glob(pattern)):
                self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildPyWithData})
