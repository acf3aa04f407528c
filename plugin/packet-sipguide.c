/* packet-sipguide.c
 * The SIP Response Guide protocol: a post-dissector that adds, under every
 * SIP response of a frame, what the code means, its IMS context and what to
 * check next.  Registration and drawing live here; the knowledge comes from
 * the catalog (data/), the SIP values from sipguide-extract.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/column-utils.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/tfs.h>

#include "compat.h"
#include "packet-sipguide.h"
#include "sipguide-catalog.h"
#include "sipguide-evidence.h"
#include "sipguide-extract.h"
#include "sipguide-prime.h"
#include "sipguide-stats.h"
#include "sipguide-transaction.h"
#include "sipguide-userhints.h"

/* A text longer than this is shown over several lines, so that no label
 * is cut at Wireshark's label limit (ITEM_LABEL_LENGTH). */
#define SIPGUIDE_LINE_BYTES 160

static int proto_sipguide = -1;

static int hf_sipguide_code = -1;
static int hf_sipguide_class = -1;
static int hf_sipguide_class_meaning = -1;
static int hf_sipguide_registered = -1;
static int hf_sipguide_handled_as = -1;
static int hf_sipguide_phrase = -1;
static int hf_sipguide_meaning = -1;
static int hf_sipguide_method = -1;
static int hf_sipguide_category = -1;
static int hf_sipguide_scope = -1;
static int hf_sipguide_retry = -1;
static int hf_sipguide_reference = -1;
static int hf_sipguide_ims_procedure = -1;
static int hf_sipguide_ims_element = -1;
static int hf_sipguide_ims_reference = -1;
static int hf_sipguide_hint = -1;
static int hf_sipguide_headers = -1;
static int hf_sipguide_related = -1;
static int hf_sipguide_related_why = -1;
static int hf_sipguide_evidence = -1;
static int hf_sipguide_reason_protocol = -1;
static int hf_sipguide_reason_cause = -1;
static int hf_sipguide_reason_text = -1;
static int hf_sipguide_retry_after = -1;
static int hf_sipguide_warning_code = -1;
static int hf_sipguide_min_se = -1;
static int hf_sipguide_min_expires = -1;
static int hf_sipguide_auth_algorithm = -1;
static int hf_sipguide_alt_service_type = -1;
static int hf_sipguide_alt_service_action = -1;
static int hf_sipguide_response_source = -1;
static int hf_sipguide_request_in = -1;
static int hf_sipguide_response_time = -1;
static int hf_sipguide_cancel_in = -1;
static int hf_sipguide_auth_retry_in = -1;
static int hf_sipguide_retransmission_of = -1;
static int hf_sipguide_dialog_invite_in = -1;
static int hf_sipguide_transaction_note = -1;
static int hf_sipguide_site_hint = -1;
static int hf_sipguide_flow = -1;
static int hf_sipguide_body = -1;
static int hf_sipguide_cause = -1;
static int hf_sipguide_meant_for = -1;
static int hf_sipguide_method_note = -1;
static int hf_sipguide_received_phrase = -1;

/* The fields made from the evidence headers and the transaction tables:
 * a run that asks for none of them needs only the plain guide. */
static int *const hf_sipguide_full[] = {
    &hf_sipguide_evidence, &hf_sipguide_reason_protocol, &hf_sipguide_reason_cause,
    &hf_sipguide_reason_text, &hf_sipguide_retry_after, &hf_sipguide_warning_code,
    &hf_sipguide_min_se, &hf_sipguide_min_expires, &hf_sipguide_auth_algorithm,
    &hf_sipguide_alt_service_type, &hf_sipguide_alt_service_action, &hf_sipguide_response_source,
    &hf_sipguide_request_in, &hf_sipguide_response_time, &hf_sipguide_cancel_in,
    &hf_sipguide_auth_retry_in, &hf_sipguide_retransmission_of, &hf_sipguide_dialog_invite_in,
    &hf_sipguide_transaction_note, &hf_sipguide_received_phrase
};

static gint ett_sipguide = -1;
static gint ett_sipguide_class = -1;
static gint ett_sipguide_ims = -1;
static gint ett_sipguide_troubleshooting = -1;
static gint ett_sipguide_text = -1;
static gint ett_sipguide_evidence = -1;
static gint ett_sipguide_transaction = -1;

static expert_field ei_sipguide_response_chat = EI_INIT;
static expert_field ei_sipguide_response_note = EI_INIT;
static expert_field ei_sipguide_response_warn = EI_INIT;
static expert_field ei_sipguide_code_invalid = EI_INIT;
static expert_field ei_sipguide_code_unregistered = EI_INIT;
static expert_field ei_sipguide_evidence_contradicts = EI_INIT;
static expert_field ei_sipguide_evidence_malformed = EI_INIT;
static expert_field ei_sipguide_retransmission = EI_INIT;

static dissector_handle_t sipguide_handle;
static int sipguide_tap = -1;
static int expert_tap = -1;     /* Wireshark's own, for Analyze > Expert Information and -z expert */

/* The fields through which a filter or a column reads expert items:
 * Wireshark's own and the guide's; looked up at file start. */
static const char *const expert_field_names[] = {
    "_ws.expert", "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group",
    "sipguide.response.normal", "sipguide.response.failure", "sipguide.response.unusual",
    "sipguide.code.invalid", "sipguide.code.unregistered", "sipguide.evidence.contradicts",
    "sipguide.evidence.malformed", "sipguide.retransmission"
};
static int expert_field_ids[G_N_ELEMENTS(expert_field_names)];

/* Whether the first tree of this file has decided what the run needs. */
static gboolean needs_decided;

/* Preferences: what the guide shows. */
static sipguide_epan_bool_t pref_show_ims = TRUE;
static sipguide_epan_bool_t pref_show_hints = TRUE;
static sipguide_epan_bool_t pref_show_evidence = TRUE;
static sipguide_epan_bool_t pref_show_transaction = TRUE;
static sipguide_epan_bool_t pref_info_column = FALSE;

/* Class names come from data/classes.txt; filled at registration. */
static value_string sipguide_class_vals[8];

static const true_false_string tfs_sipguide_registered = {
    "Yes (IANA SIP Response Codes registry)",
    "No (not in the IANA SIP Response Codes registry)"
};

/* ---------------------------------------------------------------------- */
/* What the first pass learns about a frame, kept for later passes. */

