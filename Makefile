# One entry point for people and CI. Every target sets up .venv itself
# (from requirements/lock.txt, exact versions with hashes) the first time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
GCEG   := $(BIN)/gceg
HOST   ?= 127.0.0.1
PORT   ?= 8000
AUDIENCE ?= public

.PHONY: help setup serve build build-members validate test test-fast lint lock clean publish pdf offline bench bench-search bench-pages messages \
        preview-members member-password bench-serving audit

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## create .venv with the locked dependencies

serve: $(STAMP) ## validate, then serve the site (AUDIENCE=members for the members' one) at http://$(HOST):$(PORT)
	$(GCEG) validate
	$(GCEG) serve --audience $(AUDIENCE) --host $(HOST) --port $(PORT)

build: $(STAMP) ## strict build of the public site into site/, PDFs included (PDF=0 skips them)
	GCEG_PDF=$(if $(filter 0,$(PDF)),0,1) $(GCEG) build --audience public

pdf: $(STAMP) ## build the site with every PDF (cached: unchanged documents are not re-rendered)
	GCEG_PDF=1 $(GCEG) build --audience public

offline: $(STAMP) ## dist/gceg-offline.zip: the site for reading from disk (file://), search included
	$(GCEG) offline

build-members: $(STAMP) ## strict build of the members' site into site-members/
	$(GCEG) build --audience members

preview-members: build-members ## the members' site behind the shipped nginx config, https://127.0.0.1:8443 (PASSWORDS=file)
	$(GCEG) preview-nginx --audience members --port $(or $(TLS_PORT),8443) $(if $(PASSWORDS),--passwords $(PASSWORDS),)

member-password: $(STAMP) ## add or change a member's password: make member-password NAME=ada PASSWORDS=file
	@test -n "$(NAME)" -a -n "$(PASSWORDS)" || { echo "usage: make member-password NAME=ada PASSWORDS=members.htpasswd"; exit 2; }
	$(GCEG) member-password --file $(PASSWORDS) $(NAME)

publish: $(STAMP) ## publish VERSION=x.y to the local gh-pages branch (mike), as latest; needs GCEG_SITE_URL
	@test -n "$(VERSION)" || { echo "usage: make publish VERSION=1.0"; exit 2; }
	$(GCEG) publish --version $(VERSION) $(if $(PUSH),--push,)

validate: $(STAMP) ## check every record and page; print every problem as path:line: field: message
	$(GCEG) validate

test: $(STAMP) ## run every test (those that time pages after the others, alone on the machine)
	@shared=$$(mktemp -d -t gceg-tests-XXXXXX) && trap 'rm -rf "$$shared"' EXIT && set -x && \
	GCEG_TEST_SHARED=$$shared $(BIN)/python -m pytest -n auto --dist loadgroup -m "not alone" && \
	GCEG_TEST_SHARED=$$shared $(BIN)/python -m pytest -m alone

test-fast: $(STAMP) ## the unit tests only, in process (under a minute): no site build, no browser
	$(BIN)/python -m pytest -n auto -m "not build and not browser" tests/unit

audit: $(STAMP) ## Nu HTML Checker on every page of both sites, Lighthouse per page type -> test-artifacts/audit/
	$(BIN)/python -m tests.audit.run

bench: $(STAMP) ## benchmarks at N = 200, 1000, 3000 documents, four languages against one, and search (make bench-search) -> BENCHMARKS.md
	$(BIN)/python -m tests.bench.run $(if $(SIZES),--sizes $(SIZES),)
	$(BIN)/python -m tests.bench.languages
	$(BIN)/python -m tests.bench.search

bench-serving: $(STAMP) ## both sites behind nginx under load (wrk, 50 clients, 20 s) -> BENCHMARKS.md
	$(BIN)/python -m tests.bench.serving

bench-search: $(STAMP) ## what a reader transfers and waits for search, N = 200, 3000 and 10000 (SIZES=...)
	$(BIN)/python -m tests.bench.search $(if $(SIZES),--sizes $(SIZES),)

bench-pages: $(STAMP) ## hostile pages: seconds to check and convert each slow pattern, 10-100 KB
	$(BIN)/python -m tests.bench.pathological

messages: $(STAMP) ## extract interface strings for translators into macros/render/locales/messages.pot
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords N_ --keywords NP_:1,2 --keywords NC_:1c,2 --no-location \
	  --sort-output --omit-header --output-file macros/render/locales/messages.pot .

lint: $(STAMP) ## ruff
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests

lock: $(STAMP) ## re-resolve requirements/lock.txt from pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --extra test --extra dev \
	  --output-file requirements/lock.txt pyproject.toml

clean: ## remove built output (keeps .venv)
	rm -rf site site-members dist .site*.building-* .cache
