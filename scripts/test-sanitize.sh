#!/bin/sh
# `make test-sanitize`: the whole test suite under AddressSanitizer (with LeakSanitizer, and
# UndefinedBehaviorSanitizer on the C code), then the tests of the parallel batch under
# ThreadSanitizer. Each sanitizer builds in a folder of its own (.build-asan, .build-tsan).
#
# swiftc has no UndefinedBehaviorSanitizer on Linux ("unsupported option '-sanitize=undefined'");
# Swift code traps on overflow, out-of-bounds and nil itself in every build, so UBSan is applied
# where it means something, to our C (Sources/XMLSecShim), through clang.
set -eu
cd "$(dirname "$0")/.."
SUPP="$(pwd)/Tests/sanitizers"

export VENUE_AUDIT_SANITIZER=address
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
UB="-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined"

echo "test-sanitize: AddressSanitizer + LeakSanitizer (+ UBSan on C), every test"
# shellcheck disable=SC2086
swift build --build-tests --sanitize=address $UB --scratch-path .build-asan 2>&1 | grep -v "prohibited flag" | tail -1
# shellcheck disable=SC2086
swift test --skip-build --sanitize=address $UB --scratch-path .build-asan

echo "test-sanitize: ThreadSanitizer, the parallel batch and its tests"
export VENUE_AUDIT_SANITIZER=thread
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
swift build --build-tests --sanitize=thread --scratch-path .build-tsan 2>&1 | grep -v "prohibited flag" | tail -1
swift test --skip-build --sanitize=thread --scratch-path .build-tsan --filter "FrontendTests|Jobs"
