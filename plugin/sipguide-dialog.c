/* sipguide-dialog.c
 * Dialog records keyed by Call-ID and the two tags in either order (the
 * requests of a dialog go both ways), one slot per hop, and a record per
 * Call-ID of the requests that may create a dialog (INVITE, SUBSCRIBE,
 * REFER): a NOTIFY may establish a subscription before the 2xx of its
 * SUBSCRIBE arrives, and a 481 may come for tags that match no dialog of a
 * call whose INVITE is known.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-dialog.h"
#include "sipguide-table.h"

/* Hops a dialog is followed on: its requests cross every proxy that
 * record-routes, each a hop of its own (UE, P-CSCF, S-CSCF, AS ...). */
#define HOPS 4

/* Lifetimes in seconds of capture time. */
#define EARLY_LIFE_S     (180 + 40)     /* Timer C and a margin */
#define CONFIRMED_LIFE_S (2 * 3600)     /* idle calls are forgotten after this */
#define ENDED_LIFE_S     600            /* late requests of an ended dialog get 481s */
#define CREATOR_LIFE_S   (2 * 3600)

#define MAX_DIALOGS  131072
#define MAX_CREATORS 131072

/* Bits of dslot_t.usages. */
#define USE_INVITE    0x01u
#define USE_CONFIRMED 0x02u
#define USE_SUB       0x04u

typedef struct {
    sipguide_hop_t hop;             /* one way of the hop; matched both ways */
    guint32        invite_frame;    /* the INVITE that set it up, 0 when not captured */
    guint32        invite_ended;    /* the BYE or failure that ended it */
    guint32        confirmed_cseq;  /* of the INVITE whose 2xx confirmed it */
    guint32        sub_frame;       /* the SUBSCRIBE or REFER */
    guint32        sub_ended;
    guint32        sub_pending;     /* a SUBSCRIBE or REFER inside the dialog, not yet accepted */
    guint32        offer[2];        /* the latest INVITE or UPDATE inside the dialog, [0] sent
                                     * the way of 'hop', [1] the other way; 0 once it has its
                                     * final response */
    guint32        crossed[2];      /* the request of the other way that was pending when that
                                     * one was sent, or was sent while it was pending */
    guint8         usages;
} dslot_t;

/* The dialog of a Call-ID and tags: its first hop's slot; those of
 * further hops in dialogs_more (sipguide_table_slot()). */
typedef struct {
    sipguide_rec_t h;               /* h.spare: the slots in use */
    dslot_t        slot;
} dialog_rec_t;

typedef struct {
    sipguide_rec_t h;
    dslot_t        slots[HOPS - 1];
} dialog_more_t;

/* A request that may create a dialog, per hop. */
typedef struct {
    sipguide_hop_t hop;
    guint32        frame;
    guint32        tag;             /* hash of its From tag */
    guint8         subscription;    /* SUBSCRIBE or REFER, else INVITE */
    guint8         answered;        /* a response set up a dialog for it */
} cslot_t;

typedef struct {
    sipguide_rec_t h;               /* h.spare: the slots in use */
    cslot_t        slot;
} creator_rec_t;

typedef struct {
    sipguide_rec_t h;
    cslot_t        slots[HOPS - 1];
} creator_more_t;

static sipguide_table_t *dialogs, *dialogs_more;
static sipguide_table_t *creators, *creators_more;

static cslot_t *
cslot(creator_rec_t *r, guint i)
{
    return (cslot_t *)sipguide_table_slot(creators_more, &r->h, &r->slot, sizeof(cslot_t), i);
}
static guint64 forgotten;

void
sipguide_dialog_register(void)
{
    dialogs = sipguide_table_new(sizeof(dialog_rec_t), MAX_DIALOGS);
    dialogs_more = sipguide_table_new(sizeof(dialog_more_t), MAX_DIALOGS);
    creators = sipguide_table_new(sizeof(creator_rec_t), MAX_CREATORS);
    creators_more = sipguide_table_new(sizeof(creator_more_t), MAX_CREATORS);
}

