#!/usr/bin/env bash
# setup.sh
# From a fresh clone: installs what is missing, builds the plugin, installs
# it where Wireshark loads it for the current user, and prints the guide for
# the bundled sample capture.
#
# As root the plugin goes to Wireshark's global plugin folder (tshark ignores
# personal plugin folders when it runs as root); as another user it goes to
# ~/.local/lib/wireshark/plugins.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

personal=OFF
[ "$(id -u)" != 0 ] && personal=ON
cmake -S . -B build -DSIPGUIDE_INSTALL_PERSONAL=$personal
cmake --build build --parallel
cmake --install build

echo
echo "== The guide for tests/captures/sample.pcap (tshark -Y sipguide -O sipguide):"
echo
tshark -n -r tests/captures/sample.pcap -Y sipguide -O sipguide 2> >(grep -v 'Running as user' >&2)
