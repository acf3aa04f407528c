/* sipguide-frames.c
 * Records in chunks of 256 KiB (a record larger than that has a chunk of
 * its own), addressed by chunk and offset in eight-byte units; an index of
 * one handle a frame, growing by doubling.  Handle 0 is "none".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "sipguide-frames.h"

#define CHUNK_SHIFT  18                     /* 256 KiB */
#define CHUNK_BYTES  ((gsize)1 << CHUNK_SHIFT)
#define UNIT         8                      /* alignment and offset unit */
#define OFFSET_BITS  (CHUNK_SHIFT - 3)
#define MAX_CHUNKS   ((G_MAXUINT32 >> OFFSET_BITS) - 1)
#define FIRST_SLOTS  4096

static guint8 **chunks;
static guint32 nchunks, chunks_cap;
static gsize used;                          /* bytes used in the last small chunk */
static guint32 small_chunk;                 /* index of that chunk + 1, 0 when none */
static guint32 *slots;
static guint32 nslots;

void
sipguide_frames_reset(void)
{
    guint32 i;

    for (i = 0; i < nchunks; i++)
        g_free(chunks[i]);
    g_free(chunks);
    chunks = NULL;
    nchunks = chunks_cap = 0;
    small_chunk = 0;
    used = 0;
    g_free(slots);
    slots = NULL;
    nslots = 0;
}

static gboolean
add_chunk(gsize bytes)
{
    if (nchunks >= MAX_CHUNKS)
        return FALSE;
    if (nchunks == chunks_cap) {
        chunks_cap = chunks_cap > 0 ? chunks_cap * 2 : 64;
        chunks = (guint8 **)g_realloc(chunks, chunks_cap * sizeof(*chunks));
    }
    chunks[nchunks++] = (guint8 *)g_malloc(bytes);
    return TRUE;
}

void *
sipguide_frames_alloc(gsize size, guint32 *handle)
{
    gsize need = (size + UNIT - 1) & ~(gsize)(UNIT - 1);
    guint8 *p;

    *handle = 0;
    if (need > CHUNK_BYTES) {
        if (!add_chunk(need))
            return NULL;
        *handle = ((nchunks - 1) << OFFSET_BITS) + 1;
        return chunks[nchunks - 1];
    }
    if (small_chunk == 0 || used + need > CHUNK_BYTES) {
        if (!add_chunk(CHUNK_BYTES))
            return NULL;
        small_chunk = nchunks;
        used = 0;
    }
    p = chunks[small_chunk - 1] + used;
    *handle = (((small_chunk - 1) << OFFSET_BITS) | (guint32)(used / UNIT)) + 1;
    used += need;
    return p;
}

void
sipguide_frames_set(guint32 num, guint32 handle)
{
    if (num >= nslots) {
        guint32 more = nslots > 0 ? nslots : FIRST_SLOTS;

        while (more <= num && more < G_MAXUINT32 / 2)
            more *= 2;
        if (num >= more)
            return;     /* beyond any capture Wireshark can read */
        slots = (guint32 *)g_realloc(slots, (gsize)more * sizeof(*slots));
        memset(slots + nslots, 0, (gsize)(more - nslots) * sizeof(*slots));
        nslots = more;
    }
    slots[num] = handle;
}

void *
sipguide_frames_get(guint32 num)
{
    guint32 h;

    if (num >= nslots || (h = slots[num]) == 0)
        return NULL;
    h--;
    return chunks[h >> OFFSET_BITS] + (gsize)(h & ((1u << OFFSET_BITS) - 1)) * UNIT;
}
