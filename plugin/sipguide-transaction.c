/* sipguide-transaction.c
 * Transactions as RFC 3261 matches them: the top Via branch with the magic
 * cookie, its sent-by and the method (§17.1.3, §17.2.3; an ACK of a
 * non-2xx belongs to its INVITE, a CANCEL is a transaction of its own),
 * or, without the cookie, Call-ID, From tag, CSeq and the top Via (the RFC
 * 2543 rule).  Each transaction keeps one slot per hop it was seen on; a
 * response takes the slot its hop answers.  A second table keeps each
 * distinct response (code, To tag, RSeq) per hop, to tell its resends and
 * capture duplicates, and a third the open challenges of each client.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-diameter.h"
#include "sipguide-intern.h"
#include "sipguide-quote.h"
#include "sipguide-table.h"
#include "sipguide-transaction.h"

#define HOPS 2                  /* capture points a transaction is followed on */
#define CLIENT_HOPS 4           /* hops a client's requests cross (one per proxy) */

/* Two copies with the same bytes on one hop are one packet seen twice
 * (a port mirror, two merged captures, a transport resend) when they are
 * this close: with the same IPv4 identification, or without one. */
#define DUPLICATE_SAME_ID_MS 1000
#define DUPLICATE_NO_ID_MS   10

/* A gap longer than this between a request and its response says more
 * about the capture's clock than about the network. */
#define IMPLAUSIBLE_MS (3600 * 1000)

#define TIMER_C_S  180          /* RFC 3261 §16.6: more than 3 minutes */

#define MAX_TRANSACTIONS 262144
#define MAX_RESPONSES    262144
#define MAX_CLIENTS      131072

/* The copies of one message on one hop. */
typedef struct {
    sipguide_hop_t hop;
    guint8   has_ip_id;
    guint16  last_ip_id;
    guint32  first_frame;
    guint32  last_frame;
    guint32  last_hash;
    gint64   last_us;
} copies_t;

/* Bits of slot_t.flags: what the request carried. */
#define REQ_CREDENTIALS 0x01u
#define REQ_AUTS        0x02u
#define REQ_TO_TAG      0x04u
#define REQ_SDP         0x08u
#define REQ_NO_SDP      0x10u
#define REQ_MF_ZERO     0x20u           /* Max-Forwards 0 */
#define REQ_MF_MORE     0x40u           /* a higher Max-Forwards */
#define REQ_T38         0x80u           /* an SDP offer of T.38 fax */

/* One transaction on one hop. */
typedef struct {
    copies_t          request;          /* the request's direction */
    guint32           via_ep;           /* where its responses go */
    gint64            first_us;
    guint32           cred_realm;
    guint32           cred_nonce;
    guint32           impi;             /* identity keys for Diameter */
    guint32           icid;
    guint32           cancel_frame;
    guint32           final_frame;
    guint32           resent_frame;     /* the latest copy that was sent again */
    guint32           answered_frame;   /* the first response on this hop */
    gint64            resent_us;
    guint32           first_dialog_frame;
    guint32           first_to_tag;     /* hash of the first To tag answered */
    gint32            expires;
    guint8            flags;            /* REQ_* */
    guint8            n_early;          /* Reason values of the latest 18x that had one */
    guint8            n_cancel;         /* Reason values of the CANCEL */
    guint32           early_frame;
    guint32           early_reasons[2];
    guint32           cancel_reasons[2];
    guint16           event;            /* interned */
    sipguide_facts_t *facts;            /* the first copy's, when kept */
    sipguide_facts_t *cancel_facts;     /* the CANCEL's, when kept */
} slot_t;

/* A transaction (a response) on its first capture point; on the others
 * in transactions_more (responses_more), sipguide_table_slot(). */
typedef struct {
    sipguide_rec_t h;               /* h.spare: the slots in use */
    slot_t         slot;
} txn_rec_t;

typedef struct {
    sipguide_rec_t h;
    slot_t         slots[HOPS - 1];
} txn_more_t;

typedef struct {
    sipguide_rec_t h;               /* h.spare: the slots in use */
    copies_t       slot;
} response_rec_t;

typedef struct {
    sipguide_rec_t h;
    copies_t       slots[HOPS - 1];
} response_more_t;

/* The open challenge of one client on one hop, and what its challenges
 * have been since its last success. */
typedef struct {
    sipguide_hop_t    hop;              /* the client's direction */
    guint32           frame;            /* the 401/407 */
    guint32           cseq;
    guint32           realm;
    guint32           nonce;
    guint32           retry_frame;      /* the request that answered it */
    guint32           retry_cseq;
    guint32           first_rejected;   /* the first attempt whose credentials failed */
    guint8            challenges;
    guint8            rejections;
    guint8            resyncs;
    gboolean          registered;       /* a REGISTER of this client succeeded */
    guint32           binding_frame;    /* that 2xx */
    guint32           binding_until;    /* when its binding expires, model clock */
    sipguide_facts_t *facts;
} client_slot_t;

typedef struct {
    sipguide_rec_t h;
    guint          nslots;
    client_slot_t  slots[CLIENT_HOPS];
} client_rec_t;

/* A 2xx to INVITE waiting for its ACK (a transaction of its own, RFC 3261
 * §13.2.2.4), per hop. */
typedef struct {
    sipguide_hop_t    hop;              /* the 2xx's direction */
    guint32           frame;
    gboolean          acked;
    sipguide_facts_t *facts;
} ack_slot_t;

