/* sipguide-frames.c
 * Records of frames by frame number: one pointer a frame, in an array
 * that doubles as the file grows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <wireshark.h>

#include "sipguide-frames.h"

#define FIRST_SLOTS 4096

static void **slots;
static guint32 nslots;

void
sipguide_frames_reset(void)
{
    g_free(slots);
    slots = NULL;
    nslots = 0;
}

void
sipguide_frames_set(guint32 num, void *record)
{
    if (num >= nslots) {
        guint32 more = nslots > 0 ? nslots : FIRST_SLOTS;

        while (more <= num && more < G_MAXUINT32 / 2)
            more *= 2;
        if (num >= more)
            return;     /* beyond any capture Wireshark can read */
        slots = (void **)g_realloc(slots, (gsize)more * sizeof(*slots));
        memset(slots + nslots, 0, (gsize)(more - nslots) * sizeof(*slots));
        nslots = more;
    }
    slots[num] = record;
}

void *
sipguide_frames_get(guint32 num)
{
    return num < nslots ? slots[num] : NULL;
}
