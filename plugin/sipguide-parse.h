/* sipguide-parse.h
 * Small bounded parsers for the header texts the SIP dissector leaves
 * as text: white space, leading numbers, and parameters.  Each stops at
 * the end of the string it is given.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_PARSE_H
#define SIPGUIDE_PARSE_H

#include <epan/packet.h>

/* p after spaces, tabs and line ends. */
const char *sipguide_skip_ws(const char *p);

/* Leading decimal digits after white space (at most 9, so no overflow);
 * FALSE when there are none or more.  *end (when given) points after them. */
gboolean sipguide_leading_number(const char *p, guint32 *value, const char **end);

/* The value of parameter 'name' in "token;a=1;name=value;..." (or in a
 * comma list of auth params); quotes are removed (pinfo->pool).  NULL when
 * absent. */
const char *sipguide_param_value(packet_info *pinfo, const char *s, const char *name);

/* A copy of s[0, len) in 'scope', ending early at a NUL byte as
 * wmem_strndup() does, but copied in one piece rather than byte by byte. */
char *sipguide_strndup(wmem_allocator_t *scope, const char *s, gsize len);

/* Byte c in lower case if it is an ASCII capital: g_ascii_tolower()
 * without a call. */
static inline guint8
sipguide_ascii_lower(guint8 c)
{
    return c >= 'A' && c <= 'Z' ? (guint8)(c + ('a' - 'A')) : c;
}

/* Whether the n bytes at p are word w (lower case) in any case. */
static inline gboolean
sipguide_word_is(const guint8 *p, const char *w, gsize n)
{
    gsize i;

    for (i = 0; i < n; i++) {
        if (sipguide_ascii_lower(p[i]) != (guint8)w[i])
            return FALSE;
    }
    return TRUE;
}

#endif /* SIPGUIDE_PARSE_H */
