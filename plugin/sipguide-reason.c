/* sipguide-reason.c
 * Reads one Reason value and describes a cause with the tables of data/.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "sipguide-catalog.h"
#include "sipguide-evidence.h"
#include "sipguide-parse.h"
#include "sipguide-reason.h"

/* Protocol names as RFC 3326 and TS 24.229 §7.2A.18 register them. */
static const struct {
    const char              *name;
    sipguide_reason_proto_t  proto;
} protocols[] = {
    { "SIP", SIPGUIDE_REASON_SIP },
    { "Q.850", SIPGUIDE_REASON_Q850 },
    { "RELEASE_CAUSE", SIPGUIDE_REASON_RELEASE_CAUSE },
    { "FAILURE_CAUSE", SIPGUIDE_REASON_FAILURE_CAUSE },
};

gboolean
sipguide_reason_parse(const char *value, packet_info *pinfo, sipguide_reason_t *r)
{
    const char *semi = strchr(value, ';');
    const char *cause_s, *end = NULL;
    guint i;

    memset(r, 0, sizeof(*r));
    r->protocol = g_strstrip(wmem_strndup(pinfo->pool, value,
                                          semi != NULL ? (gsize)(semi - value) : strlen(value)));
    cause_s = semi != NULL ? sipguide_param_value(pinfo, semi + 1, "cause") : NULL;
    r->text = semi != NULL ? sipguide_param_value(pinfo, semi + 1, "text") : NULL;
    if (*r->protocol == '\0' || cause_s == NULL || !sipguide_leading_number(cause_s, &r->cause, &end)
        || *sipguide_skip_ws(end) != '\0')
        return FALSE;
    r->proto = SIPGUIDE_REASON_OTHER;
    for (i = 0; i < G_N_ELEMENTS(protocols); i++) {
        if (g_ascii_strcasecmp(r->protocol, protocols[i].name) == 0)
            r->proto = protocols[i].proto;
    }
    return TRUE;
}

guint32
sipguide_reason_pack(sipguide_reason_proto_t proto, guint32 cause)
{
    if (proto == SIPGUIDE_REASON_OTHER || cause > 0xffff)
        return 0;
    return ((guint32)proto << 16) | cause;
}

gboolean
sipguide_reason_unpack(guint32 packed, sipguide_reason_proto_t *proto, guint32 *cause)
{
    if (packed == 0)
        return FALSE;
    *proto = (sipguide_reason_proto_t)((packed >> 16) & 0xff);
    *cause = packed & 0xffff;
    return TRUE;
}

const char *
sipguide_reason_describe(packet_info *pinfo, sipguide_reason_proto_t proto, guint32 cause)
{
    const char *name = NULL, *protocol = "";
    const sipguide_cause_t *c;
    const sipguide_code_t *e;
    guint i;

    for (i = 0; i < G_N_ELEMENTS(protocols); i++) {
        if (protocols[i].proto == proto)
            protocol = protocols[i].name;
    }
    switch (proto) {
    case SIPGUIDE_REASON_SIP:
        e = sipguide_catalog_code(cause);
        name = e != NULL && e->registered ? e->phrase : NULL;
        break;
    case SIPGUIDE_REASON_Q850:
        c = sipguide_catalog_cause(SIPGUIDE_CAUSES_Q850, cause);
        name = c != NULL ? c->name : NULL;
        break;
    case SIPGUIDE_REASON_RELEASE_CAUSE:
        c = sipguide_catalog_cause(SIPGUIDE_CAUSES_RELEASE, cause);
        name = c != NULL ? c->name : NULL;
        break;
    case SIPGUIDE_REASON_FAILURE_CAUSE:
        c = sipguide_catalog_cause(SIPGUIDE_CAUSES_FAILURE, cause);
        name = c != NULL ? c->name : NULL;
        break;
    default:
        break;
    }
    {
        const char *p[] = { "protocol", protocol,
                            "cause", wmem_strdup_printf(pinfo->pool, "%u", cause),
                            "name", name };
        return sipguide_evidence_fill(pinfo, name != NULL ? SIPGUIDE_TEXT_REASON_NAMED
                                                          : SIPGUIDE_TEXT_REASON_UNNAMED, p, 3);
    }
}