void
sipguide_dialog_shutdown(void)
{
    sipguide_table_drop(&dialogs);
    sipguide_table_drop(&dialogs_more);
    sipguide_table_drop(&creators);
    sipguide_table_drop(&creators_more);
}

void
sipguide_dialog_clear(void)
{
    sipguide_table_clear(dialogs);
    sipguide_table_clear(dialogs_more);
    sipguide_table_clear(creators);
    sipguide_table_clear(creators_more);
    forgotten = 0;
}

void
sipguide_dialog_sweep(guint32 now)
{
    forgotten += sipguide_table_sweep(dialogs, now);
    sipguide_table_sweep(dialogs_more, now);
    forgotten += sipguide_table_sweep(creators, now);
    sipguide_table_sweep(creators_more, now);
}

gboolean
sipguide_dialog_refused(void)
{
    return sipguide_table_refused(dialogs) > 0 || sipguide_table_refused(creators) > 0
           || sipguide_table_refused(dialogs_more) > 0 || sipguide_table_refused(creators_more) > 0;
}

gboolean
sipguide_dialog_forgot(void)
{
    return forgotten > 0 || sipguide_dialog_refused();
}

static guint32
tag_hash(sipguide_raw_t tag)
{
    guint32 h = (guint32)sipguide_model_key('t', tag, SIPGUIDE_NO_RAW, SIPGUIDE_NO_RAW);

    return h != 0 ? h : 1;
}

static guint64
dialog_key(const sipguide_values_t *v)
{
    sipguide_raw_t a = v->from_tag, b = v->to_tag;
    int order;

    if (a.p == NULL || b.p == NULL)
        return 0;
    /* The tags in byte order, the shorter first when one begins the other. */
    order = memcmp(a.p, b.p, MIN(a.n, b.n));
    if (order > 0 || (order == 0 && a.n > b.n)) {
        sipguide_raw_t t = a;
        a = b;
        b = t;
    }
    return sipguide_model_key('D', v->call_id, a, b);
}

static int
dialog_hop_score(const void *slot, const void *hop)
{
    return sipguide_hop_same_pair(&((const dslot_t *)slot)->hop, (const sipguide_hop_t *)hop);
}

/* The slot of the record whose hop the step crossed, either way. */
static dslot_t *
dialog_slot(dialog_rec_t *r, const sipguide_hop_t *hop)
{
    return r == NULL ? NULL
         : (dslot_t *)sipguide_table_best_slot(dialogs_more, &r->h, &r->slot, sizeof(dslot_t),
                                               dialog_hop_score, hop);
}

static dslot_t *
find_dialog(const sipguide_step_t *s)
{
    guint64 key = dialog_key(s->v);

    return key != 0 ? dialog_slot((dialog_rec_t *)sipguide_table_find(dialogs, key), &s->hop) : NULL;
}

/* The dialog of the step on its hop, made when missing; NULL when the
 * table is full. */
static dslot_t *
make_dialog(const sipguide_step_t *s, guint32 life)
{
    guint64 key = dialog_key(s->v);
    dialog_rec_t *r;
    dslot_t *d;

    if (key == 0)
        return NULL;
    r = (dialog_rec_t *)sipguide_table_find(dialogs, key);
    if (r == NULL)
        r = (dialog_rec_t *)sipguide_table_add(dialogs, key, s->now_s + life);
    if (r == NULL)
        return NULL;
    sipguide_table_keep(dialogs_more, &r->h, s->now_s + life);
    d = dialog_slot(r, &s->hop);
    if (d == NULL
        && (d = (dslot_t *)sipguide_table_slot_add(dialogs_more, &r->h, &r->slot, sizeof(dslot_t),
                                                   HOPS)) != NULL)
        d->hop = s->hop;
    return d;
}

/* Keep a dialog's record at least 'life' more seconds. */
static void
touch(const sipguide_step_t *s, guint32 life)
{
    guint64 key = dialog_key(s->v);
    sipguide_rec_t *r = key != 0 ? (sipguide_rec_t *)sipguide_table_find(dialogs, key) : NULL;

    if (r != NULL)
        sipguide_table_keep(dialogs_more, r, s->now_s + life);
}

