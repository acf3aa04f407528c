/* sipguide-legs.c
 * The legs of a request across proxies, keyed by Call-ID, CSeq number and
 * method.  A leg is one hop's copy: who sent it, to whom, when, and
 * whether anything answered it there.  An element is the same when it
 * sends from the same endpoint, or, unless both ends of a hop share one
 * address (loopback), from the same address.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-legs.h"
#include "sipguide-table.h"

#define LEGS 4
#define MAX_REQUESTS 262144

typedef struct {
    sipguide_hop_t    hop;          /* the request's way */
    guint32           frame;
    gint64            us;
    gboolean          answered;     /* a response came back on this hop */
    gboolean          told;         /* a gave-up or failed-over link is set */
    sipguide_facts_t *facts;        /* kept facts of the request, or NULL */
} leg_t;

/* A request's first leg; the further ones in requests_more
 * (sipguide_table_slot()). */
typedef struct {
    sipguide_rec_t h;               /* h.spare: the legs in use */
    leg_t          leg;
} legs_rec_t;

typedef struct {
    sipguide_rec_t h;
    leg_t          legs[LEGS - 1];
} legs_more_t;

static sipguide_table_t *requests, *requests_more;

static leg_t *
leg(legs_rec_t *r, guint i)
{
    return (leg_t *)sipguide_table_slot(requests_more, &r->h, &r->leg, sizeof(leg_t), i);
}

void
sipguide_legs_register(void)
{
    requests = sipguide_table_new(sizeof(legs_rec_t), MAX_REQUESTS);
    requests_more = sipguide_table_new(sizeof(legs_more_t), MAX_REQUESTS);
}

void
sipguide_legs_shutdown(void)
{
    sipguide_table_drop(&requests);
    sipguide_table_drop(&requests_more);
}

void
sipguide_legs_clear(void)
{
    sipguide_table_clear(requests);
    sipguide_table_clear(requests_more);
}

void
sipguide_legs_sweep(guint32 now)
{
    sipguide_table_sweep(requests, now);
    sipguide_table_sweep(requests_more, now);
}

gboolean
sipguide_legs_refused(void)
{
    return sipguide_table_refused(requests) > 0 || sipguide_table_refused(requests_more) > 0;
}

static guint64
legs_key(const sipguide_values_t *v)
{
    guint64 key = sipguide_model_key('L', v->call_id, sipguide_raw_str(v->method), SIPGUIDE_NO_RAW);

    return sipguide_model_key_number(key, v->cseq);
}

/* Whether two messages were sent by the same element. */
static gboolean
same_sender(const sipguide_hop_t *a, const sipguide_hop_t *b)
{
    if (a->src_ep == b->src_ep)
        return TRUE;
    return a->src_addr == b->src_addr && a->src_addr != a->dst_addr && b->src_addr != b->dst_addr;
}

static gboolean
same_receiver(const sipguide_hop_t *a, const sipguide_hop_t *b)
{
    if (a->dst_ep == b->dst_ep)
        return TRUE;
    return a->dst_addr == b->dst_addr && a->src_addr != a->dst_addr && b->src_addr != b->dst_addr;
}

static guint32
tenths(gint64 from_us, gint64 to_us)
{
    gint64 d = to_us > from_us ? (to_us - from_us + 50000) / 100000 : 0;

    return (guint32)MIN(d, (gint64)G_MAXUINT32);
}

void
sipguide_legs_request(const sipguide_step_t *s)
{
    guint64 key = legs_key(s->v);
    legs_rec_t *r = (legs_rec_t *)sipguide_table_find(requests, key);
    gint64 t1_us = (gint64)sipguide_model_t1_ms() * 1000;
    guint32 life = s->now_s + sipguide_model_transaction_life();
    leg_t *l;
    guint i;

    if (r == NULL && (r = (legs_rec_t *)sipguide_table_add(requests, key, life)) == NULL)
        return;
    sipguide_table_keep(requests_more, &r->h, life);
    /* The same element sending the request to another next hop, a while
     * after an earlier leg that nothing answered: it gave up on that one
     * (a serial fork or a fail-over; a parallel fork sends at once). */
    for (i = 0; i < r->h.spare; i++) {
        l = leg(r, i);
        if (l == NULL || l->answered || l->told || !same_sender(&l->hop, &s->hop)
            || same_receiver(&l->hop, &s->hop) || s->us - l->us < t1_us)
            continue;
        l->told = TRUE;
        if (l->facts != NULL)
            sipguide_facts_add(l->facts, wmem_file_scope(), SIPGUIDE_LINK_FAILED_OVER_IN,
                               SIPGUIDE_LEG_DATA(0, tenths(l->us, s->us)), s->frame);
    }
    l = (leg_t *)sipguide_table_slot_add(requests_more, &r->h, &r->leg, sizeof(leg_t), LEGS);
    if (l == NULL)
        return;
    l->hop = s->hop;
    l->frame = s->frame;
    l->us = s->us;
    l->facts = s->keep ? s->facts : NULL;
}

void
sipguide_legs_response(const sipguide_step_t *s, guint32 request_frame)
{
    legs_rec_t *r = (legs_rec_t *)sipguide_table_find(requests, legs_key(s->v));
    guint i;

    if (r == NULL)
        return;
    for (i = 0; i < r->h.spare; i++) {
        leg_t *l = leg(r, i);

        if (l == NULL)
            continue;
        if (request_frame != 0 && l->frame == request_frame) {
            l->answered = TRUE;
            continue;
        }
        /* The leg's sender answering upstream with a failure while the leg
         * has no response: it stopped waiting for its next hop. */
        if (s->v->code < 300 || l->answered || l->told || !same_sender(&l->hop, &s->hop)
            || same_receiver(&l->hop, &s->hop) || s->us <= l->us)
            continue;
        l->told = TRUE;
        if (l->facts != NULL)
            sipguide_facts_add(l->facts, wmem_file_scope(), SIPGUIDE_LINK_GAVE_UP_IN,
                               SIPGUIDE_LEG_DATA(s->v->code, tenths(l->us, s->us)), s->frame);
    }
}
