/* sipguide-batch.c
 * Frames of the GUI's first reading, kept and read together (see
 * sipguide-batch.h).  A batch holds up to 32 frames in buffers of file
 * scope, so its memory is bounded; a frame too big for an empty batch is
 * read at once from its own bytes, as without batches.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-batch.h"
#include "sipguide-prime.h"

#define BATCH_FRAMES 32
#define BATCH_MSGS   128
#define BATCH_BYTES  (64 * 1024)

/* What the model reads of a frame.  The addresses' bytes are in the
 * batch's bytes. */
typedef struct {
    guint32   num;
    nstime_t  abs_ts;
    address   src, dst;
    port_type ptype;
    guint32   srcport, destport;
    guint16   ip_id;
    guint     nsip, ndiameter;
    guint     first;            /* its first message in msgs[], SIP then Diameter */
} kept_frame_t;

/* A message: the bytes of it that were captured, and the length of its
 * span (more when the capture cut it). */
typedef struct {
    guint at;
    guint len;
    gint  span_len;
} kept_msg_t;

/* The messages of a frame follow each other, SIP then Diameter; where a
 * SIP message lies in its frame is kept beside it, and where it lies when
 * read, in the batch's bytes, is made when the batch is read. */
static struct {
    guint            nframes, nmsgs, nbytes;
    kept_frame_t     frames[BATCH_FRAMES];
    kept_msg_t       msgs[BATCH_MSGS];
    sipguide_where_t where[BATCH_MSGS];
    sipguide_span_t  spans[BATCH_MSGS];
    tvbuff_t        *cut[BATCH_MSGS];   /* tvbs of the messages the capture cut */
    guint8           bytes[BATCH_BYTES];
} batch;

static sipguide_batch_cb_t read_frame_cb;
static wmem_allocator_t *batch_pool;    /* the kept frames' pinfo->pool */

void
sipguide_batch_drop(void)
{
    batch.nframes = batch.nmsgs = batch.nbytes = 0;
}

void
sipguide_batch_start(sipguide_batch_cb_t read)
{
    read_frame_cb = read;
    sipguide_batch_drop();
}

gboolean
sipguide_batch_pending(void)
{
    return batch.nframes > 0;
}

/* The captured bytes of a span. */
static guint
captured(const sipguide_span_t *s)
{
    gint avail;

    if (s->ds == NULL || s->start < 0 || s->end <= s->start)
        return 0;
    avail = tvb_captured_length_remaining(s->ds, s->start);
    return (guint)MIN(s->end - s->start, MAX(avail, 0));
}

/* Copies n bytes to the batch; their place. */
static guint
keep_bytes(const void *p, guint n)
{
    guint at = batch.nbytes;

    if (n > 0)
        memcpy(batch.bytes + at, p, n);
    batch.nbytes += n;
    return at;
}

static void
keep_address(address *to, const address *from)
{
    *to = *from;
    if (from->len > 0 && from->data != NULL)
        to->data = batch.bytes + keep_bytes(from->data, (guint)from->len);
    else
        to->data = NULL;
    to->priv = NULL;
}

static void
keep_msg(packet_info *pinfo, const sipguide_span_t *s, gboolean sip)
{
    kept_msg_t *k = &batch.msgs[batch.nmsgs];
    guint n = captured(s);

    k->len = n;
    k->at = keep_bytes(n > 0 ? tvb_get_ptr(s->ds, s->start, (gint)n) : NULL, n);
    k->span_len = s->end > s->start ? s->end - s->start : 0;
    if (sip)
        sipguide_where_of_span(pinfo, s, &batch.where[batch.nmsgs]);
    batch.nmsgs++;
}

/* A kept frame made ready to read: a packet_info of its own, holding
 * only what the model reads, and its messages. */
typedef struct {
    packet_info     pinfo;
    frame_data      fd;
    sipguide_msgs_t msgs;
} ready_t;

static ready_t ready[BATCH_FRAMES];

/* Scans the messages of a kept frame, in 'all' (the batch's bytes), or
 * in a tvb of its own when the capture cut it, as long as it was. */
