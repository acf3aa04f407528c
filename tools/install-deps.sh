#!/usr/bin/env bash
# install-deps.sh
# Installs, from Debian packages only, what building and testing the plugin
# needs and is not installed yet.  Run as root, or as a user who may sudo;
# another user gets the list of what is missing and the command that root
# must run.
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
    debootstrap debian-archive-keyring   # the package test's throwaway Debian root (as root)
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

# A user who may not install packages: say what is missing and who can add it.
cannot_install() {
    echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
    echo "install-deps: $1, so they cannot be installed from here. As root, run:" >&2
    echo "    apt-get install --no-install-recommends ${missing[*]}" >&2
    echo "install-deps: then run this again (or tools/setup.sh)." >&2
    exit 1
}

sudo=()
if [ "$(id -u)" != 0 ]; then
    user=$(id -un)
    if ! command -v sudo > /dev/null; then
        cannot_install "this runs as $user, not root, and sudo is not installed"
    fi
    # Without a password first; a user at a terminal may be asked for one.
    if ! sudo -n true 2> /dev/null; then
        if [ ! -t 0 ] || ! sudo -v; then
            cannot_install "this runs as $user, not root, and $user may not use sudo here"
        fi
    fi
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
