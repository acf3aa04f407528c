/* sipguide-catalog.c
 * Lookups over the knowledge table generated from data/: a code's entry,
 * its class, the rule of a request's method, and the guide for one response
 * with the sections that fit its request applied, and the Diameter result
 * tables.  Every SIP lookup is constant time: an index by code and short
 * scans of the few sections of one code and of the method rules; a Diameter
 * value is found by binary search.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include "sipguide-catalog.h"
#include "sipguide-catalog-data.h"

const sipguide_code_t *
sipguide_catalog_code(unsigned code)
{
    short index;

    if (code < SIPGUIDE_CODE_MIN || code > SIPGUIDE_CODE_MAX)
        return NULL;
    index = sipguide_data_code_index[code - SIPGUIDE_CODE_MIN];
    if (index < 0)
        return NULL;
    return &sipguide_data_codes[index];
}

const sipguide_class_t *
sipguide_catalog_class(unsigned cls)
{
    if (cls < 1 || cls > 6)
        return NULL;
    return &sipguide_data_classes[cls];
}

/* ---------------------------------------------------------------------- */
/* Requests: methods and their situation */

static gboolean
has_method(const sipguide_selector_t *sel, const char *method)
{
    unsigned i;

    for (i = 0; i < sel->method_count; i++) {
        /* SIP method names are case-sensitive (RFC 3261 §7.1). */
        if (strcmp(sel->methods[i], method) == 0)
            return TRUE;
    }
    return FALSE;
}

