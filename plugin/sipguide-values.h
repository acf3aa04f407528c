/* sipguide-values.h
 * The values of one SIP message that the transaction and dialog model
 * reads, taken once from the message's bytes: Call-ID, tags, the top Via,
 * CSeq, RSeq, Event and Subscription-State, Expires, Max-Forwards,
 * credentials and challenges, the body type, and a hash of the message's
 * bytes; and of a response, the facts the catalog's selectors read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_VALUES_H
#define SIPGUIDE_VALUES_H

#include <string.h>
#include <epan/packet.h>

#include "sipguide-catalog.h"
#include "sipguide-extract.h"
#include "sipguide-facts.h"

/* A value as its bytes stand in the message: not a C string, p NULL when
 * the value is absent.  The model makes its keys of these without a copy;
 * sipguide_values_string() makes one a string. */
typedef struct {
    const char *p;
    guint32     n;
} sipguide_raw_t;

#define SIPGUIDE_NO_RAW ((sipguide_raw_t){ NULL, 0 })

/* A C string (NULL: absent) as a text. */
static inline sipguide_raw_t
sipguide_raw_str(const char *s)
{
    return (sipguide_raw_t){ s, s != NULL ? (guint32)strlen(s) : 0 };
}

typedef struct {
    gboolean    response;
    guint32     code;           /* 0 for a request */
    const char *method;         /* request method, or CSeq method of a response */
    guint32     cseq;
    gboolean    has_cseq;
    sipguide_raw_t call_id;
    sipguide_raw_t from_tag;
    sipguide_raw_t to_tag;
    /* The top Via. */
    sipguide_raw_t branch;
    gboolean    rfc3261_branch; /* starts with the magic cookie z9hG4bK */
    sipguide_raw_t sent_by;    /* its host, without the brackets of IPv6 */
    guint32     sent_by_port;   /* 0 when it has none */
    guint32     via_ep;         /* endpoint hash of where a response goes, 0 unknown */
    gboolean    has_rseq;
    guint32     rseq;
    const char *event;          /* package of Event, without parameters */
    gboolean    sub_terminated; /* Subscription-State: terminated */
    gint64      expires;        /* Expires, or the first Contact's expires; -1 */
    gint64      max_forwards;   /* Max-Forwards of a request, or -1 */
    /* Credentials of a request: Authorization or Proxy-Authorization with
     * a nonce and a response (an IMS-AKA first REGISTER has both empty). */
    gboolean    credentials;
    guint32     cred_realm;     /* hash of the realm, 0 unknown */
    guint32     cred_nonce;     /* hash of the nonce they answer */
    gboolean    auts;           /* a SQN re-synchronisation (IMS-AKA) */
    /* A challenge of a 401/407. */
    guint32     chal_realm;
    guint32     chal_nonce;
    gboolean    stale;          /* stale=true */
    guint16     response_context; /* SIPGUIDE_CTX_* bits of the response itself */
    sipguide_tri_t sdp;         /* the body is, or holds, a session description */
    gboolean    t38;            /* a request's session description offers T.38 fax */
    sipguide_raw_t from_uri;    /* the From and To addresses */
    sipguide_raw_t to_uri;
    const sipguide_msg_t *msg;  /* the message read, for sipguide_values_string() */
    const char *impi;           /* the username of Authorization (the private identity) */
    const char *icid;           /* icid-value of P-Charging-Vector */
    guint       nreasons;       /* Reason values, packed (sipguide-reason.h) */
    guint32     reasons[2];
    guint32     content_hash;   /* of the message's bytes, 0 when unknown */
} sipguide_values_t;

/* Read the values of message m (strings in pinfo->pool).  FALSE when it
 * lacks what any matching needs (Call-ID, CSeq, a method). */
gboolean sipguide_values_read(const sipguide_msg_t *m, packet_info *pinfo,
                              sipguide_values_t *v);

/* Text t of the message the values were read from as a string in
 * pinfo->pool (as Wireshark shows it), while that message lives; NULL when
 * t is absent. */
const char *sipguide_values_string(const sipguide_values_t *v, sipguide_raw_t t);

#endif /* SIPGUIDE_VALUES_H */