/* What a creator slot must match: the kind of request, its From tag
 * (unless 0) and, best, its hop. */
typedef struct {
    const sipguide_hop_t *hop;
    gboolean              subscription;
    guint32               tag;
} creator_wanted_t;

static int
creator_score(const void *slot, const void *what)
{
    const cslot_t *c = (const cslot_t *)slot;
    const creator_wanted_t *w = (const creator_wanted_t *)what;

    if (c->subscription != w->subscription || (w->tag != 0 && c->tag != w->tag))
        return 0;
    return sipguide_hop_same_pair(&c->hop, w->hop);
}

static cslot_t *
find_creator(const sipguide_step_t *s, gboolean subscription, sipguide_raw_t tag)
{
    creator_rec_t *r = (creator_rec_t *)sipguide_table_find(creators,
        sipguide_model_key('C', s->v->call_id, SIPGUIDE_NO_RAW, SIPGUIDE_NO_RAW));
    creator_wanted_t w = { &s->hop, subscription, tag.p != NULL ? tag_hash(tag) : 0 };

    return r == NULL ? NULL
         : (cslot_t *)sipguide_table_best_slot(creators_more, &r->h, &r->slot, sizeof(cslot_t),
                                               creator_score, &w);
}

static void
remember_creator(const sipguide_step_t *s, gboolean subscription)
{
    guint64 key = sipguide_model_key('C', s->v->call_id, SIPGUIDE_NO_RAW, SIPGUIDE_NO_RAW);
    creator_rec_t *r = (creator_rec_t *)sipguide_table_find(creators, key);
    cslot_t *c = NULL;
    guint i;

    if (r == NULL)
        r = (creator_rec_t *)sipguide_table_add(creators, key, s->now_s + CREATOR_LIFE_S);
    if (r == NULL)
        return;
    sipguide_table_keep(creators_more, &r->h, s->now_s + CREATOR_LIFE_S);
    for (i = 0; i < r->h.spare && c == NULL; i++) {
        cslot_t *o = cslot(r, i);
        if (o != NULL && o->subscription == subscription && sipguide_hop_same_way(&o->hop, &s->hop) > 0)
            c = o;
    }
    if (c == NULL) {
        c = (cslot_t *)sipguide_table_slot_add(creators_more, &r->h, &r->slot, sizeof(cslot_t), HOPS);
        if (c == NULL)
            return;
        c->hop = s->hop;
        c->subscription = subscription ? 1 : 0;
    }
    /* The latest request (a retry with credentials repeats the first). */
    c->frame = s->frame;
    c->answered = FALSE;
    c->tag = s->v->from_tag.p != NULL ? tag_hash(s->v->from_tag) : 0;
}

static gboolean
is(const sipguide_values_t *v, const char *method)
{
    return strcmp(v->method, method) == 0;
}

/* The index in dslot_t.offer of a message's way on the slot's hop. */
static guint
way(const dslot_t *d, const sipguide_hop_t *hop)
{
    return sipguide_hop_same_way(&d->hop, hop) > 0 ? 0 : 1;
}

