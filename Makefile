# Integrationsnetz – the two commands a new machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app app
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: install install-dev translations messages migrate run lint test test-js test-postgres bench clean vendor

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.requirements: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.requirements-dev: $(VENV)/.requirements requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## install: virtualenv, requirements, compiled translations
install: $(VENV)/.requirements translations

translations: $(VENV)/.requirements
	$(BIN)/pybabel compile --use-fuzzy --statistics -d coordination/translations

## messages: extract the UI strings and update the English catalogue (for developers)
## (sorted, without source locations, so that parallel branches rarely conflict in the catalogue)
messages: $(VENV)/.requirements
	pot=$$(mktemp) && \
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o $$pot . && \
	$(BIN)/pybabel update -i $$pot -d coordination/translations --no-fuzzy-matching \
		--ignore-pot-creation-date --ignore-obsolete && rm -f $$pot

## vendor: refresh the front-end libraries in static/vendor/ from the exact versions in package.json
## (the copies are committed, so neither `make run` nor the server needs npm)
vendor:
	npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p static/vendor/tom-select
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js \
	   node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css \
	   node_modules/tom-select/LICENSE static/vendor/tom-select/
	node -p '"tom-select " + require("tom-select/package.json").version' > static/vendor/tom-select/VERSION

## install-dev: install plus test tools and a browser for the browser tests
install-dev: install $(VENV)/.requirements-dev node_modules/.installed
	scripts/ensure-chromium.sh

# npm tools (package.json, exact versions; package-lock.json): axe-core for the accessibility
# checks of the browser tests (read from node_modules/ and injected into the page, never served
# by the app) and eslint for static/js. Installed once, then everything works offline.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

migrate: install
	$(FLASK) db upgrade

## run: set everything up and serve on http://127.0.0.1:5000
run: migrate
	$(FLASK) run --host $(HOST) --port $(PORT)

## lint: ruff (style, imports), import-linter (layer contracts), eslint (static/js)
lint: $(VENV)/.requirements-dev node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	node_modules/.bin/eslint .

## test: set everything up, run the linters and the test suite
test: install-dev lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(MAKE) test-js

## test-js: the pure functions of static/js with node's built-in test runner
test-js:
	node --test tests/js/

## test-postgres: migrations and the test suite on a throw-away PostgreSQL cluster (CI runs it)
test-postgres: install-dev
	scripts/with-postgres.sh sh -c '$(FLASK) db upgrade && $(FLASK) db downgrade base && \
		$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)'

## bench: print the benchmark figures
bench: install-dev
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache node_modules
