/* sipguide-label.h
 * The label of a shown item, written into the item from pieces of text
 * instead of through a printf format.  Wireshark sets a label only from a
 * format (proto_item_set_text and the _format adders), which it formats
 * anew for every line; the guide's lines are texts that are already
 * made, so copying their pieces where the label goes costs a tenth of it.
 * A label that Wireshark would change (an escape, a cut) is set through
 * proto_item_set_text as before, so every label reads as Wireshark makes
 * it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_LABEL_H
#define SIPGUIDE_LABEL_H

#include <epan/proto.h>

/* A piece of a label: len bytes at text. */
typedef struct {
    const char *text;
    size_t      len;
} sipguide_piece_t;

#define SIPGUIDE_PIECE(s) { (s), sizeof(s) - 1 }

/* Sets the label of pi, which has none yet, to its pieces one after the
 * other, between brackets with 'brackets'; in a tree that is not shown,
 * nothing. */
void sipguide_label_set(proto_item *pi, const sipguide_piece_t *pieces, unsigned count,
                        gboolean brackets);

/* A text item (an item of no field, as proto_tree_add_subtree makes)
 * labelled with the pieces. */
proto_item *sipguide_label_add(proto_tree *tree, tvbuff_t *tvb, const sipguide_piece_t *pieces,
                               unsigned count, gboolean brackets);

/* The pieces joined into one string of 'pool'. */
char *sipguide_label_join(wmem_allocator_t *pool, const sipguide_piece_t *pieces, unsigned count);

/* A number in decimal, written to buf; its piece. */
typedef struct {
    char digits[12];
} sipguide_number_t;

sipguide_piece_t sipguide_label_number(sipguide_number_t *buf, guint32 value);

#endif /* SIPGUIDE_LABEL_H */
