/* sipguide-catalog.h
 * The knowledge catalog: types of the table generated from data/, and the
 * lookups over it.  No Wireshark tree code here, so it can be unit-tested.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_CATALOG_H
#define SIPGUIDE_CATALOG_H

#include <glib.h>

/* The controlled vocabularies of data/vocabulary.txt. */
typedef enum {
    SIPGUIDE_VOCAB_CATEGORY,
    SIPGUIDE_VOCAB_PROCEDURE,
    SIPGUIDE_VOCAB_ELEMENT,
    SIPGUIDE_VOCAB_SCOPE,
    SIPGUIDE_VOCAB_RETRY,
    SIPGUIDE_VOCAB_SEVERITY,
    SIPGUIDE_VOCAB_CALL_OUTCOME,
    SIPGUIDE_VOCAB_REG_OUTCOME,
    SIPGUIDE_VOCAB_COUNT
} sipguide_vocab_t;

/* Severity tokens, in the order data/vocabulary.txt must list them. */
typedef enum {
    SIPGUIDE_SEVERITY_CHAT,
    SIPGUIDE_SEVERITY_NOTE,
    SIPGUIDE_SEVERITY_WARN
} sipguide_severity_t;

#define SIPGUIDE_NONE (-1)      /* an unset vocabulary reference */

typedef struct {
    const char *token;
    const char *description;
} sipguide_term_t;

typedef struct {
    unsigned            count;
    const unsigned char *items;    /* indexes into one vocabulary */
} sipguide_terms_t;

typedef struct {
    unsigned           count;
    const char *const *items;
} sipguide_texts_t;

typedef struct {
    unsigned    code;
    const char *text;              /* why the difference matters */
} sipguide_related_t;

/* A three-valued fact about the request: known yes, known no, or unknown
 * (the request is not in the capture, or the caller cannot tell). */
typedef enum {
    SIPGUIDE_TRI_UNKNOWN,
    SIPGUIDE_TRI_NO,
    SIPGUIDE_TRI_YES
} sipguide_tri_t;

/* What the guide knows of the request a response answers, and of the
 * few facts of the response itself that change what its code means here
 * (the kind of challenge, the 3GPP alternative-service body, the reason
 * phrase).  Everything but the method may be unknown; the guide is then
 * the text that is true for every request of that method. */
typedef struct {
    const char     *method;        /* CSeq method, NULL when unknown */
    sipguide_tri_t  in_dialog;     /* the request had a To tag (re-INVITE ...) */
    const char     *event;         /* Event package of SUBSCRIBE, NOTIFY, PUBLISH, or NULL */
    sipguide_tri_t  request_sdp;   /* the request carried an SDP body */
    sipguide_tri_t  request_t38;   /* its SDP offers T.38 fax (an m=image stream, UDPTL) */
    sipguide_tri_t  credentials;   /* the request carried credentials (Authorization ...) */
    sipguide_tri_t  expires_zero;  /* the request asked for an expiry of 0 */
    sipguide_tri_t  max_forwards_zero; /* the request came with Max-Forwards 0 */
    sipguide_tri_t  aka;           /* a 401/407 asks for IMS-AKA (NO: a password digest) */
    sipguide_tri_t  stale;         /* the challenge says stale=true */
    const char     *alt_service;   /* the type of a 3GPP alternative-service body, or NULL */
    sipguide_tri_t  own_phrase;    /* the reason phrase is the entry's (NO: another one) */
} sipguide_req_ctx_t;

/* A context that knows only the method (what a response alone tells). */
static inline sipguide_req_ctx_t
sipguide_req_ctx_method(const char *method)
{
    sipguide_req_ctx_t ctx = { method, SIPGUIDE_TRI_UNKNOWN, NULL, SIPGUIDE_TRI_UNKNOWN,
                               SIPGUIDE_TRI_UNKNOWN, SIPGUIDE_TRI_UNKNOWN,
                               SIPGUIDE_TRI_UNKNOWN, SIPGUIDE_TRI_UNKNOWN,
                               SIPGUIDE_TRI_UNKNOWN, SIPGUIDE_TRI_UNKNOWN, NULL,
                               SIPGUIDE_TRI_UNKNOWN };
    return ctx;
}

