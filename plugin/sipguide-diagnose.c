/* sipguide-diagnose.c
 * One result per response: the catalog's guide for the code and request,
 * the evidence of the message, and the Transaction lines made from the
 * model's facts, each with the sentence of data/evidence.txt it shows and
 * the expert item it raises.  A verdict on a challenge replaces the
 * catalog's general meaning and severity when they would be untrue.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-diagnose.h"
#include "sipguide-units.h"
#include "sipguide-diameter.h"
#include "sipguide-flow.h"
#include "sipguide-model.h"
#include "sipguide-reason.h"

/* Filter values of sipguide.auth.verdict, in sipguide_auth_t order. */
static const char *const auth_tokens[] = {
    NULL, "challenge", "stale", "resync", "rejected", "again"
};

void
sipguide_diagnose_line(sipguide_tx_line_t *tx, guint *count, sipguide_item_t item,
                       sipguide_text_t text, guint32 link, guint32 frame, sipguide_raise_t raise)
{
    sipguide_tx_line_t *l;

    if (*count >= SIPGUIDE_TX_MAX)
        return;
    l = &tx[(*count)++];
    memset(l, 0, sizeof(*l));
    l->item = item;
    l->text = text;
    l->link = link;
    l->frame = frame;
    l->outcome = SIPGUIDE_NONE;
    l->raise = raise;
}

static void
tx(sipguide_result_t *r, sipguide_item_t item, sipguide_text_t text, guint32 link,
   guint32 frame, guint32 challenge, guint32 number, sipguide_raise_t raise)
{
    guint n = r->tx_count;

    sipguide_diagnose_line(r->tx, &r->tx_count, item, text, link, frame, raise);
    if (r->tx_count > n) {
        r->tx[n].challenge = challenge;
        r->tx[n].number = number;
    }
}

/* A link whose sentence names only its own frame. */
static void
link_line(sipguide_result_t *r, sipguide_item_t item, sipguide_text_t text, guint32 frame,
          sipguide_raise_t raise)
{
    tx(r, item, text, frame, frame, 0, 0, raise);
}

/* A sentence without a link of its own. */
static void
note(sipguide_result_t *r, sipguide_text_t text, guint32 frame)
{
    tx(r, SIPGUIDE_ITEM_NOTE, text, 0, frame, 0, 0, SIPGUIDE_RAISE_NONE);
}

/* The sentence of a resent response, by what made the sender repeat it. */
static sipguide_text_t
resend_text(guint32 why)
{
    switch ((sipguide_resend_t)why) {
    case SIPGUIDE_RESEND_REQUEST:        return SIPGUIDE_TEXT_RETRANSMISSION_REQUEST_RESENT;
    case SIPGUIDE_RESEND_2XX:            return SIPGUIDE_TEXT_RETRANSMISSION_2XX;
    case SIPGUIDE_RESEND_RELIABLE:       return SIPGUIDE_TEXT_RETRANSMISSION_RELIABLE;
    case SIPGUIDE_RESEND_INVITE_FAILURE: return SIPGUIDE_TEXT_RETRANSMISSION_INVITE_FAILURE;
    case SIPGUIDE_RESEND_UNPROMPTED:     return SIPGUIDE_TEXT_RETRANSMISSION_UNPROMPTED;
    default:                             return SIPGUIDE_TEXT_RETRANSMISSION;
    }
}

