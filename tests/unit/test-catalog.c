/* test-catalog.c
 * Unit tests of the catalog lookups, without Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "sipguide-catalog.h"
#include "unit-check.h"

static sipguide_req_ctx_t
ctx_of(const char *method)
{
    return sipguide_req_ctx_method(method);
}

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
        CHECK(e->rfc != NULL && (strncmp(e->rfc, "RFC ", 4) == 0 || (!e->registered && *e->rfc != '\0')),
              "%u has an RFC, or a source if it is not registered", e->code);
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
        sipguide_req_ctx_t ctx = ctx_of("INVITE");
        CHECK(!sipguide_catalog_resolve(codes[i], &ctx, &g), "%u is out of range", codes[i]);
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
        (void)ok;
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

    sipguide_req_ctx_t ctx = ctx_of("INVITE");

    CHECK(sipguide_catalog_resolve(499, &ctx, &g), "499 is in range");
    CHECK(g.entry == NULL && g.meaning == NULL, "499 has no entry");
    CHECK(g.cls == 4 && g.klass == sipguide_catalog_class(4), "499 is class 4");
    CHECK(g.scope == g.klass->scope && g.severity == g.klass->severity
          && g.retry == &g.klass->retry, "499 takes scope, severity and retry from its class");
    CHECK(g.hints->count == 0, "499 has no hints");
}

/* A section of plain methods (no qualifier) applies to each of them, and
 * replaces only what it sets. */
static void
test_variants(void)
{
    unsigned n, v, k;
    sipguide_guide_t base, var;
    unsigned tested = 0;

    for (n = 0; n < sipguide_catalog_size(); n++) {
        const sipguide_code_t *e = sipguide_catalog_nth(n);
        sipguide_catalog_resolve(e->code, NULL, &base);
        CHECK(base.variant == NULL, "%u without method has no variant", e->code);
        for (v = 0; v < e->variant_count; v++) {
            const sipguide_section_t *s = &e->variants[v];
            if (s->sel.other || s->sel.in_dialog != SIPGUIDE_TRI_UNKNOWN || s->sel.event != NULL
                || s->sel.sdp != SIPGUIDE_TRI_UNKNOWN || s->sel.t38 != SIPGUIDE_TRI_UNKNOWN
                || s->sel.credentials != SIPGUIDE_TRI_UNKNOWN
                || s->sel.expires_zero != SIPGUIDE_TRI_UNKNOWN
                || s->sel.max_forwards_zero != SIPGUIDE_TRI_UNKNOWN || s->sel.aka != SIPGUIDE_TRI_UNKNOWN
                || s->sel.stale != SIPGUIDE_TRI_UNKNOWN || s->sel.alt_service != NULL
                || s->sel.own_phrase != SIPGUIDE_TRI_UNKNOWN)
                continue;
            for (k = 0; k < s->sel.method_count; k++) {
                const char *m = s->sel.methods[k];
                sipguide_req_ctx_t ctx = ctx_of(m);
                char lower[32];
                unsigned i;

                sipguide_catalog_resolve(e->code, &ctx, &var);
                CHECK(var.variant != NULL, "%u %s picks a section", e->code, m);
                if (s->set & SIPGUIDE_KEY_MEANING)
                    CHECK(var.meaning != NULL, "%u %s has a meaning", e->code, m);
                if (!(s->set & SIPGUIDE_KEY_CATEGORY) && var.expected)
                    CHECK(var.category == base.category || var.variant != s->method,
                          "%u %s category inherited", e->code, m);

                /* Methods are case-sensitive: a lower-case name is another method. */
                for (i = 0; m[i] != '\0' && i < sizeof(lower) - 1; i++)
                    lower[i] = (char)(m[i] | 0x20);
                lower[i] = '\0';
                ctx = ctx_of(lower);
                sipguide_catalog_resolve(e->code, &ctx, &var);
                CHECK(var.rule == NULL && (var.variant == NULL || strcmp(var.variant, "other") == 0),
                      "%u %s does not match %s", e->code, m, lower);
                tested++;
            }
        }
    }
    printf("%u method sections checked\n", tested);
}

/* ---------------------------------------------------------------------- */
/* Method truth: every code answering every method */

static const char *const methods[] = {
    "INVITE", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "PRACK", "UPDATE",
    "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH"
};

