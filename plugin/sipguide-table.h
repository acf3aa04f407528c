/* sipguide-table.h
 * A keyed store of fixed-size records for the transaction and dialog
 * model: records stay at one address while they live, each has a deadline
 * in capture time after which a sweep may drop it, and the store holds at
 * most a fixed number of them (a record that does not fit is refused and
 * counted, so that the model can say its answer may be incomplete).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_TABLE_H
#define SIPGUIDE_TABLE_H

#include <glib.h>

/* Every record begins with this header. */
typedef struct {
    guint64 key;        /* a 64-bit hash of the record's key; never 0 */
    guint32 deadline;   /* seconds of capture time after which it may go */
    guint32 spare;      /* free for the record's own use */
} sipguide_rec_t;

typedef struct sipguide_table sipguide_table_t;

/* A store of records of 'size' bytes (at least 24), at most 'cap' of them. */
sipguide_table_t *sipguide_table_new(gsize size, guint cap);

/* Drop every record and the memory they took. */
void sipguide_table_clear(sipguide_table_t *t);

/* Drop the store itself and set *t to NULL (*t may be NULL). */
void sipguide_table_drop(sipguide_table_t **t);

/* The record of 'key', or NULL. */
void *sipguide_table_find(const sipguide_table_t *t, guint64 key);

/* A new zeroed record for 'key' (which must not be in the store), or NULL
 * when the store is full. */
void *sipguide_table_add(sipguide_table_t *t, guint64 key, guint32 deadline);

/* Drop the records whose deadline is before 'now'; returns how many. */
guint sipguide_table_sweep(sipguide_table_t *t, guint32 now);

/* Records held, and records refused because the store was full, since
 * the last clear. */
guint sipguide_table_count(const sipguide_table_t *t);
guint64 sipguide_table_refused(const sipguide_table_t *t);

/* Bytes the store holds now (records, index and free room). */
gsize sipguide_table_bytes(const sipguide_table_t *t);

/* Records with a slot per hop (a message crosses several when the capture
 * sees both sides of a proxy): the usual record has one hop, so each
 * record holds its first slot, of 'size' bytes, at 'own', and counts its
 * slots in its header's 'spare'; the further ones, up to 'max' in all,
 * are in one record of the same key in a second table 'more', made when
 * needed, whose records hold max - 1 slots. */

/* The i-th slot (i < r->spare); NULL when its record was refused. */
void *sipguide_table_slot(sipguide_table_t *more, sipguide_rec_t *r, void *own, gsize size,
                          guint i);

/* A new slot, zeroed; NULL when the record has 'max' or 'more' is full. */
void *sipguide_table_slot_add(sipguide_table_t *more, sipguide_rec_t *r, void *own, gsize size,
                              guint max);

/* How well a slot fits what is looked for: 0 not at all, higher better. */
typedef int (*sipguide_slot_score_t)(const void *slot, const void *what);

/* The slot of record r (NULL: none) that fits 'what' best, NULL when
 * none fits. */
void *sipguide_table_best_slot(sipguide_table_t *more, sipguide_rec_t *r, void *own, gsize size,
                               sipguide_slot_score_t score, const void *what);

/* Keep the record and its further slots until 'deadline' at least. */
void sipguide_table_keep(sipguide_table_t *more, sipguide_rec_t *r, guint32 deadline);

#endif /* SIPGUIDE_TABLE_H */