/* The request, its time, and the copies of this response. */
static void
request_and_copies(sipguide_result_t *r, const sipguide_facts_t *f)
{
    guint32 request = sipguide_facts_get(f, SIPGUIDE_LINK_REQUEST_IN);
    const sipguide_link_t *l;
    guint32 frame;

    if (request != 0) {
        if (f->flags & SIPGUIDE_FACT_TIME_BEFORE)
            tx(r, SIPGUIDE_ITEM_REQUEST_IN, SIPGUIDE_TEXT_REQUEST_IN_BEFORE, request, request, 0,
               f->response_us, SIPGUIDE_RAISE_TIME);
        else if (f->flags & SIPGUIDE_FACT_TIME_JUMP)
            tx(r, SIPGUIDE_ITEM_REQUEST_IN, SIPGUIDE_TEXT_REQUEST_IN_JUMP, request, request, 0,
               f->response_us, SIPGUIDE_RAISE_TIME);
        else if (f->flags & SIPGUIDE_FACT_TIMED_FROM_COPY)
            tx(r, SIPGUIDE_ITEM_REQUEST_IN, SIPGUIDE_TEXT_REQUEST_IN_COPY, request, request,
               sipguide_facts_get(f, SIPGUIDE_LINK_RESENT_REQUEST_IN), f->response_us,
               SIPGUIDE_RAISE_NONE);
        else if (f->flags & SIPGUIDE_FACT_HAS_TIME)
            tx(r, SIPGUIDE_ITEM_REQUEST_IN, SIPGUIDE_TEXT_REQUEST_IN, request, request, 0,
               f->response_us, SIPGUIDE_RAISE_NONE);
        else
            tx(r, SIPGUIDE_ITEM_REQUEST_IN, SIPGUIDE_TEXT_REQUEST_IN_RESENT, request, request, 0, 0,
               SIPGUIDE_RAISE_NONE);
    } else if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_REQUEST_ELSEWHERE)) != 0) {
        note(r, SIPGUIDE_TEXT_REQUEST_ELSEWHERE, frame);
    }
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_DUPLICATE_OF)) != 0)
        link_line(r, SIPGUIDE_ITEM_DUPLICATE_OF, SIPGUIDE_TEXT_DUPLICATE, frame, SIPGUIDE_RAISE_DUPLICATE);
    if ((l = sipguide_facts_find(f, SIPGUIDE_LINK_RETRANSMISSION_OF)) != NULL)
        tx(r, SIPGUIDE_ITEM_RETRANSMISSION_OF, resend_text(SIPGUIDE_LINK_DATA(l->kind)), l->frame,
           l->frame, sipguide_facts_get(f, SIPGUIDE_LINK_RESENT_REQUEST_IN), 0,
           SIPGUIDE_RAISE_RETRANSMISSION);
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_ALSO_SEEN_IN)) != 0)
        link_line(r, SIPGUIDE_ITEM_ALSO_SEEN_IN, SIPGUIDE_TEXT_ALSO_SEEN, frame, SIPGUIDE_RAISE_NONE);
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_FORK_FIRST_IN)) != 0)
        link_line(r, SIPGUIDE_ITEM_FORK_FIRST_IN, SIPGUIDE_TEXT_FORK, frame, SIPGUIDE_RAISE_NONE);
}

/* A 401/407: the verdict, the retry, and the meaning when the catalog's
 * "normal challenge" would be untrue. */
static void
challenge(packet_info *pinfo, sipguide_result_t *r, const sipguide_facts_t *f, gboolean later_known)
{
    guint32 request = sipguide_facts_get(f, SIPGUIDE_LINK_REQUEST_IN);
    guint32 rejected = sipguide_facts_get(f, SIPGUIDE_LINK_AUTH_REJECTED_IN);
    guint32 previous = sipguide_facts_get(f, SIPGUIDE_LINK_AUTH_PREVIOUS_IN);
    guint32 retry = sipguide_facts_get(f, SIPGUIDE_LINK_AUTH_RETRY_IN);

    switch (r->auth) {
    case SIPGUIDE_AUTH_CHALLENGE:
        note(r, SIPGUIDE_TEXT_AUTH_CHALLENGE, request);
        break;
    case SIPGUIDE_AUTH_STALE:
        if (request != 0)
            tx(r, SIPGUIDE_ITEM_AUTH_CHALLENGE_IN, SIPGUIDE_TEXT_AUTH_STALE, previous, request, 0, 0,
               SIPGUIDE_RAISE_NONE);
        break;
    case SIPGUIDE_AUTH_RESYNC:
        if (request != 0)
            tx(r, SIPGUIDE_ITEM_AUTH_CHALLENGE_IN, SIPGUIDE_TEXT_AUTH_RESYNC, previous, request, 0, 0,
               SIPGUIDE_RAISE_NONE);
        break;
    case SIPGUIDE_AUTH_REJECTED:
        if (rejected != 0)
            tx(r, SIPGUIDE_ITEM_AUTH_REJECTED_IN, SIPGUIDE_TEXT_AUTH_REJECTED, rejected, rejected,
               previous, 0, SIPGUIDE_RAISE_AUTH_REJECTED);
        else
            tx(r, SIPGUIDE_ITEM_AUTH_CHALLENGE_IN, SIPGUIDE_TEXT_AUTH_REJECTED_UNSEEN, previous, 0,
               previous, 0, SIPGUIDE_RAISE_AUTH_REJECTED);
        /* Never the "normal first step": the authentication failed. */
        r->meaning = sipguide_catalog_text(SIPGUIDE_TEXT_AUTH_REJECTED_MEANING);
        r->severity = SIPGUIDE_SEVERITY_WARN;
        break;
    case SIPGUIDE_AUTH_AGAIN:
        note(r, SIPGUIDE_TEXT_AUTH_AGAIN, request);
        break;
    default:
        break;
    }
    if (retry != 0)
        link_line(r, SIPGUIDE_ITEM_AUTH_RETRY_IN, SIPGUIDE_TEXT_AUTH_RETRY_IN, retry, SIPGUIDE_RAISE_NONE);
    else if (later_known && sipguide_flow_retry_window_over(pinfo))
        note(r, SIPGUIDE_TEXT_NO_AUTH_RETRY, 0);
    else if (later_known)
        tx(r, SIPGUIDE_ITEM_NOTE, SIPGUIDE_TEXT_NO_AUTH_RETRY_YET, 0, 0, 0,
           sipguide_flow_ms_to_end(pinfo), SIPGUIDE_RAISE_NONE);
}

