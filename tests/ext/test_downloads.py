"""_ext/downloads.py without a build: MyST → plain markdown for the downloaded notebooks (every
notebook of the book, both editions), the launch links, and the course package's wheel installed
away from the repository."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "_ext"))
import downloads

NOTEBOOKS = sorted(p.relative_to(REPO).with_suffix("").as_posix() for p in (REPO / "book").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)


class StubLinks(downloads.Links):
    """Links as the site makes them, without Sphinx: every target exists."""

    def doc(self, target):
        return f"Title of {target}", f"{target.strip('/')}.html"

    def ref(self, label):
        return f"Section {label}", f"register.html#{label}"

    def term(self, text):
        return text, f"glossary.html#term-{text}"

    def cite(self, key):
        return key, f"bibliography.html#cite-{key}"


def resolve(text, edition="student"):
    return downloads.resolve_markdown(text, downloads.Context(edition=edition, links=StubLinks()))


def test_clin_role_gives_the_number_and_unit_of_the_register():
    from widgets import clinical

    assert resolve("about {clin}`joint_force.walking` when walking") == (
        f"about {clinical.get('joint_force.walking').display()} when walking")
    assert clinical.get("joint_force.walking").display() == "0.5\u00a0× body weight"  # from clinical.yaml


def test_rule_role_gives_the_pain_rules_words():
    from widgets.return_to_run import pain_rule

    assert resolve("with {rule}`next_day` it") == f"with {pain_rule('next_day')} it"
    with pytest.raises(downloads.DownloadError, match="no pain rule 'nope'"):
        resolve("{rule}`nope`")


def test_a_contradicted_number_is_marked_once_with_a_link_to_its_register_entry():
    from widgets import clinical

    entry = next(e for e in clinical.load().values() if e.contradicted)
    text = resolve(f"{{clin}}`{entry.key}` and again {{clin}}`{entry.key}`")
    assert text.count(clinical.CONTRADICTED_MARKER) == 1
    assert f"(register.html#{entry.anchor})" in text


def test_links_and_citations_become_markdown_links():
    text = resolve("See {doc}`anatomy`, {doc}`the guide </book/instructor-guide>`, {term}`Q-angle`, "
                   "{ref}`the table <tbl-x>` and {cite:p}`crossley2016consensus1,willy2019cpg`; "
                   "{cite:t}`crossley2016consensus2` agree.")
    assert "[Title of anatomy](anatomy.html)" in text
    assert "[the guide](book/instructor-guide.html)" in text
    assert "[Q-angle](glossary.html#term-Q-angle)" in text
    assert "[the table](register.html#tbl-x)" in text
    # Author-year from references.bib: twelve authors → "Crossley et al.", nine → "Willy et al.".
    assert ("([Crossley et al., 2016a](bibliography.html#cite-crossley2016consensus1); "
            "[Willy et al., 2019](bibliography.html#cite-willy2019cpg))") in text
    assert "[Crossley et al. (2016b)](bibliography.html#cite-crossley2016consensus2) agree." in text


def test_author_year_labels_decode_latex_and_count_authors():
    assert downloads.author_year("nielsen2014progression") == ("Nielsen et al.", "2014")
    with pytest.raises(downloads.DownloadError, match=r"not a key of references\.bib"):
        downloads.author_year("nobody2099")


EXERCISE = """::::{exercise} Stairs
:label: ex-a

Work it out with {clin}`joint_force.walking`.
::::

::::{solution} ex-a
:class: dropdown

