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
#   package-test.sh tarball BUILD SOURCE VERSION TARBALL_CONFIG
#
# tarball: packaging/make-tarball.cmake makes the tarball (TARBALL_CONFIG is
# its configuration; empty in a sanitized build: skipped), which must hold
# exactly the module, install.sh, the profile, the coloring rules and the
# documents.  Its install.sh, run as a user ("nobody" when this runs as root)
# with a private HOME, must install the plugin and the profile for that user:
# tshark -G plugins lists the plugin from the personal folder, tshark prints
# the guide of tests/captures/sample.pcap as tests/golden/sample.guide says,
# and the profile's columns show.  install.sh --uninstall must then leave no
# file behind.
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
tarball)
    build=$1 src=$2 version=$3 config=${4:-}
    [ -n "$config" ] || skip_test "a sanitized build makes no tarball"
    cmake -DCONFIG="$config" -DOUT_DIR="$work" -P "$src/packaging/make-tarball.cmake" > "$work/make.log" 2>&1 ||
        { cat "$work/make.log" >&2; fail "make-tarball.cmake failed"; exit 1; }
    mapfile -t tarballs < <(find "$work" -maxdepth 1 -name 'sipguide-*.tar.gz')
    [ ${#tarballs[@]} = 1 ] || { fail "not one tarball: ${tarballs[*]}"; exit 1; }
    tarball=${tarballs[0]}
    series=$(find "$build/plugins" -name sipguide.so | head -n 1 | awk -F/ '{ print $(NF - 2) }')
    name="sipguide-$version-wireshark-$series-$(uname -m)"
    [ "$(basename "$tarball")" = "$name.tar.gz" ] || fail "the tarball is $(basename "$tarball"), not $name.tar.gz"
    printf "$name/%s\n" CHANGELOG.md LICENSE README.md install.sh profile/colorfilters \
        profile/dfilter_buttons profile/preferences sipguide.colorfilters sipguide.so | sort > "$work/files.expected"
    tar tzf "$tarball" | grep -v '/$' | sort > "$work/files"
    if ! diff -u "$work/files.expected" "$work/files" >&2; then
        fail "the tarball's files are not the expected ones (- expected, + in the tarball)"
    fi

    # Install as a user with a private HOME; no global plugin folder.
    mkdir -p "$work/x" "$work/home" "$work/empty" "$work/out"
    tar xzf "$tarball" -C "$work/x"
    cp "$src/tests/captures/sample.pcap" "$work/x/"
    chmod -R a+rX "$work"
    chmod 777 "$work/home" "$work/out"
    as_user() {
        "${unprivileged[@]}" env HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/empty" \
            WIRESHARK_EXTCAP_DIR="$work/empty" LC_ALL=C.UTF-8 TZ=UTC "$@"
    }
    if ! as_user "$work/x/$name/install.sh" > "$work/out/install.log" 2>&1; then
        cat "$work/out/install.log" >&2
        fail "install.sh failed"
    fi
    cat "$work/out/install.log"
    as_user tshark -G plugins > "$work/out/plugins" 2>&1
    grep -E "^sipguide\.so[[:space:]]+${version}[[:space:]].*$work/home/.local/lib/wireshark/plugins/$series/epan/sipguide\.so" \
        "$work/out/plugins" || fail "tshark -G plugins does not list the installed plugin: $(cat "$work/out/plugins")"
    as_user tshark -n -r "$work/x/sample.pcap" -V 2> "$work/out/stderr" | awk '
        /^Frame [0-9]+:/ { frame = $2; sub(":", "", frame); inguide = 0; next }
        /^[^ ]/ { inguide = 0; if ($0 ~ /^SIP Response Guide/) { if (frame != shown) { print "== frame " frame; shown = frame } inguide = 1; print } next }
        inguide { print }' > "$work/out/guide"
    diff -u "$src/tests/golden/sample.guide" "$work/out/guide" >&2 ||
        fail "the installed plugin's guide of sample.pcap differs from tests/golden/sample.guide"
    as_user tshark -C "SIP Response Guide" -n -r "$work/x/sample.pcap" 2>> "$work/out/stderr" > "$work/out/summary"
    grep -E '^ *14 .* 486 INVITE reachability ' "$work/out/summary" ||
        fail "tshark -C \"SIP Response Guide\" shows no Code, Method and Category columns: $(cat "$work/out/summary")"
    if [ -s "$work/out/stderr" ]; then
        fail "tshark complained:"
        cat "$work/out/stderr" >&2
    fi

    if ! as_user "$work/x/$name/install.sh" --uninstall > "$work/out/uninstall.log" 2>&1; then
        cat "$work/out/uninstall.log" >&2
        fail "install.sh --uninstall failed"
    fi
    cat "$work/out/uninstall.log"
    # What is left: no file; folders only where they were, or on the way to
    # the plugin folder (as after any personal plugin folder was made).
    as_user find "$work/home" -mindepth 1 -type f | sort > "$work/home.files"
    if [ -s "$work/home.files" ]; then
        fail "files left after install.sh --uninstall:"
        cat "$work/home.files" >&2
    fi
    as_user tshark -G plugins 2>&1 | grep '^sipguide' && fail "tshark still lists the plugin after --uninstall"
    ;;
*)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
[ $status = 0 ] && echo "ok"
exit $status