static gboolean
is_subscription_method(const char *method)
{
    return method != NULL && (strcmp(method, "SUBSCRIBE") == 0 || strcmp(method, "NOTIFY") == 0
                              || strcmp(method, "REFER") == 0);
}

/* A 481: the dialog usage its method needed. */
static void
no_dialog(sipguide_result_t *r, const sipguide_facts_t *f)
{
    gboolean seen = (f->flags & SIPGUIDE_FACT_DIALOG_SEEN) != 0;
    guint32 frame;

    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_SUBSCRIPTION_IN)) != 0) {
        link_line(r, SIPGUIDE_ITEM_SUBSCRIPTION_IN, SIPGUIDE_TEXT_SUBSCRIPTION_SEEN, frame,
                  SIPGUIDE_RAISE_NONE);
        if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_SUBSCRIPTION_ENDED_IN)) != 0)
            link_line(r, SIPGUIDE_ITEM_SUBSCRIPTION_ENDED_IN, SIPGUIDE_TEXT_SUBSCRIPTION_ENDED, frame,
                      SIPGUIDE_RAISE_NONE);
        return;
    }
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_DIALOG_INVITE_IN)) != 0)
        link_line(r, SIPGUIDE_ITEM_DIALOG_INVITE_IN, SIPGUIDE_TEXT_DIALOG_INVITE_SEEN, frame,
                  SIPGUIDE_RAISE_NONE);
    else if (seen)
        note(r, is_subscription_method(r->method) && !sipguide_facts_get(f, SIPGUIDE_LINK_DIALOG_ENDED_IN)
                ? SIPGUIDE_TEXT_SUBSCRIPTION_SEEN_NO_REQUEST : SIPGUIDE_TEXT_DIALOG_SEEN_NO_INVITE, 0);
    if (frame != 0 || seen) {
        if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_DIALOG_ENDED_IN)) != 0)
            link_line(r, SIPGUIDE_ITEM_DIALOG_ENDED_IN, SIPGUIDE_TEXT_DIALOG_ENDED, frame,
                      SIPGUIDE_RAISE_NONE);
        if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_SUBSCRIPTION_ENDED_IN)) != 0)
            link_line(r, SIPGUIDE_ITEM_SUBSCRIPTION_ENDED_IN, SIPGUIDE_TEXT_SUBSCRIPTION_ENDED, frame,
                      SIPGUIDE_RAISE_NONE);
        return;
    }
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_DIALOG_OTHER_IN)) != 0) {
        link_line(r, SIPGUIDE_ITEM_DIALOG_OTHER_IN, SIPGUIDE_TEXT_DIALOG_OTHER, frame, SIPGUIDE_RAISE_NONE);
        return;
    }
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_DIALOG_NONE_IN)) != 0) {
        link_line(r, SIPGUIDE_ITEM_DIALOG_OTHER_IN, SIPGUIDE_TEXT_DIALOG_NONE, frame, SIPGUIDE_RAISE_NONE);
        return;
    }
    note(r, is_subscription_method(r->method) ? SIPGUIDE_TEXT_SUBSCRIPTION_NOT_SEEN
                                              : SIPGUIDE_TEXT_DIALOG_INVITE_NOT_SEEN, 0);
    if (f->flags & SIPGUIDE_FACT_INCOMPLETE)
        note(r, SIPGUIDE_TEXT_RECORDS_DROPPED, 0);
}