typedef struct {
    sipguide_rec_t h;
    guint          nslots;
    ack_slot_t     slots[CLIENT_HOPS];
} ack_rec_t;

static sipguide_table_t *transactions, *transactions_more;
static sipguide_table_t *responses, *responses_more;
static sipguide_table_t *clients;
static sipguide_table_t *acks;

void
sipguide_transaction_register(void)
{
    transactions = sipguide_table_new(sizeof(txn_rec_t), MAX_TRANSACTIONS);
    transactions_more = sipguide_table_new(sizeof(txn_more_t), MAX_TRANSACTIONS);
    responses = sipguide_table_new(sizeof(response_rec_t), MAX_RESPONSES);
    responses_more = sipguide_table_new(sizeof(response_more_t), MAX_RESPONSES);
    clients = sipguide_table_new(sizeof(client_rec_t), MAX_CLIENTS);
    acks = sipguide_table_new(sizeof(ack_rec_t), MAX_TRANSACTIONS);
}

void
sipguide_transaction_shutdown(void)
{
    sipguide_table_drop(&transactions);
    sipguide_table_drop(&transactions_more);
    sipguide_table_drop(&responses);
    sipguide_table_drop(&responses_more);
    sipguide_table_drop(&clients);
    sipguide_table_drop(&acks);
}

void
sipguide_transaction_clear(void)
{
    sipguide_table_clear(transactions);
    sipguide_table_clear(transactions_more);
    sipguide_table_clear(responses);
    sipguide_table_clear(responses_more);
    sipguide_table_clear(clients);
    sipguide_table_clear(acks);
}

void
sipguide_transaction_sweep(guint32 now)
{
    sipguide_table_sweep(transactions, now);
    sipguide_table_sweep(transactions_more, now);
    sipguide_table_sweep(responses, now);
    sipguide_table_sweep(responses_more, now);
    sipguide_table_sweep(clients, now);
    sipguide_table_sweep(acks, now);
}

gboolean
sipguide_transaction_refused(void)
{
    return sipguide_table_refused(transactions) > 0 || sipguide_table_refused(responses) > 0
           || sipguide_table_refused(clients) > 0 || sipguide_table_refused(acks) > 0
           || sipguide_table_refused(transactions_more) > 0
           || sipguide_table_refused(responses_more) > 0;
}

/* ---------------------------------------------------------------------- */
/* Keys */

static guint64
transaction_key(const sipguide_values_t *v, const char *method)
{
    sipguide_raw_t m = sipguide_raw_str(method);
    guint64 key;

    if (v->rfc3261_branch)
        return sipguide_model_key_number(sipguide_model_key('T', v->branch, v->sent_by, m),
                                         v->sent_by_port);
    /* RFC 2543: no cookie, so the branch (if any) is only part of the top Via. */
    key = sipguide_model_key('2', v->call_id, v->from_tag, m);
    if (v->branch.p != NULL)
        key = sipguide_model_key_text(key, v->branch);
    else
        key = sipguide_model_key_number(sipguide_model_key_text(key, v->sent_by), v->sent_by_port);
    return sipguide_model_key_number(key, v->cseq);
}

/* One response of a transaction: its code, To tag and RSeq. */
static guint64
response_key(guint64 transaction, const sipguide_values_t *v)
{
    guint64 key = sipguide_model_key('S', v->to_tag, SIPGUIDE_NO_RAW, SIPGUIDE_NO_RAW);

    key = sipguide_model_key_number(key, transaction);
    key = sipguide_model_key_number(key, v->code);
    return sipguide_model_key_number(key, v->has_rseq ? v->rseq : 0);
}

/* A client: its Call-ID, its From tag (REGISTER refreshes may change it)
 * and the method it sends. */
static guint64
client_key(const sipguide_values_t *v)
{
    gboolean reg = strcmp(v->method, "REGISTER") == 0;

    return sipguide_model_key('A', v->call_id, reg ? SIPGUIDE_NO_RAW : v->from_tag,
                              sipguide_raw_str(v->method));
}

/* ---------------------------------------------------------------------- */
/* Copies */

static void
copies_start(copies_t *c, const sipguide_step_t *s)
{
    c->hop = s->hop;
    c->first_frame = s->frame;
    c->last_frame = s->frame;
    c->last_us = s->us;
    c->last_hash = s->v->content_hash;
    c->has_ip_id = (guint8)s->has_ip_id;
    c->last_ip_id = s->ip_id;
}

/* Whether this message repeats the last copy as the same packet seen
 * twice, rather than as a message sent again. */
static gboolean
is_duplicate(const copies_t *c, const sipguide_step_t *s, gboolean resendable_on_reliable)
{
    gint64 dt = (s->us - c->last_us) / 1000;

    if (dt < 0)
        dt = -dt;
    if (c->last_hash == 0 || c->last_hash != s->v->content_hash)
        return FALSE;
    if (c->has_ip_id && s->has_ip_id && c->last_ip_id == s->ip_id)
        return dt <= DUPLICATE_SAME_ID_MS;
    if (dt <= DUPLICATE_NO_ID_MS)
        return TRUE;
    /* Over TCP or SCTP SIP resends nothing but a 2xx to INVITE (§13.3.1.4):
     * the same bytes again are the transport's or the capture's copy. */
    return !resendable_on_reliable && s->hop.transport != SIPGUIDE_TRANSPORT_UDP
           && s->hop.transport != SIPGUIDE_TRANSPORT_OTHER;
}

/* A later copy on the same hop: a duplicate or a resend.  Marks the facts
 * (a resend's link carries 'why', a sipguide_resend_t) and moves the
 * copies on; TRUE for a resend. */
