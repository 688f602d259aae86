# venue-audit: `make demo` and `make test` do all the set-up on a fresh Debian machine with the
# Swift toolchain. `make help` lists the targets.
.DEFAULT_GOAL := help
SWIFT   ?= swift
PYTHON  ?= python3
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := libyaml-dev libxml2-dev libsqlite3-dev pkg-config
BIN     := .build/debug/venue-audit

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

deps: ## Install libyaml, libxml2, SQLite and pkg-config headers, and Python's jsonschema, if missing
	@dpkg -s $(APT_PKGS) >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $(APT_PKGS))
	@$(PYTHON) -c 'import jsonschema, yaml' 2>/dev/null || $(PYTHON) -m pip install -q jsonschema pyyaml

build: deps ## Build the tool (debug)
	$(SWIFT) build

test: deps ## Run every test: reader, model, rules and their examples, reports, command line
	$(SWIFT) test

demo: build ## Validate and audit samples/ and write reports into reports/; aggregate them into reports/dashboard/
	$(BIN) validate samples
	@if ls reports/*.xml >/dev/null 2>&1; then \
	  $(BIN) aggregate reports --out reports/dashboard --lang en,zh; \
	else echo "no XML reports in reports/ yet: nothing to aggregate"; fi

bench-aggregate: build ## Peak memory of aggregate at 1,000 and 10,000 generated reports (must differ < 1.5x)
	Tests/scripts/bench_aggregate_memory.sh $(BIN) 1000 10000

release: deps ## Build an optimised binary at .build/release/venue-audit
	$(SWIFT) build -c release

.PHONY: help deps build test demo release bench-aggregate
