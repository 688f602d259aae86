# venue-audit: `make demo` and `make test` do all the set-up on a fresh Debian machine with the
# Swift toolchain. `make help` lists the targets.
.DEFAULT_GOAL := help
SWIFT   ?= swift
PYTHON  ?= python3
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := libyaml-dev libxml2-dev libsqlite3-dev pkg-config
SHOT_PKGS := chromium fonts-noto-cjk poppler-utils
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

demo: build ## Validate and audit samples/ into reports/ (open reports/index.html); aggregate them into reports/dashboard/
	$(BIN) validate samples
	@# Exit status 1 means "findings", which is what the samples are for; 2 would be a real error.
	$(BIN) audit samples --quiet --out reports --format xml,html,sarif,junit,json,text --lang en,zh || [ $$? -eq 1 ]
	@# A fresh store each time: the demo re-audits the same visits, which are not new reports.
	rm -f reports/dashboard/reports.sqlite
	$(BIN) aggregate reports --out reports/dashboard --lang en,zh
	@echo "reports written to reports/ (start with reports/index.html; the dashboard is in reports/dashboard/)"

docs: build ## Regenerate docs/rules/ from policies/ (a test fails when they are out of date)
	$(BIN) policies docs --out docs/rules

bench: deps ## Benchmarks: reading and auditing as ratios to libyaml's bare event loop (release build)
	$(SWIFT) build -c release --product venue-audit-bench
	.build/release/venue-audit-bench --megabytes 20 --repeat 3

bench-read: deps ## Reading reports for aggregate, as ratios to libxml2's bare xmlTextReader pass (release build, 2,000 reports)
	$(SWIFT) build -c release
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	  .build/release/venue-audit corpus --out "$$dir/corpus" --reports 2000 --seed 7 >/dev/null && \
	  { .build/release/venue-audit audit "$$dir/corpus" --format xml --out "$$dir/reports" --quiet >/dev/null || [ $$? -eq 1 ]; } && \
	  .build/release/venue-audit-aggregate-bench "$$dir/reports" --repeat 3

bench-aggregate: build ## Peak memory of aggregate at 1,000 and 10,000 generated reports (must differ < 1.5x)
	Tests/scripts/bench_aggregate_memory.sh $(BIN) 1000 10000

release: deps ## Build an optimised binary at .build/release/venue-audit
	$(SWIFT) build -c release

screenshots: build ## Render the HTML reports (English, Chinese) to PNG in reports/screenshots/
	@dpkg -s $(SHOT_PKGS) >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends $(SHOT_PKGS))
	scripts/screenshots.sh

.PHONY: help deps build test demo docs bench bench-read bench-aggregate release screenshots
