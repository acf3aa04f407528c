/* ims_peer_dict.c
 * The dictionary of the ims_peer extension: the Cx (TS 29.229) and Rx
 * (TS 29.214) applications, commands and AVPs that Kamailio's IMS modules
 * send and the base dictionary lacks. Defined here without command rules,
 * so that freeDiameter accepts whatever optional AVPs the CSCFs add; an
 * entry that a loaded dictionary already has is kept as it is.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ims_peer.h"

struct ims_dict ims_dict;

#define VENDOR_ETSI 13019
#define G AVP_TYPE_GROUPED
#define OS AVP_TYPE_OCTETSTRING
#define I32 AVP_TYPE_INTEGER32
#define U32 AVP_TYPE_UNSIGNED32

struct avp_def {
    avp_code_t code;
    vendor_id_t vendor;
    const char *name;
    enum dict_avp_basetype type;
    struct dict_object **out;
};

/* Enumerated AVPs are plain Integer32 here: the peer reads and writes the
 * numbers, Wireshark names the values. */
static const struct avp_def avps[] = {
    /* IETF AVPs that Cx and Rx carry (RFC 4740, RFC 7155, RFC 4006) */
    {8, 0, "Framed-IP-Address", OS, NULL},
    {97, 0, "Framed-IPv6-Prefix", OS, NULL},
    {104, 0, "Digest-Realm", OS, &ims_dict.digest_realm},
    {110, 0, "Digest-QoP", OS, &ims_dict.digest_qop},
    {111, 0, "Digest-Algorithm", OS, &ims_dict.digest_algorithm},
    {121, 0, "Digest-HA1", OS, &ims_dict.digest_ha1},
    {443, 0, "Subscription-Id", G, &ims_dict.subscription_id},
    {444, 0, "Subscription-Id-Data", OS, &ims_dict.subscription_id_data},
    {450, 0, "Subscription-Id-Type", I32, NULL},
    /* Cx, TS 29.229 clause 6.3 */
    {600, IMS_VENDOR_3GPP, "Visited-Network-Identifier", OS, NULL},
    {601, IMS_VENDOR_3GPP, "Public-Identity", OS, &ims_dict.public_identity},
    {602, IMS_VENDOR_3GPP, "Server-Name", OS, &ims_dict.server_name},
    {603, IMS_VENDOR_3GPP, "Server-Capabilities", G, NULL},
    {604, IMS_VENDOR_3GPP, "Mandatory-Capability", U32, NULL},
    {605, IMS_VENDOR_3GPP, "Optional-Capability", U32, NULL},
    {606, IMS_VENDOR_3GPP, "User-Data", OS, &ims_dict.user_data},
    {607, IMS_VENDOR_3GPP, "SIP-Number-Auth-Items", U32, &ims_dict.sip_number_auth_items},
    {608, IMS_VENDOR_3GPP, "SIP-Authentication-Scheme", OS, &ims_dict.sip_authentication_scheme},
    {609, IMS_VENDOR_3GPP, "SIP-Authenticate", OS, NULL},
    {610, IMS_VENDOR_3GPP, "SIP-Authorization", OS, NULL},
    {611, IMS_VENDOR_3GPP, "SIP-Authentication-Context", OS, NULL},
    {612, IMS_VENDOR_3GPP, "SIP-Auth-Data-Item", G, &ims_dict.sip_auth_data_item},
    {613, IMS_VENDOR_3GPP, "SIP-Item-Number", U32, &ims_dict.sip_item_number},
    {614, IMS_VENDOR_3GPP, "Server-Assignment-Type", I32, NULL},
    {615, IMS_VENDOR_3GPP, "Deregistration-Reason", G, NULL},
    {616, IMS_VENDOR_3GPP, "Reason-Code", I32, NULL},
    {617, IMS_VENDOR_3GPP, "Reason-Info", OS, NULL},
    {618, IMS_VENDOR_3GPP, "Charging-Information", G, NULL},
    {623, IMS_VENDOR_3GPP, "User-Authorization-Type", I32, NULL},
    {624, IMS_VENDOR_3GPP, "User-Data-Already-Available", I32, NULL},
    {625, IMS_VENDOR_3GPP, "Confidentiality-Key", OS, NULL},
    {626, IMS_VENDOR_3GPP, "Integrity-Key", OS, NULL},
    {628, IMS_VENDOR_3GPP, "Supported-Features", G, NULL},
    {629, IMS_VENDOR_3GPP, "Feature-List-ID", U32, NULL},
    {630, IMS_VENDOR_3GPP, "Feature-List", U32, NULL},
    {632, IMS_VENDOR_3GPP, "Associated-Identities", G, NULL},
    {633, IMS_VENDOR_3GPP, "Originating-Request", I32, NULL},
    {634, IMS_VENDOR_3GPP, "Wildcarded-Public-Identity", OS, NULL},
    {635, IMS_VENDOR_3GPP, "SIP-Digest-Authenticate", G, &ims_dict.sip_digest_authenticate},
    {637, IMS_VENDOR_3GPP, "UAR-Flags", U32, NULL},
    {638, IMS_VENDOR_3GPP, "Loose-Route-Indication", I32, NULL},
    {648, IMS_VENDOR_3GPP, "Multiple-Registration-Indication", I32, NULL},
    {650, IMS_VENDOR_3GPP, "Session-Priority", I32, NULL},
    /* Rx, TS 29.214 clause 5.3 */
    {500, IMS_VENDOR_3GPP, "Abort-Cause", I32, &ims_dict.abort_cause},
    {504, IMS_VENDOR_3GPP, "AF-Application-Identifier", OS, NULL},
    {505, IMS_VENDOR_3GPP, "AF-Charging-Identifier", OS, &ims_dict.af_charging_identifier},
    {507, IMS_VENDOR_3GPP, "Flow-Description", OS, NULL},
    {509, IMS_VENDOR_3GPP, "Flow-Number", U32, NULL},
    {510, IMS_VENDOR_3GPP, "Flows", G, NULL},
    {511, IMS_VENDOR_3GPP, "Flow-Status", I32, NULL},
    {512, IMS_VENDOR_3GPP, "Flow-Usage", I32, NULL},
    {513, IMS_VENDOR_3GPP, "Specific-Action", I32, &ims_dict.specific_action},
    {515, IMS_VENDOR_3GPP, "Max-Requested-Bandwidth-DL", U32, NULL},
    {516, IMS_VENDOR_3GPP, "Max-Requested-Bandwidth-UL", U32, NULL},
    {517, IMS_VENDOR_3GPP, "Media-Component-Description", G, NULL},
    {518, IMS_VENDOR_3GPP, "Media-Component-Number", U32, NULL},
    {519, IMS_VENDOR_3GPP, "Media-Sub-Component", G, NULL},
    {520, IMS_VENDOR_3GPP, "Media-Type", I32, NULL},
    {521, IMS_VENDOR_3GPP, "RR-Bandwidth", U32, NULL},
    {522, IMS_VENDOR_3GPP, "RS-Bandwidth", U32, NULL},
    {523, IMS_VENDOR_3GPP, "SIP-Forking-Indication", I32, NULL},
    {524, IMS_VENDOR_3GPP, "Codec-Data", OS, NULL},
    {527, IMS_VENDOR_3GPP, "Service-Info-Status", I32, NULL},
    {533, IMS_VENDOR_3GPP, "Rx-Request-Type", I32, NULL},
    {1027, IMS_VENDOR_3GPP, "IP-CAN-Type", I32, NULL},
    {1032, IMS_VENDOR_3GPP, "RAT-Type", I32, NULL},
    {458, VENDOR_ETSI, "Reservation-Priority", I32, NULL},
};