typedef struct {
    guint32          code;
    const char      *method;    /* interned in method_names, or NULL */
    sipguide_links_t links;     /* updated later by a retry with credentials */
} sipguide_response_t;

typedef struct {
    guint               count;
    sipguide_response_t responses[];
} sipguide_frame_t;

/* One copy of each CSeq method name per file. */
static wmem_map_t *method_names;

static const char *
intern_method(const char *method)
{
    char *copy;

    if (method == NULL)
        return NULL;
    copy = (char *)wmem_map_lookup(method_names, method);
    if (copy == NULL) {
        copy = wmem_strdup(wmem_file_scope(), method);
        wmem_map_insert(method_names, copy, copy);
    }
    return copy;
}

/* The first reading of a frame with its SIP values: its responses, kept
 * for later passes unless the program reads each frame once, and every
 * message, requests too, fed to the transaction tables. */
static sipguide_frame_t *
remember_frame(packet_info *pinfo, const sipguide_msgs_t *msgs)
{
    sipguide_frame_t *frame;
    guint i, n = 0;
    gboolean keep = !sipguide_prime_single_pass();

    for (i = 0; i < msgs->count; i++)
        n += msgs->msgs[i].response ? 1 : 0;
    frame = (sipguide_frame_t *)wmem_alloc0(keep ? wmem_file_scope() : pinfo->pool,
        sizeof(sipguide_frame_t) + n * sizeof(sipguide_response_t));
    for (i = 0; i < msgs->count; i++) {
        const sipguide_msg_t *m = &msgs->msgs[i];
        sipguide_response_t *r = NULL;

        if (m->response) {
            r = &frame->responses[frame->count++];
            r->code = m->code;
            r->method = intern_method(sipguide_msg_string(m, SIPGUIDE_SF_CSEQ_METHOD, 0));
            r->links.asked_expires = -1;
        }
        if (sipguide_prime_armed() == SIPGUIDE_NEED_ALL)
            sipguide_transaction_add(pinfo, m, r != NULL ? &r->links : NULL, keep);
    }
    if (keep)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_sipguide, 0, frame);
    return frame;
}

/* ---------------------------------------------------------------------- */
/* Drawing */

/* Replace {method} with the request method. */
static const char *
expand(packet_info *pinfo, const char *text, const char *method)
{
    const char *at;
    wmem_strbuf_t *buf;

    if (text == NULL || (at = strstr(text, "{method}")) == NULL)
        return text;
    buf = wmem_strbuf_new(pinfo->pool, NULL);
    while (at != NULL) {
        wmem_strbuf_append_len(buf, text, at - text);
        wmem_strbuf_append(buf, method != NULL ? method : "the request");
        text = at + strlen("{method}");
        at = strstr(text, "{method}");
    }
    wmem_strbuf_append(buf, text);
    return wmem_strbuf_get_str(buf);
}

/* Length of the first line of text: at most SIPGUIDE_LINE_BYTES bytes,
 * cut at a space when there is one, never inside a UTF-8 character. */
static size_t
first_line_length(const char *text)
{
    size_t len = strlen(text), cut;

    if (len <= SIPGUIDE_LINE_BYTES)
        return len;
    for (cut = SIPGUIDE_LINE_BYTES; cut > SIPGUIDE_LINE_BYTES / 2; cut--) {
        if (text[cut] == ' ')
            return cut;
    }
    cut = SIPGUIDE_LINE_BYTES;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    return cut;
}

/* What every drawing function needs: generated items point at no bytes
 * (offset 0, length 0) of the frame.  In a tree whose labels nobody reads
 * (a filter, a column, tshark -T fields) only the fields someone asked for
 * are added, and nothing is formatted for a label. */
typedef struct {
    packet_info *pinfo;
    tvbuff_t    *tvb;
    const char  *method;
    gboolean     shown;     /* the tree is shown, labels and all */
    gboolean     expert;    /* someone reads expert items */
    proto_item  *top;       /* this response's guide item, for expert items */
} draw_t;

/* Whether an item of field hf is needed. */
static inline gboolean
wanted(const draw_t *d, int hf)
{
    return d->shown || proto_registrar_get_nth(hf)->ref_type != HF_REF_TYPE_NONE;
}

/* A text-only subtree, in a shown tree; elsewhere its items go to the parent. */
static proto_tree *
add_subtree(proto_tree *tree, const draw_t *d, int ett, const char *label)
{
    if (!d->shown)
        return tree;
    return proto_tree_add_subtree(tree, d->tvb, 0, 0, ett, NULL, label);
}

/* A generated number or string item, when the field is needed. */
static proto_item *
add_uint(proto_tree *tree, const draw_t *d, int hf, guint32 value)
{
    proto_item *pi;

    if (!wanted(d, hf))
        return NULL;
    pi = proto_tree_add_uint(tree, hf, d->tvb, 0, 0, value);
    proto_item_set_generated(pi);
    return pi;
}

static proto_item *
add_string(proto_tree *tree, const draw_t *d, int hf, const char *value)
{
    proto_item *pi;

    if (!wanted(d, hf))
        return NULL;
    pi = proto_tree_add_string(tree, hf, d->tvb, 0, 0, value);
    proto_item_set_generated(pi);
    return pi;
}

/* A generated string item holding the whole text; the label shows it over
 * as many lines as it needs.  NULL when the field is not wanted. */
static proto_item *
add_text(proto_tree *tree, const draw_t *d, int hf, const char *text)
{
    packet_info *pinfo = d->pinfo;
    tvbuff_t *tvb = d->tvb;
    proto_item *pi;
    proto_tree *more;
    size_t len;

    if (!wanted(d, hf))
        return NULL;
    if (!d->shown) {
        pi = proto_tree_add_string(tree, hf, tvb, 0, 0, text);
        proto_item_set_generated(pi);
        return pi;
    }
    len = first_line_length(text);
    if (text[len] == '\0') {
        pi = proto_tree_add_string(tree, hf, tvb, 0, 0, text);
        proto_item_set_generated(pi);
        return pi;
    }
    pi = proto_tree_add_string_format_value(tree, hf, tvb, 0, 0, text, "%s",
                                            wmem_strndup(pinfo->pool, text, len));
    proto_item_set_generated(pi);
    more = proto_item_add_subtree(pi, ett_sipguide_text);
    text += len;
    while (*text == ' ')
        text++;
    while (*text != '\0') {
        len = first_line_length(text);
        proto_tree_add_subtree(more, tvb, 0, 0, ett_sipguide_text, NULL,
                               wmem_strndup(pinfo->pool, text, len));
        text += len;
        while (*text == ' ')
            text++;
    }
    return pi;
}

