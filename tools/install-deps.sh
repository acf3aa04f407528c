#!/usr/bin/env bash
# install-deps.sh
# Installs, from Debian packages only, what building and testing the plugin
# needs and is not installed yet.  Run as root, or as a user who may sudo.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail

packages=(
    cmake make gcc pkg-config      # build
    libglib2.0-dev wireshark-dev   # headers, and Wireshark's CMake package
    tshark                         # the program the plugin runs in
    python3                        # tools/make-captures.py
    util-linux                     # setpriv: the tests run tshark unprivileged
    wireshark xvfb xdotool xclip x11-apps netpbm perl   # the GUI and its check (pnmquant needs perl)
    sip-tester kamailio            # tests/real: real SIP client, server and registrar
    kamailio-ims-modules kamailio-presence-modules   # tests/real/ims: P-, I- and S-CSCF
    freediameterd freediameter-extensions libfreediameter-dev   # tests/real/ims: HSS, PCRF
    python3-scapy iproute2         # tests/real/ims: crafted captures, network namespace
    time valgrind                  # tools/benchmark.sh and tools/valgrind-check.sh
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: everything needed is installed"
    exit 0
fi

sudo=()
if [ "$(id -u)" != 0 ]; then
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