/* Finds or makes a vendor. */
static int vendor(vendor_id_t id, const char *name, struct dict_object **out)
{
    struct dict_vendor_data data = {id, (char *)name};
    if (fd_dict_search(fd_g_config->cnf_dict, DICT_VENDOR, VENDOR_BY_ID, &id, out, ENOENT) == 0)
        return 0;
    return fd_dict_new(fd_g_config->cnf_dict, DICT_VENDOR, &data, NULL, out);
}

static int application(application_id_t id, const char *name, struct dict_object *vend,
                       struct dict_object **out)
{
    struct dict_application_data data = {id, (char *)name};
    if (fd_dict_search(fd_g_config->cnf_dict, DICT_APPLICATION, APPLICATION_BY_ID, &id, out,
                       ENOENT) == 0)
        return 0;
    return fd_dict_new(fd_g_config->cnf_dict, DICT_APPLICATION, &data, vend, out);
}

/* Finds or makes the request and the answer of a command; sets *req. */
static int command(command_code_t code, const char *req_name, const char *ans_name,
                   struct dict_object **req)
{
    struct dict_object *ans;
    struct dict_cmd_data r = {code, (char *)req_name, CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE,
                              CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE};
    struct dict_cmd_data a = {code, (char *)ans_name, CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE,
                              CMD_FLAG_PROXIABLE};
    if (fd_dict_search(fd_g_config->cnf_dict, DICT_COMMAND, CMD_BY_CODE_R, &code, req,
                       ENOENT) != 0) {
        CHECK_FCT(fd_dict_new(fd_g_config->cnf_dict, DICT_COMMAND, &r, NULL, req));
    }
    if (fd_dict_search(fd_g_config->cnf_dict, DICT_COMMAND, CMD_BY_CODE_A, &code, &ans,
                       ENOENT) != 0) {
        CHECK_FCT(fd_dict_new(fd_g_config->cnf_dict, DICT_COMMAND, &a, NULL, &ans));
    }
    return 0;
}

