/* test-stores.c
 * Unit tests of the model's record tables and of the frame records, without
 * Wireshark: records found again after others were dropped around them,
 * the cap, the sweep, slots per hop, and frame records by handle.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "sipguide-frames.h"
#include "sipguide-table.h"
#include "unit-check.h"

typedef struct {
    sipguide_rec_t h;
    guint32        value;
} rec_t;

/* Keys that crowd a few index slots, so that deletions move probe runs. */
static guint64
key_of(guint i)
{
    return ((guint64)i << 40) | 0x10000u | (i % 7u);
}

static void
test_table(void)
{
    sipguide_table_t *t = sipguide_table_new(sizeof(rec_t), 5000);
    guint i, found, wrong;

    for (i = 0; i < 5000; i++) {
        rec_t *r = (rec_t *)sipguide_table_add(t, key_of(i), i % 2 == 0 ? 10 : 20);
        CHECK(r != NULL, "record %u not added", i);
        if (r != NULL)
            r->value = i;
    }
    CHECK(sipguide_table_count(t) == 5000, "count %u, not 5000", sipguide_table_count(t));
    CHECK(sipguide_table_add(t, key_of(5000), 10) == NULL, "a record beyond the cap was added");
    CHECK(sipguide_table_refused(t) == 1, "refused %u, not 1", (guint)sipguide_table_refused(t));

    /* Drop the even ones (deadline 10): the odd ones must all be found. */
    CHECK(sipguide_table_sweep(t, 15) == 2500, "the sweep did not drop 2500 records");
    for (i = 0, found = 0, wrong = 0; i < 5000; i++) {
        rec_t *r = (rec_t *)sipguide_table_find(t, key_of(i));
        if (r != NULL) {
            found++;
            wrong += r->value != i || i % 2 == 0;
        }
    }
    CHECK(found == 2500 && wrong == 0, "after the sweep: %u found, %u wrong", found, wrong);

    /* Freed records are reused: 2500 more fit under the cap. */
    for (i = 5000; i < 7500; i++) {
        rec_t *r = (rec_t *)sipguide_table_add(t, key_of(i), 30);
        if (r != NULL)
            r->value = i;
    }
    CHECK(sipguide_table_count(t) == 5000, "count %u after reuse", sipguide_table_count(t));
    for (i = 0, found = 0, wrong = 0; i < 7500; i++) {
        rec_t *r = (rec_t *)sipguide_table_find(t, key_of(i));
        if (r != NULL) {
            found++;
            wrong += r->value != i;
        }
    }
    CHECK(found == 5000 && wrong == 0, "after reuse: %u found, %u wrong", found, wrong);
    CHECK(sipguide_table_find(t, 0) == NULL, "key 0 found");

    sipguide_table_clear(t);
    CHECK(sipguide_table_count(t) == 0 && sipguide_table_find(t, key_of(1)) == NULL,
          "records left after clear");

    /* Keys alike in their high half are told apart by the rest. */
    for (i = 1; i <= 300; i++) {
        rec_t *r = (rec_t *)sipguide_table_add(t, G_GUINT64_CONSTANT(0xabcd123400000000) | i, 40);
        if (r != NULL)
            r->value = i;
    }
    for (i = 1, found = 0, wrong = 0; i <= 301; i++) {
        rec_t *r = (rec_t *)sipguide_table_find(t, G_GUINT64_CONSTANT(0xabcd123400000000) | i);
        if (r != NULL) {
            found++;
            wrong += r->value != i;
        }
    }
    CHECK(found == 300 && wrong == 0, "keys alike in their high half: %u found, %u wrong", found, wrong);
    sipguide_table_clear(t);
    CHECK(sipguide_table_add(t, key_of(1), 1) != NULL, "no record after clear");
    sipguide_table_clear(t);
    g_free(t);
}

typedef struct {
    guint32 hop;
    guint32 frame;
} slot_t;

