/* sipguide-evidence.c
 * Turns the headers and body of one SIP response into evidence: parsed
 * values and sentences from data/evidence.txt, with the cause and warning
 * tables of data/causes.txt.  Every parser is bounded by the string it is
 * given and by SIPGUIDE_EV_MAX_*; malformed values are reported, not guessed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-evidence.h"
#include "sipguide-parse.h"
#include "sipguide-reason.h"
#include "sipguide-sdp.h"

/* Longest body read for the 3GPP IMS XML (alternative-service is small). */
#define BODY_MAX 8192

/* ---------------------------------------------------------------------- */
/* Sentences */

const char *
sipguide_evidence_fill(packet_info *pinfo, sipguide_text_t id,
                       const char *const *pairs, guint count)
{
    const char *text = sipguide_catalog_text(id);
    wmem_strbuf_t *buf = wmem_strbuf_new(pinfo->pool, NULL);

    while (*text != '\0') {
        const char *open = strchr(text, '{');
        const char *close;
        guint i;

        if (open == NULL || (close = strchr(open, '}')) == NULL) {
            wmem_strbuf_append(buf, text);
            break;
        }
        wmem_strbuf_append_len(buf, text, open - text);
        for (i = 0; i < count; i++) {
            const char *name = pairs[2 * i];
            if (strlen(name) == (size_t)(close - open - 1)
                && strncmp(name, open + 1, close - open - 1) == 0)
                break;
        }
        if (i < count)
            wmem_strbuf_append(buf, pairs[2 * i + 1] != NULL ? pairs[2 * i + 1] : "");
        else
            wmem_strbuf_append_len(buf, open, close - open + 1);
        text = close + 1;
    }
    return wmem_strbuf_get_str(buf);
}

static void
add_line(sipguide_evidence_t *ev, packet_info *pinfo, sipguide_text_t id,
         gboolean contradicts, gboolean malformed, const char *const *pairs, guint count)
{
    sipguide_ev_line_t *l;

    if (ev->line_count >= SIPGUIDE_EV_MAX_LINES)
        return;
    l = &ev->lines[ev->line_count++];
    l->id = id;
    l->text = sipguide_evidence_fill(pinfo, id, pairs, count);
    l->contradicts = contradicts;
    l->malformed = malformed;
}

#define LINE(ev, pinfo, id, ...) do { \
        const char *const p_[] = { __VA_ARGS__ }; \
        add_line((ev), (pinfo), (id), FALSE, FALSE, p_, G_N_ELEMENTS(p_) / 2); \
    } while (0)

/* ---------------------------------------------------------------------- */

/* Split a header value at commas outside double quotes and <>; the pieces
 * are trimmed copies in pinfo->pool, at most 'max' of them. */
static guint
split_list(packet_info *pinfo, const char *value, const char **out, guint max)
{
    guint n = 0;
    gboolean quoted = FALSE;
    int angle = 0;
    const char *start = value, *p;

    if (value == NULL)
        return 0;
    for (p = value; ; p++) {
        if (*p == '"' && (p == value || p[-1] != '\\'))
            quoted = !quoted;
        else if (!quoted && *p == '<')
            angle++;
        else if (!quoted && *p == '>' && angle > 0)
            angle--;
        if (*p == '\0' || (*p == ',' && !quoted && angle == 0)) {
            char *piece = g_strstrip(wmem_strndup(pinfo->pool, start, p - start));
            if (*piece != '\0' && n < max)
                out[n++] = piece;
            if (*p == '\0')
                break;
            start = p + 1;
        }
    }
    return n;
}



/* The text after "Name:" of a raw header line, trimmed. */
static const char *
after_colon(packet_info *pinfo, const char *line)
{
    const char *c = line != NULL ? strchr(line, ':') : NULL;

    if (c == NULL)
        return NULL;
    return g_strstrip(wmem_strdup(pinfo->pool, c + 1));
}

