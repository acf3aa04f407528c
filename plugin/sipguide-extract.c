/* sipguide-extract.c
 * Every SIP response of a frame, read from the SIP dissector's items: from
 * the arrays Wireshark keeps for primed fields, or, in a visible tree that
 * was not primed (the GUI's packet details), by walking the tree once.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/proto.h>

#include "compat.h"
#include "sipguide-extract.h"
#include "sipguide-prime.h"

/* The items of one field in this frame, in tree order. */
typedef struct {
    field_info **v;
    guint        len;
} fi_list_t;

typedef struct {
    fi_list_t messages;
    fi_list_t lines;
    fi_list_t codes;
    fi_list_t methods;
} items_t;

/* The walk collects into arrays from the packet scope. */
typedef struct {
    wmem_array_t *messages;
    wmem_array_t *lines;
    wmem_array_t *codes;
    wmem_array_t *methods;
} walk_t;

static void
walk_node(proto_node *node, gpointer data)
{
    walk_t *w = (walk_t *)data;
    field_info *fi = PNODE_FINFO(node);

    if (fi != NULL && fi->hfinfo != NULL) {
        int id = fi->hfinfo->id;
        if (id == sipguide_sip.sip)
            wmem_array_append_one(w->messages, fi);
        else if (id == sipguide_sip.status_line)
            wmem_array_append_one(w->lines, fi);
        else if (id == sipguide_sip.status_code)
            wmem_array_append_one(w->codes, fi);
        else if (id == sipguide_sip.cseq_method)
            wmem_array_append_one(w->methods, fi);
    }
    proto_tree_children_foreach(node, walk_node, data);
}

static fi_list_t
from_ptr_array(const GPtrArray *a)
{
    fi_list_t l = { NULL, 0 };

    if (a != NULL) {
        l.v = (field_info **)a->pdata;
        l.len = a->len;
    }
    return l;
}

static fi_list_t
from_wmem_array(wmem_array_t *a)
{
    fi_list_t l;

    l.len = wmem_array_get_count(a);
    l.v = l.len > 0 ? (field_info **)wmem_array_get_raw(a) : NULL;
    return l;
}

/* The bytes of one message.  A SIP item's length cannot be trusted: in a
 * tree that is not visible Wireshark ignores proto_item_set_len(), so the
 * item keeps "to the end of the data".  A message therefore ends where the
 * next message of the same data source starts. */
typedef struct {
    const tvbuff_t *ds;
    gint start;
    gint end;
} span_t;

static span_t
message_span(const fi_list_t *messages, guint k)
{
    const field_info *m = messages->v[k];
    span_t span = { m->ds_tvb, m->start, m->start + m->length };

    if (k + 1 < messages->len) {
        const field_info *next = messages->v[k + 1];
        if (next->ds_tvb == m->ds_tvb && next->start > m->start && next->start < span.end)
            span.end = next->start;
    }
    return span;
}

static gboolean
inside(const span_t *span, const field_info *fi)
{
    return fi->ds_tvb == span->ds && fi->start >= span->start && fi->start < span->end;
}

/* The first item of 'list' inside the span, starting the search at *cursor
 * (items are in tree order, so the search only moves forward). */
static field_info *
first_inside(const fi_list_t *list, guint *cursor, const span_t *span)
{
    guint i;

    for (i = *cursor; i < list->len; i++) {
        field_info *fi = list->v[i];
        if (inside(span, fi)) {
            *cursor = i + 1;
            return fi;
        }
        if (fi->ds_tvb == span->ds && fi->start >= span->end)
            break;      /* already past this message */
    }
    return NULL;
}

static void
collect(const items_t *items, packet_info *pinfo, sipguide_seen_list_t *out)
{
    guint i, m = 0, line_cursor = 0, method_cursor = 0;

    out->count = 0;
    out->items = wmem_alloc0_array(pinfo->pool, sipguide_seen_t, items->codes.len);

    for (i = 0; i < items->codes.len; i++) {
        field_info *code = items->codes.v[i];
        field_info *line, *method;
        sipguide_seen_t *seen = &out->items[out->count++];
        span_t span;
        gboolean found = FALSE;

        seen->code = fvalue_get_uinteger(SIPGUIDE_FI_VALUE(code));
        seen->line = code;

        /* The message holding this Status-Code; later codes are in later
         * messages, so the search resumes after it. */
        for (guint k = m; k < items->messages.len; k++) {
            span = message_span(&items->messages, k);
            if (inside(&span, code)) {
                found = TRUE;
                m = k + 1;
                break;
            }
        }
        if (!found)
            continue;

        /* Skip the items of earlier messages (requests among them). */
        line = first_inside(&items->lines, &line_cursor, &span);
        if (line != NULL)
            seen->line = line;
        method = first_inside(&items->methods, &method_cursor, &span);
        if (method != NULL)
            seen->method = wmem_strdup(pinfo->pool,
                                       fvalue_get_string(SIPGUIDE_FI_VALUE(method)));
    }
}

gboolean
sipguide_extract(proto_tree *tree, packet_info *pinfo, sipguide_seen_list_t *out)
{
    items_t items;
    GPtrArray *codes;

    out->count = 0;
    out->items = NULL;
    if (tree == NULL || sipguide_sip.status_code < 0)
        return FALSE;

    codes = proto_get_finfo_ptr_array(tree, sipguide_sip.status_code);
    if (codes != NULL) {
        /* Primed: Wireshark collected every occurrence for us. */
        items.codes = from_ptr_array(codes);
        items.messages = from_ptr_array(proto_get_finfo_ptr_array(tree, sipguide_sip.sip));
        items.lines = from_ptr_array(proto_get_finfo_ptr_array(tree, sipguide_sip.status_line));
        items.methods = from_ptr_array(proto_get_finfo_ptr_array(tree, sipguide_sip.cseq_method));
        collect(&items, pinfo, out);
        return TRUE;
    }

    if (!PTREE_DATA(tree)->visible) {
        /* Either no response in this frame, or the fields were not primed
         * in this pass; the caller cannot tell, so it keeps what it had. */
        return FALSE;
    }

    /* A visible tree holds every item even when nothing was primed. */
    {
        walk_t w;
        w.messages = wmem_array_new(pinfo->pool, sizeof(field_info *));
        w.lines = wmem_array_new(pinfo->pool, sizeof(field_info *));
        w.codes = wmem_array_new(pinfo->pool, sizeof(field_info *));
        w.methods = wmem_array_new(pinfo->pool, sizeof(field_info *));
        proto_tree_children_foreach(tree, walk_node, &w);
        items.messages = from_wmem_array(w.messages);
        items.lines = from_wmem_array(w.lines);
        items.codes = from_wmem_array(w.codes);
        items.methods = from_wmem_array(w.methods);
        if (items.codes.len > 0)
            collect(&items, pinfo, out);
    }
    return TRUE;
}