static gboolean
has_procedure(const sipguide_guide_t *g, const char *token)
{
    unsigned i;

    for (i = 0; i < g->procedures->count; i++) {
        if (strcmp(sipguide_term_token(SIPGUIDE_VOCAB_PROCEDURE, g->procedures->items[i]), token) == 0)
            return TRUE;
    }
    return FALSE;
}

static const char *
category(const sipguide_guide_t *g)
{
    return sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g->category);
}

/* Whether a text of the guide mentions a word (case-sensitive). */
static gboolean
mentions(const sipguide_guide_t *g, const char *word)
{
    unsigned i;

    if (g->meaning != NULL && strstr(g->meaning, word) != NULL)
        return TRUE;
    for (i = 0; i < g->hints->count; i++) {
        if (strstr(g->hints->items[i], word) != NULL)
            return TRUE;
    }
    for (i = 0; i < g->causes->count; i++) {
        if (strstr(g->causes->items[i], word) != NULL)
            return TRUE;
    }
    return FALSE;
}

static gboolean
offer_method(const char *m)
{
    return strcmp(m, "INVITE") == 0 || strcmp(m, "UPDATE") == 0 || strcmp(m, "PRACK") == 0;
}

static void
test_method_truth(void)
{
    unsigned n, k, checked = 0;
    sipguide_guide_t g;

    for (n = 0; n < sipguide_catalog_size(); n++) {
        const sipguide_code_t *e = sipguide_catalog_nth(n);
        if (!e->registered)
            continue;
        for (k = 0; k < sizeof(methods) / sizeof(methods[0]); k++) {
            const char *m = methods[k];
            sipguide_req_ctx_t ctx = ctx_of(m);

            sipguide_catalog_resolve(e->code, &ctx, &g);
            checked++;
            CHECK(g.rule != NULL && g.procedures->count > 0, "%u %s: a procedure from the method", e->code, m);
            CHECK(strcmp(m, "REGISTER") == 0 || !has_procedure(&g, "registration"),
                  "%u %s: no registration procedure on a response to %s", e->code, m, m);
            CHECK(strcmp(m, "INVITE") == 0 || !has_procedure(&g, "call-setup"),
                  "%u %s: no call-setup procedure on a response to %s", e->code, m, m);
            CHECK(strcmp(m, "REGISTER") != 0 || !has_procedure(&g, "session-modification"),
                  "%u REGISTER: no session-modification", e->code);
            CHECK(offer_method(m) || strcmp(category(&g), "media") != 0,
                  "%u %s: no media category for a request without SDP", e->code, m);
            CHECK(offer_method(m) || (!mentions(&g, "AMR") && !mentions(&g, "EVS") && !mentions(&g, "codec")),
                  "%u %s: no codec hint for a request without SDP", e->code, m);
            CHECK(strcmp(m, "REGISTER") == 0 || !mentions(&g, "IMS-AKA"),
                  "%u %s: no IMS-AKA text outside REGISTER", e->code, m);
            CHECK(g.meaning != NULL && g.flow != NULL && g.body != NULL && g.causes->count > 0,
                  "%u %s: meaning, flow, body and causes", e->code, m);
            CHECK(g.expected || g.answers->count > 0, "%u %s: not expected only with an answers list", e->code, m);
            if (e->code == 487 && strcmp(m, "CANCEL") != 0 && strcmp(m, "BYE") != 0)
                CHECK(strcmp(category(&g), "cancelled") == 0, "487 %s is cancelled", m);
            if (e->code == 487 && (strcmp(m, "CANCEL") == 0 || strcmp(m, "BYE") == 0))
                CHECK(strcmp(category(&g), "unexpected") == 0, "487 %s is unexpected", m);
        }
    }
    printf("%u code and method pairs checked\n", checked);
}

