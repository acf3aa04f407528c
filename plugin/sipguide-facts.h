/* sipguide-facts.h
 * What the transaction and dialog model knows about one SIP message of a
 * frame: frame links to related messages on the same hop, the request
 * context a response's guide depends on, the verdict on a challenge, and
 * flags about copies and time.  Facts are made on the first reading of a
 * frame and kept per file when later passes draw again; links to later
 * frames are added to them as those frames are read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_FACTS_H
#define SIPGUIDE_FACTS_H

#include <epan/packet.h>

/* What a frame link of a message means. */
typedef enum {
    SIPGUIDE_LINK_REQUEST_IN,           /* a response: its request on this hop */
    SIPGUIDE_LINK_REQUEST_ELSEWHERE,    /* a response: its request, seen only on another hop */
    SIPGUIDE_LINK_RETRANSMISSION_OF,    /* the first copy of a resent message, this hop */
    SIPGUIDE_LINK_DUPLICATE_OF,         /* the copy this capture duplicate repeats */
    SIPGUIDE_LINK_ALSO_SEEN_IN,         /* the same message at another capture point */
    SIPGUIDE_LINK_CANCEL_IN,            /* a 487: the CANCEL of its INVITE */
    SIPGUIDE_LINK_AUTH_RETRY_IN,        /* a 401/407: the retry with credentials */
    SIPGUIDE_LINK_AUTH_REJECTED_IN,     /* a 401/407: the request whose credentials failed */
    SIPGUIDE_LINK_AUTH_PREVIOUS_IN,     /* a 401/407: the challenge those credentials answered */
    SIPGUIDE_LINK_DIALOG_INVITE_IN,     /* a 481: the INVITE of the dialog */
    SIPGUIDE_LINK_DIALOG_ENDED_IN,      /* a 481: what ended that dialog */
    SIPGUIDE_LINK_DIALOG_OTHER_IN,      /* a 481: an INVITE of the call with other tags */
    SIPGUIDE_LINK_DIALOG_NONE_IN,       /* a 481: an INVITE of the call that set up no dialog */
    SIPGUIDE_LINK_SUBSCRIPTION_IN,      /* a 481: the SUBSCRIBE or REFER of the subscription */
    SIPGUIDE_LINK_SUBSCRIPTION_ENDED_IN,/* a 481: what ended that subscription */
    SIPGUIDE_LINK_FORK_FIRST_IN,        /* a 1xx/2xx of a new early dialog: the first one's */
    SIPGUIDE_LINK_FINAL_IN,             /* a request: its final response on this hop */
    SIPGUIDE_LINK_PROVISIONAL_IN,       /* a request: its first provisional response */
    SIPGUIDE_LINK_ACK_IN,               /* a 2xx to INVITE: its ACK */
    SIPGUIDE_LINK_ACK_OTHER_HOP_IN,     /* a 2xx to INVITE: its ACK, seen only on another hop */
    SIPGUIDE_LINK_INVITE_FINAL_IN,      /* a CANCEL: the final response of its INVITE */
    SIPGUIDE_LINK_REASON_EARLY,         /* a final response: an 18x of the INVITE with a Reason
                                         * (one link per value, the value in the data bits) */
    SIPGUIDE_LINK_REASON_CANCEL,        /* a 487: the CANCEL with a Reason (idem) */
    SIPGUIDE_LINK_AUTH_FIRST_REJECTED_IN, /* a 401/407 of a loop: the first rejected attempt */
    SIPGUIDE_LINK_DIAMETER_IN,          /* the Diameter message behind a response (data:
                                         * sipguide-diameter.h) */
    SIPGUIDE_LINK_DIAMETER_AMBIGUOUS,   /* two Diameter messages that could be (idem) */
    SIPGUIDE_LINK_RESENT_REQUEST_IN,    /* a resent response: the copy of its request that
                                         * came again before it */
    SIPGUIDE_LINK_GAVE_UP_IN,           /* an unanswered request: the final response its client,
                                         * a proxy, sent upstream (data: SIPGUIDE_LEG_DATA) */
    SIPGUIDE_LINK_FAILED_OVER_IN,       /* an unanswered request: the same request its client,
                                         * a proxy, sent to another next hop (idem) */
    SIPGUIDE_LINK_BINDING_IN,           /* a failure to a REGISTER refresh: the 2xx whose
                                         * binding is still valid (data: seconds left) */
    SIPGUIDE_LINK_DIAMETER_ACCEPTED_IN, /* beside a failed Cx answer: an earlier successful one
                                         * for the same identity (idem) */
    SIPGUIDE_LINK_ANSWERED_BEFORE_IN,   /* a request sent again: the response its hop had already
                                         * carried back before that copy (set on the copy, and
                                         * on the first copy for the first such resend) */
    SIPGUIDE_LINK_CROSSING_IN,          /* a 491: the INVITE or UPDATE sent the other way in the
                                         * dialog while its request was pending (glare) */
    SIPGUIDE_LINK_ICMP_ERROR_IN,        /* a request: the first ICMP error that quotes a copy of
                                         * it (data: SIPGUIDE_ICMP_DATA, sipguide-quote.h) */
    SIPGUIDE_LINK_COUNT
} sipguide_link_kind_t;

