/* sipguide-sdp.h
 * What a message's session description says of fax: whether it offers
 * T.38 (an image stream over UDPTL, ITU-T T.38 Annex D) or declines an
 * image stream (port 0, RFC 3264 §6).  Reads the body's bytes in place.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_SDP_H
#define SIPGUIDE_SDP_H

#include "sipguide-extract.h"

typedef enum {
    SIPGUIDE_SDP_IMAGE_NONE,        /* no m=image line (or no body that can be read) */
    SIPGUIDE_SDP_IMAGE_T38,         /* an m=image line with a port and T.38 */
    SIPGUIDE_SDP_IMAGE_DECLINED,    /* m=image lines, each with port 0 */
    SIPGUIDE_SDP_IMAGE_OTHER        /* an m=image line with a port, not T.38 */
} sipguide_sdp_image_t;

/* The image streams of the message's body: an SDP body or a part of a
 * multipart one, as far as it was captured. */
sipguide_sdp_image_t sipguide_sdp_image(const sipguide_msg_t *m);

#endif /* SIPGUIDE_SDP_H */
