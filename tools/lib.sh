# lib.sh
# Shell helpers shared by the test scripts and tools; source it after
# "set -u".  It defines:
#
#   unprivileged   the words that run a command as the user "nobody" when
#                  the script runs as root (tshark ignores WIRESHARK_PLUGIN_DIR
#                  and personal plugin folders for root), and nothing
#                  otherwise: "${unprivileged[@]}" COMMAND ...
#   run_tshark     tshark with the plugin copy in $work/plugins, a private
#                  HOME ($work/home), $work/extcap as its extcap folder when
#                  that exists, C.UTF-8 and UTC, unprivileged; with
#                  SIPGUIDE_PRELOAD set (a sanitized build) that runtime is
#                  preloaded.  The caller sets $work.
#   make_work      make_work PREFIX [KEEP]: sets $work to KEEP (made if
#                  missing, and kept) or to a new /tmp/PREFIX.XXXXXX that is
#                  removed at exit unless $keep_work is set by then.
#   skip_test      skip_test REASON: ends a test as skipped, with exit code
#                  77 (the SKIP_RETURN_CODE of such tests) after a line
#                  "SKIP: REASON", which tools/test.sh shows; with
#                  SIPGUIDE_NO_SKIP=1 (CI's root run) it fails instead.
#
# SPDX-License-Identifier: GPL-2.0-or-later

unprivileged=()
if [ "$(id -u)" = 0 ]; then
    unprivileged=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

run_tshark() {
    local env_args=(HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins" LC_ALL=C.UTF-8 TZ=UTC)
    # An empty extcap folder: tshark -G plugins would start every extcap
    # program, which only costs time here (and hangs with a preloaded sanitizer).
    [ -d "$work/extcap" ] && env_args+=(WIRESHARK_EXTCAP_DIR="$work/extcap")
    if [ -n "${SIPGUIDE_PRELOAD:-}" ]; then
        env_args+=(LD_PRELOAD="$SIPGUIDE_PRELOAD" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
                   UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1}")
    fi
    "${unprivileged[@]}" env "${env_args[@]}" tshark "$@"
}

make_work() {
    local prefix=$1 keep=${2:-}
    if [ -n "$keep" ]; then
        mkdir -p "$keep"
        work=$(cd "$keep" && pwd)
        keep_work=yes
    else
        work=$(mktemp -d "/tmp/$prefix.XXXXXX")
        keep_work=""
    fi
    # shellcheck disable=SC2317
    _make_work_cleanup() { [ -n "$keep_work" ] || rm -rf "$work"; }
    trap _make_work_cleanup EXIT
}

skip_test() {
    if [ "${SIPGUIDE_NO_SKIP:-0}" = 1 ]; then
        echo "FAIL: this test would be skipped (SIPGUIDE_NO_SKIP=1): $*" >&2
        exit 1
    fi
    echo "SKIP: $*"
    exit 77
}
