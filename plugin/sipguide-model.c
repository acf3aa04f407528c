/* sipguide-model.c
 * The model's entry: the clock of the file (arrival times, the latest one
 * seen, and the sweeps that drop records whose time is over), record
 * keys, and the walk over the messages of a frame.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <epan/packet.h>

#include "sipguide-bytes.h"
#include "sipguide-diameter.h"
#include "sipguide-dialog.h"
#include "sipguide-intern.h"
#include "sipguide-legs.h"
#include "sipguide-model.h"
#include "sipguide-transaction.h"

/* How often, in seconds of capture time, records are swept: those of
 * transactions and legs, which live about 64*T1, often; those of dialogs
 * and Diameter sessions, which live minutes to hours, seldom, since a sweep
 * reads every record of a table. */
#define SWEEP_EVERY_S      8
#define SWEEP_LONG_EVERY_S 64

static guint t1_ms = 500;
static guint32 last_frame;
static nstime_t time_base;
static gboolean time_base_set;
static guint32 clock_s;             /* latest arrival seen, s after the base */
static gint64 latest_us;            /* latest arrival seen, us after the base */
static guint32 next_sweep_s;
static guint32 next_long_sweep_s;
static gboolean closed;             /* the file's first pass is over: no records */

void
sipguide_model_register(void)
{
    sipguide_intern_register();
    sipguide_transaction_register();
    sipguide_legs_register();
    sipguide_dialog_register();
    sipguide_diameter_register();
}

void
sipguide_model_shutdown(void)
{
    sipguide_transaction_shutdown();
    sipguide_legs_shutdown();
    sipguide_dialog_shutdown();
    sipguide_diameter_shutdown();
    sipguide_intern_shutdown();
}

static void
clear_records(void)
{
    sipguide_transaction_clear();
    sipguide_legs_clear();
    sipguide_dialog_clear();
    sipguide_diameter_clear();
}

void
sipguide_model_file_start(void)
{
    clear_records();
    sipguide_intern_file_start();
    last_frame = 0;
    time_base_set = FALSE;
    clock_s = 0;
    latest_us = 0;
    next_sweep_s = SWEEP_EVERY_S;
    next_long_sweep_s = SWEEP_LONG_EVERY_S;
    closed = FALSE;
}

void
sipguide_model_close(void)
{
    clear_records();
    closed = TRUE;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void
sipguide_model_set_t1(guint ms)
{
    t1_ms = CLAMP(ms, 50u, 60000u);
}

guint32
sipguide_model_t1_ms(void)
{
    return t1_ms;
}

guint32
sipguide_model_transaction_life(void)
{
    /* 64*T1 (Timers B, F, H and J) and a margin for the last resend. */
    return (64u * t1_ms + 999u) / 1000u + 4u;
}

gboolean
sipguide_model_seen_after(guint32 frame)
{
    return last_frame > frame;
}

gboolean
sipguide_model_incomplete(void)
{
    return sipguide_transaction_refused() || sipguide_legs_refused() || sipguide_dialog_refused()
           || sipguide_diameter_refused();
}

#define MIX_K G_GUINT64_CONSTANT(0xff51afd7ed558ccd)

/* Mix text t (absent as empty) into h eight bytes at a time; its last,
 * partial word carries the count of its bytes, so that where one text
 * ends and the next begins changes the key. */
static guint64
mix_raw(guint64 h, sipguide_raw_t t)
{
    const char *s = t.p;
    gsize n = s != NULL ? t.n : 0;
    guint64 w;

    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * MIX_K;
        h ^= h >> 29;
    }
    w = sipguide_bytes_tail((const guint8 *)s, n, t.n >= 8) ^ ((guint64)n << 56);
    h = (h ^ w) * MIX_K;
    return h ^ (h >> 32);
}

