/* sipguide-extract.c
 * Every SIP message of a frame: where its bytes are, from the SIP
 * dissector's protocol items (the arrays Wireshark keeps for primed fields,
 * or, in a visible tree that was not primed, the GUI's packet details, a
 * walk over the tree), then its lines and values, read from those bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/prefs.h>
#include <epan/prefs-int.h>

#include "compat.h"
#include "sipguide-bytes.h"
#include "sipguide-extract.h"
#include "sipguide-parse.h"

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
    return f < SIPGUIDE_SF_FIRST_FRAME_FIELD ? 1 : 3;
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

void
sipguide_extract_shutdown(void)
{
    if (field_by_id != NULL)
        g_hash_table_destroy(field_by_id);
    field_by_id = NULL;
}

void
sipguide_extract_file_start(void)
{
    module_t *sip = prefs_find_module("sip");
    pref_t *strict = sip != NULL ? prefs_find_preference(sip, "strict_sip_version") : NULL;

    sipguide_headers_set_strict_version(strict == NULL || prefs_get_bool_value(strict, pref_current));
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
/* Reading the messages */

/* Where message k ends.  A SIP item's length cannot be trusted: in a tree
 * that is not visible Wireshark ignores proto_item_set_len(), so the item
 * keeps "to the end of the data".  A message therefore ends where the next
 * message of the same data source starts. */
static gint
message_end(const sipguide_fi_list_t *messages, guint k)
{
    const field_info *m = messages->v[k];
    gint end = m->start + m->length;

    if (k + 1 < messages->len) {
        const field_info *next = messages->v[k + 1];
        if (next->ds_tvb == m->ds_tvb && next->start > m->start && next->start < end)
            end = next->start;
    }
    return end;
}

static void
read_message(const sipguide_span_t *span, packet_info *pinfo, gboolean basic, sipguide_msg_t *m)
{
    gint avail;

    m->ds = span->ds;
    m->start = span->start;
    m->end = span->end;
    m->pool = pinfo->pool;
    m->p = NULL;
    m->len = 0;
    if (m->ds != NULL && m->start >= 0 && m->end > m->start) {
        avail = tvb_captured_length_remaining(m->ds, m->start);
        m->len = MIN(m->end - m->start, MAX(avail, 0));
        if (m->len > 0)
            m->p = tvb_get_ptr(m->ds, m->start, m->len);
    }
    m->method_read = FALSE;
    m->method = NULL;
    m->texts = NULL;
    m->texts_left = 0;
    m->partial = basic && !sipguide_headers_scan_basic(m->p, m->len, pinfo->pool, &m->h);
    if (!basic)
        sipguide_headers_scan(m->p, m->len, pinfo->pool, &m->h);
    m->response = m->h.kind == SIPGUIDE_START_STATUS;
    m->code = m->response ? m->h.code : 0;
}

void
sipguide_extract_spans(packet_info *pinfo, int need, const sipguide_span_t *sip, guint nsip,
                       sipguide_span_t *diameter, guint ndiameter, guint16 ip_id,
                       sipguide_msgs_t *out)
{
    guint k;

    memset(out, 0, sizeof(*out));
    out->ip_id = ip_id;
    out->has_ip_id = ip_id != 0;    /* 0: the sender does not number its packets */
    out->diameter = diameter;
    out->ndiameter = ndiameter;
    out->count = nsip;
    out->msgs = nsip > 0 ? wmem_alloc_array(pinfo->pool, sipguide_msg_t, nsip) : NULL;
    /* A basic guide needs only the start line and the CSeq method. */
    for (k = 0; k < nsip; k++)
        read_message(&sip[k], pinfo, need <= 1, &out->msgs[k]);
}

static sipguide_span_t
item_span(const sipguide_fi_list_t *items, guint k, gboolean delimit)
{
    sipguide_span_t s;

    s.ds = items->v[k]->ds_tvb;
    s.start = items->v[k]->start;
    s.end = delimit ? message_end(items, k) : s.start + items->v[k]->length;
    return s;
}

