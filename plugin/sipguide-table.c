/* sipguide-table.c
 * Records live in blocks and never move; an open-addressing index with
 * linear probing finds them by key, and deleting from it shifts the probe
 * run back, so that it needs no tombstones.  Freed records are reused.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include "sipguide-table.h"

#define BLOCK_RECORDS 1024
#define MIN_SLOTS     1024

typedef struct block {
    struct block *next;
    guint8        records[];
} block_t;

struct sipguide_table {
    gsize            size;      /* bytes of one record */
    guint            cap;
    guint            count;
    guint64          refused;
    block_t         *blocks;
    guint            nblocks;
    sipguide_rec_t  *free_list; /* linked through the word after the header */
    sipguide_rec_t **slots;     /* the index: NULL or a live record */
    guint            mask;      /* slots - 1, a power of two minus one */
};

/* The link of a free record, after its header. */
#define NEXT_FREE(r) (*(sipguide_rec_t **)((guint8 *)(r) + sizeof(sipguide_rec_t)))

sipguide_table_t *
sipguide_table_new(gsize size, guint cap)
{
    sipguide_table_t *t = g_new0(sipguide_table_t, 1);

    size = MAX(size, sizeof(sipguide_rec_t) + sizeof(void *));
    t->size = (size + 7) & ~(gsize)7;
    t->cap = cap;
    return t;
}

void
sipguide_table_clear(sipguide_table_t *t)
{
    while (t->blocks != NULL) {
        block_t *b = t->blocks;
        t->blocks = b->next;
        g_free(b);
    }
    g_free(t->slots);
    t->slots = NULL;
    t->mask = 0;
    t->nblocks = 0;
    t->count = 0;
    t->refused = 0;
    t->free_list = NULL;
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
    for (i = slot_of(key, t->mask); t->slots[i] != NULL; i = (i + 1) & t->mask) {
        if (t->slots[i]->key == key)
            return t->slots[i];
    }
    return NULL;
}

static void
index_put(sipguide_rec_t **slots, guint mask, sipguide_rec_t *r)
{
    guint i = slot_of(r->key, mask);

    while (slots[i] != NULL)
        i = (i + 1) & mask;
    slots[i] = r;
}

/* Keep the index at most half full. */
static void
index_grow(sipguide_table_t *t)
{
    guint old_slots = t->slots != NULL ? t->mask + 1 : 0;
    guint slots = MAX(old_slots * 2, MIN_SLOTS);
    sipguide_rec_t **index = g_new0(sipguide_rec_t *, slots);
    guint i;

    for (i = 0; i < old_slots; i++) {
        if (t->slots[i] != NULL)
            index_put(index, slots - 1, t->slots[i]);
    }
    g_free(t->slots);
    t->slots = index;
    t->mask = slots - 1;
}

static sipguide_rec_t *
record_alloc(sipguide_table_t *t)
{
    sipguide_rec_t *r;
    guint i;

    if (t->free_list == NULL) {
        block_t *b = (block_t *)g_malloc(sizeof(block_t) + t->size * BLOCK_RECORDS);
        b->next = t->blocks;
        t->blocks = b;
        t->nblocks++;
        for (i = BLOCK_RECORDS; i-- > 0; ) {
            r = (sipguide_rec_t *)(b->records + t->size * i);
            r->key = 0;
            NEXT_FREE(r) = t->free_list;
            t->free_list = r;
        }
    }
    r = t->free_list;
    t->free_list = NEXT_FREE(r);
    return r;
}

void *
sipguide_table_add(sipguide_table_t *t, guint64 key, guint32 deadline)
{
    sipguide_rec_t *r;

    if (key == 0)
        key = 1;
    if (t->count >= t->cap) {
        t->refused++;
        return NULL;
    }
    if (t->slots == NULL || (t->count + 1) * 2 > t->mask + 1)
        index_grow(t);
    r = record_alloc(t);
    memset(r, 0, t->size);
    r->key = key;
    r->deadline = deadline;
    index_put(t->slots, t->mask, r);
    t->count++;
    return r;
}

/* Remove r from the index: empty its slot and move back the entries of
 * the probe run after it that belong at or before it. */
static void
index_remove(sipguide_table_t *t, const sipguide_rec_t *r)
{
    guint i = slot_of(r->key, t->mask), j;

    while (t->slots[i] != r)
        i = (i + 1) & t->mask;
    t->slots[i] = NULL;
    for (j = (i + 1) & t->mask; t->slots[j] != NULL; j = (j + 1) & t->mask) {
        guint home = slot_of(t->slots[j]->key, t->mask);
        /* Move the entry back when its home is not in (i, j]. */
        if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
            t->slots[i] = t->slots[j];
            t->slots[j] = NULL;
            i = j;
        }
    }
}

guint
sipguide_table_sweep(sipguide_table_t *t, guint32 now)
{
    block_t *b;
    guint i, dropped = 0;

    for (b = t->blocks; b != NULL; b = b->next) {
        for (i = 0; i < BLOCK_RECORDS; i++) {
            sipguide_rec_t *r = (sipguide_rec_t *)(b->records + t->size * i);
            if (r->key == 0 || r->deadline >= now)
                continue;
            index_remove(t, r);
            r->key = 0;
            NEXT_FREE(r) = t->free_list;
            t->free_list = r;
            t->count--;
            dropped++;
        }
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
    return (gsize)t->nblocks * (sizeof(block_t) + t->size * BLOCK_RECORDS)
           + (t->slots != NULL ? (gsize)(t->mask + 1) * sizeof(sipguide_rec_t *) : 0);
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