static const char *
human_duration(packet_info *pinfo, guint32 s)
{
    if (s < 60)
        return wmem_strdup_printf(pinfo->pool, "%u s", s);
    if (s < 3600)
        return s % 60 ? wmem_strdup_printf(pinfo->pool, "%u min %u s", s / 60, s % 60)
                      : wmem_strdup_printf(pinfo->pool, "%u min", s / 60);
    if (s < 86400)
        return (s % 3600) / 60 ? wmem_strdup_printf(pinfo->pool, "%u h %u min", s / 3600, (s % 3600) / 60)
                               : wmem_strdup_printf(pinfo->pool, "%u h", s / 3600);
    return wmem_strdup_printf(pinfo->pool, "%u d %u h", s / 86400, (s % 86400) / 3600);
}

static const char *
join(packet_info *pinfo, const char **items, guint n, const char *sep)
{
    wmem_strbuf_t *b = wmem_strbuf_new(pinfo->pool, NULL);
    guint i;

    for (i = 0; i < n; i++) {
        if (i > 0)
            wmem_strbuf_append(b, sep);
        wmem_strbuf_append(b, items[i]);
    }
    return wmem_strbuf_get_str(b);
}

static const char *
codes_text(packet_info *pinfo, const sipguide_cause_t *c, unsigned fallback)
{
    wmem_strbuf_t *b = wmem_strbuf_new(pinfo->pool, NULL);
    guint i;

    if (c == NULL || c->code_count == 0) {
        wmem_strbuf_append_printf(b, "%u", fallback);
        return wmem_strbuf_get_str(b);
    }
    for (i = 0; i < c->code_count; i++)
        wmem_strbuf_append_printf(b, "%s%u", i == 0 ? "" : (i + 1 == c->code_count ? " or " : ", "),
                                  c->codes[i]);
    return wmem_strbuf_get_str(b);
}

/* ---------------------------------------------------------------------- */
/* Each kind of evidence */