/* ---------------------------------------------------------------------- */
/* Diameter */

/* The sentence of a Diameter message behind a response, by the situation:
 * a success behind a challenge is the step the challenge needs (an MAA
 * brings the authentication data it is made from), a success behind any
 * other failure says the failure lies elsewhere. */
static sipguide_text_t
diameter_text(const sipguide_result_t *r, guint32 data)
{
    gboolean success = !(data & SIPGUIDE_DIAM_NO_VALUE) && SIPGUIDE_DIAM_VALUE(data) >= 2000
                       && SIPGUIDE_DIAM_VALUE(data) < 3000;
    gboolean challenge = (r->code == 401 || r->code == 407) && r->auth != SIPGUIDE_AUTH_REJECTED;

    switch (SIPGUIDE_DIAM_CMD(data)) {
    case SIPGUIDE_DIAM_CMD_ASR: return SIPGUIDE_TEXT_DIAMETER_ASR;
    case SIPGUIDE_DIAM_CMD_RAR: return SIPGUIDE_TEXT_DIAMETER_RAR;
    default: break;
    }
    if (success && challenge)
        return SIPGUIDE_DIAM_CMD(data) == SIPGUIDE_DIAM_CMD_MAA ? SIPGUIDE_TEXT_DIAMETER_MAA_CHALLENGE
                                                               : SIPGUIDE_TEXT_DIAMETER_SUCCESS_CHALLENGE;
    if (success && r->code >= 300)
        return SIPGUIDE_DIAM_CMD(data) == SIPGUIDE_DIAM_CMD_AAA ? SIPGUIDE_TEXT_DIAMETER_SUCCESS_ELSEWHERE_RX
                                                               : SIPGUIDE_TEXT_DIAMETER_SUCCESS_ELSEWHERE;
    switch (SIPGUIDE_DIAM_CMD(data)) {
    case SIPGUIDE_DIAM_CMD_UAA: return SIPGUIDE_TEXT_DIAMETER_UAA;
    case SIPGUIDE_DIAM_CMD_SAA: return SIPGUIDE_TEXT_DIAMETER_SAA;
    case SIPGUIDE_DIAM_CMD_LIA: return SIPGUIDE_TEXT_DIAMETER_LIA;
    case SIPGUIDE_DIAM_CMD_MAA: return SIPGUIDE_TEXT_DIAMETER_MAA;
    default:                    return SIPGUIDE_TEXT_DIAMETER_AAA;
    }
}