/* A vocabulary term: the token is the value, the label adds its meaning. */
static void
add_term(proto_tree *tree, const draw_t *d, int hf, sipguide_vocab_t vocab, int index)
{
    proto_item *pi;

    if (index == SIPGUIDE_NONE || !wanted(d, hf))
        return;
    if (!d->shown) {
        pi = proto_tree_add_string(tree, hf, d->tvb, 0, 0, sipguide_term_token(vocab, index));
        proto_item_set_generated(pi);
        return;
    }
    pi = proto_tree_add_string_format_value(tree, hf, d->tvb, 0, 0,
            sipguide_term_token(vocab, index), "%s (%s)",
            sipguide_term_token(vocab, index), sipguide_term_description(vocab, index));
    proto_item_set_generated(pi);
}

static void
add_terms(proto_tree *tree, const draw_t *d, int hf, sipguide_vocab_t vocab,
          const sipguide_terms_t *terms)
{
    unsigned i;

    if (terms == NULL || !wanted(d, hf))
        return;
    for (i = 0; i < terms->count; i++)
        add_term(tree, d, hf, vocab, terms->items[i]);
}

static expert_field *
severity_expert(int severity)
{
    switch (severity) {
    case SIPGUIDE_SEVERITY_CHAT: return &ei_sipguide_response_chat;
    case SIPGUIDE_SEVERITY_WARN: return &ei_sipguide_response_warn;
    default:                     return &ei_sipguide_response_note;
    }
}

static void
draw_ims_context(proto_tree *tree, const draw_t *d, const sipguide_guide_t *g)
{
    proto_tree *ims;
    unsigned i;

    if (g->procedures->count == 0 && g->elements->count == 0 && g->ims_refs->count == 0)
        return;
    ims = add_subtree(tree, d, ett_sipguide_ims, "IMS context");
    add_terms(ims, d, hf_sipguide_ims_procedure, SIPGUIDE_VOCAB_PROCEDURE, g->procedures);
    add_terms(ims, d, hf_sipguide_ims_element, SIPGUIDE_VOCAB_ELEMENT, g->elements);
    for (i = 0; i < g->ims_refs->count; i++)
        add_text(ims, d, hf_sipguide_ims_reference, g->ims_refs->items[i]);
}

/* The Troubleshooting subtree, made when its first item comes. */
typedef struct {
    proto_tree   *parent;
    proto_tree   *tree;
    const draw_t *d;
} ts_ctx_t;

static proto_tree *
ts_tree(ts_ctx_t *c)
{
    if (c->tree == NULL)
        c->tree = add_subtree(c->parent, c->d, ett_sipguide_troubleshooting, "Troubleshooting");
    return c->tree;
}

static void
draw_site_hint(const char *hint, void *data)
{
    ts_ctx_t *c = (ts_ctx_t *)data;

    add_text(ts_tree(c), c->d, hf_sipguide_site_hint, hint);
}

/* The reason phrase of the Status-Line and every Warning value: what a site
 * hint may match. */
static guint
site_hint_texts(const sipguide_msg_t *m, const char **texts, guint max)
{
    const char *line;
    guint n = 0, i;

    if (m == NULL)
        return 0;
    line = sipguide_msg_string(m, SIPGUIDE_SF_STATUS_LINE, 0);
    if (line != NULL && strlen(line) > 12 && n < max)
        texts[n++] = line + 12;     /* after "SIP/2.0 NNN " */
    for (i = 0; i < m->f[SIPGUIDE_SF_WARNING].len && n < max; i++)
        texts[n++] = sipguide_msg_string(m, SIPGUIDE_SF_WARNING, i);
    return n;
}

static void
draw_troubleshooting(proto_tree *tree, const draw_t *d, const sipguide_guide_t *g,
                     const sipguide_msg_t *m)
{
    proto_tree *ts;
    unsigned i;
    const char *texts[9];
    ts_ctx_t ctx = { tree, NULL, d };

    sipguide_userhints_foreach(g->code, d->method, texts, site_hint_texts(m, texts, 9),
                               draw_site_hint, &ctx);
    if (g->hints->count == 0 && g->causes->count == 0 && g->headers == NULL && g->related_count == 0)
        return;
    ts = ts_tree(&ctx);
    for (i = 0; i < g->causes->count && wanted(d, hf_sipguide_cause); i++)
        add_text(ts, d, hf_sipguide_cause, expand(d->pinfo, g->causes->items[i], d->method));
    for (i = 0; i < g->hints->count && wanted(d, hf_sipguide_hint); i++)
        add_text(ts, d, hf_sipguide_hint, expand(d->pinfo, g->hints->items[i], d->method));
    if (g->headers != NULL)
        add_text(ts, d, hf_sipguide_headers, g->headers);
    for (i = 0; i < g->related_count && (wanted(d, hf_sipguide_related)
                                         || wanted(d, hf_sipguide_related_why)); i++) {
        const sipguide_related_t *r = &g->related[i];
        const sipguide_code_t *other = sipguide_catalog_code(r->code);
        proto_item *pi = proto_tree_add_uint_format_value(ts, hf_sipguide_related, d->tvb, 0, 0,
            r->code, "%u %s", r->code, other != NULL ? other->phrase : "");
        proto_tree *why;

        proto_item_set_generated(pi);
        why = proto_item_add_subtree(pi, ett_sipguide_text);
        add_text(why, d, hf_sipguide_related_why, expand(d->pinfo, r->text, d->method));
    }
}

