/* test-catalog.c
 * Unit tests of the catalog lookups, without Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "sipguide-catalog.h"

static unsigned passed, failed;

#define CHECK(cond, ...) do { \
        if (cond) { \
            passed++; \
        } else { \
            failed++; \
            printf("FAIL %s:%d: ", __FILE__, __LINE__); \
            printf(__VA_ARGS__); \
            printf("\n"); \
        } \
    } while (0)

/* The index and the sorted table agree, and every lookup is by index. */
static void
test_index(void)
{
    unsigned n, code, found = 0;
    unsigned last = 0;

    for (n = 0; n < sipguide_catalog_size(); n++) {
        const sipguide_code_t *e = sipguide_catalog_nth(n);
        CHECK(e->code > last, "entries sorted: %u after %u", e->code, last);
        last = e->code;
        CHECK(sipguide_catalog_code(e->code) == e, "index finds %u", e->code);
        CHECK(e->phrase != NULL && *e->phrase != '\0', "%u has a phrase", e->code);
        CHECK(e->rfc != NULL && strncmp(e->rfc, "RFC ", 4) == 0, "%u has an RFC", e->code);
        CHECK(e->base.meaning != NULL, "%u has a meaning", e->code);
    }
    for (code = 0; code < 1000; code++) {
        if (sipguide_catalog_code(code) != NULL)
            found++;
    }
    CHECK(found == sipguide_catalog_size(), "lookups find %u of %u entries", found,
          sipguide_catalog_size());
    CHECK(sipguide_catalog_nth(sipguide_catalog_size()) == NULL, "nth past the end is NULL");
}

static void
test_classes(void)
{
    unsigned c;

    CHECK(sipguide_catalog_class(0) == NULL, "no class 0");
    CHECK(sipguide_catalog_class(7) == NULL, "no class 7");
    for (c = 1; c <= 6; c++) {
        const sipguide_class_t *k = sipguide_catalog_class(c);
        CHECK(k != NULL && k->name != NULL && k->meaning != NULL, "class %u complete", c);
        CHECK(k->scope != SIPGUIDE_NONE && k->severity != SIPGUIDE_NONE && k->retry.count > 0,
              "class %u has scope, severity and retry", c);
        CHECK(k->handled_as / 100 == c && sipguide_catalog_code(k->handled_as) != NULL
              && sipguide_catalog_code(k->handled_as)->registered,
              "class %u is handled as a registered code of the class (%u)", c, k->handled_as);
    }
}

/* Out of range codes give no class and no meaning. */
static void
test_out_of_range(void)
{
    static const unsigned codes[] = { 0, 1, 99, 700, 999, 4294967295u };
    sipguide_guide_t g;
    unsigned i;

    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        CHECK(!sipguide_catalog_resolve(codes[i], "INVITE", &g), "%u is out of range", codes[i]);
        CHECK(g.klass == NULL && g.entry == NULL && g.meaning == NULL,
              "%u gets no class and no meaning", codes[i]);
        CHECK(g.retry != NULL && g.hints != NULL && g.procedures != NULL,
              "%u: lists are never NULL", codes[i]);
        CHECK(g.code == codes[i], "%u keeps its code", codes[i]);
    }
}

/* Every code in range resolves, with the class as fallback. */
static void
test_every_code(void)
{
    sipguide_guide_t g;
    unsigned code;

    for (code = SIPGUIDE_CODE_MIN; code <= SIPGUIDE_CODE_MAX; code++) {
        gboolean ok = sipguide_catalog_resolve(code, NULL, &g);
        if (!ok || g.cls != code / 100 || g.klass == NULL || g.retry == NULL
            || g.hints == NULL || g.scope == SIPGUIDE_NONE || g.severity == SIPGUIDE_NONE) {
            CHECK(FALSE, "code %u does not resolve completely", code);
            return;
        }
    }
    CHECK(TRUE, "all codes 100..699 resolve");
}