```{generated} widgets.exercise_solutions:stair_stress_peak
```
::::"""


def test_solutions_are_dropped_for_students_and_kept_for_instructors():
    from widgets import exercise_solutions

    answer = exercise_solutions.stair_stress_peak()
    student, teacher = resolve(EXERCISE), resolve(EXERCISE, "instructor")
    assert student.startswith("### Exercise 1: Stairs") and "0.5\u00a0× body weight" in student
    assert "Solution" not in student and answer[:60] not in student
    assert "> **Solution to exercise 1**" in teacher
    assert answer.split(".")[0] in teacher.replace("\n> ", " ")


def test_admonitions_become_quoted_blocks_and_only_follows_the_edition():
    text = ":::{admonition} Key points\n:class: rk-key-points\n- one\n- two\n:::\n\n(a-target)=\n## Next"
    assert resolve(text) == "> **Key points**\n>\n> - one\n> - two\n\n## Next"
    only = ":::{only} instructor\nMarking notes.\n:::"
    assert resolve(only) == "" and resolve(only, "instructor") == "Marking notes."


def test_plain_code_blocks_are_left_alone():
    text = "```python\nprint('{clin}`x`')\n```"
    assert resolve(text) == text


@pytest.mark.parametrize("text, message", [
    ("{numref}`fig-x`", "role {numref}"),
    (":::{figure} x.png\n:::", "directive {figure}"),
    ("::::{solution} ex-none\nx\n::::", "no exercise with that label"),
    (":::{note}\nnever closed", "unclosed"),
    ("{clin}`no_such.key`", "clin:"),
])
def test_what_cannot_be_rendered_fails_with_a_message(text, message):
    with pytest.raises(downloads.DownloadError, match=message.replace("{", r"\{")):
        resolve(text, "instructor")


@pytest.mark.parametrize("docname", NOTEBOOKS)
@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_every_book_notebook_converts_without_myst_left(docname, edition):
    source = json.loads((REPO / f"{docname}.ipynb").read_text(encoding="utf-8"))
    clean = downloads.clean_notebook(source, edition, StubLinks(), header="Header")
    markdown = "\n".join(c["source"] for c in clean["cells"] if c["cell_type"] == "markdown")
    assert not downloads.UNRESOLVED_MYST.search(markdown), downloads.UNRESOLVED_MYST.search(markdown)
    assert clean["cells"][1]["source"] == "Header"
    code = [c for c in clean["cells"] if c["cell_type"] == "code"]
    assert code == [c for c in clean["cells"] if c["cell_type"] == "code" and not c["outputs"]]
    assert [c["source"] for c in code] == ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                                          for c in source["cells"] if c["cell_type"] == "code"]
    solutions = sum("".join(c["source"]).count("{solution}") for c in source["cells"])
    shown = markdown.count("**Solution to exercise")
    assert shown == (solutions if edition == "instructor" else 0)


# --- launch links ------------------------------------------------------------------------------

def test_no_settings_no_links():
    assert downloads.launch_links({}, "book/x/page") == []
    assert downloads.launch_links({"jupyterhub_url": "", "binder_repo": "", "branch": ""}, "book/x/page") == []


def test_hub_link_is_an_nbgitpuller_link_that_opens_the_page_s_notebook():
    (link,) = downloads.launch_links({"jupyterhub_url": "https://hub.example.edu/",
                                      "repository": "https://github.com/uni/rk-notebooks.git",
                                      "notebooks_path": "notebooks"}, "book/treatment/exercises")
    url = urlparse(link["url"])
    assert (url.scheme, url.netloc, url.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert parse_qs(url.query) == {"repo": ["https://github.com/uni/rk-notebooks.git"], "branch": ["main"],
                                   "urlpath": ["lab/tree/rk-notebooks/notebooks/book/treatment/exercises.ipynb"]}


def test_binder_link_opens_the_notebook_in_jupyterlab():
    links = downloads.launch_links({"binder_repo": "uni/runners-knee", "branch": "v1"}, "book/treatment/exercises")
    assert links == [{"label": "Binder", "url": "https://mybinder.org/v2/gh/uni/runners-knee/v1?urlpath="
                                                "lab%2Ftree%2Fbook%2Ftreatment%2Fexercises.ipynb"}]


@pytest.mark.parametrize("settings, message", [
    ({"jupyterhub_url": "https://hub.example.edu"}, "needs repository"),
    ({"jupyterhub_url": "hub.example.edu", "repository": "https://x/y"}, "must start with https://"),
    ({"binder_repo": "runners-knee"}, "owner/name"),
    ({"hub": "https://hub.example.edu"}, "unknown setting"),
])
def test_bad_launch_settings_say_what_is_wrong(settings, message):
    with pytest.raises(ValueError, match=message):
        downloads.launch_links(settings, "book/index")


# --- the course package ----------------------------------------------------------------------

def json_free_protocol():
    from widgets.return_to_run import load_protocol

    return load_protocol()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    return downloads.build_wheel(tmp_path_factory.mktemp("dist"))


def test_wheel_holds_every_module_and_data_file(wheel):
    assert wheel.name == downloads.wheel_name()
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "widgets"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked and set(tracked) <= names, set(tracked) - names
    assert "widgets/data/references.bib" in names


def test_wheel_installed_outside_the_repository_loads_its_models_and_data(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    script = (
        "import widgets, widgets.pf_load as pf, widgets.clinical as clinical, widgets.return_to_run as rtr\n"
        "print(widgets.__file__); print(clinical.REFERENCES_FILE)\n"
        "print(clinical.get('joint_force.walking').display())\n"
        "print(len(rtr.load_protocol()))\n"
        "print(round(pf.cadence_effect(10, 60)['per_step_pct'], 1))\n"
    )
    # The installed copy comes first on the path, and runs from a folder outside the repository.
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, check=True)
    module_file, bib, walking, stages, per_step = result.stdout.split("\n")[:5]
    assert module_file == str(target / "widgets" / "__init__.py")
    assert bib == str(target / "widgets" / "data" / "references.bib")
    assert walking == "0.5\u00a0× body weight"
    assert int(stages) == len(json_free_protocol())
    from widgets import pf_load

    assert float(per_step) == round(pf_load.cadence_effect(10, 60)["per_step_pct"], 1)