static void
build(const sipguide_fi_list_t *lists, packet_info *pinfo, int need, sipguide_msgs_t *out)
{
    const sipguide_fi_list_t *messages = &lists[SIPGUIDE_SF_SIP];
    const sipguide_fi_list_t *diameter = &lists[SIPGUIDE_SF_DIAMETER];
    sipguide_span_t *sip = NULL, *diam = NULL;
    guint16 ip_id = 0;
    guint k;

    if (lists[SIPGUIDE_SF_IP_ID].len > 0) {
        /* The innermost header's: IP-in-IP and GRE put it last. */
        field_info *id = lists[SIPGUIDE_SF_IP_ID].v[lists[SIPGUIDE_SF_IP_ID].len - 1];
        ip_id = (guint16)fvalue_get_uinteger(SIPGUIDE_FI_VALUE(id));
    }
    if (messages->len > 0)
        sip = wmem_alloc_array(pinfo->pool, sipguide_span_t, messages->len);
    for (k = 0; k < messages->len; k++)
        sip[k] = item_span(messages, k, TRUE);
    if (diameter->len > 0)
        diam = wmem_alloc_array(pinfo->pool, sipguide_span_t, diameter->len);
    for (k = 0; k < diameter->len; k++)
        diam[k] = item_span(diameter, k, FALSE);
    sipguide_extract_spans(pinfo, need, sip, messages->len, diam, diameter->len, ip_id, out);
}

/* ---------------------------------------------------------------------- */
/* Where a message lies, from one pass to the next */

void
sipguide_where_of_span(packet_info *pinfo, const sipguide_span_t *s, sipguide_where_t *w)
{
    GSList *src;
    guint i = 0;

    w->start = (guint32)MAX(s->start, 0);
    w->length = (guint32)MIN(MAX(s->end - s->start, 0), 0xffffff);
    w->source = SIPGUIDE_NO_SOURCE;
    for (src = pinfo->data_src; src != NULL && i < SIPGUIDE_NO_SOURCE; src = src->next, i++) {
        if (get_data_source_tvb((const struct data_source *)src->data) == s->ds) {
            w->source = i;
            return;
        }
    }
}

void
sipguide_where_of(packet_info *pinfo, const sipguide_msg_t *m, sipguide_where_t *w)
{
    sipguide_span_t s = { m->ds, m->start, m->end };

    sipguide_where_of_span(pinfo, &s, w);
}

gboolean
sipguide_where_span(packet_info *pinfo, const sipguide_where_t *w, sipguide_span_t *s)
{
    GSList *src;

    if (w->source == SIPGUIDE_NO_SOURCE)
        return FALSE;
    src = g_slist_nth(pinfo->data_src, w->source);
    if (src == NULL)
        return FALSE;
    s->ds = get_data_source_tvb((const struct data_source *)src->data);
    s->start = (gint)w->start;
    s->end = (gint)(w->start + w->length);
    return s->ds != NULL && tvb_captured_length_remaining(s->ds, s->start) > 0;
}

