# Runner's Knee course: build, serve, test.
#   make book                    build the student site into _build/html (creates .venv on first run)
#   make book EDITION=instructor build the instructor edition (worked solutions) into _build/instructor/html
#   make serve                   build, then serve the site on http://127.0.0.1:8000
#   make test                    the whole test suite: lint, build, unit, notebook and browser tests
#   make unit                    the tests that need no browser and no built site (under a minute)
#   make lab                     JupyterLab with the `widgets` package importable
#   make bench                   build/size/speed benchmarks and Lighthouse's mobile test (prints figures;
#                                LIGHTHOUSE_PAGES=joint-load,cadence for a few pages)
#   make pdf                     both editions as one PDF each, printed by Chromium, in _build/pdf
#   make screenshots             every page at 390 px and 1280 px into _build/screenshots
#   make icons                   re-render site-root's PNG and ICO icons from favicon.svg
#   make figures                 re-render the figures' static SVGs (assets/figures/) after changing a figure
#   make assignments             the autograded assignments (otter-grader): student and autograder versions

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The stamp changes whenever requirements.txt does, so an edited pin reinstalls.
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
EDITION ?= student
# OUT: where builds go. The student site is $(OUT)/_build/html, the instructor edition
# $(OUT)/_build/instructor/_build/html (Jupyter Book 1 always appends _build/html).
# Set OUT=/tmp/somewhere to build without touching the checkout's _build.
OUT ?= .
PORT ?= 8000
STUDENT_HTML := $(OUT)/_build/html
INSTRUCTOR_HTML := $(OUT)/_build/instructor/_build/html

ifeq ($(EDITION),instructor)
  SITE_OUT := $(OUT)/_build/instructor
  SITE_HTML := $(INSTRUCTOR_HTML)
else
  SITE_OUT := $(OUT)
  SITE_HTML := $(STUDENT_HTML)
endif

.PHONY: book serve test unit lab bench lint clean venv screenshots icons figures pdf assignments

venv: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@# Make the repo's own packages (widgets) importable in the venv, kernels included.
	@echo "$(CURDIR)" > $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/runners_knee_course.pth
	@rm -f $(VENV)/.installed-*
	@touch $@

ASSIGNMENTS := $(OUT)/_build/assignments

book: venv
	COURSE_EDITION=$(EDITION) COURSE_NB_CACHE=$(OUT)/_build/.jupyter_cache $(BIN)/jupyter-book build . --path-output $(SITE_OUT) -W -n --keep-going
ifeq ($(EDITION),instructor)
	@# The instructor guide links each chapter's assignment zip (student notebook, solutions, grader).
	$(MAKE) --no-print-directory assignments
	mkdir -p $(SITE_HTML)/assignments && cp $(ASSIGNMENTS)/*.zip $(SITE_HTML)/assignments/
endif
	@echo "Site built: $(SITE_HTML)/index.html  (serve it with: make serve)"

# Regenerates assignments/<chapter>.ipynb (otter's source notebooks; their hidden tests are written
# from widgets/exercise_solutions.py) and runs otter assign on each into $(ASSIGNMENTS)/<chapter>/
# (student/ and autograder/), plus $(ASSIGNMENTS)/<chapter>.zip for the instructor site. Grade a
# submission offline, without Docker:
#   otter run -a $(ASSIGNMENTS)/<chapter>/autograder/<chapter>-autograder.zip -o results/ submission.ipynb
assignments: venv
	$(BIN)/python -m widgets.assignments $(ASSIGNMENTS)

serve: book
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE_HTML)

lint: venv
	$(BIN)/ruff check widgets tests _ext benchmarks

test: venv lint
	$(MAKE) --no-print-directory book EDITION=student
	$(MAKE) --no-print-directory book EDITION=instructor
	@# Two workers; --dist loadfile keeps each notebook (nbval) and each browser module on one worker.
	COURSE_STUDENT_HTML=$(STUDENT_HTML) COURSE_INSTRUCTOR_HTML=$(INSTRUCTOR_HTML) $(BIN)/python -m pytest -n 2 --dist loadfile

# No build, no browser, no notebooks (only tests/ is collected, so nbval finds nothing): the
# tests a newcomer runs while editing. Tests reading a built site get the `site` marker in
# tests/conftest.py; browser tests the `browser` marker.
UNIT_MARKERS := not browser and not site

unit: venv
	$(BIN)/python -m pytest tests -n 2 -m "$(UNIT_MARKERS)"

# As root (a container, a server): Jupyter refuses to start without --allow-root, and there is
# no desktop browser to open, so it prints the URL (with its token) to open instead.
LAB_ROOT_ARGS := $(if $(filter 0,$(shell id -u)),--allow-root --no-browser)

lab: venv
	$(BIN)/jupyter lab --notebook-dir=book $(LAB_ROOT_ARGS)

# Lighthouse (a development tool, pinned in benchmarks/lighthouse/package-lock.json) is installed
# by `npm ci` when its lock file is newer than what is installed; it then runs offline.
LIGHTHOUSE_DIR := benchmarks/lighthouse
LIGHTHOUSE := $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json

$(LIGHTHOUSE): $(LIGHTHOUSE_DIR)/package-lock.json $(LIGHTHOUSE_DIR)/package.json
	cd $(LIGHTHOUSE_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# LIGHTHOUSE_PAGES=joint-load,cadence: Lighthouse on those pages only (every page: ~15 s each, ~15 min in all).
bench: venv $(LIGHTHOUSE)
	$(BIN)/python benchmarks/bench_build.py
	$(MAKE) --no-print-directory book
	COURSE_STUDENT_HTML=$(STUDENT_HTML) $(BIN)/python benchmarks/bench_pages.py
	COURSE_STUDENT_HTML=$(STUDENT_HTML) LIGHTHOUSE_PAGES=$(LIGHTHOUSE_PAGES) $(BIN)/python benchmarks/bench_lighthouse.py
	$(BIN)/python benchmarks/bench_pf_load.py

# One PDF per edition, printed from the built site by Chromium (no LaTeX): _ext/pdf_edition.py.
PDF_DIR := $(OUT)/_build/pdf

pdf: venv
	$(MAKE) --no-print-directory book EDITION=student
	$(MAKE) --no-print-directory book EDITION=instructor
	$(BIN)/python _ext/pdf_edition.py $(STUDENT_HTML) $(PDF_DIR)/runners-knee-student.pdf --edition student
	$(BIN)/python _ext/pdf_edition.py $(INSTRUCTOR_HTML) $(PDF_DIR)/runners-knee-instructor.pdf --edition instructor

screenshots: book
	COURSE_STUDENT_HTML=$(STUDENT_HTML) $(BIN)/python benchmarks/screenshots.py

icons: venv
	$(BIN)/python benchmarks/render_icons.py

# Needs Chromium (as the browser tests do); `make book` only copies the committed SVGs.
figures: venv
	$(BIN)/python benchmarks/render_figures.py

clean:
	rm -rf $(OUT)/_build
