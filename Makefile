VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test bench lint clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PIP) install --quiet -e .
	touch $(STAMP)

$(DEVSTAMP): $(PY) pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $(STAMP) $(DEVSTAMP)

demo: $(STAMP)
	$(VENV)/bin/eventlens demo

test: $(DEVSTAMP)
	$(VENV)/bin/python -m pytest -q

bench: $(DEVSTAMP)
	$(VENV)/bin/python bench/run_all.py

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy src

clean:
	rm -rf $(VENV) build dist *.egg-info