gboolean
sipguide_extract(proto_tree *tree, packet_info *pinfo, int need, sipguide_msgs_t *out)
{
    sipguide_fi_list_t lists[SIPGUIDE_SF_COUNT];
    int f;

    memset(out, 0, sizeof(*out));
    if (tree == NULL || sipguide_sip_field_ids[SIPGUIDE_SF_SIP] < 0)
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
    build(lists, pinfo, need, out);
    return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Values */

/* Room for n bytes of a text of message m: from one piece of pinfo->pool
 * as long as the message, taken at the first text (the texts read from a
 * message are parts of it, and the usual ones fit), or one of its own. */
static char *
text_room(const sipguide_msg_t *m, gint n)
{
    sipguide_msg_t *w = (sipguide_msg_t *)m;  /* its own scratch, see msg_complete() */
    char *room;

    if (w->texts == NULL && n <= w->len) {
        w->texts = (char *)wmem_alloc(w->pool, (gsize)w->len);
        w->texts_left = w->len;
    }
    if (n > w->texts_left)
        return (char *)wmem_alloc(w->pool, (gsize)n);
    room = w->texts;
    w->texts += n;
    w->texts_left -= n;
    return room;
}

const char *
sipguide_msg_text(const sipguide_msg_t *m, gint off, gint len, guint encoding)
{
    gint i;
    char *copy;

    if (off < 0 || len < 0 || off > m->len || len > m->len - off)
        return NULL;
    /* Plain ASCII reads the same in every encoding: copy it. */
    if (sipguide_plain_text(m->p + off, len)) {
        copy = text_room(m, len + 1);
        memcpy(copy, m->p + off, (gsize)len);
        copy[len] = '\0';
        return copy;
    }
    /* A NUL ends ASCII text, as it ends a C string. */
    for (i = 0; i < len && m->p[off + i] < 0x80; i++)
        ;
    if (i == len)
        return sipguide_strndup(m->pool, (const char *)m->p + off, (gsize)len);
    return (const char *)tvb_get_string_enc(m->pool, m->ds, m->start + off, len, encoding | ENC_NA);
}

void
sipguide_msg_complete(const sipguide_msg_t *m)
{
    /* The message belongs to the dissection that read it: finishing its
     * reading changes nothing a caller has seen. */
    sipguide_msg_t *w = (sipguide_msg_t *)m;

    if (!w->partial)
        return;
    w->partial = FALSE;
    sipguide_headers_scan(w->p, w->len, w->pool, &w->h);
}

const char *
sipguide_msg_string(const sipguide_msg_t *m, sipguide_hdr_t h, guint i)
{
    const sipguide_hline_t *l;

    sipguide_msg_complete(m);
    l = sipguide_headers_nth(&m->h, h, i);

    return l != NULL ? sipguide_msg_text(m, l->value, l->end - l->value, ENC_UTF_8) : NULL;
}

static const char *
read_method(const sipguide_msg_t *m)
{
    const sipguide_hline_t *l;
    gint i = m->h.cseq_method;

    if (m->h.kind == SIPGUIDE_START_REQUEST)
        return sipguide_msg_text(m, 0, m->h.method_len, ENC_ASCII);
    if (m->h.kind != SIPGUIDE_START_STATUS || i < 0
        || (l = sipguide_headers_nth(&m->h, SIPGUIDE_H_CSEQ, 0)) == NULL)
        return NULL;
    return sipguide_msg_text(m, l->value + i, l->end - l->value - i, ENC_UTF_8);
}

const char *
sipguide_msg_method(const sipguide_msg_t *m)
{
    /* Like the rest of the reading, this belongs to the dissection. */
    sipguide_msg_t *w = (sipguide_msg_t *)m;

    if (!w->method_read) {
        w->method = read_method(m);
        w->method_read = TRUE;
    }
    return w->method;
}

const char *
sipguide_msg_status_line(const sipguide_msg_t *m)
{
    return m->response ? sipguide_msg_text(m, 0, m->h.start_len, ENC_UTF_8) : NULL;
}

const char *
sipguide_msg_raw(const sipguide_msg_t *m, sipguide_hdr_t h, guint i, packet_info *pinfo, gint max)
{
    const sipguide_hline_t *l;
    gint len;

    sipguide_msg_complete(m);
    l = sipguide_headers_nth(&m->h, h, i);

    if (l == NULL)
        return NULL;
    len = MIN(l->next - l->line, max);
    return len > 0 ? (const char *)tvb_get_string_enc(pinfo->pool, m->ds, m->start + l->line, len, ENC_UTF_8)
                   : NULL;
}

/* Whether the SIP dissector shows the body decompressed, in a data source
 * of its own: the last Content-Encoding says gzip or deflate, and the
 * bytes inflate. */
static gboolean
body_inflated(const sipguide_msg_t *m)
{
    guint n = sipguide_msg_count(m, SIPGUIDE_H_CONTENT_ENCODING);
    const sipguide_hline_t *l = n > 0 ? sipguide_headers_nth(&m->h, SIPGUIDE_H_CONTENT_ENCODING, n - 1) : NULL;
    gint len = l != NULL ? l->end - l->value : 0;
    tvbuff_t *inflated;

    if (l == NULL || !((len >= 4 && g_ascii_strncasecmp((const char *)m->p + l->value, "gzip", 4) == 0)
                       || (len >= 7 && g_ascii_strncasecmp((const char *)m->p + l->value, "deflate", 7) == 0)))
        return FALSE;
    inflated = SIPGUIDE_TVB_UNCOMPRESS(m->ds, m->start + m->h.body, m->h.body_len);
    if (inflated == NULL)
        return FALSE;
    tvb_free(inflated);
    return TRUE;
}

gboolean
sipguide_msg_body_bytes(const sipguide_msg_t *m, const guint8 **p, gint *len)
{
    sipguide_msg_complete(m);
    if (m->h.body < 0 || m->h.body >= m->len || sipguide_msg_count(m, SIPGUIDE_H_CONTENT_ENCODING) > 0)
        return FALSE;
    *p = m->p + m->h.body;
    *len = MIN(m->h.body_len, m->len - m->h.body);
    return *len > 0;
}

const char *
sipguide_msg_body(const sipguide_msg_t *m, packet_info *pinfo, gint max)
{
    gint len;

    sipguide_msg_complete(m);
    /* An inflated body is not among the message's bytes: it was never read. */
    if (m->h.body < 0 || body_inflated(m))
        return NULL;
    len = MIN(m->h.body_len, max);
    return len > 0 ? (const char *)tvb_get_string_enc(pinfo->pool, m->ds, m->start + m->h.body, len, ENC_UTF_8)
                   : NULL;
}
