/* sipguide-draw.c
 * Draws the result of one response (sipguide-diagnose.h) as its guide
 * subtree: the code and its class, the catalog's guide for the request,
 * the Evidence and Transaction parts, the IMS context, the troubleshooting
 * hints with the site's own, and the expert items.  In a tree whose labels
 * nobody reads only the fields someone asked for are added.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/column-utils.h>
#include <epan/expert.h>

#include "sipguide-diameter.h"
#include "sipguide-draw.h"
#include "sipguide-fields.h"
#include "sipguide-label.h"
#include "sipguide-parse.h"
#include "sipguide-prime.h"
#include "sipguide-userhints.h"

/* The bytes of a label that Wireshark keeps (ITEM_LABEL_LENGTH holds its
 * terminating NUL too); it cuts a longer one and marks it truncated. */
#define SIPGUIDE_LABEL_BYTES (ITEM_LABEL_LENGTH - 1)

/* Replace {method} with the request method. */
static const char *
expand(packet_info *pinfo, const char *text, const char *method)
{
    const char *at;
    wmem_strbuf_t *buf;

    if (text == NULL || (at = strchr(text, '{')) == NULL || (at = strstr(at, "{method}")) == NULL)
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

/* The bytes of text a label holds after a prefix of PREFIX bytes (a
 * field's name and ": "), with room left for a pair of brackets.  The
 * guide's field names are short; a name that left less than half of a
 * label would still get a line of half a label, cut by Wireshark. */
static size_t
text_room(size_t prefix)
{
    if (prefix + 2 > SIPGUIDE_LABEL_BYTES / 2)
        return SIPGUIDE_LABEL_BYTES / 2;
    return SIPGUIDE_LABEL_BYTES - prefix - 2;
}

/* Length of the first line of text, which a label holds in ROOM bytes:
 * all of it when it fits, else cut at a space when there is one in the
 * second half, never inside a UTF-8 character.  A longer text is shown
 * over several lines, so that no label is cut. */
static size_t
first_line_length(const char *text, size_t room)
{
    size_t len = strlen(text), cut;

    if (len <= room)
        return len;
    for (cut = room; cut > room / 2; cut--) {
        if (text[cut] == ' ')
            return cut;
    }
    cut = room;
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
    gboolean     hidden;    /* shown, and its hidden items may be read (not in tshark's text) */
    gboolean     expert;    /* someone reads expert items */
    proto_item  *top;       /* this response's guide item, for expert items */
} draw_t;

/* What drawing needs to know of one response or request. */
static draw_t
draw_context(packet_info *pinfo, tvbuff_t *tvb, const char *method, gboolean shown,
             gboolean want_expert)
{
    draw_t d = { pinfo, tvb, method, shown, shown && !sipguide_prime_hidden_unread(),
                 shown || want_expert, NULL };

    return d;
}

/* Whether a filter, a column, a field or a tap asks for field hf. */
static inline gboolean
referenced(int hf)
{
    return proto_registrar_get_nth(hf)->ref_type != HF_REF_TYPE_NONE;
}

/* Whether an item of field hf is needed. */
static inline gboolean
wanted(const draw_t *d, int hf)
{
    return d->shown || referenced(hf);
}

/* A text item labelled with len bytes of text (sipguide-label.h). */
static proto_item *
add_text_item(proto_tree *tree, const draw_t *d, const char *text, size_t len)
{
    sipguide_piece_t p[] = { { text, len } };

    return sipguide_label_add(tree, d->tvb, p, 1, FALSE);
}

/* A text-only subtree, in a shown tree; elsewhere its items go to the parent. */
static proto_tree *
add_subtree(proto_tree *tree, const draw_t *d, int ett, const char *label)
{
    if (!d->shown)
        return tree;
    return proto_item_add_subtree(add_text_item(tree, d, label, strlen(label)), ett);
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

/* Whether the tree is tshark's text, which prints labels only and leaves
 * hidden items out. */
static inline gboolean
text_only(const draw_t *d)
{
    return d->shown && !d->hidden;
}

/* Whether a line of field hf can be a label alone: the tree is tshark's
 * text and nothing asks for hf.  A text item has no value, which a string
 * item copies and frees again. */
static inline gboolean
label_alone(const draw_t *d, int hf)
{
    return text_only(d) && !referenced(hf);
}

/* Wireshark prints a generated item's label in brackets, which it copies
 * anew for every line it prints.  A label alone holds them itself when the
 * label, LEN bytes without them, still fits: then its item is not marked
 * generated, and the line reads the same. */
static inline gboolean
own_brackets(size_t len)
{
    return len + 2 < ITEM_LABEL_LENGTH;
}

/* Marks a generated item that has no brackets of its own. */
static inline void
set_generated(proto_item *pi, gboolean own)
{
    if (!own)
        proto_item_set_generated(pi);
}

/* The name a label starts with. */
static inline const char *
hf_name(int hf)
{
    return proto_registrar_get_nth(hf)->name;
}

/* The label of an item of field hf, shown: its name and the first len
 * bytes of text (all of it with SIZE_MAX). */
static void
set_named_label(proto_item *pi, int hf, const char *text, size_t len)
{
    const char *name = hf_name(hf);
    sipguide_piece_t p[] = { { name, strlen(name) }, SIPGUIDE_PIECE(": "),
                             { text, len == SIZE_MAX ? strlen(text) : len } };

    sipguide_label_set(pi, p, 3, FALSE);
}

/* A line of field hf as a label alone (label_alone()): its name and the
 * first len bytes of text. */
static proto_item *
add_label(proto_tree *tree, const draw_t *d, int hf, const char *text, int len)
{
    const char *name = hf_name(hf);
    size_t name_len = strlen(name);
    sipguide_piece_t p[] = { { name, name_len }, SIPGUIDE_PIECE(": "), { text, (size_t)len } };
    gboolean own = own_brackets(name_len + 2 + (size_t)len);
    proto_item *pi = sipguide_label_add(tree, d->tvb, p, 3, own);

    set_generated(pi, own);
    return pi;
}

/* In a shown tree the label is made at once, name and value in one
 * format: Wireshark makes a label it has to make itself (when the tree is
 * printed) by escaping the value byte by byte, and a value label by
 * formatting the name apart, both far dearer. */
static proto_item *
add_string(proto_tree *tree, const draw_t *d, int hf, const char *value)
{
    proto_item *pi;

    if (!wanted(d, hf))
        return NULL;
    if (label_alone(d, hf))
        return add_label(tree, d, hf, value, (int)strlen(value));
    pi = proto_tree_add_string(tree, hf, d->tvb, 0, 0, value);
    if (d->shown)
        set_named_label(pi, hf, value, strlen(value));
    proto_item_set_generated(pi);
    return pi;
}

/* Whether a hidden item of field hf is needed: some output may print it,
 * or something asks for the field. */
static inline gboolean
hidden_wanted(const draw_t *d, int hf)
{
    return d->hidden || referenced(hf);
}

/* A generated item made hidden: a field for filters and columns only. */
static void
hide(proto_item *pi)
{
    proto_item_set_generated(pi);
    proto_item_set_hidden(pi);
}

/* An item whose text another line already shows: kept, hidden, for
 * filters, columns and the structured outputs; it needs no label. */
static void
add_hidden_string(proto_tree *tree, const draw_t *d, int hf, const char *value)
{
    if (hidden_wanted(d, hf))
        hide(proto_tree_add_string(tree, hf, d->tvb, 0, 0, value));
}

static void
add_hidden_uint(proto_tree *tree, const draw_t *d, int hf, guint32 value)
{
    if (hidden_wanted(d, hf))
        hide(proto_tree_add_uint(tree, hf, d->tvb, 0, 0, value));
}

/* A line that would only repeat what a line drawn before it says (the
 * title's code and phrase, the delay in the line of the request it
 * answers, a Reason's values in its evidence lines).  Wireshark shows it,
 * for a user picks a field from its line; tshark's text leaves it out, and
 * there its field is a hidden item, made only when something asks for it
 * (the text is the same either way).  NULL when no line is drawn. */
static proto_item *
add_repeated_uint(proto_tree *tree, const draw_t *d, int hf, guint32 value)
{
    if (!text_only(d))
        return add_uint(tree, d, hf, value);
    add_hidden_uint(tree, d, hf, value);
    return NULL;
}

static proto_item *
add_repeated_string(proto_tree *tree, const draw_t *d, int hf, const char *value)
{
    if (!text_only(d))
        return add_string(tree, d, hf, value);
    add_hidden_string(tree, d, hf, value);
    return NULL;
}

/* The length of a text's first line (first_line_length) in a label that
 * starts with PREFIX bytes, for a "%.*s" format; *rest is where the rest
 * begins. */
static int
first_line(const char *text, size_t prefix, const char **rest)
{
    size_t len = first_line_length(text, text_room(prefix));

    *rest = text + len;
    return (int)len;
}

/* The bytes "Name: " takes at the start of a label of field hf. */
static size_t
name_prefix(int hf)
{
    return strlen(hf_name(hf)) + 2;
}

/* The rest of a long label, one line each below its item. */
static void
add_more_lines(proto_item *pi, const draw_t *d, const char *text)
{
    proto_tree *more;

    while (*text == ' ')
        text++;
    if (*text == '\0')
        return;
    more = proto_item_add_subtree(pi, ett_sipguide_text);
    while (*text != '\0') {
        const char *line = text;
        int len = first_line(line, 0, &text);

        add_text_item(more, d, line, (size_t)len);
        while (*text == ' ')
            text++;
    }
}

/* A generated string item holding the whole text; the label shows it over
 * as many lines as it needs.  NULL when the field is not wanted. */
static proto_item *
add_text(proto_tree *tree, const draw_t *d, int hf, const char *text)
{
    const char *rest;
    proto_item *pi;
    int len;

    if (!wanted(d, hf))
        return NULL;
    if (!d->shown) {
        pi = proto_tree_add_string(tree, hf, d->tvb, 0, 0, text);
        proto_item_set_generated(pi);
        return pi;
    }
    len = first_line(text, name_prefix(hf), &rest);
    if (label_alone(d, hf)) {
        pi = add_label(tree, d, hf, text, len);
    } else {
        pi = proto_tree_add_string(tree, hf, d->tvb, 0, 0, text);
        set_named_label(pi, hf, text, (size_t)len);
        proto_item_set_generated(pi);
    }
    add_more_lines(pi, d, rest);
    return pi;
}

/* A generated number item whose label shows text after the field's name,
 * over as many lines as it needs (a shown tree only). */
static proto_item *
add_uint_text(proto_tree *tree, const draw_t *d, int hf, guint32 value, const char *text)
{
    const char *rest;
    int len = first_line(text, name_prefix(hf), &rest);
    proto_item *pi;

    pi = proto_tree_add_uint(tree, hf, d->tvb, 0, 0, value);
    set_named_label(pi, hf, text, (size_t)len);
    proto_item_set_generated(pi);
    add_more_lines(pi, d, rest);
    return pi;
}

/* A vocabulary term: the token is the value, the label adds its meaning. */
static proto_item *
add_term(proto_tree *tree, const draw_t *d, int hf, sipguide_vocab_t vocab, int index)
{
    proto_item *pi;

    if (index == SIPGUIDE_NONE || !wanted(d, hf))
        return NULL;
    if (!d->shown) {
        pi = proto_tree_add_string(tree, hf, d->tvb, 0, 0, sipguide_term_token(vocab, index));
        proto_item_set_generated(pi);
        return pi;
    }
    {
        const char *name = hf_name(hf), *token = sipguide_term_token(vocab, index);
        const char *description = sipguide_term_description(vocab, index);
        sipguide_piece_t p[] = { { name, strlen(name) }, SIPGUIDE_PIECE(": "),
                                 { token, strlen(token) }, SIPGUIDE_PIECE(" ("),
                                 { description, strlen(description) }, SIPGUIDE_PIECE(")") };

        if (label_alone(d, hf)) {
            gboolean own = own_brackets(p[0].len + p[2].len + p[4].len + 5);

            pi = sipguide_label_add(tree, d->tvb, p, G_N_ELEMENTS(p), own);
            set_generated(pi, own);
            return pi;
        }
        pi = proto_tree_add_string(tree, hf, d->tvb, 0, 0, token);
        sipguide_label_set(pi, p, G_N_ELEMENTS(p), FALSE);
    }
    proto_item_set_generated(pi);
    return pi;
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
    if (d->shown && g->elements->count > 0) {
        /* One line names every typical sender; each is an item of its own
         * below it, hidden. */
        wmem_strbuf_t *list = wmem_strbuf_new(d->pinfo->pool, NULL);
        proto_item *pi;
        proto_tree *senders;

        wmem_strbuf_append(list, hf_name(hf_sipguide_ims_element));
        for (i = 0; i < g->elements->count; i++) {
            wmem_strbuf_append(list, i ? ", " : ": ");
            wmem_strbuf_append(list, sipguide_term_token(SIPGUIDE_VOCAB_ELEMENT,
                                                         g->elements->items[i]));
        }
        pi = add_text_item(ims, d, wmem_strbuf_get_str(list), wmem_strbuf_get_len(list));
        senders = proto_item_add_subtree(pi, ett_sipguide_text);
        proto_item_set_generated(pi);
        for (i = 0; i < g->elements->count; i++)
            add_hidden_string(senders, d, hf_sipguide_ims_element,
                              sipguide_term_token(SIPGUIDE_VOCAB_ELEMENT, g->elements->items[i]));
    } else {
        add_terms(ims, d, hf_sipguide_ims_element, SIPGUIDE_VOCAB_ELEMENT, g->elements);
    }
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
    line = sipguide_msg_status_line(m);
    if (line != NULL && strlen(line) > 12 && n < max)
        texts[n++] = line + 12;     /* after "SIP/2.0 NNN " */
    for (i = 0; i < sipguide_msg_count(m, SIPGUIDE_H_WARNING) && n < max; i++)
        texts[n++] = sipguide_msg_string(m, SIPGUIDE_H_WARNING, i);
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

    if (sipguide_userhints_for_code(g->code))
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
        const char *why = expand(d->pinfo, r->text, d->method);
        proto_item *pi;

        if (!d->shown) {
            add_uint(ts, d, hf_sipguide_related, r->code);
            add_text(ts, d, hf_sipguide_related_why, why);
            continue;
        }
        /* One line: the other code and what tells the two apart. */
        {
            sipguide_number_t n;
            sipguide_piece_t p[] = { sipguide_label_number(&n, r->code), SIPGUIDE_PIECE(" "),
                                     { other != NULL ? other->phrase : "", 0 },
                                     SIPGUIDE_PIECE(" \u2014 "), { why, strlen(why) } };

            if (other != NULL)
                p[2].len = strlen(other->phrase);
            else
                p[1].len = 0;
            pi = add_uint_text(ts, d, hf_sipguide_related, r->code,
                               sipguide_label_join(d->pinfo->pool, p, G_N_ELEMENTS(p)));
        }
        add_hidden_string(proto_item_add_subtree(pi, ett_sipguide_text), d,
                          hf_sipguide_related_why, why);
    }
}

/* The class, and what an unknown code of the class is handled as. */
static void
draw_class(proto_tree *tree, const draw_t *d, const sipguide_guide_t *g)
{
    proto_item *pi;
    proto_tree *ct;
    gboolean registered, hidden;

    if (d->shown) {
        /* One line: the class and what it means. */
        sipguide_number_t n;
        sipguide_piece_t p[] = { { g->klass->name, strlen(g->klass->name) }, SIPGUIDE_PIECE(" ("),
                                 sipguide_label_number(&n, g->cls), SIPGUIDE_PIECE(") \u2014 "),
                                 { g->klass->meaning, strlen(g->klass->meaning) } };

        pi = add_uint_text(tree, d, hf_sipguide_class, g->cls,
                           sipguide_label_join(d->pinfo->pool, p, G_N_ELEMENTS(p)));
        ct = proto_item_add_subtree(pi, ett_sipguide_class);
        add_hidden_string(ct, d, hf_sipguide_class_meaning, g->klass->meaning);
    } else {
        add_uint(tree, d, hf_sipguide_class, g->cls);
        add_text(tree, d, hf_sipguide_class_meaning, g->klass->meaning);
    }

    /* A registered reason phrase above says so already: hidden then. */
    registered = g->entry != NULL && g->entry->registered;
    hidden = d->shown && registered;
    if (hidden ? hidden_wanted(d, hf_sipguide_registered) : wanted(d, hf_sipguide_registered)) {
        pi = proto_tree_add_boolean(tree, hf_sipguide_registered, d->tvb, 0, 0, registered);
        proto_item_set_generated(pi);
        if (hidden)
            proto_item_set_hidden(pi);
    }
    if (g->entry == NULL || !g->entry->registered) {
        /* A receiver treats a code it does not know by its class
         * (RFC 3261 §8.1.3.2); data/classes.txt says as which code. */
        guint as = g->klass->handled_as;
        const sipguide_code_t *base = sipguide_catalog_code(as);
        const char *phrase = base != NULL ? base->phrase : "";

        if (d->shown) {
            pi = proto_tree_add_uint_format(tree, hf_sipguide_handled_as, d->tvb, 0, 0, as,
                                            "%s: %u %s", hf_name(hf_sipguide_handled_as), as, phrase);
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

static proto_item *draw_tx_line(proto_tree *tt, const draw_t *d, const sipguide_tx_line_t *l);

/* The lines drawn with the Evidence rather than the Transaction. */
static gboolean
drawn_with_evidence(sipguide_item_t item)
{
    return item == SIPGUIDE_ITEM_REASON_INHERITED_IN || item == SIPGUIDE_ITEM_DIAMETER_IN
           || item == SIPGUIDE_ITEM_DIAMETER_CANDIDATE_IN;
}

/* What the response's own headers say, when this pass can read them, and
 * the Reasons it inherits from its dialog. */
static void
draw_evidence(proto_tree *tree, const draw_t *d, const sipguide_result_t *r)
{
    static const sipguide_evidence_t none;
    const sipguide_evidence_t *ev = r->has_evidence ? &r->evidence : &none;
    proto_tree *et;
    proto_item *pi;
    guint i, inherited = 0;

    for (i = 0; i < r->tx_count; i++)
        inherited += drawn_with_evidence(r->tx[i].item);
    if (ev->line_count == 0 && inherited == 0)
        return;
    et = add_subtree(tree, d, ett_sipguide_evidence, "Evidence");
    /* What was said before this response: the Reasons it inherits, and the
     * Diameter message behind it. */
    for (i = 0; i < r->tx_count; i++) {
        if (drawn_with_evidence(r->tx[i].item))
            draw_tx_line(et, d, &r->tx[i]);
    }
    if (r->diameter_frame != 0) {
        sipguide_app_t app = SIPGUIDE_DIAM_APP(r->diameter_data);
        sipguide_diam_cmd_t cmd = SIPGUIDE_DIAM_CMD(r->diameter_data);
        static const char *const apps[] = { NULL, "Cx", "Rx", "Sh" };

        if (apps[app] != NULL)
            add_string(et, d, hf_sipguide_diameter_application, apps[app]);
        if (!(r->diameter_data & SIPGUIDE_DIAM_NO_VALUE))
            add_uint(et, d, cmd == SIPGUIDE_DIAM_CMD_ASR ? hf_sipguide_diameter_abort_cause
                          : cmd == SIPGUIDE_DIAM_CMD_RAR ? hf_sipguide_diameter_specific_action
                          : hf_sipguide_diameter_result, SIPGUIDE_DIAM_VALUE(r->diameter_data));
    }
    for (i = 0; i < ev->line_count; i++) {
        pi = add_text(et, d, hf_sipguide_evidence, ev->lines[i].text);
        if (pi == NULL)
            pi = d->top;
        if (ev->lines[i].contradicts && d->expert)
            expert_add_info_format(d->pinfo, pi, &ei_sipguide_evidence_contradicts, "%s",
                                   first_sentence(d->pinfo, ev->lines[i].text));
        if (ev->lines[i].malformed && d->expert)
            expert_add_info_format(d->pinfo, pi, &ei_sipguide_evidence_malformed, "%s",
                                   first_sentence(d->pinfo, ev->lines[i].text));
    }
    /* Each Reason has an evidence line above that names its protocol and
     * cause, and one that quotes its text. */
    for (i = 0; i < ev->reason_count; i++) {
        add_repeated_string(et, d, hf_sipguide_reason_protocol, ev->reasons[i].protocol);
        add_repeated_uint(et, d, hf_sipguide_reason_cause, ev->reasons[i].cause);
        if (ev->reasons[i].text != NULL)
            add_repeated_string(et, d, hf_sipguide_reason_text, ev->reasons[i].text);
    }
    if (ev->has_retry_after) {
        add_uint(et, d, hf_sipguide_retry_after, ev->retry_after);
    }
    for (i = 0; i < ev->warning_count; i++) {
        add_uint(et, d, hf_sipguide_warning_code, ev->warnings[i]);
    }
    if (ev->has_min_se) {
        add_uint(et, d, hf_sipguide_min_se, ev->min_se);
    }
    if (ev->has_min_expires) {
        add_uint(et, d, hf_sipguide_min_expires, ev->min_expires);
    }
    if (ev->auth_algorithm != NULL) {
        add_string(et, d, hf_sipguide_auth_algorithm, ev->auth_algorithm);
    }
    if (ev->alt_type != NULL) {
        add_string(et, d, hf_sipguide_alt_service_type, ev->alt_type);
    }
    if (ev->alt_action != NULL) {
        add_string(et, d, hf_sipguide_alt_service_action, ev->alt_action);
    }
    if (ev->response_source != NULL) {
        add_string(et, d, hf_sipguide_response_source, ev->response_source);
    }
    if (ev->received_phrase != NULL) {
        add_string(et, d, hf_sipguide_received_phrase, ev->received_phrase);
    }
}

/* The first clause of a sentence (up to ':' or '. '), for an expert
 * item's summary. */
static const char *
first_clause(packet_info *pinfo, const char *text)
{
    const char *colon = strchr(text, ':');
    const char *stop = strstr(text, ". ");

    if (colon != NULL && (stop == NULL || colon < stop))
        stop = colon;
    return stop != NULL ? wmem_strndup(pinfo->pool, text, stop - text) : text;
}

/* The field of each Transaction item. */
static int
item_field(sipguide_item_t item)
{
    switch (item) {
    case SIPGUIDE_ITEM_REQUEST_IN:           return hf_sipguide_request_in;
    case SIPGUIDE_ITEM_RETRANSMISSION_OF:    return hf_sipguide_retransmission_of;
    case SIPGUIDE_ITEM_DUPLICATE_OF:         return hf_sipguide_duplicate_of;
    case SIPGUIDE_ITEM_ALSO_SEEN_IN:         return hf_sipguide_also_seen_in;
    case SIPGUIDE_ITEM_CANCEL_IN:            return hf_sipguide_cancel_in;
    case SIPGUIDE_ITEM_CROSSING_IN:          return hf_sipguide_crossing_in;
    case SIPGUIDE_ITEM_AUTH_RETRY_IN:        return hf_sipguide_auth_retry_in;
    case SIPGUIDE_ITEM_AUTH_REJECTED_IN:     return hf_sipguide_auth_rejected_in;
    case SIPGUIDE_ITEM_AUTH_CHALLENGE_IN:    return hf_sipguide_auth_challenge_in;
    case SIPGUIDE_ITEM_DIALOG_INVITE_IN:     return hf_sipguide_dialog_invite_in;
    case SIPGUIDE_ITEM_DIALOG_ENDED_IN:      return hf_sipguide_dialog_ended_in;
    case SIPGUIDE_ITEM_DIALOG_OTHER_IN:      return hf_sipguide_dialog_other_in;
    case SIPGUIDE_ITEM_SUBSCRIPTION_IN:      return hf_sipguide_subscription_in;
    case SIPGUIDE_ITEM_SUBSCRIPTION_ENDED_IN: return hf_sipguide_subscription_ended_in;
    case SIPGUIDE_ITEM_FORK_FIRST_IN:        return hf_sipguide_fork_first_in;
    case SIPGUIDE_ITEM_ACK_IN:               return hf_sipguide_ack_in;
    case SIPGUIDE_ITEM_ACK_OTHER_HOP_IN:     return hf_sipguide_ack_other_hop_in;
    case SIPGUIDE_ITEM_AUTH_FIRST_REJECTED_IN: return hf_sipguide_auth_first_rejected_in;
    case SIPGUIDE_ITEM_REASON_INHERITED_IN:  return hf_sipguide_reason_inherited_in;
    case SIPGUIDE_ITEM_FINAL_IN:             return hf_sipguide_request_final_in;
    case SIPGUIDE_ITEM_INVITE_FINAL_IN:      return hf_sipguide_request_invite_final_in;
    case SIPGUIDE_ITEM_GIVEN_UP_IN:          return hf_sipguide_request_given_up_in;
    case SIPGUIDE_ITEM_FAILED_OVER_IN:       return hf_sipguide_request_failed_over_in;
    case SIPGUIDE_ITEM_ICMP_ERROR_IN:        return hf_sipguide_request_icmp_error_in;
    case SIPGUIDE_ITEM_DIAMETER_IN:          return hf_sipguide_diameter_in;
    case SIPGUIDE_ITEM_DIAMETER_CANDIDATE_IN: return hf_sipguide_diameter_candidate_in;
    default:                                 return hf_sipguide_transaction_note;
    }
}

static expert_field *
raise_expert(sipguide_raise_t raise)
{
    switch (raise) {
    case SIPGUIDE_RAISE_RETRANSMISSION: return &ei_sipguide_retransmission;
    case SIPGUIDE_RAISE_DUPLICATE:      return &ei_sipguide_duplicate;
    case SIPGUIDE_RAISE_AUTH_REJECTED:  return &ei_sipguide_auth_rejected;
    case SIPGUIDE_RAISE_TIME:           return &ei_sipguide_time_inconsistent;
    case SIPGUIDE_RAISE_AUTH_LOOP:      return &ei_sipguide_auth_loop;
    case SIPGUIDE_RAISE_NO_ACK:         return &ei_sipguide_ack_missing;
    case SIPGUIDE_RAISE_TIMED_OUT:      return &ei_sipguide_request_timeout;
    case SIPGUIDE_RAISE_NO_FINAL:       return &ei_sipguide_request_no_final;
    case SIPGUIDE_RAISE_ODD_COPIES:     return &ei_sipguide_request_copies;
    case SIPGUIDE_RAISE_ICMP_ERROR:     return &ei_sipguide_request_icmp_error;
    default:                            return NULL;
    }
}

/* One Transaction line: a frame link labelled with its sentence, or a
 * note; the item an expert item hangs on.  Its expert item, if any, is
 * added too. */
static proto_item *
draw_tx_line_only(proto_tree *tt, const draw_t *d, const sipguide_tx_line_t *l)
{
    int hf = item_field(l->item);
    proto_item *pi;

    if (l->item == SIPGUIDE_ITEM_NOTE) {
        if (!wanted(d, hf))
            return d->top;
        pi = add_text(tt, d, hf, sipguide_diagnose_tx_text(d->pinfo, l));
        return pi != NULL ? pi : d->top;
    }
    if (!wanted(d, hf))
        return d->top;
    if (d->shown) {
        const char *rest, *text = sipguide_diagnose_tx_text(d->pinfo, l);
        sipguide_piece_t p[] = { { text, (size_t)first_line(text, 0, &rest) } };

        pi = proto_tree_add_uint(tt, hf, d->tvb, 0, 0, l->link);
        sipguide_label_set(pi, p, 1, FALSE);
        add_more_lines(pi, d, rest);
    } else {
        pi = proto_tree_add_uint(tt, hf, d->tvb, 0, 0, l->link);
    }
    proto_item_set_generated(pi);
    return pi;
}

static proto_item *
draw_tx_line(proto_tree *tt, const draw_t *d, const sipguide_tx_line_t *l)
{
    proto_item *pi = draw_tx_line_only(tt, d, l);
    expert_field *ei = raise_expert(l->raise);

    if (ei != NULL && d->expert)
        expert_add_info_format(d->pinfo, pi, ei, "%s",
                               first_clause(d->pinfo, sipguide_diagnose_tx_text(d->pinfo, l)));
    return pi;
}

/* The lines of a list, but for those drawn elsewhere (inherited Reasons). */
static void
draw_tx_lines(proto_tree *tt, const draw_t *d, const sipguide_tx_line_t *tx, guint count,
              const sipguide_result_t *r)
{
    guint i;

    for (i = 0; i < count; i++) {
        if (drawn_with_evidence(tx[i].item))
            continue;
        draw_tx_line(tt, d, &tx[i]);
        if (r != NULL && tx[i].item == SIPGUIDE_ITEM_REQUEST_IN && r->has_time)
            add_repeated_uint(tt, d, hf_sipguide_response_time, (r->response_us + 500) / 1000);
    }
}

/* The request, copies, CANCEL, challenge and dialog around the response. */
static void
draw_transaction(proto_tree *tree, const draw_t *d, const sipguide_result_t *r)
{
    proto_tree *tt;
    guint i, shown = 0;

    for (i = 0; i < r->tx_count; i++)
        shown += !drawn_with_evidence(r->tx[i].item);
    if (shown == 0 && r->auth_token == NULL)
        return;
    tt = add_subtree(tree, d, ett_sipguide_transaction, "Transaction");
    draw_tx_lines(tt, d, r->tx, r->tx_count, r);
    if (r->auth_token != NULL)
        add_string(tt, d, hf_sipguide_auth_verdict, r->auth_token);
    if (r->challenges > 0)
        add_uint(tt, d, hf_sipguide_auth_challenges, r->challenges);
    if (r->resyncs > 0)
        add_uint(tt, d, hf_sipguide_auth_resyncs, r->resyncs);
}

static const char *
why_text(const draw_t *d, const sipguide_tx_line_t *why, const sipguide_result_t *r)
{
    return r != NULL ? sipguide_diagnose_tx_text_of(d->pinfo, why, r)
                     : sipguide_diagnose_tx_text(d->pinfo, why);
}

/* An outcome's why: its lines, or, when it only repeats what the outcome
 * says, its field alone, hidden. */
static void
add_why(proto_tree *ot, const draw_t *d, int hf, const char *text, gboolean hidden)
{
    if (hidden)
        add_hidden_string(ot, d, hf, text);
    else
        add_text(ot, d, hf, text);
}

/* What the response r (or, with r NULL, a request nothing answered) makes
 * of its call or registration, and why. */
static void
draw_outcome(proto_tree *tree, const draw_t *d, int call, int registration,
             const sipguide_tx_line_t *why, const sipguide_result_t *r)
{
    proto_tree *ot;
    const char *text = NULL;
    gboolean self;

    if (call == SIPGUIDE_NONE && registration == SIPGUIDE_NONE)
        return;
    /* When this response decides the outcome itself and nothing else is
     * said of it, the why names this response and repeats the outcome's
     * meaning: a line nobody needs to read, kept hidden. */
    self = d->shown && r != NULL && why->text == SIPGUIDE_TEXT_OUTCOME
           && why->frame == d->pinfo->num;
    ot = add_subtree(tree, d, ett_sipguide_transaction, "Outcome");
    if (call != SIPGUIDE_NONE) {
        add_term(ot, d, hf_sipguide_call_outcome, SIPGUIDE_VOCAB_CALL_OUTCOME, call);
        if (wanted(d, hf_sipguide_call_summary))
            add_why(ot, d, hf_sipguide_call_summary, text = why_text(d, why, r), self);
    }
    if (registration != SIPGUIDE_NONE) {
        add_term(ot, d, hf_sipguide_registration_outcome, SIPGUIDE_VOCAB_REG_OUTCOME, registration);
        if (wanted(d, hf_sipguide_registration_summary))
            add_why(ot, d, hf_sipguide_registration_summary,
                    text != NULL ? text : why_text(d, why, r), self);
    }
}

/* Every guide's expert item, in the response-code group, with the
 * severity of the code (from data/) or of a verdict on it.  A capture
 * duplicate raises none: it is counted once. */
static void
add_response_expert(const draw_t *d, const sipguide_result_t *r)
{
    const sipguide_guide_t *g = &r->guide;
    expert_field *ei = severity_expert(r->severity);

    if (r->duplicate)
        return;
    if (r->phrase != NULL && r->auth == SIPGUIDE_AUTH_REJECTED)
        expert_add_info_format(d->pinfo, d->top, ei, "%u %s (%s): credentials rejected", r->code,
                               r->phrase, sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g->category));
    else if (r->phrase != NULL && g->category != SIPGUIDE_NONE)
        expert_add_info_format(d->pinfo, d->top, ei, "%u %s (%s)", r->code, r->phrase,
                               sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g->category));
    else if (r->phrase != NULL)
        expert_add_info_format(d->pinfo, d->top, ei, "%u %s", r->code, r->phrase);
    else if (g->entry != NULL && g->category != SIPGUIDE_NONE)
        expert_add_info_format(d->pinfo, d->top, ei, "%u (%s)", r->code,
                               sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g->category));
    else
        expert_add_info_format(d->pinfo, d->top, ei, "%u (%s)", r->code, g->klass->name);
}

void
sipguide_draw_response(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                       const sipguide_result_t *r, const sipguide_msg_t *m, gboolean shown,
                       gboolean want_expert)
{
    const sipguide_guide_t *g = &r->guide;
    proto_item *ti, *pi;
    proto_tree *st;
    draw_t d = draw_context(pinfo, tvb, r->method, shown, want_expert);

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
        if (!d.shown && tree != NULL)
            sipguide_prime_field(proto_sipguide);
        if (m != NULL && m->response)
            ti = proto_tree_add_item(tree, proto_sipguide, m->ds, m->start, m->h.start_len, ENC_NA);
        else
            ti = proto_tree_add_item(tree, proto_sipguide, tvb, 0, 0, ENC_NA);
        st = proto_item_add_subtree(ti, ett_sipguide);
    }
    d.top = ti;

    pi = add_repeated_uint(st, &d, hf_sipguide_code, r->code);

    if (!r->valid) {
        if (d.shown)
            proto_item_append_text(ti, ": %u (outside 100..699)", r->code);
        if (d.expert) {
            const char *p[] = { "code", wmem_strdup_printf(pinfo->pool, "%u", r->code) };
            expert_add_info_format(pinfo, pi != NULL ? pi : ti, &ei_sipguide_code_invalid, "%s",
                sipguide_evidence_fill(pinfo, SIPGUIDE_TEXT_CODE_INVALID, p, 1));
        }
        return;
    }

    if (g->entry != NULL && g->entry->registered) {
        if (d.shown) {
            sipguide_number_t n;
            sipguide_piece_t p[] = { { hf_name(proto_sipguide), 0 }, SIPGUIDE_PIECE(": "),
                                     sipguide_label_number(&n, r->code), SIPGUIDE_PIECE(" "),
                                     { g->entry->phrase, strlen(g->entry->phrase) },
                                     SIPGUIDE_PIECE(" ("),
                                     { g->klass->name, strlen(g->klass->name) },
                                     SIPGUIDE_PIECE(")") };

            p[0].len = strlen(p[0].text);
            sipguide_label_set(ti, p, G_N_ELEMENTS(p), FALSE);
        }
        add_repeated_string(st, &d, hf_sipguide_phrase, g->entry->phrase);
    } else if (g->entry != NULL) {
        /* A code seen in the wild but not registered: its phrase is the
         * one of the document that defined it, not of the registry, and the
         * title names it by the phrase it came with when that is another. */
        if (d.shown && r->phrase != NULL)
            proto_item_append_text(ti, ": %u %s (%s, not registered)", r->code, r->phrase,
                                   g->klass->name);
        else if (d.shown)
            proto_item_append_text(ti, ": %u (%s, not registered)", r->code, g->klass->name);
        if (wanted(&d, hf_sipguide_phrase)) {
            proto_item *pi = proto_tree_add_string_format(st, hf_sipguide_phrase, tvb, 0, 0,
                    g->entry->phrase, "Reason phrase in %s (not registered): %s", g->entry->rfc,
                    g->entry->phrase);
            proto_item_set_generated(pi);
        }
    } else if (d.shown) {
        proto_item_append_text(ti, ": %u (%s, not registered)", r->code, g->klass->name);
    }
    if (r->meaning != NULL && wanted(&d, hf_sipguide_meaning))
        add_text(st, &d, hf_sipguide_meaning, expand(pinfo, r->meaning, r->method));
    if (g->rule != NULL && g->rule->note != NULL)
        add_text(st, &d, hf_sipguide_method_note, g->rule->note);
    if (g->flow != NULL && wanted(&d, hf_sipguide_flow))
        add_text(st, &d, hf_sipguide_flow, expand(pinfo, g->flow, r->method));
    if (g->body != NULL && wanted(&d, hf_sipguide_body))
        add_text(st, &d, hf_sipguide_body, expand(pinfo, g->body, r->method));
    draw_class(st, &d, g);

    if (r->method != NULL) {
        if (!g->expected && g->answers->count > 0 && wanted(&d, hf_sipguide_meant_for)) {
            wmem_strbuf_t *list = wmem_strbuf_new(pinfo->pool, NULL);
            unsigned k;
            for (k = 0; k < g->answers->count; k++)
                wmem_strbuf_append_printf(list, "%s%s", k ? ", " : "", g->answers->items[k]);
            add_string(st, &d, hf_sipguide_meant_for, wmem_strbuf_get_str(list));
        }
        if (!g->expected && d.shown) {
            sipguide_number_t n;
            sipguide_piece_t p[] = { { r->method, strlen(r->method) },
                                     SIPGUIDE_PIECE(" (not a method "),
                                     sipguide_label_number(&n, r->code),
                                     SIPGUIDE_PIECE(" is meant for)") };

            pi = proto_tree_add_string(st, hf_sipguide_method, tvb, 0, 0, r->method);
            set_named_label(pi, hf_sipguide_method,
                            sipguide_label_join(pinfo->pool, p, G_N_ELEMENTS(p)), SIZE_MAX);
            proto_item_set_generated(pi);
        } else if (g->method_specific && d.shown) {
            sipguide_piece_t p[] = { { r->method, strlen(r->method) },
                                     SIPGUIDE_PIECE(" (the guide is specific to "),
                                     { r->method, strlen(r->method) }, SIPGUIDE_PIECE(")") };

            pi = proto_tree_add_string(st, hf_sipguide_method, tvb, 0, 0, r->method);
            set_named_label(pi, hf_sipguide_method,
                            sipguide_label_join(pinfo->pool, p, G_N_ELEMENTS(p)), SIZE_MAX);
            proto_item_set_generated(pi);
        } else {
            add_string(st, &d, hf_sipguide_method, r->method);
        }
    }

    add_term(st, &d, hf_sipguide_category, SIPGUIDE_VOCAB_CATEGORY, g->category);
    add_term(st, &d, hf_sipguide_scope, SIPGUIDE_VOCAB_SCOPE, g->scope);
    add_terms(st, &d, hf_sipguide_retry, SIPGUIDE_VOCAB_RETRY, g->retry);
    if (g->entry != NULL)
        add_string(st, &d, hf_sipguide_reference, g->entry->rfc);

    draw_outcome(st, &d, r->call_outcome, r->reg_outcome, &r->outcome_line, r);
    if (pref_show_evidence)
        draw_evidence(st, &d, r);
    if (pref_show_transaction)
        draw_transaction(st, &d, r);
    if (pref_show_ims)
        draw_ims_context(st, &d, g);
    if (pref_show_hints)
        draw_troubleshooting(st, &d, g, m);

    if (d.expert)
        add_response_expert(&d, r);

    if (pref_info_column)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [%u %s]", r->code,
                        g->category != SIPGUIDE_NONE
                            ? sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g->category)
                            : g->klass->name);
}