static void
read_reason_value(const char *value, guint32 code, packet_info *pinfo, sipguide_evidence_t *ev)
{
    sipguide_reason_t rv;
    gboolean parsed = sipguide_reason_parse(value, pinfo, &rv);
    const char *protocol = rv.protocol, *text = rv.text;
    guint32 cause = rv.cause;
    char code_s[16], cause_buf[16];
    sipguide_ev_reason_t *r;

    if (!parsed) {
        const char *p[] = { "value", value };
        add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_MALFORMED, FALSE, TRUE, p, 1);
        return;
    }
    if (ev->reason_count < SIPGUIDE_EV_MAX_VALUES) {
        r = &ev->reasons[ev->reason_count++];
        r->protocol = protocol;
        r->has_cause = TRUE;
        r->cause = cause;
        r->text = text;
    }
    g_snprintf(code_s, sizeof(code_s), "%u", code);
    g_snprintf(cause_buf, sizeof(cause_buf), "%u", cause);

    if (rv.proto == SIPGUIDE_REASON_Q850) {
        const sipguide_cause_t *c = sipguide_catalog_cause(SIPGUIDE_CAUSES_Q850, cause);
        const char *name = c != NULL ? c->name : sipguide_catalog_q850_unlisted_name();
        const char *expected = codes_text(pinfo, c, sipguide_catalog_q850_unlisted());
        const char *p[] = { "cause", cause_buf, "name", name, "code", code_s, "expected", expected };

        if (code < 300) {
            /* No failure code to compare with: the cause is information. */
            add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_Q850_PROVISIONAL, FALSE, FALSE, p, 3);
        } else if (c != NULL && c->code_count == 0) {
            add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_Q850_CLEARING, FALSE, FALSE, p, 3);
        } else {
            gboolean agrees = FALSE;
            guint i;
            if (c != NULL) {
                for (i = 0; i < c->code_count; i++)
                    agrees |= c->codes[i] == code;
            } else {
                agrees = code == sipguide_catalog_q850_unlisted();
            }
            add_line(ev, pinfo, agrees ? SIPGUIDE_TEXT_REASON_Q850_AGREES
                                       : SIPGUIDE_TEXT_REASON_Q850_DISAGREES,
                     !agrees, FALSE, p, 4);
        }
    } else if (rv.proto == SIPGUIDE_REASON_SIP) {
        /* RFC 3326: the cause of protocol SIP is a status code. */
        const sipguide_code_t *e = sipguide_catalog_code(cause);
        if (e != NULL && e->registered && cause == code) {
            const char *p[] = { "cause", cause_buf, "phrase", e->phrase };
            add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_SIP_SAME, FALSE, FALSE, p, 2);
        } else if (e != NULL && e->registered) {
            const char *p[] = { "cause", cause_buf, "phrase", e->phrase, "code", code_s };
            add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_SIP, FALSE, FALSE, p, 3);
        } else {
            const char *p[] = { "cause", cause_buf };
            add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_SIP_NOT_CODE, FALSE, FALSE, p, 1);
        }
    } else if (rv.proto == SIPGUIDE_REASON_RELEASE_CAUSE || rv.proto == SIPGUIDE_REASON_FAILURE_CAUSE) {
        gboolean release = rv.proto == SIPGUIDE_REASON_RELEASE_CAUSE;
        const sipguide_cause_t *c = sipguide_catalog_cause(
            release ? SIPGUIDE_CAUSES_RELEASE : SIPGUIDE_CAUSES_FAILURE, cause);
        if (c != NULL) {
            const char *p[] = { "cause", cause_buf, "name", c->name };
            add_line(ev, pinfo, release ? SIPGUIDE_TEXT_REASON_RELEASE_CAUSE
                                        : SIPGUIDE_TEXT_REASON_FAILURE_CAUSE, FALSE, FALSE, p, 2);
        } else {
            const char *p[] = { "protocol", release ? "RELEASE_CAUSE" : "FAILURE_CAUSE", "cause", cause_buf };
            add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_CAUSE_UNLISTED, FALSE, FALSE, p, 2);
        }
    } else {
        const char *p[] = { "protocol", protocol, "cause", cause_buf };
        add_line(ev, pinfo, SIPGUIDE_TEXT_REASON_OTHER, FALSE, FALSE, p, 2);
    }
    if (text != NULL && *text != '\0')
        LINE(ev, pinfo, SIPGUIDE_TEXT_REASON_TEXT, "text", text);
}

static void
read_reasons(const sipguide_msg_t *m, packet_info *pinfo, sipguide_evidence_t *ev)
{
    guint h, i, n;

    for (h = 0; h < sipguide_msg_count(m, SIPGUIDE_H_REASON) && h < SIPGUIDE_EV_MAX_VALUES; h++) {
        const char *values[SIPGUIDE_EV_MAX_VALUES];
        n = split_list(pinfo, sipguide_msg_string(m, SIPGUIDE_H_REASON, h), values,
                       SIPGUIDE_EV_MAX_VALUES);
        for (i = 0; i < n; i++)
            read_reason_value(values[i], m->code, pinfo, ev);
    }
}