static void
scan_kept(const kept_frame_t *f, tvbuff_t *all, guint *ncut, ready_t *r)
{
    guint i;

    memset(&r->pinfo, 0, sizeof(r->pinfo));
    memset(&r->fd, 0, sizeof(r->fd));
    r->fd.num = f->num;
    r->fd.abs_ts = f->abs_ts;
    r->pinfo.fd = &r->fd;
    r->pinfo.num = f->num;
    r->pinfo.abs_ts = f->abs_ts;
    r->pinfo.src = r->pinfo.net_src = f->src;
    r->pinfo.dst = r->pinfo.net_dst = f->dst;
    r->pinfo.ptype = f->ptype;
    r->pinfo.srcport = f->srcport;
    r->pinfo.destport = f->destport;
    r->pinfo.pool = batch_pool;

    for (i = f->first; i < f->first + f->nsip + f->ndiameter; i++) {
        const kept_msg_t *k = &batch.msgs[i];
        sipguide_span_t *span = &batch.spans[i];

        if ((gint)k->len == k->span_len) {
            span->ds = all;
            span->start = (gint)k->at;
        } else {
            span->ds = batch.cut[(*ncut)++] = tvb_new_real_data(batch.bytes + k->at, k->len,
                                                                MAX((gint)k->len, k->span_len));
            span->start = 0;
        }
        span->end = span->start + k->span_len;
    }
    sipguide_extract_spans(&r->pinfo, SIPGUIDE_NEED_ALL, &batch.spans[f->first], f->nsip,
                           &batch.spans[f->first + f->nsip], f->ndiameter, f->ip_id, &r->msgs);
}

/* Two rounds over the batch, each with less code than the instruction
 * cache holds: every frame's messages are scanned, then the model reads
 * them frame by frame.  The memory of the frames' pools goes at the end. */
void
sipguide_batch_flush(void)
{
    guint nframes = batch.nframes, i, ncut = 0;
    tvbuff_t *all;

    if (nframes == 0)
        return;
    /* Emptied first: a frame is read once, whatever happens while it is
     * read.  Its bytes stay until the next frame is kept. */
    batch.nframes = 0;
    if (batch_pool == NULL)
        batch_pool = wmem_allocator_new(WMEM_ALLOCATOR_BLOCK);
    all = tvb_new_real_data(batch.bytes, batch.nbytes, (gint)batch.nbytes);
    batch.nmsgs = batch.nbytes = 0;
    for (i = 0; i < nframes; i++)
        scan_kept(&batch.frames[i], all, &ncut, &ready[i]);
    for (i = 0; i < nframes; i++)
        read_frame_cb(&ready[i].pinfo, &ready[i].msgs, &batch.where[batch.frames[i].first]);
    for (i = 0; i < ncut; i++)
        tvb_free(batch.cut[i]);
    tvb_free(all);
    wmem_free_all(batch_pool);
}

void
sipguide_batch_add(packet_info *pinfo, const sipguide_span_t *sip, guint nsip,
                   sipguide_span_t *diameter, guint ndiameter, guint16 ip_id)
{
    guint n = nsip + ndiameter, bytes = (guint)(pinfo->src.len + pinfo->dst.len), i;
    kept_frame_t *f;

    for (i = 0; i < nsip; i++)
        bytes += captured(&sip[i]);
    for (i = 0; i < ndiameter; i++)
        bytes += captured(&diameter[i]);
    if (batch.nframes == BATCH_FRAMES || batch.nmsgs + n > BATCH_MSGS
        || batch.nbytes + bytes > BATCH_BYTES)
        sipguide_batch_flush();
    if (n > BATCH_MSGS || bytes > BATCH_BYTES) {
        /* Too big for a batch: read now, from the frame itself. */
        sipguide_msgs_t msgs;

        sipguide_extract_spans(pinfo, SIPGUIDE_NEED_ALL, sip, nsip, diameter, ndiameter, ip_id,
                               &msgs);
        read_frame_cb(pinfo, &msgs, NULL);
        return;
    }
    f = &batch.frames[batch.nframes++];
    f->num = pinfo->num;
    f->abs_ts = pinfo->abs_ts;
    keep_address(&f->src, &pinfo->src);
    keep_address(&f->dst, &pinfo->dst);
    f->ptype = pinfo->ptype;
    f->srcport = pinfo->srcport;
    f->destport = pinfo->destport;
    f->ip_id = ip_id;
    f->nsip = nsip;
    f->ndiameter = ndiameter;
    f->first = batch.nmsgs;
    for (i = 0; i < nsip; i++)
        keep_msg(pinfo, &sip[i], TRUE);
    for (i = 0; i < ndiameter; i++)
        keep_msg(pinfo, &diameter[i], FALSE);
}

void
sipguide_batch_shutdown(void)
{
    sipguide_batch_drop();
    if (batch_pool != NULL)
        wmem_destroy_allocator(batch_pool);
    batch_pool = NULL;
}