/* The class, and what an unknown code of the class is handled as. */
static void
draw_class(proto_tree *tree, const draw_t *d, const sipguide_guide_t *g)
{
    proto_item *pi;
    proto_tree *ct;

    pi = add_uint(tree, d, hf_sipguide_class, g->cls);
    ct = d->shown ? proto_item_add_subtree(pi, ett_sipguide_class) : tree;
    add_text(ct, d, hf_sipguide_class_meaning, g->klass->meaning);

    if (wanted(d, hf_sipguide_registered)) {
        pi = proto_tree_add_boolean(tree, hf_sipguide_registered, d->tvb, 0, 0,
                                    g->entry != NULL && g->entry->registered);
        proto_item_set_generated(pi);
    }
    if (g->entry == NULL || !g->entry->registered) {
        /* A receiver treats a code it does not know by its class
         * (RFC 3261 §8.1.3.2); data/classes.txt says as which code. */
        guint as = g->klass->handled_as;
        const sipguide_code_t *base = sipguide_catalog_code(as);
        const char *phrase = base != NULL ? base->phrase : "";

        if (d->shown) {
            pi = proto_tree_add_uint_format_value(tree, hf_sipguide_handled_as, d->tvb, 0, 0, as,
                                                  "%u %s", as, phrase);
            proto_item_set_generated(pi);
        } else {
            pi = add_uint(tree, d, hf_sipguide_handled_as, as);
        }
        if (d->expert) {
            const char *p[] = { "code", wmem_strdup_printf(d->pinfo->pool, "%u", g->code),
                                "handled", wmem_strdup_printf(d->pinfo->pool, "%u", as),
                                "phrase", phrase };
            expert_add_info_format(d->pinfo, pi != NULL ? pi : d->top,
                &ei_sipguide_code_unregistered, "%s",
                sipguide_evidence_fill(d->pinfo, SIPGUIDE_TEXT_CODE_UNREGISTERED, p, 3));
        }
    }
}

/* The first sentence of a text, for an expert item's summary. */
static const char *
first_sentence(packet_info *pinfo, const char *text)
{
    const char *end = strstr(text, ". ");

    return end != NULL ? wmem_strndup(pinfo->pool, text, end - text) : text;
}

/* What the response's own headers say, when this pass can read them. */
static void
draw_evidence(proto_tree *tree, const draw_t *d, const sipguide_msg_t *m,
              const sipguide_response_t *r)
{
    sipguide_evidence_t ev;
    proto_tree *et;
    proto_item *pi;
    guint i;

    sipguide_evidence_read(m, d->pinfo, r->links.asked_expires, &ev);
    if (ev.line_count == 0)
        return;
    et = add_subtree(tree, d, ett_sipguide_evidence, "Evidence");
    for (i = 0; i < ev.line_count; i++) {
        pi = add_text(et, d, hf_sipguide_evidence, ev.lines[i].text);
        if (pi == NULL)
            pi = d->top;
        if (ev.lines[i].contradicts && d->expert)
            expert_add_info_format(d->pinfo, pi, &ei_sipguide_evidence_contradicts, "%s",
                                   first_sentence(d->pinfo, ev.lines[i].text));
        if (ev.lines[i].malformed && d->expert)
            expert_add_info_format(d->pinfo, pi, &ei_sipguide_evidence_malformed, "%s",
                                   first_sentence(d->pinfo, ev.lines[i].text));
    }
    for (i = 0; i < ev.reason_count; i++) {
        add_string(et, d, hf_sipguide_reason_protocol, ev.reasons[i].protocol);
        add_uint(et, d, hf_sipguide_reason_cause, ev.reasons[i].cause);
        if (ev.reasons[i].text != NULL) {
            add_string(et, d, hf_sipguide_reason_text, ev.reasons[i].text);
        }
    }
    if (ev.has_retry_after) {
        add_uint(et, d, hf_sipguide_retry_after, ev.retry_after);
    }
    for (i = 0; i < ev.warning_count; i++) {
        add_uint(et, d, hf_sipguide_warning_code, ev.warnings[i]);
    }
    if (ev.has_min_se) {
        add_uint(et, d, hf_sipguide_min_se, ev.min_se);
    }
    if (ev.has_min_expires) {
        add_uint(et, d, hf_sipguide_min_expires, ev.min_expires);
    }
    if (ev.auth_algorithm != NULL) {
        add_string(et, d, hf_sipguide_auth_algorithm, ev.auth_algorithm);
    }
    if (ev.alt_type != NULL) {
        add_string(et, d, hf_sipguide_alt_service_type, ev.alt_type);
    }
    if (ev.alt_action != NULL) {
        add_string(et, d, hf_sipguide_alt_service_action, ev.alt_action);
    }
    if (ev.response_source != NULL) {
        add_string(et, d, hf_sipguide_response_source, ev.response_source);
    }
    if (ev.received_phrase != NULL) {
        add_string(et, d, hf_sipguide_received_phrase, ev.received_phrase);
    }
}

/* A frame link whose label is the sentence of text 'id' about it; the
 * response's guide item when the field is not wanted. */
static proto_item *
add_link(proto_tree *tree, const draw_t *d, int hf, guint32 frame, sipguide_text_t id)
{
    proto_item *pi;
    const char *p[] = { "frame", NULL };

    if (!wanted(d, hf))
        return d->top;
    if (!d->shown) {
        pi = proto_tree_add_uint(tree, hf, d->tvb, 0, 0, frame);
    } else {
        p[1] = wmem_strdup_printf(d->pinfo->pool, "%u", frame);
        pi = proto_tree_add_uint_format(tree, hf, d->tvb, 0, 0, frame, "%s",
                                        sipguide_evidence_fill(d->pinfo, id, p, 1));
    }
    proto_item_set_generated(pi);
    return pi;
}

