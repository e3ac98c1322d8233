# Liandong — the two commands of the quick start, plus a few conveniences.
#   make demo   bootstrap, build, run the whole suite on sample calls, print the summary
#   make test   bootstrap, build, run every test under CTest
#   make desk   bootstrap, build, run the stack with the web desk (gateway) on 127.0.0.1:8080
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= 2
CTEST_ARGS ?=

.PHONY: all bootstrap configure build test demo desk format clean

all: build

bootstrap:
	@bash scripts/bootstrap.sh

configure: bootstrap
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# KEEP=1 leaves the stack running and prints its ports.
demo: build
	@BUILD_DIR=$(BUILD_DIR) bash scripts/demo.sh $(if $(KEEP),--keep,)

# The web desk on http://127.0.0.1:8080 (DESK_PORT=…) over a local stack, dev tokens in files.
desk: build
	@BUILD_DIR=$(BUILD_DIR) bash scripts/web_desk.sh

format:
	@find libs services tests -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	@rm -rf $(BUILD_DIR)
