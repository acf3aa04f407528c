/* sipguide-transaction.c
 * File-scope tables keyed by Call-ID, CSeq and Via branch that link a
 * response to its request, its CANCEL, its retry with credentials and its
 * earlier copies.  Keys and records are allocated in file scope and the
 * tables empty themselves when the file closes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-transaction.h"

typedef struct {
    guint32  frame;
    nstime_t time;
    gint64   expires;
} request_t;

typedef struct {
    sipguide_links_t *links;
    guint32           cseq;
} challenge_t;

/* Each table maps a key (see key()) to a value.  The tables of frame
 * numbers store the number in the pointer. */
static wmem_map_t *requests;     /* 'R' call-id, cseq, method, branch -> request_t */
static wmem_map_t *cancels;      /* 'C' call-id, cseq, branch -> frame */
static wmem_map_t *invites;      /* 'I' call-id -> first INVITE frame */
static wmem_map_t *responses;    /* 'S' call-id, cseq, method, branch, code -> first frame */
static wmem_map_t *challenges;   /* 'A' call-id, method -> open 401/407 challenge */
static guint32 last_frame;       /* highest frame recorded in this file */

void
sipguide_transaction_register(void)
{
    requests = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_int64_hash, g_int64_equal);
    cancels = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_int64_hash, g_int64_equal);
    invites = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_int64_hash, g_int64_equal);
    responses = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_int64_hash, g_int64_equal);
    challenges = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_int64_hash, g_int64_equal);
}

static guint64
fnv1a(guint64 h, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        h ^= (guint8)*s;
        h *= G_GUINT64_CONSTANT(0x100000001b3);
    }
    /* A separator that cannot be in SIP header text. */
    h ^= 0x1f;
    return h * G_GUINT64_CONSTANT(0x100000001b3);
}

/* The key of the given parts for table 'kind' (a letter, so that tables
 * never share a key); held in pinfo->pool until stored. */
static gint64 *
key(packet_info *pinfo, char kind, const char *a, const char *b, const char *c,
    const char *d, const char *e)
{
    char k[2] = { kind, '\0' };
    guint64 h = G_GUINT64_CONSTANT(0xcbf29ce484222325);
    gint64 *out = wmem_new(pinfo->pool, gint64);

    h = fnv1a(h, k);
    h = fnv1a(h, a);
    h = fnv1a(h, b);
    h = fnv1a(h, c);
    h = fnv1a(h, d);
    h = fnv1a(h, e);
    *out = (gint64)h;
    return out;
}

static void
store(wmem_map_t *map, const gint64 *k, void *value)
{
    gint64 *copy = wmem_new(wmem_file_scope(), gint64);

    *copy = *k;
    wmem_map_insert(map, copy, value);
}

void
sipguide_transaction_file_start(void)
{
    last_frame = 0;
}

gboolean
sipguide_transaction_seen_after(guint32 frame)
{
    return last_frame > frame;
}

/* The expiry a REGISTER, SUBSCRIBE or PUBLISH asked for: Expires, or the
 * expires parameter of its first Contact; -1 when it names none. */
static gint64
asked_expires(const sipguide_msg_t *m)
{
    guint32 v;
    const char *contact, *p;

    if (sipguide_msg_uint(m, SIPGUIDE_SF_EXPIRES, 0, &v))
        return v;
    contact = sipguide_msg_string(m, SIPGUIDE_SF_CONTACT, 0);
    if (contact != NULL && (p = strstr(contact, "expires=")) != NULL) {
        gint64 n = 0;
        int digits = 0;
        for (p += 8; g_ascii_isdigit(*p) && digits < 10; p++, digits++)
            n = n * 10 + (*p - '0');
        if (digits > 0)
            return n;
    }
    return -1;
}

