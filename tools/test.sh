#!/usr/bin/env bash
# test.sh
# Builds the plugin (warnings are errors here) and runs the whole test suite.
# Extra arguments go to ctest, e.g. tools/test.sh -R golden
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build -DSIPGUIDE_WERROR=ON > /dev/null
cmake --build build --parallel
ctest --test-dir build --output-on-failure --parallel 2 "$@"
