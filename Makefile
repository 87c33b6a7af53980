# leadscreen: `make demo` runs the main job on sample data, `make test` runs the tests.
# Our targets build with warnings as errors (Package.swift: treatAllWarnings).
SWIFT ?= swift
RELEASE = .build/release/leadscreen
# The release binary carries the Swift runtime and Foundation inside it (no shared
# libraries to resolve at each start: about 10 ms less start-up, direct calls into the
# runtime). Debug builds, and so the tests, link them dynamically.
RELEASE_FLAGS = -c release --static-swift-stdlib

.PHONY: deps build release test lint format demo model bench rules clean

# Install the system libraries the package links (Debian): PCRE2, zlib and SQLite.
deps:
	@if ! pkg-config --exists libpcre2-8 2>/dev/null || ! pkg-config --exists zlib 2>/dev/null \
	  || ! pkg-config --exists sqlite3 2>/dev/null; then \
	  echo "installing libpcre2-dev zlib1g-dev libsqlite3-dev pkg-config"; \
	  apt-get update -qq && apt-get install -y -qq libpcre2-dev zlib1g-dev libsqlite3-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

# The tests, then the per-click allocation guard on the release binary (not timed).
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) build $(RELEASE_FLAGS) --product leadscreen
	scripts/alloc_check.sh $(RELEASE)

demo: release
	@scripts/demo.sh $(RELEASE)

# Speed and memory of the release binary on generated 1M- and 10M-record streams.
bench: release
	@scripts/bench.sh $(RELEASE)

# Retrain the shipped model from generated, labelled traffic (3 days, 900,000 clicks).
MODEL_DATA = .build/model-data
model: release
	@mkdir -p $(MODEL_DATA)
	$(RELEASE) generate --clicks 900000 --days 3 --seed 101 --labels \
	  --campaigns-out $(MODEL_DATA)/campaigns.yaml --out $(MODEL_DATA)/train.ndjson
	$(RELEASE) train --campaigns $(MODEL_DATA)/campaigns.yaml --target-fpr 0.005 \
	  --describe "leadscreen generate --clicks 900000 --days 3 --seed 101 --labels (make model)" \
	  --out models/lead-quality.json $(MODEL_DATA)/train.ndjson

# Rebuild the rules/ tables from their public sources (needs network to PyPI).
rules:
	python3 scripts/build_rules.py

clean:
	rm -rf .build