/* The request context beyond the method: re-INVITE, event package, SDP. */
static void
test_context(void)
{
    sipguide_guide_t g;
    sipguide_req_ctx_t ctx;

    ctx = ctx_of("INVITE");
    sipguide_catalog_resolve(486, &ctx, &g);
    CHECK(has_procedure(&g, "call-setup") && has_procedure(&g, "session-modification"),
          "INVITE of unknown dialog state: both call-setup and session-modification");
    ctx.in_dialog = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(486, &ctx, &g);
    CHECK(has_procedure(&g, "call-setup") && !has_procedure(&g, "session-modification"),
          "initial INVITE: call-setup only");
    ctx.in_dialog = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(486, &ctx, &g);
    CHECK(!has_procedure(&g, "call-setup") && has_procedure(&g, "session-modification"),
          "re-INVITE: session-modification only");

    ctx = ctx_of("INVITE");
    ctx.in_dialog = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(500, &ctx, &g);
    CHECK(g.variant != NULL && strcmp(g.variant, "INVITE in-dialog") == 0
          && strcmp(category(&g), "dialog-state") == 0, "500 to a re-INVITE: the collision section");
    ctx.in_dialog = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(500, &ctx, &g);
    CHECK(strcmp(category(&g), "server") == 0, "500 to an initial INVITE: a server failure");

    ctx = ctx_of("SUBSCRIBE");
    sipguide_catalog_resolve(407, &ctx, &g);
    CHECK(has_procedure(&g, "subscription") && !has_procedure(&g, "registration"),
          "407 to SUBSCRIBE of unknown event: subscription");
    ctx.event = "reg";
    sipguide_catalog_resolve(407, &ctx, &g);
    CHECK(has_procedure(&g, "registration") && !has_procedure(&g, "subscription"),
          "407 to SUBSCRIBE event reg: registration");
    ctx.event = "presence";
    sipguide_catalog_resolve(407, &ctx, &g);
    CHECK(has_procedure(&g, "subscription"), "407 to SUBSCRIBE event presence: subscription");
    ctx = ctx_of("NOTIFY");
    ctx.event = "Reg;id=1";
    sipguide_catalog_resolve(200, &ctx, &g);
    CHECK(has_procedure(&g, "registration") && g.variant != NULL
          && strcmp(g.variant, "NOTIFY event=reg") == 0, "200 to NOTIFY event reg: its section");

    ctx = ctx_of("INVITE");
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(g.expected && strcmp(category(&g), "media") == 0, "488 to an INVITE of unknown SDP: media");
    ctx.request_sdp = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(strcmp(category(&g), "unexpected") == 0, "488 to an INVITE without SDP: unexpected");
    ctx.request_sdp = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(strcmp(category(&g), "media") == 0, "488 to an INVITE with SDP: media");
    ctx = ctx_of("REFER");
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(!g.expected && strcmp(category(&g), "unexpected") == 0 && has_procedure(&g, "transfer"),
          "488 to REFER: not meant, transfer");

    /* A challenge to a request that already carried credentials is a
     * re-challenge, never the "normal first step". */
    ctx = ctx_of("REGISTER");
    sipguide_catalog_resolve(401, &ctx, &g);
    CHECK(strstr(g.meaning, "IMS-AKA in IMS, a password digest elsewhere") != NULL,
          "401 to REGISTER of unknown challenge: true of IMS-AKA and digest");
    ctx.aka = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(401, &ctx, &g);
    CHECK(strstr(g.meaning, "normal first step") != NULL, "401 to REGISTER with AKA: the first IMS-AKA step");
    ctx.aka = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(401, &ctx, &g);
    CHECK(strstr(g.meaning, "IMS-AKA") != NULL && strstr(g.meaning, "password digest") != NULL
          && strcmp(g.variant, "REGISTER digest") == 0, "401 to REGISTER with digest: a password digest");
    ctx.credentials = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(401, &ctx, &g);
    CHECK(strstr(g.meaning, "normal first step") == NULL && strstr(g.meaning, "already carried") != NULL
          && g.severity != SIPGUIDE_SEVERITY_CHAT, "401 to REGISTER with credentials: a re-challenge");
    /* stale=true: credentials known to have been sent, and not rejected. */
    ctx = ctx_of("REGISTER");
    ctx.aka = SIPGUIDE_TRI_NO;
    ctx.stale = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(401, &ctx, &g);
    CHECK(strstr(g.meaning, "stale=true") != NULL && g.severity == SIPGUIDE_SEVERITY_CHAT
          && strstr(g.variant, "REGISTER") != NULL && strstr(g.variant, "credentials stale") != NULL,
          "401 stale to REGISTER: only the nonce expired, over the digest re-challenge");
    ctx = ctx_of("INVITE");
    ctx.stale = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(407, &ctx, &g);
    CHECK(strstr(g.meaning, "stale=true") != NULL, "407 stale to INVITE: only the nonce expired");
    ctx = ctx_of("CANCEL");
    ctx.stale = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(407, &ctx, &g);
    CHECK(!g.expected && strcmp(category(&g), "unexpected") == 0, "407 stale to CANCEL: still unexpected");
    ctx = ctx_of("INVITE");
    ctx.credentials = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(407, &ctx, &g);
    CHECK(strstr(g.meaning, "already carried") != NULL && g.severity != SIPGUIDE_SEVERITY_CHAT,
          "407 to INVITE with credentials: a re-challenge");
    ctx.credentials = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(407, &ctx, &g);
    CHECK(strstr(g.meaning, "already carried") == NULL, "407 to INVITE without credentials: a challenge");

    /* An offer of T.38 fax: its own sections, only when the offer is known
     * to be one; a re-INVITE keeps its call, an initial INVITE ends the branch. */
    ctx = ctx_of("INVITE");
    ctx.in_dialog = SIPGUIDE_TRI_YES;
    ctx.request_sdp = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(strstr(g.meaning, "T.38") == NULL, "488 to a re-INVITE of unknown offer: no fax asserted");
    ctx.request_t38 = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(strstr(g.meaning, "T.38") == NULL, "488 to a re-INVITE offering no fax");
    ctx.request_t38 = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(strstr(g.meaning, "T.38") != NULL && strstr(g.flow, "keeps its audio") != NULL,
          "488 to a re-INVITE offering T.38: the fax switch refused, the call stays");
    sipguide_catalog_resolve(491, &ctx, &g);
    CHECK(strstr(g.meaning, "fax glare") != NULL, "491 to a re-INVITE offering T.38: fax glare");
    ctx.in_dialog = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(strstr(g.meaning, "from the start") != NULL && strstr(g.flow, "branch ends") != NULL,
          "488 to an initial INVITE offering T.38: the attempt ends");
    ctx = ctx_of("UPDATE");
    ctx.request_t38 = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(200, &ctx, &g);
    CHECK(strstr(g.meaning, "T.38") == NULL, "200 to UPDATE offering T.38: no INVITE section (no ACK)");

    /* A section naming only qualifiers applies to every method the code is
     * meant for: 477 with Kamailio's phrase or another one. */
    ctx = ctx_of("INVITE");
    sipguide_catalog_resolve(477, &ctx, &g);
    CHECK(g.category == SIPGUIDE_NONE && strstr(g.meaning, "depends on the sender") != NULL,
          "477 of unknown phrase: no sender's reading asserted");
    ctx.own_phrase = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(477, &ctx, &g);
    CHECK(strcmp(category(&g), "server") == 0 && !g.method_specific
          && strcmp(sipguide_term_token(SIPGUIDE_VOCAB_CALL_OUTCOME, g.call_outcome), "failed") == 0,
          "477 with Kamailio's phrase: a failed send, a server failure");
    ctx.own_phrase = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(477, &ctx, &g);
    CHECK(g.category == SIPGUIDE_NONE && strstr(g.meaning, "other equipment") != NULL
          && strcmp(sipguide_term_token(SIPGUIDE_VOCAB_CALL_OUTCOME, g.call_outcome), "rejected") == 0,
          "477 with another phrase: the sender's own, handled as 400");

    /* Facts of the request and the response that change an outcome. */
    ctx = ctx_of("INVITE");
    sipguide_catalog_resolve(483, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_CALL_OUTCOME, g.call_outcome), "failed") == 0,
          "483 to an INVITE of unknown Max-Forwards: failed");
    ctx.max_forwards_zero = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(483, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_CALL_OUTCOME, g.call_outcome), "rejected") == 0
          && strstr(g.meaning, "already at 0") != NULL, "483 to an INVITE that came with Max-Forwards 0");
    ctx = ctx_of("INVITE");
    sipguide_catalog_resolve(380, &ctx, &g);
    CHECK(!has_procedure(&g, "emergency"), "380 to INVITE of unknown body: no emergency asserted");
    ctx.alt_service = "emergency";
    sipguide_catalog_resolve(380, &ctx, &g);
    CHECK(has_procedure(&g, "emergency")
          && strcmp(sipguide_term_token(SIPGUIDE_VOCAB_CALL_OUTCOME, g.call_outcome), "emergency-retry") == 0,
          "380 emergency: an emergency retry, not a redirection");
    ctx = ctx_of("REGISTER");
    sipguide_catalog_resolve(494, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_REG_OUTCOME, g.reg_outcome), "negotiating") == 0,
          "494 to REGISTER: a security agreement step");
    sipguide_catalog_resolve(421, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_REG_OUTCOME, g.reg_outcome), "negotiating") == 0,
          "421 to REGISTER: asks for an extension first");
    sipguide_catalog_resolve(423, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_REG_OUTCOME, g.reg_outcome), "rejected") == 0,
          "423 to REGISTER: a too short expiry rejected");
    ctx = ctx_of("INVITE");
    sipguide_catalog_resolve(422, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_CALL_OUTCOME, g.call_outcome), "negotiating") == 0,
          "422 to INVITE: a session-timer step");
    ctx.in_dialog = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(481, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_SCOPE, g.scope), "branch") == 0,
          "481 to an initial INVITE: its branch");
    ctx = ctx_of("NOTIFY");
    sipguide_catalog_resolve(481, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_SCOPE, g.scope), "in-dialog") == 0,
          "481 to NOTIFY: a request inside a dialog has no branches");
    ctx = ctx_of("INVITE");
    ctx.in_dialog = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(603, &ctx, &g);
    CHECK(strcmp(sipguide_term_token(SIPGUIDE_VOCAB_SCOPE, g.scope), "in-dialog") == 0,
          "603 to a re-INVITE: no branches to end");
    ctx = ctx_of("SUBSCRIBE");
    ctx.expires_zero = SIPGUIDE_TRI_YES;
    sipguide_catalog_resolve(200, &ctx, &g);
    CHECK(strstr(g.meaning, "unsubscription") != NULL, "200 to SUBSCRIBE with Expires 0: an unsubscription");
    ctx.expires_zero = SIPGUIDE_TRI_NO;
    sipguide_catalog_resolve(200, &ctx, &g);
    CHECK(strstr(g.meaning, "created or refreshed") != NULL, "200 to SUBSCRIBE with Expires: created or refreshed");
    ctx = ctx_of("INVITE");
    sipguide_catalog_resolve(487, &ctx, &g);
    CHECK(g.severity == SIPGUIDE_SEVERITY_CHAT, "487 to INVITE: normal flow, not a failure");

    ctx = ctx_of("UPDATE");
    sipguide_catalog_resolve(487, &ctx, &g);
    CHECK(!g.expected && strcmp(category(&g), "cancelled") == 0,
          "487 to UPDATE (a BYE ended its dialog): not meant, cancelled");
    ctx = ctx_of("BYE");
    sipguide_catalog_resolve(487, &ctx, &g);
    CHECK(!g.expected && strcmp(category(&g), "unexpected") == 0,
          "487 to BYE: nothing terminates a BYE, unexpected");
    ctx = ctx_of("ACK");
    sipguide_catalog_resolve(200, &ctx, &g);
    CHECK(g.rule != NULL && g.rule->note != NULL && g.procedures->count == 0 && !g.expected
          && g.meaning == NULL, "a response to ACK: the note instead of a meaning, no procedure");
    CHECK(g.flow == NULL && g.causes->count == 0 && g.hints->count == 0 && g.related_count == 0
          && strcmp(category(&g), "unexpected") == 0,
          "a response to ACK: nothing of the code's request-specific text, unexpected");
    ctx = ctx_of("REFER");
    sipguide_catalog_resolve(488, &ctx, &g);
    CHECK(g.ims_refs->count == 2, "488 to REFER: only the references of REFER, not those of SDP handling");
    ctx = ctx_of("FOO");
    sipguide_catalog_resolve(200, &ctx, &g);
    CHECK(g.rule == NULL && g.meaning != NULL, "an unknown method: no rule, the code's text");
    CHECK(sipguide_catalog_category_cancelled() != SIPGUIDE_NONE, "the data has a cancelled category");
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

