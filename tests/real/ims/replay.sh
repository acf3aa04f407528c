#!/usr/bin/env bash
# replay.sh
# Checks the committed capture of an IMS case without any peer: that tshark
# dissects every UDP payload as SIP and every TCP payload as Diameter
# (dissected.py), that the plugin's guide of every SIP response holds
# what tests/real/expected/NAME.txt says (check.py, on two passes), the
# Diameter links included, and that what the guide says of the outcome and
# the Diameter side (diameter-lines.py) and the calls table are
# tests/real/golden/NAME.diameter and NAME.calls.
#
#   replay.sh PLUGIN_DIR SOURCE_DIR NAME
#
# With SIPGUIDE_UPDATE_GOLDEN=1 the two golden files are rewritten instead
# of compared (read every changed line before committing them).
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
if [ $# -ne 3 ]; then
    echo "usage: replay.sh PLUGIN_DIR SOURCE_DIR NAME" >&2
    exit 2
fi
plugin_dir=$(cd "$1" && pwd) || exit 2
src=$(cd "$2" && pwd) || exit 2
name=$3
real="$src/tests/real"
pcap="$real/captures/$name.pcap"
expected="$real/expected/$name.txt"
for f in "$pcap" "$expected"; do
    [ -f "$f" ] || { echo "FAIL: no ${f#"$src"/}" >&2; exit 1; }
done

work=$(mktemp -d /tmp/sipguide-ims-replay.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/home" "$work/out"
cp -r "$plugin_dir" "$work/plugins"
cp "$pcap" "$work/$name.pcap"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out"
# shellcheck source=tools/lib.sh
. "$real/../../tools/lib.sh"

status=0
echo "== dissected: tests/real/captures/$name.pcap"
# shellcheck disable=SC2046
run_tshark -n -r "$work/$name.pcap" -T fields -E separator=/t -E occurrence=a \
    $(python3 "$real/ims/dissected.py" --fields) > "$work/out/fields" || status=1
python3 "$real/ims/dissected.py" < "$work/out/fields" || status=1

echo "== expected: tests/real/expected/$name.txt"
run_tshark -n -2 -r "$work/$name.pcap" -T pdml > "$work/out/pdml" || status=1
python3 "$real/check.py" "$expected" < "$work/out/pdml" || status=1

echo "== outcome and Diameter lines: tests/real/golden/$name.diameter"
golden="$real/golden/$name.diameter"
python3 "$real/ims/diameter-lines.py" < "$work/out/pdml" > "$work/out/diameter" || status=1
if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$work/out/diameter" "$golden"
    echo "updated $name.diameter"
elif [ ! -f "$golden" ]; then
    echo "FAIL: no tests/real/golden/$name.diameter; what the guide says:" >&2
    cat "$work/out/diameter" >&2
    status=1
elif ! diff -u "$golden" "$work/out/diameter" >&2; then
    echo "FAIL: the guide differs from $name.diameter (- expected, + got)" >&2
    status=1
fi

# tshark-test.sh reads SOURCE/tests/captures/NAME.pcap and SOURCE/tests/golden.
echo "== calls and registrations: tests/real/golden/$name.calls"
mkdir -p "$work/src/tests/captures"
ln -s "$pcap" "$work/src/tests/captures/$name.pcap"
ln -s "$real/golden" "$work/src/tests/golden"
"$src/tests/tshark-test.sh" "$plugin_dir" "$work/src" calls "$name" || status=1

[ $status = 0 ] && echo "ok"
exit $status
