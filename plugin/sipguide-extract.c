/* sipguide-extract.c
 * Every SIP message of a frame, read from the SIP dissector's items: from
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

const char *const sipguide_sip_field_names[SIPGUIDE_SF_COUNT] = {
#define SIPGUIDE_SF_NAME(id, name) name,
    SIPGUIDE_SIP_FIELDS(SIPGUIDE_SF_NAME)
#undef SIPGUIDE_SF_NAME
};

int sipguide_sip_field_ids[SIPGUIDE_SF_COUNT];

/* hfid -> field index + 1, for the tree walk. */
static GHashTable *field_by_id;

int
sipguide_sip_field_need(sipguide_sip_field_t f)
{
    switch (f) {
    case SIPGUIDE_SF_SIP: case SIPGUIDE_SF_STATUS_LINE: case SIPGUIDE_SF_STATUS_CODE:
    case SIPGUIDE_SF_CSEQ_METHOD: case SIPGUIDE_SF_WARNING:
        return 1;
    /* The Evidence. */
    case SIPGUIDE_SF_REASON: case SIPGUIDE_SF_RETRY_AFTER: case SIPGUIDE_SF_SECURITY_SERVER:
    case SIPGUIDE_SF_REQUIRE: case SIPGUIDE_SF_UNSUPPORTED: case SIPGUIDE_SF_MIN_SE:
    case SIPGUIDE_SF_MIN_EXPIRES: case SIPGUIDE_SF_CONTACT: case SIPGUIDE_SF_WWW_AUTHENTICATE:
    case SIPGUIDE_SF_PROXY_AUTHENTICATE: case SIPGUIDE_SF_CONTENT_TYPE: case SIPGUIDE_SF_ALLOW:
    case SIPGUIDE_SF_ACCEPT: case SIPGUIDE_SF_RESPONSE_SOURCE: case SIPGUIDE_SF_MSG_BODY:
    /* The calls table. */
    case SIPGUIDE_SF_METHOD: case SIPGUIDE_SF_CSEQ_SEQ: case SIPGUIDE_SF_CALL_ID:
    case SIPGUIDE_SF_FROM_TAG: case SIPGUIDE_SF_TO_TAG: case SIPGUIDE_SF_FROM_ADDR:
    case SIPGUIDE_SF_TO_ADDR:
        return 2;
    default:
        return 3;
    }
}

void
sipguide_extract_handoff(void)
{
    int f;

    if (field_by_id == NULL)
        field_by_id = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (f = 0; f < SIPGUIDE_SF_COUNT; f++) {
        sipguide_sip_field_ids[f] = proto_registrar_get_id_byname(sipguide_sip_field_names[f]);
        if (sipguide_sip_field_ids[f] >= 0)
            g_hash_table_insert(field_by_id, GINT_TO_POINTER(sipguide_sip_field_ids[f]),
                                GINT_TO_POINTER(f + 1));
    }
}

/* ---------------------------------------------------------------------- */
/* Collecting the items of each field */

static sipguide_fi_list_t
from_ptr_array(const GPtrArray *a)
{
    sipguide_fi_list_t l = { NULL, 0 };

    if (a != NULL) {
        l.v = (field_info **)a->pdata;
        l.len = a->len;
    }
    return l;
}

typedef struct {
    wmem_array_t *lists[SIPGUIDE_SF_COUNT];
} walk_t;

static void
walk_node(proto_node *node, gpointer data)
{
    walk_t *w = (walk_t *)data;
    field_info *fi = PNODE_FINFO(node);

    if (fi != NULL && fi->hfinfo != NULL) {
        int f = GPOINTER_TO_INT(g_hash_table_lookup(field_by_id, GINT_TO_POINTER(fi->hfinfo->id)));
        if (f > 0)
            wmem_array_append_one(w->lists[f - 1], fi);
    }
    proto_tree_children_foreach(node, walk_node, data);
}

/* ---------------------------------------------------------------------- */
/* Matching items to messages */

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
message_span(const sipguide_fi_list_t *messages, guint k)
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

/* Give each message the run of 'list' that lies inside it.  Items and
 * messages are both in tree order, so the runs are consecutive; an item
 * that would break a run (malformed nesting) is left out. */