/* Which requests a section applies to: [CODE], [CODE other],
 * [CODE M1,M2 qualifiers], or [CODE qualifiers] (any method).  A
 * qualifier matches only a known value. */
typedef struct {
    unsigned            method_count;  /* 0: no method named */
    const char *const  *methods;
    gboolean            other;         /* the methods the code is not meant for */
    sipguide_tri_t      in_dialog;     /* "in-dialog" YES, "initial" NO, else UNKNOWN */
    const char         *event;         /* "event=PKG", or NULL */
    sipguide_tri_t      sdp;           /* "sdp" YES, "no-sdp" NO, else UNKNOWN */
    sipguide_tri_t      t38;           /* "t38" YES, else UNKNOWN */
    sipguide_tri_t      credentials;   /* "credentials" YES, "no-credentials" NO, else UNKNOWN */
    sipguide_tri_t      expires_zero;  /* "expires=0" YES, else UNKNOWN */
    sipguide_tri_t      max_forwards_zero; /* "max-forwards=0" YES, else UNKNOWN */
    sipguide_tri_t      aka;           /* "aka" YES, "digest" NO, else UNKNOWN */
    sipguide_tri_t      stale;         /* "stale" YES, else UNKNOWN */
    const char         *alt_service;   /* "alt-service=TYPE", or NULL */
    sipguide_tri_t      own_phrase;    /* "own-phrase" YES, "other-phrase" NO, else UNKNOWN */
} sipguide_selector_t;

/* Bits of sipguide_section_t.set: which keys a section sets. */
#define SIPGUIDE_KEY_MEANING    0x0001u
#define SIPGUIDE_KEY_CATEGORY   0x0002u
#define SIPGUIDE_KEY_SCOPE      0x0004u
#define SIPGUIDE_KEY_RETRY      0x0008u
#define SIPGUIDE_KEY_SEVERITY   0x0010u
#define SIPGUIDE_KEY_PROCEDURE  0x0020u
#define SIPGUIDE_KEY_ELEMENT    0x0040u
#define SIPGUIDE_KEY_IMS_REF    0x0080u
#define SIPGUIDE_KEY_HEADERS    0x0100u
#define SIPGUIDE_KEY_RELATED    0x0200u
#define SIPGUIDE_KEY_HINT       0x0400u
#define SIPGUIDE_KEY_FLOW       0x0800u
#define SIPGUIDE_KEY_BODY       0x1000u
#define SIPGUIDE_KEY_CAUSE      0x2000u

/* One section of a code file: the code itself, or one method variant.
 * 'procedures' of a code section are added to the procedure of the
 * request's method (data/methods.txt); every other key of a more specific
 * section replaces the same key of a less specific one. */
typedef struct {
    const char         *method;    /* the selector as written ("INVITE in-dialog"), NULL for the code section */
    sipguide_selector_t sel;
    unsigned            set;       /* SIPGUIDE_KEY_* */
    const char         *meaning;
    int                 category;  /* SIPGUIDE_NONE when unset */
    int                 scope;
    int                 severity;
    sipguide_terms_t    retry;
    sipguide_terms_t    procedures;
    sipguide_terms_t    elements;
    sipguide_texts_t    ims_refs;
    const char         *headers;
    unsigned            related_count;
    const sipguide_related_t *related;
    sipguide_texts_t    hints;     /* the checklist: what to look at in the trace */
    sipguide_texts_t    causes;    /* the usual causes */
    const char         *flow;      /* where in the flow the response appears */
    const char         *body;      /* what body to expect in the response */
    int                 call_outcome;  /* SIPGUIDE_NONE when unset */
    int                 reg_outcome;
} sipguide_section_t;

typedef struct {
    unsigned                  code;
    gboolean                  registered;
    const char               *phrase;
    const char               *rfc;
    sipguide_texts_t          answers;     /* methods the code is meant for; none: any */
    sipguide_section_t        base;
    unsigned                  variant_count;
    const sipguide_section_t *variants;
} sipguide_code_t;

