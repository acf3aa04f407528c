#!/usr/bin/env bash
# taps-test.sh
# Checks the GUI's way of reading a file's first pass (plugin/sipguide-pdus.c):
# the SIP and Diameter messages Wireshark's export tap hands over, and the
# IPv4 identification of the IP tap, must be the very messages (data source
# and bytes) and identification the protocol items give.  tshark reads every
# capture of tests/captures and tests/real/captures once with -V and the
# environment variable SIPGUIDE_CHECK_TAPS, which makes the plugin listen to
# those taps in that run and compare, frame by frame; it writes a line
# "sipguide-check: ..." for each difference and, at the end of the file,
# how many frames it compared.  The test fails on any difference, and when
# the frames compared are not those that have SIP or Diameter.
#
#   taps-test.sh PLUGIN_DIR SOURCE_DIR
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
plugin_dir=$1
src=$2

# shellcheck source=tools/lib.sh
. "$(dirname "$0")/../tools/lib.sh"
make_work sipguide-taps
chmod 755 "$work"
mkdir -p "$work/home" "$work/out" "$work/captures"
cp -r "$plugin_dir" "$work/plugins"
cp "$src"/tests/captures/*.pcap "$src"/tests/real/captures/*.pcap "$work/captures/"
chmod -R a+rX "$work"
chmod -R a+rwX "$work/home" "$work/out"

status=0
checked=0
for pcap in "$work"/captures/*.pcap; do
    name=$(basename "$pcap" .pcap)
    SIPGUIDE_CHECK_TAPS=1 run_tshark -n -r "$pcap" -V > /dev/null 2> "$work/out/$name.err"
    expected=$(run_tshark -n -r "$pcap" -Y 'sip || diameter' 2> /dev/null | wc -l)
    if grep -v '^sipguide-check: [0-9]* frames compared$' "$work/out/$name.err" | grep -q .; then
        echo "FAIL: $name: the taps and the protocol items differ (or tshark complained):" >&2
        grep -v '^sipguide-check: [0-9]* frames compared$' "$work/out/$name.err" | head -n 10 >&2
        status=1
        continue
    fi
    compared=$(sed -n 's/^sipguide-check: \([0-9]*\) frames compared$/\1/p' "$work/out/$name.err")
    if [ "${compared:-none}" != "$expected" ]; then
        echo "FAIL: $name: ${compared:-no} frames compared, $expected have SIP or Diameter" >&2
        status=1
        continue
    fi
    checked=$((checked + compared))
done
echo "$checked frames of $(ls "$work"/captures/*.pcap | wc -l) captures: the taps give the messages the protocol items give"
[ "$checked" -gt 0 ] || { echo "FAIL: no frame compared" >&2; status=1; }
exit $status
