/* sipguide-flow.c
 * The flow around a response or a request, from the facts the model keeps:
 * outcomes of calls and registrations (the tokens of data/vocabulary.txt,
 * the code's or the class's from data/, refined by what the flow shows),
 * inherited Reasons, ACKs, challenge loops, and the fate of requests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-diameter.h"
#include "sipguide-flow.h"
#include "sipguide-model.h"
#include "sipguide-quote.h"
#include "sipguide-reason.h"
#include "sipguide-transaction.h"

static gboolean
is(const char *method, const char *name)
{
    return method != NULL && strcmp(method, name) == 0;
}

/* Whether the capture runs on for 64*T1 after 'us': time enough for the
 * transaction timers (B, F, H) to fire. */
static gboolean
timers_ran_out(gint64 us)
{
    return sipguide_model_latest_us() - us > (gint64)64 * sipguide_model_t1_ms() * 1000;
}

gint64
sipguide_flow_ack_wait_us(void)
{
    return (gint64)16 * sipguide_model_t1_ms() * 1000;
}

/* Whether the capture runs on long enough after 'us' to say an ACK is not
 * coming. */
static gboolean
ack_overdue(gint64 us)
{
    return sipguide_model_latest_us() - us > sipguide_flow_ack_wait_us();
}

/* Milliseconds from 'us' to the end of what the model has read. */
static guint32
ms_to_end(gint64 us)
{
    return (guint32)CLAMP((sipguide_model_latest_us() - us) / 1000, (gint64)0, (gint64)G_MAXUINT32);
}

gboolean
sipguide_flow_retry_window_over(packet_info *pinfo)
{
    return sipguide_model_latest_us() - sipguide_model_arrival_us(pinfo)
           > (gint64)SIPGUIDE_CHALLENGE_LIFE_S * 1000000;
}

guint32
sipguide_flow_ms_to_end(packet_info *pinfo)
{
    return ms_to_end(sipguide_model_arrival_us(pinfo));
}

static sipguide_tx_line_t *
line(sipguide_tx_line_t *tx, guint *count, sipguide_item_t item, sipguide_text_t text,
     guint32 link, guint32 frame, sipguide_raise_t raise)
{
    guint n = *count;

    sipguide_diagnose_line(tx, count, item, text, link, frame, raise);
    return *count > n ? &tx[n] : NULL;
}

/* ---------------------------------------------------------------------- */
/* Responses */

/* The Reasons an INVITE's final response inherits. */
static void
inherited_reasons(sipguide_result_t *r, const sipguide_facts_t *f)
{
    guint i;

    for (i = 0; i < f->nlinks; i++) {
        const sipguide_link_t *l = sipguide_facts_nth(f, i);
        guint32 kind = SIPGUIDE_LINK_KIND(l->kind), packed = SIPGUIDE_LINK_DATA(l->kind);
        sipguide_reason_proto_t proto;
        guint32 cause;
        sipguide_text_t text;
        sipguide_tx_line_t *t;

        if (kind == SIPGUIDE_LINK_REASON_EARLY)
            text = SIPGUIDE_TEXT_REASON_EARLY;
        else if (kind == SIPGUIDE_LINK_REASON_CANCEL)
            text = sipguide_reason_unpack(packed, &proto, &cause) && proto == SIPGUIDE_REASON_SIP
                   && cause == 200 ? SIPGUIDE_TEXT_REASON_CANCEL_ELSEWHERE : SIPGUIDE_TEXT_REASON_CANCEL;
        else
            continue;
        t = line(r->tx, &r->tx_count, SIPGUIDE_ITEM_REASON_INHERITED_IN, text, l->frame, l->frame,
                 SIPGUIDE_RAISE_NONE);
        if (t != NULL)
            t->reason = packed;
    }
}

/* Whether a 487's CANCEL said another branch answered (RFC 3326: Reason
 * SIP cause 200, "Call completed elsewhere"). */
static gboolean
completed_elsewhere(const sipguide_facts_t *f)
{
    guint i;

    for (i = 0; i < f->nlinks; i++) {
        const sipguide_link_t *l = sipguide_facts_nth(f, i);
        sipguide_reason_proto_t proto;
        guint32 cause;

        if (SIPGUIDE_LINK_KIND(l->kind) == SIPGUIDE_LINK_REASON_CANCEL
            && sipguide_reason_unpack(SIPGUIDE_LINK_DATA(l->kind), &proto, &cause)
            && proto == SIPGUIDE_REASON_SIP && cause == 200)
            return TRUE;
    }
    return FALSE;
}