/* The request, CANCEL, retry and earlier copies around the response. */
static void
draw_transaction(proto_tree *tree, const draw_t *d, const sipguide_response_t *r)
{
    const sipguide_links_t *l = &r->links;
    proto_tree *tt;
    proto_item *pi;
    /* Absence of a later frame is only known once the file was read past this one. */
    gboolean later_known = PINFO_FD_VISITED(d->pinfo)
                           && sipguide_transaction_seen_after(d->pinfo->num);
    gboolean any = l->request_in != 0 || l->retransmission_of != 0 || r->code == 487
                   || r->code == 481
                   || ((r->code == 401 || r->code == 407) && (l->auth_retry_in != 0 || later_known));

    if (!any)
        return;
    tt = add_subtree(tree, d, ett_sipguide_transaction, "Transaction");
    if (l->request_in != 0 && d->shown) {
        const char *p[] = { "frame", wmem_strdup_printf(d->pinfo->pool, "%u", l->request_in),
                            "ms", wmem_strdup_printf(d->pinfo->pool, "%u", l->response_ms) };
        pi = proto_tree_add_uint_format(tt, hf_sipguide_request_in, d->tvb, 0, 0, l->request_in,
                 "%s", sipguide_evidence_fill(d->pinfo, SIPGUIDE_TEXT_REQUEST_IN, p, 2));
        proto_item_set_generated(pi);
    } else if (l->request_in != 0) {
        add_uint(tt, d, hf_sipguide_request_in, l->request_in);
    }
    if (l->request_in != 0) {
        add_uint(tt, d, hf_sipguide_response_time, l->response_ms);
    }
    if (l->retransmission_of != 0) {
        pi = add_link(tt, d, hf_sipguide_retransmission_of, l->retransmission_of,
                      SIPGUIDE_TEXT_RETRANSMISSION);
        if (d->expert)
            expert_add_info(d->pinfo, pi, &ei_sipguide_retransmission);
    }
    if (r->code == 487 && l->retransmission_of == 0) {
        if (l->cancel_in != 0)
            add_link(tt, d, hf_sipguide_cancel_in, l->cancel_in, SIPGUIDE_TEXT_CANCEL_IN);
        else
            add_text(tt, d, hf_sipguide_transaction_note,
                     sipguide_catalog_text(SIPGUIDE_TEXT_NO_CANCEL));
    }
    if ((r->code == 401 || r->code == 407) && l->retransmission_of == 0) {
        if (l->auth_retry_in != 0)
            add_link(tt, d, hf_sipguide_auth_retry_in, l->auth_retry_in,
                     SIPGUIDE_TEXT_AUTH_RETRY_IN);
        else if (later_known)
            add_text(tt, d, hf_sipguide_transaction_note,
                     sipguide_catalog_text(SIPGUIDE_TEXT_NO_AUTH_RETRY));
    }
    if (r->code == 481) {
        if (l->invite_in != 0)
            add_link(tt, d, hf_sipguide_dialog_invite_in, l->invite_in,
                     SIPGUIDE_TEXT_DIALOG_INVITE_SEEN);
        else
            add_text(tt, d, hf_sipguide_transaction_note,
                     sipguide_catalog_text(SIPGUIDE_TEXT_DIALOG_INVITE_NOT_SEEN));
    }
}

/* Every guide's expert item, in the response-code group, with the code's
 * severity from data/. */
static void
add_response_expert(const draw_t *d, const sipguide_guide_t *g, guint32 code)
{
    expert_field *ei = severity_expert(g->severity);

    if (g->entry != NULL && g->category != SIPGUIDE_NONE)
        expert_add_info_format(d->pinfo, d->top, ei, "%u %s (%s)", code, g->entry->phrase,
                               sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g->category));
    else if (g->entry != NULL)
        expert_add_info_format(d->pinfo, d->top, ei, "%u %s", code, g->entry->phrase);
    else
        expert_add_info_format(d->pinfo, d->top, ei, "%u (%s)", code, g->klass->name);
}

/* The guide of one response. */
static void
draw_response(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
              const sipguide_response_t *r, const sipguide_msg_t *m, gboolean shown,
              gboolean want_expert)
{
    const field_info *line = m != NULL ? m->line : NULL;
    sipguide_guide_t g;
    proto_item *ti, *pi;
    proto_tree *st;
    sipguide_req_ctx_t ctx;
    draw_t d = { pinfo, tvb, r->method, shown, shown || want_expert, NULL };

    if (!d.shown && !d.expert && SIPGUIDE_TREE_VISIBLE(tree)
        && proto_registrar_get_nth(proto_sipguide)->ref_type == HF_REF_TYPE_NONE) {
        /* tshark -T fields without the guide's own item or expert info:
         * nobody reads that item, so its fields go straight into the tree. */
        ti = NULL;
        st = tree;
    } else {
        /* In a tree that is not shown Wireshark stands in the parent for an
         * item nobody asked for; for a protocol item that parent is the
         * root, under which nothing can be left out.  Asking for the guide's
         * own item (for this dissection only) keeps it, and lets every item
         * below it that nobody asked for cost next to nothing. */
        if (!d.shown)
            sipguide_prime_field(proto_sipguide);
        if (line != NULL)
            ti = proto_tree_add_item(tree, proto_sipguide, line->ds_tvb, line->start,
                                     line->length, ENC_NA);
        else
            ti = proto_tree_add_item(tree, proto_sipguide, tvb, 0, 0, ENC_NA);
        st = proto_item_add_subtree(ti, ett_sipguide);
    }
    d.top = ti;

    pi = add_uint(st, &d, hf_sipguide_code, r->code);

    /* A response alone tells the method of its request, nothing more. */
    ctx = sipguide_req_ctx_method(r->method);
    if (!sipguide_catalog_resolve(r->code, &ctx, &g)) {
        if (d.shown)
            proto_item_append_text(ti, ": %u (outside 100..699)", r->code);
        if (d.expert) {
            const char *p[] = { "code", wmem_strdup_printf(pinfo->pool, "%u", r->code) };
            expert_add_info_format(pinfo, pi != NULL ? pi : ti, &ei_sipguide_code_invalid, "%s",
                sipguide_evidence_fill(pinfo, SIPGUIDE_TEXT_CODE_INVALID, p, 1));
        }
        return;
    }

    if (g.entry != NULL) {
        if (d.shown)
            proto_item_append_text(ti, ": %u %s (%s)", r->code, g.entry->phrase, g.klass->name);
        add_string(st, &d, hf_sipguide_phrase, g.entry->phrase);
    } else if (d.shown) {
        proto_item_append_text(ti, ": %u (%s, not registered)", r->code, g.klass->name);
    }
    if (g.meaning != NULL && wanted(&d, hf_sipguide_meaning))
        add_text(st, &d, hf_sipguide_meaning, expand(pinfo, g.meaning, r->method));
    if (g.rule != NULL && g.rule->note != NULL)
        add_text(st, &d, hf_sipguide_method_note, g.rule->note);
    if (g.flow != NULL && wanted(&d, hf_sipguide_flow))
        add_text(st, &d, hf_sipguide_flow, expand(pinfo, g.flow, r->method));
    if (g.body != NULL && wanted(&d, hf_sipguide_body))
        add_text(st, &d, hf_sipguide_body, expand(pinfo, g.body, r->method));
    draw_class(st, &d, &g);

    if (r->method != NULL) {
        if (!g.expected && wanted(&d, hf_sipguide_meant_for)) {
            wmem_strbuf_t *list = wmem_strbuf_new(pinfo->pool, NULL);
            unsigned k;
            for (k = 0; k < g.answers->count; k++)
                wmem_strbuf_append_printf(list, "%s%s", k ? ", " : "", g.answers->items[k]);
            add_string(st, &d, hf_sipguide_meant_for, wmem_strbuf_get_str(list));
        }
        if (!g.expected && d.shown) {
            pi = proto_tree_add_string_format_value(st, hf_sipguide_method, tvb, 0, 0,
                    r->method, "%s (not a method %u is meant for)", r->method, r->code);
            proto_item_set_generated(pi);
        } else if (g.variant != NULL && d.shown) {
            pi = proto_tree_add_string_format_value(st, hf_sipguide_method, tvb, 0, 0,
                    r->method, "%s (the guide is specific to %s)", r->method, r->method);
            proto_item_set_generated(pi);
        } else {
            add_string(st, &d, hf_sipguide_method, r->method);
        }
    }

    add_term(st, &d, hf_sipguide_category, SIPGUIDE_VOCAB_CATEGORY, g.category);
    add_term(st, &d, hf_sipguide_scope, SIPGUIDE_VOCAB_SCOPE, g.scope);
    add_terms(st, &d, hf_sipguide_retry, SIPGUIDE_VOCAB_RETRY, g.retry);
    if (g.entry != NULL)
        add_string(st, &d, hf_sipguide_reference, g.entry->rfc);

    if (m != NULL && pref_show_evidence)
        draw_evidence(st, &d, m, r);
    if (pref_show_transaction)
        draw_transaction(st, &d, r);
    if (pref_show_ims)
        draw_ims_context(st, &d, &g);
    if (pref_show_hints)
        draw_troubleshooting(st, &d, &g, m);

    if (d.expert)
        add_response_expert(&d, &g, r->code);

    if (pref_info_column)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [%u %s]", r->code,
                        g.category != SIPGUIDE_NONE
                            ? sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g.category)
                            : g.klass->name);
}