static void
diameter(sipguide_result_t *r, const sipguide_facts_t *f)
{
    guint i, ambiguous = 0;
    guint32 other = 0;
    const sipguide_link_t *accepted = NULL;

    for (i = 0; i < f->nlinks; i++) {
        const sipguide_link_t *l = sipguide_facts_nth(f, i);
        if (SIPGUIDE_LINK_KIND(l->kind) == SIPGUIDE_LINK_DIAMETER_ACCEPTED_IN)
            accepted = l;
    }
    for (i = 0; i < f->nlinks; i++) {
        const sipguide_link_t *l = sipguide_facts_nth(f, i);
        guint32 kind = SIPGUIDE_LINK_KIND(l->kind), data = SIPGUIDE_LINK_DATA(l->kind);

        if (kind == SIPGUIDE_LINK_DIAMETER_IN) {
            guint n = r->tx_count;
            const sipguide_diam_entry_t *e = sipguide_diameter_entry(data);
            /* A refusal that contradicts an earlier acceptance of the same
             * identity says so, in the value's own words for that case. */
            gboolean after = accepted != NULL && e != NULL && e->after_success != NULL;

            tx(r, SIPGUIDE_ITEM_DIAMETER_IN,
               after ? SIPGUIDE_TEXT_DIAMETER_AFTER_SUCCESS : diameter_text(r, data), l->frame,
               l->frame, after ? accepted->frame : 0, after ? SIPGUIDE_LINK_DATA(accepted->kind) : 0,
               SIPGUIDE_RAISE_NONE);
            if (r->tx_count > n)
                r->tx[n].reason = data;
            r->diameter_frame = l->frame;
            r->diameter_data = data;
            r->diameter_elsewhere = r->tx_count > n
                                    && (r->tx[n].text == SIPGUIDE_TEXT_DIAMETER_SUCCESS_ELSEWHERE
                                        || r->tx[n].text == SIPGUIDE_TEXT_DIAMETER_SUCCESS_ELSEWHERE_RX);
        } else if (kind == SIPGUIDE_LINK_DIAMETER_AMBIGUOUS) {
            if (ambiguous++ == 0)
                other = l->frame;
            else
                tx(r, SIPGUIDE_ITEM_DIAMETER_CANDIDATE_IN, SIPGUIDE_TEXT_DIAMETER_AMBIGUOUS, other,
                   other, l->frame, 0, SIPGUIDE_RAISE_NONE);
        }
    }
}

/* Guides resolved in this file, by code and request context: the catalog
 * answers from nothing else, and a capture repeats a few of them. */
#define GUIDE_CACHE 64

typedef struct {
    gboolean           used;
    gboolean           valid;
    unsigned           code;
    sipguide_req_ctx_t ctx;
    sipguide_guide_t   guide;
} cached_guide_t;

static cached_guide_t guide_cache[GUIDE_CACHE];

void
sipguide_diagnose_file_start(void)
{
    memset(guide_cache, 0, sizeof(guide_cache));
}

/* Names are interned, so the same pointer is the same name. */
static gboolean
same_ctx(const sipguide_req_ctx_t *a, const sipguide_req_ctx_t *b)
{
    return a->method == b->method && a->in_dialog == b->in_dialog && a->event == b->event
           && a->request_sdp == b->request_sdp && a->request_t38 == b->request_t38
           && a->credentials == b->credentials
           && a->expires_zero == b->expires_zero && a->max_forwards_zero == b->max_forwards_zero
           && a->aka == b->aka && a->stale == b->stale && a->alt_service == b->alt_service
           && a->own_phrase == b->own_phrase;
}

static guint
ctx_slot(unsigned code, const sipguide_req_ctx_t *c)
{
    guint64 h = code;

    h = h * 31 + (guint64)(gsize)c->method;
    h = h * 31 + (guint64)(gsize)c->event;
    h = h * 31 + (guint64)(gsize)c->alt_service;
    h = h * 31 + (guint64)(c->in_dialog | c->request_sdp << 2 | c->credentials << 4
                           | c->expires_zero << 6 | c->max_forwards_zero << 8 | c->aka << 10
                           | c->stale << 12 | c->own_phrase << 14 | c->request_t38 << 16);
    h ^= h >> 29;
    h *= G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9);
    h ^= h >> 32;
    return (guint)(h % GUIDE_CACHE);
}

/* sipguide_catalog_resolve(), from the cache when it has the answer.  A
 * guide points into itself for its merged lists: a copy points into the
 * copy. */
static gboolean
resolve(unsigned code, const sipguide_req_ctx_t *ctx, sipguide_guide_t *guide)
{
    cached_guide_t *c = &guide_cache[ctx_slot(code, ctx)];
    const sipguide_guide_t *g = &c->guide;

    if (!c->used || c->code != code || !same_ctx(&c->ctx, ctx)) {
        c->valid = sipguide_catalog_resolve(code, ctx, &c->guide);
        c->used = TRUE;
        c->code = code;
        c->ctx = *ctx;
    }
    *guide = *g;
    if (g->procedures == &g->procedures_merged)
        guide->procedures = &guide->procedures_merged;
    if (g->procedures_merged.items == g->procedure_items)
        guide->procedures_merged.items = guide->procedure_items;
    if (g->ims_refs == &g->ims_refs_merged)
        guide->ims_refs = &guide->ims_refs_merged;
    if (g->ims_refs_merged.items == g->ims_ref_items)
        guide->ims_refs_merged.items = guide->ims_ref_items;
    return c->valid;
}