static void
read_retry_after(const sipguide_msg_t *m, packet_info *pinfo, sipguide_evidence_t *ev)
{
    const char *value, *human;
    guint32 seconds;

    if (sipguide_msg_count(m, SIPGUIDE_H_RETRY_AFTER) == 0) {
        if (m->code == 503)
            LINE(ev, pinfo, SIPGUIDE_TEXT_NO_RETRY_AFTER_503, "", "");
        return;
    }
    /* Read the raw line: Wireshark's value is 0 when the header is not a
     * plain number, and "120 (comment);duration=60" is valid SIP. */
    value = after_colon(pinfo, sipguide_msg_raw(m, SIPGUIDE_H_RETRY_AFTER, 0, pinfo, 256));
    if (value == NULL || !sipguide_leading_number(value, &seconds, NULL)) {
        const char *p[] = { "value", value != NULL ? value : "" };
        add_line(ev, pinfo, SIPGUIDE_TEXT_RETRY_AFTER_MALFORMED, FALSE, TRUE, p, 1);
        return;
    }
    ev->has_retry_after = TRUE;
    ev->retry_after = seconds;
    /* "30 s", or "7200 s (2 h)" where a larger unit reads better. */
    human = human_duration(pinfo, seconds);
    LINE(ev, pinfo, SIPGUIDE_TEXT_RETRY_AFTER, "duration",
         seconds < 60 ? human : wmem_strdup_printf(pinfo->pool, "%u s (%s)", seconds, human));
}

static void
read_warnings(const sipguide_msg_t *m, packet_info *pinfo, sipguide_evidence_t *ev)
{
    guint h, i, n;

    for (h = 0; h < sipguide_msg_count(m, SIPGUIDE_H_WARNING) && h < SIPGUIDE_EV_MAX_VALUES; h++) {
        const char *values[SIPGUIDE_EV_MAX_VALUES];
        n = split_list(pinfo, sipguide_msg_string(m, SIPGUIDE_H_WARNING, h), values,
                       SIPGUIDE_EV_MAX_VALUES);
        for (i = 0; i < n; i++) {
            const char *v = values[i], *end = NULL, *agent, *text;
            guint32 wc;
            char **parts;
            const sipguide_cause_t *c;

            if (!sipguide_leading_number(v, &wc, &end) || end - sipguide_skip_ws(v) != 3 || (*end != ' ' && *end != '\t')) {
                const char *p[] = { "value", v };
                add_line(ev, pinfo, SIPGUIDE_TEXT_WARNING_MALFORMED, FALSE, TRUE, p, 1);
                continue;
            }
            parts = g_strsplit(sipguide_skip_ws(end), " ", 2);
            agent = wmem_strdup(pinfo->pool, parts[0] != NULL ? parts[0] : "");
            text = parts[0] != NULL && parts[1] != NULL ? g_strstrip(wmem_strdup(pinfo->pool, parts[1])) : "";
            g_strfreev(parts);
            if (*text == '"') {
                const char *q = strrchr(text + 1, '"');
                text = wmem_strndup(pinfo->pool, text + 1, q != NULL ? (gsize)(q - text - 1) : strlen(text + 1));
            }
            if (ev->warning_count < SIPGUIDE_EV_MAX_VALUES)
                ev->warnings[ev->warning_count++] = wc;
            c = sipguide_catalog_cause(SIPGUIDE_CAUSES_WARNING, wc);
            if (c != NULL)
                LINE(ev, pinfo, SIPGUIDE_TEXT_WARNING,
                     "warncode", wmem_strdup_printf(pinfo->pool, "%u", wc), "name", c->name,
                     "agent", agent, "text", text);
            else
                LINE(ev, pinfo, SIPGUIDE_TEXT_WARNING_UNKNOWN,
                     "warncode", wmem_strdup_printf(pinfo->pool, "%u", wc),
                     "agent", agent, "text", text);
        }
    }
}

/* Names of a list header (option tags, methods, types, mechanisms): the
 * token before any ';' of each value, over every occurrence. */
static const char *
list_names(const sipguide_msg_t *m, sipguide_hdr_t f, packet_info *pinfo)
{
    const char *names[SIPGUIDE_EV_MAX_VALUES * 2];
    guint h, i, n, total = 0;

    for (h = 0; h < sipguide_msg_count(m, f) && total < G_N_ELEMENTS(names); h++) {
        const char *values[SIPGUIDE_EV_MAX_VALUES * 2];
        n = split_list(pinfo, sipguide_msg_string(m, f, h), values, G_N_ELEMENTS(values));
        for (i = 0; i < n && total < G_N_ELEMENTS(names); i++) {
            const char *semi = strchr(values[i], ';');
            names[total++] = semi != NULL
                ? g_strstrip(wmem_strndup(pinfo->pool, values[i], semi - values[i])) : values[i];
        }
    }
    return total > 0 ? join(pinfo, names, total, ", ") : NULL;
}

