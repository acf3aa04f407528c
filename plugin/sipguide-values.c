/* sipguide-values.c
 * Reads the model's values of one SIP message from its items.  The top
 * Via is the first Via value: its parameters are the Via items before the
 * second value's transport.  Parameters of credentials and challenges are
 * those inside their own header line.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "compat.h"
#include "sipguide-evidence.h"
#include "sipguide-hop.h"
#include "sipguide-parse.h"
#include "sipguide-reason.h"
#include "sipguide-values.h"

#define MAGIC_COOKIE "z9hG4bK"
/* Enough of a message to tell two copies apart; identical copies are
 * identical in every byte. */
#define HASH_BYTES 4096

static const char *
item_string(field_info *fi)
{
    if (fi == NULL || (fi->hfinfo->type != FT_STRING && fi->hfinfo->type != FT_STRINGZ))
        return NULL;
    return fvalue_get_string(SIPGUIDE_FI_VALUE(fi));
}

/* A value without the quotes of a quoted-string, in pinfo->pool. */
static const char *
unquote(packet_info *pinfo, const char *s)
{
    gsize n;

    if (s == NULL)
        return NULL;
    n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
        return wmem_strndup(pinfo->pool, s + 1, n - 2);
    return s;
}

static guint32
text_hash(const char *s)
{
    guint32 h = 2166136261u;

    if (s == NULL)
        return 0;
    for (; *s != '\0'; s++) {
        h ^= (guint8)*s;
        h *= 16777619u;
    }
    return h != 0 ? h : 1;
}

/* The first token of a header value: up to ';' or white space. */
static const char *
first_token(packet_info *pinfo, const char *s)
{
    const char *end;

    if (s == NULL)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    for (end = s; *end != '\0' && *end != ';' && *end != ' ' && *end != '\t' && *end != ','; end++)
        ;
    return end > s ? wmem_strndup(pinfo->pool, s, end - s) : NULL;
}

static gint64
expires_of(const sipguide_msg_t *m)
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

/* The top Via: its branch, sent-by and the endpoint a response goes to
 * (RFC 3261 §18.2.2: received and rport when the server added them). */
static void
read_top_via(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    const sipguide_fi_list_t *transports = &m->f[SIPGUIDE_SF_VIA_TRANSPORT];
    gint start, end = G_MAXINT;
    const char *host, *received, *rport;
    guint32 port = 0;
    field_info *fi;

    if (transports->len == 0) {
        /* No parsed Via: take the first branch, which is all there is. */
        v->branch = sipguide_msg_string(m, SIPGUIDE_SF_VIA_BRANCH, 0);
    } else {
        start = transports->v[0]->start;
        if (transports->len > 1)
            end = transports->v[1]->start;
        v->branch = item_string(sipguide_msg_item_between(m, SIPGUIDE_SF_VIA_BRANCH, start, end));
        host = item_string(sipguide_msg_item_between(m, SIPGUIDE_SF_VIA_SENT_BY_ADDRESS, start, end));
        fi = sipguide_msg_item_between(m, SIPGUIDE_SF_VIA_SENT_BY_PORT, start, end);
        if (fi != NULL)
            port = fvalue_get_uinteger(SIPGUIDE_FI_VALUE(fi));
        if (host != NULL)
            v->sent_by = port != 0 ? wmem_strdup_printf(pinfo->pool, "%s:%u", host, port) : host;
        received = item_string(sipguide_msg_item_between(m, SIPGUIDE_SF_VIA_RECEIVED, start, end));
        rport = item_string(sipguide_msg_item_between(m, SIPGUIDE_SF_VIA_RPORT, start, end));
        if (rport != NULL && g_ascii_isdigit(rport[0]))
            port = (guint32)strtoul(rport, NULL, 10);
        v->via_ep = sipguide_hop_endpoint_text(received != NULL ? received : host,
                                               port != 0 ? port : 5060);
    }
    v->rfc3261_branch = v->branch != NULL && g_str_has_prefix(v->branch, MAGIC_COOKIE);
}

