"""Only what pyproject.toml cannot say: the wheel carries a copy of references.bib in
widgets/data/, so widgets.clinical can check the sources of an installed copy's data against
the bibliography (in the repository the one references.bib stays at the top)."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithBibliography(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "widgets" / "data" / "references.bib"
        target.parent.mkdir(parents=True, exist_ok=True)
        self.copy_file("references.bib", str(target))


setup(cmdclass={"build_py": BuildPyWithBibliography})
