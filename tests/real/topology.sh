# topology.sh
# The peers of a live case with several of them (PEER "topo" in cases.txt):
# reads topologies/NAME.topo, gives every peer its own port block, starts the
# servers, runs the clients and stops what is left. live.sh sources it after
# its own helpers (start, stop_group, wait_listen, fail) and uses it in place
# of its one server and one client.
#
# A topology file has one statement a line ('#' starts a comment):
#
#   server NAME kamailio               Kamailio with kamailio-proxy.cfg on the
#                                      case's transport; SIPGUIDE_PEERS in its
#                                      environment names every peer's SIP port
#   server NAME sipp SCENARIO [OPT...] a SIPp server: scenarios/SCENARIO-uas.xml
#   server NAME sink                   a UDP socket that takes datagrams and never
#                                      reads or answers them (a dead host behind
#                                      a firewall that drops, seen from SIP)
#   client NAME sipp SCENARIO to=PEER [OPT...]
#                                      a SIPp client: scenarios/SCENARIO-uac.xml,
#                                      sent to PEER's SIP port
#   capture twice                      two dumpcap processes on lo at once, merged
#                                      with mergecap: every packet twice (true
#                                      capture duplicates)
#   limit SECONDS                      time limit of every peer (default 30); the
#                                      capture may run 30 s longer
#
# Options of a SIPp peer:
#   user=USER   -s USER: the user part of the Request-URI (client) or Contact
#               (server); default: the name of the to= peer, or "bob"
#   retrans     UDP retransmissions on (RFC 3261 timers, SIPp's T1 500 ms);
#               without it every SIPp peer runs with -nr
#   bg          (client) runs in the background; the next client starts at once
#               and every client is waited for before the servers stop
#   wait=N      (client) starts N seconds after the previous client started or
#               ended
#   stop        (server) is stopped once the clients are done instead of
#               ending by itself (a callee that would wait for ever)
#   -- ARG...   more SIPp arguments (-m 30 -l 1 ...); SCENARIO.csv in
#               scenarios/ is passed as -inf when it exists
#
# Clients run in file order, one after the other; servers start in file order,
# each once it listens. Every peer gets a block of six ports: +0 SIP, +1 SIPp
# control, +2 and +4 SIPp media.
#
# SPDX-License-Identifier: GPL-2.0-or-later

topo_names=()       # peers in file order
declare -A topo_role topo_kind topo_args topo_port topo_pid
topo_captures=1
topo_limit=30

# topo_load FILE: reads the topology; fails on a bad line.
topo_load() {
    local file=$1 number=0 role name kind rest
    [ -f "$file" ] || fail "no topology ${file#"$src/"}"
    while IFS= read -r line; do
        number=$((number + 1))
        line=${line%%#*}
        read -r role name kind rest <<< "$line"
        [ -n "$role" ] || continue
        case "$role" in
        capture)
            [ "$name" = twice ] || fail "$file:$number: capture takes 'twice'"
            topo_captures=2
            continue
            ;;
        limit)
            [[ "$name" =~ ^[0-9]+$ ]] || fail "$file:$number: limit takes seconds"
            topo_limit=$name
            continue
            ;;
        server | client) ;;
        *) fail "$file:$number: unknown statement '$role'" ;;
        esac
        [[ "$name" =~ ^[a-z][a-z0-9]*$ ]] || fail "$file:$number: bad peer name '$name'"
        [ -z "${topo_role[$name]:-}" ] || fail "$file:$number: peer $name named twice"
        case "$role/$kind" in
        server/kamailio | server/sink | server/sipp | client/sipp) ;;
        *) fail "$file:$number: a $role cannot be '$kind'" ;;
        esac
        topo_names+=("$name")
        topo_role[$name]=$role
        topo_kind[$name]=$kind
        topo_args[$name]=$rest
    done < "$file"
    [ ${#topo_names[@]} -gt 0 ] || fail "$file: no peer"
}

# topo_programs: the programs the topology needs, one a line.
topo_programs() {
    local name
    for name in "${topo_names[@]}"; do
        echo "${topo_kind[$name]}" | sed 's/^sink$/python3/'
    done
    [ "$topo_captures" = 2 ] && echo mergecap
}

# topo_ports BASE...: one port block for every peer, in file order; sets
# topo_port[NAME], SIPGUIDE_PEERS and capture_filter.
topo_ports() {
    local i=0 name peers=() filter=()
    for name in "${topo_names[@]}"; do
        topo_port[$name]=${bases[$i]}
        peers+=("$name=${bases[$i]}")
        filter+=("port ${bases[$i]}")
        i=$((i + 1))
    done
    SIPGUIDE_PEERS=$(IFS=';'; echo "${peers[*]}")
    capture_filter=$(printf '%s or ' "${filter[@]}")
}

# topo_sipp_args NAME: the arguments of SIPp peer NAME, except the remote
# address of a client; sets sipp_args.
topo_sipp_args() {
    local name=$1 port=${topo_port[$1]} words scenario user="" retrans=0 raw=() w
    read -r -a words <<< "${topo_args[$name]}"
    scenario=${words[0]}
    local side=uas
    [ "${topo_role[$name]}" = client ] && side=uac
    [ -f "$real/scenarios/$scenario-$side.xml" ] ||
        fail "no scenario tests/real/scenarios/$scenario-$side.xml for peer $name"
    for ((w = 1; w < ${#words[@]}; w++)); do
        case "${words[$w]}" in
        user=*) user=${words[$w]#user=} ;;
        to=*) [ -n "$user" ] || user=${words[$w]#to=} ;;
        retrans) retrans=1 ;;
        bg | stop | wait=*) ;;
        --) raw=("${words[@]:$((w + 1))}"); break ;;
        *) fail "peer $name: unknown option '${words[$w]}'" ;;
        esac
    done
    [ -n "$user" ] || user=bob
    sipp_args=(-sf "$real/scenarios/$scenario-$side.xml" -s "$user"
        -p "$port" -cp $((port + 1)) -mp $((port + 2))
        -i 127.0.0.1 -t "$sipp_transport" -nd -nostdin -ci 127.0.0.1 -mi 127.0.0.1
        -timeout "${topo_limit}s" -timeout_error -trace_err -trace_msg
        -message_file "$work/peers/$name-messages.log"
        -error_file "$work/peers/$name-errors.log")
    [ $retrans = 1 ] || sipp_args+=(-nr)
    [ -f "$real/scenarios/$scenario.csv" ] && sipp_args+=(-inf "$real/scenarios/$scenario.csv")
    # One call unless the topology asks for more.
    [[ " ${raw[*]} " == *" -m "* ]] || sipp_args+=(-m 1)
    sipp_args+=("${raw[@]}")
}

