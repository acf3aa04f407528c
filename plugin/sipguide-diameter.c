/* sipguide-diameter.c
 * Diameter messages of the capture, kept by the identities of their
 * session, and the lookup that links a SIP response to the one behind it.
 * Values are read from each message's bytes (sipguide-diameter-read.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "compat.h"
#include "sipguide-diameter.h"
#include "sipguide-diameter-read.h"
#include "sipguide-parse.h"
#include "sipguide-table.h"

/* Application-Ids (TS 29.229, TS 29.214, TS 29.329) and command codes. */
#define APP_CX 16777216u
#define APP_RX 16777236u
#define APP_SH 16777217u
#define CMD_UA 300u
#define CMD_SA 301u
#define CMD_LI 302u
#define CMD_MA 303u
#define CMD_AA 265u
#define CMD_AS 274u
#define CMD_RA 258u

#define KEYS 4                  /* identities kept per session */
#define EVENTS 8                /* latest messages kept per identity */
#define MAX_SESSIONS 131072
#define MAX_IDENTITIES 131072
#define SESSION_LIFE_S 3600

typedef struct {
    sipguide_rec_t h;
    guint32        app;
    guint          nkeys;
    guint32        keys[KEYS];
} session_rec_t;

typedef struct {
    guint32 frame;
    guint32 data;               /* as a link's data (sipguide-diameter.h) */
    guint32 session;            /* hash of the Session-Id */
    gint64  us;
} event_t;

typedef struct {
    sipguide_rec_t h;
    guint          next;        /* the slot the next event takes */
    event_t        events[EVENTS];
} identity_rec_t;

static sipguide_table_t *sessions;
static sipguide_table_t *identities;

void
sipguide_diameter_register(void)
{
    sessions = sipguide_table_new(sizeof(session_rec_t), MAX_SESSIONS);
    identities = sipguide_table_new(sizeof(identity_rec_t), MAX_IDENTITIES);
}

void
sipguide_diameter_shutdown(void)
{
    sipguide_table_drop(&sessions);
    sipguide_table_drop(&identities);
}

void
sipguide_diameter_clear(void)
{
    sipguide_table_clear(sessions);
    sipguide_table_clear(identities);
}

void
sipguide_diameter_sweep(guint32 now)
{
    sipguide_table_sweep(sessions, now);
    sipguide_table_sweep(identities, now);
}

gboolean
sipguide_diameter_refused(void)
{
    return sipguide_table_refused(sessions) > 0 || sipguide_table_refused(identities) > 0;
}

const char *
sipguide_diameter_command(guint32 data)
{
    static const char *const names[] = { "Diameter message", "UAA", "SAA", "LIA", "MAA", "AAA",
                                         "ASR", "RAR" };

    return names[SIPGUIDE_DIAM_CMD(data)];
}

const sipguide_diam_entry_t *
sipguide_diameter_entry(guint32 data)
{
    sipguide_diam_table_t table;

    if (data & SIPGUIDE_DIAM_NO_VALUE)
        return NULL;
    switch (SIPGUIDE_DIAM_CMD(data)) {
    case SIPGUIDE_DIAM_CMD_ASR: table = SIPGUIDE_DIAM_ABORT_CAUSE; break;
    case SIPGUIDE_DIAM_CMD_RAR: table = SIPGUIDE_DIAM_SPECIFIC_ACTION; break;
    default:
        table = !(data & SIPGUIDE_DIAM_EXPERIMENTAL) ? SIPGUIDE_DIAM_BASE
              : SIPGUIDE_DIAM_APP(data) == SIPGUIDE_APP_RX ? SIPGUIDE_DIAM_RX
              : SIPGUIDE_DIAM_APP(data) == SIPGUIDE_APP_SH ? SIPGUIDE_DIAM_SH : SIPGUIDE_DIAM_CX;
        break;
    }
    return sipguide_catalog_diameter(table, SIPGUIDE_DIAM_VALUE(data));
}

/* ---------------------------------------------------------------------- */
/* Identities */