static int avp(avp_code_t code, vendor_id_t vend, const char *name,
               enum dict_avp_basetype type, struct dict_object **out)
{
    struct dict_object *found;
    struct dict_avp_request req = {vend, code, NULL};
    /* Only the Vendor bit is fixed: the M bit of a received AVP is what
     * the sender chose, and the peer sets it on what it sends. */
    struct dict_avp_data data = {code, vend, (char *)name, AVP_FLAG_VENDOR,
                                 vend ? AVP_FLAG_VENDOR : 0, type};
    if (fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, &found,
                       ENOENT) != 0) {
        CHECK_FCT(fd_dict_new(fd_g_config->cnf_dict, DICT_AVP, &data, NULL, &found));
    }
    if (out)
        *out = found;
    return 0;
}

/* A base protocol AVP, by code. */
static int base_avp(avp_code_t code, struct dict_object **out)
{
    struct dict_avp_request req = {0, code, NULL};
    return fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, out,
                          ENOENT);
}

/* Kamailio's cdp (5.6) puts Destination-Realm twice in the STR that ends an
 * Rx session after an ASR. The base dictionary's rule allows one, and
 * freeDiameter would answer DIAMETER_AVP_OCCURS_TOO_MANY_TIMES before the
 * PCRF sees the request; this PCRF takes the STR as it comes. */
static int relax_str(void)
{
    struct dict_object *rule;
    struct dict_rule_request req = {ims_dict.cmd_str, ims_dict.destination_realm};
    if (fd_dict_search(fd_g_config->cnf_dict, DICT_RULE, RULE_BY_AVP_AND_PARENT, &req, &rule,
                       ENOENT) == 0)
        CHECK_FCT(fd_dict_delete(rule));
    return 0;
}

int ims_dict_init(void)
{
    struct dict_object *etsi;
    size_t i;

    CHECK_FCT(vendor(IMS_VENDOR_3GPP, "3GPP", &ims_dict.vendor_3gpp));
    CHECK_FCT(vendor(VENDOR_ETSI, "ETSI", &etsi));
    CHECK_FCT(application(IMS_APP_CX, "3GPP Cx", ims_dict.vendor_3gpp, &ims_dict.app_cx));
    CHECK_FCT(application(IMS_APP_RX, "3GPP Rx", ims_dict.vendor_3gpp, &ims_dict.app_rx));

    /* TS 29.229 clause 6.1 */
    CHECK_FCT(command(300, "User-Authorization-Request", "User-Authorization-Answer",
                      &ims_dict.cmd_uar));
    CHECK_FCT(command(301, "Server-Assignment-Request", "Server-Assignment-Answer",
                      &ims_dict.cmd_sar));
    CHECK_FCT(command(302, "Location-Info-Request", "Location-Info-Answer", &ims_dict.cmd_lir));
    CHECK_FCT(command(303, "Multimedia-Auth-Request", "Multimedia-Auth-Answer",
                      &ims_dict.cmd_mar));
    /* TS 29.214 clause 5.6; STR, ASR and RAR are in the base dictionary */
    CHECK_FCT(command(265, "AA-Request", "AA-Answer", &ims_dict.cmd_aar));
    CHECK_FCT(command(275, "Session-Termination-Request", "Session-Termination-Answer",
                      &ims_dict.cmd_str));
    CHECK_FCT(command(274, "Abort-Session-Request", "Abort-Session-Answer", &ims_dict.cmd_asr));
    CHECK_FCT(command(258, "Re-Auth-Request", "Re-Auth-Answer", &ims_dict.cmd_rar));

    for (i = 0; i < sizeof avps / sizeof avps[0]; i++)
        CHECK_FCT(avp(avps[i].code, avps[i].vendor, avps[i].name, avps[i].type, avps[i].out));

    CHECK_FCT(base_avp(263, &ims_dict.session_id));
    CHECK_FCT(base_avp(264, &ims_dict.origin_host));
    CHECK_FCT(base_avp(296, &ims_dict.origin_realm));
    CHECK_FCT(base_avp(293, &ims_dict.destination_host));
    CHECK_FCT(base_avp(283, &ims_dict.destination_realm));
    CHECK_FCT(base_avp(258, &ims_dict.auth_application_id));
    CHECK_FCT(base_avp(277, &ims_dict.auth_session_state));
    CHECK_FCT(base_avp(260, &ims_dict.vendor_specific_application_id));
    CHECK_FCT(base_avp(266, &ims_dict.vendor_id));
    CHECK_FCT(base_avp(297, &ims_dict.experimental_result));
    CHECK_FCT(base_avp(298, &ims_dict.experimental_result_code));
    CHECK_FCT(base_avp(1, &ims_dict.user_name));
    CHECK_FCT(base_avp(285, &ims_dict.re_auth_request_type));
    return relax_str();
}
