-- benchmark-gui.lua
-- Tells tools/benchmark-gui.sh how far Wireshark has come with a capture
-- from "tools/make-bench-capture.py --markers": it dissects the marker
-- datagrams (UDP port 9, payload sipguide-benchmark-first or -last) and
-- writes one line per event to the FIFO named by SIPGUIDE_BENCH_FIFO:
--
--   read-start N   the first marker (frame N) is dissected in the first pass
--   read-end N     the last marker (frame N) is dissected in the first pass:
--                  every frame has been read
--   revisit-first N, revisit-last N
--                  a marker is dissected again after the first pass: frame 1
--                  when the packet list is filled and starts colouring its
--                  rows, the last frame when that colouring reaches it
--
-- With SIPGUIDE_BENCH_EXIT_AT_READ_END set, Wireshark exits as soon as the
-- last marker is read (for counting the first pass's instructions).
--
-- The dissector is registered on port 9 only, so no other frame calls it,
-- with or without the plugin; it adds nothing to the tree.
--
-- SPDX-License-Identifier: GPL-2.0-or-later

local fifo = os.getenv("SIPGUIDE_BENCH_FIFO")
local exit_at_read_end = os.getenv("SIPGUIDE_BENCH_EXIT_AT_READ_END") ~= nil
local marker = Proto("sipguide_bench", "SIP Response Guide benchmark marker")
local names = {
    ["sipguide-benchmark-first"] = "first",
    ["sipguide-benchmark-last"] = "last",
}

local function report(line)
    if fifo == nil then
        return
    end
    local f = io.open(fifo, "w")
    if f ~= nil then
        f:write(line .. "\n")
        f:close()
    end
end

function marker.dissector(tvb, pinfo, tree)
    local which = names[tvb():string()]
    if which == nil then
        return 0
    end
    if not pinfo.visited then
        report((which == "first" and "read-start " or "read-end ") .. pinfo.number)
        if which == "last" and exit_at_read_end then
            os.exit(0)
        end
    else
        report("revisit-" .. which .. " " .. pinfo.number)
    end
    return tvb:len()
end

DissectorTable.get("udp.port"):add(9, marker)
