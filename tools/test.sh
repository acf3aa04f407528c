#!/usr/bin/env bash
# test.sh
# Builds the plugin (warnings are errors here) and runs the whole test suite.
# Extra arguments go to ctest, e.g. tools/test.sh -R golden
#
# Works from any folder and as any user.  Tests that need what this user
# does not have (root, the right to capture) are skipped and say why; the
# reasons are listed at the end.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
cd "$(dirname "$0")/.."
# The tests run Debian's programs, which tools/install-deps.sh installs, even
# where an environment manager puts its own python3 first in PATH (its
# wrapper also costs a quarter of a second a call, and the suite makes
# hundreds).
if [ -x /usr/bin/python3 ]; then
    export PATH="/usr/bin:$PATH"
fi

cmake -S . -B build -DSIPGUIDE_WERROR=ON > /dev/null
cmake --build build --parallel
status=0
ctest --test-dir build --output-on-failure --parallel 2 "$@" || status=$?

# The reason of each skipped test: the "SKIP: reason" line it printed before
# it ended with exit code 77 (tools/lib.sh), from ctest's log.
log=build/Testing/Temporary/LastTest.log
if [ -f "$log" ]; then
    awk '
        /^[0-9]+\/[0-9]+ Test: / { name = $3 }
        /^SKIP: / && name != "" { print "  " name ": " substr($0, 7); name = "" }
    ' "$log" | sort > build/skipped.txt
    if [ -s build/skipped.txt ]; then
        echo
        echo "Skipped, and why ($(wc -l < build/skipped.txt) tests):"
        cat build/skipped.txt
    fi
fi
exit $status
