/* sipguide-transaction.c
 * File-scope tables keyed by Call-ID, CSeq and Via branch that link a
 * response to its request, its CANCEL, its retry with credentials and its
 * earlier copies.  Records are small and allocated in blocks in file
 * scope; the sets that index them are emptied at each file start.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-transaction.h"

/* Every table holds records that begin with a 64-bit hash of their key
 * (see key()); a record never moves once stored. */
typedef struct {
    guint64 key;
    guint32 frame;
} frame_rec_t;

typedef struct {
    guint64 key;
    gint64  time_ns;            /* arrival, after the file's first message */
    gint64  expires;
    guint32 frame;
} request_rec_t;

typedef struct {
    guint64           key;
    sipguide_links_t *links;
    guint32           cseq;
} challenge_rec_t;

/* A set of records (a GHashTable whose keys are the records themselves:
 * no separate key or value storage), and the blocks they live in. */
typedef struct {
    GHashTable *set;
    gsize       size;           /* bytes of one record */
    guint8     *block;          /* the block being filled */
    guint       used, cap;      /* records in it, and room for */
} table_t;

static table_t requests;        /* 'R' call-id, cseq, method, branch */
static table_t cancels;         /* 'C' call-id, cseq, branch -> CANCEL frame */
static table_t invites;         /* 'I' call-id -> first INVITE frame */
static table_t responses;       /* 'S' call-id, cseq, method, branch, code -> first frame */
static table_t challenges;      /* 'A' call-id, method -> open 401/407 challenge */
static guint32 last_frame;      /* highest frame recorded in this file */
static nstime_t time_base;      /* arrival of the first message recorded */
static gboolean time_base_set;

static guint
record_hash(gconstpointer r)
{
    guint64 k = *(const guint64 *)r;

    return (guint)(k ^ (k >> 32));
}

static gboolean
record_equal(gconstpointer a, gconstpointer b)
{
    return *(const guint64 *)a == *(const guint64 *)b;
}

#define BLOCK_RECORDS 4096

static void
table_reset(table_t *t, gsize size)
{
    if (t->set != NULL)
        g_hash_table_destroy(t->set);
    t->set = g_hash_table_new(record_hash, record_equal);
    t->size = size;
    t->block = NULL;
    t->used = t->cap = 0;
}

static void *
table_lookup(const table_t *t, guint64 key)
{
    return g_hash_table_lookup(t->set, &key);
}

/* A new record for 'key', zeroed but for its key.  The blocks come from
 * file scope, so that they go when the file closes; the set is emptied at
 * the next file start, before anything can look into it. */
static void *
table_add(table_t *t, guint64 key)
{
    guint8 *r;

    if (t->used == t->cap) {
        t->cap = BLOCK_RECORDS;
        t->used = 0;
        t->block = (guint8 *)wmem_alloc(wmem_file_scope(), t->size * t->cap);
    }
    r = t->block + t->size * t->used++;
    memset(r, 0, t->size);
    memcpy(r, &key, sizeof(key));
    g_hash_table_add(t->set, r);
    return r;
}

static void
tables_reset(void)
{
    table_reset(&requests, sizeof(request_rec_t));
    table_reset(&cancels, sizeof(frame_rec_t));
    table_reset(&invites, sizeof(frame_rec_t));
    table_reset(&responses, sizeof(frame_rec_t));
    table_reset(&challenges, sizeof(challenge_rec_t));
}