typedef struct {
    const char       *name;
    const char       *meaning;
    unsigned          handled_as;  /* what an unknown code of the class is treated as */
    int               scope;
    int               severity;
    sipguide_terms_t  retry;
    int               call_outcome;    /* what a final response of the class does to a call */
    int               reg_outcome;     /* ... and to a registration; SIPGUIDE_NONE for 1xx */
} sipguide_class_t;

/* A rule of data/methods.txt: what a request of a method (and situation)
 * is for, whatever code answers it. */
typedef struct {
    const char         *method;    /* the section as written ("SUBSCRIBE event=reg") */
    sipguide_selector_t sel;
    sipguide_terms_t    procedures;
    sipguide_texts_t    ims_refs;
    gboolean            offer;     /* the method can carry an SDP offer */
    sipguide_tri_t      in_dialog; /* always (YES), never (NO) or either (UNKNOWN) */
    const char         *note;      /* said of every response to the method, or NULL */
} sipguide_method_t;

/* Room for the merged procedure and reference lists of one guide. */
#define SIPGUIDE_GUIDE_LIST_MAX 24

/* The guide for one response: the code's entry with the sections that fit
 * the request applied over it, its class and the rule of its method.
 * Pointers refer to the static catalog or into the guide itself (the merged
 * lists): resolve into the place where the guide is used, do not copy it. */
typedef struct {
    unsigned                  code;
    unsigned                  cls;         /* 1..6, 0 when the code is out of range */
    const sipguide_class_t   *klass;       /* NULL when the code is out of range */
    const sipguide_code_t    *entry;       /* NULL when the catalog has no entry */
    const sipguide_method_t  *rule;        /* the method's rule, NULL when unknown */
    const char               *variant;     /* label of the most specific applied section, or NULL */
    gboolean                  method_specific; /* a section naming the method applied */
    gboolean                  expected;    /* FALSE: the code is not meant for this method */
    const char               *meaning;     /* NULL without an entry */
    int                       category;
    int                       scope;       /* falls back to the class */
    int                       severity;    /* falls back to the class */
    int                       call_outcome;  /* the code's, else the class's */
    int                       reg_outcome;
    /* Lists are never NULL; they are empty when nothing applies. */
    const sipguide_terms_t   *retry;       /* falls back to the class */
    const sipguide_terms_t   *procedures;  /* the method's, then the code's own */
    const sipguide_terms_t   *elements;
    const sipguide_texts_t   *ims_refs;    /* the code's, then the method's */
    const char               *headers;
    unsigned                  related_count;
    const sipguide_related_t *related;
    const sipguide_texts_t   *hints;
    const sipguide_texts_t   *causes;
    const char               *flow;
    const char               *body;
    const sipguide_texts_t   *answers;     /* empty: any method */
    /* Storage of the merged lists. */
    sipguide_terms_t          procedures_merged;
    unsigned char             procedure_items[SIPGUIDE_GUIDE_LIST_MAX];
    sipguide_texts_t          ims_refs_merged;
    const char               *ims_ref_items[SIPGUIDE_GUIDE_LIST_MAX];
} sipguide_guide_t;

/* The sentences of data/evidence.txt: id, section name, and the
 * placeholders the section may use.  One list for the generator (which
 * checks the data against it) and the plugin (which fills it in). */
