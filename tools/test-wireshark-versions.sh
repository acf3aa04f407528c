#!/usr/bin/env bash
# test-wireshark-versions.sh
# Builds the plugin and runs the whole test suite against other Wireshark
# versions, each in a Debian chroot made by debootstrap from Debian packages
# only, and prints one line per version.
#
#   tools/test-wireshark-versions.sh [host] [4.0] [4.4] [4.6] [--keep] [--prepare]
#                                    [--no-live]
#
#   4.0, 4.4, 4.6  a chroot of Debian 12 (bookworm), 13 (trixie) or unstable
#                  (sid); with no version given: 4.4 and 4.6
#   host           this machine's own Wireshark, in a copy of the tree
#   --keep         keep the copied tree and its build in each chroot
#                  (/build/sipguide) for a look after the run
#   --prepare      only make each chroot and install its packages, without
#                  building or testing (CI does it while other legs run)
#   --no-live      leave out the tests with live peers (label live): their
#                  fresh captures are checked by the host's suite, and the
#                  committed captures of those runs by the golden and replay
#                  tests, which run here (CI, to stay within its time)
#
# A chroot is made once and reused: it lives under $SIPGUIDE_CHROOT_CACHE
# (default /var/cache/sipguide-chroots), one folder per suite, with the log of
# the last run beside it.  Inside, tools/install-deps.sh installs the
# packages, exactly as on a real machine, and tools/test.sh builds and tests a
# copy of this tree (without build/).  Remove a suite's folder to start it
# afresh.  Package signatures are checked with debian-archive-keyring; the
# Release file of unstable can be older than its Valid-Until date, so that
# date is not checked.
#
# debootstrap takes the packages from this machine's own Debian mirror: the
# entry of its apt sources (deb822 *.sources or sources.list) that serves its
# release (tools/chroot.sh); without one it stops and says so.
#
# Environment: SIPGUIDE_CHROOT_CACHE, SIPGUIDE_MIRROR (a Debian mirror's URL,
# instead of the one of the apt sources), SIPGUIDE_STEP_TIMEOUT (seconds
# allowed for each step: making a chroot, installing, testing; default 2400).
# Needs root; as another user it asks sudo.  Exits non-zero unless every
# version passed.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail

cache=${SIPGUIDE_CHROOT_CACHE:-/var/cache/sipguide-chroots}
step_timeout=${SIPGUIDE_STEP_TIMEOUT:-2400}

usage() {
    sed -n '/^#   tools/,/^# A chroot/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

if [ "$(id -u)" != 0 ]; then
    exec sudo --preserve-env=SIPGUIDE_CHROOT_CACHE,SIPGUIDE_MIRROR,SIPGUIDE_STEP_TIMEOUT \
        "$0" "$@"
fi

src=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/chroot.sh
. "$src/tools/chroot.sh"
mkdir -p "$cache"
cache=$(cd "$cache" && pwd -P)     # as /proc/PID/root shows it

# --- arguments -------------------------------------------------------------

keep=0
prepare=0
no_live=0
versions=()
for arg in "$@"; do
    case "$arg" in
    --keep) keep=1 ;;
    --prepare) prepare=1 ;;
    --no-live) no_live=1 ;;
    host | 4.0 | 4.4 | 4.6) versions+=("$arg") ;;
    -h | --help) usage ;;
    *) echo "unknown argument: $arg" >&2; usage ;;
    esac
done
[ ${#versions[@]} -gt 0 ] || versions=(4.4 4.6)

suite_of() {
    case "$1" in
    4.0) echo bookworm ;;
    4.4) echo trixie ;;
    4.6) echo sid ;;
    esac
}

say() { echo "== $*" >&2; }

# --- steps, mounts and the end of a run ----------------------------------------
#
# Long steps run in the background under timeout, and the script waits for
# them: a signal then stops the step at once instead of after it.  On every
# exit the step is stopped, whatever still runs inside a chroot is ended and
# what was mounted is unmounted.

step_pid=
mounted=()
host_work=

stop_step() {
    if [ -n "$step_pid" ]; then
        kill -TERM "$step_pid" 2>/dev/null || true
        wait "$step_pid" 2>/dev/null || true
        step_pid=
    fi
}

