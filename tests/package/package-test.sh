#!/usr/bin/env bash
# package-test.sh
# Tests of the packages, on packages made afresh in a work folder.
#
#   package-test.sh contents BUILD SOURCE VERSION CPACK_CONFIG
#
# contents: CPack makes the Debian package from BUILD (CPACK_CONFIG is its
# CPackConfig.cmake; empty when this machine has no dpkg: skipped), and
# dpkg-deb must show:
#   - the name wireshark-plugin-sipguide_VERSION_ARCH.deb, ARCH being
#     dpkg --print-architecture, and the same Package, Version, Architecture;
#   - Depends on the package that owns the libwireshark the plugin is linked
#     against (found here with ldd and dpkg -S), from the version of
#     Wireshark it was built against up to its next series;
#   - exactly these files: sipguide.so in the global plugin folder that
#     tshark -G folders names, the profile "SIP Response Guide" among the
#     global profiles of the global configuration folder it names, the
#     coloring rules, README.md, CHANGELOG.md and LICENSE; all owned by root,
#     none writable but by its owner;
#   - each the same as the build's or the source's file.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
cmd=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tools/lib.sh
. "$here/../../tools/lib.sh"

status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

make_work sipguide-package
chmod 755 "$work"

# make_deb CPACK_CONFIG OUT: CPack writes the package into OUT; sets $deb.
make_deb() {
    local config=$1 out=$2
    mkdir -p "$out"
    if ! cpack --config "$config" -B "$out" > "$out/cpack.log" 2>&1; then
        cat "$out/cpack.log" >&2
        echo "FAIL: cpack failed" >&2
        exit 1
    fi
    mapfile -t debs < <(find "$out" -maxdepth 1 -name '*.deb')
    if [ ${#debs[@]} != 1 ]; then
        echo "FAIL: cpack made ${#debs[@]} .deb files in $out, not one" >&2
        exit 1
    fi
    deb=${debs[0]}
}

case "$cmd" in
contents)
    build=$1 src=$2 version=$3 config=${4:-}
    [ -n "$config" ] || skip_test "no dpkg on this machine: no Debian package to check"
    for tool in cpack dpkg-deb dpkg tshark ldd; do
        command -v "$tool" > /dev/null || fail "$tool is missing"
    done
    [ $status = 0 ] || exit 1
    make_deb "$config" "$work/deb"
    arch=$(dpkg --print-architecture)
    want="wireshark-plugin-sipguide_${version}_${arch}.deb"
    [ "$(basename "$deb")" = "$want" ] || fail "the package is $(basename "$deb"), not $want"

    # --- metadata ---
    so=$(find "$build/plugins" -name sipguide.so | head -n 1)
    lib=$(ldd "$so" | awk '$1 ~ /^libwireshark\.so/ { print $3 }')
    [ -n "$lib" ] || fail "ldd finds no libwireshark for $so"
    owner=$(dpkg -S "$(readlink -f "$lib")" 2> /dev/null || dpkg -S "$lib" 2> /dev/null)
    pkg=${owner%%:*}
    pkg_arch=${owner%%: *}
    wsversion=$(dpkg-query -W -f='${Version}' "$pkg_arch" | sed 's/^[0-9]*://; s/-[^-]*$//')
    series=$(cut -d. -f1,2 <<< "$wsversion")
    next="$(cut -d. -f1 <<< "$series").$(( $(cut -d. -f2 <<< "$series") + 1 ))~"
    for check in "Package=wireshark-plugin-sipguide" "Version=$version" "Architecture=$arch" \
                 "Depends=$pkg (>= $wsversion), $pkg (<< $next)"; do
        field=${check%%=*}
        got=$(dpkg-deb -f "$deb" "$field")
        [ "$got" = "${check#*=}" ] || fail "$field is [$got], expected [${check#*=}]"
    done
    dpkg-deb -f "$deb" Description | grep -q "Built for Wireshark $wsversion" ||
        fail "the description does not name Wireshark $wsversion"
    echo "-- $(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"

    # --- files ---
    folders=$(tshark -G folders 2> /dev/null)
    plugins=$(awk -F'\t' '$1 ~ /^Global Plugins/ { print $2 }' <<< "$folders")
    conf=$(awk -F'\t' '$1 ~ /^Global configuration/ { print $2 }' <<< "$folders")
    doc=/usr/share/doc/wireshark-plugin-sipguide
    profile="$conf/profiles/SIP Response Guide"
    printf '%s\n' "$plugins/epan/sipguide.so" "$profile/colorfilters" "$profile/dfilter_buttons" \
        "$profile/preferences" /usr/share/wireshark-plugin-sipguide/sipguide.colorfilters \
        "$doc/CHANGELOG.md" "$doc/LICENSE" "$doc/README.md" | sort > "$work/files.expected"
    # dpkg-deb -c: mode owner size date time ./path (the path may hold spaces).
    dpkg-deb -c "$deb" > "$work/listing"
    awk '$1 !~ /^d/ { p = $0; for (i = 0; i < 5; i++) sub(/^[^ ]+ +/, "", p); sub(/^\./, "", p); print p }' "$work/listing" | sort > "$work/files"
    if ! diff -u "$work/files.expected" "$work/files" > "$work/files.diff"; then
        fail "the package's files are not the expected ones (- expected, + in the package):"
        cat "$work/files.diff" >&2
    fi
    if awk '$2 != "root/root" || substr($1, 6, 1) == "w" || substr($1, 9, 1) == "w" { bad = 1; print }
            END { exit !bad }' "$work/listing" >&2; then
        fail "entries above are not root's or are writable by others"
    fi
    dpkg-deb -x "$deb" "$work/root"
    same() {   # same PACKAGED-PATH ORIGINAL
        cmp -s "$work/root$1" "$2" || fail "$1 differs from $2"
    }
    same "$plugins/epan/sipguide.so" "$so"
    for f in colorfilters dfilter_buttons preferences; do
        same "$profile/$f" "$build/profile/SIP Response Guide/$f"
    done
    same /usr/share/wireshark-plugin-sipguide/sipguide.colorfilters "$src/data/sipguide.colorfilters"
    for f in CHANGELOG.md LICENSE README.md; do
        same "$doc/$f" "$src/$f"
    done
    echo "-- $(wc -l < "$work/files") files, where tshark looks for them, the same as the build's"
    ;;
*)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
[ $status = 0 ] && echo "ok"
exit $status