static gboolean
copies_again(copies_t *c, const sipguide_step_t *s, gboolean resendable_on_reliable, guint32 why)
{
    gboolean resent = FALSE;

    if (is_duplicate(c, s, resendable_on_reliable)) {
        s->facts->flags |= SIPGUIDE_FACT_DUPLICATE;
        sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_DUPLICATE_OF, c->last_frame);
    } else {
        resent = TRUE;
        s->facts->flags |= SIPGUIDE_FACT_RESENT;
        sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_RETRANSMISSION_OF, why, c->first_frame);
    }
    c->last_frame = s->frame;
    c->last_us = s->us;
    c->last_hash = s->v->content_hash;
    c->has_ip_id = (guint8)s->has_ip_id;
    c->last_ip_id = s->ip_id;
    return resent;
}

/* Whether a request resent 'gap_us' after its previous copy keeps the
 * retransmission timer of RFC 3261 §17.1.1.2 and §17.1.2.2: T1 doubling for
 * each resend, up to T2 (4 s) for a non-INVITE; a reliable transport
 * resends nothing. */
static gboolean
resend_on_time(const sipguide_step_t *s, guint resend, gint64 gap_us, gboolean invite)
{
    gint64 expected = (gint64)sipguide_model_t1_ms() * 1000;

    if (s->hop.transport != SIPGUIDE_TRANSPORT_UDP)
        return FALSE;
    while (--resend > 0 && expected < G_GINT64_CONSTANT(1) << 40)
        expected *= 2;
    if (!invite && expected > 4000000)
        expected = 4000000;
    return gap_us >= expected * 7 / 10 && gap_us <= expected * 3 / 2 + 100000;
}

static int
request_way_score(const void *slot, const void *hop)
{
    return sipguide_hop_same_way(&((const slot_t *)slot)->request.hop, (const sipguide_hop_t *)hop);
}

static int
copies_way_score(const void *slot, const void *hop)
{
    return sipguide_hop_same_way(&((const copies_t *)slot)->hop, (const sipguide_hop_t *)hop);
}

static int
answers_score(const void *slot, const void *hop)
{
    const slot_t *t = (const slot_t *)slot;

    return sipguide_hop_answers(&t->request.hop, t->via_ep, (const sipguide_hop_t *)hop);
}

/* The slot of a transaction (of a response) whose copies went the hop's
 * way, or NULL. */
static slot_t *
txn_same_way(txn_rec_t *r, const sipguide_hop_t *hop)
{
    return r == NULL ? NULL
         : (slot_t *)sipguide_table_best_slot(transactions_more, &r->h, &r->slot, sizeof(slot_t),
                                              request_way_score, hop);
}

static copies_t *
response_same_way(response_rec_t *r, const sipguide_hop_t *hop)
{
    return r == NULL ? NULL
         : (copies_t *)sipguide_table_best_slot(responses_more, &r->h, &r->slot, sizeof(copies_t),
                                                copies_way_score, hop);
}

static guint32
deadline(const sipguide_step_t *s, guint32 life)
{
    return s->now_s + life;
}

/* ---------------------------------------------------------------------- */
/* Challenges */

static client_slot_t *
client_slot(client_rec_t *r, const sipguide_hop_t *client_way)
{
    int best = -1, best_score = 0;
    guint i;

    for (i = 0; r != NULL && i < r->nslots; i++) {
        int score = sipguide_hop_same_way(&r->slots[i].hop, client_way);
        if (score > best_score) {
            best = (int)i;
            best_score = score;
        }
    }
    return best >= 0 ? &r->slots[best] : NULL;
}

/* A request with credentials answers the open challenge of its client. */
static void
challenge_answered(const sipguide_step_t *s)
{
    client_rec_t *r = (client_rec_t *)sipguide_table_find(clients, client_key(s->v));
    client_slot_t *c = client_slot(r, &s->hop);

    if (c == NULL || c->retry_frame != 0 || s->v->cseq <= c->cseq)
        return;
    c->retry_frame = s->frame;
    c->retry_cseq = s->v->cseq;
    if (c->facts != NULL)
        sipguide_facts_link(c->facts, wmem_file_scope(), SIPGUIDE_LINK_AUTH_RETRY_IN, s->frame);
}

static void
reverse(const sipguide_hop_t *in, sipguide_hop_t *out)
{
    out->src_ep = in->dst_ep;
    out->dst_ep = in->src_ep;
    out->src_addr = in->dst_addr;
    out->dst_addr = in->src_addr;
    out->transport = in->transport;
}

/* A 401/407: what the request it answers carried decides the verdict;
 * then it is the open challenge of its client. */
