/* ims_peer.c
 * The ims_peer freeDiameter extension: answers Cx requests as an HSS
 * (UAR, MAR, SAR, LIR) and Rx requests as a PCRF (AAR, STR) with the result
 * that the configuration file asks for (ims_peer_conf.c), and can release a
 * session it authorised with an ASR or a RAR.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ims_peer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Result and Experimental-Result codes (RFC 6733, TS 29.229) */
#define DIAMETER_SUCCESS 2001
#define DIAMETER_FIRST_REGISTRATION 2001
/* Specific-Action (TS 29.214 clause 5.3.13), Abort-Cause (clause 5.3.1) */
#define INDICATION_OF_LOSS_OF_BEARER 2
#define BEARER_RELEASED 0

static struct dict_object *result_code;

/* Adds an AVP of MODEL to PARENT (a message or a grouped AVP), with the M
 * bit set; the value is copied. Returns the new AVP or NULL. */
static struct avp *add(msg_or_avp *parent, struct dict_object *model, const void *data,
                       size_t len, int is_u32, uint32_t u32)
{
    struct avp *avp = NULL;
    struct avp_hdr *hdr;
    union avp_value value;

    if (fd_msg_avp_new(model, 0, &avp) != 0)
        return NULL;
    fd_msg_avp_hdr(avp, &hdr);
    hdr->avp_flags |= AVP_FLAG_MANDATORY;
    memset(&value, 0, sizeof value);
    if (is_u32) {
        value.u32 = u32;
        fd_msg_avp_setvalue(avp, &value);
    } else if (data) {
        value.os.data = (uint8_t *)data;
        value.os.len = len;
        fd_msg_avp_setvalue(avp, &value);
    }
    if (fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, avp) != 0) {
        fd_msg_free(avp);
        return NULL;
    }
    return avp;
}

static struct avp *add_str(msg_or_avp *parent, struct dict_object *model, const char *s)
{
    return add(parent, model, s, strlen(s), 0, 0);
}

static struct avp *add_u32(msg_or_avp *parent, struct dict_object *model, uint32_t v)
{
    return add(parent, model, NULL, 0, 1, v);
}

/* The value of the first AVP of MODEL directly under PARENT, as a string
 * (empty when absent). */
static void value_of(msg_or_avp *parent, struct dict_object *model, char *out, size_t size)
{
    struct avp *avp = NULL;
    struct avp_hdr *hdr;
    struct dict_object *m;

    out[0] = '\0';
    fd_msg_browse(parent, MSG_BRW_FIRST_CHILD, &avp, NULL);
    for (; avp; fd_msg_browse(avp, MSG_BRW_NEXT, &avp, NULL)) {
        if (fd_msg_model(avp, &m) != 0 || m != model)
            continue;
        if (fd_msg_avp_hdr(avp, &hdr) != 0 || !hdr->avp_value)
            return;
        snprintf(out, size, "%.*s", (int)hdr->avp_value->os.len, hdr->avp_value->os.data);
        return;
    }
}

/* The first AVP of MODEL directly under PARENT, or NULL. */
static struct avp *child(msg_or_avp *parent, struct dict_object *model)
{
    struct avp *avp = NULL;
    struct dict_object *m;
    fd_msg_browse(parent, MSG_BRW_FIRST_CHILD, &avp, NULL);
    for (; avp; fd_msg_browse(avp, MSG_BRW_NEXT, &avp, NULL))
        if (fd_msg_model(avp, &m) == 0 && m == model)
            return avp;
    return NULL;
}

/* Sets the result of an answer: the rule's, or SUCCESS_CODE (a Result-Code,
 * or with SUCCESS_EXPERIMENTAL an Experimental-Result). Adds the origin. */