static void
set_outcome(sipguide_result_t *r, packet_info *pinfo, sipguide_vocab_t vocab, int outcome,
            sipguide_text_t text)
{
    sipguide_tx_line_t *l = &r->outcome_line;

    if (outcome == SIPGUIDE_NONE)
        return;
    if (vocab == SIPGUIDE_VOCAB_CALL_OUTCOME)
        r->call_outcome = outcome;
    else
        r->reg_outcome = outcome;
    memset(l, 0, sizeof(*l));
    l->item = SIPGUIDE_ITEM_NOTE;
    l->text = text;
    l->frame = pinfo->num;
    l->code = r->code;
    l->outcome = outcome;
    l->vocab = vocab;
}

/* The outcome a failure takes from the Diameter answer behind it
 * (data/diameter.txt 'outcome': a refusal of the HSS or the PCRF rejects,
 * a fault fails, whatever the SIP code); SIPGUIDE_NONE without one. */
static int
diameter_outcome(const sipguide_result_t *r, sipguide_vocab_t vocab)
{
    const sipguide_diam_entry_t *e;

    if (r->diameter_frame == 0 || r->code < 400 || r->code == 401 || r->code == 407 || r->code == 487)
        return SIPGUIDE_NONE;
    e = sipguide_diameter_entry(r->diameter_data);
    return e != NULL && e->outcome != NULL ? sipguide_term_find(vocab, e->outcome) : SIPGUIDE_NONE;
}

/* The outcome of the call or the registration this final response ends.
 * A challenge that was retried decides nothing: the retry does, and one
 * that was not decides only once the client had time to retry.  A 2xx
 * whose ACK never came did not set the call up; a 487 without a CANCEL on
 * its hop does not say the caller cancelled; a refused refresh leaves the
 * binding in place. */
static void
outcome(packet_info *pinfo, const sipguide_facts_t *f, gboolean later_known, gboolean unacked,
        sipguide_result_t *r)
{
    const sipguide_guide_t *g = &r->guide;
    gboolean challenge = r->code == 401 || r->code == 407;

    if (r->code < 200)
        return;
    if (is(r->method, "INVITE") && !(f->context & SIPGUIDE_CTX_IN_DIALOG)) {
        if (challenge) {
            if (sipguide_facts_get(f, SIPGUIDE_LINK_AUTH_RETRY_IN) == 0 && later_known
                && sipguide_flow_retry_window_over(pinfo))
                set_outcome(r, pinfo, SIPGUIDE_VOCAB_CALL_OUTCOME, g->call_outcome,
                            SIPGUIDE_TEXT_OUTCOME_NO_RETRY);
        } else if (r->code == 487 && completed_elsewhere(f)) {
            set_outcome(r, pinfo, SIPGUIDE_VOCAB_CALL_OUTCOME,
                        sipguide_term_find(SIPGUIDE_VOCAB_CALL_OUTCOME, "completed-elsewhere"),
                        SIPGUIDE_TEXT_OUTCOME);
        } else if (r->code == 487 && sipguide_facts_get(f, SIPGUIDE_LINK_CANCEL_IN) == 0) {
            set_outcome(r, pinfo, SIPGUIDE_VOCAB_CALL_OUTCOME,
                        sipguide_term_find(SIPGUIDE_VOCAB_CALL_OUTCOME, "terminated"),
                        SIPGUIDE_TEXT_OUTCOME);
        } else if (unacked) {
            set_outcome(r, pinfo, SIPGUIDE_VOCAB_CALL_OUTCOME,
                        sipguide_term_find(SIPGUIDE_VOCAB_CALL_OUTCOME, "unconfirmed"),
                        SIPGUIDE_TEXT_OUTCOME);
        } else {
            int o = diameter_outcome(r, SIPGUIDE_VOCAB_CALL_OUTCOME);
            set_outcome(r, pinfo, SIPGUIDE_VOCAB_CALL_OUTCOME, o != SIPGUIDE_NONE ? o : g->call_outcome,
                        SIPGUIDE_TEXT_OUTCOME);
        }
    } else if (is(r->method, "REGISTER")) {
        int o = g->reg_outcome;

        if (diameter_outcome(r, SIPGUIDE_VOCAB_REG_OUTCOME) != SIPGUIDE_NONE)
            o = diameter_outcome(r, SIPGUIDE_VOCAB_REG_OUTCOME);
        else if (challenge && r->auth == SIPGUIDE_AUTH_REJECTED)
            o = sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "rejected");
        else if (r->code < 300 && f->asked_expires == 0)
            o = sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "deregistered");
        else if (r->code < 300 && (f->flags & SIPGUIDE_FACT_REFRESH))
            o = sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "refreshed");
        else if (r->code >= 300 && !challenge && (f->flags & SIPGUIDE_FACT_REFRESH))
            o = sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "refresh-refused");
        set_outcome(r, pinfo, SIPGUIDE_VOCAB_REG_OUTCOME, o, SIPGUIDE_TEXT_OUTCOME);
    }
}