/* A link's kind is in the low 8 bits of 'kind'; the 24 bits above carry a
 * value for the kinds that need one (a packed Reason). */
#define SIPGUIDE_LINK_KIND(k) ((k) & 0xffu)
#define SIPGUIDE_LINK_DATA(k) ((k) >> 8)

/* Why a response was resent on its hop: the data of its RETRANSMISSION_OF
 * link. */
typedef enum {
    SIPGUIDE_RESEND_UNKNOWN,        /* its request is not in the capture on this hop */
    SIPGUIDE_RESEND_REQUEST,        /* the request came again before it */
    SIPGUIDE_RESEND_2XX,            /* a 2xx to INVITE, until the ACK (RFC 3261 §13.3.1.4) */
    SIPGUIDE_RESEND_RELIABLE,       /* a reliable 1xx, until the PRACK (RFC 3262 §3) */
    SIPGUIDE_RESEND_INVITE_FAILURE, /* a failure to INVITE over UDP, until the ACK (Timer G) */
    SIPGUIDE_RESEND_UNPROMPTED      /* none of these: the sender repeats it */
} sipguide_resend_t;

/* The data of a GAVE_UP_IN or FAILED_OVER_IN link: the Status-Code sent
 * upstream (10 bits) and the time after the request in tenths of a
 * second (14 bits, at most 27 minutes). */
#define SIPGUIDE_LEG_DATA(code, tenths) (((code) & 0x3ffu) | ((guint32)MIN((tenths), 0x3fffu) << 10))
#define SIPGUIDE_LEG_CODE(data)   ((data) & 0x3ffu)
#define SIPGUIDE_LEG_TENTHS(data) (((data) >> 10) & 0x3fffu)

typedef struct {
    guint32 frame;
    guint32 kind;               /* sipguide_link_kind_t, and data */
} sipguide_link_t;

/* Bits of sipguide_facts_t.flags. */
#define SIPGUIDE_FACT_DUPLICATE     0x01u   /* a capture duplicate: counted once */
#define SIPGUIDE_FACT_RESENT        0x02u   /* a retransmission */
#define SIPGUIDE_FACT_HAS_TIME      0x04u   /* response_us is valid */
#define SIPGUIDE_FACT_TIME_BEFORE   0x08u   /* stamped before its request */
#define SIPGUIDE_FACT_TIME_JUMP     0x10u   /* an implausible gap: the clock jumped */
#define SIPGUIDE_FACT_INCOMPLETE    0x20u   /* the model had to drop records before */
#define SIPGUIDE_FACT_REQUEST_SEEN  0x40u   /* the request of a response is in the capture */
#define SIPGUIDE_FACT_DIALOG_SEEN   0x80u   /* a 481: the dialog usage it needed was seen */
#define SIPGUIDE_FACT_MODELLED      0x100u  /* the model read the message */
#define SIPGUIDE_FACT_RESPONSE      0x200u  /* a response (its code may be 0) */
#define SIPGUIDE_FACT_COPIES_ODD    0x400u  /* a request: resent at intervals T1 doubling does not give */
#define SIPGUIDE_FACT_REFRESH       0x800u  /* a final response to a REGISTER of a registration
                                             * already in place (a 2xx: renewed; a failure:
                                             * refused, the binding stays) */
#define SIPGUIDE_FACT_AUTH_LOOP     0x1000u /* a 401/407 that is the second rejection or more */
#define SIPGUIDE_FACT_2XX_RESENT    0x2000u /* a 2xx to INVITE whose sender resent it on this hop
                                             * (no ACK had reached it) */
#define SIPGUIDE_FACT_FINAL_OWN_PHRASE 0x8000u /* a request: its final response, of a code outside
                                         * the registry, came with a phrase not its entry's */
#define SIPGUIDE_FACT_TIMED_FROM_COPY 0x4000u /* a response resent for a copy of its request: its
                                         * time counts from that copy */

/* The verdict on a 401/407. */
typedef enum {
    SIPGUIDE_AUTH_NONE,         /* not a challenge, or nothing to say */
    SIPGUIDE_AUTH_CHALLENGE,    /* a first challenge: the request carried no credentials */
    SIPGUIDE_AUTH_STALE,        /* the nonce expired (stale=true) */
    SIPGUIDE_AUTH_RESYNC,       /* the request carried auts: an IMS-AKA re-synchronisation */
    SIPGUIDE_AUTH_REJECTED,     /* the credentials answering a challenge were rejected */
    SIPGUIDE_AUTH_AGAIN         /* credentials of an earlier authentication, not of a
                                 * challenge in this capture: the server asks anew */
} sipguide_auth_t;

