#!/usr/bin/env python3
# gui-screen.py
# Helpers of the GUI check (tools/gui-screenshot.sh) that read the screen:
# they find the profile's filter buttons, the guide's rows of an open menu
# and the Copy button of a statistics dialog, and compare the calls table the
# GUI copied with the one of "tshark -q -z sipguide,calls".
#
#   gui-screen.py filter-buttons PPM N
#       PPM is a screenshot of the main window (binary PPM).  The topmost
#       band with dark pixels in the right three tenths of the image is the
#       filter toolbar (the menu and the main toolbar have none there); its
#       last N clusters of dark pixel columns (gaps of more than 10 pixels
#       between them) are the buttons' labels.  Prints "X Y" of the centre
#       of each, first to last; exits 1 when there are fewer.
#
#   gui-screen.py menu-rows POPUP
#       POPUP is the X window of an open menu whose first row is highlighted.
#       Walks its rows with the Down key (xdotool) until the highlight is back
#       on the first row, and prints "ROW PREFIX" for the two rows whose
#       labels begin alike the longest (ROW: Down presses from the first row;
#       PREFIX: pixels their labels share), best first.  The guide's two
#       statistics both begin with "SIP Response Guide", so these are its
#       rows whatever Wireshark makes of the "/" in their titles: one item
#       "SIP Response Guide/...", or a submenu "SIP Response Guide".  The menu
#       is left open, the highlight on its first row.
#   gui-screen.py button WINDOW
#       Prints "X Y" (relative to WINDOW) of the centre of the first button
#       label in the lowest band of WINDOW that holds dark pixels: the Copy
#       button of a statistics dialog ("Copy", "Save as...", "Close").
#   gui-screen.py compare TSHARK GUI
#       Compares the rows of tshark's table (TSHARK) with those the dialog's
#       Copy button put on the clipboard (GUI); prints a unified diff and
#       exits 1 when they differ.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import difflib
import re
import subprocess
import sys
import time


# ---------------------------------------------------------------------------
# Images

def read_ppm(data):
    """(width, height, rows) of a binary PPM (P6, maxval 255); rows[y] is a
    bytes object of 3 * width bytes."""
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError("not a P6 image with maxval 255")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:]
    stride = 3 * width
    return width, height, [pixels[y * stride:(y + 1) * stride] for y in range(height)]


def is_dark(rows, x, y):
    """Whether the pixel at (x, y) is dark (luma below 110 of 255)."""
    r, g, b = pixel(rows[y], x)
    return 299 * r + 587 * g + 114 * b < 110000


def row_has_ink(rows, width, y, start=0):
    return any(is_dark(rows, x, y) for x in range(start, width))