static void
assign(sipguide_msg_t *msgs, const span_t *spans, guint count,
       const sipguide_fi_list_t *list, sipguide_sip_field_t f)
{
    guint i, k = 0;

    for (i = 0; i < list->len; i++) {
        field_info *fi = list->v[i];
        guint j;

        for (j = k; j < count && !inside(&spans[j], fi); j++)
            ;
        if (j == count)
            continue;       /* in no message, or out of order */
        k = j;
        if (msgs[k].f[f].len == 0)
            msgs[k].f[f].v = &list->v[i];
        else if (msgs[k].f[f].v + msgs[k].f[f].len != &list->v[i])
            continue;
        msgs[k].f[f].len++;
    }
}

static void
build(const sipguide_fi_list_t *lists, packet_info *pinfo, sipguide_msgs_t *out)
{
    const sipguide_fi_list_t *messages = &lists[SIPGUIDE_SF_SIP];
    span_t *spans;
    guint k;
    int f;

    for (f = SIPGUIDE_SF_FIRST_FRAME_FIELD; f < SIPGUIDE_SF_COUNT; f++)
        out->frame_f[f - SIPGUIDE_SF_FIRST_FRAME_FIELD] = lists[f];
    if (lists[SIPGUIDE_SF_IP_ID].len > 0) {
        /* The innermost header's: IP-in-IP and GRE put it last. */
        field_info *id = lists[SIPGUIDE_SF_IP_ID].v[lists[SIPGUIDE_SF_IP_ID].len - 1];
        out->ip_id = (guint16)fvalue_get_uinteger(SIPGUIDE_FI_VALUE(id));
        out->has_ip_id = out->ip_id != 0;   /* 0: the sender does not number its packets */
    }
    if (messages->len == 0) {
        /* No message items: one message per Status-Code, with nothing else. */
        const sipguide_fi_list_t *codes = &lists[SIPGUIDE_SF_STATUS_CODE];
        out->count = codes->len;
        out->msgs = wmem_alloc0_array(pinfo->pool, sipguide_msg_t, codes->len);
        for (k = 0; k < codes->len; k++) {
            out->msgs[k].response = TRUE;
            out->msgs[k].code = fvalue_get_uinteger(SIPGUIDE_FI_VALUE(codes->v[k]));
            out->msgs[k].line = codes->v[k];
        }
        return;
    }

    out->count = messages->len;
    out->msgs = wmem_alloc0_array(pinfo->pool, sipguide_msg_t, messages->len);
    spans = wmem_alloc_array(pinfo->pool, span_t, messages->len);
    for (k = 0; k < messages->len; k++) {
        spans[k] = message_span(messages, k);
        out->msgs[k].ds = messages->v[k]->ds_tvb;
        out->msgs[k].start = spans[k].start;
        out->msgs[k].end = spans[k].end;
        out->msgs[k].f[SIPGUIDE_SF_SIP].v = &messages->v[k];
        out->msgs[k].f[SIPGUIDE_SF_SIP].len = 1;
    }
    for (f = 0; f < SIPGUIDE_SF_FIRST_FRAME_FIELD; f++) {
        if (f != SIPGUIDE_SF_SIP && lists[f].len > 0)
            assign(out->msgs, spans, messages->len, &lists[f], (sipguide_sip_field_t)f);
    }
    for (k = 0; k < messages->len; k++) {
        sipguide_msg_t *m = &out->msgs[k];
        if (m->f[SIPGUIDE_SF_STATUS_CODE].len > 0) {
            field_info *code = m->f[SIPGUIDE_SF_STATUS_CODE].v[0];
            m->response = TRUE;
            m->code = fvalue_get_uinteger(SIPGUIDE_FI_VALUE(code));
            m->line = m->f[SIPGUIDE_SF_STATUS_LINE].len > 0 ? m->f[SIPGUIDE_SF_STATUS_LINE].v[0] : code;
        }
    }
}