/* A user's identity as both protocols write it: a SIP or tel URI without
 * scheme, port and parameters, or a private identity, in lower case;
 * hashed with the kind of identity ('U' public, 'I' private, 'C' charging
 * identifier). 0 when there is nothing to hash. */
static guint32
identity(char kind, const char *s, gsize n)
{
    guint32 h = 2166136261u;
    const char *at;
    gsize i;

    if (s == NULL || n == 0)
        return 0;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
    }
    if (kind == 'U') {
        const char *colon;
        if (n > 0 && s[0] == '<') {
            s++;
            n--;
        }
        colon = memchr(s, ':', n);
        if (colon != NULL && (size_t)(colon - s) <= 4) {   /* sip: sips: tel: */
            n -= (gsize)(colon + 1 - s);
            s = colon + 1;
        }
        for (i = 0; i < n && s[i] != ';' && s[i] != '>' && s[i] != '?'; i++)
            ;
        n = i;
        /* A port after the host. */
        at = memchr(s, '@', n);
        if (at != NULL) {
            const char *port = memchr(at, ':', n - (gsize)(at - s));
            if (port != NULL)
                n = (gsize)(port - s);
        }
    }
    if (n == 0)
        return 0;
    h ^= (guint8)kind;
    h *= 16777619u;
    for (i = 0; i < n; i++) {
        h ^= sipguide_ascii_lower((guint8)s[i]);
        h *= 16777619u;
    }
    return h != 0 ? h : 1;
}

guint32
sipguide_diameter_identity(char kind, const char *s)
{
    return s != NULL ? identity(kind, s, strlen(s)) : 0;
}

#define identity_str sipguide_diameter_identity

static void
add_key(guint32 *keys, guint *n, guint32 key)
{
    guint i;

    if (key == 0)
        return;
    for (i = 0; i < *n; i++) {
        if (keys[i] == key)
            return;
    }
    if (*n < KEYS)
        keys[(*n)++] = key;
}

/* ---------------------------------------------------------------------- */
/* Reading one Diameter message */

typedef struct {
    sipguide_diam_values_t v;
    const char *session;        /* the Session-Id as a string */
    guint       nkeys;
    guint32     keys[KEYS];
} diameter_msg_t;

/* The k-th Diameter message of the frame, from its bytes.  FALSE when
 * they are not a message. */