# Ends the processes whose root is $1: only this script starts any there.
end_processes_in() {
    local root=$1 p pids=()
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && pids+=("${p#/proc/}")
    done
    [ ${#pids[@]} -gt 0 ] || return 0
    kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 2
    kill -KILL "${pids[@]}" 2>/dev/null || true
}

cleanup() {
    local i
    stop_step
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        end_processes_in "${mounted[i]%/proc}"
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    mounted=()
    if [ -n "$host_work" ]; then
        rm -rf "$host_work"
        host_work=
    fi
}
trap cleanup EXIT
# A signal can arrive while a step writes into a log: say so on the
# script's own stderr.
exec 8>&2
trap 'echo "interrupted" >&8; exit 130' INT
trap 'echo "terminated" >&8; exit 143' TERM

# Runs a command for at most $step_timeout seconds; returns its status
# (124 when it ran out of time).
bounded() {
    local rc=0
    timeout --kill-after=30 "$step_timeout" "$@" &
    step_pid=$!
    wait "$step_pid" || rc=$?
    step_pid=
    return $rc
}

mount_proc() {
    local root=$1
    mkdir -p "$root/proc"
    mount -t proc proc "$root/proc"
    mounted+=("$root/proc")
}

# --- one chroot ----------------------------------------------------------------

# Prints "PASSED FAILED" from ctest's summary line in log $1, or nothing.
ctest_counts() {
    sed -n 's/^[0-9]*% tests passed, \([0-9]*\) tests\{0,1\} failed out of \([0-9]*\).*/\1 \2/p' "$1" |
        tail -n 1 | awk '{ print $2 - $1, $1 }'
}

# The summary line of one version from its log.
summary() {
    local label=$1 log=$2 rc=$3 counts passed failed
    counts=$(ctest_counts "$log")
    if [ -n "$counts" ]; then
        read -r passed failed <<< "$counts"
        echo "$label: $passed passed, $failed failed"
        [ "$rc" = 0 ] && [ "$failed" = 0 ] && return 0
        grep -E '^[[:space:]]+[0-9]+ - ' "$log" | sed 's/^/    failed: /' >&2 || true
        return 1
    fi
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        echo "$label: timed out after ${step_timeout}s (log: $log)"
    else
        echo "$label: build failed (log: $log)"
    fi
    return 1
}

# Copies the tree (without build/ and .git/) to $1.
copy_tree() {
    mkdir -p "$1"
    tar -C "$src" --exclude=./build --exclude=./.git -cf - . | tar -C "$1" -xf -
}

run_chroot() {
    local version=$1 suite dir root log got series rc=0
    suite=$(suite_of "$version")
    dir=$cache/$suite
    root=$dir/root
    log=$dir/last-run.log

    mkdir -p "$cache"
    exec 9> "$cache/$suite.lock"
    if ! flock -n 9; then
        echo "wireshark $version ($suite): chroot busy (another run holds $cache/$suite.lock)"
        return 1
    fi

    if ! make_chroot "$suite" "$dir"; then
        echo "wireshark $version ($suite): could not make the chroot"
        exec 9>&-
        return 1
    fi
    mount_proc "$root"
    set_inside "$root"
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

    : > "$log"
    say "$suite: installing what tools/install-deps.sh installs (log: $log)"
    rm -rf "$root/build/sipguide"
    copy_tree "$root/build/sipguide"
    # Refresh the package lists of a chroot made earlier, then let the
    # project's own script install what is missing.
    if ! { bounded "${inside[@]}" apt-get update -qq &&
           bounded "${inside[@]}" apt-get dist-upgrade -y -qq &&
           bounded "${inside[@]}" /build/sipguide/tools/install-deps.sh; } >> "$log" 2>&1; then
        echo "wireshark $version ($suite): installing the packages failed (log: $log)"
        tail -n 20 "$log" >&2
        cleanup
        exec 9>&-
        return 1
    fi

    "${inside[@]}" apt-cache policy wireshark-dev tshark 2>&1 | tee -a "$log" |
        awk '/^[^ ]/ { p = $1 } /Installed:/ { print "== " p " " $2 }' >&2 || true
    if [ $prepare = 1 ]; then
        echo "wireshark $version ($suite): chroot ready, packages installed"
        rm -rf "$root/build/sipguide"
        cleanup
        exec 9>&-
        return 0
    fi
    # shellcheck disable=SC2016
    got=$("${inside[@]}" dpkg-query -W -f='${Version}' tshark | sed 's/^[0-9]*://; s/-[^-]*$//')
    series=$(echo "$got" | cut -d. -f1,2)

    say "$suite: building and testing with Wireshark $got"
    # The valgrind run (label valgrind) is left to the host suite: it checks the
    # plugin's memory use, not the Wireshark version.  So is the package
    # installation test, which makes a chroot of its own, and so are the truth
    # and checker tests, which check expected files, not the plugin.
    # With --no-live the live peers are left out too.
    excluded_labels=valgrind
    [ "$no_live" = 0 ] || excluded_labels='valgrind|live'
    # shellcheck disable=SC2016
    bounded "${inside[@]}" bash -c 'cd /build/sipguide && tools/test.sh -LE "$1" -E "^package\.install$|\.truth\.|^real\.checker"' \
        _ "$excluded_labels" >> "$log" 2>&1 || rc=$?
    summary "wireshark $got ($suite)" "$log" "$rc" || rc=1
    if [ "$series" != "$version" ]; then
        echo "    $suite has Wireshark $got, not $version: the suite for $version needs changing" >&2
        rc=1
    fi

    if [ $keep = 1 ]; then
        say "$suite: the tree and its build stay in $root/build/sipguide"
    else
        rm -rf "$root/build/sipguide"
    fi
    cleanup
    exec 9>&-
    return $rc
}

run_host() {
    local log got codename rc=0
    # shellcheck disable=SC1091
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-host}")
    host_work=$(mktemp -d /tmp/sipguide-host.XXXXXX)
    log=$cache/host-last-run.log
    mkdir -p "$cache"
    : > "$log"
    copy_tree "$host_work/src"
    "$src/tools/install-deps.sh" >> "$log" 2>&1 || true
    got=$(tshark --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9.]*\).*/\1/p')
    say "host ($codename): building and testing with Wireshark $got in a copy of the tree"
    # shellcheck disable=SC2016
    bounded bash -c 'cd "$1" && tools/test.sh' _ "$host_work/src" >> "$log" 2>&1 || rc=$?
    summary "wireshark $got ($codename, host)" "$log" "$rc" || rc=1
    rm -rf "$host_work"
    host_work=
    return $rc
}

# --- main ------------------------------------------------------------------

need_chroot_tools
status=0
for v in "${versions[@]}"; do
    if [ "$v" = host ]; then
        [ $prepare = 1 ] || run_host || status=1
    else
        run_chroot "$v" || status=1
    fi
done
exit $status