const char *
sipguide_model_number(char *buf, guint64 n)
{
    char digits[20];
    guint len = 0, i;

    do {
        digits[len++] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    for (i = 0; i < len; i++)
        buf[i] = digits[len - 1 - i];
    buf[len] = '\0';
    return buf;
}

#define KEY_SEED G_GUINT64_CONSTANT(0xcbf29ce484222325)

/* The message being modelled: its Call-ID, which starts most keys, and
 * the mix of it, taken once.  Set only while the message's values are
 * alive, so no other text can be at the same address meanwhile. */
static const char *focus_text;
static guint32 focus_len;
static guint64 focus_mix;

static void
key_focus(sipguide_raw_t t)
{
    focus_text = t.p;
    focus_len = t.n;
    focus_mix = t.p != NULL ? mix_raw(KEY_SEED, t) : 0;
}

/* Keys are not kept: two keys that hash alike (about one chance in 10^19
 * per pair) would be taken for one.  The first text is mixed first, then
 * the kind, so that the Call-ID's mix serves every kind. */
guint64
sipguide_model_key(char kind, sipguide_raw_t a, sipguide_raw_t b, sipguide_raw_t c)
{
    guint64 h = a.p != NULL && a.p == focus_text && a.n == focus_len ? focus_mix
                                                                     : mix_raw(KEY_SEED, a);

    h = (h ^ (guint8)kind) * MIX_K;
    h = mix_raw(h, b);
    h = mix_raw(h, c);
    return h != 0 ? h : 1;
}

guint64
sipguide_model_key_text(guint64 key, sipguide_raw_t t)
{
    guint64 h = mix_raw(key, t);

    return h != 0 ? h : 1;
}

guint64
sipguide_model_key_number(guint64 key, guint64 n)
{
    guint64 h = (key ^ n) * MIX_K;

    h ^= h >> 29;
    h = (h ^ G_GUINT64_CONSTANT(0x9e3779b97f4a7c15)) * MIX_K;
    h ^= h >> 32;
    return h != 0 ? h : 1;
}

gint64
sipguide_model_arrival_us(const packet_info *pinfo)
{
    if (!time_base_set)
        return 0;
    return ((gint64)pinfo->abs_ts.secs - (gint64)time_base.secs) * 1000000
           + (pinfo->abs_ts.nsecs - time_base.nsecs) / 1000;
}

gint64
sipguide_model_latest_us(void)
{
    return latest_us;
}

/* Microseconds from the file's first message to this one; the clock only
 * moves forward, so that a capture whose time jumps back drops nothing. */
static gint64
arrival_us(const packet_info *pinfo)
{
    gint64 us;

    if (!time_base_set) {
        time_base = pinfo->abs_ts;
        time_base_set = TRUE;
    }
    us = sipguide_model_arrival_us(pinfo);
    if (us > latest_us)
        latest_us = us;
    if (us > 0 && us / 1000000 > (gint64)clock_s)
        clock_s = (guint32)MIN(us / 1000000, (gint64)G_MAXUINT32 - 2 * 3600 * 24);
    return us;
}

static void
sweep_when_due(void)
{
    if (clock_s >= next_sweep_s) {
        sipguide_transaction_sweep(clock_s);
        sipguide_legs_sweep(clock_s);
        next_sweep_s = clock_s + SWEEP_EVERY_S;
    }
    if (clock_s >= next_long_sweep_s) {
        sipguide_dialog_sweep(clock_s);
        sipguide_diameter_sweep(clock_s);
        next_long_sweep_s = clock_s + SWEEP_LONG_EVERY_S;
    }
}

void
sipguide_model_quote(packet_info *pinfo, const sipguide_msg_t *m, const sipguide_quote_t *q)
{
    sipguide_values_t v;

    if (closed || !sipguide_values_read(m, pinfo, &v))
        return;
    key_focus(v.call_id);
    sipguide_transaction_quoted(&v, &q->hop, pinfo->num, q->kind, q->mtu);
    key_focus(SIPGUIDE_NO_RAW);
}

void
sipguide_model_frame(packet_info *pinfo, const sipguide_msgs_t *msgs,
                     sipguide_facts_t *facts, gboolean keep)
{
    sipguide_step_t s;
    sipguide_values_t v;
    sipguide_txn_view_t view;
    guint i;

    if (closed)
        return;
    if (pinfo->num > last_frame)
        last_frame = pinfo->num;
    memset(&s, 0, sizeof(s));
    s.pinfo = pinfo;
    s.frame = pinfo->num;
    s.us = arrival_us(pinfo);
    s.now_s = clock_s;
    s.has_ip_id = msgs->has_ip_id;
    s.ip_id = msgs->ip_id;
    s.scope = keep ? wmem_file_scope() : pinfo->pool;
    s.keep = keep;
    sipguide_hop_of_frame(pinfo, &s.hop);
    if (msgs->ndiameter > 0)
        sipguide_diameter_frame(&s, msgs);

    for (i = 0; i < msgs->count; i++) {
        s.facts = &facts[i];
        if (!sipguide_values_read(&msgs->msgs[i], pinfo, &v))
            continue;       /* not enough to match anything */
        s.v = &v;
        key_focus(v.call_id);
        s.facts->flags |= SIPGUIDE_FACT_MODELLED;
        if (!v.response) {
            if (sipguide_transaction_request(&s)) {
                sipguide_dialog_request(&s);
                if (strcmp(v.method, "ACK") != 0)
                    sipguide_legs_request(&s);
            }
        } else {
            sipguide_transaction_response(&s, &view);
            if (!view.copy)
                sipguide_legs_response(&s, view.request_frame);
            sipguide_dialog_response(&s, &view);
            sipguide_diameter_response(&s, &view);
            /* What the response says of itself, beside what its request
             * told the transaction. */
            s.facts->context |= v.response_context;
        }
        if (sipguide_model_incomplete())
            s.facts->flags |= SIPGUIDE_FACT_INCOMPLETE;
        key_focus(SIPGUIDE_NO_RAW);
    }
    /* After the frame: a message whose clock jumped far ahead still finds
     * the records it belongs to, and says the gap is implausible. */
    sweep_when_due();
}