gboolean
sipguide_extract(proto_tree *tree, packet_info *pinfo, int need, sipguide_msgs_t *out)
{
    sipguide_fi_list_t lists[SIPGUIDE_SF_COUNT];
    int f;

    memset(out, 0, sizeof(*out));
    if (tree == NULL || sipguide_sip_field_ids[SIPGUIDE_SF_STATUS_CODE] < 0
        || sipguide_sip_field_ids[SIPGUIDE_SF_SIP] < 0)
        return FALSE;

    if (proto_get_finfo_ptr_array(tree, sipguide_sip_field_ids[SIPGUIDE_SF_SIP]) != NULL
        || (sipguide_sip_field_ids[SIPGUIDE_SF_DIAMETER] >= 0
            && proto_get_finfo_ptr_array(tree, sipguide_sip_field_ids[SIPGUIDE_SF_DIAMETER]) != NULL)) {
        /* Primed: Wireshark collected every occurrence for us. */
        for (f = 0; f < SIPGUIDE_SF_COUNT; f++)
            lists[f] = sipguide_sip_field_ids[f] < 0
                       || sipguide_sip_field_need((sipguide_sip_field_t)f) > need
                     ? (sipguide_fi_list_t){ NULL, 0 }
                     : from_ptr_array(proto_get_finfo_ptr_array(tree, sipguide_sip_field_ids[f]));
    } else if (PTREE_DATA(tree)->visible) {
        /* A visible tree holds every item even when nothing was primed. */
        walk_t w;
        for (f = 0; f < SIPGUIDE_SF_COUNT; f++)
            w.lists[f] = wmem_array_new(pinfo->pool, sizeof(field_info *));
        proto_tree_children_foreach(tree, walk_node, &w);
        for (f = 0; f < SIPGUIDE_SF_COUNT; f++) {
            lists[f].len = wmem_array_get_count(w.lists[f]);
            lists[f].v = lists[f].len > 0 ? (field_info **)wmem_array_get_raw(w.lists[f]) : NULL;
        }
    } else {
        /* No SIP message in this frame, or the fields were not primed in
         * this pass: the caller cannot tell, so it keeps what it had. */
        return FALSE;
    }
    build(lists, pinfo, out);
    return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Values */

static field_info *
nth(const sipguide_msg_t *m, sipguide_sip_field_t f, guint i)
{
    if ((unsigned)f >= SIPGUIDE_SF_COUNT || i >= m->f[f].len)
        return NULL;
    return m->f[f].v[i];
}

const char *
sipguide_msg_string(const sipguide_msg_t *m, sipguide_sip_field_t f, guint i)
{
    field_info *fi = nth(m, f, i);

    if (fi == NULL || (fi->hfinfo->type != FT_STRING && fi->hfinfo->type != FT_STRINGZ))
        return NULL;
    return fvalue_get_string(SIPGUIDE_FI_VALUE(fi));
}

gboolean
sipguide_msg_uint(const sipguide_msg_t *m, sipguide_sip_field_t f, guint i, guint32 *value)
{
    field_info *fi = nth(m, f, i);

    if (fi == NULL)
        return FALSE;
    switch (fi->hfinfo->type) {
    case FT_UINT8: case FT_UINT16: case FT_UINT24: case FT_UINT32: case FT_FRAMENUM:
        *value = fvalue_get_uinteger(SIPGUIDE_FI_VALUE(fi));
        return TRUE;
    default:
        return FALSE;
    }
}

const char *
sipguide_msg_raw(const sipguide_msg_t *m, sipguide_sip_field_t f, guint i,
                 packet_info *pinfo, gint max)
{
    field_info *fi = nth(m, f, i);
    gint avail, len;

    if (fi == NULL || fi->ds_tvb == NULL || fi->start < 0 || fi->length <= 0)
        return NULL;
    avail = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
    if (avail <= 0)
        return NULL;
    len = MIN(fi->length, MIN(avail, max));
    return (const char *)tvb_get_string_enc(pinfo->pool, fi->ds_tvb, fi->start, len, ENC_UTF_8);
}

field_info *
sipguide_msg_item_between(const sipguide_msg_t *m, sipguide_sip_field_t f, gint start, gint end)
{
    guint i;

    if ((unsigned)f >= SIPGUIDE_SF_COUNT)
        return NULL;
    for (i = 0; i < m->f[f].len; i++) {
        field_info *fi = m->f[f].v[i];
        if (fi->start >= end)
            break;
        if (fi->start >= start)
            return fi;
    }
    return NULL;
}

field_info *
sipguide_msg_item_within(const sipguide_msg_t *m, sipguide_sip_field_t f, const field_info *within)
{
    if (within == NULL)
        return NULL;
    return sipguide_msg_item_between(m, f, within->start, within->start + within->length);
}
