/* sipguide-pdus.c
 * Collects the SIP and Diameter messages of a frame from the export tap,
 * and its IPv4 identification from the IP tap, and hands them over when
 * the frame tap says the frame is complete.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/exported_pdu.h>
#include <epan/dissectors/packet-ip.h>
#include <epan/ipproto.h>
#include <epan/epan_dissect.h>
#include <wsutil/exported_pdu_tlvs.h>

#include "compat.h"
#include "sipguide-pdus.h"
#include "sipguide-quote.h"

typedef enum { PDU_SIP, PDU_DIAMETER } pdu_kind_t;

typedef struct {
    pdu_kind_t kind;
    tvbuff_t  *tvb;     /* what the dissector exported */
} pdu_t;

static sipguide_pdus_cb_t frame_done;
static sipguide_pdus_quote_cb_t quote_done;
static gboolean listening;
/* The newest frame dissected so far.  The first pass reads the frames in
 * order (and a live capture adds newer ones); a frame dissected again
 * later (a click, a filter, the colouring) is no first reading.  Wireshark
 * marks a frame visited before it runs the taps, so that mark cannot
 * tell. */
static guint32 newest;
static guint32 compared;    /* frames the check compared in this file */
static int tag_export, tag_ip, tag_frame;

/* Room for the messages of the usual frame; more go to the dissection's
 * pool. */
#define INLINE_PDUS 8

/* The frame being collected: its number and what came so far.  Emptied
 * when the frame tap reports the frame. */
static struct {
    guint32       num;
    pdu_t        *pdus;         /* NULL until the frame is being collected */
    guint         npdus;
    guint         room;
    pdu_t         inline_pdus[INLINE_PDUS];
    guint16       ip_id;
    gboolean      ip_matched;   /* ip_id is that of the header of the frame's addresses */
    gboolean      icmp;         /* an IPv4 header carries ICMP (the header an ICMP error
                                 * quotes is not tapped) */
    /* The check: what the protocol items gave, in this dissection, and the
     * quote of an ICMP error the post-dissector found (or not). */
    const sipguide_msgs_t *items;
    gboolean      quote_checked;
    gboolean      quote_found;
    sipguide_quote_t quote;
} cur;

static guint32 quotes_compared;

/* Whether a frame with no exported message may be an ICMP error that
 * quotes one: the IP tap saw ICMP over IPv4, or the frame is IPv6 (whose
 * headers no tap here reports). */
static gboolean
may_quote(const packet_info *pinfo)
{
    return (cur.num == pinfo->num && cur.icmp) || pinfo->net_src.type == AT_IPv6;
}

static void
start_frame(packet_info *pinfo)
{
    if (cur.num == pinfo->num && cur.pdus != NULL)
        return;
    cur.num = pinfo->num;
    cur.pdus = cur.inline_pdus;
    cur.npdus = 0;
    cur.room = INLINE_PDUS;
    cur.ip_id = 0;
    cur.ip_matched = FALSE;
}

/* Whether an export names this dissector in its tags (Wireshark's format:
 * type and length in network order, then the value). */
static gboolean
exported_by(const exp_pdu_data_t *e, const char *name)
{
    gsize n = strlen(name);
    guint off = 0;

    while (e->tlv_buffer != NULL && off + 4 <= e->tlv_buffer_len) {
        const guint8 *t = e->tlv_buffer + off;
        guint type = (guint)t[0] << 8 | t[1];
        guint len = (guint)t[2] << 8 | t[3];

        if (type == EXP_PDU_TAG_END_OF_OPT || off + 4 + len > e->tlv_buffer_len)
            return FALSE;
        if (type == EXP_PDU_TAG_DISSECTOR_NAME)
            return len >= n && memcmp(e->tlv_buffer + off + 4, name, n) == 0
                   && (len == n || e->tlv_buffer[off + 4 + n] == '\0');
        off += 4 + len;
    }
    return FALSE;
}

static tap_packet_status
on_export(void *tapdata _U_, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
          tap_flags_t flags _U_)
{
    const exp_pdu_data_t *e = (const exp_pdu_data_t *)data;
    pdu_t pdu;

    if (e == NULL || e->pdu_tvb == NULL)
        return TAP_PACKET_DONT_REDRAW;
    if (exported_by(e, "sip"))
        pdu.kind = PDU_SIP;
    else if (exported_by(e, "diameter"))
        pdu.kind = PDU_DIAMETER;
    else
        return TAP_PACKET_DONT_REDRAW;
    start_frame(pinfo);
    pdu.tvb = e->pdu_tvb;
    if (cur.npdus == cur.room) {
        pdu_t *more = wmem_alloc_array(pinfo->pool, pdu_t, cur.room * 2);
        memcpy(more, cur.pdus, cur.npdus * sizeof(pdu_t));
        cur.pdus = more;
        cur.room *= 2;
    }
    cur.pdus[cur.npdus++] = pdu;
    return TAP_PACKET_DONT_REDRAW;
}