static int set_result(struct msg *ans, const struct ims_rule *rule, int success_experimental,
                      uint32_t success_code)
{
    int experimental = rule ? rule->experimental : success_experimental;
    uint32_t code = rule ? rule->code : success_code;
    if (experimental) {
        struct avp *group = add(ans, ims_dict.experimental_result, NULL, 0, 0, 0);
        if (!group)
            return ENOMEM;
        add_u32(group, ims_dict.vendor_id, IMS_VENDOR_3GPP);
        add_u32(group, ims_dict.experimental_result_code, code);
    } else {
        add_u32(ans, result_code, code);
    }
    return fd_msg_add_origin(ans, 0);
}

/* Vendor-Specific-Application-Id and Auth-Session-State of a Cx answer. */
static void add_cx_application(struct msg *ans)
{
    struct avp *group = add(ans, ims_dict.vendor_specific_application_id, NULL, 0, 0, 0);
    if (group) {
        add_u32(group, ims_dict.vendor_id, IMS_VENDOR_3GPP);
        add_u32(group, ims_dict.auth_application_id, IMS_APP_CX);
    }
    add_u32(ans, ims_dict.auth_session_state, 1); /* NO_STATE_MAINTAINED */
}

static int send_answer(struct msg **req, struct msg *ans)
{
    *req = NULL;
    return fd_msg_send(&ans, NULL, NULL);
}

static const char *command_name(struct msg *m)
{
    struct msg_hdr *hdr;
    fd_msg_hdr(m, &hdr);
    switch (hdr->msg_code) {
    case 300: return "UAR";
    case 301: return "SAR";
    case 302: return "LIR";
    case 303: return "MAR";
    case 265: return "AAR";
    case 275: return "STR";
    default: return "?";
    }
}

/* UAR, MAR, SAR and LIR (TS 29.229 clauses 6.1.1 to 6.1.8). */
static int cx_request(struct msg **msg, struct avp *avp, struct session *sess, void *opaque,
                      enum disp_action *act)
{
    struct msg *ans = *msg;
    const char *cmd = command_name(*msg);
    char impu[256], impi[256];
    const struct ims_rule *rule;

    (void)avp; (void)sess; (void)opaque;
    *act = DISP_ACT_CONT;
    value_of(*msg, ims_dict.public_identity, impu, sizeof impu);
    value_of(*msg, ims_dict.user_name, impi, sizeof impi);
    rule = ims_conf_rule(cmd, impu);
    fd_log_notice("ims_peer: %s for %s (%s): %s %u", cmd, impu, impi,
                  rule ? (rule->experimental ? "Experimental-Result" : "Result-Code")
                       : "success",
                  rule ? rule->code : DIAMETER_SUCCESS);

    CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, &ans, 0));
    add_cx_application(ans);

    if (strcmp(cmd, "UAR") == 0) {
        /* success: DIAMETER_FIRST_REGISTRATION in an Experimental-Result */
        CHECK_FCT(set_result(ans, rule, 1, DIAMETER_FIRST_REGISTRATION));
        if (!rule)
            add_str(ans, ims_dict.server_name, ims_conf.server_name);
    } else if (strcmp(cmd, "LIR") == 0) {
        CHECK_FCT(set_result(ans, rule, 0, DIAMETER_SUCCESS));
        if (!rule)
            add_str(ans, ims_dict.server_name, ims_conf.server_name);
    } else if (strcmp(cmd, "MAR") == 0) {
        const char *ha1 = ims_conf_ha1(impi);
        CHECK_FCT(set_result(ans, rule, 0, DIAMETER_SUCCESS));
        add_str(ans, ims_dict.user_name, impi);
        add_str(ans, ims_dict.public_identity, impu);
        if (!rule && ha1) {
            /* one SIP Digest item: the S-CSCF makes the nonce and checks
             * the response against this HA1 (TS 29.229 clause 6.3.13) */
            struct avp *item, *digest;
            add_u32(ans, ims_dict.sip_number_auth_items, 1);
            item = add(ans, ims_dict.sip_auth_data_item, NULL, 0, 0, 0);
            add_u32(item, ims_dict.sip_item_number, 1);
            add_str(item, ims_dict.sip_authentication_scheme, "SIP Digest");
            digest = add(item, ims_dict.sip_digest_authenticate, NULL, 0, 0, 0);
            add_str(digest, ims_dict.digest_realm, ims_conf.realm);
            add_str(digest, ims_dict.digest_qop, "auth");
            add_str(digest, ims_dict.digest_algorithm, "MD5");
            add_str(digest, ims_dict.digest_ha1, ha1);
        }
    } else { /* SAR */
        CHECK_FCT(set_result(ans, rule, 0, DIAMETER_SUCCESS));
        add_str(ans, ims_dict.user_name, impi);
        if (!rule) {
            char xml[1024];
            snprintf(xml, sizeof xml,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                     "<IMSSubscription><PrivateID>%s</PrivateID><ServiceProfile>"
                     "<PublicIdentity><Identity>%s</Identity></PublicIdentity>"
                     "</ServiceProfile></IMSSubscription>",
                     impi, impu);
            add_str(ans, ims_dict.user_data, xml);
        }
    }
    return send_answer(msg, ans);
}

