/* sipguide-catalog.c
 * Lookups over the knowledge table generated from data/: a code's entry,
 * its class, and the guide for one response with its method section applied.
 * Every lookup is constant time: an index by code and a short scan of the
 * few method sections of one code.
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

static const sipguide_section_t *
find_variant(const sipguide_code_t *entry, const char *method)
{
    unsigned i;

    if (method == NULL)
        return NULL;
    for (i = 0; i < entry->variant_count; i++) {
        /* SIP method names are case-sensitive (RFC 3261 §7.1). */
        if (strcmp(entry->variants[i].method, method) == 0)
            return &entry->variants[i];
    }
    return NULL;
}

/* Lists of a guide without an entry: empty, never NULL. */
static const sipguide_terms_t no_terms = { 0, NULL };
static const sipguide_texts_t no_texts = { 0, NULL };

gboolean
sipguide_catalog_resolve(unsigned code, const char *method,
                         sipguide_guide_t *guide)
{
    const sipguide_section_t *base, *variant, *s;

    memset(guide, 0, sizeof(*guide));
    guide->code = code;
    guide->category = SIPGUIDE_NONE;
    guide->scope = SIPGUIDE_NONE;
    guide->severity = SIPGUIDE_NONE;
    guide->retry = &no_terms;
    guide->procedures = &no_terms;
    guide->elements = &no_terms;
    guide->ims_refs = &no_texts;
    guide->hints = &no_texts;

    if (code < SIPGUIDE_CODE_MIN || code > SIPGUIDE_CODE_MAX)
        return FALSE;

    guide->cls = code / 100;
    guide->klass = sipguide_catalog_class(guide->cls);
    guide->scope = guide->klass->scope;
    guide->severity = guide->klass->severity;
    guide->retry = &guide->klass->retry;

    guide->entry = sipguide_catalog_code(code);
    if (guide->entry == NULL)
        return TRUE;

    base = &guide->entry->base;
    variant = find_variant(guide->entry, method);
    if (variant != NULL)
        guide->variant = variant->method;

    /* Take each key from the method section when it sets it. */
#define PICK(bit) ((variant != NULL && (variant->set & (bit))) ? variant : base)
    guide->meaning = PICK(SIPGUIDE_KEY_MEANING)->meaning;
    guide->category = PICK(SIPGUIDE_KEY_CATEGORY)->category;
    s = PICK(SIPGUIDE_KEY_SCOPE);
    if (s->scope != SIPGUIDE_NONE)
        guide->scope = s->scope;
    s = PICK(SIPGUIDE_KEY_SEVERITY);
    if (s->severity != SIPGUIDE_NONE)
        guide->severity = s->severity;
    s = PICK(SIPGUIDE_KEY_RETRY);
    if (s->retry.count > 0)
        guide->retry = &s->retry;
    guide->procedures = &PICK(SIPGUIDE_KEY_PROCEDURE)->procedures;
    guide->elements = &PICK(SIPGUIDE_KEY_ELEMENT)->elements;
    guide->ims_refs = &PICK(SIPGUIDE_KEY_IMS_REF)->ims_refs;
    guide->headers = PICK(SIPGUIDE_KEY_HEADERS)->headers;
    s = PICK(SIPGUIDE_KEY_RELATED);
    guide->related_count = s->related_count;
    guide->related = s->related;
    guide->hints = &PICK(SIPGUIDE_KEY_HINT)->hints;
#undef PICK
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