static gboolean
has_text(const sipguide_texts_t *list, const char *text)
{
    unsigned i;

    for (i = 0; i < list->count; i++) {
        if (strcmp(list->items[i], text) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Whether an event package names the one of a qualifier: the token before
 * any parameter, compared without case (RFC 6665 §8.2.1 tokens). */
static gboolean
event_matches(const char *event, const char *wanted)
{
    size_t n = strlen(wanted);

    while (*event == ' ' || *event == '\t')
        event++;
    if (g_ascii_strncasecmp(event, wanted, n) != 0)
        return FALSE;
    event += n;
    while (*event == ' ' || *event == '\t')
        event++;
    return *event == '\0' || *event == ';';
}

/* The request as the qualifiers see it: what the context says, completed
 * by what the method itself implies (a BYE is always inside a dialog, a
 * MESSAGE never carries an offer) and by what one fact implies of another
 * (a stale nonce was one the request's credentials used). */
typedef sipguide_req_ctx_t request_t;

static gboolean
no_qualifier(const sipguide_selector_t *sel)
{
    return sel->in_dialog == SIPGUIDE_TRI_UNKNOWN && sel->event == NULL
           && sel->credentials == SIPGUIDE_TRI_UNKNOWN && sel->sdp == SIPGUIDE_TRI_UNKNOWN
           && sel->t38 == SIPGUIDE_TRI_UNKNOWN && sel->expires_zero == SIPGUIDE_TRI_UNKNOWN
           && sel->max_forwards_zero == SIPGUIDE_TRI_UNKNOWN && sel->aka == SIPGUIDE_TRI_UNKNOWN
           && sel->stale == SIPGUIDE_TRI_UNKNOWN && sel->alt_service == NULL
           && sel->own_phrase == SIPGUIDE_TRI_UNKNOWN;
}

static const sipguide_method_t *
base_rule(const char *method)
{
    unsigned i;

    if (method == NULL)
        return NULL;
    for (i = 0; i < sipguide_data_method_count; i++) {
        const sipguide_method_t *r = &sipguide_data_methods[i];
        if (no_qualifier(&r->sel) && has_method(&r->sel, method))
            return r;
    }
    return NULL;
}

static request_t
complete_request(const sipguide_req_ctx_t *ctx)
{
    request_t q = sipguide_req_ctx_method(NULL);
    const sipguide_method_t *base;

    if (ctx == NULL)
        return q;
    q = *ctx;
    base = base_rule(q.method);
    if (base != NULL) {
        if (q.in_dialog == SIPGUIDE_TRI_UNKNOWN)
            q.in_dialog = base->in_dialog;
        if (q.request_sdp == SIPGUIDE_TRI_UNKNOWN && !base->offer)
            q.request_sdp = SIPGUIDE_TRI_NO;
    }
    /* No session description offers no fax. */
    if (q.request_t38 == SIPGUIDE_TRI_UNKNOWN && q.request_sdp == SIPGUIDE_TRI_NO)
        q.request_t38 = SIPGUIDE_TRI_NO;
    /* stale=true says the nonce of the request's credentials expired
     * (RFC 7616 §3.3). */
    if (q.stale == SIPGUIDE_TRI_YES && q.credentials == SIPGUIDE_TRI_UNKNOWN)
        q.credentials = SIPGUIDE_TRI_YES;
    return q;
}

static gboolean
tri_holds(sipguide_tri_t wanted, sipguide_tri_t known)
{
    return wanted == SIPGUIDE_TRI_UNKNOWN || wanted == known;
}

/* Whether every qualifier of a selector holds for the request; an unknown
 * value never satisfies one. */
static gboolean
qualifiers_hold(const sipguide_selector_t *sel, const request_t *q)
{
    return tri_holds(sel->in_dialog, q->in_dialog) && tri_holds(sel->sdp, q->request_sdp)
           && tri_holds(sel->t38, q->request_t38)
           && (sel->event == NULL || (q->event != NULL && event_matches(q->event, sel->event)))
           && tri_holds(sel->credentials, q->credentials)
           && tri_holds(sel->expires_zero, q->expires_zero)
           && tri_holds(sel->max_forwards_zero, q->max_forwards_zero)
           && tri_holds(sel->aka, q->aka) && tri_holds(sel->stale, q->stale)
           && (sel->alt_service == NULL
               || (q->alt_service != NULL && g_ascii_strcasecmp(q->alt_service, sel->alt_service) == 0))
           && tri_holds(sel->own_phrase, q->own_phrase);
}

/* The most qualifiers a selector can have. */
#define MAX_QUALIFIERS 11

static unsigned
qualifier_count(const sipguide_selector_t *sel)
{
    return (sel->in_dialog != SIPGUIDE_TRI_UNKNOWN) + (sel->sdp != SIPGUIDE_TRI_UNKNOWN)
           + (sel->t38 != SIPGUIDE_TRI_UNKNOWN)
           + (sel->event != NULL) + (sel->credentials != SIPGUIDE_TRI_UNKNOWN)
           + (sel->expires_zero != SIPGUIDE_TRI_UNKNOWN)
           + (sel->max_forwards_zero != SIPGUIDE_TRI_UNKNOWN) + (sel->aka != SIPGUIDE_TRI_UNKNOWN)
           + (sel->stale != SIPGUIDE_TRI_UNKNOWN) + (sel->alt_service != NULL)
           + (sel->own_phrase != SIPGUIDE_TRI_UNKNOWN);
}

/* The most specific rule of the method that holds for the request. */
static const sipguide_method_t *
find_rule(const request_t *q)
{
    const sipguide_method_t *best = NULL;
    unsigned i, best_n = 0;

    if (q->method == NULL)
        return NULL;
    for (i = 0; i < sipguide_data_method_count; i++) {
        const sipguide_method_t *r = &sipguide_data_methods[i];
        unsigned n = qualifier_count(&r->sel);
        if (!has_method(&r->sel, q->method) || !qualifiers_hold(&r->sel, q))
            continue;
        if (best == NULL || n > best_n) {
            best = r;
            best_n = n;
        }
    }
    return best;
}

const sipguide_method_t *
sipguide_catalog_method(const sipguide_req_ctx_t *ctx)
{
    request_t q = complete_request(ctx);

    return find_rule(&q);
}

gboolean
sipguide_catalog_method_known(const char *method)
{
    return base_rule(method) != NULL;
}

int
sipguide_catalog_category_cancelled(void)
{
    return sipguide_data_category_cancelled;
}

/* ---------------------------------------------------------------------- */
/* The guide */

/* Lists of a guide without an entry: empty, never NULL. */
static const sipguide_terms_t no_terms = { 0, NULL };
static const sipguide_texts_t no_texts = { 0, NULL };

/* The index of a vocabulary token, or SIPGUIDE_NONE. */
static int
term_index(sipguide_vocab_t vocab, const char *token)
{
    unsigned i;

    for (i = 0; i < sipguide_term_count(vocab); i++) {
        if (strcmp(sipguide_term_token(vocab, (int)i), token) == 0)
            return (int)i;
    }
    return SIPGUIDE_NONE;
}

/* The sections of an entry that apply to the request, least specific
 * first: the code, [CODE other] when the method is not one the code is
 * meant for, the sections naming the method, then those with qualifiers
 * that hold, fewer qualifiers first; among as many, one naming no method
 * (it applies to every method the code is meant for) before one naming
 * the method, and then in file order. */
#define MAX_LAYERS 16

static unsigned
applicable_sections(const sipguide_code_t *e, const request_t *q, gboolean expected,
                    const sipguide_section_t **out)
{
    unsigned n = 0, i, k, named;

    out[n++] = &e->base;
    if (q->method != NULL && !expected) {
        for (i = 0; i < e->variant_count; i++) {
            if (e->variants[i].sel.other && n < MAX_LAYERS)
                out[n++] = &e->variants[i];
        }
    }
    for (k = 0; k <= MAX_QUALIFIERS; k++) {
        for (named = 0; named <= 1; named++) {
            for (i = 0; i < e->variant_count; i++) {
                const sipguide_section_t *s = &e->variants[i];
                if (s->sel.other || qualifier_count(&s->sel) != k
                    || (s->sel.method_count > 0) != named)
                    continue;
                if (named ? q->method == NULL || !has_method(&s->sel, q->method) : !expected)
                    continue;
                if (qualifiers_hold(&s->sel, q) && n < MAX_LAYERS)
                    out[n++] = s;
            }
        }
    }
    return n;
}

static void
add_term(sipguide_guide_t *g, unsigned char t)
{
    unsigned i;

    for (i = 0; i < g->procedures_merged.count; i++) {
        if (g->procedure_items[i] == t)
            return;
    }
    if (g->procedures_merged.count < SIPGUIDE_GUIDE_LIST_MAX)
        g->procedure_items[g->procedures_merged.count++] = t;
}

static void
add_ref(sipguide_guide_t *g, const char *ref)
{
    unsigned i;

    for (i = 0; i < g->ims_refs_merged.count; i++) {
        if (strcmp(g->ims_ref_items[i], ref) == 0)
            return;
    }
    if (g->ims_refs_merged.count < SIPGUIDE_GUIDE_LIST_MAX)
        g->ims_ref_items[g->ims_refs_merged.count++] = ref;
}

gboolean
sipguide_catalog_resolve(unsigned code, const sipguide_req_ctx_t *ctx,
                         sipguide_guide_t *guide)
{
    const sipguide_section_t *layers[MAX_LAYERS];
    const sipguide_section_t *refs = NULL;
    request_t q = complete_request(ctx);
    unsigned n, i, j;

    memset(guide, 0, sizeof(*guide));
    guide->code = code;
    guide->expected = TRUE;
    guide->category = SIPGUIDE_NONE;
    guide->scope = SIPGUIDE_NONE;
    guide->severity = SIPGUIDE_NONE;
    guide->retry = &no_terms;
    guide->procedures = &guide->procedures_merged;
    guide->procedures_merged.items = guide->procedure_items;
    guide->elements = &no_terms;
    guide->ims_refs = &guide->ims_refs_merged;
    guide->ims_refs_merged.items = guide->ims_ref_items;
    guide->hints = &no_texts;
    guide->causes = &no_texts;
    guide->answers = &no_texts;

    if (code < SIPGUIDE_CODE_MIN || code > SIPGUIDE_CODE_MAX)
        return FALSE;

    guide->cls = code / 100;
    guide->klass = sipguide_catalog_class(guide->cls);
    guide->scope = guide->klass->scope;
    guide->severity = guide->klass->severity;
    guide->call_outcome = guide->klass->call_outcome;
    guide->reg_outcome = guide->klass->reg_outcome;
    guide->retry = &guide->klass->retry;
    guide->rule = find_rule(&q);

    /* The procedure is first the request's own. */
    if (guide->rule != NULL) {
        for (i = 0; i < guide->rule->procedures.count; i++)
            add_term(guide, guide->rule->procedures.items[i]);
    }

    guide->entry = sipguide_catalog_code(code);
    /* A method that is never answered (ACK): its note is all there is to
     * say, since nothing the code says about a request applies. */
    if (guide->rule != NULL && guide->rule->note != NULL) {
        guide->expected = FALSE;
        if (guide->entry != NULL)
            guide->answers = &guide->entry->answers;
        guide->scope = SIPGUIDE_NONE;
        guide->category = term_index(SIPGUIDE_VOCAB_CATEGORY, "unexpected");
        guide->severity = term_index(SIPGUIDE_VOCAB_SEVERITY, "warn");
        guide->retry = &no_terms;
    } else if (guide->entry != NULL) {
        const sipguide_code_t *e = guide->entry;

        guide->answers = &e->answers;
        if (q.method != NULL && e->answers.count > 0 && !has_text(&e->answers, q.method))
            guide->expected = FALSE;
        n = applicable_sections(e, &q, guide->expected, layers);
        if (n > 1)
            guide->variant = layers[n - 1]->method;

        /* Each key from the most specific section that sets it. */
        for (i = 0; i < n; i++) {
            const sipguide_section_t *s = layers[i];
            if (s->sel.method_count > 0)
                guide->method_specific = TRUE;
            if (s->set & SIPGUIDE_KEY_MEANING)
                guide->meaning = s->meaning;
            if (s->set & SIPGUIDE_KEY_CATEGORY)
                guide->category = s->category;
            if ((s->set & SIPGUIDE_KEY_SCOPE) && s->scope != SIPGUIDE_NONE)
                guide->scope = s->scope;
            if ((s->set & SIPGUIDE_KEY_SEVERITY) && s->severity != SIPGUIDE_NONE)
                guide->severity = s->severity;
            if ((s->set & SIPGUIDE_KEY_RETRY) && s->retry.count > 0)
                guide->retry = &s->retry;
            if (s->set & SIPGUIDE_KEY_ELEMENT)
                guide->elements = &s->elements;
            /* The references of the usual case do not follow a code to a
             * method it is not meant for. */
            if ((s->set & SIPGUIDE_KEY_IMS_REF) && (guide->expected || s != &e->base))
                refs = s;
            if (s->set & SIPGUIDE_KEY_HEADERS)
                guide->headers = s->headers;
            if (s->set & SIPGUIDE_KEY_RELATED) {
                guide->related_count = s->related_count;
                guide->related = s->related;
            }
            if (s->set & SIPGUIDE_KEY_HINT)
                guide->hints = &s->hints;
            if (s->set & SIPGUIDE_KEY_CAUSE)
                guide->causes = &s->causes;
            if (s->set & SIPGUIDE_KEY_FLOW)
                guide->flow = s->flow;
            if (s->set & SIPGUIDE_KEY_BODY)
                guide->body = s->body;
            if (s->call_outcome != SIPGUIDE_NONE)
                guide->call_outcome = s->call_outcome;
            if (s->reg_outcome != SIPGUIDE_NONE)
                guide->reg_outcome = s->reg_outcome;
            /* The code's own procedures are added to the request's. */
            for (j = 0; j < s->procedures.count; j++)
                add_term(guide, s->procedures.items[j]);
        }
        if (refs != NULL) {
            for (i = 0; i < refs->ims_refs.count; i++)
                add_ref(guide, refs->ims_refs.items[i]);
        }
    }
    if (guide->rule != NULL) {
        for (i = 0; i < guide->rule->ims_refs.count; i++)
            add_ref(guide, guide->rule->ims_refs.items[i]);
    }
    /* A request inside a dialog goes to the dialog's remote target and is
     * not forked: branches do not apply to its answer. */
    if (q.in_dialog == SIPGUIDE_TRI_YES
        && (guide->scope == term_index(SIPGUIDE_VOCAB_SCOPE, "branch")
            || guide->scope == term_index(SIPGUIDE_VOCAB_SCOPE, "all-branches")))
        guide->scope = term_index(SIPGUIDE_VOCAB_SCOPE, "in-dialog");
    return TRUE;
}

unsigned
sipguide_term_count(sipguide_vocab_t vocab)
{
    if ((unsigned)vocab >= SIPGUIDE_VOCAB_COUNT)
        return 0;
    return sipguide_data_vocab_size[vocab];
}

static const sipguide_term_t *
term(sipguide_vocab_t vocab, int index)
{
    if (index < 0 || (unsigned)index >= sipguide_term_count(vocab))
        return NULL;
    return &sipguide_data_vocab[vocab][index];
}

int
sipguide_term_find(sipguide_vocab_t vocab, const char *token)
{
    unsigned i;

    for (i = 0; i < sipguide_term_count(vocab); i++) {
        if (strcmp(sipguide_data_vocab[vocab][i].token, token) == 0)
            return (int)i;
    }
    return SIPGUIDE_NONE;
}

const char *
sipguide_term_token(sipguide_vocab_t vocab, int index)
{
    const sipguide_term_t *t = term(vocab, index);

    return t != NULL ? t->token : "";
}

const char *
sipguide_term_description(sipguide_vocab_t vocab, int index)
{
    const sipguide_term_t *t = term(vocab, index);

    return t != NULL ? t->description : "";
}

const char *
sipguide_catalog_text(sipguide_text_t id)
{
    if ((unsigned)id >= SIPGUIDE_TEXT_COUNT)
        return "";
    return sipguide_data_texts[id];
}

const sipguide_cause_t *
sipguide_catalog_cause(sipguide_causes_t table, unsigned number)
{
    const sipguide_cause_t *c;

    if ((unsigned)table >= SIPGUIDE_CAUSES_COUNT || number < sipguide_data_causes_base[table])
        return NULL;
    number -= sipguide_data_causes_base[table];
    if (number >= sipguide_data_causes_size[table])
        return NULL;
    c = &sipguide_data_causes[table][number];
    return c->name != NULL ? c : NULL;
}

unsigned
sipguide_catalog_q850_unlisted(void)
{
    return sipguide_data_q850_unlisted;
}

const char *
sipguide_catalog_q850_unlisted_name(void)
{
    return sipguide_data_q850_unlisted_name;
}

unsigned
sipguide_catalog_size(void)
{
    return sipguide_data_code_count;
}

const sipguide_code_t *
sipguide_catalog_nth(unsigned n)
{
    return n < sipguide_data_code_count ? &sipguide_data_codes[n] : NULL;
}

const sipguide_diam_entry_t *
sipguide_catalog_diameter(sipguide_diam_table_t table, unsigned code)
{
    const sipguide_diam_entry_t *entries;
    unsigned lo = 0, hi;

    if ((unsigned)table >= SIPGUIDE_DIAM_COUNT)
        return NULL;
    entries = sipguide_data_diam[table];
    hi = sipguide_data_diam_count[table];
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (entries[mid].code == code)
            return &entries[mid];
        if (entries[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
