#!/usr/bin/env bash
# live.sh
# Runs one IMS live case of tests/real/ims/cases.txt: freeDiameter with the
# ims_peer extension as HSS and PCRF, Kamailio as P-CSCF, I-CSCF and S-CSCF,
# SIPp as the UE (and as the callee of a call), all on loopback, captured
# with dumpcap on lo; then checks the plugin's guide of every SIP response
# against tests/real/expected/NAME.txt.
#
#   live.sh [--keep] PLUGIN_DIR SOURCE_DIR EXTENSION NAME
#
# EXTENSION is the built ims_peer.fdx. With --keep the capture is copied to
# tests/real/captures/NAME.pcap, and the check of the expected results may
# fail without failing the run (the plugin may not explain Diameter yet).
#
# It runs in a network namespace of its own (below: why), so it needs root.
# Diameter runs on TCP 3868 of 127.0.0.1, the port Wireshark decodes as
# Diameter; SIP on ports picked at run time, as tests/real/live.sh does (no
# port that Wireshark decodes as another protocol).
#
# Exit 77 (a skip) when not root or a package is missing: the reason is
# printed. Every process runs under timeout(1) in its own
# process group, and every group is killed by its id when the case ends.
# SIPGUIDE_KEEP_WORK=1 keeps the work folder (peer logs, SIPp traces).
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u

keep=0
if [ "${1:-}" = --keep ]; then
    keep=1
    shift