/* A session to release later: what an ASR or RAR needs. */
struct release {
    char session_id[256], host[128], realm[128];
    int delay;
    int abort;      /* 1: ASR, 0: RAR */
};

static void *release_later(void *arg)
{
    struct release *r = arg;
    struct msg *req = NULL;
    struct avp *avp;
    struct msg_hdr *hdr;
    union avp_value v;

    sleep((unsigned)r->delay);
    if (fd_msg_new(r->abort ? ims_dict.cmd_asr : ims_dict.cmd_rar, MSGFL_ALLOC_ETEID, &req) != 0)
        goto done;
    /* ASR and RAR are base protocol commands: the header names Rx */
    if (fd_msg_hdr(req, &hdr) == 0)
        hdr->msg_appl = IMS_APP_RX;
    /* the AAR's Session-Id, so that the P-CSCF finds the session */
    if (fd_msg_avp_new(ims_dict.session_id, 0, &avp) == 0) {
        memset(&v, 0, sizeof v);
        v.os.data = (uint8_t *)r->session_id;
        v.os.len = strlen(r->session_id);
        fd_msg_avp_setvalue(avp, &v);
        fd_msg_avp_add(req, MSG_BRW_FIRST_CHILD, avp);
    }
    fd_msg_add_origin(req, 0);
    add_str(req, ims_dict.destination_realm, r->realm);
    add_str(req, ims_dict.destination_host, r->host);
    add_u32(req, ims_dict.auth_application_id, IMS_APP_RX);
    if (r->abort) {
        add_u32(req, ims_dict.abort_cause, BEARER_RELEASED);
    } else {
        add_u32(req, ims_dict.re_auth_request_type, 0); /* AUTHORIZE_ONLY */
        add_u32(req, ims_dict.specific_action, INDICATION_OF_LOSS_OF_BEARER);
    }
    fd_log_notice("ims_peer: %s for session %s", r->abort ? "ASR" : "RAR", r->session_id);
    fd_msg_send(&req, NULL, NULL);
done:
    free(r);
    return NULL;
}

static void schedule_release(struct msg *aar, int delay, int abort)
{
    pthread_t thread;
    struct release *r = calloc(1, sizeof *r);
    if (!r)
        return;
    value_of(aar, ims_dict.session_id, r->session_id, sizeof r->session_id);
    value_of(aar, ims_dict.origin_host, r->host, sizeof r->host);
    value_of(aar, ims_dict.origin_realm, r->realm, sizeof r->realm);
    r->delay = delay;
    r->abort = abort;
    if (pthread_create(&thread, NULL, release_later, r) != 0) {
        free(r);
        return;
    }
    pthread_detach(thread);
}

/* AAR and STR (TS 29.214 clauses 5.6.1 to 5.6.4). */
static int rx_request(struct msg **msg, struct avp *avp, struct session *sess, void *opaque,
                      enum disp_action *act)
{
    struct msg *ans = *msg;
    const char *cmd = command_name(*msg);
    char subscriber[256] = "", icid[256];
    const struct ims_rule *rule = NULL;
    struct avp *sub;