void
sipguide_flow_response(packet_info *pinfo, const sipguide_facts_t *f, gboolean later_known,
                       sipguide_result_t *r)
{
    guint32 frame;
    sipguide_tx_line_t *l;
    const sipguide_link_t *b;
    gboolean unacked = FALSE;

    r->call_outcome = SIPGUIDE_NONE;
    r->reg_outcome = SIPGUIDE_NONE;
    if (!(f->flags & SIPGUIDE_FACT_MODELLED) || (f->flags & (SIPGUIDE_FACT_DUPLICATE | SIPGUIDE_FACT_RESENT)))
        return;

    /* A 2xx to INVITE and its ACK (RFC 3261 §13.3.1.4). */
    if (is(r->method, "INVITE") && r->code >= 200 && r->code < 300) {
        if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_ACK_IN)) != 0)
            line(r->tx, &r->tx_count, SIPGUIDE_ITEM_ACK_IN, SIPGUIDE_TEXT_ACK_IN, frame, frame,
                 SIPGUIDE_RAISE_NONE);
        else if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_ACK_OTHER_HOP_IN)) != 0
                 && !(f->flags & SIPGUIDE_FACT_2XX_RESENT))
            line(r->tx, &r->tx_count, SIPGUIDE_ITEM_ACK_OTHER_HOP_IN, SIPGUIDE_TEXT_ACK_OTHER_HOP, frame,
                 frame, SIPGUIDE_RAISE_NONE);
        else if (PINFO_FD_VISITED(pinfo)) {
            gint64 us = sipguide_model_arrival_us(pinfo);
            gboolean overdue = ack_overdue(us);

            /* The callee resends a 2xx until an ACK reaches it: without
             * resends the ACK went another way. */
            unacked = overdue && (f->flags & SIPGUIDE_FACT_2XX_RESENT) != 0;
            l = line(r->tx, &r->tx_count, SIPGUIDE_ITEM_NOTE,
                     unacked ? SIPGUIDE_TEXT_NO_ACK
                             : overdue ? SIPGUIDE_TEXT_NO_ACK_ELSEWHERE : SIPGUIDE_TEXT_NO_ACK_YET,
                     0, 0, unacked ? SIPGUIDE_RAISE_NO_ACK : SIPGUIDE_RAISE_NONE);
            if (l != NULL)
                l->number = ms_to_end(us);
        }
    }
    if (is(r->method, "INVITE") && r->code >= 300)
        inherited_reasons(r, f);

    /* Challenges since the client's last success. */
    if (r->code == 401 || r->code == 407) {
        r->challenges = f->challenges;
        r->resyncs = f->resyncs;
        if ((f->flags & SIPGUIDE_FACT_AUTH_LOOP)
            && (frame = sipguide_facts_get(f, SIPGUIDE_LINK_AUTH_FIRST_REJECTED_IN)) != 0
            && (l = line(r->tx, &r->tx_count, SIPGUIDE_ITEM_AUTH_FIRST_REJECTED_IN,
                         SIPGUIDE_TEXT_AUTH_LOOP, frame, frame, SIPGUIDE_RAISE_AUTH_LOOP)) != NULL)
            l->number = f->challenges;
        else if ((f->flags & SIPGUIDE_FACT_AUTH_LOOP) && f->resyncs >= 2
                 && (l = line(r->tx, &r->tx_count, SIPGUIDE_ITEM_NOTE, SIPGUIDE_TEXT_RESYNC_LOOP, 0, 0,
                              SIPGUIDE_RAISE_AUTH_LOOP)) != NULL)
            l->number = f->resyncs;
    }
    /* A refused REGISTER refresh: the binding it leaves in place. */
    if (is(r->method, "REGISTER") && (b = sipguide_facts_find(f, SIPGUIDE_LINK_BINDING_IN)) != NULL
        && (l = line(r->tx, &r->tx_count, SIPGUIDE_ITEM_NOTE, SIPGUIDE_TEXT_REGISTRATION_STILL_VALID, 0,
                     b->frame, SIPGUIDE_RAISE_NONE)) != NULL)
        l->number = (guint32)MIN((guint64)SIPGUIDE_LINK_DATA(b->kind) * 1000, (guint64)G_MAXUINT32);
    outcome(pinfo, f, later_known, unacked, r);
}

