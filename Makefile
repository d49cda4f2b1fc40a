# The two commands a newcomer runs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo

.PHONY: demo test test-postgres lint typecheck bench mutants clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# as an install writes bytecode: the bytecode, the extractor's compiled patterns and the
	@# projection tables' statements (ledger/projections/table_ddl.py), once
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -c "import cli.app, ledger.ingest.extract; \
		from ledger.projections import table_ddl, tables; table_ddl.statements(tables.ASKED)"
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest

# `make test` with a throwaway PostgreSQL server up, so the shared-ledger tests run too
# (needs Debian's `postgresql` package; as root, scripts/with-postgres.sh installs it).
test-postgres:
	bash scripts/with-postgres.sh $(MAKE) test

demo: $(STAMP)
	@bash scripts/demo.sh $(BIN)/claims $(DEMO)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks --n 1000000
	$(BIN)/python -m benchmarks.readme_table

# A hand-made mutation pass (scripts/mutants.py): minutes, so not part of `make test`.
mutants: $(STAMP)
	$(BIN)/python scripts/mutants.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .ruff_cache *.egg-info