void
sipguide_dialog_request(const sipguide_step_t *s)
{
    const sipguide_values_t *v = s->v;
    dslot_t *d;

    if (v->to_tag.p == NULL) {
        if (is(v, "INVITE"))
            remember_creator(s, FALSE);
        else if (is(v, "SUBSCRIBE") || is(v, "REFER"))
            remember_creator(s, TRUE);
        return;
    }

    d = find_dialog(s);
    /* A SUBSCRIBE or REFER inside a dialog adds a subscription to it once
     * accepted (RFC 6665 §4.5.2, RFC 3515). */
    if (d != NULL && (is(v, "SUBSCRIBE") || is(v, "REFER")) && !(d->usages & USE_SUB))
        d->sub_pending = s->frame;
    if (is(v, "NOTIFY") && d != NULL && !(d->usages & USE_SUB) && d->sub_pending != 0) {
        d->usages |= USE_SUB;
        d->sub_frame = d->sub_pending;
    }
    if (is(v, "NOTIFY") && (d == NULL || !(d->usages & USE_SUB))) {
        /* A NOTIFY establishes the subscription of the SUBSCRIBE or REFER
         * whose From tag is its To tag (RFC 6665 §4.1.2.4). */
        cslot_t *c = find_creator(s, TRUE, v->to_tag);
        if (c != NULL && (d = make_dialog(s, ENDED_LIFE_S)) != NULL) {
            d->usages |= USE_SUB;
            d->sub_frame = c->frame;
        }
    }
    if (d == NULL)
        return;
    if (is(v, "INVITE") || is(v, "UPDATE")) {
        guint w = way(d, &s->hop);

        d->offer[w] = s->frame;
        d->crossed[w] = d->offer[1 - w];
        if (d->offer[1 - w] != 0)
            d->crossed[1 - w] = s->frame;
    }
    if (is(v, "BYE") && (d->usages & USE_INVITE) && d->invite_ended == 0) {
        d->invite_ended = s->frame;
        touch(s, ENDED_LIFE_S);
        return;
    }
    if ((d->usages & USE_SUB) && d->sub_ended == 0
        && ((is(v, "NOTIFY") && v->sub_terminated) || (is(v, "SUBSCRIBE") && v->expires == 0))) {
        d->sub_ended = s->frame;
        touch(s, ENDED_LIFE_S);
        return;
    }
    if ((d->usages & USE_SUB) && v->expires > 0)
        touch(s, (guint32)MIN(v->expires, (gint64)CONFIRMED_LIFE_S) + sipguide_model_transaction_life());
    else if (d->usages & USE_CONFIRMED)
        touch(s, CONFIRMED_LIFE_S);
}

/* A 481: name the dialog usage the request needed, or say what the call
 * had instead. */
static void
explain_481(const sipguide_step_t *s)
{
    const sipguide_values_t *v = s->v;
    sipguide_facts_t *f = s->facts;
    dslot_t *d = find_dialog(s);
    gboolean subscription = is(v, "SUBSCRIBE") || is(v, "NOTIFY")
                            || (is(v, "REFER") && !(d != NULL && (d->usages & USE_INVITE)));
    /* What ended a usage before this request (not the request itself: a
     * BYE answered 481 ended nothing). */
    guint32 request = sipguide_facts_get(f, SIPGUIDE_LINK_REQUEST_IN);
    cslot_t *c;

    if (subscription) {
        if (d != NULL && (d->usages & USE_SUB)) {
            f->flags |= SIPGUIDE_FACT_DIALOG_SEEN;
            sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_SUBSCRIPTION_IN, d->sub_frame);
            if (d->sub_ended != request)
                sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_SUBSCRIPTION_ENDED_IN, d->sub_ended);
            return;
        }
        /* The subscriber's tag is the From tag of a SUBSCRIBE and the To
         * tag of a NOTIFY. */
        c = find_creator(s, TRUE, is(v, "NOTIFY") ? v->to_tag : v->from_tag);
        if (c != NULL)
            sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_SUBSCRIPTION_IN, c->frame);
        return;
    }
    if (d != NULL && (d->usages & USE_INVITE)) {
        f->flags |= SIPGUIDE_FACT_DIALOG_SEEN;
        sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_DIALOG_INVITE_IN, d->invite_frame);
        if (d->invite_ended != request)
            sipguide_facts_link(f, s->scope, SIPGUIDE_LINK_DIALOG_ENDED_IN, d->invite_ended);
        return;
    }
    c = find_creator(s, FALSE, SIPGUIDE_NO_RAW);
    if (c != NULL)
        sipguide_facts_link(f, s->scope, c->answered ? SIPGUIDE_LINK_DIALOG_OTHER_IN
                                                     : SIPGUIDE_LINK_DIALOG_NONE_IN, c->frame);
}

/* A final response to an INVITE or UPDATE inside a dialog: its request is
 * no longer pending; a 491 names the request of the other way that was
 * pending with it (RFC 3261 §14.1, RFC 3311 §5.2: the two crossed). */