    (void)avp; (void)sess; (void)opaque;
    *act = DISP_ACT_CONT;
    sub = child(*msg, ims_dict.subscription_id);
    if (sub)
        value_of(sub, ims_dict.subscription_id_data, subscriber, sizeof subscriber);
    value_of(*msg, ims_dict.af_charging_identifier, icid, sizeof icid);
    if (strcmp(cmd, "AAR") == 0)
        rule = ims_conf_rule(cmd, subscriber);
    fd_log_notice("ims_peer: %s for %s (icid %s): %s %u", cmd, subscriber, icid,
                  rule ? (rule->experimental ? "Experimental-Result" : "Result-Code")
                       : "success",
                  rule ? rule->code : DIAMETER_SUCCESS);

    CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, &ans, 0));
    add_u32(ans, ims_dict.auth_application_id, IMS_APP_RX);
    CHECK_FCT(set_result(ans, rule, 0, DIAMETER_SUCCESS));
    if (strcmp(cmd, "AAR") == 0 && !rule) {
        if (ims_conf.abort_after > 0)
            schedule_release(*msg, ims_conf.abort_after, 1);
        else if (ims_conf.reauth_after > 0)
            schedule_release(*msg, ims_conf.reauth_after, 0);
    }
    return send_answer(msg, ans);
}

static int register_handler(struct dict_object *app, struct dict_object *cmd,
                            int (*cb)(struct msg **, struct avp *, struct session *, void *,
                                      enum disp_action *))
{
    struct disp_when when;
    memset(&when, 0, sizeof when);
    when.app = app;
    when.command = cmd;
    return fd_disp_register(cb, DISP_HOW_CC, &when, NULL, NULL);
}

/* Lists Rx a second time in the CEA, as a plain Auth-Application-Id: cdp
 * sends the STR that follows an ASR only to a peer that has Rx without a
 * vendor, and the AAR only to one that has it with 3GPP. freeDiameter keeps
 * one entry per application id (fd_app_merge), so the second one is added
 * to its list here, right after the first. */
static int advertise_plain_rx(void)
{
    struct fd_list *li;
    struct fd_app *plain;

    for (li = fd_g_config->cnf_apps.next; li != &fd_g_config->cnf_apps; li = li->next) {
        if (((struct fd_app *)li)->appid != IMS_APP_RX)
            continue;
        CHECK_MALLOC(plain = calloc(1, sizeof *plain));
        fd_list_init(&plain->chain, NULL);
        plain->flags.auth = 1;
        plain->appid = IMS_APP_RX;
        fd_list_insert_after(li, &plain->chain);
        return 0;
    }
    return ENOENT;
}

static int ims_peer_entry(char *conffile)
{
    struct dict_avp_request req = {0, 268, NULL};

    CHECK_FCT(ims_conf_read(conffile));
    CHECK_FCT(ims_dict_init());
    CHECK_FCT(fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req,
                             &result_code, ENOENT));

    CHECK_FCT(register_handler(ims_dict.app_cx, ims_dict.cmd_uar, cx_request));
    CHECK_FCT(register_handler(ims_dict.app_cx, ims_dict.cmd_mar, cx_request));
    CHECK_FCT(register_handler(ims_dict.app_cx, ims_dict.cmd_sar, cx_request));
    CHECK_FCT(register_handler(ims_dict.app_cx, ims_dict.cmd_lir, cx_request));
    CHECK_FCT(register_handler(ims_dict.app_rx, ims_dict.cmd_aar, rx_request));
    CHECK_FCT(register_handler(ims_dict.app_rx, ims_dict.cmd_str, rx_request));

    /* advertised in the CEA: Cx and Rx, 3GPP, authentication applications */
    CHECK_FCT(fd_disp_app_support(ims_dict.app_cx, ims_dict.vendor_3gpp, 1, 0));
    CHECK_FCT(fd_disp_app_support(ims_dict.app_rx, ims_dict.vendor_3gpp, 1, 0));
    CHECK_FCT(advertise_plain_rx());
    return 0;
}

EXTENSION_ENTRY("ims_peer", ims_peer_entry);
