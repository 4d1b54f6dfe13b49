#!/usr/bin/env bash
# The whole test suite: installs missing system packages, builds every target (the end-to-end
# tests start the real binaries), then runs all tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build
# Serial: on a 2-core machine, tests that wait on child processes would otherwise starve the
# cooperative thread pool that the scheduler tests need.
swift test --no-parallel "$@"
