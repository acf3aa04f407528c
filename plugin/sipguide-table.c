/* sipguide-table.c
 * Records live in blocks and never move; an open-addressing index with
 * linear probing finds them by key, and deleting from it shifts the probe
 * run back, so that it needs no tombstones.  Freed records are reused.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include "sipguide-table.h"

#define BLOCK_SHIFT   10
#define BLOCK_RECORDS (1u << BLOCK_SHIFT)
#define MIN_SLOTS     1024

/* A record is known by its handle: its place among all records plus one;
 * 0 is none.  The index holds handles, half the size of pointers. */
struct sipguide_table {
    gsize            size;      /* bytes of one record */
    guint            cap;
    guint            count;
    guint64          refused;
    guint8         **blocks;    /* BLOCK_RECORDS records each */
    guint            nblocks;
    guint32          free_list; /* handles linked through the word after the header */
    guint32         *slots;     /* the index: 0 or the handle of a live record */
    guint            mask;      /* slots - 1, a power of two minus one */
};

/* The link of a free record, after its header. */
#define NEXT_FREE(r) (*(guint32 *)((guint8 *)(r) + sizeof(sipguide_rec_t)))

static inline sipguide_rec_t *
rec_at(const sipguide_table_t *t, guint32 h)
{
    h--;
    return (sipguide_rec_t *)(t->blocks[h >> BLOCK_SHIFT] + t->size * (h & (BLOCK_RECORDS - 1)));
}

sipguide_table_t *
sipguide_table_new(gsize size, guint cap)
{
    sipguide_table_t *t = g_new0(sipguide_table_t, 1);

    size = MAX(size, sizeof(sipguide_rec_t) + sizeof(guint32));
    t->size = (size + 7) & ~(gsize)7;
    t->cap = MIN(cap, G_MAXUINT32 / 4);
    return t;
}

void
sipguide_table_clear(sipguide_table_t *t)
{
    guint i;

    for (i = 0; i < t->nblocks; i++)
        g_free(t->blocks[i]);
    g_free(t->blocks);
    t->blocks = NULL;
    g_free(t->slots);
    t->slots = NULL;
    t->mask = 0;
    t->nblocks = 0;
    t->count = 0;
    t->refused = 0;
    t->free_list = 0;
}

void
sipguide_table_drop(sipguide_table_t **t)
{
    if (*t == NULL)
        return;
    sipguide_table_clear(*t);
    g_free(*t);
    *t = NULL;
}

static guint
slot_of(guint64 key, guint mask)
{
    key ^= key >> 29;
    key *= G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9);
    key ^= key >> 32;
    return (guint)key & mask;
}

void *
sipguide_table_find(const sipguide_table_t *t, guint64 key)
{
    guint i;

    if (t->slots == NULL || key == 0)
        return NULL;
    for (i = slot_of(key, t->mask); t->slots[i] != 0; i = (i + 1) & t->mask) {
        sipguide_rec_t *r = rec_at(t, t->slots[i]);
        if (r->key == key)
            return r;
    }
    return NULL;
}

static void
index_put(const sipguide_table_t *t, guint32 *slots, guint mask, guint32 h)
{
    guint i = slot_of(rec_at(t, h)->key, mask);

    while (slots[i] != 0)
        i = (i + 1) & mask;
    slots[i] = h;
}

/* Keep the index at most half full. */
static void
index_grow(sipguide_table_t *t)
{
    guint old_slots = t->slots != NULL ? t->mask + 1 : 0;
    guint slots = MAX(old_slots * 2, MIN_SLOTS);
    guint32 *index = g_new0(guint32, slots);
    guint i;

    for (i = 0; i < old_slots; i++) {
        if (t->slots[i] != 0)
            index_put(t, index, slots - 1, t->slots[i]);
    }
    g_free(t->slots);
    t->slots = index;
    t->mask = slots - 1;
}

/* A free record's handle; blocks are added as needed. */
static guint32
record_alloc(sipguide_table_t *t)
{
    guint32 h;
    guint i;

    if (t->free_list == 0) {
        guint8 *b = (guint8 *)g_malloc(t->size * BLOCK_RECORDS);
        t->blocks = (guint8 **)g_realloc(t->blocks, (t->nblocks + 1) * sizeof(*t->blocks));
        t->blocks[t->nblocks++] = b;
        for (i = BLOCK_RECORDS; i-- > 0; ) {
            h = ((t->nblocks - 1) << BLOCK_SHIFT) + i + 1;
            rec_at(t, h)->key = 0;
            NEXT_FREE(rec_at(t, h)) = t->free_list;
            t->free_list = h;
        }
    }
    h = t->free_list;
    t->free_list = NEXT_FREE(rec_at(t, h));
    return h;
}