static void
challenge(const sipguide_step_t *s, const slot_t *req)
{
    const sipguide_values_t *v = s->v;
    sipguide_facts_t *f = s->facts;
    guint64 key = client_key(v);
    client_rec_t *r = (client_rec_t *)sipguide_table_find(clients, key);
    sipguide_hop_t client_way;
    client_slot_t *c;
    gboolean answered, with_credentials;
    guint32 rejected = 0;

    reverse(&s->hop, &client_way);
    c = client_slot(r, &client_way);
    /* Did the request answer the client's previous challenge? */
    answered = c != NULL && c->frame != 0
               && ((c->retry_cseq != 0 && c->retry_cseq == v->cseq)
                   || (req != NULL && c->nonce != 0 && req->cred_nonce == c->nonce));
    with_credentials = req != NULL ? (req->flags & REQ_CREDENTIALS) != 0 : answered;

    if (req == NULL && answered)
        f->context |= SIPGUIDE_CTX_CREDENTIALS;
    if (!with_credentials) {
        f->auth = req != NULL ? SIPGUIDE_AUTH_CHALLENGE : SIPGUIDE_AUTH_NONE;
    } else if (req != NULL && req->cred_realm != 0 && v->chal_realm != 0
               && req->cred_realm != v->chal_realm) {
        f->auth = SIPGUIDE_AUTH_CHALLENGE;      /* another realm asks now */
    } else if (v->stale) {
        f->auth = SIPGUIDE_AUTH_STALE;
    } else if (req != NULL && (req->flags & REQ_AUTS) != 0) {
        f->auth = SIPGUIDE_AUTH_RESYNC;
    } else if (answered) {
        f->auth = SIPGUIDE_AUTH_REJECTED;
        rejected = req != NULL ? req->request.first_frame : c->retry_frame;
    } else {
        f->auth = SIPGUIDE_AUTH_AGAIN;
    }
    if (answered && f->auth != SIPGUIDE_AUTH_CHALLENGE)
        sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_AUTH_PREVIOUS_IN, c->frame);
    sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_AUTH_REJECTED_IN, rejected);

    /* This challenge is now the client's open one. */
    if (r == NULL)
        r = (client_rec_t *)sipguide_table_add(clients, key, deadline(s, SIPGUIDE_CHALLENGE_LIFE_S));
    if (r == NULL)
        return;
    r->h.deadline = MAX(r->h.deadline, deadline(s, SIPGUIDE_CHALLENGE_LIFE_S));
    if (c == NULL) {
        if (r->nslots >= CLIENT_HOPS)
            return;
        c = &r->slots[r->nslots++];
        c->hop = client_way;
    }
    /* Count the challenges since the client's last success: from the
     * second rejection on, it is a loop. */
    if (c->challenges < G_MAXUINT8)
        c->challenges++;
    if (f->auth == SIPGUIDE_AUTH_RESYNC && c->resyncs < G_MAXUINT8)
        c->resyncs++;
    if (f->auth == SIPGUIDE_AUTH_REJECTED) {
        if (c->rejections < G_MAXUINT8)
            c->rejections++;
        if (c->first_rejected == 0)
            c->first_rejected = rejected;
    }
    f->challenges = c->challenges;
    f->resyncs = c->resyncs;
    if (c->rejections >= 2 || c->resyncs >= 2) {
        f->flags |= SIPGUIDE_FACT_AUTH_LOOP;
        sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_AUTH_FIRST_REJECTED_IN, c->first_rejected);
    }
    c->frame = s->frame;
    c->cseq = v->cseq;
    c->realm = v->chal_realm;
    c->nonce = v->chal_nonce;
    c->retry_frame = 0;
    c->retry_cseq = 0;
    c->facts = s->keep ? f : NULL;
}

/* A 2xx ends the client's challenges; a 2xx to REGISTER says whether the
 * registration was already in place (a refresh), and keeps the client's
 * record as long as the registration lasts. */
static void
client_success(const sipguide_step_t *s, const slot_t *req)
{
    const sipguide_values_t *v = s->v;
    gboolean reg = strcmp(v->method, "REGISTER") == 0;
    guint64 key = client_key(v);
    client_rec_t *r = (client_rec_t *)sipguide_table_find(clients, key);
    sipguide_hop_t client_way;
    client_slot_t *c;
    gint64 expires = req != NULL && req->expires >= 0 ? req->expires : v->expires;

    reverse(&s->hop, &client_way);
    c = client_slot(r, &client_way);
    if (c == NULL && reg) {
        if (r == NULL)
            r = (client_rec_t *)sipguide_table_add(clients, key, deadline(s, SIPGUIDE_CHALLENGE_LIFE_S));
        if (r != NULL && r->nslots < CLIENT_HOPS) {
            c = &r->slots[r->nslots++];
            c->hop = client_way;
        }
    }
    if (c == NULL)
        return;
    c->challenges = c->rejections = c->resyncs = 0;
    c->first_rejected = 0;
    if (!reg)
        return;
    if (c->registered && expires != 0)
        s->facts->flags |= SIPGUIDE_FACT_REFRESH;
    c->registered = expires != 0;
    c->binding_frame = s->frame;
    /* The expiry the registrar granted, else the one asked for. */
    if (v->expires >= 0)
        expires = v->expires;
    c->binding_until = expires > 0 ? s->now_s + (guint32)MIN(expires, (gint64)(24 * 3600)) : 0;
    if (expires > 0)
        r->h.deadline = MAX(r->h.deadline, s->now_s + (guint32)MIN(expires, (gint64)(24 * 3600))
                                           + sipguide_model_transaction_life());
}

/* A failure to a REGISTER of a client whose earlier registration is still
 * valid: only the refresh was refused (RFC 3261 §10.3). */
static void
client_refused(const sipguide_step_t *s)
{
    client_rec_t *r = (client_rec_t *)sipguide_table_find(clients, client_key(s->v));
    sipguide_hop_t client_way;
    client_slot_t *c;

    reverse(&s->hop, &client_way);
    c = client_slot(r, &client_way);
    if (c == NULL || !c->registered || c->binding_until <= s->now_s)
        return;
    s->facts->flags |= SIPGUIDE_FACT_REFRESH;
    sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_BINDING_IN,
                       MIN(c->binding_until - s->now_s, 0xffffffu), c->binding_frame);
}