/* The identification of the IPv4 header that carries the frame's
 * addresses: the innermost one in IP-in-IP and GRE, as the protocol
 * items would give it. */
static tap_packet_status
on_ip(void *tapdata _U_, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
      tap_flags_t flags _U_)
{
    const ws_ip4 *iph = WS_IP4_PTR(data);
    gboolean matches;

    if (iph == NULL)
        return TAP_PACKET_DONT_REDRAW;
    start_frame(pinfo);
    matches = addresses_equal(&iph->ip_src, &pinfo->net_src)
              && addresses_equal(&iph->ip_dst, &pinfo->net_dst);
    if (iph->ip_proto == IP_PROTO_ICMP)
        cur.icmp = TRUE;
    if (matches || !cur.ip_matched) {
        cur.ip_id = iph->ip_id;
        cur.ip_matched = matches;
    }
    return TAP_PACKET_DONT_REDRAW;
}

/* Where each message lies.  A stream's dissector exports the same data
 * once per message it finds in it, from its start: message k starts where
 * message k - 1 ends, and ends where the next one starts or with the data,
 * as the SIP items would say. */
static void
spans_of(packet_info *pinfo, pdu_kind_t kind, sipguide_span_t **out, guint *n)
{
    guint count = cur.npdus, i, k = 0;
    const pdu_t *p = cur.pdus;
    tvbuff_t *prev = NULL;
    gint offset = 0;

    *out = wmem_alloc_array(pinfo->pool, sipguide_span_t, count);
    for (i = 0; i < count; i++) {
        sipguide_span_t *s;
        gint avail, base;

        if (p[i].kind != kind)
            continue;
        avail = (gint)tvb_captured_length(p[i].tvb);
        base = (gint)tvb_raw_offset(p[i].tvb);
        if (kind == PDU_SIP && p[i].tvb == prev && k > 0) {
            /* The message before ends where this one starts. */
            const sipguide_span_t *before = &(*out)[k - 1];
            gint from = before->start - base;
            gint len = from < avail
                       ? sipguide_headers_message_length(tvb_get_ptr(p[i].tvb, from, avail - from),
                                                         avail - from)
                       : 0;
            offset = from + len;
            (*out)[k - 1].end = base + offset;
        } else
            offset = 0;
        s = &(*out)[k++];
        s->ds = tvb_get_ds_tvb(p[i].tvb);
        s->start = base + offset;
        s->end = base + avail;
        prev = p[i].tvb;
    }
    *n = k;
}

/* The check: the taps against the protocol items. */
static void
check_frame(packet_info *pinfo)
{
    const sipguide_msgs_t *items = cur.items;
    sipguide_span_t *sip = NULL, *diameter = NULL;
    guint nsip = 0, ndiameter = 0, k;

    if (cur.num == pinfo->num && cur.pdus != NULL) {
        spans_of(pinfo, PDU_SIP, &sip, &nsip);
        spans_of(pinfo, PDU_DIAMETER, &diameter, &ndiameter);
    }
    compared++;
    if (nsip != items->count || ndiameter != items->ndiameter) {
        fprintf(stderr, "sipguide-check: frame %u: the taps give %u SIP and %u Diameter messages, "
                "the protocol items %u and %u\n", pinfo->num, nsip, ndiameter, items->count,
                items->ndiameter);
        return;
    }
    for (k = 0; k < nsip; k++) {
        const sipguide_msg_t *m = &items->msgs[k];
        if (sip[k].ds != m->ds || sip[k].start != m->start || sip[k].end != m->end)
            fprintf(stderr, "sipguide-check: frame %u: SIP message %u at %d..%d of data source %p "
                    "by the taps, at %d..%d of %p by the protocol items\n", pinfo->num, k + 1,
                    sip[k].start, sip[k].end, (void *)sip[k].ds, m->start, m->end, (void *)m->ds);
    }
    for (k = 0; k < ndiameter; k++) {
        const sipguide_span_t *d = &items->diameter[k];
        if (diameter[k].ds != d->ds || diameter[k].start != d->start || diameter[k].end != d->end)
            fprintf(stderr, "sipguide-check: frame %u: Diameter message %u at %d..%d by the taps, "
                    "at %d..%d by the protocol items\n", pinfo->num, k + 1, diameter[k].start,
                    diameter[k].end, d->start, d->end);
    }
    if ((nsip > 0 || ndiameter > 0) && cur.ip_id != items->ip_id)
        fprintf(stderr, "sipguide-check: frame %u: IPv4 identification %u by the taps, %u by the "
                "protocol items\n", pinfo->num, cur.ip_id, items->ip_id);
}

/* The check of a quote: the taps must look at the frame and find there
 * what the post-dissector found. */
