/* compat.h
 * Every difference between the Wireshark versions the plugin builds
 * against (4.0 to 4.6) lives here, behind WIRESHARK_VERSION_* tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_COMPAT_H
#define SIPGUIDE_COMPAT_H

#include <wireshark.h>
#include <ws_version.h>

#define SIPGUIDE_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* field_info.value is embedded in 4.0 and a pointer from 4.2 on. */
#if SIPGUIDE_WS_AT_LEAST(4, 2)
#define SIPGUIDE_FI_VALUE(fi) ((fi)->value)
#else
#define SIPGUIDE_FI_VALUE(fi) (&(fi)->value)
#endif

/* Boolean preferences and UAT record checks take gboolean (an int) up to
 * 4.2 and C99 bool from 4.4, when epan moved to C99 types.  4.2 is not
 * packaged by Debian, so that side of the boundary is untested. */
#if SIPGUIDE_WS_AT_LEAST(4, 4)
typedef bool sipguide_epan_bool_t;
#else
typedef gboolean sipguide_epan_bool_t;
#endif

/* 4.4 has wsutil/plugins.h and asks plugins to describe themselves. */
#if SIPGUIDE_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h>
#define SIPGUIDE_HAVE_PLUGIN_DESCRIBE 1
#endif

/* zlib decompression of a tvb: renamed by 4.4, where the old name is
 * deprecated. */
#if SIPGUIDE_WS_AT_LEAST(4, 4)
#define SIPGUIDE_TVB_UNCOMPRESS tvb_uncompress_zlib
#else
#define SIPGUIDE_TVB_UNCOMPRESS tvb_uncompress
#endif

/* Whether a tree is built to be shown (-V, the GUI's details pane) rather
 * than only to filter on: tree_data_t has kept its "visible" member, a
 * gboolean up to 4.2 and a bool since, from 4.0 to 4.6. */
#define SIPGUIDE_TREE_VISIBLE(tree) ((tree) != NULL && PTREE_DATA(tree)->visible)

/* One byte of a tvb: tvb_get_guint8 is deprecated from 4.4 on, where
 * tvb_get_uint8 (new in 4.2) replaces it. */
#if SIPGUIDE_WS_AT_LEAST(4, 2)
#define SIPGUIDE_TVB_U8(tvb, offset) tvb_get_uint8((tvb), (offset))
#else
#define SIPGUIDE_TVB_U8(tvb, offset) tvb_get_guint8((tvb), (offset))
#endif

#endif /* SIPGUIDE_COMPAT_H */