#define SIPGUIDE_TEXTS(X) \
    X(REASON_Q850_AGREES,     "reason-q850-agrees",     "cause name code expected") \
    X(REASON_Q850_DISAGREES,  "reason-q850-disagrees",  "cause name code expected") \
    X(REASON_Q850_CLEARING,   "reason-q850-clearing",   "cause name code") \
    X(REASON_Q850_PROVISIONAL, "reason-q850-provisional", "cause name code") \
    X(REASON_SIP,             "reason-sip",             "cause phrase code") \
    X(REASON_SIP_SAME,        "reason-sip-same",        "cause phrase") \
    X(REASON_SIP_NOT_CODE,    "reason-sip-not-code",    "cause") \
    X(REASON_CAUSE_UNLISTED,  "reason-cause-unlisted",  "protocol cause") \
    X(REASON_RELEASE_CAUSE,   "reason-release-cause",   "cause name") \
    X(REASON_FAILURE_CAUSE,   "reason-failure-cause",   "cause name") \
    X(REASON_OTHER,           "reason-other",           "protocol cause") \
    X(REASON_TEXT,            "reason-text",            "text") \
    X(REASON_NAMED,           "reason-named",           "protocol cause name") \
    X(REASON_UNNAMED,         "reason-unnamed",         "protocol cause") \
    X(REASON_MALFORMED,       "reason-malformed",       "value") \
    X(RETRY_AFTER,            "retry-after",            "duration") \
    X(RETRY_AFTER_MALFORMED,  "retry-after-malformed",  "value") \
    X(NO_RETRY_AFTER_503,     "no-retry-after-503",     "") \
    X(WARNING,                "warning",                "warncode name agent text") \
    X(WARNING_UNKNOWN,        "warning-unknown",        "warncode agent text") \
    X(WARNING_MALFORMED,      "warning-malformed",      "value") \
    X(SECURITY_SERVER,        "security-server",        "mechanisms") \
    X(OPTION_TAGS_UNSUPPORTED, "option-tags-unsupported", "tags") \
    X(OPTION_TAGS_REQUIRED,   "option-tags-required",   "tags") \
    X(MIN_SE,                 "min-se",                 "value") \
    X(MIN_EXPIRES,            "min-expires",            "value asked") \
    X(MIN_EXPIRES_UNKNOWN,    "min-expires-unknown-request", "value") \
    X(CHALLENGE_AKA,          "challenge-aka",          "header algorithm") \
    X(CHALLENGE_DIGEST,       "challenge-digest",       "header algorithm") \
    X(CONTACT_TARGETS,        "contact-targets",        "targets") \
    X(ALLOW,                  "allow",                  "methods") \
    X(ACCEPT,                 "accept",                 "types") \
    X(ALT_SERVICE,            "alt-service",            "type action") \
    X(SDP_IMAGE_DECLINED,     "sdp-image-declined",     "") \
    X(RESPONSE_SOURCE,        "response-source",        "source") \
    X(PHRASE_DIFFERS,         "phrase-differs",         "received registered") \
    X(PHRASE_UNREGISTERED,    "phrase-unregistered",    "received") \
    X(PHRASE_NOT_DEFINED,     "phrase-not-defined",     "received defined source") \
    X(PHRASE_UNREAD,          "phrase-unread",          "") \
    X(CODE_INVALID,           "code-invalid",           "code") \
    X(CODE_UNREGISTERED,      "code-unregistered",      "code handled phrase") \
    X(REQUEST_IN,             "request-in",             "frame ms") \
    X(REQUEST_IN_COPY,        "request-in-copy",        "frame request ms") \
    X(REQUEST_IN_RESENT,      "request-in-resent",      "frame") \
    X(REQUEST_IN_BEFORE,      "request-in-before",      "frame ms") \
    X(REQUEST_IN_JUMP,        "request-in-jump",        "frame seconds") \
    X(REQUEST_ELSEWHERE,      "request-elsewhere",      "frame") \
    X(CANCEL_IN,              "cancel-in",              "frame") \
    X(CROSSING_IN,            "crossing-in",            "frame") \
    X(NO_CANCEL,              "no-cancel",              "") \
    X(NO_CANCEL_NO_REQUEST,   "no-cancel-no-request",   "") \
    X(AUTH_RETRY_IN,          "auth-retry-in",          "frame") \
    X(NO_AUTH_RETRY,          "no-auth-retry",          "") \
    X(NO_AUTH_RETRY_YET,      "no-auth-retry-yet",      "seconds") \
    X(AUTH_CHALLENGE,         "auth-challenge",         "frame") \
    X(AUTH_STALE,             "auth-stale",             "frame") \
    X(AUTH_RESYNC,            "auth-resync",            "frame") \
    X(AUTH_REJECTED,          "auth-rejected",          "frame challenge") \
    X(AUTH_REJECTED_UNSEEN,   "auth-rejected-unseen",   "challenge") \
    X(AUTH_AGAIN,             "auth-again",             "frame") \
    X(AUTH_REJECTED_MEANING,  "auth-rejected-meaning",  "") \
    X(RETRANSMISSION,         "retransmission",         "frame") \
    X(RETRANSMISSION_REQUEST_RESENT, "retransmission-request-resent", "frame request") \
    X(RETRANSMISSION_2XX,     "retransmission-2xx",     "frame") \
    X(RETRANSMISSION_RELIABLE, "retransmission-reliable", "frame") \
    X(RETRANSMISSION_INVITE_FAILURE, "retransmission-invite-failure", "frame") \
    X(RETRANSMISSION_UNPROMPTED, "retransmission-unprompted", "frame") \
    X(DUPLICATE,              "duplicate",              "frame") \
    X(ALSO_SEEN,              "also-seen",              "frame") \
    X(FORK,                   "fork",                   "frame") \
    X(DIALOG_INVITE_SEEN,     "dialog-invite-seen",     "frame") \
    X(DIALOG_SEEN_NO_INVITE,  "dialog-seen-no-invite",  "") \
    X(DIALOG_ENDED,           "dialog-ended",           "frame") \
    X(DIALOG_OTHER,           "dialog-other",           "frame") \
    X(DIALOG_NONE,            "dialog-none",            "frame") \
    X(DIALOG_INVITE_NOT_SEEN, "dialog-invite-not-seen", "") \
    X(SUBSCRIPTION_SEEN,      "subscription-seen",      "frame") \
    X(SUBSCRIPTION_SEEN_NO_REQUEST, "subscription-seen-no-request", "") \
    X(SUBSCRIPTION_ENDED,     "subscription-ended",     "frame") \
    X(SUBSCRIPTION_NOT_SEEN,  "subscription-not-seen",  "") \
    X(RECORDS_DROPPED,        "records-dropped",        "") \
    X(ACK_IN,                 "ack-in",                 "frame") \
    X(ACK_OTHER_HOP,          "ack-other-hop",          "frame") \
    X(NO_ACK,                 "no-ack",                 "seconds limit") \
    X(NO_ACK_YET,             "no-ack-yet",             "seconds") \
    X(NO_ACK_ELSEWHERE,       "no-ack-elsewhere",       "seconds") \
    X(REASON_EARLY,           "reason-early",           "frame reason") \
    X(REASON_CANCEL,          "reason-cancel",          "frame reason") \
    X(REASON_CANCEL_ELSEWHERE, "reason-cancel-elsewhere", "frame reason") \
    X(AUTH_LOOP,              "auth-loop",              "count frame") \
    X(RESYNC_LOOP,            "resync-loop",            "count") \
    X(OUTCOME,                "outcome",                "code phrase frame description") \
    X(OUTCOME_REASON_DIFFERS, "outcome-reason-differs", "code phrase frame description") \
    X(OUTCOME_NO_RETRY,       "outcome-no-retry",       "code phrase frame description") \
    X(OUTCOME_TIMED_OUT,      "outcome-timed-out",      "frame limit description") \
    X(REQUEST_FINAL,          "request-final",          "code phrase frame") \
    X(REQUEST_FINAL_OWN_PHRASE, "request-final-own-phrase", "code frame") \
    X(REQUEST_PROVISIONAL_ONLY, "request-provisional-only", "frame") \
    X(REQUEST_TIMED_OUT,      "request-timed-out",      "limit") \
    X(REQUEST_TIMED_OUT_INVITE, "request-timed-out-invite", "limit") \
    X(REQUEST_GIVEN_UP,       "request-given-up",       "seconds code phrase frame") \
    X(REQUEST_FAILED_OVER,    "request-failed-over",    "seconds frame") \
    X(REQUEST_CAPTURE_ENDED,  "request-capture-ended",  "seconds limit") \
    X(REQUEST_CAPTURE_ENDED_RESENT, "request-capture-ended-resent", "seconds copies limit") \
    X(REQUEST_TIMED_OUT_ICMP, "request-timed-out-icmp", "limit") \
    X(REQUEST_CAPTURE_ENDED_ICMP, "request-capture-ended-icmp", "seconds limit") \
    X(REQUEST_ICMP_IGNORED,   "request-icmp-ignored",   "frame") \
    X(REQUEST_ICMP_PORT,      "request-icmp-port",      "frame errors") \
    X(REQUEST_ICMP_HOST,      "request-icmp-host",      "frame errors") \
    X(REQUEST_ICMP_ADMIN,     "request-icmp-admin",     "frame errors") \
    X(REQUEST_ICMP_TOO_BIG,   "request-icmp-too-big",   "frame errors mtu") \
    X(REQUEST_ICMP_TTL,       "request-icmp-ttl",       "frame errors") \
    X(REQUEST_ICMP_OTHER,     "request-icmp-other",     "frame errors") \
    X(REGISTRATION_STILL_VALID, "registration-still-valid", "frame seconds") \
    X(REQUEST_COPIES,         "request-copies",         "count t1") \
    X(REQUEST_COPIES_ANSWERED, "request-copies-answered", "count request") \
    X(REQUEST_COPIES_ODD,     "request-copies-odd",     "count t1") \
    X(REQUEST_RETRANSMISSION, "request-retransmission", "frame") \
    X(REQUEST_RETRANSMISSION_ANSWERED, "request-retransmission-answered", "frame request") \
    X(CANCEL_INVITE_FINAL,    "cancel-invite-final",    "frame") \
    X(CANCEL_NO_FINAL,        "cancel-no-final",        "limit") \
    X(CANCEL_NO_FINAL_YET,    "cancel-no-final-yet",    "limit") \
    X(CALLS_BYE_NO_REASON,    "calls-bye-no-reason",    "") \
    X(CALLS_REASON_INHERITED, "calls-reason-inherited", "reasons frame") \
    X(CALLS_NO_RESPONSE,      "calls-no-response",      "frame") \
    X(CALLS_REFRESH_REFUSED,  "calls-refresh-refused",  "code phrase frame") \
    X(CALLS_DIAMETER_SUCCESS, "calls-diameter-success", "message") \
    X(DIAMETER_UAA,           "diameter-uaa",           "frame result name meaning") \
    X(DIAMETER_MAA,           "diameter-maa",           "frame result name meaning") \
    X(DIAMETER_SAA,           "diameter-saa",           "frame result name meaning") \
    X(DIAMETER_LIA,           "diameter-lia",           "frame result name meaning") \
    X(DIAMETER_AAA,           "diameter-aaa",           "frame result name meaning") \
    X(DIAMETER_ASR,           "diameter-asr",           "frame result name meaning") \
    X(DIAMETER_RAR,           "diameter-rar",           "frame result name meaning") \
    X(DIAMETER_SUCCESS_ELSEWHERE, "diameter-success-elsewhere", "frame result name command") \
    X(DIAMETER_SUCCESS_ELSEWHERE_RX, "diameter-success-elsewhere-rx", "frame result name") \
    X(DIAMETER_MAA_CHALLENGE, "diameter-maa-challenge", "frame result name") \
    X(DIAMETER_SUCCESS_CHALLENGE, "diameter-success-challenge", "frame result name command") \
    X(DIAMETER_AFTER_SUCCESS, "diameter-after-success", "frame result name meaning command earlier other") \
    X(DIAMETER_AMBIGUOUS,     "diameter-ambiguous",     "frame other") \
    X(DIAMETER_UNLISTED,      "diameter-unlisted",      "")