/* Feed the statistics: one tap record per response. */
static void
tap_response(packet_info *pinfo, const sipguide_response_t *r)
{
    sipguide_tap_info_t *info = wmem_new0(pinfo->pool, sipguide_tap_info_t);
    sipguide_guide_t *g = wmem_new0(pinfo->pool, sipguide_guide_t);

    sipguide_req_ctx_t ctx = sipguide_req_ctx_method(r->method);

    sipguide_catalog_resolve(r->code, &ctx, g);
    info->code = r->code;
    info->method = r->method;
    info->guide = g;
    tap_queue_packet(sipguide_tap, pinfo, info);
}

/* Whether this dissection reads expert items: always where the tree is
 * shown; elsewhere the expert tap, a filter on an expert field or an
 * Expert column. */
static gboolean
expert_wanted(packet_info *pinfo)
{
    guint i;

    if (expert_tap > 0 && have_tap_listener(expert_tap))
        return TRUE;
    for (i = 0; i < G_N_ELEMENTS(expert_field_ids); i++) {
        if (expert_field_ids[i] > 0
            && proto_registrar_get_nth(expert_field_ids[i])->ref_type != HF_REF_TYPE_NONE)
            return TRUE;
    }
    return col_get_text(pinfo->cinfo, COL_EXPERT) != NULL;
}

/* Whether the labels of this tree are read.  tshark -T fields builds a
 * tree as if to show it, and prints only the chosen fields; there only
 * those fields are added, unless the guide's own item is asked for (its
 * label is its value). */
static gboolean
tree_shown(proto_tree *tree)
{
    return SIPGUIDE_TREE_VISIBLE(tree)
           && (!sipguide_prime_labels_unread()
               || proto_registrar_get_nth(proto_sipguide)->ref_type == HF_REF_TYPE_DIRECT);
}

/* What this run needs the guide to read.  Everything, except in a tshark
 * run that reads each frame once and asks for nothing of the evidence,
 * the transactions or expert info: the set of asked-for fields does not
 * change within such a run. */
static sipguide_need_t
run_needs(proto_tree *tree, packet_info *pinfo)
{
    guint i;

    if (!sipguide_prime_single_pass() || tree_shown(tree) || expert_wanted(pinfo))
        return SIPGUIDE_NEED_ALL;
    for (i = 0; i < G_N_ELEMENTS(hf_sipguide_full); i++) {
        if (proto_registrar_get_nth(*hf_sipguide_full[i])->ref_type != HF_REF_TYPE_NONE)
            return SIPGUIDE_NEED_ALL;
    }
    return SIPGUIDE_NEED_BASIC;
}

/* Whether the SIP dissector ran on this frame.  Its layer is near the end
 * of the list, and protocol ids compare faster than names. */
static gboolean
frame_has_sip(const packet_info *pinfo)
{
    const int proto_sip = sipguide_sip_field_ids[SIPGUIDE_SF_SIP];
    wmem_list_frame_t *layer;

    if (proto_sip < 0 || pinfo->layers == NULL)
        return FALSE;
    for (layer = wmem_list_tail(pinfo->layers); layer != NULL; layer = wmem_list_frame_prev(layer)) {
        if (GPOINTER_TO_INT(wmem_list_frame_data(layer)) == proto_sip)
            return TRUE;
    }
    return FALSE;
}