/* The 2xx responses to INVITE of a dialog and CSeq that wait for an ACK. */
/* The 2xx responses of a dialog (Call-ID, tags) and CSeq number. */
static guint64
ack_key(const sipguide_values_t *v)
{
    return sipguide_model_key_number(sipguide_model_key('K', v->call_id, v->from_tag, v->to_tag),
                                     v->cseq);
}

static ack_rec_t *
ack_record(const sipguide_values_t *v)
{
    return (ack_rec_t *)sipguide_table_find(acks, ack_key(v));
}

/* An ACK of a 2xx: find the 2xx it acknowledges, on the same hop. */
static void
ack_of_2xx(const sipguide_step_t *s)
{
    ack_rec_t *r = ack_record(s->v);
    guint i;

    for (i = 0; r != NULL && i < r->nslots; i++) {
        ack_slot_t *a = &r->slots[i];
        if (!a->acked && sipguide_hop_same_pair(&a->hop, &s->hop) > 0) {
            a->acked = TRUE;
            if (a->facts != NULL)
                sipguide_facts_link(a->facts, wmem_file_scope(), SIPGUIDE_LINK_ACK_IN, s->frame);
            return;
        }
    }
    /* On no hop of a 2xx, but from the host the 2xx went to, or to the
     * host that sent it: the ACK took its own path (no Record-Route). */
    for (i = 0; r != NULL && i < r->nslots; i++) {
        ack_slot_t *a = &r->slots[i];
        if (!a->acked && a->facts != NULL
            && (s->hop.src_addr == a->hop.dst_addr || s->hop.dst_addr == a->hop.src_addr)
            && sipguide_facts_get(a->facts, SIPGUIDE_LINK_ACK_OTHER_HOP_IN) == 0)
            sipguide_facts_link(a->facts, wmem_file_scope(), SIPGUIDE_LINK_ACK_OTHER_HOP_IN, s->frame);
    }
}

/* A 2xx to INVITE waits for its ACK. */
static void
await_ack(const sipguide_step_t *s)
{
    const sipguide_values_t *v = s->v;
    guint64 key = ack_key(v);
    ack_rec_t *r;
    ack_slot_t *a;

    r = (ack_rec_t *)sipguide_table_find(acks, key);
    if (r == NULL)
        r = (ack_rec_t *)sipguide_table_add(acks, key, deadline(s, sipguide_model_transaction_life()));
    if (r == NULL || r->nslots >= CLIENT_HOPS)
        return;
    a = &r->slots[r->nslots++];
    a->hop = s->hop;
    a->frame = s->frame;
    a->facts = s->keep ? s->facts : NULL;
}

/* ---------------------------------------------------------------------- */
/* Requests */

/* A request sent again although its hop had already carried a response
 * back (a provisional one stops an INVITE's resends, a final one any):
 * that response did not reach the client, or the client did not match it. */
static void
answered_before(const sipguide_step_t *s, const slot_t *slot)
{
    guint32 response = slot->answered_frame;

    if (response == 0 || response > s->frame)
        return;
    sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_ANSWERED_BEFORE_IN, response);
    if (slot->facts != NULL && sipguide_facts_get(slot->facts, SIPGUIDE_LINK_ANSWERED_BEFORE_IN) == 0)
        sipguide_facts_link(slot->facts, wmem_file_scope(), SIPGUIDE_LINK_ANSWERED_BEFORE_IN, response);
}

/* A copy of a request sent after an ICMP error quoted an earlier one: its
 * client did not take the error for a transport failure. */
static void
resent_after_icmp(sipguide_facts_t *f)
{
    const sipguide_link_t *l = sipguide_facts_find(f, SIPGUIDE_LINK_ICMP_ERROR_IN);

    if (l != NULL)
        sipguide_facts_set_data(f, SIPGUIDE_LINK_ICMP_ERROR_IN,
                                SIPGUIDE_ICMP_WITH_RESENT(SIPGUIDE_LINK_DATA(l->kind)));
}

