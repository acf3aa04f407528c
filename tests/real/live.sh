#!/usr/bin/env bash
# live.sh
# Runs one live case of tests/real/cases.txt: starts real SIP peers on
# loopback, captures their traffic with dumpcap, then checks the plugin's
# guide of every response in the fresh capture against expected/NAME.txt.
#
#   live.sh [--keep | --capture-only] PLUGIN_DIR SOURCE_DIR NAME
#
# PLUGIN_DIR is the build's plugins folder. With --keep the fresh capture is
# copied to tests/real/captures/NAME.pcap (update.sh does that for all cases
# and refreshes the golden files). Every fresh capture is first checked
# against expected/NAME.txt by the packets alone (check.py --truth: the peers
# did what the case says), then with the plugin; --capture-only leaves the
# plugin out and keeps the capture (for a case whose fields the plugin does
# not have yet).
#
# A case of PEER "topo" has several peers, described by topologies/NAME.topo
# (see topology.sh): servers and clients on their own ports, Kamailio as a
# proxy between them, and optionally two captures at once, merged.
#
# Every peer is bounded: SIPp runs one call (-m 1) under -timeout with
# -timeout_error, Kamailio and the SIPp server run under timeout(1), dumpcap
# stops after -a duration: and -c packets. Every process is started in its own
# process group and that group is killed by its id when the case ends, on
# success or failure. A missing program is a failure, never a skip; a user
# other than root who may not capture on lo skips the case (exit code 77).
# Set SIPGUIDE_KEEP_WORK=1 to keep the work folder (logs, captures) for reading.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u

keep=0
plugin_check=1
if [ "${1:-}" = --keep ]; then
    keep=1
    shift
elif [ "${1:-}" = --capture-only ]; then
    keep=1
    plugin_check=0
    shift