void
sipguide_transaction_register(void)
{
    tables_reset();
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

/* A 64-bit FNV-1a hash of the table kind and the key's parts: keys are not
 * kept, so two keys that hash alike (about one chance in 10^19 per pair)
 * would be taken for one. */
static guint64
key(char kind, const char *a, const char *b, const char *c, const char *d, const char *e)
{
    char k[2] = { kind, '\0' };
    guint64 h = G_GUINT64_CONSTANT(0xcbf29ce484222325);

    h = fnv1a(h, k);
    h = fnv1a(h, a);
    h = fnv1a(h, b);
    h = fnv1a(h, c);
    h = fnv1a(h, d);
    h = fnv1a(h, e);
    return h;
}

/* Nanoseconds from the first recorded message to this one. */
static gint64
arrival_ns(const packet_info *pinfo)
{
    if (!time_base_set) {
        time_base = pinfo->abs_ts;
        time_base_set = TRUE;
    }
    return ((gint64)pinfo->abs_ts.secs - (gint64)time_base.secs) * 1000000000
           + (pinfo->abs_ts.nsecs - time_base.nsecs);
}

void
sipguide_transaction_file_start(void)
{
    tables_reset();
    last_frame = 0;
    time_base_set = FALSE;
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
sipguide_transaction_add(packet_info *pinfo, const sipguide_msg_t *m, sipguide_links_t *links,
                         gboolean links_kept)
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
        guint64 k = key('R', call_id, seq, method, branch, NULL);
        challenge_rec_t *ch;

        if (table_lookup(&requests, k) == NULL) {
            request_rec_t *r = (request_rec_t *)table_add(&requests, k);
            r->frame = frame;
            r->time_ns = arrival_ns(pinfo);
            r->expires = asked_expires(m);
        }
        if (strcmp(method, "CANCEL") == 0) {
            k = key('C', call_id, seq, branch, NULL, NULL);
            if (table_lookup(&cancels, k) == NULL)
                ((frame_rec_t *)table_add(&cancels, k))->frame = frame;
        }
        if (strcmp(method, "INVITE") == 0) {
            k = key('I', call_id, NULL, NULL, NULL, NULL);
            if (table_lookup(&invites, k) == NULL)
                ((frame_rec_t *)table_add(&invites, k))->frame = frame;
        }
        /* A later request of the same call and method that carries the
         * credentials answers the open challenge. */
        ch = (challenge_rec_t *)table_lookup(&challenges, key('A', call_id, method, NULL, NULL, NULL));
        if (ch != NULL && ch->links->auth_retry_in == 0 && cseq > ch->cseq
            && (m->f[SIPGUIDE_SF_AUTHORIZATION].len > 0 || m->f[SIPGUIDE_SF_PROXY_AUTHORIZATION].len > 0))
            ch->links->auth_retry_in = frame;
        return;
    }

    if (links == NULL)
        return;
    {
        char code[8];
        const request_rec_t *r = (const request_rec_t *)table_lookup(&requests,
            key('R', call_id, seq, method, branch, NULL));
        frame_rec_t *first;
        challenge_rec_t *ch;
        guint64 k;

        g_snprintf(code, sizeof(code), "%u", m->code);
        if (r != NULL) {
            gint64 delta = arrival_ns(pinfo) - r->time_ns;
            links->request_in = r->frame;
            links->response_ms = delta < 0 ? 0 : (guint32)MIN(delta / 1000000, (gint64)G_MAXUINT32);
            links->asked_expires = r->expires;
        }

        k = key('S', call_id, seq, method, branch, code);
        first = (frame_rec_t *)table_lookup(&responses, k);
        if (first != NULL && first->frame != frame)
            links->retransmission_of = first->frame;
        else if (first == NULL)
            ((frame_rec_t *)table_add(&responses, k))->frame = frame;

        if (m->code == 487) {
            const frame_rec_t *c = (const frame_rec_t *)table_lookup(&cancels,
                key('C', call_id, seq, branch, NULL, NULL));
            links->cancel_in = c != NULL ? c->frame : 0;
        }
        if (m->code == 481) {
            const frame_rec_t *i = (const frame_rec_t *)table_lookup(&invites,
                key('I', call_id, NULL, NULL, NULL, NULL));
            links->invite_in = i != NULL ? i->frame : 0;
        }
        if ((m->code == 401 || m->code == 407) && links->retransmission_of == 0 && links_kept) {
            /* The newest challenge of the call and method is the open one. */
            k = key('A', call_id, method, NULL, NULL, NULL);
            ch = (challenge_rec_t *)table_lookup(&challenges, k);
            if (ch == NULL)
                ch = (challenge_rec_t *)table_add(&challenges, k);
            ch->links = links;
            ch->cseq = cseq;
        }
    }
}