typedef struct {
    sipguide_rec_t h;
    slot_t         slot;
} own_t;

typedef struct {
    sipguide_rec_t h;
    slot_t         slots[3];
} more_t;

static int
score(const void *slot, const void *what)
{
    return ((const slot_t *)slot)->hop == *(const guint32 *)what ? 1 : 0;
}

static void
test_slots(void)
{
    sipguide_table_t *t = sipguide_table_new(sizeof(own_t), 10);
    sipguide_table_t *more = sipguide_table_new(sizeof(more_t), 10);
    own_t *r = (own_t *)sipguide_table_add(t, 42, 5);
    guint32 hop;
    guint i;

    for (i = 0; i < 4; i++) {
        slot_t *s = (slot_t *)sipguide_table_slot_add(more, &r->h, &r->slot, sizeof(slot_t), 4);
        CHECK(s != NULL, "slot %u not added", i);
        if (s != NULL) {
            s->hop = 100 + i;
            s->frame = 1000 + i;
        }
    }
    CHECK(sipguide_table_slot_add(more, &r->h, &r->slot, sizeof(slot_t), 4) == NULL,
          "a fifth slot was added");
    CHECK(sipguide_table_count(more) == 1, "%u records for further slots, not 1",
          sipguide_table_count(more));
    for (i = 0; i < 4; i++) {
        slot_t *s;
        hop = 100 + i;
        s = (slot_t *)sipguide_table_best_slot(more, &r->h, &r->slot, sizeof(slot_t), score, &hop);
        CHECK(s != NULL && s->frame == 1000 + i, "slot of hop %u not found", hop);
    }
    /* Keeping the record keeps its further slots. */
    sipguide_table_keep(more, &r->h, 50);
    CHECK(sipguide_table_sweep(t, 20) == 0 && sipguide_table_sweep(more, 20) == 0,
          "a kept record was swept");
    sipguide_table_clear(t);
    sipguide_table_clear(more);
    g_free(t);
    g_free(more);
}

static void
test_frames(void)
{
    guint32 handles[3000], h, bad = 0, i;

    sipguide_frames_reset();
    CHECK(sipguide_frames_get(1) == NULL, "a record before any was kept");
    /* Enough records to fill several chunks, one larger than a chunk. */
    for (i = 1; i < 3000; i++) {
        gsize size = i == 1500 ? 300000 : 8 + (i % 5) * 64;
        guint8 *p = (guint8 *)sipguide_frames_alloc(size, &handles[i]);
        CHECK(p != NULL && handles[i] != 0, "record %u not allocated", i);
        if (p == NULL)
            continue;
        CHECK(((gsize)p & 7) == 0, "record %u not aligned", i);
        memset(p, (int)(i & 0xff), size);
        sipguide_frames_set(i * 3, handles[i]);
    }
    for (i = 1; i < 3000; i++) {
        gsize size = i == 1500 ? 300000 : 8 + (i % 5) * 64, k;
        const guint8 *p = (const guint8 *)sipguide_frames_get(i * 3);
        if (p == NULL) {
            bad++;
            continue;
        }
        for (k = 0; k < size; k++) {
            if (p[k] != (guint8)(i & 0xff)) {
                bad++;
                break;
            }
        }
        CHECK(sipguide_frames_get(i * 3 + 1) == NULL, "frame %u has a record", i * 3 + 1);
    }
    CHECK(bad == 0, "%u records not found intact", bad);
    CHECK(sipguide_frames_get(G_MAXUINT32) == NULL, "a record past the index");
    sipguide_frames_reset();
    CHECK(sipguide_frames_get(3) == NULL, "a record after reset");
    CHECK(sipguide_frames_alloc(16, &h) != NULL && h != 0, "no record after reset");
    sipguide_frames_reset();
}

int
main(void)
{
    test_table();
    test_slots();
    test_frames();
    return unit_check_result();
}