static void
check_quote(packet_info *pinfo, epan_dissect_t *edt)
{
    sipguide_quote_t q;
    gboolean found;

    quotes_compared++;
    if (!may_quote(pinfo)) {
        fprintf(stderr, "sipguide-check: frame %u: an ICMP error the taps would not look at\n",
                pinfo->num);
        return;
    }
    memset(&q, 0, sizeof(q));
    found = edt != NULL && edt->tvb != NULL && sipguide_quote_find(edt->tvb, &q);
    if (found != cur.quote_found
        || (found && (q.span.ds != cur.quote.span.ds || q.span.start != cur.quote.span.start
                      || q.span.end != cur.quote.span.end || q.kind != cur.quote.kind
                      || q.mtu != cur.quote.mtu
                      || memcmp(&q.hop, &cur.quote.hop, sizeof(q.hop)) != 0)))
        fprintf(stderr, "sipguide-check: frame %u: the taps find %s quote, the post-dissector %s\n",
                pinfo->num, found ? "a" : "no", cur.quote_found ? "one" : "none");
}

static tap_packet_status
on_frame(void *tapdata _U_, packet_info *pinfo, epan_dissect_t *edt, const void *data _U_,
         tap_flags_t flags _U_)
{
    sipguide_span_t *sip, *diameter;
    guint nsip, ndiameter;

    if (cur.items != NULL)
        check_frame(pinfo);
    else if (pinfo->num > newest && cur.num == pinfo->num && cur.pdus != NULL
             && cur.npdus > 0 && frame_done != NULL) {
        spans_of(pinfo, PDU_SIP, &sip, &nsip);
        spans_of(pinfo, PDU_DIAMETER, &diameter, &ndiameter);
        frame_done(pinfo, sip, nsip, diameter, ndiameter, cur.ip_id);
    } else if (cur.quote_checked && cur.num == pinfo->num) {
        check_quote(pinfo, edt);
    } else if (pinfo->num > newest && quote_done != NULL && edt != NULL && edt->tvb != NULL
               && may_quote(pinfo)) {
        /* An ICMP error may quote a SIP message, which is exported to no
         * tap. */
        quote_done(pinfo, edt->tvb);
    }
    if (pinfo->num > newest)
        newest = pinfo->num;
    memset(&cur, 0, sizeof(cur));
    return TAP_PACKET_DONT_REDRAW;
}

static gboolean
listen_on(const char *tap, int *tag, tap_packet_cb cb)
{
    GString *err = register_tap_listener(tap, tag, NULL, TL_REQUIRES_NOTHING, NULL, cb, NULL, NULL);

    if (err == NULL)
        return TRUE;
    ws_warning("SIP Response Guide: cannot listen to the %s tap: %s", tap, err->str);
    g_string_free(err, TRUE);
    return FALSE;
}

void
sipguide_pdus_listen(sipguide_pdus_cb_t done, sipguide_pdus_quote_cb_t quoted)
{
    frame_done = done;
    quote_done = quoted;
    memset(&cur, 0, sizeof(cur));
    newest = 0;
    if (listening)
        return;
    listening = TRUE;
    listen_on(EXPORT_PDU_TAP_NAME_LAYER_7, &tag_export, on_export);
    listen_on("ip", &tag_ip, on_ip);
    listen_on("frame", &tag_frame, on_frame);
}

gboolean
sipguide_pdus_checking(void)
{
    static int checking = -1;

    if (checking < 0)
        checking = g_getenv("SIPGUIDE_CHECK_TAPS") != NULL;
    return checking;
}

void
sipguide_pdus_check(packet_info *pinfo, const sipguide_msgs_t *msgs)
{
    sipguide_msgs_t *copy;

    if (!listening)
        return;
    start_frame(pinfo);
    copy = wmem_new(pinfo->pool, sipguide_msgs_t);
    *copy = *msgs;
    cur.items = copy;
}

void
sipguide_pdus_check_quote(packet_info *pinfo, tvbuff_t *tvb)
{
    if (!listening)
        return;
    start_frame(pinfo);
    cur.quote_checked = TRUE;
    memset(&cur.quote, 0, sizeof(cur.quote));
    cur.quote_found = sipguide_quote_find(tvb, &cur.quote);
}

void
sipguide_pdus_file_end(void)
{
    if (listening && sipguide_pdus_checking()) {
        fprintf(stderr, "sipguide-check: %u frames compared\n", compared);
        if (quotes_compared > 0)
            fprintf(stderr, "sipguide-check: %u ICMP quotes compared\n", quotes_compared);
    }
    compared = 0;
    quotes_compared = 0;
}

void
sipguide_pdus_stop(void)
{
    memset(&cur, 0, sizeof(cur));
    if (!listening)
        return;
    listening = FALSE;
    remove_tap_listener(&tag_export);
    remove_tap_listener(&tag_ip);
    remove_tap_listener(&tag_frame);
}
