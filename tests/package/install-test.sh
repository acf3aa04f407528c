#!/usr/bin/env bash
# install-test.sh
# Installs the Debian package into a throwaway Debian root, as README.md
# says (apt install ./wireshark-plugin-sipguide_*.deb), checks that tshark
# there loads the plugin, shows the guide and opens the profile, removes the
# package (apt remove) and checks that nothing of it is left.
#
#   install-test.sh SOURCE VERSION CPACK_CONFIG
#
# The throwaway root: a Debian chroot of this machine's release with tshark,
# made once by debootstrap from the machine's own mirror (tools/chroot.sh) and
# kept in $SIPGUIDE_CHROOT_CACHE (default /var/cache/sipguide-chroots) as
# SUITE-tshark, beside the chroots of tools/test-wireshark-versions.sh.  Each
# run mounts an overlay on it (or, where overlays cannot be mounted, copies
# it), so the kept chroot never changes; the first run needs the network
# and a few minutes.  Needs root: as another user, or on a machine that is
# not Debian, the test is skipped (exit code 77).
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
src=$1
version=$2
config=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tools/lib.sh
. "$here/../../tools/lib.sh"

[ "$(id -u)" = 0 ] ||
    skip_test "needs root: it installs the package into a throwaway Debian root (chroot); run the tests as root for it"
[ -n "$config" ] || skip_test "no dpkg on this machine: no Debian package"
# shellcheck disable=SC1091
os_id=$(. /etc/os-release && echo "${ID:-}")
# shellcheck disable=SC1091
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ "$os_id" = debian ] && [ -n "$suite" ] ||
    skip_test "the throwaway root is a Debian chroot of this machine's release, and this machine runs ${os_id:-an unknown system}"

# shellcheck source=tools/chroot.sh
. "$here/../../tools/chroot.sh"

status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

cache=${SIPGUIDE_CHROOT_CACHE:-/var/cache/sipguide-chroots}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd -P)
base=$cache/$suite-tshark
tmp=$(mktemp -d /var/tmp/sipguide-package-root.XXXXXX)
root=$tmp/root
mounted=()