/* A code without an entry is explained by its class. */
static void
test_unregistered(void)
{
    sipguide_guide_t g;

    CHECK(sipguide_catalog_resolve(499, "INVITE", &g), "499 is in range");
    CHECK(g.entry == NULL && g.meaning == NULL, "499 has no entry");
    CHECK(g.cls == 4 && g.klass == sipguide_catalog_class(4), "499 is class 4");
    CHECK(g.scope == g.klass->scope && g.severity == g.klass->severity
          && g.retry == &g.klass->retry, "499 takes scope, severity and retry from its class");
    CHECK(g.hints->count == 0 && g.procedures->count == 0, "499 has no hints");
}

/* Method sections replace only what they set, and only for their method. */
static void
test_variants(void)
{
    unsigned n, v;
    sipguide_guide_t base, var;
    unsigned tested = 0;

    for (n = 0; n < sipguide_catalog_size(); n++) {
        const sipguide_code_t *e = sipguide_catalog_nth(n);
        sipguide_catalog_resolve(e->code, NULL, &base);
        CHECK(base.variant == NULL, "%u without method has no variant", e->code);
        for (v = 0; v < e->variant_count; v++) {
            const sipguide_section_t *s = &e->variants[v];
            char lower[32];
            unsigned i;

            sipguide_catalog_resolve(e->code, s->method, &var);
            CHECK(var.variant != NULL && strcmp(var.variant, s->method) == 0,
                  "%u %s picks its section", e->code, s->method);
            if (s->set & SIPGUIDE_KEY_MEANING)
                CHECK(var.meaning == s->meaning, "%u %s meaning replaced", e->code, s->method);
            else
                CHECK(var.meaning == base.meaning, "%u %s meaning inherited", e->code, s->method);
            if (s->set & SIPGUIDE_KEY_HINT)
                CHECK(var.hints == &s->hints, "%u %s hints replaced", e->code, s->method);
            else
                CHECK(var.hints == base.hints, "%u %s hints inherited", e->code, s->method);
            if (!(s->set & SIPGUIDE_KEY_CATEGORY))
                CHECK(var.category == base.category, "%u %s category inherited", e->code, s->method);

            /* Methods are case-sensitive: a lower-case name is another method. */
            for (i = 0; s->method[i] != '\0' && i < sizeof(lower) - 1; i++)
                lower[i] = (char)(s->method[i] | 0x20);
            lower[i] = '\0';
            sipguide_catalog_resolve(e->code, lower, &var);
            CHECK(var.variant == NULL, "%u %s does not match %s", e->code, s->method, lower);
            tested++;
        }
    }
    printf("%u method sections checked\n", tested);
}

/* Vocabulary lookups are bounded. */
static void
test_terms(void)
{
    int v;

    for (v = 0; v < SIPGUIDE_VOCAB_COUNT; v++) {
        unsigned count = sipguide_term_count((sipguide_vocab_t)v);
        CHECK(count > 0, "vocabulary %d is not empty", v);
        CHECK(*sipguide_term_token((sipguide_vocab_t)v, 0) != '\0', "vocabulary %d token 0", v);
        CHECK(*sipguide_term_token((sipguide_vocab_t)v, (int)count) == '\0',
              "vocabulary %d: past the end is empty", v);
        CHECK(*sipguide_term_token((sipguide_vocab_t)v, SIPGUIDE_NONE) == '\0',
              "vocabulary %d: NONE is empty", v);
    }
    CHECK(sipguide_term_count(SIPGUIDE_VOCAB_SEVERITY) == 3, "three severities");
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_SEVERITY, SIPGUIDE_SEVERITY_WARN), "warn") == 0,
          "severity order");
    CHECK(*sipguide_term_token(SIPGUIDE_VOCAB_COUNT, 0) == '\0', "no such vocabulary");
}

int
main(void)
{
    test_index();
    test_classes();
    test_out_of_range();
    test_every_code();
    test_unregistered();
    test_variants();
    test_terms();
    printf("%u passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
