/* plugin.c
 * The symbols Wireshark looks for when it loads the plugin, and nothing else.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_BUILD_DLL
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/proto.h>

#include "compat.h"
#include "packet-sipguide.h"

#ifndef SIPGUIDE_VERSION
#define SIPGUIDE_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = SIPGUIDE_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

#ifdef SIPGUIDE_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif

void
plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_sipguide;
    plug.register_handoff = proto_reg_handoff_sipguide;
    proto_register_plugin(&plug);
}
