/* sipguide-label.c
 * Labels written into shown items from pieces of text.  An item's label
 * is the item's own buffer of ITEM_LABEL_LENGTH bytes (field_info.rep,
 * epan/proto.h), allocated from the packet's pool; proto_item_set_text
 * fills it with a printf format and, from 4.2 on, copies the result over
 * again to escape control characters.  The pieces a label is made of are
 * copied into it once instead, when Wireshark would keep them as they
 * are; any other label goes through proto_item_set_text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include <wireshark.h>
#include <epan/packet.h>

#include "compat.h"
#include "sipguide-bytes.h"
#include "sipguide-label.h"

#if SIPGUIDE_WS_AT_LEAST(4, 6)
/* Where the value starts in a label of 4.6 and how long it is, found as
 * proto_item_set_text finds them: after the field's name and ": ". */
static void
set_value_place(item_label_t *label, const field_info *fi, size_t len)
{
    const char *s = label->representation, *p = NULL;

    if (!(fi->hfinfo->display & BASE_NO_DISPLAY_VALUE) && (p = strstr(s, fi->hfinfo->name)) != NULL) {
        p += strlen(fi->hfinfo->name);
        if (p[0] == ':' && p[1] == ' ')
            p += 2;
    }
    label->value_pos = p != NULL ? (size_t)(p - s) : 0;
    label->value_len = len - label->value_pos;
}
#endif

/* Copies the pieces, between brackets with 'brackets', to 'at' and ends
 * them with a NUL.  'at' holds them. */
static void
put_pieces(char *at, const sipguide_piece_t *pieces, unsigned count, gboolean brackets)
{
    unsigned i;

    if (brackets)
        *at++ = '[';
    for (i = 0; i < count; i++) {
        memcpy(at, pieces[i].text, pieces[i].len);
        at += pieces[i].len;
    }
    if (brackets)
        *at++ = ']';
    *at = '\0';
}

char *
sipguide_label_join(wmem_allocator_t *pool, const sipguide_piece_t *pieces, unsigned count)
{
    size_t len = 0;
    unsigned i;
    char *text;

    for (i = 0; i < count; i++)
        len += pieces[i].len;
    text = (char *)wmem_alloc(pool, len + 1);
    put_pieces(text, pieces, count, FALSE);
    return text;
}

sipguide_piece_t
sipguide_label_number(sipguide_number_t *buf, guint32 value)
{
    char *end = buf->digits + sizeof(buf->digits) - 1, *at = end;
    sipguide_piece_t piece;

    *at = '\0';
    do {
        *--at = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    piece.text = at;
    piece.len = (size_t)(end - at);
    return piece;
}

void
sipguide_label_set(proto_item *pi, const sipguide_piece_t *pieces, unsigned count,
                   gboolean brackets)
{
    size_t len = brackets ? 2 : 0;
    field_info *fi;
    unsigned i;
    const char *text;

    /* A tree that is not shown stands in an item's parent for the item
     * (TRY_TO_FAKE_THIS_ITEM), and nobody reads its labels. */
    if (pi == NULL || !PTREE_DATA(pi)->visible)
        return;
    for (i = 0; i < count; i++)
        len += pieces[i].len;
    fi = PITEM_FINFO(pi);
    if (fi != NULL && fi->rep == NULL && !proto_item_is_hidden(pi) && len < ITEM_LABEL_LENGTH) {
        item_label_t *label = wmem_new(PNODE_POOL(pi), item_label_t);

        put_pieces(label->representation, pieces, count, brackets);
        if (sipguide_kept_in_label((const guint8 *)label->representation, len)) {
#if SIPGUIDE_WS_AT_LEAST(4, 6)
            set_value_place(label, fi, len);
#endif
            fi->rep = label;
            return;
        }
        text = label->representation;
    } else {
        char *made = (char *)wmem_alloc(PNODE_POOL(pi), len + 1);

        put_pieces(made, pieces, count, brackets);
        text = made;
    }
    /* Escaped, cut or hidden: as Wireshark makes it. */
    proto_item_set_text(pi, "%s", text);
}

proto_item *
sipguide_label_add(proto_tree *tree, tvbuff_t *tvb, const sipguide_piece_t *pieces,
                   unsigned count, gboolean brackets)
{
    proto_item *pi = proto_tree_add_item(tree, hf_text_only, tvb, 0, 0, ENC_NA);

    sipguide_label_set(pi, pieces, count, brackets);
    return pi;
}