/* Credentials in Authorization or Proxy-Authorization, and their realm. */
static void
read_credentials(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    static const sipguide_sip_field_t headers[] = {
        SIPGUIDE_SF_AUTHORIZATION, SIPGUIDE_SF_PROXY_AUTHORIZATION
    };
    guint h, i;

    for (h = 0; h < G_N_ELEMENTS(headers); h++) {
        for (i = 0; i < m->f[headers[h]].len; i++) {
            const field_info *line = m->f[headers[h]].v[i];
            const char *nonce = unquote(pinfo, item_string(
                sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_NONCE, line)));
            const char *response = unquote(pinfo, item_string(
                sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_RESPONSE, line)));

            if (sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_AUTS, line) != NULL)
                v->auts = TRUE;
            if (nonce == NULL || nonce[0] == '\0')
                continue;
            if (response != NULL && response[0] == '\0' && !v->auts)
                continue;
            v->credentials = TRUE;
            if (v->cred_nonce == 0)
                v->cred_nonce = text_hash(nonce);
            if (v->cred_realm == 0)
                v->cred_realm = text_hash(unquote(pinfo, item_string(
                    sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_REALM, line))));
        }
    }
}

static void
read_challenge(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    const field_info *line = NULL;
    const char *stale;

    if (m->f[SIPGUIDE_SF_WWW_AUTHENTICATE].len > 0)
        line = m->f[SIPGUIDE_SF_WWW_AUTHENTICATE].v[0];
    else if (m->f[SIPGUIDE_SF_PROXY_AUTHENTICATE].len > 0)
        line = m->f[SIPGUIDE_SF_PROXY_AUTHENTICATE].v[0];
    if (line == NULL)
        return;
    v->chal_realm = text_hash(unquote(pinfo, item_string(
        sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_REALM, line))));
    v->chal_nonce = text_hash(unquote(pinfo, item_string(
        sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_NONCE, line))));
    stale = unquote(pinfo, item_string(sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_STALE, line)));
    v->stale = stale != NULL && g_ascii_strcasecmp(stale, "true") == 0;
}

/* What a response says of itself that the catalog's selectors read: the
 * kind of challenge, the type of a 3GPP alternative-service body, and
 * whether its reason phrase is the one of the code's entry (compared
 * without case as the start of the phrase, which may carry a suffix such
 * as "(477/TM)"). */
static guint16
response_context(const sipguide_msg_t *m, packet_info *pinfo, const sipguide_values_t *v)
{
    const sipguide_code_t *e = sipguide_catalog_code(m->code);
    const char *algorithm, *type, *action, *phrase;
    guint16 bits = 0;

    if ((m->code == 401 || m->code == 407) && (algorithm = sipguide_evidence_algorithm(m, pinfo)) != NULL) {
        bits |= sipguide_evidence_algorithm_aka(algorithm) ? SIPGUIDE_CTX_CHALLENGE_AKA
                                                           : SIPGUIDE_CTX_CHALLENGE_DIGEST;
        if (v->stale)
            bits |= SIPGUIDE_CTX_STALE;
    }
    if (sipguide_evidence_alt_service(m, pinfo, &type, &action) && type != NULL) {
        if (g_ascii_strcasecmp(type, "emergency") == 0)
            bits |= SIPGUIDE_CTX_ALT_EMERGENCY;
        else if (g_ascii_strcasecmp(type, "restoration") == 0)
            bits |= SIPGUIDE_CTX_ALT_RESTORATION;
    }
    if (e != NULL && (phrase = sipguide_evidence_phrase(m, pinfo)) != NULL)
        bits |= g_ascii_strncasecmp(phrase, e->phrase, strlen(e->phrase)) == 0
                ? SIPGUIDE_CTX_OWN_PHRASE : SIPGUIDE_CTX_OTHER_PHRASE;
    return bits;
}

static sipguide_tri_t
has_sdp(const sipguide_msg_t *m)
{
    const char *type = sipguide_msg_string(m, SIPGUIDE_SF_CONTENT_TYPE, 0);

    if (type == NULL)
        return SIPGUIDE_TRI_NO;
    if (g_ascii_strncasecmp(type, "application/sdp", 15) == 0)
        return SIPGUIDE_TRI_YES;
    if (g_ascii_strncasecmp(type, "multipart/", 10) == 0)
        return SIPGUIDE_TRI_UNKNOWN;
    return SIPGUIDE_TRI_NO;
}

