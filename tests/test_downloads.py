"""What the built site offers for download (_ext/downloads.py): a clean notebook beside every
notebook page, with no solution and no raw MyST in the student edition, every one of which runs;
the course package; the download menu pointing at them; no launch link in the default build."""

from __future__ import annotations

import json
import re
import sys
import zipfile

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "_ext"))
import downloads

NOTEBOOK_PAGES = sorted(p.relative_to(REPO).with_suffix("").as_posix() for p in (REPO / "book").rglob("*.ipynb")
                        if ".ipynb_checkpoints" not in p.parts)
# Raw MyST that must never reach a download (the lead's list, and the extension's own pattern).
RAW_MYST = re.compile(r"\{clin\}|\{clinnum\}|\{cite|\{term\}|:::\{|```\{")


def read_notebook(site, docname) -> dict:
    path = site / f"{docname}.ipynb"
    assert path.is_file(), f"{docname}: no notebook beside the page"
    return json.loads(path.read_text(encoding="utf-8"))


def source_of(cell) -> str:
    # On disk nbformat stores a cell's source as a list of lines.
    return "".join(cell["source"])


def markdown_of(notebook) -> str:
    return "\n".join(source_of(c) for c in notebook["cells"] if c["cell_type"] == "markdown")


def solution_texts(docname) -> list[str]:
    """A distinctive run of each worked solution: the words the instructor copy shows for it (a
    generated solution's text, or a written solution's own first words)."""
    from widgets import exercise_solutions

    source = json.loads((REPO / f"{docname}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in source["cells"])
    texts = []
    for body in re.findall(r"^:{3,}\{solution\}[^\n]*\n(.*?)^:{3,}\s*$", text, flags=re.M | re.S):
        body = re.sub(r"^:\w+:.*\n", "", body, flags=re.M).strip()
        call = re.search(r"\{generated\} widgets\.exercise_solutions:(\w+)([^\n]*)", body)
        texts.append(getattr(exercise_solutions, call[1])(*call[2].split()) if call else body)
    return texts


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_student_download_has_no_solution_and_no_raw_myst(student_html, docname):
    notebook = read_notebook(student_html, docname)
    text = markdown_of(notebook)
    assert not RAW_MYST.search(text), f"{docname}: raw MyST {RAW_MYST.search(text)[0]!r}"
    assert not downloads.UNRESOLVED_MYST.search(text)
    assert "Solution" not in text
    for solution in solution_texts(docname):
        words = " ".join(solution.split())[:60]
        assert words not in " ".join(text.split()), f"{docname}: solution text in the student download"
    assert notebook["metadata"]["runners_knee"] == {"edition": "student"}
    assert all(not c.get("outputs") for c in notebook["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("docname", [d for d in NOTEBOOK_PAGES if d.endswith("/exercises")])
def test_instructor_download_keeps_every_solution(instructor_html, student_html, docname):
    teacher, student = read_notebook(instructor_html, docname), read_notebook(student_html, docname)
    text = " ".join(markdown_of(teacher).replace("\n> ", "\n").split())
    solutions = solution_texts(docname)
    assert solutions
    assert text.count("Solution to exercise") == (REPO / f"{docname}.ipynb").read_text().count("{solution}")
    for solution in solutions:
        # The solution's first sentence, as rendered (roles resolved, so compare plain words).
        first = " ".join(solution.split())[:40]
        if "{" not in first and "*" not in first:
            assert first in text, f"{docname}: solution missing from the instructor download: {first!r}"
    # Same code in both editions: executing the student copies covers the instructor's.
    code = [[source_of(c) for c in nb["cells"] if c["cell_type"] == "code"] for nb in (teacher, student)]
    assert code[0] == code[1]


def test_roles_resolve_to_the_register_s_numbers_and_links_to_the_site(student_html):
    from widgets import clinical

    docname = "book/what-is-runners-knee/joint-load"
    text = markdown_of(read_notebook(student_html, docname))
    assert clinical.get("joint_force.walking").display() in text
    # {doc} links go to the built pages, {cite:t} to the entry's anchor on the bibliography page.
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        page, _, anchor = target.partition("#")
        if page.startswith(("http://", "https://")) or page.endswith(".whl"):
            continue
        built = (student_html / docname).parent / page
        assert built.is_file(), f"{docname}: link to a missing page {target}"
        if anchor:
            soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
            assert soup.find(id=anchor) is not None, f"{docname}: no #{anchor} on {page}"
    assert "Heiderscheit et al. (2011)](../bibliography.html#cite-heiderscheit2011steprate)" in text


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_download_menu_offers_the_clean_notebook_and_the_package(student_html, docname):
    soup = BeautifulSoup((student_html / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select(".dropdown-download-buttons a[href]")]
    name = docname.rsplit("/", 1)[-1]
    assert f"{name}.ipynb" in links, links
    assert f"../../_downloads/{downloads.wheel_name()}" in links
    assert not any("_sources" in link for link in links)


def test_no_raw_sources_are_published(student_html, instructor_html):
    for site in (student_html, instructor_html):
        assert not (site / "_sources").exists(), f"{site}: _sources holds the unedited notebooks"


def test_the_package_and_the_zips_are_served(student_html, instructor_html):
    wheel = student_html / "_downloads" / downloads.wheel_name()
    names = zipfile.ZipFile(wheel).namelist()
    assert "widgets/pf_load.py" in names and "widgets/data/clinical.yaml" in names
    student_zip = zipfile.ZipFile(student_html / "_downloads" / "runners-knee-notebooks-student.zip")
    assert sorted(n for n in student_zip.namelist() if n.endswith(".ipynb")) == [
        f"runners-knee/{d}.ipynb" for d in NOTEBOOK_PAGES]
    assert f"runners-knee/{downloads.wheel_name()}" in student_zip.namelist()
    assert not (student_html / "_downloads" / "runners-knee-notebooks-instructor.zip").exists()
    assert (instructor_html / "_downloads" / "runners-knee-notebooks-instructor.zip").is_file()
    for name in student_zip.namelist():
        if name.endswith(".ipynb"):
            assert "Solution to exercise" not in student_zip.read(name).decode()


def test_default_build_has_no_launch_link_to_another_host(student_html, instructor_html):
    for site in (student_html, instructor_html):
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            assert "git-pull" not in html and "mybinder" not in html.replace("mybinder.org with", ""), page
            assert "launch-buttons" not in html, page


# --- every downloaded notebook runs -------------------------------------------------------

@pytest.fixture(scope="session")
def executed_downloads(student_html, tmp_path_factory):
    """Every student download, executed with nbclient from a folder outside the repository
    (skip-execution cells, the live ipywidgets, stay skipped as on the site's build).

    All of them run in one kernel, each after ``%reset -f`` (an empty namespace, as in a fresh
    kernel): starting a kernel per notebook cost about a minute of the suite, and the notebooks'
    code is one or two calls into the installed package, which a reset namespace still has to
    import itself."""
    import nbformat
    from nbclient import NotebookClient

    workdir = tmp_path_factory.mktemp("downloads")
    notebooks = {d: nbformat.read(str(student_html / f"{d}.ipynb"), as_version=4) for d in NOTEBOOK_PAGES}
    combined = nbformat.v4.new_notebook()
    for notebook in notebooks.values():
        combined.cells.append(nbformat.v4.new_code_cell("%reset -f"))
        combined.cells.extend(c for c in notebook.cells if c.cell_type == "code")
    NotebookClient(combined, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    ran = iter(combined.cells)
    results = {}
    for docname, notebook in notebooks.items():
        next(ran)  # the reset
        for cell in notebook.cells:
            if cell.cell_type == "code":
                done = next(ran)
                cell.outputs, cell.execution_count = done.outputs, done.get("execution_count")
        errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        results[docname] = (notebook, f"{errors[0].ename}: {errors[0].evalue}" if errors else None)
    return results


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_every_downloaded_notebook_runs(executed_downloads, docname):
    notebook, error = executed_downloads[docname]
    assert error is None, f"{docname}: {error}"
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if "skip-execution" in cell.metadata.get("tags", []):
            assert cell.get("execution_count") is None and not cell.outputs
        else:
            assert cell.execution_count is not None
            assert not [o for o in cell.outputs if o.output_type == "error"]