/* ---------------------------------------------------------------------- */
/* Requests */

static void
request_outcome(packet_info *pinfo, const sipguide_facts_t *f, sipguide_request_result_t *q)
{
    guint32 final = sipguide_facts_get(f, SIPGUIDE_LINK_FINAL_IN);
    guint32 provisional = sipguide_facts_get(f, SIPGUIDE_LINK_PROVISIONAL_IN);
    gint64 us = sipguide_model_arrival_us(pinfo);
    const sipguide_link_t *gave_up = sipguide_facts_find(f, SIPGUIDE_LINK_GAVE_UP_IN);
    const sipguide_link_t *failed_over = sipguide_facts_find(f, SIPGUIDE_LINK_FAILED_OVER_IN);
    const sipguide_link_t *leg = gave_up != NULL ? gave_up : failed_over;
    const sipguide_link_t *icmp = sipguide_facts_find(f, SIPGUIDE_LINK_ICMP_ERROR_IN);
    sipguide_tx_line_t *l;

    /* Of two, the one that came first tells what the client did. */
    if (gave_up != NULL && failed_over != NULL && failed_over->frame < gave_up->frame)
        leg = failed_over;
    if (final != 0) {
        q->outcome = "final";
        if ((l = line(q->tx, &q->tx_count, SIPGUIDE_ITEM_FINAL_IN,
                      (f->flags & SIPGUIDE_FACT_FINAL_OWN_PHRASE) ? SIPGUIDE_TEXT_REQUEST_FINAL_OWN_PHRASE
                                                                  : SIPGUIDE_TEXT_REQUEST_FINAL,
                      final, final, SIPGUIDE_RAISE_NONE)) != NULL)
            l->code = f->code;
    } else if (provisional != 0 && is(q->method, "INVITE")) {
        q->outcome = "provisional-only";
        line(q->tx, &q->tx_count, SIPGUIDE_ITEM_NOTE, SIPGUIDE_TEXT_REQUEST_PROVISIONAL_ONLY, 0,
             provisional, SIPGUIDE_RAISE_NO_FINAL);
    } else if (leg != NULL && provisional == 0) {
        /* Its client, a proxy, stopped waiting: the capture shows it. */
        q->outcome = "timed-out";
        if ((l = line(q->tx, &q->tx_count,
                      leg == gave_up ? SIPGUIDE_ITEM_GIVEN_UP_IN : SIPGUIDE_ITEM_FAILED_OVER_IN,
                      leg == gave_up ? SIPGUIDE_TEXT_REQUEST_GIVEN_UP : SIPGUIDE_TEXT_REQUEST_FAILED_OVER,
                      leg->frame, leg->frame, SIPGUIDE_RAISE_TIMED_OUT)) != NULL) {
            l->code = SIPGUIDE_LEG_CODE(SIPGUIDE_LINK_DATA(leg->kind));
            l->number = SIPGUIDE_LEG_TENTHS(SIPGUIDE_LINK_DATA(leg->kind)) * 100u;
        }
    } else if (timers_ran_out(us)) {
        q->outcome = "timed-out";
        /* A client that takes an ICMP error for a transport failure does
         * not wait for its timer. */
        line(q->tx, &q->tx_count, SIPGUIDE_ITEM_NOTE,
             icmp != NULL ? SIPGUIDE_TEXT_REQUEST_TIMED_OUT_ICMP
             : is(q->method, "INVITE") ? SIPGUIDE_TEXT_REQUEST_TIMED_OUT_INVITE : SIPGUIDE_TEXT_REQUEST_TIMED_OUT,
             0, 0, SIPGUIDE_RAISE_TIMED_OUT);
        /* An initial INVITE or a REGISTER that nothing answered decides
         * its call or registration. */
        if (is(q->method, "INVITE") && !(f->context & SIPGUIDE_CTX_IN_DIALOG))
            q->call_outcome = sipguide_term_find(SIPGUIDE_VOCAB_CALL_OUTCOME, "timed-out");
        else if (is(q->method, "REGISTER"))
            q->reg_outcome = sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "failed");
        if (q->call_outcome != SIPGUIDE_NONE || q->reg_outcome != SIPGUIDE_NONE) {
            l = &q->outcome_line;
            memset(l, 0, sizeof(*l));
            l->item = SIPGUIDE_ITEM_NOTE;
            l->text = SIPGUIDE_TEXT_OUTCOME_TIMED_OUT;
            l->frame = pinfo->num;
            l->outcome = q->call_outcome != SIPGUIDE_NONE ? q->call_outcome : q->reg_outcome;
            l->vocab = q->call_outcome != SIPGUIDE_NONE ? SIPGUIDE_VOCAB_CALL_OUTCOME
                                                        : SIPGUIDE_VOCAB_REG_OUTCOME;
        }
    } else {
        /* An ICMP error says why nothing came so far. */
        q->outcome = "capture-ended";
        if ((l = line(q->tx, &q->tx_count, SIPGUIDE_ITEM_NOTE,
                      icmp != NULL ? SIPGUIDE_TEXT_REQUEST_CAPTURE_ENDED_ICMP
                      : f->copies > 1 ? SIPGUIDE_TEXT_REQUEST_CAPTURE_ENDED_RESENT
                                      : SIPGUIDE_TEXT_REQUEST_CAPTURE_ENDED, 0, 0,
                      SIPGUIDE_RAISE_NONE)) != NULL) {
            l->number = ms_to_end(us);
            l->challenge = f->copies;
        }
    }

    /* An ICMP error that quotes a copy of it: why it got no answer, and
     * whether its client took the error for one. */
    if (icmp != NULL) {
        static const sipguide_text_t texts[] = {
            [SIPGUIDE_ICMP_PORT] = SIPGUIDE_TEXT_REQUEST_ICMP_PORT,
            [SIPGUIDE_ICMP_HOST] = SIPGUIDE_TEXT_REQUEST_ICMP_HOST,
            [SIPGUIDE_ICMP_ADMIN] = SIPGUIDE_TEXT_REQUEST_ICMP_ADMIN,
            [SIPGUIDE_ICMP_TOO_BIG] = SIPGUIDE_TEXT_REQUEST_ICMP_TOO_BIG,
            [SIPGUIDE_ICMP_TTL] = SIPGUIDE_TEXT_REQUEST_ICMP_TTL,
            [SIPGUIDE_ICMP_OTHER] = SIPGUIDE_TEXT_REQUEST_ICMP_OTHER,
        };
        guint32 data = SIPGUIDE_LINK_DATA(icmp->kind);
        sipguide_icmp_kind_t kind = SIPGUIDE_ICMP_KIND(data);

        if ((l = line(q->tx, &q->tx_count, SIPGUIDE_ITEM_ICMP_ERROR_IN,
                      kind < G_N_ELEMENTS(texts) ? texts[kind] : SIPGUIDE_TEXT_REQUEST_ICMP_OTHER,
                      icmp->frame, icmp->frame, SIPGUIDE_RAISE_ICMP_ERROR)) != NULL) {
            l->number = SIPGUIDE_ICMP_MTU(data);
            l->challenge = SIPGUIDE_ICMP_COUNT(data);
        }
        if (SIPGUIDE_ICMP_RESENT(data))
            line(q->tx, &q->tx_count, SIPGUIDE_ITEM_NOTE, SIPGUIDE_TEXT_REQUEST_ICMP_IGNORED,
                 icmp->frame, icmp->frame, SIPGUIDE_RAISE_NONE);
    }

    /* How often the client sent it (RFC 3261 §17.1.1.2, §17.1.2.2). */
    q->copies = f->copies;
    if (f->copies > 1 && (l = line(q->tx, &q->tx_count, SIPGUIDE_ITEM_NOTE,
                                   (f->flags & SIPGUIDE_FACT_COPIES_ODD) ? SIPGUIDE_TEXT_REQUEST_COPIES_ODD
                                   : sipguide_facts_get(f, SIPGUIDE_LINK_ANSWERED_BEFORE_IN) != 0
                                   ? SIPGUIDE_TEXT_REQUEST_COPIES_ANSWERED : SIPGUIDE_TEXT_REQUEST_COPIES,
                                   0, 0, (f->flags & SIPGUIDE_FACT_COPIES_ODD) ? SIPGUIDE_RAISE_ODD_COPIES
                                                                               : SIPGUIDE_RAISE_NONE)) != NULL) {
        l->number = f->copies;
        l->challenge = sipguide_facts_get(f, SIPGUIDE_LINK_ANSWERED_BEFORE_IN);
    }

    /* A CANCEL, and the final response of the INVITE it cancels. */
    if (is(q->method, "CANCEL")) {
        guint32 invite_final = sipguide_facts_get(f, SIPGUIDE_LINK_INVITE_FINAL_IN);
        if (invite_final != 0)
            line(q->tx, &q->tx_count, SIPGUIDE_ITEM_INVITE_FINAL_IN, SIPGUIDE_TEXT_CANCEL_INVITE_FINAL,
                 invite_final, invite_final, SIPGUIDE_RAISE_NONE);
        else if (final != 0)
            line(q->tx, &q->tx_count, SIPGUIDE_ITEM_NOTE,
                 timers_ran_out(us) ? SIPGUIDE_TEXT_CANCEL_NO_FINAL : SIPGUIDE_TEXT_CANCEL_NO_FINAL_YET,
                 0, 0, timers_ran_out(us) ? SIPGUIDE_RAISE_NO_FINAL : SIPGUIDE_RAISE_NONE);
    }
}