/* Whether the response's own Reason names a cause that does not map to its
 * code (an Evidence line that contradicts it), whether or not the Evidence
 * part is wanted. */
static gboolean
reason_disagrees(packet_info *pinfo, const sipguide_facts_t *f, const sipguide_msg_t *m,
                 const sipguide_result_t *r)
{
    const sipguide_evidence_t *ev = &r->evidence;
    guint i;

    if (!r->has_evidence) {
        sipguide_evidence_t *read;

        if (m == NULL || sipguide_msg_count(m, SIPGUIDE_H_REASON) == 0)
            return FALSE;
        read = wmem_new(pinfo->pool, sipguide_evidence_t);
        sipguide_evidence_read(m, pinfo, f->asked_expires, read);
        ev = read;
    }
    for (i = 0; i < ev->line_count; i++) {
        if (ev->lines[i].contradicts)
            return TRUE;
    }
    return FALSE;
}

/* Yes, no or unknown, from the context bits that say either. */
static sipguide_tri_t
tri(guint context, guint yes, guint no)
{
    return (context & yes) ? SIPGUIDE_TRI_YES : (context & no) ? SIPGUIDE_TRI_NO
                                                               : SIPGUIDE_TRI_UNKNOWN;
}

void
sipguide_diagnose_response(packet_info *pinfo, const sipguide_facts_t *f,
                           const sipguide_msg_t *m, guint want, gboolean later_known,
                           sipguide_result_t *r)
{
    /* The request as far as the capture tells: the model knows whether it
     * had a To tag and a session description, its Event package, its
     * expiry and Max-Forwards ... */
    sipguide_req_ctx_t ctx = sipguide_req_ctx_method(sipguide_facts_method(f));

    ctx.in_dialog = tri(f->context, SIPGUIDE_CTX_IN_DIALOG, SIPGUIDE_CTX_OUT_OF_DIALOG);
    ctx.request_sdp = tri(f->context, SIPGUIDE_CTX_SDP, SIPGUIDE_CTX_NO_SDP);
    /* A request read with a session description tells whether it offers fax. */
    if (f->context & SIPGUIDE_CTX_T38)
        ctx.request_t38 = SIPGUIDE_TRI_YES;
    else if (f->context & SIPGUIDE_CTX_SDP)
        ctx.request_t38 = SIPGUIDE_TRI_NO;
    ctx.event = sipguide_facts_event(f);
    ctx.credentials = tri(f->context, SIPGUIDE_CTX_CREDENTIALS, SIPGUIDE_CTX_NO_CREDENTIALS);
    if (f->asked_expires >= 0)
        ctx.expires_zero = f->asked_expires == 0 ? SIPGUIDE_TRI_YES : SIPGUIDE_TRI_NO;
    ctx.max_forwards_zero = tri(f->context, SIPGUIDE_CTX_MAX_FORWARDS_ZERO,
                                SIPGUIDE_CTX_MAX_FORWARDS_MORE);
    /* ... and what the response says of itself. */
    ctx.aka = tri(f->context, SIPGUIDE_CTX_CHALLENGE_AKA, SIPGUIDE_CTX_CHALLENGE_DIGEST);
    if (f->context & (SIPGUIDE_CTX_CHALLENGE_AKA | SIPGUIDE_CTX_CHALLENGE_DIGEST))
        ctx.stale = (f->context & SIPGUIDE_CTX_STALE) ? SIPGUIDE_TRI_YES : SIPGUIDE_TRI_NO;
    if (f->context & SIPGUIDE_CTX_ALT_EMERGENCY)
        ctx.alt_service = "emergency";
    else if (f->context & SIPGUIDE_CTX_ALT_RESTORATION)
        ctx.alt_service = "restoration";
    ctx.own_phrase = tri(f->context, SIPGUIDE_CTX_OWN_PHRASE, SIPGUIDE_CTX_OTHER_PHRASE);

    memset(r, 0, sizeof(*r));
    r->code = f->code;
    r->method = ctx.method;
    r->valid = resolve(f->code, &ctx, &r->guide);
    r->phrase = r->guide.entry != NULL ? r->guide.entry->phrase : NULL;
    if (r->guide.entry != NULL && !r->guide.entry->registered && ctx.own_phrase == SIPGUIDE_TRI_NO)
        r->phrase = m != NULL ? sipguide_evidence_phrase(m, pinfo) : NULL;
    r->meaning = r->guide.meaning;
    r->severity = r->guide.severity;
    r->duplicate = (f->flags & SIPGUIDE_FACT_DUPLICATE) != 0;
    r->has_time = (f->flags & SIPGUIDE_FACT_HAS_TIME) != 0;
    r->response_us = f->response_us;
    r->auth = (f->code == 401 || f->code == 407) && !(f->flags & (SIPGUIDE_FACT_DUPLICATE
                                                                 | SIPGUIDE_FACT_RESENT))
              ? (sipguide_auth_t)f->auth : SIPGUIDE_AUTH_NONE;
    r->auth_token = (unsigned)r->auth < G_N_ELEMENTS(auth_tokens) ? auth_tokens[r->auth] : NULL;

    if ((want & SIPGUIDE_WANT_EVIDENCE) && m != NULL) {
        sipguide_evidence_read(m, pinfo, f->asked_expires, &r->evidence);
        r->has_evidence = TRUE;
    }
    r->call_outcome = SIPGUIDE_NONE;
    r->reg_outcome = SIPGUIDE_NONE;
    /* The verdicts decide the meaning and severity, so they are made even
     * when the Transaction part is not shown. */
    if (!r->valid || !(f->flags & SIPGUIDE_FACT_MODELLED))
        return;
    request_and_copies(r, f);
    if (r->duplicate || (f->flags & SIPGUIDE_FACT_RESENT))
        return;
    if (f->code == 487) {
        guint32 cancel = sipguide_facts_get(f, SIPGUIDE_LINK_CANCEL_IN);
        if (cancel != 0)
            link_line(r, SIPGUIDE_ITEM_CANCEL_IN, SIPGUIDE_TEXT_CANCEL_IN, cancel, SIPGUIDE_RAISE_NONE);
        else
            note(r, sipguide_facts_get(f, SIPGUIDE_LINK_REQUEST_IN) != 0 ? SIPGUIDE_TEXT_NO_CANCEL
                                                                      : SIPGUIDE_TEXT_NO_CANCEL_NO_REQUEST, 0);
    }
    if (f->code == 491) {
        guint32 crossing = sipguide_facts_get(f, SIPGUIDE_LINK_CROSSING_IN);
        if (crossing != 0)
            link_line(r, SIPGUIDE_ITEM_CROSSING_IN, SIPGUIDE_TEXT_CROSSING_IN, crossing,
                      SIPGUIDE_RAISE_NONE);
    }
    if (f->code == 401 || f->code == 407)
        challenge(pinfo, r, f, later_known);
    if (f->code == 481)
        no_dialog(r, f);
    diameter(r, f);
    sipguide_flow_response(pinfo, f, later_known, r);
    if (r->outcome_line.text == SIPGUIDE_TEXT_OUTCOME && r->outcome_line.frame == pinfo->num
        && reason_disagrees(pinfo, f, m, r))
        r->outcome_line.text = SIPGUIDE_TEXT_OUTCOME_REASON_DIFFERS;
}