static gboolean
read_message(packet_info *pinfo, const sipguide_msgs_t *msgs, guint k, diameter_msg_t *d)
{
    const sipguide_span_t *m = &msgs->diameter[k];

    memset(d, 0, sizeof(*d));
    if (!sipguide_diameter_read(m->ds, m->start, m->end - m->start, &d->v))
        return FALSE;
    if (d->v.session.s != NULL)
        d->session = wmem_strndup(pinfo->pool, d->v.session.s, d->v.session.n);
    add_key(d->keys, &d->nkeys, identity('U', d->v.public_identity.s, d->v.public_identity.n));
    add_key(d->keys, &d->nkeys, identity('I', d->v.user_name.s, d->v.user_name.n));
    add_key(d->keys, &d->nkeys, identity('U', d->v.subscription.s, d->v.subscription.n));
    add_key(d->keys, &d->nkeys, identity('C', d->v.charging_id.s, d->v.charging_id.n));
    return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Keeping them */

static sipguide_diam_cmd_t
command_of(const diameter_msg_t *d)
{
    if (d->v.request)
        return d->v.command == CMD_AS ? SIPGUIDE_DIAM_CMD_ASR
             : d->v.command == CMD_RA ? SIPGUIDE_DIAM_CMD_RAR : SIPGUIDE_DIAM_CMD_OTHER;
    switch (d->v.command) {
    case CMD_UA: return SIPGUIDE_DIAM_CMD_UAA;
    case CMD_SA: return SIPGUIDE_DIAM_CMD_SAA;
    case CMD_LI: return SIPGUIDE_DIAM_CMD_LIA;
    case CMD_MA: return SIPGUIDE_DIAM_CMD_MAA;
    case CMD_AA: return SIPGUIDE_DIAM_CMD_AAA;
    default:     return SIPGUIDE_DIAM_CMD_OTHER;
    }
}

static sipguide_app_t
app_of(guint32 application)
{
    switch (application) {
    case APP_CX: return SIPGUIDE_APP_CX;
    case APP_RX: return SIPGUIDE_APP_RX;
    case APP_SH: return SIPGUIDE_APP_SH;
    default:     return SIPGUIDE_APP_NONE;
    }
}

/* The table key of an identity's record (a hash of the identity, 0 for
 * none, mixed with the table's own tag). */
static guint64
identity_key(guint32 key)
{
    return sipguide_model_key('d', sipguide_raw_str("identity"), SIPGUIDE_NO_RAW, SIPGUIDE_NO_RAW)
           ^ key;
}

static identity_rec_t *
identity_rec(guint32 key)
{
    return (identity_rec_t *)sipguide_table_find(identities, identity_key(key));
}

static void
remember_event(const sipguide_step_t *s, guint32 key, const event_t *e)
{
    guint64 k = identity_key(key);
    identity_rec_t *r = (identity_rec_t *)sipguide_table_find(identities, k);

    if (r == NULL)
        r = (identity_rec_t *)sipguide_table_add(identities, k, s->now_s + SESSION_LIFE_S);
    if (r == NULL)
        return;
    r->h.deadline = s->now_s + SESSION_LIFE_S;
    r->events[r->next] = *e;
    r->next = (r->next + 1) % EVENTS;
}

void
sipguide_diameter_frame(const sipguide_step_t *s, const sipguide_msgs_t *msgs)
{
    guint k, i;

    for (k = 0; k < msgs->ndiameter; k++) {
        diameter_msg_t d;
        session_rec_t *sess = NULL;
        guint64 key;
        sipguide_diam_cmd_t cmd;
        event_t e;
        guint32 value;

        if (!read_message(s->pinfo, msgs, k, &d) || d.session == NULL)
            continue;
        key = sipguide_model_key('d', sipguide_raw_str(d.session), SIPGUIDE_NO_RAW,
                                 SIPGUIDE_NO_RAW);
        sess = (session_rec_t *)sipguide_table_find(sessions, key);
        if (sess == NULL)
            sess = (session_rec_t *)sipguide_table_add(sessions, key, s->now_s + SESSION_LIFE_S);
        if (sess == NULL)
            continue;
        sess->h.deadline = s->now_s + SESSION_LIFE_S;
        /* The identities come with the session's requests; an answer
         * carries few of its own.  Some answers name no application (an
         * ASA with 0): the session's request did. */
        if (app_of(d.v.application) != SIPGUIDE_APP_NONE)
            sess->app = d.v.application;
        for (i = 0; i < d.nkeys; i++)
            add_key(sess->keys, &sess->nkeys, d.keys[i]);

        cmd = command_of(&d);
        if (cmd == SIPGUIDE_DIAM_CMD_OTHER)
            continue;
        memset(&e, 0, sizeof(e));
        e.frame = s->frame;
        e.us = s->us;
        e.session = (guint32)key;
        if (cmd == SIPGUIDE_DIAM_CMD_ASR)
            value = d.v.has_abort_cause ? d.v.abort_cause : 0;
        else if (cmd == SIPGUIDE_DIAM_CMD_RAR)
            value = d.v.has_action ? d.v.action : 0;
        else
            value = d.v.has_result ? d.v.result : 0;
        e.data = MIN(value, 0xffffu) | ((guint32)app_of(sess->app) << 16)
                 | (d.v.experimental ? SIPGUIDE_DIAM_EXPERIMENTAL : 0)
                 | (((cmd == SIPGUIDE_DIAM_CMD_ASR && !d.v.has_abort_cause)
                     || (cmd == SIPGUIDE_DIAM_CMD_RAR && !d.v.has_action)
                     || (cmd < SIPGUIDE_DIAM_CMD_ASR && !d.v.has_result)) ? SIPGUIDE_DIAM_NO_VALUE : 0)
                 | ((guint32)cmd << 20);
        for (i = 0; i < sess->nkeys; i++)
            remember_event(s, sess->keys[i], &e);
    }
}

/* ---------------------------------------------------------------------- */
/* Finding the one behind a SIP response */

static gboolean
failure(guint32 data)
{
    sipguide_diam_cmd_t cmd = SIPGUIDE_DIAM_CMD(data);

    if (cmd == SIPGUIDE_DIAM_CMD_ASR || cmd == SIPGUIDE_DIAM_CMD_RAR)
        return TRUE;
    return (data & SIPGUIDE_DIAM_NO_VALUE) || SIPGUIDE_DIAM_VALUE(data) < 2000
           || SIPGUIDE_DIAM_VALUE(data) >= 3000;
}

typedef struct {
    guint          wanted;      /* bit (1 << cmd) for each command that may explain it */
    gint64         from_us, to_us;
    const event_t *best;
    guint32        best_key;    /* the identity it was found by */
    const event_t *rival;       /* of another session, with another verdict */
} search_t;

static void
search_identity(search_t *q, guint32 key)
{
    const identity_rec_t *r;
    guint i;

    if (key == 0)
        return;
    r = identity_rec(key);
    for (i = 0; r != NULL && i < EVENTS; i++) {
        const event_t *e = &r->events[i];
        if (e->frame == 0 || !(q->wanted & (1u << SIPGUIDE_DIAM_CMD(e->data)))
            || e->us < q->from_us || e->us > q->to_us)
            continue;
        if (q->best == NULL || e->us > q->best->us || (e->us == q->best->us && e->frame > q->best->frame)) {
            q->best = e;
            q->best_key = key;
        }
    }
}

/* Another session's message in the window that says the opposite. */
static void
search_rival(search_t *q, guint32 key)
{
    const identity_rec_t *r;
    guint i;

    if (key == 0 || q->best == NULL)
        return;
    r = identity_rec(key);
    for (i = 0; r != NULL && i < EVENTS; i++) {
        const event_t *e = &r->events[i];
        if (e->frame == 0 || !(q->wanted & (1u << SIPGUIDE_DIAM_CMD(e->data)))
            || e->us < q->from_us || e->us > q->to_us || e->session == q->best->session)
            continue;
        /* Two answers to the same question for the same user that disagree
         * (two registrations at once); the steps of one flow (UAA, MAA,
         * SAA) are no rivals. */
        if (SIPGUIDE_DIAM_CMD(e->data) == SIPGUIDE_DIAM_CMD(q->best->data)
            && failure(e->data) != failure(q->best->data))
            q->rival = e;
    }
}

/* Beside a failed Cx answer: the latest successful Cx answer of another
 * session for the same identity within 'life' before it, or NULL.  The HSS
 * knew the identity then (TS 29.228: UAR, MAR, SAR and LIR all check that
 * it exists). */
static const event_t *
accepted_before(guint32 key, const event_t *failed, gint64 life)
{
    const identity_rec_t *r = identity_rec(key);
    const guint cx = (1u << SIPGUIDE_DIAM_CMD_UAA) | (1u << SIPGUIDE_DIAM_CMD_MAA)
                     | (1u << SIPGUIDE_DIAM_CMD_SAA) | (1u << SIPGUIDE_DIAM_CMD_LIA);
    const event_t *found = NULL;
    guint i;

    if (r == NULL || SIPGUIDE_DIAM_APP(failed->data) != SIPGUIDE_APP_CX
        || !(cx & (1u << SIPGUIDE_DIAM_CMD(failed->data))) || !failure(failed->data))
        return NULL;
    for (i = 0; i < EVENTS; i++) {
        const event_t *e = &r->events[i];
        if (e->frame == 0 || e->session == failed->session || SIPGUIDE_DIAM_APP(e->data) != SIPGUIDE_APP_CX
            || !(cx & (1u << SIPGUIDE_DIAM_CMD(e->data))) || failure(e->data)
            || e->us > failed->us || (e->us == failed->us && e->frame >= failed->frame)
            || e->us < failed->us - life)
            continue;
        if (found == NULL || e->us > found->us || (e->us == found->us && e->frame > found->frame))
            found = e;
    }
    return found;
}

void
sipguide_diameter_response(const sipguide_step_t *s, const sipguide_txn_view_t *view)
{
    const sipguide_values_t *v = s->v;
    gint64 life = (gint64)64 * sipguide_model_t1_ms() * 1000;
    guint32 keys[4];
    guint nkeys = 0, i;
    search_t q;

    /* Without a Diameter answer held, no search can find one. */
    if (v->code < 200 || view->copy || sipguide_table_count(identities) == 0)
        return;
    memset(&q, 0, sizeof(q));
    q.to_us = s->us;
    q.from_us = view->request_frame != 0 ? view->request_us : s->us - life;
    if (strcmp(v->method, "REGISTER") == 0) {
        /* The HSS's answers to the I-CSCF and the S-CSCF (TS 29.228 §6.1.1,
         * §6.3, §6.1.2). */
        q.wanted = (1u << SIPGUIDE_DIAM_CMD_UAA) | (1u << SIPGUIDE_DIAM_CMD_MAA)
                   | (1u << SIPGUIDE_DIAM_CMD_SAA);
        add_key(keys, &nkeys, identity_str('U', sipguide_values_string(v, v->to_uri)));
        add_key(keys, &nkeys, view->impi);
    } else if ((strcmp(v->method, "INVITE") == 0 || strcmp(v->method, "UPDATE") == 0) && v->code >= 300) {
        /* The PCRF's answer to the P-CSCF's AAR, the HSS's to the I-CSCF's
         * LIR, or a loss of bearer the PCRF reported. */
        q.wanted = (1u << SIPGUIDE_DIAM_CMD_AAA) | (1u << SIPGUIDE_DIAM_CMD_LIA)
                   | (1u << SIPGUIDE_DIAM_CMD_ASR) | (1u << SIPGUIDE_DIAM_CMD_RAR);
        add_key(keys, &nkeys, identity_str('U', sipguide_values_string(v, v->from_uri)));
        add_key(keys, &nkeys, identity_str('U', sipguide_values_string(v, v->to_uri)));
        add_key(keys, &nkeys, view->icid);
    } else if (strcmp(v->method, "BYE") == 0 || strcmp(v->method, "CANCEL") == 0) {
        /* A call released because the PCRF reported the loss of its bearer:
         * the ASR or RAR comes before the BYE or CANCEL. */
        q.wanted = (1u << SIPGUIDE_DIAM_CMD_ASR) | (1u << SIPGUIDE_DIAM_CMD_RAR);
        q.from_us -= life;
        add_key(keys, &nkeys, identity_str('U', sipguide_values_string(v, v->from_uri)));
        add_key(keys, &nkeys, identity_str('U', sipguide_values_string(v, v->to_uri)));
        add_key(keys, &nkeys, view->icid);
    } else {
        return;
    }
    for (i = 0; i < nkeys; i++)
        search_identity(&q, keys[i]);
    if (q.best == NULL)
        return;
    /* Only a reported loss of bearer explains a release. */
    if ((SIPGUIDE_DIAM_CMD(q.best->data) == SIPGUIDE_DIAM_CMD_RAR)
        && SIPGUIDE_DIAM_VALUE(q.best->data) != 2 && SIPGUIDE_DIAM_VALUE(q.best->data) != 4)
        return;
    for (i = 0; i < nkeys; i++)
        search_rival(&q, keys[i]);
    if (q.rival != NULL) {
        sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_DIAMETER_AMBIGUOUS, q.best->data,
                           q.best->frame);
        sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_DIAMETER_AMBIGUOUS, q.rival->data,
                           q.rival->frame);
        return;
    }
    sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_DIAMETER_IN, q.best->data, q.best->frame);
    {
        const event_t *ok = accepted_before(q.best_key, q.best, life);
        if (ok != NULL)
            sipguide_facts_add(s->facts, s->scope, SIPGUIDE_LINK_DIAMETER_ACCEPTED_IN, ok->data, ok->frame);
    }
}
