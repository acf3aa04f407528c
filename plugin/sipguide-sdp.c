/* sipguide-sdp.c
 * The image streams (fax) of a session description, read in place from
 * the body's captured bytes; every scan stops at the end of them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <wireshark.h>

#include "sipguide-parse.h"
#include "sipguide-sdp.h"

/* The media line after "m=image " (s to e): its port and, with a port,
 * whether it is T.38: the transport UDPTL or TCPTL, or t38 among the
 * formats (T.38 over RTP, RFC 4612). */
static sipguide_sdp_image_t
image_line(const guint8 *s, const guint8 *e)
{
    gboolean port_zero = TRUE, digits = FALSE;

    for (; s < e && g_ascii_isdigit(*s); s++) {
        digits = TRUE;
        port_zero = port_zero && *s == '0';
    }
    if (!digits)
        return SIPGUIDE_SDP_IMAGE_OTHER;
    if (port_zero)
        return SIPGUIDE_SDP_IMAGE_DECLINED;
    /* The port's count ("/2"), then the transport and the formats, each
     * after blanks. */
    while (s < e && *s != ' ')
        s++;
    while (s < e && *s != '\r') {
        const guint8 *w;

        while (s < e && *s == ' ')
            s++;
        for (w = s; s < e && *s != ' ' && *s != '\r'; s++)
            ;
        if ((s - w == 5 && (sipguide_word_is(w, "udptl", 5) || sipguide_word_is(w, "tcptl", 5)))
            || (s - w == 3 && sipguide_word_is(w, "t38", 3)))
            return SIPGUIDE_SDP_IMAGE_T38;
    }
    return SIPGUIDE_SDP_IMAGE_OTHER;
}

sipguide_sdp_image_t
sipguide_sdp_image(const sipguide_msg_t *m)
{
    static const char image[] = "m=image ";
    const gsize n = sizeof(image) - 1;
    const guint8 *p, *line, *end;
    sipguide_sdp_image_t found = SIPGUIDE_SDP_IMAGE_NONE;
    gint len;

    if (!sipguide_msg_body_bytes(m, &p, &len))
        return SIPGUIDE_SDP_IMAGE_NONE;
    end = p + len;
    for (line = p; line != NULL && line < end; ) {
        const guint8 *eol = (const guint8 *)memchr(line, '\n', (gsize)(end - line));

        if ((gsize)(end - line) > n && memcmp(line, image, n) == 0) {
            sipguide_sdp_image_t kind = image_line(line + n, eol != NULL ? eol : end);
            if (kind == SIPGUIDE_SDP_IMAGE_T38)
                return kind;
            if (found != SIPGUIDE_SDP_IMAGE_OTHER)
                found = kind;
        }
        line = eol != NULL ? eol + 1 : NULL;
    }
    return found;
}
