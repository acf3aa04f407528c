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
#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include "compat.h"
#include "packet-sipguide.h"
#include "sipguide-catalog.h"
#include "sipguide-extract.h"
#include "sipguide-prime.h"

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

static gint ett_sipguide = -1;
static gint ett_sipguide_class = -1;
static gint ett_sipguide_ims = -1;
static gint ett_sipguide_troubleshooting = -1;
static gint ett_sipguide_text = -1;

static expert_field ei_sipguide_response_chat = EI_INIT;
static expert_field ei_sipguide_response_note = EI_INIT;
static expert_field ei_sipguide_response_warn = EI_INIT;
static expert_field ei_sipguide_code_invalid = EI_INIT;
static expert_field ei_sipguide_code_unregistered = EI_INIT;

static dissector_handle_t sipguide_handle;

/* Class names come from data/classes.txt; filled at registration. */
static value_string sipguide_class_vals[8];

static const true_false_string tfs_sipguide_registered = {
    "Yes (IANA SIP Response Codes registry)",
    "No (not in the IANA SIP Response Codes registry)"
};

/* ---------------------------------------------------------------------- */
/* What the first pass learns about a frame, kept for later passes. */

typedef struct {
    guint32     code;
    const char *method;         /* interned in method_names, or NULL */
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

static sipguide_frame_t *
remember_frame(packet_info *pinfo, const sipguide_seen_list_t *seen)
{
    sipguide_frame_t *frame;
    guint i;

    frame = (sipguide_frame_t *)wmem_alloc(wmem_file_scope(),
        sizeof(sipguide_frame_t) + seen->count * sizeof(sipguide_response_t));
    frame->count = seen->count;
    for (i = 0; i < seen->count; i++) {
        frame->responses[i].code = seen->items[i].code;
        frame->responses[i].method = intern_method(seen->items[i].method);
    }
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
 * (offset 0, length 0) of the frame. */
typedef struct {
    packet_info *pinfo;
    tvbuff_t    *tvb;
    const char  *method;
} draw_t;

/* A generated string item holding the whole text; the label shows it over
 * as many lines as it needs. */
static proto_item *
add_text(proto_tree *tree, const draw_t *d, int hf, const char *text)
{
    packet_info *pinfo = d->pinfo;
    tvbuff_t *tvb = d->tvb;
    proto_item *pi;
    proto_tree *more;
    size_t len = first_line_length(text);

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

    if (index == SIPGUIDE_NONE)
        return;
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

    for (i = 0; terms != NULL && i < terms->count; i++)
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
    ims = proto_tree_add_subtree(tree, d->tvb, 0, 0, ett_sipguide_ims, NULL, "IMS context");
    add_terms(ims, d, hf_sipguide_ims_procedure, SIPGUIDE_VOCAB_PROCEDURE, g->procedures);
    add_terms(ims, d, hf_sipguide_ims_element, SIPGUIDE_VOCAB_ELEMENT, g->elements);
    for (i = 0; i < g->ims_refs->count; i++)
        add_text(ims, d, hf_sipguide_ims_reference, g->ims_refs->items[i]);
}

static void
draw_troubleshooting(proto_tree *tree, const draw_t *d, const sipguide_guide_t *g)
{
    proto_tree *ts;
    unsigned i;

    if (g->hints->count == 0 && g->headers == NULL && g->related_count == 0)
        return;
    ts = proto_tree_add_subtree(tree, d->tvb, 0, 0, ett_sipguide_troubleshooting, NULL,
                                "Troubleshooting");
    for (i = 0; i < g->hints->count; i++)
        add_text(ts, d, hf_sipguide_hint, expand(d->pinfo, g->hints->items[i], d->method));
    if (g->headers != NULL)
        add_text(ts, d, hf_sipguide_headers, g->headers);
    for (i = 0; i < g->related_count; i++) {
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

    pi = proto_tree_add_uint(tree, hf_sipguide_class, d->tvb, 0, 0, g->cls);
    proto_item_set_generated(pi);
    ct = proto_item_add_subtree(pi, ett_sipguide_class);
    add_text(ct, d, hf_sipguide_class_meaning, g->klass->meaning);

    pi = proto_tree_add_boolean(tree, hf_sipguide_registered, d->tvb, 0, 0,
                                g->entry != NULL && g->entry->registered);
    proto_item_set_generated(pi);
    if (g->entry == NULL || !g->entry->registered) {
        /* A receiver treats a code it does not know by its class
         * (RFC 3261 §8.1.3.2); data/classes.txt says as which code. */
        guint as = g->klass->handled_as;
        const sipguide_code_t *base = sipguide_catalog_code(as);
        const char *phrase = base != NULL ? base->phrase : "";

        pi = proto_tree_add_uint_format_value(tree, hf_sipguide_handled_as, d->tvb, 0, 0, as,
                                              "%u %s", as, phrase);
        proto_item_set_generated(pi);
        expert_add_info_format(d->pinfo, pi, &ei_sipguide_code_unregistered,
            "%u is not a registered SIP response code: a receiver handles it as %u %s",
            g->code, as, phrase);
    }
}

/* The guide of one response. */
static void
draw_response(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
              const sipguide_response_t *r, const field_info *line)
{
    sipguide_guide_t g;
    proto_item *ti, *pi;
    proto_tree *st;
    draw_t d = { pinfo, tvb, r->method };

    if (line != NULL)
        ti = proto_tree_add_item(tree, proto_sipguide, line->ds_tvb, line->start,
                                 line->length, ENC_NA);
    else
        ti = proto_tree_add_item(tree, proto_sipguide, tvb, 0, 0, ENC_NA);
    st = proto_item_add_subtree(ti, ett_sipguide);

    pi = proto_tree_add_uint(st, hf_sipguide_code, tvb, 0, 0, r->code);
    proto_item_set_generated(pi);

    if (!sipguide_catalog_resolve(r->code, r->method, &g)) {
        proto_item_append_text(ti, ": %u (outside 100..699)", r->code);
        expert_add_info_format(pinfo, pi, &ei_sipguide_code_invalid,
            "Status-Code %u is outside 100..699: it belongs to no response class "
            "and the guide gives it no meaning", r->code);
        return;
    }

    if (g.entry != NULL) {
        proto_item_append_text(ti, ": %u %s (%s)", r->code, g.entry->phrase, g.klass->name);
        pi = proto_tree_add_string(st, hf_sipguide_phrase, tvb, 0, 0, g.entry->phrase);
        proto_item_set_generated(pi);
    } else {
        proto_item_append_text(ti, ": %u (%s, not registered)", r->code, g.klass->name);
    }
    if (g.meaning != NULL)
        add_text(st, &d, hf_sipguide_meaning, expand(pinfo, g.meaning, r->method));
    draw_class(st, &d, &g);

    if (r->method != NULL) {
        if (g.variant != NULL)
            pi = proto_tree_add_string_format_value(st, hf_sipguide_method, tvb, 0, 0,
                    r->method, "%s (the guide is specific to %s)", r->method, r->method);
        else
            pi = proto_tree_add_string(st, hf_sipguide_method, tvb, 0, 0, r->method);
        proto_item_set_generated(pi);
    }

    add_term(st, &d, hf_sipguide_category, SIPGUIDE_VOCAB_CATEGORY, g.category);
    add_term(st, &d, hf_sipguide_scope, SIPGUIDE_VOCAB_SCOPE, g.scope);
    add_terms(st, &d, hf_sipguide_retry, SIPGUIDE_VOCAB_RETRY, g.retry);
    if (g.entry != NULL) {
        pi = proto_tree_add_string(st, hf_sipguide_reference, tvb, 0, 0, g.entry->rfc);
        proto_item_set_generated(pi);
    }

    draw_ims_context(st, &d, &g);
    draw_troubleshooting(st, &d, &g);

    if (g.entry != NULL && g.category != SIPGUIDE_NONE)
        expert_add_info_format(pinfo, ti, severity_expert(g.severity), "%u %s (%s)",
                               r->code, g.entry->phrase,
                               sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g.category));
    else if (g.entry != NULL)
        expert_add_info_format(pinfo, ti, severity_expert(g.severity), "%u %s",
                               r->code, g.entry->phrase);
    else
        expert_add_info_format(pinfo, ti, severity_expert(g.severity), "%u (%s)",
                               r->code, g.klass->name);
}

static int
dissect_sipguide(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sipguide_frame_t *frame;
    sipguide_seen_list_t seen = { 0, NULL };
    gboolean readable;
    guint i;

    /* No tree: nothing in this run can show or filter on the guide. */
    if (tree == NULL)
        return 0;
    sipguide_prime_arm();

    frame = (sipguide_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_sipguide, 0);
    if (frame == NULL && !proto_is_frame_protocol(pinfo->layers, "sip"))
        return 0;
    if (frame != NULL && !proto_field_is_referenced(tree, proto_sipguide))
        return 0;

    readable = sipguide_extract(tree, pinfo, &seen);
    if (frame == NULL) {
        if (!readable || seen.count == 0)
            return 0;
        frame = remember_frame(pinfo, &seen);
    }
    if (!proto_field_is_referenced(tree, proto_sipguide))
        return 0;

    for (i = 0; i < frame->count; i++) {
        /* The bytes of the Status-Line, when this pass has them. */
        const field_info *line = NULL;
        if (i < seen.count && seen.items[i].code == frame->responses[i].code)
            line = seen.items[i].line;
        draw_response(tree, pinfo, tvb, &frame->responses[i], line);
    }
    return tvb_captured_length(tvb);
}

/* ---------------------------------------------------------------------- */
/* Registration */

static void
sipguide_init(void)
{
    sipguide_prime_file_start();
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
    };

    expert_module_t *expert_sipguide;
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

    sipguide_handle = create_dissector_handle(dissect_sipguide, proto_sipguide);
    register_postdissector(sipguide_handle);
    register_init_routine(sipguide_init);
    register_tap("sipguide");

    method_names = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                          g_str_hash, g_str_equal);
}

void
proto_reg_handoff_sipguide(void)
{
    sipguide_prime_handoff(sipguide_handle);
}