typedef enum {
#define SIPGUIDE_TEXT_ID(id, name, placeholders) SIPGUIDE_TEXT_##id,
    SIPGUIDE_TEXTS(SIPGUIDE_TEXT_ID)
#undef SIPGUIDE_TEXT_ID
    SIPGUIDE_TEXT_COUNT
} sipguide_text_t;

/* A cause or warn-code of data/causes.txt. */
typedef struct {
    const char           *name;        /* NULL: not listed */
    unsigned              code_count;  /* SIP codes it maps to (Q.850 only) */
    const unsigned short *codes;
} sipguide_cause_t;

typedef enum {
    SIPGUIDE_CAUSES_Q850,
    SIPGUIDE_CAUSES_RELEASE,
    SIPGUIDE_CAUSES_FAILURE,
    SIPGUIDE_CAUSES_WARNING,
    SIPGUIDE_CAUSES_COUNT
} sipguide_causes_t;

/* The Diameter tables of data/diameter.txt: the base Result-Code of
 * RFC 6733, the Experimental-Result-Codes of Cx, Rx and Sh (Vendor-Id 3GPP),
 * and the values of the Rx Abort-Cause and Specific-Action AVPs. */
typedef enum {
    SIPGUIDE_DIAM_BASE,
    SIPGUIDE_DIAM_CX,
    SIPGUIDE_DIAM_RX,
    SIPGUIDE_DIAM_SH,
    SIPGUIDE_DIAM_ABORT_CAUSE,
    SIPGUIDE_DIAM_SPECIFIC_ACTION,
    SIPGUIDE_DIAM_COUNT
} sipguide_diam_table_t;