/* The value of a Diameter link, its registered name and what it means,
 * from data/diameter.txt (the table its command and AVP say). */
static void
diameter_words(packet_info *pinfo, const sipguide_tx_line_t *l, const char **value, const char **name,
               const char **meaning)
{
    guint32 data = l->reason;
    const sipguide_diam_entry_t *e = sipguide_diameter_entry(data);

    *value = (data & SIPGUIDE_DIAM_NO_VALUE) ? "" : wmem_strdup_printf(pinfo->pool, "%u",
                                                                       SIPGUIDE_DIAM_VALUE(data));
    *name = e != NULL ? e->name : sipguide_catalog_text(SIPGUIDE_TEXT_DIAMETER_UNLISTED);
    *meaning = e == NULL ? ""
             : l->text == SIPGUIDE_TEXT_DIAMETER_AFTER_SUCCESS && e->after_success != NULL
             ? e->after_success : e->meaning;
}

/* A time in microseconds as milliseconds, and one in milliseconds as
 * seconds (sipguide-units.h). */
static const char *
ms_text(packet_info *pinfo, guint32 us)
{
    char buf[32];

    sipguide_units_ms(buf, sizeof(buf), us);
    return wmem_strdup(pinfo->pool, buf);
}

static const char *
seconds_text(packet_info *pinfo, guint32 ms)
{
    char buf[32];

    sipguide_units_seconds(buf, sizeof(buf), ms);
    return wmem_strdup(pinfo->pool, buf);
}