void *
sipguide_table_add(sipguide_table_t *t, guint64 key, guint32 deadline)
{
    sipguide_rec_t *r;
    guint32 h;

    if (key == 0)
        key = 1;
    if (t->count >= t->cap) {
        t->refused++;
        return NULL;
    }
    if (t->slots == NULL || (t->count + 1) * 2 > t->mask + 1)
        index_grow(t);
    h = record_alloc(t);
    r = rec_at(t, h);
    memset(r, 0, t->size);
    r->key = key;
    r->deadline = deadline;
    index_put(t, t->slots, t->mask, h);
    t->count++;
    return r;
}

/* Remove handle h from the index: empty its slot and move back the
 * entries of the probe run after it that belong at or before it. */
static void
index_remove(sipguide_table_t *t, guint32 h)
{
    guint i = slot_of(rec_at(t, h)->key, t->mask), j;

    while (t->slots[i] != h)
        i = (i + 1) & t->mask;
    t->slots[i] = 0;
    for (j = (i + 1) & t->mask; t->slots[j] != 0; j = (j + 1) & t->mask) {
        guint home = slot_of(rec_at(t, t->slots[j])->key, t->mask);
        /* Move the entry back when its home is not in (i, j]. */
        if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
            t->slots[i] = t->slots[j];
            t->slots[j] = 0;
            i = j;
        }
    }
}

guint
sipguide_table_sweep(sipguide_table_t *t, guint32 now)
{
    guint32 h, last = t->nblocks * BLOCK_RECORDS;
    guint dropped = 0;

    for (h = 1; h <= last; h++) {
        sipguide_rec_t *r = rec_at(t, h);
        if (r->key == 0 || r->deadline >= now)
            continue;
        index_remove(t, h);
        r->key = 0;
        NEXT_FREE(r) = t->free_list;
        t->free_list = h;
        t->count--;
        dropped++;
    }
    return dropped;
}

guint
sipguide_table_count(const sipguide_table_t *t)
{
    return t->count;
}

guint64
sipguide_table_refused(const sipguide_table_t *t)
{
    return t->refused;
}

gsize
sipguide_table_bytes(const sipguide_table_t *t)
{
    return (gsize)t->nblocks * (sizeof(guint8 *) + t->size * BLOCK_RECORDS)
           + (t->slots != NULL ? (gsize)(t->mask + 1) * sizeof(guint32) : 0);
}

/* ---------------------------------------------------------------------- */
/* Slots per hop */

void *
sipguide_table_slot(sipguide_table_t *more, sipguide_rec_t *r, void *own, gsize size, guint i)
{
    guint8 *m;

    if (i == 0)
        return own;
    m = (guint8 *)sipguide_table_find(more, r->key);
    return m != NULL ? m + sizeof(sipguide_rec_t) + (i - 1) * size : NULL;
}

void *
sipguide_table_slot_add(sipguide_table_t *more, sipguide_rec_t *r, void *own, gsize size,
                        guint max)
{
    sipguide_rec_t *m;

    if (r->spare >= max)
        return NULL;
    if (r->spare == 0) {
        r->spare = 1;
        memset(own, 0, size);
        return own;
    }
    m = (sipguide_rec_t *)sipguide_table_find(more, r->key);
    if (m == NULL)
        m = (sipguide_rec_t *)sipguide_table_add(more, r->key, r->deadline);
    if (m == NULL)
        return NULL;
    m->deadline = MAX(m->deadline, r->deadline);
    own = (guint8 *)m + sizeof(sipguide_rec_t) + (r->spare++ - 1) * size;
    memset(own, 0, size);
    return own;
}

void *
sipguide_table_best_slot(sipguide_table_t *more, sipguide_rec_t *r, void *own, gsize size,
                         sipguide_slot_score_t score, const void *what)
{
    void *best = NULL;
    int best_score = 0;
    guint i;

    for (i = 0; r != NULL && i < r->spare; i++) {
        void *slot = sipguide_table_slot(more, r, own, size, i);
        int sc = slot != NULL ? score(slot, what) : 0;
        if (sc > best_score) {
            best = slot;
            best_score = sc;
        }
    }
    return best;
}

void
sipguide_table_keep(sipguide_table_t *more, sipguide_rec_t *r, guint32 deadline)
{
    sipguide_rec_t *m;

    r->deadline = MAX(r->deadline, deadline);
    if (r->spare > 1 && (m = (sipguide_rec_t *)sipguide_table_find(more, r->key)) != NULL)
        m->deadline = MAX(m->deadline, r->deadline);
}