# Ends the processes whose root is the throwaway or the kept chroot, unmounts
# in reverse order, removes $tmp.
# shellcheck disable=SC2317  # run by the trap
cleanup() {
    local i p pids=()
    for p in /proc/[0-9]*; do
        for r in "$root" "$base/root"; do
            [ "$(readlink "$p/root" 2> /dev/null)" = "$r" ] && pids+=("${p#/proc/}")
        done
    done
    if [ ${#pids[@]} -gt 0 ]; then
        kill -TERM "${pids[@]}" 2> /dev/null
        sleep 1
        kill -KILL "${pids[@]}" 2> /dev/null
    fi
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2> /dev/null || umount -l "${mounted[i]}" 2> /dev/null
    done
    mounted=()
    if has_mounts "$tmp"; then
        echo "FAIL: something is still mounted below $tmp; not removing it" >&2
        exit 1
    fi
    rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mount_proc() {
    mkdir -p "$1/proc"
    mount -t proc proc "$1/proc" && mounted+=("$1/proc")
}
unmount_last() {
    umount "${mounted[-1]}" && unset 'mounted[-1]'
}

# --- the package ----------------------------------------------------------------
mkdir -p "$tmp/deb"
cpack --config "$config" -B "$tmp/deb" > "$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log" >&2; fail "cpack failed"; exit 1; }
deb=$(find "$tmp/deb" -maxdepth 1 -name "wireshark-plugin-sipguide_${version}_*.deb" | head -n 1)
[ -n "$deb" ] || { fail "cpack made no wireshark-plugin-sipguide_${version}_*.deb"; exit 1; }
# The libwireshark package it depends on, and the version this machine has.
libpkg=$(dpkg-deb -f "$deb" Depends | sed 's/[ ,(].*//')
host_version=$(dpkg-query -W -f='${Version}' "$libpkg")

# --- the kept chroot: made once, with tshark of this machine's version -----------
exec 9> "$cache/$suite-tshark.lock"
flock -w 1800 9 || { fail "$cache/$suite-tshark.lock is held by another run"; exit 1; }
need_chroot_tools > "$tmp/tools.log" 2>&1 || { cat "$tmp/tools.log" >&2; fail "cannot install debootstrap"; exit 1; }
make_chroot "$suite" "$base" || { fail "cannot make the chroot $base/root"; exit 1; }
set_inside "$base/root"
chroot_version=$("${inside[@]}" dpkg-query -W -f='${Version}' "$libpkg" 2> /dev/null)
if [ "$chroot_version" != "$host_version" ]; then
    echo "== $base/root: installing tshark ($libpkg $host_version here, ${chroot_version:-none} there)"
    cp -L /etc/resolv.conf "$base/root/etc/resolv.conf" 2> /dev/null
    mount_proc "$base/root"
    { "${inside[@]}" apt-get update -qq &&
      "${inside[@]}" apt-get install -y -qq tshark "$libpkg"; } > "$tmp/apt.log" 2>&1 ||
        { tail -n 30 "$tmp/apt.log" >&2; fail "installing tshark in $base/root failed"; }
    unmount_last
    chroot_version=$("${inside[@]}" dpkg-query -W -f='${Version}' "$libpkg" 2> /dev/null)
fi
[ $status = 0 ] || exit 1
echo "-- Wireshark: $libpkg $host_version on this machine, $chroot_version in the chroot"

# --- the throwaway root: an overlay on the kept chroot, or a copy of it -----------
mkdir -p "$root" "$tmp/upper" "$tmp/work"
if mount -t overlay overlay -o "lowerdir=$base/root,upperdir=$tmp/upper,workdir=$tmp/work" "$root" 2> /dev/null; then
    mounted+=("$root")
    echo "-- throwaway root: an overlay on $base/root"
else
    cp -a "$base/root/." "$root/"
    echo "-- throwaway root: a copy of $base/root (no overlay here)"
fi
exec 9>&-
mount_proc "$root"
set_inside "$root"
inside+=(HOME=/tmp/home)
mkdir -p "$root/tmp/home"
cp "$deb" "$src/tests/captures/sample.pcap" "$root/tmp/"
name=$(basename "$deb")

# Every path of the root but those that change anyway (the package database,
# logs, caches, /tmp), with its type.
snapshot() {
    (cd "$root" && find . -xdev \( -path ./proc -o -path ./tmp -o -path ./var/lib/dpkg -o -path ./var/lib/apt \
        -o -path ./var/cache -o -path ./var/log \) -prune -o -printf '%y %p\n' | sort)
}
snapshot > "$tmp/before"

# --- install, as README.md says --------------------------------------------------
if ! "${inside[@]}" sh -c "cd /tmp && apt install -y ./$name" > "$tmp/install.log" 2>&1; then
    cat "$tmp/install.log" >&2
    fail "apt install ./$name failed"
    exit 1
fi
echo "-- apt install ./$name"

"${inside[@]}" tshark -G plugins > "$tmp/plugins" 2>&1
plugin_dir=$("${inside[@]}" tshark -G folders 2> /dev/null | awk -F'\t' '$1 ~ /^Global Plugins/ { print $2 }')
if grep -E "^sipguide\\.so[[:space:]]+${version}[[:space:]]+dissector[[:space:]]+$plugin_dir/epan/sipguide\\.so" "$tmp/plugins"; then
    :
else
    fail "tshark -G plugins in the root does not list sipguide.so $version from $plugin_dir:"
    cat "$tmp/plugins" >&2
fi
# The guide of the sample capture, as in tests/golden/sample.guide.
"${inside[@]}" tshark -n -r /tmp/sample.pcap -V 2> "$tmp/stderr" | awk '
    /^Frame [0-9]+:/ { frame = $2; sub(":", "", frame); inguide = 0; next }
    /^[^ ]/ { inguide = 0; if ($0 ~ /^SIP Response Guide/) { if (frame != shown) { print "== frame " frame; shown = frame } inguide = 1; print } next }
    inguide { print }' > "$tmp/guide"
if diff -u "$src/tests/golden/sample.guide" "$tmp/guide" > "$tmp/guide.diff"; then
    echo "-- tshark -V: the guide of sample.pcap, as tests/golden/sample.guide"
else
    fail "the guide in the root differs from tests/golden/sample.guide:"
    head -n 40 "$tmp/guide.diff" >&2
fi
# The global profile: tshark -C finds it and copies it for the user.
"${inside[@]}" tshark -C "SIP Response Guide" -n -r /tmp/sample.pcap --color -T fields \
    -e frame.number -e _ws.col.Info -e frame.coloring_rule.name 2>> "$tmp/stderr" > "$tmp/colored"
"${inside[@]}" tshark -C "SIP Response Guide" -n -r /tmp/sample.pcap 2>> "$tmp/stderr" > "$tmp/summary"
if grep -E '^ *14 .* 486 INVITE reachability ' "$tmp/summary" &&
   grep -q "^14	.*	SIP guide: 4xx reachability$" "$tmp/colored" &&
   [ -f "$root/tmp/home/.config/wireshark/profiles/SIP Response Guide/dfilter_buttons" ]; then
    echo "-- tshark -C \"SIP Response Guide\": the global profile, its columns and coloring rules"
else
    fail "tshark -C \"SIP Response Guide\" in the root does not show the profile's columns and colours:"
    cat "$tmp/summary" "$tmp/colored" >&2
fi
# tshark warns root that running as root could be dangerous: nothing else.
grep -v '^Running as user "root"' "$tmp/stderr" > "$tmp/complaints"
if [ -s "$tmp/complaints" ]; then
    fail "tshark in the root complained:"
    cat "$tmp/complaints" >&2
fi

# --- remove, and check nothing is left --------------------------------------------
if ! "${inside[@]}" apt remove -y wireshark-plugin-sipguide > "$tmp/remove.log" 2>&1; then
    cat "$tmp/remove.log" >&2
    fail "apt remove wireshark-plugin-sipguide failed"
fi
state=$("${inside[@]}" dpkg-query -W -f='${db:Status-Abbrev}' wireshark-plugin-sipguide 2> /dev/null)
case "$state" in
"" | un*) ;;
*) fail "after apt remove, dpkg still knows the package: state [$state]" ;;
esac
snapshot > "$tmp/after"
if diff -u "$tmp/before" "$tmp/after" > "$tmp/left.diff"; then
    echo "-- apt remove: nothing of the package is left ($(wc -l < "$tmp/before") paths compared)"
else
    fail "apt remove left the root different (- before install, + after remove):"
    cat "$tmp/left.diff" >&2
fi

[ $status = 0 ] && echo "ok"
exit $status
