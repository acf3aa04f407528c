/* sipguide-intern.c
 * One copy of each string in file scope, found by its text in a map and
 * by its id in an array.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/wmem_scopes.h>

#include "sipguide-intern.h"

static wmem_map_t *ids;             /* string -> id, reset with the file scope */
static GPtrArray *strings;          /* id -> string; [0] is NULL */

void
sipguide_intern_register(void)
{
    ids = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    strings = g_ptr_array_new();
    g_ptr_array_add(strings, NULL);
}

void
sipguide_intern_shutdown(void)
{
    /* The strings are of the file scope; the map is Wireshark's to free. */
    if (strings != NULL)
        g_ptr_array_free(strings, TRUE);
    strings = NULL;
}

void
sipguide_intern_file_start(void)
{
    g_ptr_array_set_size(strings, 1);
}

guint16
sipguide_intern(const char *s)
{
    gpointer id;
    char *copy;

    if (s == NULL)
        return 0;
    id = wmem_map_lookup(ids, s);
    if (id != NULL)
        return (guint16)GPOINTER_TO_UINT(id);
    if (strings->len > G_MAXUINT16)
        return 0;
    copy = wmem_strdup(wmem_file_scope(), s);
    wmem_map_insert(ids, copy, GUINT_TO_POINTER(strings->len));
    g_ptr_array_add(strings, copy);
    return (guint16)(strings->len - 1);
}

const char *
sipguide_interned(guint16 id)
{
    return id < strings->len ? (const char *)g_ptr_array_index(strings, id) : NULL;
}