void
sipguide_transaction_add(packet_info *pinfo, const sipguide_msg_t *m, sipguide_links_t *links)
{
    const char *call_id = sipguide_msg_string(m, SIPGUIDE_SF_CALL_ID, 0);
    const char *branch = sipguide_msg_string(m, SIPGUIDE_SF_VIA_BRANCH, 0);
    const char *method = sipguide_msg_string(m, m->response ? SIPGUIDE_SF_CSEQ_METHOD
                                                            : SIPGUIDE_SF_METHOD, 0);
    guint32 cseq = 0, frame = pinfo->num;
    char seq[16];

    if (links != NULL) {
        memset(links, 0, sizeof(*links));
        links->asked_expires = -1;
    }
    if (frame > last_frame)
        last_frame = frame;
    if (call_id == NULL || method == NULL || !sipguide_msg_uint(m, SIPGUIDE_SF_CSEQ_SEQ, 0, &cseq))
        return;     /* not enough to match anything */
    g_snprintf(seq, sizeof(seq), "%u", cseq);

    if (!m->response) {
        gint64 *k = key(pinfo, 'R', call_id, seq, method, branch, NULL);
        challenge_t *ch;

        if (wmem_map_lookup(requests, k) == NULL) {
            request_t *r = wmem_new(wmem_file_scope(), request_t);
            r->frame = frame;
            r->time = pinfo->abs_ts;
            r->expires = asked_expires(m);
            store(requests, k, r);
        }
        if (strcmp(method, "CANCEL") == 0) {
            k = key(pinfo, 'C', call_id, seq, branch, NULL, NULL);
            if (wmem_map_lookup(cancels, k) == NULL)
                store(cancels, k, GUINT_TO_POINTER(frame));
        }
        if (strcmp(method, "INVITE") == 0) {
            k = key(pinfo, 'I', call_id, NULL, NULL, NULL, NULL);
            if (wmem_map_lookup(invites, k) == NULL)
                store(invites, k, GUINT_TO_POINTER(frame));
        }
        /* A later request of the same call and method that carries the
         * credentials answers the open challenge. */
        k = key(pinfo, 'A', call_id, method, NULL, NULL, NULL);
        ch = (challenge_t *)wmem_map_lookup(challenges, k);
        if (ch != NULL && ch->links->auth_retry_in == 0 && cseq > ch->cseq
            && (m->f[SIPGUIDE_SF_AUTHORIZATION].len > 0 || m->f[SIPGUIDE_SF_PROXY_AUTHORIZATION].len > 0))
            ch->links->auth_retry_in = frame;
        return;
    }

    if (links == NULL)
        return;
    {
        char code[8];
        gint64 *k = key(pinfo, 'R', call_id, seq, method, branch, NULL);
        request_t *r = (request_t *)wmem_map_lookup(requests, k);
        guint32 first;

        g_snprintf(code, sizeof(code), "%u", m->code);
        if (r != NULL) {
            nstime_t delta;
            nstime_delta(&delta, &pinfo->abs_ts, &r->time);
            links->request_in = r->frame;
            links->response_ms = delta.secs < 0 ? 0
                : (guint32)MIN((gint64)delta.secs * 1000 + delta.nsecs / 1000000, G_MAXUINT32);
            links->asked_expires = r->expires;
        }

        k = key(pinfo, 'S', call_id, seq, method, branch, code);
        first = GPOINTER_TO_UINT(wmem_map_lookup(responses, k));
        if (first != 0 && first != frame)
            links->retransmission_of = first;
        else if (first == 0)
            store(responses, k, GUINT_TO_POINTER(frame));

        if (m->code == 487) {
            k = key(pinfo, 'C', call_id, seq, branch, NULL, NULL);
            links->cancel_in = GPOINTER_TO_UINT(wmem_map_lookup(cancels, k));
        }
        if (m->code == 481) {
            k = key(pinfo, 'I', call_id, NULL, NULL, NULL, NULL);
            links->invite_in = GPOINTER_TO_UINT(wmem_map_lookup(invites, k));
        }
        if ((m->code == 401 || m->code == 407) && links->retransmission_of == 0) {
            challenge_t *ch = wmem_new(wmem_file_scope(), challenge_t);
            ch->links = links;
            ch->cseq = cseq;
            store(challenges, key(pinfo, 'A', call_id, method, NULL, NULL, NULL), ch);
        }
    }
}