fi
if [ $# -ne 4 ]; then
    echo "usage: live.sh [--keep] PLUGIN_DIR SOURCE_DIR EXTENSION NAME" >&2
    exit 2
fi
plugin_dir=$1
src=$2
extension=$3
name=$4
real="$src/tests/real"
ims="$real/ims"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
skip() {
    echo "SKIP: $*"
    exit 77
}

# --- a private network namespace ------------------------------------------------

# freeDiameter listens on every address of the host: it drops a loopback
# ListenOn, and will not start without an address that is not loopback (for
# Host-IP-Address). So the case runs in a network namespace of its own, with
# lo and a veth pair that holds 192.0.2.1 (a documentation address, RFC 5737)
# for freeDiameter to name; nothing in it can be reached from outside, and
# port 3868 is never taken by another run. In a mount namespace of its own
# too, where /etc/hosts names the Diameter peer: cdp connects to a peer by
# its Diameter identity (getaddrinfo) and finds it again by the Origin-Host
# of its requests (the ASR), so the two must be the same name. Needs root.
if [ -z "${SIPGUIDE_IMS_NETNS:-}" ]; then
    [ "$(id -u)" = 0 ] || skip "needs root, for a private network namespace and capture rights"
    for program in unshare ip mount; do
        command -v "$program" > /dev/null ||
            skip "$program is not installed (tools/install-deps.sh installs it)"
    done
    # In a chroot whose root is not a mount point (the version legs) a
    # mount namespace cannot be made private: skip rather than touch the
    # host's /etc/hosts.
    unshare -n -m true 2> /dev/null ||
        skip "cannot make a private network and mount namespace here (unshare -n -m fails, as in a chroot whose root is not a mount point)"
    args=("$@")
    [ $keep = 1 ] && args=(--keep "${args[@]}")
    exec unshare -n -m env SIPGUIDE_IMS_NETNS=1 bash "$0" "${args[@]}"
fi
hosts=$(mktemp /tmp/sipguide-ims-hosts.XXXXXX)
printf '127.0.0.1 localhost\n127.0.0.1 hss-pcrf.ims.test\n::1 localhost\n' > "$hosts"
chmod 644 "$hosts"
mount --bind "$hosts" /etc/hosts || fail "cannot give the mount namespace its own /etc/hosts"
rm -f "$hosts"      # the bind mount keeps it for this namespace
ip link set lo up || fail "cannot bring lo up in the network namespace"
if ! { ip link add ims0 type veth peer name ims1 && ip addr add 192.0.2.1/32 dev ims0 &&
        ip link set ims0 up && ip link set ims1 up; }; then
    fail "cannot make the veth pair of the network namespace"
fi

# --- the case -----------------------------------------------------------------

line=$(awk -v n="$name" '$1 == n && $1 !~ /^#/' "$ims/cases.txt")
[ -n "$line" ] || fail "no case $name in tests/real/ims/cases.txt"
read -r _ ue callee peer_conf <<< "$line"
expected="$real/expected/$name.txt"
[ -f "$expected" ] || fail "no expected results tests/real/expected/$name.txt"

# --- what it needs: a missing package or capture right is a skip --------------

for program in sipp kamailio freeDiameterd dumpcap tshark python3 timeout setsid; do
    command -v "$program" > /dev/null ||
        skip "$program is not installed (tools/install-deps.sh installs it)"
done
command -v setpriv > /dev/null || skip "setpriv is not installed"
kam_modules=$(dirname "$(dpkg -L kamailio-ims-modules 2> /dev/null | grep '/ims_qos\.so$' | head -1)")
[ -f "$kam_modules/ims_qos.so" ] ||
    skip "Kamailio's IMS modules are not installed (package kamailio-ims-modules)"
fd_extensions=$(dirname "$(dpkg -L freediameter-extensions 2> /dev/null | grep '/acl_wl\.fdx$' | head -1)")
[ -f "$fd_extensions/acl_wl.fdx" ] ||
    skip "freeDiameter's extensions are not installed (package freediameter-extensions)"
[ -f "$extension" ] ||
    skip "the ims_peer extension is not built (package libfreediameter-dev was missing at configure time)"

# --- work folder, and the clean-up that runs however the case ends -------------

work=$(mktemp -d /tmp/sipguide-ims.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/home" "$work/out" "$work/peers"
cp -r "$plugin_dir" "$work/plugins"
cp "$extension" "$work/ims_peer.fdx"
cp -r "$ims/icscf-db" "$work/icscf-db"

groups=()   # process group ids of everything started here (each its own leader)

stop_group() {
    local pgid=$1 i
    kill -0 -- "-$pgid" 2> /dev/null || return 0
    kill -TERM -- "-$pgid" 2> /dev/null
    for i in $(seq 50); do
        kill -0 -- "-$pgid" 2> /dev/null || return 0
        sleep 0.1
    done
    kill -KILL -- "-$pgid" 2> /dev/null
    sleep 0.2
}

cleanup() {
    local pgid left=0
    # the UE and the CSCFs first, freeDiameter and dumpcap last
    for ((i = ${#groups[@]} - 1; i >= 0; i--)); do
        stop_group "${groups[$i]}"
    done
    wait 2> /dev/null
    for pgid in "${groups[@]}"; do
        if kill -0 -- "-$pgid" 2> /dev/null; then
            echo "FAIL: process group $pgid is still running" >&2
            left=1
        fi
    done
    if [ "${SIPGUIDE_KEEP_WORK:-0}" = 1 ]; then
        echo "work folder kept: $work"
    else
        rm -rf "$work"
    fi
    [ $left = 0 ] || exit 1
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Starts "$@" in the background as the leader of a new process group, under a
# time limit; sets $started to its pid (= its process group id).
start() {
    local limit=$1 log=$2
    shift 2
    setsid timeout -k 2 "$limit" "$@" > "$log" 2>&1 < /dev/null &
    started=$!
    groups+=("$started")
}

# Waits until something listens on PROTO (udp/tcp) port PORT of 127.0.0.1.
wait_listen() {
    local proto=$1 port=$2 hex deadline=$((SECONDS + 20))
    hex=$(printf '%04X' "$port")
    while [ $SECONDS -lt $deadline ]; do
        if awk -v h=":$hex" '$2 ~ h"$" && ($4 == "07" || $4 == "0A") { found = 1 }
                END { exit !found }' "/proc/net/$proto"; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

show_logs() {
    local f
    for f in "$work"/peers/*; do
        [ -s "$f" ] || continue
        echo "---- $(basename "$f") (last 40 lines)" >&2
        tail -n 40 "$f" >&2
    done
}

# shellcheck source=tools/lib.sh disable=SC2154
. "$real/../../tools/lib.sh"

# --- ports ----------------------------------------------------------------------

run_tshark -G decodes 2> /dev/null |
    awk -F'\t' '$1 == "udp.port" || $1 == "tcp.port" { print $2 }' > "$work/claimed-ports"
[ -s "$work/claimed-ports" ] || fail "tshark -G decodes lists no port that Wireshark decodes"
mapfile -t bases < <(python3 "$real/ports.py" free 5 6 "$work/claimed-ports") ||
    fail "no free ports"
[ ${#bases[@]} = 5 ] || fail "no free ports"
pcscf_port=${bases[0]}
icscf_port=${bases[1]}
scscf_port=${bases[2]}
ue_port=${bases[3]}
callee_port=${bases[4]}
probe_port=$((pcscf_port + 3))
echo "case $name: P-CSCF $pcscf_port, I-CSCF $icscf_port, S-CSCF $scscf_port," \
    "UE $ue_port, callee $callee_port, Diameter 3868"

# --- the peers' files, filled in ---------------------------------------------------

fill() {
    sed -e "s#@WORK@#$work#g" -e "s#@PCSCF_PORT@#$pcscf_port#g" \
        -e "s#@ICSCF_PORT@#$icscf_port#g" -e "s#@SCSCF_PORT@#$scscf_port#g" \
        -e "s#@CALLEE_PORT@#$callee_port#g" -e "s#@EXTENSION@#$work/ims_peer.fdx#g" \
        -e "s#@EXTENSIONS@#$fd_extensions#g" "$@"
}
for cscf in pcscf icscf scscf; do
    fill "$ims/$cscf.cfg" > "$work/$cscf.cfg"
    application=16777216                    # Cx
    [ $cscf = pcscf ] && application=16777236   # Rx
    fill -e "s#@IDENTITY@#$cscf.ims.test#" -e "s#@PEER@#hss-pcrf.ims.test#g" \
        -e "s#@APPLICATION@#$application#" "$ims/cdp.xml" > "$work/$cscf.xml"
done
fill "$ims/freediameter.conf" > "$work/freediameter.conf"
cp "$ims/acl.conf" "$work/acl.conf"
{
    cat "$ims/peers/$peer_conf.conf"
    echo "realm ims.test"
    echo "server-name sip:127.0.0.1:$scscf_port"
    # the subscribers' digest HA1, MD5 of "private-id:realm:password"
    for user in alice bob carol; do
        echo "user $user@ims.test $(printf '%s' "$user@ims.test:ims.test:$user-secret" | md5sum | cut -d' ' -f1)"
    done
} > "$work/peer.conf"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out" "$work/peers" "$work/icscf-db"

# --- capture --------------------------------------------------------------------------

raw="$work/out/raw.pcap"
filter="tcp port 3868"
for port in "$pcscf_port" "$icscf_port" "$scscf_port" "$ue_port" "$callee_port" "$probe_port"; do
    filter="$filter or port $port"
done
start 200 "$work/peers/dumpcap.log" dumpcap -q -P -i lo -s 0 -f "$filter" \
    -a duration:180 -c 5000 -w "$raw"
dumpcap_pid=$started
ready=0
deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ]; do
    kill -0 "$dumpcap_pid" 2> /dev/null || break
    echo -n "probe" > "/dev/udp/127.0.0.1/$probe_port" 2> /dev/null
    if [ "$(stat -c %s "$raw" 2> /dev/null || echo 0)" -gt 24 ]; then
        ready=1
        break
    fi
    sleep 0.1
done
if [ $ready = 0 ]; then
    show_logs
    grep -qi "permission\|privilege" "$work/peers/dumpcap.log" &&
        skip "dumpcap may not capture on lo: $(head -1 "$work/peers/dumpcap.log")"
    fail "dumpcap does not capture on lo"
fi

# --- the Diameter peer, then the CSCFs (all unprivileged) ---------------------------

start 170 "$work/peers/freediameter.log" "${unprivileged[@]}" \
    freeDiameterd -d -c "$work/freediameter.conf"
fd_pid=$started
if ! wait_listen tcp 3868; then
    show_logs
    fail "freeDiameter does not listen on TCP 3868"
fi
declare -A cscf_pid
for cscf in pcscf icscf scscf; do
    port_var=${cscf}_port
    start 160 "$work/peers/$cscf.log" "${unprivileged[@]}" \
        kamailio -DD -E -f "$work/$cscf.cfg" -l "udp:127.0.0.1:${!port_var}" \
        -m 64 -M 8 -Y "$work/peers" -w "$work/peers"
    cscf_pid[$cscf]=$started
done
for cscf in pcscf icscf scscf; do
    port_var=${cscf}_port
    if ! wait_listen udp "${!port_var}"; then
        show_logs
        fail "the $cscf does not listen on UDP ${!port_var}"
    fi
done
# Each CSCF opens its Diameter connection (CER/CEA) by itself: wait for all
# three, so that the SIP traffic starts on open connections. cdp's first CER
# often goes out without Host-IP-Address (a race between its processes:
# "Error on finding local host address"); freeDiameter refuses it, and cdp
# tries again some seconds later.
deadline=$((SECONDS + 60))
while [ $SECONDS -lt $deadline ]; do
    open=$(grep -c "STATE_OPEN" "$work/peers/freediameter.log")
    [ "$open" -ge 3 ] && break
    sleep 0.2
done
if [ "$open" -lt 3 ]; then
    show_logs
    fail "only $open of the 3 CSCFs opened a Diameter connection to freeDiameter"
fi
# freeDiameter's wildcard socket is left out: it is inside this namespace.
python3 "$real/ports.py" loopback "${cscf_pid[@]}" > /dev/null ||
    fail "a CSCF listens outside loopback"

# --- the callee, then the UE in the foreground ------------------------------------------

common=(-i 127.0.0.1 -t u1 -m 1 -nr -nd -nostdin -trace_err -trace_msg)
if [ "$callee" != - ]; then
    start 60 "$work/peers/callee.log" sipp -sf "$ims/scenarios/$callee-uas.xml" \
        -p "$callee_port" -cp $((callee_port + 1)) -mp $((callee_port + 2)) \
        -timeout 50s -timeout_error \
        -message_file "$work/peers/callee-messages.log" \
        -error_file "$work/peers/callee-errors.log" "${common[@]}"
    callee_pid=$started
    wait_listen udp "$callee_port" || { show_logs; fail "the callee does not listen"; }
fi

# A UE scenario with users (scenarios/UE-uac.csv) runs once a user, one
# after the other.
users=()
if [ -f "$ims/scenarios/$ue-uac.csv" ]; then
    users=(-inf "$ims/scenarios/$ue-uac.csv" -m "$(grep -c ';' "$ims/scenarios/$ue-uac.csv")" -l 1)
fi
setsid timeout -k 2 60 sipp -sf "$ims/scenarios/$ue-uac.xml" "127.0.0.1:$pcscf_port" \
    -s bob -p "$ue_port" -cp $((ue_port + 1)) -mp $((ue_port + 2)) \
    -timeout 50s -timeout_error \
    -message_file "$work/peers/ue-messages.log" \
    -error_file "$work/peers/ue-errors.log" \
    "${common[@]}" "${users[@]}" > "$work/peers/ue.log" 2>&1 < /dev/null &
ue_pid=$!
groups+=("$ue_pid")
wait "$ue_pid"
ue_rc=$?

status=0
if [ $ue_rc != 0 ]; then
    echo "FAIL: the SIPp UE exited with $ue_rc" >&2
    status=1
fi
if [ "$callee" != - ]; then
    if [ $ue_rc = 0 ]; then
        wait "$callee_pid"
        callee_rc=$?
        if [ $callee_rc != 0 ]; then
            echo "FAIL: the SIPp callee exited with $callee_rc" >&2
            status=1
        fi
    fi
    stop_group "$callee_pid"
fi
# A moment for the last Diameter messages (STR/STA after a released call).
sleep 1
for cscf in pcscf icscf scscf; do
    if ! kill -0 "${cscf_pid[$cscf]}" 2> /dev/null; then
        echo "FAIL: the $cscf ended before the UE was done" >&2
        status=1
    fi
    stop_group "${cscf_pid[$cscf]}"
done
stop_group "$fd_pid"

# The capture is complete once a closing probe, sent after everything else,
# is in the file.
complete=0
deadline=$((SECONDS + 20))
while [ $SECONDS -lt $deadline ]; do
    kill -0 "$dumpcap_pid" 2> /dev/null || break
    echo -n "end of capture" > "/dev/udp/127.0.0.1/$probe_port" 2> /dev/null
    if grep -q -a -F "end of capture" "$raw"; then
        complete=1
        break
    fi
    sleep 0.1
done
stop_group "$dumpcap_pid"
wait "$dumpcap_pid" 2> /dev/null
if [ $complete = 0 ]; then
    echo "FAIL: the capture did not receive its closing probe" >&2
    status=1
fi
if [ $status != 0 ]; then
    show_logs
    exit 1
fi

# --- the capture without the probes, and the checks ----------------------------------

chmod a+r "$raw"
pcap="$work/out/$name.pcap"
run_tshark -n -r "$raw" -Y "!(udp.port == $probe_port)" -F pcap -w "$pcap" ||
    fail "tshark could not write the capture without probes"
if [ $keep = 1 ]; then
    mkdir -p "$real/captures"
    cp "$pcap" "$real/captures/$name.pcap"
    echo "kept tests/real/captures/$name.pcap"
fi
# Every SIP response and Diameter message must be dissected as such.
# shellcheck disable=SC2046
run_tshark -n -r "$pcap" -T fields -E separator=/t -E occurrence=a \
    $(python3 "$ims/dissected.py" --fields) > "$work/out/fields" ||
    fail "tshark failed on the capture"
python3 "$ims/dissected.py" < "$work/out/fields" > "$work/out/messages"
dissected=$?
cat "$work/out/messages"
[ $dissected = 0 ] || fail "the capture is not dissected as SIP and Diameter"

run_tshark -n -2 -r "$pcap" -T pdml > "$work/out/pdml" 2> "$work/out/tshark.err" ||
    { cat "$work/out/tshark.err" >&2; fail "tshark failed on the capture"; }
if ! python3 "$real/check.py" "$expected" < "$work/out/pdml"; then
    [ $keep = 1 ] && { echo "the expected results do not hold yet (kept anyway)"; exit 0; }
    exit 1
fi
echo "ok"
