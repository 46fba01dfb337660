# routine — build, test, demo and benchmarks. `make demo` and `make test` work on a fresh
# Debian 12 machine: both install what they need first (`make deps`).

SWIFT        ?= swift
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := pkg-config libavformat-dev libavcodec-dev libswscale-dev libavutil-dev ffmpeg \
                libcairo2-dev libpango1.0-dev fonts-dejavu-core fonts-noto-cjk \
                libopenblas-dev poppler-utils python3-pip bc time
PIP_PACKAGES := safetensors numpy jsonschema
ROUTINE      := .build/release/routine

.PHONY: all deps build test demo bench acceptance samples model clean

all: build

## deps: install the Debian packages (and the Python packages the cross-checks use); idempotent.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing $$missing"; \
	  $(SUDO) apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@python3 -c "import safetensors, numpy, jsonschema" 2>/dev/null || \
	  python3 -m pip install -q --disable-pip-version-check $(PIP_PACKAGES) >/dev/null 2>&1 || \
	  $(SUDO) python3 -m pip install -q --break-system-packages $(PIP_PACKAGES) >/dev/null 2>&1 || \
	  echo "deps: note: python packages $(PIP_PACKAGES) not installed; the Python cross-checks will be skipped"

## build: release build of the `routine` executable.
build: deps
	$(SWIFT) build -c release --product routine

## test: the whole test suite.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## acceptance: the long acceptance checks of the issues (release build, minutes): the ridge
## informativeness test on 200 synthetic routines, and the 50 + 3 batch with SIGKILL and resume.
acceptance: deps
	ROUTINE_ACCEPTANCE=1 $(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-acceptance --filter FeatureInformativeness
	$(SWIFT) build -c release --product routine
	bash scripts/batch_acceptance.sh

## demo: build, then run the real job on the bundled samples.
demo: build
	@bash scripts/demo.sh $(ROUTINE)

## samples: regenerate the committed sample routines (samples/).
samples: build
	@bash scripts/make_samples.sh $(ROUTINE)

## model: retrain the bundled default model (models/default.safetensors) on synthetic data.
model: build
	@bash scripts/make_model.sh $(ROUTINE)

## bench: throughput and speed figures (ratios printed; targets in the issues).
bench: deps
	$(SWIFT) build -c release
	@bash scripts/bench.sh

clean:
	rm -rf .build .build-* demo-reports bench-data model-data