def label_spots(rows, width, top, bottom):
    """The clusters of dark pixel columns between rows top and bottom
    (exclusive), split at gaps of more than 10 pixels: the labels of a row
    of buttons.  Their centres, left to right."""
    clusters = []
    for x in range(width):
        if any(is_dark(rows, x, y) for y in range(top, bottom)):
            if clusters and x - clusters[-1][1] <= 10:
                clusters[-1][1] = x
            else:
                clusters.append([x, x])
    return [((a + b) // 2, (top + bottom - 1) // 2) for a, b in clusters]


def filter_buttons(path, count):
    """The centres of the last COUNT labels of the filter toolbar in the
    screenshot at PATH, or None when there are fewer."""
    with open(path, "rb") as f:
        width, height, rows = read_ppm(f.read())
    for top in range(min(height, 400)):
        if row_has_ink(rows, width, top, width * 7 // 10):
            bottom = top
            while bottom < height and row_has_ink(rows, width, bottom):
                bottom += 1
            spots = label_spots(rows, width, top, bottom)
            return spots[-count:] if len(spots) >= count else None
    return None


def capture(window):
    """The image of one X window."""
    xwd = subprocess.run(["timeout", "15", "xwd", "-silent", "-id", str(window)],
                         check=True, capture_output=True).stdout
    ppm = subprocess.run(["xwdtopnm"], input=xwd, check=True, capture_output=True).stdout
    ppm = subprocess.run(["pamdepth", "255"], input=ppm, check=True, capture_output=True).stdout
    return read_ppm(ppm)


def pixel(row, x):
    return row[3 * x:3 * x + 3]


def dominant(row, width):
    """The most frequent colour of an image row (every third pixel) and its
    share."""
    counts, n = {}, 0
    for x in range(0, width, 3):
        p = pixel(row, x)
        counts[p] = counts.get(p, 0) + 1
        n += 1
    colour = max(counts, key=counts.get)
    return colour, counts[colour] / n


def highlight(image):
    """(top, bottom, colour) of the highlighted row of a menu: the tallest run
    of image rows filled (more than half) with one colour that is not the
    menu's own background (the colour most rows are filled with).  Separator
    and border lines are one or two pixels high."""
    width, height, rows = image
    dominants = [dominant(r, width) for r in rows] + [(None, 0)]
    votes = {}
    for colour, _ in dominants[:-1]:
        votes[colour] = votes.get(colour, 0) + 1
    background = max(votes, key=votes.get)
    best, run = None, None
    for y in range(height + 1):
        colour, share = dominants[y]
        filled = colour is not None and colour != background and share > 0.5
        if run is not None and (not filled or colour != run[2]):
            if best is None or run[1] - run[0] > best[1] - best[0]:
                best = run
            run = None
        if filled:
            run = (run[0], y + 1, colour) if run is not None else (y, y + 1, colour)
    if best is None or best[1] - best[0] < 8:
        return None
    return best


def label(image, band):
    """The ink of a highlighted row: one tuple of booleans per pixel column."""
    width, _, rows = image
    top, bottom, colour = band
    columns = []
    for x in range(width):
        column = []
        for y in range(top, bottom):
            p = pixel(rows[y], x)
            column.append(sum(abs(a - b) for a, b in zip(p, colour)) > 150)
        columns.append(tuple(column))
    return columns


def shared_prefix(a, b):
    """Pixel columns two labels share from their first ink on."""
    first = None
    for x in range(min(len(a), len(b))):
        if first is None and (any(a[x]) or any(b[x])):
            first = x
        if a[x] != b[x]:
            return 0 if first is None else x - first
    return 0 if first is None else min(len(a), len(b)) - first


def menu_rows(window):
    def key(name):
        subprocess.run(["timeout", "15", "xdotool", "key", name], check=True)

    def row_image(previous):
        # The highlight follows the key within a moment: wait (up to 5 s)
        # for it to leave the previous row.
        for _ in range(50):
            image = capture(window)
            band = highlight(image)
            if band is not None and (previous is None or band[:2] != previous[:2]):
                return image, band
            time.sleep(0.1)
        raise SystemExit("gui-screen: the menu shows no highlighted row, or Down did not move it")

    labels, first_band, band = [], None, None
    for row in range(80):
        image, band = row_image(band)
        if row == 0:
            first_band = band
        elif band[:2] == first_band[:2]:
            break
        height = min(band[1] - band[0], first_band[1] - first_band[0])
        labels.append(label(image, (band[0], band[0] + height, band[2])))
        key("Down")
    else:
        raise SystemExit("gui-screen: the menu has more than 80 rows, or its highlight did not come back")
    pairs = []
    for a in range(len(labels)):
        for b in range(a + 1, len(labels)):
            pairs.append((shared_prefix(labels[a], labels[b]), a, b))
    if not pairs:
        raise SystemExit("gui-screen: the menu has fewer than two rows")
    pairs.sort(reverse=True)
    prefix, a, b = pairs[0]
    print(a, prefix)
    print(b, prefix)
    print(f"the menu has {len(labels)} rows; rows {a} and {b} begin alike for {prefix} pixels"
          + (f", the next pair for {pairs[1][0]}" if len(pairs) > 1 else ""), file=sys.stderr)


# ---------------------------------------------------------------------------
# The Copy button

def button(window):
    width, height, rows = capture(window)
    bottom = height
    while bottom > 0 and not row_has_ink(rows, width, bottom - 1):
        bottom -= 1
    if bottom == 0:
        raise SystemExit("gui-screen: no dark pixels in the window")
    top = bottom - 1
    while top > 0 and row_has_ink(rows, width, top - 1):
        top -= 1
    x, y = label_spots(rows, width, top, bottom)[0]
    print(x, y)


# ---------------------------------------------------------------------------
# The comparison

def fields_of_gui(line):
    """The fields of one row of the dialog's plain text: separated by two
    spaces or more (a short field is padded with spaces to the width of its
    column title, a number right-aligned).  Empty fields vanish."""
    return [f for f in re.split(r" {2,}", line.strip()) if f]


def fields_of_tshark(line):
    """The fields of one row of tshark's table ("a |b |c |"), empty ones
    dropped and split again as the GUI's are, so that both are read alike."""
    parts = [p.strip() for p in line.split("|")]
    if parts and parts[-1] == "":
        parts.pop()
    return fields_of_gui("  ".join(p for p in parts if p))


def read_tshark(path):
    header, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "|" not in line:
                continue                    # rules, titles, the filter line
            if header is None:
                header = fields_of_tshark(line)
            else:
                rows.append(fields_of_tshark(line))
    return header, rows


def read_gui(path):
    """The Copy text: a rule of '=', the title and file, the column titles,
    a rule of '-', the rows of both tables (their titles are not copied),
    a rule of '-'."""
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    rules = [i for i, line in enumerate(lines) if line and set(line) == {"-"}]
    if len(lines) < 4 or not lines[0] or set(lines[0]) != {"="} or len(rules) < 2:
        return None, None
    return fields_of_gui(lines[2]), [fields_of_gui(line) for line in lines[rules[0] + 1:rules[1]]
                                     if line.strip()]


def ordered(rows):
    """Calls and registrations by first frame (the dialog sorts that column
    as text: 1, 100, 15 ...), then the summary rows ("-") as they come."""
    calls = [r for r in rows if r and r[0] != "-"]
    summary = [r for r in rows if not r or r[0] == "-"]
    calls.sort(key=lambda r: (int(r[0]) if r[0].isdigit() else -1, r))
    return calls, summary


def compare(tshark_path, gui_path):
    t_header, t_rows = read_tshark(tshark_path)
    g_header, g_rows = read_gui(gui_path)
    if not t_rows:
        print("gui-screen: tshark printed no rows")
        return 1
    if g_rows is None:
        print("gui-screen: the clipboard holds no table copied by the dialog's Copy button")
        return 1
    t_calls, t_summary = ordered(t_rows)
    g_calls, g_summary = ordered(g_rows)
    want = [" | ".join(t_header)] + [" | ".join(r) for r in t_calls + t_summary]
    got = [" | ".join(g_header)] + [" | ".join(r) for r in g_calls + g_summary]
    if want != got:
        sys.stdout.writelines(difflib.unified_diff(
            [line + "\n" for line in want], [line + "\n" for line in got],
            "tshark -q -z sipguide,calls", "GUI, Copy", n=1))
        return 1
    print(f"{len(t_calls)} calls and registrations, {len(t_summary)} summary rows")
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "filter-buttons":
        spots = filter_buttons(argv[2], int(argv[3]))
        if spots is None:
            return 1
        for x, y in spots:
            print(x, y)
        return 0
    if len(argv) == 3 and argv[1] == "menu-rows":
        menu_rows(int(argv[2], 0))
        return 0
    if len(argv) == 3 and argv[1] == "button":
        button(int(argv[2], 0))
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    print("usage: gui-screen.py filter-buttons PPM N | menu-rows POPUP | button WINDOW | compare TSHARK GUI",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
