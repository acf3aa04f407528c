#!/usr/bin/env bash
# replay.sh
# Checks the committed copy of a live capture without any peer: the guide's
# -T fields output and -V subtree against tests/real/golden/NAME.fields and
# NAME.guide (one pass and -2, by tests/tshark-test.sh; with -2 against
# NAME.links where the capture has links to later frames), and every response
# against tests/real/expected/NAME.txt (check.py, on two passes).
#
#   replay.sh PLUGIN_DIR SOURCE_DIR NAME [EXPECTED]
#   replay.sh --truth PLUGIN_DIR SOURCE_DIR NAME
#
# EXPECTED replaces tests/real/expected/NAME.txt (the checker's own test uses
# a wrong one). With --truth only the expected file is checked, against the
# packets of the committed capture (check.py --truth), not the plugin.
# With SIPGUIDE_UPDATE_GOLDEN=1 the golden files are rewritten instead of
# compared (the expected results are still checked); NAME.links is written
# only when -2 prints more than NAME.guide.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
truth=0
if [ "${1:-}" = --truth ]; then
    truth=1
    shift
fi
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: replay.sh [--truth] PLUGIN_DIR SOURCE_DIR NAME [EXPECTED]" >&2
    exit 2
fi
# Absolute paths: the links made below must work from the work folder.
plugin_dir=$(cd "$1" && pwd) || exit 2
src=$(cd "$2" && pwd) || exit 2
name=$3
real="$src/tests/real"
expected=${4:-$real/expected/$name.txt}

pcap="$real/captures/$name.pcap"
if [ ! -f "$pcap" ]; then
    echo "FAIL: no capture tests/real/captures/$name.pcap" \
        "(made by update.sh, see tests/real/README.md)" >&2
    exit 1
fi

work=$(mktemp -d /tmp/sipguide-replay.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

# tshark-test.sh reads SOURCE/tests/captures/NAME.pcap and SOURCE/tests/golden:
# give it a source folder whose two entries are this case's files.
mkdir -p "$work/src/tests/captures"
ln -s "$pcap" "$work/src/tests/captures/$name.pcap"
ln -s "$real/golden" "$work/src/tests/golden"

status=0
if [ $truth = 1 ]; then
    mkdir -p "$work/home" "$work/out"
    cp -r "$plugin_dir" "$work/plugins"
    cp "$pcap" "$work/$name.pcap"
    chmod -R a+rX "$work"
    chmod 777 "$work/home" "$work/out"
    # shellcheck source=tools/lib.sh
    . "$(dirname "$0")/../../tools/lib.sh"
    echo "== the packets against $expected (check.py --truth)"
    run_tshark -n -2 -r "$work/$name.pcap" -T pdml > "$work/out/pdml" || status=1
    python3 "$real/check.py" --truth "$expected" < "$work/out/pdml" || status=1
    [ $status = 0 ] && echo "ok"
    exit $status
fi

echo "== golden: tests/real/golden/$name.fields and $name.guide"
"$src/tests/tshark-test.sh" "$plugin_dir" "$work/src" golden "$name" || status=1

# With -2 a guide also links to later frames (the retry with credentials
# after a 401 or 407); where the capture has such a link, what -2 prints is
# golden/NAME.links, which the golden step above compares too.
links="$real/golden/$name.links"
if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" = 1 ]; then
    "$src/tests/tshark-test.sh" "$plugin_dir" "$work/src" links "$name" || status=1
    if cmp -s "$links" "$real/golden/$name.guide"; then
        rm -f "$links"
        echo "no link to a later frame: no $name.links"
    fi
elif [ -f "$links" ]; then
    echo "== links: tests/real/golden/$name.links"
    "$src/tests/tshark-test.sh" "$plugin_dir" "$work/src" links "$name" || status=1
fi

echo "== calls and registrations: tests/real/golden/$name.calls"
"$src/tests/tshark-test.sh" "$plugin_dir" "$work/src" calls "$name" || status=1

echo "== expected: $expected"
mkdir -p "$work/home" "$work/out"
cp -r "$plugin_dir" "$work/plugins"
cp "$pcap" "$work/$name.pcap"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out"
# shellcheck source=tools/lib.sh
. "$(dirname "$0")/../../tools/lib.sh"
# Two passes, as live.sh: links to later frames are checked too.
run_tshark -n -2 -r "$work/$name.pcap" -T pdml > "$work/out/pdml" || status=1
python3 "$real/check.py" "$expected" < "$work/out/pdml" || status=1

[ $status = 0 ] && echo "ok"
exit $status
