/* sipguide-parse.c
 * Bounded parsers for header text: every loop stops at the terminating
 * NUL of the string it reads.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-parse.h"

const char *
sipguide_skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

gboolean
sipguide_leading_number(const char *p, guint32 *value, const char **end)
{
    guint32 v = 0;
    int digits = 0;

    p = sipguide_skip_ws(p);
    while (g_ascii_isdigit(*p) && digits < 9) {
        v = v * 10 + (guint32)(*p - '0');
        p++;
        digits++;
    }
    if (digits == 0 || g_ascii_isdigit(*p))
        return FALSE;
    *value = v;
    if (end != NULL)
        *end = p;
    return TRUE;
}

const char *
sipguide_param_value(packet_info *pinfo, const char *s, const char *name)
{
    size_t nlen = strlen(name);
    const char *p = s;

    while (p != NULL && *p != '\0') {
        p = sipguide_skip_ws(p);
        if (g_ascii_strncasecmp(p, name, nlen) == 0) {
            const char *q = sipguide_skip_ws(p + nlen);
            if (*q == '=') {
                const char *v = sipguide_skip_ws(q + 1), *e;
                if (*v == '"') {
                    e = strchr(v + 1, '"');
                    return wmem_strndup(pinfo->pool, v + 1, e != NULL ? (gsize)(e - v - 1) : strlen(v + 1));
                }
                e = v;
                while (*e != '\0' && *e != ';' && *e != ',' && *e != ' ' && *e != '\t')
                    e++;
                return wmem_strndup(pinfo->pool, v, e - v);
            }
        }
        /* Next parameter: after a ';' or ',' outside quotes. */
        {
            gboolean quoted = FALSE;
            while (*p != '\0' && (quoted || (*p != ';' && *p != ','))) {
                if (*p == '"')
                    quoted = !quoted;
                p++;
            }
            if (*p != '\0')
                p++;
        }
    }
    return NULL;
}

char *
sipguide_strndup(wmem_allocator_t *scope, const char *s, gsize len)
{
    char *copy = (char *)wmem_alloc(scope, len + 1);
    const char *nul = (const char *)memchr(s, '\0', len);

    if (nul != NULL)
        len = (gsize)(nul - s);
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}