/* A number as text in pinfo->pool, without a formatted print. */
static const char *
uint_text(packet_info *pinfo, guint32 n)
{
    return sipguide_model_number((char *)wmem_alloc(pinfo->pool, 12), n);
}

static const char *
tx_text(packet_info *pinfo, const sipguide_tx_line_t *l, const char *phrase)
{
    const char *text = sipguide_catalog_text(l->text);
    sipguide_reason_proto_t proto;
    guint32 cause;
    /* Times are printed with decimals: only for a text that shows them. */
    const char *p[] = {
        "frame", uint_text(pinfo, l->frame),
        "challenge", uint_text(pinfo, l->challenge),
        "ms", strstr(text, "{ms}") != NULL ? ms_text(pinfo, l->number) : "",
        "seconds", strstr(text, "{seconds}") != NULL ? seconds_text(pinfo, l->number) : "",
        "count", uint_text(pinfo, l->number),
        "code", uint_text(pinfo, l->code),
        "phrase", phrase,
        "reason", sipguide_reason_unpack(l->reason, &proto, &cause)
                  ? sipguide_reason_describe(pinfo, proto, cause) : "",
        "description", l->outcome != SIPGUIDE_NONE ? sipguide_term_description(l->vocab, l->outcome) : "",
        "t1", uint_text(pinfo, sipguide_model_t1_ms()),
        "limit", uint_text(pinfo, 64 * sipguide_model_t1_ms() / 1000),
        "other", uint_text(pinfo, l->challenge),
        "request", uint_text(pinfo, l->challenge),
        "copies", uint_text(pinfo, l->challenge),
        "errors", uint_text(pinfo, l->challenge),
        "mtu", uint_text(pinfo, l->number),
        /* A Diameter line's command and, after an earlier success, that
         * answer's command (its data in 'number'). */
        "command", l->item == SIPGUIDE_ITEM_DIAMETER_IN ? sipguide_diameter_command(l->reason) : "",
        "earlier", l->item == SIPGUIDE_ITEM_DIAMETER_IN ? sipguide_diameter_command(l->number) : "",
        "result", NULL, "name", NULL, "meaning", NULL,
    };

    if (l->item == SIPGUIDE_ITEM_DIAMETER_IN)
        diameter_words(pinfo, l, &p[G_N_ELEMENTS(p) - 5], &p[G_N_ELEMENTS(p) - 3],
                       &p[G_N_ELEMENTS(p) - 1]);

    return sipguide_evidence_fill(pinfo, l->text, p, G_N_ELEMENTS(p) / 2);
}

const char *
sipguide_diagnose_tx_text(packet_info *pinfo, const sipguide_tx_line_t *l)
{
    const sipguide_code_t *e = sipguide_catalog_code(l->code);

    return tx_text(pinfo, l, e != NULL ? e->phrase : "");
}

const char *
sipguide_diagnose_tx_text_of(packet_info *pinfo, const sipguide_tx_line_t *l,
                             const sipguide_result_t *r)
{
    if (l->code != r->code || r->guide.entry == NULL)
        return sipguide_diagnose_tx_text(pinfo, l);
    return tx_text(pinfo, l, r->phrase != NULL ? r->phrase
                             : sipguide_catalog_text(SIPGUIDE_TEXT_PHRASE_UNREAD));
}