topo_has() {
    [[ " ${topo_args[$1]} " == *" $2 "* ]]
}

topo_to() {
    local w
    for w in ${topo_args[$1]}; do
        [[ "$w" == to=* ]] && { echo "${w#to=}"; return; }
    done
}

# topo_start_servers: starts every server and waits until it listens.
topo_start_servers() {
    local name port
    for name in "${topo_names[@]}"; do
        [ "${topo_role[$name]}" = server ] || continue
        port=${topo_port[$name]}
        case "${topo_kind[$name]}" in
        kamailio)
            # Kamailio runs unprivileged and reads its configuration from the
            # work folder, never from the clone.
            cp "$real/kamailio-proxy.cfg" "$work/peers/kamailio-proxy.cfg"
            chmod 777 "$work/peers"
            chmod a+r "$work/peers/kamailio-proxy.cfg"
            start $((topo_limit + 20)) "$work/peers/$name.log" "${unprivileged[@]}" \
                env SIPGUIDE_PEERS="$SIPGUIDE_PEERS" \
                kamailio -DD -E -f "$work/peers/kamailio-proxy.cfg" \
                -l "$transport:127.0.0.1:$port" -m 32 -M 4 -Y "$work/peers" -w "$work/peers"
            ;;
        sink)
            start $((topo_limit + 20)) "$work/peers/$name.log" \
                python3 "$real/ports.py" sink "$port" $((topo_limit + 15))
            ;;
        sipp)
            topo_sipp_args "$name"
            start $((topo_limit + 20)) "$work/peers/$name.log" sipp "${sipp_args[@]}"
            ;;
        esac
        topo_pid[$name]=$started
        local proto=$transport
        [ "${topo_kind[$name]}" = sink ] && proto=udp
        if ! wait_listen "$proto" "$port"; then
            show_logs
            fail "peer $name does not listen on port $port"
        fi
    done
    python3 "$real/ports.py" loopback "${groups[@]}" > /dev/null ||
        fail "a peer listens outside loopback"
}

# topo_run_clients: runs the clients; returns 1 if one of them failed.
topo_run_clients() {
    local name to status=0 background=() pid
    for name in "${topo_names[@]}"; do
        [ "${topo_role[$name]}" = client ] || continue
        to=$(topo_to "$name")
        [ -n "$to" ] && [ -n "${topo_port[$to]:-}" ] ||
            fail "client $name: to= names no peer"
        topo_sipp_args "$name"
        local w
        for w in ${topo_args[$name]}; do
            [[ "$w" == wait=* ]] && sleep "${w#wait=}"
        done
        setsid timeout -k 2 $((topo_limit + 10)) sipp "${sipp_args[@]}" \
            "127.0.0.1:${topo_port[$to]}" > "$work/peers/$name.log" 2>&1 < /dev/null &
        pid=$!
        groups+=("$pid")
        topo_pid[$name]=$pid
        if topo_has "$name" bg; then
            background+=("$name")
            continue
        fi
        if ! wait "$pid"; then
            echo "FAIL: the SIPp client $name failed" >&2
            status=1
        fi
    done
    for name in "${background[@]}"; do
        if ! wait "${topo_pid[$name]}"; then
            echo "FAIL: the SIPp client $name failed" >&2
            status=1
        fi
    done
    return $status
}

# topo_stop_servers CLIENTS_OK: SIPp servers end by themselves (unless marked
# stop), Kamailio and sinks are stopped; returns 1 if a server failed.
topo_stop_servers() {
    local clients_ok=$1 name pid status=0
    for name in "${topo_names[@]}"; do
        [ "${topo_role[$name]}" = server ] || continue
        pid=${topo_pid[$name]}
        if [ "${topo_kind[$name]}" != sipp ] || topo_has "$name" stop; then
            if ! kill -0 "$pid" 2> /dev/null; then
                echo "FAIL: $name ended before the clients were done" >&2
                status=1
            fi
            stop_group "$pid"
        elif [ "$clients_ok" != 0 ]; then
            stop_group "$pid"    # no use waiting for its time-out
        elif ! wait "$pid"; then
            echo "FAIL: the SIPp server $name failed" >&2
            status=1
        fi
    done
    return $status
}