/* Bits of sipguide_facts_t.context: the request a response answers ... */
#define SIPGUIDE_CTX_IN_DIALOG      0x01u   /* the request had a To tag (re-INVITE ...) */
#define SIPGUIDE_CTX_OUT_OF_DIALOG  0x02u   /* it had none */
#define SIPGUIDE_CTX_SDP            0x04u   /* it carried a session description */
#define SIPGUIDE_CTX_NO_SDP         0x08u   /* it carried none */
#define SIPGUIDE_CTX_CREDENTIALS    0x10u   /* it carried credentials */
#define SIPGUIDE_CTX_NO_CREDENTIALS 0x20u   /* it carried none */
#define SIPGUIDE_CTX_MAX_FORWARDS_ZERO 0x40u /* it came with Max-Forwards 0 */
#define SIPGUIDE_CTX_MAX_FORWARDS_MORE 0x80u /* with a higher one */
/* ... and the response itself (sipguide_values_response_context). */
#define SIPGUIDE_CTX_CHALLENGE_AKA    0x100u  /* a 401/407 asks for IMS-AKA */
#define SIPGUIDE_CTX_CHALLENGE_DIGEST 0x200u  /* ... for a password digest */
#define SIPGUIDE_CTX_STALE            0x400u  /* ... with stale=true */
#define SIPGUIDE_CTX_ALT_EMERGENCY    0x800u  /* a 3GPP alternative-service body of type emergency */
#define SIPGUIDE_CTX_ALT_RESTORATION  0x1000u /* ... of type restoration */
#define SIPGUIDE_CTX_OWN_PHRASE       0x2000u /* the reason phrase is the catalog entry's */
#define SIPGUIDE_CTX_OTHER_PHRASE     0x4000u /* another phrase */
/* The request again: its session description offers T.38 fax (with SDP). */
#define SIPGUIDE_CTX_T38              0x8000u

#define SIPGUIDE_FACTS_INLINE 2

typedef struct sipguide_facts {
    guint16          code;          /* a response's Status-Code */
    guint16          flags;         /* SIPGUIDE_FACT_* */
    guint16          context;       /* SIPGUIDE_CTX_* */
    guint16          method;        /* request method, or CSeq method (sipguide_intern) */
    guint16          event;         /* Event package of the request (idem), or 0 */
    guint16          copies;        /* a request: copies sent on its hop (1 when never resent) */
    guint8           auth;          /* sipguide_auth_t */
    guint8           nlinks;        /* links held, inline and more */
    guint8           nmore_cap;     /* room in 'more' */
    guint8           challenges;    /* a 401/407: challenges of its client so far */
    guint8           resyncs;       /* a 401/407: IMS-AKA re-synchronisations so far */
    guint32          response_us;   /* a response's time after its request, in microseconds
                                     * (with HAS_TIME; the gap with TIME_BEFORE), or the gap in
                                     * milliseconds (with TIME_JUMP) */
    gint32           asked_expires; /* the request's expiry, or -1 */
    sipguide_link_t  inline_links[SIPGUIDE_FACTS_INLINE];
    sipguide_link_t *more;
} sipguide_facts_t;

/* Start facts for a message; 'method' is interned (sipguide_intern). */
void sipguide_facts_init(sipguide_facts_t *f, gboolean response, guint32 code, guint16 method);

/* The method and the Event package of a message, interned; NULL when
 * unknown. */
const char *sipguide_facts_method(const sipguide_facts_t *f);
const char *sipguide_facts_event(const sipguide_facts_t *f);

/* Add a link; 'scope' is where the facts live (file or packet scope).
 * A second link of a kind replaces the first. */
void sipguide_facts_link(sipguide_facts_t *f, wmem_allocator_t *scope,
                         sipguide_link_kind_t kind, guint32 frame);

/* Add a link with a value, beside any other of its kind. */
void sipguide_facts_add(sipguide_facts_t *f, wmem_allocator_t *scope,
                        sipguide_link_kind_t kind, guint32 data, guint32 frame);

/* Set the value of the first link of a kind, if there is one. */
void sipguide_facts_set_data(sipguide_facts_t *f, sipguide_link_kind_t kind, guint32 data);

/* The frame of the first link of a kind, 0 when there is none. */
guint32 sipguide_facts_get(const sipguide_facts_t *f, sipguide_link_kind_t kind);

/* The first link of a kind, NULL when there is none. */
const sipguide_link_t *sipguide_facts_find(const sipguide_facts_t *f, sipguide_link_kind_t kind);

/* The n-th link (0 <= n < nlinks). */
const sipguide_link_t *sipguide_facts_nth(const sipguide_facts_t *f, guint n);

#endif /* SIPGUIDE_FACTS_H */