/* The Diameter tables: every value is found, each entry is complete, and
 * the two number spaces (base Result-Code, 3GPP Experimental-Result-Code)
 * stay apart. */
static void
test_diameter(void)
{
    static const char *const tables[SIPGUIDE_DIAM_COUNT] = {
        "base", "cx", "rx", "sh", "abort-cause", "specific-action"
    };
    const sipguide_diam_entry_t *e;
    unsigned t, code;

    for (t = 0; t < SIPGUIDE_DIAM_COUNT; t++) {
        unsigned found = 0, last = 0;
        for (code = 0; code < 10000; code++) {
            e = sipguide_catalog_diameter((sipguide_diam_table_t)t, code);
            if (e == NULL)
                continue;
            found++;
            CHECK(e->code == code, "[%s %u] is the entry of its own value", tables[t], code);
            CHECK(found == 1 || e->code > last, "[%s %u] ascends", tables[t], code);
            last = e->code;
            CHECK(e->name != NULL && *e->name != '\0', "[%s %u] has a name", tables[t], code);
            CHECK(e->meaning != NULL && *e->meaning != '\0', "[%s %u] has a meaning", tables[t], code);
            CHECK(e->sip == NULL || *e->sip != '\0', "[%s %u]: sip is NULL or a text", tables[t], code);
            CHECK(e->ref != NULL && strstr(e->ref, "\xc2\xa7") != NULL, "[%s %u] has a clause",
                  tables[t], code);
            CHECK(t > SIPGUIDE_DIAM_SH || (code >= 1000 && code < 6000),
                  "[%s %u] is a result code", tables[t], code);
        }
        CHECK(found > 0, "table %s has values", tables[t]);
    }

    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_BASE, 5001);
    CHECK(e != NULL && strcmp(e->name, "DIAMETER_AVP_UNSUPPORTED") == 0, "base 5001");
    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_CX, 5001);
    CHECK(e != NULL && strcmp(e->name, "DIAMETER_ERROR_USER_UNKNOWN") == 0
          && strncmp(e->ref, "3GPP TS 29.229 ", 15) == 0 && e->sip != NULL && strstr(e->sip, "403") != NULL,
          "Cx 5001: user unknown, TS 29.229, a 403 to the REGISTER");
    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_BASE, 2001);
    CHECK(e != NULL && strcmp(e->name, "DIAMETER_SUCCESS") == 0 && strcmp(e->ref, "RFC 6733 \xc2\xa7" "7.1.2") == 0,
          "base 2001 and its clause");
    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_CX, 2001);
    CHECK(e != NULL && strcmp(e->name, "DIAMETER_FIRST_REGISTRATION") == 0, "Cx 2001");
    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_RX, 5063);
    CHECK(e != NULL && strcmp(e->name, "REQUESTED_SERVICE_NOT_AUTHORIZED") == 0, "Rx 5063");
    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_SH, 5100);
    CHECK(e != NULL && strcmp(e->name, "DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED") == 0, "Sh 5100");
    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_ABORT_CAUSE, 0);
    CHECK(e != NULL && strcmp(e->name, "BEARER_RELEASED") == 0, "Abort-Cause 0");
    e = sipguide_catalog_diameter(SIPGUIDE_DIAM_SPECIFIC_ACTION, 2);
    CHECK(e != NULL && strcmp(e->name, "INDICATION_OF_LOSS_OF_BEARER") == 0, "Specific-Action 2");

    CHECK(sipguide_catalog_diameter(SIPGUIDE_DIAM_SPECIFIC_ACTION, 0) == NULL, "Specific-Action 0 is void");
    CHECK(sipguide_catalog_diameter(SIPGUIDE_DIAM_SPECIFIC_ACTION, 5) == NULL, "Specific-Action 5 is void");
    CHECK(sipguide_catalog_diameter(SIPGUIDE_DIAM_CX, 5010) == NULL, "Cx 5010 is not defined");
    CHECK(sipguide_catalog_diameter(SIPGUIDE_DIAM_BASE, 0) == NULL, "no base value 0");
    CHECK(sipguide_catalog_diameter(SIPGUIDE_DIAM_BASE, 0xffffffffu) == NULL, "no base value 2^32-1");
    CHECK(sipguide_catalog_diameter(SIPGUIDE_DIAM_COUNT, 2001) == NULL, "no such table");
    CHECK(sipguide_catalog_diameter((sipguide_diam_table_t)-1, 2001) == NULL, "no table -1");
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
    test_method_truth();
    test_context();
    test_terms();
    test_diameter();
    return unit_check_result();
}