gboolean
sipguide_transaction_request(const sipguide_step_t *s)
{
    const sipguide_values_t *v = s->v;
    guint64 key;
    txn_rec_t *r;
    slot_t *slot;

    /* An ACK of a non-2xx final response carries its INVITE's branch but
     * is no copy of it; an ACK of a 2xx is a transaction of its own that
     * nothing answers. */
    if (strcmp(v->method, "ACK") == 0) {
        ack_of_2xx(s);
        return TRUE;
    }

    key = transaction_key(v, v->method);
    r = (txn_rec_t *)sipguide_table_find(transactions, key);
    if (r != NULL) {
        slot = txn_same_way(r, &s->hop);
        if (slot != NULL) {
            gint64 gap = s->us - slot->request.last_us;
            if (!copies_again(&slot->request, s, FALSE, 0))
                return FALSE;
            slot->resent_frame = s->frame;
            slot->resent_us = s->us;
            answered_before(s, slot);
            if (slot->facts != NULL) {
                if (slot->facts->copies < G_MAXUINT16)
                    slot->facts->copies++;
                if (slot->facts->nlinks > 0)
                    resent_after_icmp(slot->facts);
                if (!resend_on_time(s, slot->facts->copies - 1u, gap, strcmp(v->method, "INVITE") == 0))
                    slot->facts->flags |= SIPGUIDE_FACT_COPIES_ODD;
            }
            return FALSE;
        }
        if (r->h.spare > 0)
            sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_ALSO_SEEN_IN,
                                r->slot.request.first_frame);
    } else {
        r = (txn_rec_t *)sipguide_table_add(transactions, key,
                                            deadline(s, sipguide_model_transaction_life()));
    }

    if (r != NULL
        && (slot = (slot_t *)sipguide_table_slot_add(transactions_more, &r->h, &r->slot, sizeof(slot_t),
                                                     HOPS)) != NULL) {
        copies_start(&slot->request, s);
        slot->via_ep = v->via_ep;
        slot->first_us = s->us;
        slot->cred_realm = v->cred_realm;
        slot->cred_nonce = v->cred_nonce;
        slot->impi = sipguide_diameter_identity('I', v->impi);
        slot->icid = sipguide_diameter_identity('C', v->icid);
        slot->expires = (gint32)CLAMP(v->expires, -1, (gint64)G_MAXINT32);
        slot->event = sipguide_intern(v->event);
        slot->facts = s->keep ? s->facts : NULL;
        s->facts->copies = 1;
        s->facts->context = v->to_tag.p != NULL ? SIPGUIDE_CTX_IN_DIALOG : SIPGUIDE_CTX_OUT_OF_DIALOG;
        slot->flags = (v->credentials ? REQ_CREDENTIALS : 0) | (v->auts ? REQ_AUTS : 0)
                      | (v->to_tag.p != NULL ? REQ_TO_TAG : 0)
                      | (v->sdp == SIPGUIDE_TRI_YES ? REQ_SDP : 0)
                      | (v->sdp == SIPGUIDE_TRI_NO ? REQ_NO_SDP : 0)
                      | (v->max_forwards == 0 ? REQ_MF_ZERO : 0)
                      | (v->max_forwards > 0 ? REQ_MF_MORE : 0)
                      | (v->t38 ? REQ_T38 : 0);
        /* An INVITE may ring until Timer C. */
        if (strcmp(v->method, "INVITE") == 0)
            sipguide_table_keep(transactions_more, &r->h,
                                deadline(s, TIMER_C_S + sipguide_model_transaction_life()));
    }

    /* A CANCEL names its INVITE by the same branch, on the same hop. */
    if (strcmp(v->method, "CANCEL") == 0) {
        txn_rec_t *inv = (txn_rec_t *)sipguide_table_find(transactions, transaction_key(v, "INVITE"));
        if (inv != NULL) {
            slot_t *is = txn_same_way(inv, &s->hop);
            if (is != NULL && is->cancel_frame == 0) {
                is->cancel_frame = s->frame;
                is->cancel_facts = s->keep ? s->facts : NULL;
                is->n_cancel = (guint8)v->nreasons;
                memcpy(is->cancel_reasons, v->reasons, sizeof(is->cancel_reasons));
            }
        }
    }
    if (v->credentials)
        challenge_answered(s);
    return TRUE;
}

void
sipguide_transaction_quoted(const sipguide_values_t *v, const sipguide_hop_t *hop,
                            guint32 frame, guint kind, guint32 mtu)
{
    slot_t *slot;
    const sipguide_link_t *l;

    /* An ACK is no transaction that waits for an answer. */
    if (v->response || strcmp(v->method, "ACK") == 0)
        return;
    slot = txn_same_way((txn_rec_t *)sipguide_table_find(transactions, transaction_key(v, v->method)),
                        hop);
    if (slot == NULL || slot->facts == NULL)
        return;
    l = sipguide_facts_find(slot->facts, SIPGUIDE_LINK_ICMP_ERROR_IN);
    if (l == NULL)
        sipguide_facts_add(slot->facts, wmem_file_scope(), SIPGUIDE_LINK_ICMP_ERROR_IN,
                           SIPGUIDE_ICMP_DATA(kind, mtu, 1, FALSE), frame);
    else
        sipguide_facts_set_data(slot->facts, SIPGUIDE_LINK_ICMP_ERROR_IN,
                                SIPGUIDE_ICMP_ONE_MORE(SIPGUIDE_LINK_DATA(l->kind)));
}


/* ---------------------------------------------------------------------- */
/* Responses */

/* The slot whose hop this response answers best, or NULL. */
static slot_t *
answered_slot(txn_rec_t *r, const sipguide_hop_t *hop)
{
    return r == NULL ? NULL
         : (slot_t *)sipguide_table_best_slot(transactions_more, &r->h, &r->slot, sizeof(slot_t),
                                              answers_score, hop);
}

static void
link_request(const sipguide_step_t *s, const slot_t *req)
{
    sipguide_facts_t *f = s->facts;
    gint64 delta = s->us - req->first_us;

    sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_REQUEST_IN, req->request.first_frame);
    f->flags |= SIPGUIDE_FACT_REQUEST_SEEN;
    /* response_us holds the size of a bad gap too, for the sentence that
     * says why no response time is given. */
    if (delta < 0) {
        f->flags |= SIPGUIDE_FACT_TIME_BEFORE;
        f->response_us = (guint32)MIN(-delta, (gint64)G_MAXUINT32);
    } else if (delta / 1000 > IMPLAUSIBLE_MS) {
        f->flags |= SIPGUIDE_FACT_TIME_JUMP;
        f->response_us = (guint32)MIN(delta / 1000, (gint64)G_MAXUINT32);
    } else {
        f->flags |= SIPGUIDE_FACT_HAS_TIME;
        f->response_us = (guint32)delta;
    }
    f->asked_expires = req->expires;
    f->event = req->event;
    f->context = ((req->flags & REQ_TO_TAG) ? SIPGUIDE_CTX_IN_DIALOG : SIPGUIDE_CTX_OUT_OF_DIALOG)
                 | ((req->flags & REQ_SDP) ? SIPGUIDE_CTX_SDP : 0)
                 | ((req->flags & REQ_NO_SDP) ? SIPGUIDE_CTX_NO_SDP : 0)
                 | ((req->flags & REQ_T38) ? SIPGUIDE_CTX_SDP | SIPGUIDE_CTX_T38 : 0)
                 | ((req->flags & REQ_MF_ZERO) ? SIPGUIDE_CTX_MAX_FORWARDS_ZERO : 0)
                 | ((req->flags & REQ_MF_MORE) ? SIPGUIDE_CTX_MAX_FORWARDS_MORE : 0)
                 | ((req->flags & REQ_CREDENTIALS) ? SIPGUIDE_CTX_CREDENTIALS
                                                   : SIPGUIDE_CTX_NO_CREDENTIALS);
}