/* The Reason values the model remembers (of an 18x, a CANCEL, a BYE). */
static void
read_reasons(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    guint i;

    for (i = 0; i < m->f[SIPGUIDE_SF_REASON].len && v->nreasons < G_N_ELEMENTS(v->reasons); i++) {
        const char *value = sipguide_msg_string(m, SIPGUIDE_SF_REASON, i);
        sipguide_reason_t r;
        guint32 packed;

        if (value != NULL && sipguide_reason_parse(value, pinfo, &r)
            && (packed = sipguide_reason_pack(r.proto, r.cause)) != 0)
            v->reasons[v->nreasons++] = packed;
    }
}

static guint32
content_hash(const sipguide_msg_t *m)
{
    gint avail, len;
    const guint8 *p;
    guint32 h = 2166136261u;

    if (m->ds == NULL || m->start < 0 || m->end <= m->start)
        return 0;
    avail = tvb_captured_length_remaining(m->ds, m->start);
    len = MIN(MIN(m->end - m->start, avail), HASH_BYTES);
    if (len <= 0)
        return 0;
    p = tvb_get_ptr(m->ds, m->start, len);
    while (len-- > 0) {
        h ^= *p++;
        h *= 16777619u;
    }
    return h != 0 ? h : 1;
}

gboolean
sipguide_values_read(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    const char *state;

    memset(v, 0, sizeof(*v));
    v->response = m->response;
    v->code = m->code;
    v->expires = -1;
    v->method = sipguide_msg_string(m, m->response ? SIPGUIDE_SF_CSEQ_METHOD : SIPGUIDE_SF_METHOD, 0);
    v->has_cseq = sipguide_msg_uint(m, SIPGUIDE_SF_CSEQ_SEQ, 0, &v->cseq);
    v->call_id = sipguide_msg_string(m, SIPGUIDE_SF_CALL_ID, 0);
    if (v->method == NULL || !v->has_cseq || v->call_id == NULL)
        return FALSE;

    v->from_tag = sipguide_msg_string(m, SIPGUIDE_SF_FROM_TAG, 0);
    v->to_tag = sipguide_msg_string(m, SIPGUIDE_SF_TO_TAG, 0);
    read_top_via(m, pinfo, v);
    v->has_rseq = sipguide_msg_uint(m, SIPGUIDE_SF_RSEQ, 0, &v->rseq);
    v->event = first_token(pinfo, sipguide_msg_string(m, SIPGUIDE_SF_EVENT, 0));
    state = sipguide_msg_string(m, SIPGUIDE_SF_SUBSCRIPTION_STATE, 0);
    v->sub_terminated = state != NULL && g_ascii_strncasecmp(state, "terminated", 10) == 0;
    v->expires = expires_of(m);
    v->max_forwards = -1;
    if (m->response) {
        read_challenge(m, pinfo, v);
        v->response_context = response_context(m, pinfo, v);
    } else {
        guint32 hops;
        read_credentials(m, pinfo, v);
        if (sipguide_msg_uint(m, SIPGUIDE_SF_MAX_FORWARDS, 0, &hops))
            v->max_forwards = hops;
    }
    v->sdp = has_sdp(m);
    if (m->f[SIPGUIDE_SF_AUTHORIZATION].len > 0)
        v->impi = unquote(pinfo, item_string(sipguide_msg_item_within(m, SIPGUIDE_SF_AUTH_USERNAME,
                                                                     m->f[SIPGUIDE_SF_AUTHORIZATION].v[0])));
    v->icid = sipguide_param_value(pinfo, sipguide_msg_string(m, SIPGUIDE_SF_P_CHARGING_VECTOR, 0) != NULL
                                   ? sipguide_msg_string(m, SIPGUIDE_SF_P_CHARGING_VECTOR, 0) : "",
                                   "icid-value");
    v->from_uri = sipguide_msg_string(m, SIPGUIDE_SF_FROM_ADDR, 0);
    v->to_uri = sipguide_msg_string(m, SIPGUIDE_SF_TO_ADDR, 0);
    read_reasons(m, pinfo, v);
    v->content_hash = content_hash(m);
    return TRUE;
}