static void
offer_answered(const sipguide_step_t *s, const sipguide_txn_view_t *view)
{
    dslot_t *d = find_dialog(s);
    guint out;

    if (d == NULL || view->request_frame == 0)
        return;
    out = 1 - way(d, &s->hop);      /* the way of its request */
    if (d->offer[out] != view->request_frame)
        return;
    if (s->v->code == 491 && d->crossed[out] != 0)
        sipguide_facts_link(s->facts, s->scope, SIPGUIDE_LINK_CROSSING_IN, d->crossed[out]);
    d->offer[out] = 0;
}

/* A response set up a dialog for the latest dialog-creating request of
 * its From tag on this hop. */
static void
creator_answered(const sipguide_step_t *s, gboolean subscription)
{
    cslot_t *c = find_creator(s, subscription, s->v->from_tag);

    if (c != NULL)
        c->answered = TRUE;
}

void
sipguide_dialog_response(const sipguide_step_t *s, const sipguide_txn_view_t *view)
{
    const sipguide_values_t *v = s->v;
    sipguide_facts_t *f = s->facts;
    dslot_t *d;

    if (v->code == 481) {
        explain_481(s);
        if (sipguide_dialog_forgot())
            f->flags |= SIPGUIDE_FACT_INCOMPLETE;
    }

    /* The request of a response not captured: a confirmed INVITE dialog
     * with these tags makes it a request inside that dialog. */
    if ((f->context & (SIPGUIDE_CTX_IN_DIALOG | SIPGUIDE_CTX_OUT_OF_DIALOG)) == 0
        && (d = find_dialog(s)) != NULL && (d->usages & USE_CONFIRMED)
        && d->confirmed_cseq != v->cseq)
        f->context |= SIPGUIDE_CTX_IN_DIALOG;

    if (!view->copy && v->code >= 200 && v->code < 300 && (f->context & SIPGUIDE_CTX_IN_DIALOG)
        && (is(v, "SUBSCRIBE") || is(v, "REFER")) && (d = find_dialog(s)) != NULL
        && !(d->usages & USE_SUB) && d->sub_pending != 0) {
        d->usages |= USE_SUB;
        d->sub_frame = d->sub_pending;
    }
    if (!view->copy && v->code >= 200 && (f->context & SIPGUIDE_CTX_IN_DIALOG)
        && (is(v, "INVITE") || is(v, "UPDATE")))
        offer_answered(s, view);
    if (view->copy || v->to_tag.p == NULL || (f->context & SIPGUIDE_CTX_IN_DIALOG))
        return;

    /* Responses that set up or end a dialog. */
    if (is(v, "INVITE")) {
        if (v->code > 100 && v->code < 300) {
            d = make_dialog(s, v->code >= 200 ? CONFIRMED_LIFE_S : EARLY_LIFE_S);
            if (d == NULL)
                return;
            d->usages |= USE_INVITE;
            if (d->invite_frame == 0)
                d->invite_frame = view->request_frame;
            creator_answered(s, FALSE);
            if (v->code >= 200) {
                d->usages |= USE_CONFIRMED;
                d->confirmed_cseq = v->cseq;
            }
        } else if (v->code >= 300 && (d = find_dialog(s)) != NULL && d->invite_ended == 0) {
            d->invite_ended = s->frame;
            touch(s, ENDED_LIFE_S);
        }
    } else if ((is(v, "SUBSCRIBE") || is(v, "REFER")) && v->code >= 200 && v->code < 300) {
        d = make_dialog(s, ENDED_LIFE_S);
        if (d == NULL)
            return;
        d->usages |= USE_SUB;
        if (d->sub_frame == 0)
            d->sub_frame = view->request_frame;
        creator_answered(s, TRUE);
        if (is(v, "SUBSCRIBE") && v->expires == 0 && d->sub_ended == 0)
            d->sub_ended = s->frame;
        else if (v->expires > 0)
            touch(s, (guint32)MIN(v->expires, (gint64)CONFIRMED_LIFE_S)
                     + sipguide_model_transaction_life());
    }
}