typedef struct {
    unsigned    code;
    const char *name;      /* the registered name (DIAMETER_ERROR_USER_UNKNOWN ...) */
    const char *meaning;   /* what it means for the SIP side */
    const char *sip;       /* what it usually turns into in SIP, or NULL */
    const char *ref;       /* the reference with its clause */
    const char *outcome;   /* the call or registration outcome token of a failure it
                            * explains (rejected, failed), or NULL */
    const char *after_success; /* what it means after an earlier success for the same
                                * identity, or NULL */
} sipguide_diam_entry_t;

/* Lowest and highest code of a valid class (RFC 3261 §7.2). */
#define SIPGUIDE_CODE_MIN 100
#define SIPGUIDE_CODE_MAX 699

/* The entry of a code, or NULL when the catalog has none.  O(1). */
const sipguide_code_t *sipguide_catalog_code(unsigned code);

/* The class of a code (1..6), or NULL when the code is outside 100..699. */
const sipguide_class_t *sipguide_catalog_class(unsigned cls);

/* Fill *guide for a response code and what is known of its request (NULL:
 * nothing).  Returns FALSE when the code is outside 100..699: then only
 * guide->code is meaningful. */
gboolean sipguide_catalog_resolve(unsigned code, const sipguide_req_ctx_t *ctx,
                                  sipguide_guide_t *guide);