static void
read_number_header(const sipguide_msg_t *m, sipguide_hdr_t f, packet_info *pinfo,
                   gboolean *has, guint32 *value)
{
    const char *s = sipguide_msg_string(m, f, 0);
    guint32 v;

    if (s != NULL && sipguide_leading_number(s, &v, NULL)) {
        *has = TRUE;
        *value = v;
    } else if (sipguide_msg_count(m, f) > 0) {
        /* Present but not a number: fall back to the raw line. */
        const char *raw = after_colon(pinfo, sipguide_msg_raw(m, f, 0, pinfo, 128));
        if (raw != NULL && sipguide_leading_number(raw, &v, NULL)) {
            *has = TRUE;
            *value = v;
        }
    }
}

const char *
sipguide_evidence_algorithm(const sipguide_msg_t *m, packet_info *pinfo)
{
    sipguide_hdr_t f = m->code == 407 ? SIPGUIDE_H_PROXY_AUTHENTICATE : SIPGUIDE_H_WWW_AUTHENTICATE;
    const char *value = sipguide_msg_string(m, f, 0);
    const char *algorithm;

    if (value == NULL)
        return NULL;
    algorithm = sipguide_param_value(pinfo, value, "algorithm");
    if (algorithm == NULL) {
        /* Skip the scheme word ("Digest") before the parameters. */
        const char *sp = strchr(sipguide_skip_ws(value), ' ');
        algorithm = sp != NULL ? sipguide_param_value(pinfo, sp + 1, "algorithm") : NULL;
    }
    /* RFC 2617: MD5 is the default when the parameter is absent. */
    return algorithm != NULL ? algorithm : "MD5";
}

gboolean
sipguide_evidence_algorithm_aka(const char *algorithm)
{
    /* AKAv1-MD5, AKAv2-MD5 ... (RFC 3310, RFC 4169). */
    return g_ascii_strncasecmp(algorithm, "AKA", 3) == 0;
}

static void
read_challenge(const sipguide_msg_t *m, packet_info *pinfo, sipguide_evidence_t *ev)
{
    const char *header = m->code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
    const char *algorithm = sipguide_evidence_algorithm(m, pinfo);

    if (algorithm == NULL)
        return;
    ev->auth_algorithm = algorithm;
    {
        const char *p[] = { "header", header, "algorithm", algorithm };
        add_line(ev, pinfo, sipguide_evidence_algorithm_aka(algorithm)
                 ? SIPGUIDE_TEXT_CHALLENGE_AKA : SIPGUIDE_TEXT_CHALLENGE_DIGEST, FALSE, FALSE, p, 2);
    }
}

/* The text between <tag> and </tag> (namespace prefixes allowed). */
static const char *
xml_element(packet_info *pinfo, const char *xml, const char *tag)
{
    const char *p = xml;
    size_t tlen = strlen(tag);

    while ((p = strchr(p, '<')) != NULL) {
        const char *name = p + 1, *colon, *gt, *end;
        gt = strchr(name, '>');
        if (gt == NULL)
            return NULL;
        colon = memchr(name, ':', gt - name);
        if (colon != NULL && *name != '/')
            name = colon + 1;
        if ((size_t)(gt - name) == tlen && strncmp(name, tag, tlen) == 0) {
            end = strchr(gt + 1, '<');
            if (end == NULL)
                return NULL;
            return g_strstrip(wmem_strndup(pinfo->pool, gt + 1, end - gt - 1));
        }
        p = gt;
    }
    return NULL;
}

