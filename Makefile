# Two commands do all the set-up on a fresh machine:
#   make run    build the sample intranet and serve site and comments service on 127.0.0.1:8000
#   make test   install everything (Debian's packages when missing) and run the whole test suite
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST   ?= 127.0.0.1
PORT   ?= 8000

# Debian's packages the tests use: Chromium for the browser tests, libfaketime to run the date-dependent
# tests with the machine's clock a year ahead; Pango and a font for WeasyPrint (the analytics report's PDF);
# redis-server for the several-hosts tests when no Redis listens on 127.0.0.1:6379 (they start their own).
DEBS   := chromium faketime libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core redis-server
MISSING = $(shell for deb in $(DEBS); do dpkg -s $$deb >/dev/null 2>&1 || echo $$deb; done)

.PHONY: run test setup debs site

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

debs:
	@[ -z "$(MISSING)" ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(MISSING); }

site: setup
	$(BIN)/mkdocs build --strict --clean --site-dir site

# The snapshot comes from the database before the build, so the built pages show their conversations without
# JavaScript (a page renamed since is found by its former identity); the sync after the build updates the pages.
SNAPSHOT := instance/snapshot.json

run: debs setup
	PLEIN_DEMO=1 $(BIN)/flask --app comments_service snapshot $(SNAPSHOT)
	PLEIN_SNAPSHOT_FILE=$(SNAPSHOT) $(BIN)/mkdocs build --strict --clean --site-dir site
	PLEIN_DEMO=1 $(BIN)/flask --app comments_service sync site/plein/manifest.json
	PLEIN_DEMO=1 $(BIN)/flask --app comments_service analytics seed-demo
	PLEIN_DEMO=1 PLEIN_DEMO_ROLES=communication,management,community_manager PLEIN_SITE_DIR=site \
		PLEIN_DEPARTMENTS='hr=HR;it=IT;communicatie=Communicatie' PLEIN_DEMO_DEPARTMENTS=communicatie \
		PLEIN_DEMO_GROUPS='Team Communicatie' \
		PLEIN_MAIL_DROP=instance/mail $(BIN)/flask --app comments_service serve --host $(HOST) --port $(PORT)

# A real OpenID provider for the login tests (node-oidc-provider, from the npm registry, pinned by its lock file).
OIDC_PROVIDER := tests/oidc/provider

$(OIDC_PROVIDER)/node_modules/.installed: $(OIDC_PROVIDER)/package-lock.json
	npm ci --prefix $(OIDC_PROVIDER) --no-audit --no-fund --loglevel=error
	touch $@

# axe-core, the accessibility engine the accessibility tests inject into pages (npm registry, pinned by its lock file).
AXE := tests/a11y

$(AXE)/node_modules/.installed: $(AXE)/package-lock.json
	npm ci --prefix $(AXE) --no-audit --no-fund --loglevel=error
	touch $@

# The suite runs in three pytest-xdist workers, a test file at a time each (its module fixtures, such as a browser
# test's service, built once): the tests mostly wait on processes, sockets and Chromium, so three share two cores
# well. `make test PYTEST_PARALLEL=` (or PYTEST_ARGS=-n0) runs it in one process; PYTEST_ARGS adds to either.
PYTEST_PARALLEL ?= -n 3 --dist loadfile

test: setup debs $(OIDC_PROVIDER)/node_modules/.installed $(AXE)/node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)