static int
dissect_sipguide(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sipguide_frame_t *frame;
    sipguide_msgs_t msgs = { 0, NULL };
    const sipguide_msg_t **responses = NULL;
    guint i, n = 0;
    gboolean readable, drawn, shown, want_expert;

    /* No tree: nothing in this run can show or filter on the guide. */
    if (tree == NULL)
        return 0;
    if (SIPGUIDE_TREE_VISIBLE(tree) && sipguide_prime_labels_unread())
        sipguide_prime_printed_fields();
    /* The first tree of a file decides what the run needs. */
    if (!needs_decided) {
        needs_decided = TRUE;
        sipguide_prime_arm(run_needs(tree, pinfo));
    }

    frame = (sipguide_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_sipguide, 0);
    if (frame == NULL && !frame_has_sip(pinfo))
        return 0;
    drawn = proto_field_is_referenced(tree, proto_sipguide) || pref_info_column
            || (expert_tap > 0 && have_tap_listener(expert_tap));
    if (frame != NULL && !drawn && !have_tap_listener(sipguide_tap))
        return 0;

    readable = sipguide_extract(tree, pinfo, sipguide_prime_armed() == SIPGUIDE_NEED_BASIC, &msgs);
    if (frame == NULL) {
        if (!readable || msgs.count == 0)
            return 0;
        frame = remember_frame(pinfo, &msgs);
    }
    if (frame->count == 0)
        return 0;
    if (have_tap_listener(sipguide_tap)) {
        for (i = 0; i < frame->count; i++)
            tap_response(pinfo, &frame->responses[i]);
    }
    if (!drawn)
        return 0;
    shown = tree_shown(tree);
    want_expert = !shown && expert_wanted(pinfo);

    /* The response messages of this pass, when it can read them, in the
     * order of the remembered responses. */
    if (readable) {
        responses = wmem_alloc0_array(pinfo->pool, const sipguide_msg_t *, msgs.count + 1);
        for (i = 0; i < msgs.count; i++) {
            if (msgs.msgs[i].response)
                responses[n++] = &msgs.msgs[i];
        }
    }
    for (i = 0; i < frame->count; i++) {
        const sipguide_msg_t *m = NULL;
        if (i < n && responses[i]->code == frame->responses[i].code)
            m = responses[i];
        draw_response(tree, pinfo, tvb, &frame->responses[i], m, shown, want_expert);
    }
    return tvb_captured_length(tvb);
}

/* ---------------------------------------------------------------------- */
/* Registration */

static void
sipguide_prefs_apply(void)
{
    /* The Info column is filled in runs that build no tree otherwise (a
     * plain tshark summary): ask for the SIP fields, which makes one. */
    if (pref_info_column)
        sipguide_prime_arm(SIPGUIDE_NEED_BASIC);
}

static void
sipguide_init(void)
{
    guint i;

    /* Wireshark registers its expert tap and fields after the hand-off
     * routines. */
    if (expert_tap <= 0)
        expert_tap = find_tap_id("expert");
    for (i = 0; i < G_N_ELEMENTS(expert_field_names); i++)
        expert_field_ids[i] = proto_registrar_get_id_byname(expert_field_names[i]);
    needs_decided = FALSE;
    sipguide_prime_file_start();
    sipguide_transaction_file_start();
}

