#!/usr/bin/env bash
# setup.sh
# From a fresh clone: installs what is missing, builds the plugin, installs
# it where Wireshark loads it for the current user, and prints the guide for
# the bundled sample capture.
#
# As root the plugin goes to Wireshark's global plugin folder (tshark ignores
# personal plugin folders when it runs as root) and the profile "SIP Response
# Guide" to Wireshark's global profiles; as another user the plugin goes to
# ~/.local/lib/wireshark/plugins and the profile to the user's own profiles
# (~/.config/wireshark/profiles).  Works from any folder.  A user who may not
# install the missing Debian packages is told what root must run.
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
echo "== Installed for $([ "$personal" = ON ] && echo "the user $(id -un)" || echo "every user"):" \
    "the plugin and the profile \"SIP Response Guide\" (wireshark -C \"SIP Response Guide\")"
echo
echo "== The guide for tests/captures/sample.pcap (tshark -Y sipguide -O sipguide):"
echo
tshark -n -r tests/captures/sample.pcap -Y sipguide -O sipguide 2> >(grep -v 'Running as user' >&2)