void
sipguide_draw_request(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                      const sipguide_request_result_t *q, const sipguide_msg_t *m, gboolean shown,
                      gboolean want_expert)
{
    draw_t d = draw_context(pinfo, tvb, q->method, shown, want_expert);
    proto_item *ti;
    proto_tree *st;

    if (!d.shown && tree != NULL)
        sipguide_prime_field(proto_sipguide);
    if (m != NULL)
        ti = proto_tree_add_item(tree, proto_sipguide, m->ds, m->start, 0, ENC_NA);
    else
        ti = proto_tree_add_item(tree, proto_sipguide, tvb, 0, 0, ENC_NA);
    /* The same label in every pass: what later passes add is below it. */
    if (d.shown) {
        const char *method = q->method != NULL ? q->method : "a";
        sipguide_piece_t p[] = { { hf_name(proto_sipguide), 0 }, SIPGUIDE_PIECE(": "),
                                 { method, strlen(method) }, SIPGUIDE_PIECE(" request") };

        p[0].len = strlen(p[0].text);
        sipguide_label_set(ti, p, G_N_ELEMENTS(p), FALSE);
    }
    st = proto_item_add_subtree(ti, ett_sipguide);
    d.top = ti;
    if (q->outcome != NULL)
        add_string(st, &d, hf_sipguide_request_outcome, q->outcome);
    if (q->copies > 0)
        add_uint(st, &d, hf_sipguide_request_copies, q->copies);
    draw_outcome(st, &d, q->call_outcome, q->reg_outcome, &q->outcome_line, NULL);
    if (pref_show_transaction && q->tx_count > 0)
        draw_tx_lines(add_subtree(st, &d, ett_sipguide_transaction, "Transaction"), &d, q->tx,
                      q->tx_count, NULL);
}