/* A 2xx to INVITE sent again on its hop: its sender had no ACK yet; the
 * first copy, waiting for its ACK, learns it. */
static void
resent_2xx(const sipguide_step_t *s)
{
    ack_rec_t *r = ack_record(s->v);
    guint i;

    for (i = 0; r != NULL && i < r->nslots; i++) {
        ack_slot_t *a = &r->slots[i];
        if (sipguide_hop_same_way(&a->hop, &s->hop) > 0) {
            if (a->facts != NULL)
                a->facts->flags |= SIPGUIDE_FACT_2XX_RESENT;
            return;
        }
    }
}

/* Why a response is sent again on its hop, its previous copy sent at
 * 'previous_us': what made the sender repeat it, as far as the capture
 * shows (RFC 3261 §13.3.1.4, §17.2; RFC 3262 §3). */
static sipguide_resend_t
resend_cause(const sipguide_step_t *s, const slot_t *req, gint64 previous_us)
{
    const sipguide_values_t *v = s->v;
    gboolean invite = strcmp(v->method, "INVITE") == 0;

    if (invite && v->code >= 200 && v->code < 300)
        return SIPGUIDE_RESEND_2XX;
    if (v->code > 100 && v->code < 200 && v->has_rseq)
        return SIPGUIDE_RESEND_RELIABLE;
    if (req == NULL)
        return SIPGUIDE_RESEND_UNKNOWN;
    if (req->resent_frame != 0 && req->resent_us >= previous_us)
        return SIPGUIDE_RESEND_REQUEST;
    if (invite && v->code >= 300)
        return SIPGUIDE_RESEND_INVITE_FAILURE;
    return SIPGUIDE_RESEND_UNPROMPTED;
}

/* The time of a resent response: from the copy of the request that made
 * the server send it again, or none, as it repeats an answer already
 * timed (its first copy) rather than answering anew. */
static void
resent_time(const sipguide_step_t *s, const slot_t *req)
{
    sipguide_facts_t *f = s->facts;

    if (req == NULL || !(f->flags & SIPGUIDE_FACT_RESENT) || !(f->flags & SIPGUIDE_FACT_HAS_TIME))
        return;
    f->flags &= ~SIPGUIDE_FACT_HAS_TIME;
    if (sipguide_facts_get(f, SIPGUIDE_LINK_RESENT_REQUEST_IN) != 0 && s->us >= req->resent_us) {
        f->flags |= SIPGUIDE_FACT_HAS_TIME | SIPGUIDE_FACT_TIMED_FROM_COPY;
        f->response_us = (guint32)MIN(s->us - req->resent_us, (gint64)G_MAXUINT32);
    }
}

/* Whether this response was seen before: a resend or a duplicate on this
 * hop, or the same response at another capture point. */
static gboolean
response_copies(const sipguide_step_t *s, guint64 txn, gboolean resendable, const slot_t *req)
{
    guint64 key = response_key(txn, s->v);
    response_rec_t *r = (response_rec_t *)sipguide_table_find(responses, key);
    guint32 life = deadline(s, sipguide_model_transaction_life());
    copies_t *c;

    if (r != NULL) {
        sipguide_table_keep(responses_more, &r->h, life);
        c = response_same_way(r, &s->hop);
        if (c != NULL) {
            sipguide_resend_t why = resend_cause(s, req, c->last_us);
            if (copies_again(c, s, resendable, why)) {
                if (why == SIPGUIDE_RESEND_REQUEST)
                    sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_RESENT_REQUEST_IN,
                                        req->resent_frame);
                else if (why == SIPGUIDE_RESEND_2XX)
                    resent_2xx(s);
            }
            return TRUE;
        }
        if (r->h.spare > 0)
            sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_ALSO_SEEN_IN, r->slot.first_frame);
    } else {
        r = (response_rec_t *)sipguide_table_add(responses, key, life);
    }
    if (r != NULL
        && (c = (copies_t *)sipguide_table_slot_add(responses_more, &r->h, &r->slot, sizeof(copies_t),
                                                    HOPS)) != NULL)
        copies_start(c, s);
    return FALSE;
}

/* The CANCEL of the INVITE a 487 answers, on this hop: marked on the
 * INVITE's slot, or found by its own transaction (same branch) when the
 * INVITE was not captured. */
static guint32
cancel_of(const sipguide_step_t *s, const slot_t *req)
{
    txn_rec_t *r;
    slot_t *c;

    if (req != NULL && req->cancel_frame != 0)
        return req->cancel_frame;
    r = (txn_rec_t *)sipguide_table_find(transactions, transaction_key(s->v, "CANCEL"));
    c = answered_slot(r, &s->hop);
    return c != NULL ? c->request.first_frame : 0;
}

