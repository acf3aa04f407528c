/* sipguide-userhints.c
 * The site hints table: validation of each row (a bad row is refused with a
 * message that says why, the others keep working) and an index by code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/uat.h>

#include "compat.h"
#include "sipguide-catalog.h"
#include "sipguide-userhints.h"

typedef struct {
    guint32 code;
    char   *method;
    char   *match;
    char   *hint;
} user_hint_t;

static user_hint_t *hints;
static guint hint_count;

/* code -> GPtrArray of user_hint_t*, rebuilt after every change.  Wireshark
 * stops loading the table at the first bad row and then skips the
 * post-update callback, so the index also notices a changed table itself
 * and leaves out rows that fail the checks. */
static GHashTable *by_code;
static const user_hint_t *indexed_hints;
static guint indexed_count;

UAT_DEC_CB_DEF(sipguide_hints, code, user_hint_t)
UAT_CSTRING_CB_DEF(sipguide_hints, method, user_hint_t)
UAT_CSTRING_CB_DEF(sipguide_hints, match, user_hint_t)
UAT_CSTRING_CB_DEF(sipguide_hints, hint, user_hint_t)

static void *
hint_copy(void *dest, const void *source, size_t len _U_)
{
    user_hint_t *d = (user_hint_t *)dest;
    const user_hint_t *s = (const user_hint_t *)source;

    d->code = s->code;
    d->method = g_strdup(s->method);
    d->match = g_strdup(s->match);
    d->hint = g_strdup(s->hint);
    return d;
}

static void
hint_free(void *record)
{
    user_hint_t *h = (user_hint_t *)record;

    g_free(h->method);
    g_free(h->match);
    g_free(h->hint);
}

static sipguide_epan_bool_t
hint_check(void *record, char **error)
{
    user_hint_t *h = (user_hint_t *)record;
    const char *p;

    if (h->code < SIPGUIDE_CODE_MIN || h->code > SIPGUIDE_CODE_MAX) {
        *error = g_strdup_printf("Code %u is not a SIP response code: use 100 to 699", h->code);
        return FALSE;
    }
    for (p = h->method; p != NULL && *p != '\0'; p++) {
        if (!g_ascii_isupper(*p) && *p != '-' && *p != '_') {
            *error = g_strdup_printf("Method \"%s\" is not an upper-case SIP method name "
                                     "(leave it empty for any method)", h->method);
            return FALSE;
        }
    }
    if (h->hint == NULL || *g_strstrip(h->hint) == '\0') {
        *error = g_strdup_printf("The hint for code %u is empty", h->code);
        return FALSE;
    }
    return TRUE;
}

static void
hints_index(void)
{
    guint i;

    if (by_code == NULL)
        by_code = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                        (GDestroyNotify)g_ptr_array_unref);
    g_hash_table_remove_all(by_code);
    indexed_hints = hints;
    indexed_count = hint_count;
    for (i = 0; i < hint_count; i++) {
        GPtrArray *list;
        char *error = NULL;

        if (!hint_check(&hints[i], &error)) {
            g_free(error);
            continue;
        }
        list = (GPtrArray *)g_hash_table_lookup(by_code, GUINT_TO_POINTER(hints[i].code));
        if (list == NULL) {
            list = g_ptr_array_new();
            g_hash_table_insert(by_code, GUINT_TO_POINTER(hints[i].code), list);
        }
        g_ptr_array_add(list, &hints[i]);
    }
}

static void
hints_reset(void)
{
    if (by_code != NULL)
        g_hash_table_remove_all(by_code);
    indexed_hints = NULL;
    indexed_count = 0;
}

void
sipguide_userhints_shutdown(void)
{
    hints_reset();
    if (by_code != NULL)
        g_hash_table_destroy(by_code);
    by_code = NULL;
}

void
sipguide_userhints_register(module_t *module)
{
    static uat_field_t fields[] = {
        UAT_FLD_DEC(sipguide_hints, code, "Code",
                    "The SIP response code (100 to 699; vendor codes such as 477 too)"),
        UAT_FLD_CSTRING(sipguide_hints, method, "Method",
                        "Only for responses to this request method (from CSeq); empty for any"),
        UAT_FLD_CSTRING(sipguide_hints, match, "Match",
                        "Only when the reason phrase or a Warning contains this text "
                        "(case-insensitive); empty for any"),
        UAT_FLD_CSTRING(sipguide_hints, hint, "Hint", "The site's hint, shown with the guide"),
        UAT_END_FIELDS
    };
    uat_t *uat;

    uat = uat_new("SIP Response Guide site hints", sizeof(user_hint_t), "sipguide_site_hints",
                  TRUE, &hints, &hint_count, UAT_AFFECTS_DISSECTION, NULL,
                  hint_copy, hint_check, hint_free, hints_index, hints_reset, fields);
    prefs_register_uat_preference(module, "site_hints", "Site hints",
        "Hints of your own for response codes, shown beside the built-in guidance", uat);
}

/* Case-insensitive substring search, without allocating. */
static gboolean
contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for (; *hay != '\0'; hay++) {
        if (g_ascii_strncasecmp(hay, needle, n) == 0)
            return TRUE;
    }
    return n == 0;
}

gboolean
sipguide_userhints_for_code(guint32 code)
{
    if (hint_count == 0)
        return FALSE;
    if (by_code == NULL || indexed_hints != hints || indexed_count != hint_count)
        hints_index();
    return g_hash_table_lookup(by_code, GUINT_TO_POINTER(code)) != NULL;
}

void
sipguide_userhints_foreach(guint32 code, const char *method,
                           const char *const *texts, guint text_count,
                           void (*fn)(const char *hint, void *data), void *data)
{
    GPtrArray *list;
    guint i, t;

    if (hint_count == 0)
        return;
    if (by_code == NULL || indexed_hints != hints || indexed_count != hint_count)
        hints_index();
    list = (GPtrArray *)g_hash_table_lookup(by_code, GUINT_TO_POINTER(code));
    for (i = 0; list != NULL && i < list->len; i++) {
        const user_hint_t *h = (const user_hint_t *)g_ptr_array_index(list, i);
        gboolean matched;

        if (h->method != NULL && *h->method != '\0'
            && (method == NULL || strcmp(h->method, method) != 0))
            continue;
        matched = h->match == NULL || *h->match == '\0';
        for (t = 0; !matched && t < text_count; t++) {
            if (texts[t] != NULL && contains_nocase(texts[t], h->match))
                matched = TRUE;
        }
        if (matched)
            fn(h->hint, data);
    }
}
