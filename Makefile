# The two commands of the quick start: `make demo` and `make test`.
# Both install what is missing (scripts/install-deps.sh), then build.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVKA_WARNINGS_AS_ERRORS=ON
DEMO_DIR ?= demo-workspace
FUZZ_SECONDS ?= 10

.PHONY: all deps build test test-fast demo bench fuzz clean

all: build

deps:
	./scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	./scripts/fuzz.sh $(FUZZ_SECONDS)

test-fast: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -LE slow

demo: build
	rm -rf $(DEMO_DIR)
	$(BUILD_DIR)/vka demo $(DEMO_DIR)
	@echo
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) verify
	@echo "Signed checkpoint of the demo's transparency log:"
	@$(BUILD_DIR)/vka --workspace $(DEMO_DIR) log checkpoint
	@echo
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) stats --situation $$($(BUILD_DIR)/vka --workspace $(DEMO_DIR) list situation --limit 1 | cut -d' ' -f1)
	@echo
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) link persons
	@echo
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) assess
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) report dossier --format pdf -o $(DEMO_DIR)/dossier.pdf

bench: build
	cmake -S . -B $(BUILD_DIR) -DVKA_BUILD_BENCH=ON
	cmake --build $(BUILD_DIR) -j $(JOBS) --target log_bench stats_bench report_bench
	./bench/run.sh
	$(BUILD_DIR)/bench/log_bench
	$(BUILD_DIR)/bench/stats_bench
	$(BUILD_DIR)/bench/report_bench
	./bench/legal.sh

fuzz:
	./scripts/fuzz.sh 1800

clean:
	rm -rf $(BUILD_DIR) build-fuzz