gboolean
sipguide_evidence_alt_service(const sipguide_msg_t *m, packet_info *pinfo, const char **type,
                              const char **action)
{
    const sipguide_hline_t *content;
    const char *body;

    *type = *action = NULL;
    /* The Content-Type's value is read in place: its first bytes, after the
     * blanks the scan skipped, are the media type. */
    sipguide_msg_complete(m);
    content = sipguide_headers_nth(&m->h, SIPGUIDE_H_CONTENT_TYPE, 0);
    if (content == NULL || content->end - content->value < 24
        || !sipguide_word_is(m->p + content->value, "application/3gpp-ims+xml", 24))
        return FALSE;
    body = sipguide_msg_body(m, pinfo, BODY_MAX);
    if (body == NULL || strstr(body, "alternative-service") == NULL)
        return FALSE;
    *type = xml_element(pinfo, body, "type");
    *action = xml_element(pinfo, body, "action");
    return TRUE;
}

static void
read_ims_body(const sipguide_msg_t *m, packet_info *pinfo, sipguide_evidence_t *ev)
{
    if (!sipguide_evidence_alt_service(m, pinfo, &ev->alt_type, &ev->alt_action))
        return;
    LINE(ev, pinfo, SIPGUIDE_TEXT_ALT_SERVICE,
         "type", ev->alt_type != NULL ? ev->alt_type : "",
         "action", ev->alt_action != NULL ? ev->alt_action : "");
}

const char *
sipguide_evidence_phrase(const sipguide_msg_t *m, packet_info *pinfo)
{
    const char *line = sipguide_msg_status_line(m);
    const char *phrase;

    /* "SIP/2.0 NNN phrase": the phrase starts after the second space. */
    if (line == NULL || (phrase = strchr(line, ' ')) == NULL || (phrase = strchr(phrase + 1, ' ')) == NULL)
        return NULL;
    phrase = g_strstrip(wmem_strdup(pinfo->pool, phrase + 1));
    return *phrase != '\0' ? phrase : NULL;
}

/* The reason phrase of the Status-Line, when it is not the registered one
 * (compared without case and surrounding blanks), or for a code outside the
 * registry, not the one of its entry. */
static void
read_phrase(const sipguide_msg_t *m, packet_info *pinfo, sipguide_evidence_t *ev)
{
    const sipguide_code_t *e = sipguide_catalog_code(m->code);
    const char *phrase = sipguide_evidence_phrase(m, pinfo);

    if (phrase == NULL)
        return;
    if (e == NULL) {
        ev->received_phrase = phrase;
        LINE(ev, pinfo, SIPGUIDE_TEXT_PHRASE_UNREGISTERED, "received", phrase);
    } else if (!e->registered) {
        /* A code outside the registry: its entry's phrase is the one of the
         * equipment that uses it, which may add a suffix ("(477/SL)"). */
        if (g_ascii_strcasecmp(phrase, e->phrase) != 0)
            ev->received_phrase = phrase;
        if (g_ascii_strncasecmp(phrase, e->phrase, strlen(e->phrase)) != 0)
            LINE(ev, pinfo, SIPGUIDE_TEXT_PHRASE_NOT_DEFINED, "received", phrase, "defined", e->phrase,
                 "source", e->rfc);
    } else if (g_ascii_strcasecmp(phrase, e->phrase) != 0) {
        ev->received_phrase = phrase;
        LINE(ev, pinfo, SIPGUIDE_TEXT_PHRASE_DIFFERS, "received", phrase, "registered", e->phrase);
    }
}

