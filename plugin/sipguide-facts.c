/* sipguide-facts.c
 * The links of a message's facts: two inline, more in a small array that
 * grows in the facts' own scope.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>

#include "sipguide-facts.h"
#include "sipguide-intern.h"

void
sipguide_facts_init(sipguide_facts_t *f, gboolean response, guint32 code, guint16 method)
{
    memset(f, 0, sizeof(*f));
    f->flags = response ? SIPGUIDE_FACT_RESPONSE : 0;
    f->code = (guint16)MIN(code, G_MAXUINT16);
    f->method = method;
    f->asked_expires = -1;
}

const char *
sipguide_facts_method(const sipguide_facts_t *f)
{
    return sipguide_interned(f->method);
}

const char *
sipguide_facts_event(const sipguide_facts_t *f)
{
    return sipguide_interned(f->event);
}

const sipguide_link_t *
sipguide_facts_nth(const sipguide_facts_t *f, guint n)
{
    if (n >= f->nlinks)
        return NULL;
    return n < SIPGUIDE_FACTS_INLINE ? &f->inline_links[n] : &f->more[n - SIPGUIDE_FACTS_INLINE];
}

const sipguide_link_t *
sipguide_facts_find(const sipguide_facts_t *f, sipguide_link_kind_t kind)
{
    guint i;

    for (i = 0; i < f->nlinks; i++) {
        const sipguide_link_t *l = sipguide_facts_nth(f, i);
        if (SIPGUIDE_LINK_KIND(l->kind) == (guint32)kind)
            return l;
    }
    return NULL;
}

guint32
sipguide_facts_get(const sipguide_facts_t *f, sipguide_link_kind_t kind)
{
    const sipguide_link_t *l = sipguide_facts_find(f, kind);

    return l != NULL ? l->frame : 0;
}

/* Room for one more link, or NULL when the links are full. */
static sipguide_link_t *
new_link(sipguide_facts_t *f, wmem_allocator_t *scope)
{
    sipguide_link_t *l;

    if (f->nlinks == G_MAXUINT8)
        return NULL;
    if (f->nlinks < SIPGUIDE_FACTS_INLINE) {
        l = &f->inline_links[f->nlinks];
    } else {
        guint n = f->nlinks - SIPGUIDE_FACTS_INLINE;
        if (n >= f->nmore_cap) {
            guint cap = f->nmore_cap == 0 ? 2 : MIN(f->nmore_cap * 2u, 128u);
            if (n >= cap)
                return NULL;
            f->more = (sipguide_link_t *)wmem_realloc(scope, f->more, cap * sizeof(sipguide_link_t));
            f->nmore_cap = (guint8)cap;
        }
        l = &f->more[n];
    }
    f->nlinks++;
    return l;
}

void
sipguide_facts_link(sipguide_facts_t *f, wmem_allocator_t *scope,
                    sipguide_link_kind_t kind, guint32 frame)
{
    sipguide_link_t *l;
    guint i;

    if (frame == 0)
        return;
    for (i = 0; i < f->nlinks; i++) {
        l = (sipguide_link_t *)sipguide_facts_nth(f, i);
        if (SIPGUIDE_LINK_KIND(l->kind) == (guint32)kind) {
            l->frame = frame;
            return;
        }
    }
    if ((l = new_link(f, scope)) != NULL) {
        l->kind = kind;
        l->frame = frame;
    }
}

void
sipguide_facts_set_data(sipguide_facts_t *f, sipguide_link_kind_t kind, guint32 data)
{
    sipguide_link_t *l = (sipguide_link_t *)sipguide_facts_find(f, kind);

    if (l != NULL)
        l->kind = (guint32)kind | ((data & 0xffffffu) << 8);
}

void
sipguide_facts_add(sipguide_facts_t *f, wmem_allocator_t *scope,
                   sipguide_link_kind_t kind, guint32 data, guint32 frame)
{
    sipguide_link_t *l;

    if (frame == 0 || (l = new_link(f, scope)) == NULL)
        return;
    l->kind = (guint32)kind | ((data & 0xffffffu) << 8);
    l->frame = frame;
}