void
proto_register_sipguide(void)
{
    static hf_register_info hf[] = {
        { &hf_sipguide_code,
          { "Status-Code", "sipguide.code",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "The Status-Code of the SIP response this guide explains", HFILL }
        },
        { &hf_sipguide_class,
          { "Class", "sipguide.class",
            FT_UINT8, BASE_DEC, VALS(sipguide_class_vals), 0x0,
            "Response class: the first digit of the code (1 provisional .. 6 global failure)", HFILL }
        },
        { &hf_sipguide_class_meaning,
          { "Class meaning", "sipguide.class.meaning",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_registered,
          { "Registered", "sipguide.registered",
            FT_BOOLEAN, BASE_NONE, TFS(&tfs_sipguide_registered), 0x0,
            "Whether the code is in the IANA SIP Response Codes registry", HFILL }
        },
        { &hf_sipguide_handled_as,
          { "Handled as", "sipguide.handled_as",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "The code a receiver treats an unregistered code as (RFC 3261 8.1.3.2)", HFILL }
        },
        { &hf_sipguide_phrase,
          { "Registered reason phrase", "sipguide.phrase",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase of the registry; the phrase in a message is free text", HFILL }
        },
        { &hf_sipguide_meaning,
          { "Meaning", "sipguide.meaning",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_method,
          { "Request method", "sipguide.method",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The method of the request this response answers, from CSeq", HFILL }
        },
        { &hf_sipguide_category,
          { "Category", "sipguide.category",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_scope,
          { "Scope", "sipguide.scope",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Whether the response ends one branch of a forked request or all of them", HFILL }
        },
        { &hf_sipguide_retry,
          { "Next step", "sipguide.retry",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What the client should do next", HFILL }
        },
        { &hf_sipguide_reference,
          { "Defined in", "sipguide.reference",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_ims_procedure,
          { "IMS procedure", "sipguide.ims.procedure",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "An IMS procedure in which this response is seen", HFILL }
        },
        { &hf_sipguide_ims_element,
          { "Typically sent by", "sipguide.ims.element",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "An IMS element that typically sends this response", HFILL }
        },
        { &hf_sipguide_ims_reference,
          { "3GPP reference", "sipguide.ims.reference",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_hint,
          { "Hint", "sipguide.hint",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "A troubleshooting check for this response", HFILL }
        },
        { &hf_sipguide_headers,
          { "Headers to inspect", "sipguide.headers",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_related,
          { "Related code", "sipguide.related",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "A code whose difference from this one matters", HFILL }
        },
        { &hf_sipguide_evidence,
          { "Evidence", "sipguide.evidence",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What a header, the body or the transaction says about this response", HFILL }
        },
        { &hf_sipguide_reason_protocol,
          { "Reason protocol", "sipguide.reason.protocol",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Protocol of a Reason header value: SIP, Q.850, RELEASE_CAUSE ...", HFILL }
        },
        { &hf_sipguide_reason_cause,
          { "Reason cause", "sipguide.reason.cause",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Cause of a Reason header value", HFILL }
        },
        { &hf_sipguide_reason_text,
          { "Reason text", "sipguide.reason.text",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_retry_after,
          { "Retry-After (s)", "sipguide.retry_after",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Seconds before a retry, from Retry-After", HFILL }
        },
        { &hf_sipguide_warning_code,
          { "Warning code", "sipguide.warning.code",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "warn-code of a Warning header value", HFILL }
        },
        { &hf_sipguide_min_se,
          { "Min-SE (s)", "sipguide.min_se",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_min_expires,
          { "Min-Expires (s)", "sipguide.min_expires",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_auth_algorithm,
          { "Challenge algorithm", "sipguide.auth.algorithm",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "algorithm of WWW-Authenticate or Proxy-Authenticate", HFILL }
        },
        { &hf_sipguide_alt_service_type,
          { "Alternative service type", "sipguide.alt_service.type",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "From an application/3gpp-ims+xml body", HFILL }
        },
        { &hf_sipguide_alt_service_action,
          { "Alternative service action", "sipguide.alt_service.action",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "From an application/3gpp-ims+xml body", HFILL }
        },
        { &hf_sipguide_response_source,
          { "Response-Source", "sipguide.response_source",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The element that generated the response, from Response-Source", HFILL }
        },
        { &hf_sipguide_request_in,
          { "Request in", "sipguide.request_in",
            FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame of the request this response answers", HFILL }
        },
        { &hf_sipguide_response_time,
          { "Response time (ms)", "sipguide.response_time",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Time from the request to this response", HFILL }
        },
        { &hf_sipguide_cancel_in,
          { "CANCEL in", "sipguide.cancel_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The CANCEL that ended the INVITE answered by this 487", HFILL }
        },
        { &hf_sipguide_auth_retry_in,
          { "Retried with credentials in", "sipguide.auth_retry_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The request that answered this challenge with credentials", HFILL }
        },
        { &hf_sipguide_retransmission_of,
          { "Retransmission of", "sipguide.retransmission_of",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The first copy of this response", HFILL }
        },
        { &hf_sipguide_dialog_invite_in,
          { "Dialog INVITE in", "sipguide.dialog_invite_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The INVITE of the Call-ID a 481 refers to", HFILL }
        },
        { &hf_sipguide_transaction_note,
          { "Transaction", "sipguide.transaction",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What the transaction around the response shows or lacks", HFILL }
        },
        { &hf_sipguide_site_hint,
          { "Site hint", "sipguide.site_hint",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "A hint of your site, from the Site hints table of the preferences", HFILL }
        },
        { &hf_sipguide_flow,
          { "In the flow", "sipguide.flow",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Where in the flow of its request this response appears", HFILL }
        },
        { &hf_sipguide_body,
          { "Body to expect", "sipguide.body",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What body a response of this code to this request carries", HFILL }
        },
        { &hf_sipguide_cause,
          { "Usual cause", "sipguide.cause",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "A usual cause of this response to this request", HFILL }
        },
        { &hf_sipguide_meant_for,
          { "Meant for", "sipguide.meant_for",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The methods the code is meant to answer, when the request is not one of them", HFILL }
        },
        { &hf_sipguide_method_note,
          { "Method note", "sipguide.method_note",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What holds for every response to this method", HFILL }
        },
        { &hf_sipguide_received_phrase,
          { "Received reason phrase", "sipguide.received_phrase",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase of the Status-Line, when it differs from the registered one", HFILL }
        },
        { &hf_sipguide_related_why,
          { "Difference", "sipguide.related.why",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Why the difference between the two codes matters", HFILL }
        },
    };

    static gint *ett[] = {
        &ett_sipguide,
        &ett_sipguide_class,
        &ett_sipguide_ims,
        &ett_sipguide_troubleshooting,
        &ett_sipguide_text,
        &ett_sipguide_evidence,
        &ett_sipguide_transaction,
    };

    static ei_register_info ei[] = {
        { &ei_sipguide_response_chat,
          { "sipguide.response.normal", PI_RESPONSE_CODE, PI_CHAT,
            "SIP response in the normal protocol flow", EXPFILL }
        },
        { &ei_sipguide_response_note,
          { "sipguide.response.failure", PI_RESPONSE_CODE, PI_NOTE,
            "SIP failure response of a usual kind", EXPFILL }
        },
        { &ei_sipguide_response_warn,
          { "sipguide.response.unusual", PI_RESPONSE_CODE, PI_WARN,
            "SIP failure response of an unusual or network-side kind", EXPFILL }
        },
        { &ei_sipguide_code_invalid,
          { "sipguide.code.invalid", PI_PROTOCOL, PI_WARN,
            "Status-Code outside 100..699", EXPFILL }
        },
        { &ei_sipguide_code_unregistered,
          { "sipguide.code.unregistered", PI_PROTOCOL, PI_NOTE,
            "Status-Code not in the IANA registry", EXPFILL }
        },
        { &ei_sipguide_evidence_contradicts,
          { "sipguide.evidence.contradicts", PI_PROTOCOL, PI_WARN,
            "A header contradicts the Status-Code", EXPFILL }
        },
        { &ei_sipguide_evidence_malformed,
          { "sipguide.evidence.malformed", PI_MALFORMED, PI_WARN,
            "A header the guide reads is malformed", EXPFILL }
        },
        { &ei_sipguide_retransmission,
          { "sipguide.retransmission", PI_SEQUENCE, PI_NOTE,
            "Retransmitted SIP response", EXPFILL }
        },
    };

    expert_module_t *expert_sipguide;
    module_t *module;
    unsigned c;

    for (c = 1; c <= 6; c++) {
        sipguide_class_vals[c - 1].value = c;
        sipguide_class_vals[c - 1].strptr = sipguide_catalog_class(c)->name;
    }

    proto_sipguide = proto_register_protocol("SIP Response Guide", "SIPGUIDE", "sipguide");
    proto_register_field_array(proto_sipguide, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_sipguide = expert_register_protocol(proto_sipguide);
    expert_register_field_array(expert_sipguide, ei, array_length(ei));

    module = prefs_register_protocol(proto_sipguide, sipguide_prefs_apply);
    prefs_register_bool_preference(module, "show_ims_context", "Show IMS context",
        "Show the IMS procedures, typical senders and 3GPP references of each response",
        &pref_show_ims);
    prefs_register_bool_preference(module, "show_hints", "Show troubleshooting hints",
        "Show the hints, headers to inspect, related codes and site hints of each response",
        &pref_show_hints);
    prefs_register_bool_preference(module, "show_evidence", "Show evidence",
        "Show what the response's headers and body say (Reason, Retry-After, Warning ...)",
        &pref_show_evidence);
    prefs_register_bool_preference(module, "show_transaction", "Show transaction links",
        "Show the request, CANCEL, retry and retransmission links of each response",
        &pref_show_transaction);
    prefs_register_bool_preference(module, "info_column", "Add a short guide to the Info column",
        "Append the code and its category to the Info column, e.g. \"[486 reachability]\"",
        &pref_info_column);
    sipguide_userhints_register(module);

    sipguide_handle = create_dissector_handle(dissect_sipguide, proto_sipguide);
    register_postdissector(sipguide_handle);
    register_init_routine(sipguide_init);
    sipguide_tap = register_tap("sipguide");
    sipguide_stats_register();

    method_names = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                          g_str_hash, g_str_equal);
    sipguide_transaction_register();
}

void
proto_reg_handoff_sipguide(void)
{
    sipguide_extract_handoff();
    sipguide_prime_handoff(sipguide_handle);
}