gboolean
sipguide_flow_request(packet_info *pinfo, const sipguide_facts_t *f, sipguide_request_result_t *q)
{
    sipguide_tx_line_t *l;
    guint32 frame;

    memset(q, 0, sizeof(*q));
    q->method = sipguide_facts_method(f);
    q->call_outcome = SIPGUIDE_NONE;
    q->reg_outcome = SIPGUIDE_NONE;
    if (!(f->flags & SIPGUIDE_FACT_MODELLED) || is(q->method, "ACK"))
        return FALSE;

    /* What one pass knows: copies and other capture points. */
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_DUPLICATE_OF)) != 0)
        line(q->tx, &q->tx_count, SIPGUIDE_ITEM_DUPLICATE_OF, SIPGUIDE_TEXT_DUPLICATE, frame, frame,
             SIPGUIDE_RAISE_DUPLICATE);
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_RETRANSMISSION_OF)) != 0) {
        guint32 answered = sipguide_facts_get(f, SIPGUIDE_LINK_ANSWERED_BEFORE_IN);
        if ((l = line(q->tx, &q->tx_count, SIPGUIDE_ITEM_RETRANSMISSION_OF,
                      answered != 0 ? SIPGUIDE_TEXT_REQUEST_RETRANSMISSION_ANSWERED
                                    : SIPGUIDE_TEXT_REQUEST_RETRANSMISSION,
                      frame, frame, SIPGUIDE_RAISE_NONE)) != NULL)
            l->challenge = answered;
    }
    if ((frame = sipguide_facts_get(f, SIPGUIDE_LINK_ALSO_SEEN_IN)) != 0)
        line(q->tx, &q->tx_count, SIPGUIDE_ITEM_ALSO_SEEN_IN, SIPGUIDE_TEXT_ALSO_SEEN, frame, frame,
             SIPGUIDE_RAISE_NONE);

    /* Its fate needs the whole file: the first copy tells it. */
    if (PINFO_FD_VISITED(pinfo) && !(f->flags & (SIPGUIDE_FACT_DUPLICATE | SIPGUIDE_FACT_RESENT)))
        request_outcome(pinfo, f, q);
    return q->tx_count > 0 || q->outcome != NULL;
}
