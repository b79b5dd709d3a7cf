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
	@echo "Multiple systems estimation over SYNTHETIC overlapping lists (docs/statistics.md):"
	$(BUILD_DIR)/vka gen --persons 3000 --lists 4 -o $(DEMO_DIR)/lists > /dev/null
	$(BUILD_DIR)/vka link dedupe --auto --input $(DEMO_DIR)/lists/list*.csv --out $(DEMO_DIR)/lists/clusters.csv > /dev/null
	$(BUILD_DIR)/vka link overlap --clusters $(DEMO_DIR)/lists/clusters.csv -o $(DEMO_DIR)/lists/overlap.csv
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) estimate --table $(DEMO_DIR)/lists/overlap.csv \
	  --keep-for $$($(BUILD_DIR)/vka --workspace $(DEMO_DIR) list situation --limit 1 | cut -d' ' -f1) \
	  --counts "persons on the SYNTHETIC demo lists"
	@echo
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) stats --situation $$($(BUILD_DIR)/vka --workspace $(DEMO_DIR) list situation --limit 1 | cut -d' ' -f1)
	@echo
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) link persons
	@echo
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) assess
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) report dossier --format pdf -o $(DEMO_DIR)/dossier.pdf
	@echo
	@echo "The demo's SYNTHETIC claims registry (docs/claims.md):"
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) claims summary --by status
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) claims duplicates | tail -n 1
	@echo
	@echo "Charts of the demo situation (docs/charts.md):"
	for kind in timeline places calendar victims map; do \
	  $(BUILD_DIR)/vka --workspace $(DEMO_DIR) chart $$kind -o $(DEMO_DIR)/$$kind.svg || exit 1; done
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) chart timeline --lang hy -o $(DEMO_DIR)/timeline-hy.pdf
	$(BUILD_DIR)/vka --workspace $(DEMO_DIR) chart victims --lang ru -o $(DEMO_DIR)/victims-ru.png
	$(BUILD_DIR)/vka chart estimate --table $(DEMO_DIR)/lists/overlap.csv -o $(DEMO_DIR)/estimate.svg
	@echo
	@echo "Web application (docs/api.md). Sign in as 'admin' with this one-time password; the first sign-in asks for a new one:"
	@$(BUILD_DIR)/vka --workspace $(DEMO_DIR) user add admin --role admin
	@echo "Serving the demo at http://127.0.0.1:8080 (public memorial: http://127.0.0.1:8080/memorial). Ctrl-C stops."
	exec $(BUILD_DIR)/vka --workspace $(DEMO_DIR) serve --listen 127.0.0.1:8080

bench: build
	cmake -S . -B $(BUILD_DIR) -DVKA_BUILD_BENCH=ON
	cmake --build $(BUILD_DIR) -j $(JOBS) --target log_bench stats_bench report_bench
	./bench/run.sh
	$(BUILD_DIR)/bench/log_bench
	VKA=$(BUILD_DIR)/vka ./bench/hash.sh
	$(BUILD_DIR)/bench/stats_bench
	$(BUILD_DIR)/bench/report_bench
	./bench/legal.sh

fuzz:
	./scripts/fuzz.sh 1800

clean:
	rm -rf $(BUILD_DIR) build-fuzz