/* What the request learns of its fate: its first provisional and its
 * final response on this hop; a CANCEL learns the final of its INVITE. */
static void
request_fate(const sipguide_step_t *s, slot_t *req)
{
    const sipguide_values_t *v = s->v;
    sipguide_facts_t *f = req->facts;

    if (req->answered_frame == 0)
        req->answered_frame = s->frame;
    if (f != NULL && v->code >= 200 && sipguide_facts_get(f, SIPGUIDE_LINK_FINAL_IN) == 0) {
        const sipguide_code_t *e = sipguide_catalog_code(v->code);

        sipguide_facts_link(f, wmem_file_scope(), SIPGUIDE_LINK_FINAL_IN, s->frame);
        f->code = v->code;      /* a request's facts keep the code of its final response */
        if (e != NULL && !e->registered && (v->response_context & SIPGUIDE_CTX_OTHER_PHRASE))
            f->flags |= SIPGUIDE_FACT_FINAL_OWN_PHRASE;
    } else if (f != NULL && v->code < 200 && sipguide_facts_get(f, SIPGUIDE_LINK_PROVISIONAL_IN) == 0) {
        sipguide_facts_link(f, wmem_file_scope(), SIPGUIDE_LINK_PROVISIONAL_IN, s->frame);
    }
    if (v->code >= 200 && req->cancel_facts != NULL
        && sipguide_facts_get(req->cancel_facts, SIPGUIDE_LINK_INVITE_FINAL_IN) == 0)
        sipguide_facts_link(req->cancel_facts, wmem_file_scope(), SIPGUIDE_LINK_INVITE_FINAL_IN,
                            s->frame);
}

/* The Reasons a final response to an INVITE inherits: of the latest 18x
 * that carried one, and of the CANCEL behind a 487 (RFC 3326). */
static void
invite_reasons(const sipguide_step_t *s, slot_t *req)
{
    const sipguide_values_t *v = s->v;
    guint i;

    if (v->code > 100 && v->code < 200 && v->nreasons > 0) {
        req->early_frame = s->frame;
        req->n_early = (guint8)v->nreasons;
        memcpy(req->early_reasons, v->reasons, sizeof(req->early_reasons));
        return;
    }
    if (v->code < 300)
        return;
    for (i = 0; i < req->n_early; i++)
        sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_REASON_EARLY, req->early_reasons[i],
                           req->early_frame);
    for (i = 0; v->code == 487 && i < req->n_cancel; i++)
        sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_REASON_CANCEL, req->cancel_reasons[i],
                           req->cancel_frame);
}

void
sipguide_transaction_response(const sipguide_step_t *s, sipguide_txn_view_t *view)
{
    const sipguide_values_t *v = s->v;
    guint64 key = transaction_key(v, v->method);
    txn_rec_t *r = (txn_rec_t *)sipguide_table_find(transactions, key);
    slot_t *req = answered_slot(r, &s->hop);
    gboolean invite = strcmp(v->method, "INVITE") == 0;

    memset(view, 0, sizeof(*view));
    view->icid = sipguide_diameter_identity('C', v->icid);
    if (req != NULL) {
        link_request(s, req);
        view->request_frame = req->request.first_frame;
        view->request_us = req->first_us;
        view->in_dialog = (req->flags & REQ_TO_TAG) != 0;
        view->impi = req->impi;
        if (req->icid != 0)
            view->icid = req->icid;
    } else if (r != NULL && r->h.spare > 0) {
        sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_REQUEST_ELSEWHERE,
                            r->slot.request.first_frame);
    }

    view->copy = response_copies(s, key, invite && v->code >= 200 && v->code < 300, req);
    if (view->copy) {
        resent_time(s, req);
        return;
    }
    if (v->code == 487)
        sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_CANCEL_IN, cancel_of(s, req));
    if (invite && v->code >= 200 && v->code < 300)
        await_ack(s);
    if (v->code >= 200 && v->code < 300)
        client_success(s, req);
    else if (v->code >= 300 && v->code != 401 && v->code != 407 && strcmp(v->method, "REGISTER") == 0)
        client_refused(s);
    if (req == NULL) {
        if (v->code == 401 || v->code == 407)
            challenge(s, NULL);
        return;
    }

    if (v->code >= 200) {
        if (req->final_frame == 0)
            req->final_frame = s->frame;
        r->h.deadline = deadline(s, sipguide_model_transaction_life());
    } else if (invite) {
        sipguide_table_keep(transactions_more, &r->h,
                            deadline(s, TIMER_C_S + sipguide_model_transaction_life()));
    }
    request_fate(s, req);
    if (invite)
        invite_reasons(s, req);
    /* Each To tag answering an INVITE is an early (or confirmed) dialog of
     * its own: a second one means the request was forked. */
    if (invite && v->code > 100 && v->code < 300 && v->to_tag.p != NULL) {
        guint32 tag = (guint32)sipguide_model_key('t', v->to_tag, SIPGUIDE_NO_RAW, SIPGUIDE_NO_RAW);
        if (tag == 0)
            tag = 1;
        if (req->first_to_tag == 0) {
            req->first_to_tag = tag;
            req->first_dialog_frame = s->frame;
        } else if (req->first_to_tag != tag) {
            sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_FORK_FIRST_IN,
                                req->first_dialog_frame);
        }
    }
    if (v->code == 401 || v->code == 407)
        challenge(s, req);
}
