#!/usr/bin/env bash
# expected-test.sh
# Checks the guides of a crafted capture against the truth a person wrote for
# it: tshark -2 -T pdml on tests/captures/NAME.pcap with the built plugin,
# read by tests/real/check.py against tests/golden/NAME.expected (the same
# checker and format as the real-traffic tests, tests/real/README.md).
#
#   expected-test.sh [--truth] PLUGIN_DIR SOURCE_DIR NAME
#
# With --truth the expected file is checked against the packets alone
# (check.py --truth), not against the plugin.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
mode=()
if [ "${1:-}" = --truth ]; then
    mode=(--truth)
    shift
fi
if [ $# -ne 3 ]; then
    echo "usage: expected-test.sh [--truth] PLUGIN_DIR SOURCE_DIR NAME" >&2
    exit 2
fi
plugin_dir=$1
src=$2
name=$3
pcap="$src/tests/captures/$name.pcap"
expected="$src/tests/golden/$name.expected"
for f in "$pcap" "$expected"; do
    [ -f "$f" ] || { echo "FAIL: no ${f#"$src/"}" >&2; exit 1; }
done

# shellcheck source=tools/lib.sh
. "$src/tools/lib.sh"
make_work sipguide-expected
chmod 755 "$work"
mkdir -p "$work/home" "$work/out" "$work/extcap"
cp -r "$plugin_dir" "$work/plugins"
cp "$pcap" "$work/$name.pcap"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out"

status=0
run_tshark -n -2 -r "$work/$name.pcap" -T pdml > "$work/out/pdml" 2> "$work/out/stderr" || status=1
if [ -s "$work/out/stderr" ]; then
    cat "$work/out/stderr" >&2
    status=1
fi
python3 "$src/tests/real/check.py" "${mode[@]}" "$expected" < "$work/out/pdml" || status=1
[ $status = 0 ] && echo "ok"
exit $status