/* The rule of data/methods.txt for a request, or NULL for an unknown method. */
const sipguide_method_t *sipguide_catalog_method(const sipguide_req_ctx_t *ctx);

/* Whether a method is one data/methods.txt knows. */
gboolean sipguide_catalog_method_known(const char *method);

/* The index of the category of cancelled requests (487), which the
 * statistics count apart from failures; SIPGUIDE_NONE if the data has none. */
int sipguide_catalog_category_cancelled(void);

/* The token and the description of a vocabulary term; "" when out of range. */
const char *sipguide_term_token(sipguide_vocab_t vocab, int index);
const char *sipguide_term_description(sipguide_vocab_t vocab, int index);
unsigned sipguide_term_count(sipguide_vocab_t vocab);

/* The index of a token in a vocabulary, or SIPGUIDE_NONE. */
int sipguide_term_find(sipguide_vocab_t vocab, const char *token);

/* The sentence of data/evidence.txt for an id. */
const char *sipguide_catalog_text(sipguide_text_t id);

/* A cause of a table: Q.850 causes 0..127, 3GPP causes, warn-codes
 * 300..399 (by their number).  NULL when the table does not list it. */
const sipguide_cause_t *sipguide_catalog_cause(sipguide_causes_t table, unsigned number);

/* The code RFC 3398 maps Q.850 causes missing from the table to, and the
 * name the guide gives such a cause. */
unsigned sipguide_catalog_q850_unlisted(void);
const char *sipguide_catalog_q850_unlisted_name(void);

/* The entry of a code in a table (base Result-Code of RFC 6733; the
 * Experimental-Result-Codes of Cx, Rx, Sh; Rx Abort-Cause and Specific-Action
 * values), or NULL.  A binary search over the sorted table. */
const sipguide_diam_entry_t *sipguide_catalog_diameter(sipguide_diam_table_t table, unsigned code);

/* Number of entries in the catalog (registered or not). */
unsigned sipguide_catalog_size(void);
const sipguide_code_t *sipguide_catalog_nth(unsigned n);

#endif /* SIPGUIDE_CATALOG_H */