fi
if [ $# -ne 3 ]; then
    echo "usage: live.sh [--keep | --capture-only] PLUGIN_DIR SOURCE_DIR NAME" >&2
    exit 2
fi
plugin_dir=$1
src=$2
name=$3
real="$src/tests/real"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# --- the case -----------------------------------------------------------------

line=$(awk -v n="$name" '$1 == n && $1 !~ /^#/' "$real/cases.txt")
[ -n "$line" ] || fail "no case $name in tests/real/cases.txt"
read -r _ peer transport family client server <<< "$line"
expected="$real/expected/$name.txt"
[ -f "$expected" ] || fail "no expected results tests/real/expected/$name.txt"

# --- several peers: the topology (topology.sh) ----------------------------------

limit=30        # seconds a case's peers may run
captures=1      # dumpcap processes on lo at once
if [ "$peer" = topo ]; then
    # shellcheck source=tests/real/topology.sh
    . "$real/topology.sh"
    topo_load "$real/topologies/$name.topo"
    [ "$family" = 4 ] || fail "a topology case runs on IPv4 only"
    limit=$topo_limit
    captures=$topo_captures
fi

# --- the programs: a missing one fails the test -------------------------------

# Kamailio lives in /usr/sbin, which is not in an ordinary user's PATH.
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
needed=(sipp dumpcap tshark python3 timeout setsid)
[ "$peer" = kamailio ] && needed+=(kamailio)
[ "$peer" = topo ] && mapfile -t -O ${#needed[@]} needed < <(topo_programs)
[ "$(id -u)" = 0 ] && needed+=(setpriv)
for program in "${needed[@]}"; do
    command -v "$program" > /dev/null ||
        fail "$program is not installed (see tools/install-deps.sh)"
done

# --- capture permission: root has it; another user may have it (group wireshark)

if [ "$(id -u)" != 0 ] && ! dumpcap -L -i lo > /dev/null 2>&1; then
    # shellcheck source=tools/lib.sh
    . "$(dirname "$0")/../../tools/lib.sh"
    skip_test "user $(id -un) may not capture on lo (dumpcap -L -i lo fails): run the tests" \
        "as root, or let this user capture: sudo dpkg-reconfigure wireshark-common (answer Yes)," \
        "sudo usermod -aG wireshark $(id -un), then log in again"
fi

# --- work folder, and the clean-up that runs however the case ends -------------

work=$(mktemp -d /tmp/sipguide-real.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/home" "$work/out" "$work/peers"
cp -r "$plugin_dir" "$work/plugins"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out"

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
    for pgid in "${groups[@]}"; do
        stop_group "$pgid"
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

# Waits until something listens on PROTO (udp/tcp) port PORT of the case's
# family, reading /proc/net; fails after 20 s.
wait_listen() {
    local proto=$1 port=$2 table hex deadline=$((SECONDS + 20))
    table=/proc/net/$proto
    [ "$family" = 6 ] && table=/proc/net/${proto}6
    hex=$(printf '%04X' "$port")
    while [ $SECONDS -lt $deadline ]; do
        # UDP sockets are state 07 (unconnected), TCP listeners 0A.
        if awk -v h=":$hex" '$2 ~ h"$" && ($4 == "07" || $4 == "0A") { found = 1 }
                END { exit !found }' "$table"; then
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
        echo "---- $(basename "$f") (last 60 lines)" >&2
        tail -n 60 "$f" >&2
    done
}

# run_tshark: tshark with the build's plugin, as tests/tshark-test.sh runs it;
# unprivileged: "nobody" when root (tools/lib.sh).
# shellcheck source=tools/lib.sh
. "$(dirname "$0")/../../tools/lib.sh"

# --- ports, all picked now: SIP server, SIP client, capture probe -------------

# Each block: +0 SIP, +1 SIPp control, +2 and +4 SIPp media, +3 capture probe.
# No block holds a port that Wireshark decodes by number: SIP found there
# would be decoded as that protocol (Quake on 26000, say), not as SIP, and
# the case would fail by the luck of the draw.
run_tshark -G decodes 2> /dev/null |
    awk -F'\t' '$1 == "udp.port" || $1 == "tcp.port" { print $2 }' > "$work/claimed-ports"
[ -s "$work/claimed-ports" ] || fail "tshark -G decodes lists no port that Wireshark decodes"
blocks=2
[ "$peer" = topo ] && blocks=${#topo_names[@]}
mapfile -t bases < <(python3 "$real/ports.py" free "$blocks" 6 "$work/claimed-ports") ||
    fail "no free ports"
[ ${#bases[@]} = "$blocks" ] || fail "no free ports"
server_port=${bases[0]}
client_port=${bases[1]:-}
probe_port=$((server_port + 3))
capture_filter="port $server_port or port $client_port or "
if [ "$peer" = topo ]; then
    topo_ports
fi
if [ "$family" = 6 ]; then
    ip=::1
    server_addr="[::1]:$server_port"
else
    ip=127.0.0.1
    server_addr="127.0.0.1:$server_port"
fi

sipp_transport=u1
[ "$transport" = tcp ] && sipp_transport=t1
if [ "$peer" = topo ]; then
    echo "case $name: ${#topo_names[@]} peers over $transport/IPv$family: $SIPGUIDE_PEERS"
else
    echo "case $name: $peer over $transport/IPv$family," \
        "server port $server_port, client port $client_port"
fi

# --- capture --------------------------------------------------------------------

# With "capture twice" (topology) two dumpcap processes capture the same
# packets into raw-1.pcap and raw-2.pcap, merged into raw.pcap at the end.
raw="$work/out/raw.pcap"
raws=("$raw")
[ "$captures" = 2 ] && raws=("$work/out/raw-1.pcap" "$work/out/raw-2.pcap")
dumpcap_pids=()
for file in "${raws[@]}"; do
    start $((limit + 60)) "$work/peers/dumpcap-$(basename "$file" .pcap).log" \
        dumpcap -q -P -i lo -s 0 -f "${capture_filter}port $probe_port" \
        -a duration:$((limit + 30)) -c 5000 -w "$file"
    dumpcap_pids+=("$started")
done

# dumpcap is ready once a probe datagram to the probe port reaches the file
# (on a busy machine that can take seconds).
captured() {    # captured SIZE-OR-TEXT: every capture file has it
    local file
    for file in "${raws[@]}"; do
        if [ "$1" = size ]; then
            [ "$(stat -c %s "$file" 2> /dev/null || echo 0)" -gt 24 ] || return 1
        else
            grep -q -a -F "$1" "$file" 2> /dev/null || return 1
        fi
    done
}
capturing() {
    local pid
    for pid in "${dumpcap_pids[@]}"; do
        kill -0 "$pid" 2> /dev/null || return 1
    done
}
ready=0
deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ]; do
    capturing || break
    echo -n "probe" > "/dev/udp/127.0.0.1/$probe_port" 2> /dev/null
    if captured size; then
        ready=1
        break
    fi
    sleep 0.1
done
if [ $ready = 0 ]; then
    show_logs
    fail "dumpcap does not capture on lo"
fi

# --- the server -----------------------------------------------------------------

common=(-i "$ip" -t "$sipp_transport" -m 1 -nr -nd -nostdin -ci 127.0.0.1 -mi "$ip"
    -trace_err -trace_msg)
if [ "$peer" = topo ]; then
    topo_start_servers
elif [ "$peer" = kamailio ]; then
    # Unprivileged, Kamailio opens no raw socket (as root it opens one bound to
    # any address for sending UDP); it needs no privilege on these ports.
    # It reads its configuration from the work folder: as another user it may
    # not be able to read the clone.
    cp "$real/kamailio.cfg" "$work/peers/kamailio.cfg"
    chmod 644 "$work/peers/kamailio.cfg"
    chmod 777 "$work/peers"
    start 60 "$work/peers/kamailio.log" "${unprivileged[@]}" \
        kamailio -DD -E -f "$work/peers/kamailio.cfg" -l "$transport:${server_addr%:*}:$server_port" \
        -m 32 -M 4 -Y "$work/peers" -w "$work/peers"
else
    start 40 "$work/peers/server.log" sipp -sf "$real/scenarios/$server-uas.xml" -s bob \
        -p "$server_port" -cp $((server_port + 1)) -mp $((server_port + 2)) \
        -timeout 30s -timeout_error \
        -message_file "$work/peers/server-messages.log" \
        -error_file "$work/peers/server-errors.log" \
        "${common[@]}"
fi
if [ "$peer" != topo ]; then
    server_pid=$started
    if ! wait_listen "$transport" "$server_port"; then
        show_logs
        fail "the $peer server does not listen on $transport port $server_port"
    fi
    python3 "$real/ports.py" loopback "${groups[@]}" > /dev/null ||
        fail "a peer listens outside loopback"
fi

# --- the client, in the foreground ----------------------------------------------

status=0
if [ "$peer" = topo ]; then
    client_rc=0
    topo_run_clients || client_rc=1
    topo_stop_servers $client_rc || status=1
    [ $client_rc = 0 ] || status=1
else
setsid timeout -k 2 30 sipp -sf "$real/scenarios/$client-uac.xml" "$server_addr" -s bob \
    -p "$client_port" -cp $((client_port + 1)) -mp $((client_port + 2)) \
    -timeout 20s -timeout_error \
    -message_file "$work/peers/client-messages.log" \
    -error_file "$work/peers/client-errors.log" \
    "${common[@]}" > "$work/peers/client.log" 2>&1 < /dev/null &
client_pid=$!
groups+=("$client_pid")
wait "$client_pid"
client_rc=$?

if [ $client_rc != 0 ]; then
    echo "FAIL: the SIPp client exited with $client_rc" >&2
    status=1
fi

# --- the server ends (SIPp) or is stopped (Kamailio) ----------------------------

if [ "$peer" = kamailio ]; then
    if ! kill -0 "$server_pid" 2> /dev/null; then
        echo "FAIL: Kamailio ended before the client was done" >&2
        status=1
    fi
    stop_group "$server_pid"
elif [ $client_rc != 0 ]; then
    stop_group "$server_pid"    # no use waiting for its time-out
else
    wait "$server_pid"
    server_rc=$?
    if [ $server_rc != 0 ]; then
        echo "FAIL: the SIPp server exited with $server_rc" >&2
        status=1
    fi
fi
fi     # one server and one client

# The capture is complete once a closing probe, sent after the last SIP
# packet, is in the file: the kernel hands packets to dumpcap in order.
complete=0
deadline=$((SECONDS + 20))
while [ $SECONDS -lt $deadline ]; do
    capturing || break
    echo -n "end of capture" > "/dev/udp/127.0.0.1/$probe_port" 2> /dev/null
    if captured "end of capture"; then
        complete=1
        break
    fi
    sleep 0.1
done
for pid in "${dumpcap_pids[@]}"; do
    stop_group "$pid"
    wait "$pid" 2> /dev/null
done
if [ $complete = 0 ]; then
    echo "FAIL: the capture did not receive its closing probe" >&2
    status=1
fi
# Two captures of the same packets: merged in time order, every packet twice.
if [ $status = 0 ] && [ "$captures" = 2 ] &&
    ! mergecap -w "$raw" "${raws[@]}" 2> "$work/peers/mergecap.log"; then
    echo "FAIL: mergecap could not merge the two captures" >&2
    status=1
fi

if [ $status != 0 ]; then
    show_logs
    exit 1
fi

# --- the plugin on the fresh capture --------------------------------------------

chmod a+r "$raw"
# The probe datagrams are left out (frame numbers still count them). Two
# passes (-2): a guide links to later frames too (the retry with credentials
# after a 401 or 407).
without_probes="!(udp.dstport == $probe_port)"
run_tshark -n -2 -r "$raw" -Y "$without_probes" -T pdml > "$work/out/pdml" 2> "$work/out/tshark.err" \
    || { cat "$work/out/tshark.err" >&2; fail "tshark failed on the capture"; }
if [ -s "$work/out/tshark.err" ]; then
    cat "$work/out/tshark.err" >&2
    fail "tshark wrote to stderr"
fi
echo "== the packets against $(basename "$expected") (check.py --truth)"
if ! python3 "$real/check.py" --truth "$expected" < "$work/out/pdml"; then
    show_logs
    exit 1
fi
if [ $plugin_check = 1 ]; then
    echo "== the guide against $(basename "$expected")"
    if ! python3 "$real/check.py" "$expected" < "$work/out/pdml"; then
        show_logs
        exit 1
    fi
fi

if [ $keep = 1 ]; then
    pcap="$work/out/$name.pcap"
    run_tshark -n -r "$raw" -Y "$without_probes" -F pcap -w "$pcap" \
        || fail "tshark could not write the capture without probes"
    mkdir -p "$real/captures"
    cp "$pcap" "$real/captures/$name.pcap"
    echo "kept tests/real/captures/$name.pcap"
fi
echo "ok"