void
sipguide_evidence_read(const sipguide_msg_t *m, packet_info *pinfo,
                       gint64 asked_expires, sipguide_evidence_t *ev)
{
    const char *names;

    memset(ev, 0, sizeof(*ev));
    if (!m->response)
        return;

    read_phrase(m, pinfo, ev);
    read_reasons(m, pinfo, ev);
    read_retry_after(m, pinfo, ev);
    read_warnings(m, pinfo, ev);

    if (m->code == 401 || m->code == 407)
        read_challenge(m, pinfo, ev);
    if ((names = list_names(m, SIPGUIDE_H_SECURITY_SERVER, pinfo)) != NULL)
        LINE(ev, pinfo, SIPGUIDE_TEXT_SECURITY_SERVER, "mechanisms", names);
    if (m->code == 420 && (names = list_names(m, SIPGUIDE_H_UNSUPPORTED, pinfo)) != NULL)
        LINE(ev, pinfo, SIPGUIDE_TEXT_OPTION_TAGS_UNSUPPORTED, "tags", names);
    if (m->code == 421 && (names = list_names(m, SIPGUIDE_H_REQUIRE, pinfo)) != NULL)
        LINE(ev, pinfo, SIPGUIDE_TEXT_OPTION_TAGS_REQUIRED, "tags", names);
    if (m->code == 422) {
        read_number_header(m, SIPGUIDE_H_MIN_SE, pinfo, &ev->has_min_se, &ev->min_se);
        if (ev->has_min_se)
            LINE(ev, pinfo, SIPGUIDE_TEXT_MIN_SE, "value", wmem_strdup_printf(pinfo->pool, "%u", ev->min_se));
    }
    if (m->code == 423) {
        read_number_header(m, SIPGUIDE_H_MIN_EXPIRES, pinfo, &ev->has_min_expires, &ev->min_expires);
        if (ev->has_min_expires && asked_expires >= 0)
            LINE(ev, pinfo, SIPGUIDE_TEXT_MIN_EXPIRES,
                 "value", wmem_strdup_printf(pinfo->pool, "%u", ev->min_expires),
                 "asked", wmem_strdup_printf(pinfo->pool, "%" PRId64, asked_expires));
        else if (ev->has_min_expires)
            LINE(ev, pinfo, SIPGUIDE_TEXT_MIN_EXPIRES_UNKNOWN,
                 "value", wmem_strdup_printf(pinfo->pool, "%u", ev->min_expires));
    }
    if (m->code >= 300 && m->code < 400) {
        const char *targets[SIPGUIDE_EV_MAX_VALUES];
        guint h, n = 0;
        for (h = 0; h < sipguide_msg_count(m, SIPGUIDE_H_CONTACT) && n < SIPGUIDE_EV_MAX_VALUES; h++)
            n += split_list(pinfo, sipguide_msg_string(m, SIPGUIDE_H_CONTACT, h),
                            targets + n, SIPGUIDE_EV_MAX_VALUES - n);
        if (n > 0)
            LINE(ev, pinfo, SIPGUIDE_TEXT_CONTACT_TARGETS, "targets", join(pinfo, targets, n, ", "));
    }
    if (m->code == 405 && (names = list_names(m, SIPGUIDE_H_ALLOW, pinfo)) != NULL)
        LINE(ev, pinfo, SIPGUIDE_TEXT_ALLOW, "methods", names);
    if (m->code == 415 && (names = list_names(m, SIPGUIDE_H_ACCEPT, pinfo)) != NULL)
        LINE(ev, pinfo, SIPGUIDE_TEXT_ACCEPT, "types", names);
    read_ims_body(m, pinfo, ev);
    /* An answer that declines the image stream an offer of fax asked for. */
    if (m->code >= 100 && m->code < 300 && sipguide_sdp_image(m) == SIPGUIDE_SDP_IMAGE_DECLINED)
        add_line(ev, pinfo, SIPGUIDE_TEXT_SDP_IMAGE_DECLINED, FALSE, FALSE, NULL, 0);
    ev->response_source = sipguide_msg_string(m, SIPGUIDE_H_RESPONSE_SOURCE, 0);
    if (ev->response_source != NULL)
        LINE(ev, pinfo, SIPGUIDE_TEXT_RESPONSE_SOURCE, "source", ev->response_source);
}
