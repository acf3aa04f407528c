# chroot.sh
# Shell helpers for the Debian chroots that tools/test-wireshark-versions.sh
# and the package test (tests/package/install-test.sh) make with debootstrap
# and reuse; source it after "set -u".  It defines:
#
#   apt_source_entries  prints "URI SUITE COMPONENTS..." for every enabled
#                       binary ("deb") entry of this machine's apt sources:
#                       deb822 files (/etc/apt/sources.list.d/*.sources) and
#                       one-line files (/etc/apt/sources.list, *.list)
#   apt_mirror          sets $mirror: $SIPGUIDE_MIRROR when set, otherwise the
#                       URI of the entry of this machine's apt sources that
#                       serves its own release (the suite named by
#                       VERSION_CODENAME in /etc/os-release); returns 1 with
#                       a message when there is none
#   need_chroot_tools   installs debootstrap and debian-archive-keyring when
#                       missing (needs root)
#   make_chroot         make_chroot SUITE DIR: makes DIR/root once with
#                       debootstrap (minbase) and marks it DIR/ready; a
#                       folder without the mark is a broken attempt and is
#                       made again
#   has_mounts          has_mounts DIR: true when something is mounted at
#                       or below DIR (never delete such a folder)
#   set_inside          set_inside ROOT: sets "inside" to the words that run a
#                       command in chroot ROOT with a clean environment
#
# No package mirror is named here: the chroots use the machine's own.
#
# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash

chroot_keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# Callers may define their own "say" and "bounded" (a time limit per step).
declare -F say > /dev/null || say() { echo "== $*" >&2; }
declare -F bounded > /dev/null || bounded() { "$@"; }

apt_source_entries() {
    local files=()
    [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
    for f in /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] && files+=("$f")
    done
    if [ ${#files[@]} -gt 0 ]; then
        # deb [options] URI SUITE COMPONENTS...
        awk '
            { sub(/#.*/, "") }
            $1 != "deb" { next }
            {
                i = 2
                if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                if (i + 1 > NF) next
                line = $i " " $(i + 1)
                for (j = i + 2; j <= NF; j++) line = line " " $j
                print line
            }' "${files[@]}"
    fi
    files=()
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && files+=("$f")
    done
    [ ${#files[@]} -gt 0 ] || return 0
    # Stanzas of "Field: value" lines, separated by empty lines; a value may
    # continue on lines that start with a space.
    awk '
        function flush(   nu, ns, u, s, i, j) {
            if (f["types"] ~ /(^|[ \t])deb([ \t]|$)/ && tolower(f["enabled"]) != "no") {
                nu = split(f["uris"], u, /[ \t]+/)
                ns = split(f["suites"], s, /[ \t]+/)
                for (i = 1; i <= nu; i++)
                    for (j = 1; j <= ns; j++)
                        if (u[i] != "" && s[j] != "") print u[i] " " s[j] " " f["components"]
            }
            delete f
            key = ""
        }
        FNR == 1 { flush() }
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { flush(); next }
        /^[ \t]/ { if (key != "") f[key] = f[key] " " $0; next }
        {
            key = tolower(substr($0, 1, index($0, ":") - 1))
            f[key] = substr($0, index($0, ":") + 1)
            gsub(/^[ \t]+|[ \t]+$/, "", f[key])
        }
        END { flush() }' "${files[@]}"
}

apt_mirror() {
    local codename=""
    if [ -n "${SIPGUIDE_MIRROR:-}" ]; then
        mirror=$SIPGUIDE_MIRROR
        return 0
    fi
    # shellcheck disable=SC1091
    [ -r /etc/os-release ] && codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    mirror=""
    if [ -n "$codename" ]; then
        mirror=$(apt_source_entries | awk -v c="$codename" '
            $2 == c && $1 ~ /^(https?|ftp|file):/ { print $1; exit }')
    fi
    if [ -z "$mirror" ]; then
        echo "no Debian mirror found: no enabled \"deb\" entry for this machine's release" \
             "(${codename:-unknown codename}) in /etc/apt/sources.list or" \
             "/etc/apt/sources.list.d/*.sources or *.list; set SIPGUIDE_MIRROR to a Debian mirror's URL" >&2
        return 1
    fi
    # debootstrap wants no trailing slash.
    mirror=${mirror%/}
}

need_chroot_tools() {
    local missing=() p
    for p in debootstrap debian-archive-keyring; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]} on this machine"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

has_mounts() {
    awk -v d="$1" '$2 == d || index($2, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mounts
}

inside=()
set_inside() {
    # shellcheck disable=SC2034  # for the scripts that source this one
    inside=(chroot "$1" /usr/bin/env -i
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        HOME=/root LC_ALL=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive)
}

make_chroot() {
    local suite=$1 dir=$2
    local root=$dir/root

    if [ -f "$dir/ready" ] && [ -x "$root/usr/bin/apt-get" ]; then
        return 0
    fi
    apt_mirror || return 1
    rm -f "$dir/ready"
    if [ -e "$root" ]; then
        if has_mounts "$root"; then
            echo "$root has something mounted; unmount it first" >&2
            return 1
        fi
        say "$suite: removing an unfinished chroot"
        rm -rf --one-file-system "$root"
    fi
    mkdir -p "$dir"
    say "$suite: making the chroot (debootstrap from $mirror, a few minutes)"
    bounded debootstrap --variant=minbase --keyring="$chroot_keyring" "$suite" "$root" "$mirror" \
        > "$dir/debootstrap.log" 2>&1 || {
        echo "debootstrap of $suite failed; the end of $dir/debootstrap.log:" >&2
        tail -n 20 "$dir/debootstrap.log" >&2
        return 1
    }

    # The machine's own entries for this suite and its updates (security,
    # point updates) replace the single line of debootstrap, so that the
    # chroot of the machine's own release gets the same package versions.
    apt_source_entries | awk -v s="$suite" '
        ($2 == s || index($2, s "-") == 1) && $1 ~ /^(https?|ftp|file):/ && !seen[$0]++ {
            print "deb " $0
        }' > "$dir/sources.list"
    if [ -s "$dir/sources.list" ]; then
        cp "$dir/sources.list" "$root/etc/apt/sources.list"
    fi
    rm -f "$dir/sources.list"

    # A mirror may serve a Release file older than its Valid-Until date
    # (unstable's often is): accept it.  Signatures are still checked.
    cat > "$root/etc/apt/apt.conf.d/90sipguide" <<'EOF'
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
APT::Install-Recommends "false";
EOF
    # No package may start a service inside the chroot.
    printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    touch "$dir/ready"
}
