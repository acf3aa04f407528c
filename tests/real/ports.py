#!/usr/bin/env python3
# ports.py
# Ports and sockets of a live test run: picks free port blocks on loopback,
# and checks that the peers it started have no socket outside loopback.
#
#   ports.py free COUNT SIZE [CLAIMED]
#       Prints COUNT base ports, one a line; each starts SIZE consecutive
#       ports that are free for UDP and TCP on 127.0.0.1 and on ::1. Bases
#       are drawn at random below the kernel's ephemeral range, so that runs
#       in parallel rarely meet and no outgoing connection takes a picked port.
#       CLAIMED is a file of port numbers, one a line, that no block may hold:
#       the ports Wireshark decodes by number (tshark -G decodes). SIP on such
#       a port is decoded as that protocol (26000 as Quake, 24800 as Synergy)
#       and the guide would find no response there.
#   ports.py loopback PGID...
#       Fails, naming the socket, when a process of one of these process
#       groups has an IPv4 or IPv6 socket bound to anything but loopback.
#   ports.py sink PORT SECONDS
#       Binds a UDP socket to 127.0.0.1:PORT and never reads from it, for
#       SECONDS: datagrams sent there are taken by the kernel and never
#       answered, not even with an ICMP port unreachable (a host that is down
#       above UDP, or a firewall that drops).
#
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import random
import socket
import sys
import time

LOW, HIGH = 20000, 32000


def free(port):
    """True when port can be bound for UDP and TCP on both loopbacks."""
    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            try:
                s = socket.socket(family, kind)
            except OSError:
                if family == socket.AF_INET6:
                    continue  # no IPv6 at all: only IPv4 matters
                raise
            try:
                s.bind((host, port))
            except OSError:
                return False
            finally:
                s.close()
    return True


def read_claimed(path):
    """The port numbers of file path, one a line."""
    with open(path, encoding="utf-8") as f:
        return {int(line) for line in f if line.strip()}


def pick(count, size, claimed=frozenset()):
    rng = random.SystemRandom()
    taken, bases = set(claimed), []
    for _ in range(2000):
        if len(bases) == count:
            break
        base = rng.randrange(LOW, HIGH - size)
        block = range(base, base + size)
        if taken.intersection(block):
            continue
        if all(free(p) for p in block):
            bases.append(base)
            taken.update(block)
    if len(bases) < count:
        sys.exit("ports.py: no free port block found")
    print("\n".join(str(b) for b in bases))


def group_sockets(pgids):
    """Socket inodes of every process in the given process groups, with the process."""
    inodes = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            # Fields after the command name, which is in parentheses.
            rest = stat[stat.rindex(")") + 2:].split()
            if int(rest[2]) not in pgids:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes[target[8:-1]] = f"{comm}[{pid}]"
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return inodes


def is_loopback(hexaddr):
    if len(hexaddr) == 8:                       # IPv4, little-endian words
        return hexaddr.endswith("7F")           # 127.0.0.0/8
    words = [hexaddr[i:i + 8] for i in range(0, 32, 8)]
    if words == ["00000000", "00000000", "00000000", "01000000"]:
        return True                             # ::1
    return words[:3] == ["00000000", "00000000", "FFFF0000"] and words[3].endswith("7F")


def loopback(pgids):
    inodes = group_sockets(pgids)
    bad = 0
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            with open(f"/proc/net/{table}") as f:
                lines = f.readlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            addr, port = cols[1].split(":")
            owner = inodes.get(cols[9])
            if owner and not is_loopback(addr):
                print(f"{owner} has a {table} socket on {addr}:{int(port, 16)}, "
                      "outside loopback", file=sys.stderr)
                bad += 1
    print(f"{len(inodes)} socket(s) of the peers checked")
    sys.exit(1 if bad else 0)


def sink(port, seconds):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    print(f"sink on 127.0.0.1:{port} for {seconds} s", flush=True)
    time.sleep(seconds)
    s.close()


def main():
    if len(sys.argv) in (4, 5) and sys.argv[1] == "free":
        claimed = read_claimed(sys.argv[4]) if len(sys.argv) == 5 else frozenset()
        pick(int(sys.argv[2]), int(sys.argv[3]), claimed)
    elif len(sys.argv) >= 3 and sys.argv[1] == "loopback":
        loopback({int(p) for p in sys.argv[2:]})
    elif len(sys.argv) == 4 and sys.argv[1] == "sink":
        sink(int(sys.argv[2]), float(sys.argv[3]))
    else:
        sys.exit("usage: ports.py free COUNT SIZE [CLAIMED] | ports.py loopback PGID... | "
                 "ports.py sink PORT SECONDS")


if __name__ == "__main__":
    main()
