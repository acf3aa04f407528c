/* sipguide-diameter-read.c
 * One Diameter message's header and correlation AVPs, from its bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "compat.h"
#include "sipguide-diameter-read.h"

#define HEADER_LEN 20
#define AVP_FLAG_VENDOR 0x80
#define VENDOR_3GPP 10415u
#define MAX_DEPTH 2             /* the groups read are one level deep */

/* AVP codes, base protocol (RFC 6733, RFC 4006) and 3GPP (TS 29.229,
 * TS 29.214). */
#define AVP_USER_NAME             1u
#define AVP_SESSION_ID            263u
#define AVP_RESULT_CODE           268u
#define AVP_EXPERIMENTAL_RESULT   297u
#define AVP_EXPERIMENTAL_CODE     298u
#define AVP_SUBSCRIPTION_ID       443u
#define AVP_SUBSCRIPTION_ID_DATA  444u
#define AVP_3GPP_ABORT_CAUSE      500u
#define AVP_3GPP_AF_CHARGING_ID   505u
#define AVP_3GPP_SPECIFIC_ACTION  513u
#define AVP_3GPP_PUBLIC_IDENTITY  601u

static void
take_text(tvbuff_t *tvb, gint offset, gint n, sipguide_diam_text_t *t)
{
    if (t->s != NULL || n <= 0)
        return;
    t->s = (const char *)tvb_get_ptr(tvb, offset, n);
    t->n = (gsize)n;
}

static gboolean
take_u32(tvbuff_t *tvb, gint offset, gint n, gboolean *has, guint32 *value)
{
    if (*has || n != 4)
        return FALSE;
    *has = TRUE;
    *value = tvb_get_ntohl(tvb, offset);
    return TRUE;
}

/* The AVPs in [offset, end), the captured part of it; the first value of
 * each kind wins, as in the order the message gives them. */
static void
read_avps(tvbuff_t *tvb, gint offset, gint end, int depth, sipguide_diam_values_t *out)
{
    gboolean has_experimental = FALSE, has_base = FALSE;
    guint32 experimental = 0, base = 0;

    while (end - offset >= 8) {
        guint32 code = tvb_get_ntohl(tvb, offset);
        guint8 flags = SIPGUIDE_TVB_U8(tvb, offset + 4);
        gint len = (gint)tvb_get_ntoh24(tvb, offset + 5);
        gint head = (flags & AVP_FLAG_VENDOR) ? 12 : 8;
        guint32 vendor = 0;
        gint data, n;

        if (len < head || len > end - offset)
            break;
        if (flags & AVP_FLAG_VENDOR)
            vendor = tvb_get_ntohl(tvb, offset + 8);
        data = offset + head;
        n = len - head;

        if (vendor == 0) {
            switch (code) {
            case AVP_SESSION_ID:
                if (depth == 0)
                    take_text(tvb, data, n, &out->session);
                break;
            case AVP_USER_NAME:
                take_text(tvb, data, n, &out->user_name);
                break;
            case AVP_RESULT_CODE:
                take_u32(tvb, data, n, &has_base, &base);
                break;
            case AVP_EXPERIMENTAL_CODE:
                take_u32(tvb, data, n, &has_experimental, &experimental);
                break;
            case AVP_SUBSCRIPTION_ID_DATA:
                take_text(tvb, data, n, &out->subscription);
                break;
            case AVP_EXPERIMENTAL_RESULT:
            case AVP_SUBSCRIPTION_ID:
                if (depth < MAX_DEPTH)
                    read_avps(tvb, data, data + n, depth + 1, out);
                break;
            default:
                break;
            }
        } else if (vendor == VENDOR_3GPP) {
            switch (code) {
            case AVP_3GPP_PUBLIC_IDENTITY:
                take_text(tvb, data, n, &out->public_identity);
                break;
            case AVP_3GPP_AF_CHARGING_ID:
                take_text(tvb, data, n, &out->charging_id);
                break;
            case AVP_3GPP_ABORT_CAUSE:
                take_u32(tvb, data, n, &out->has_abort_cause, &out->abort_cause);
                break;
            case AVP_3GPP_SPECIFIC_ACTION:
                take_u32(tvb, data, n, &out->has_action, &out->action);
                break;
            default:
                break;
            }
        }
        /* AVPs are padded to a multiple of four; the last may not be. */
        len = (len + 3) & ~3;
        if (len > end - offset)
            break;
        offset += len;
    }

    /* A 3GPP result is an Experimental-Result-Code; the two number spaces
     * differ (base 5001 is not Cx 5001), and it wins over a Result-Code. */
    if (has_experimental && !(out->has_result && out->experimental)) {
        out->has_result = TRUE;
        out->experimental = TRUE;
        out->result = experimental;
    } else if (has_base && !out->has_result) {
        out->has_result = TRUE;
        out->result = base;
    }
}

gboolean
sipguide_diameter_read(tvbuff_t *tvb, gint offset, gint length, sipguide_diam_values_t *out)
{
    gint captured, declared, end;

    memset(out, 0, sizeof(*out));
    if (tvb == NULL || offset < 0 || length < HEADER_LEN)
        return FALSE;
    captured = tvb_captured_length_remaining(tvb, offset);
    if (captured < HEADER_LEN || SIPGUIDE_TVB_U8(tvb, offset) != 1)
        return FALSE;
    declared = (gint)tvb_get_ntoh24(tvb, offset + 1);
    if (declared < HEADER_LEN)
        return FALSE;
    out->request = (SIPGUIDE_TVB_U8(tvb, offset + 4) & 0x80) != 0;
    out->command = tvb_get_ntoh24(tvb, offset + 5);
    out->application = tvb_get_ntohl(tvb, offset + 8);
    end = offset + MIN(MIN(declared, length), captured);
    read_avps(tvb, offset + HEADER_LEN, end, 0, out);
    return TRUE;
}
