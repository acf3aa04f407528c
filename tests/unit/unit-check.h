/* unit-check.h
 * The checks of the unit tests: each counts as passed or prints where it
 * failed; unit_check_result() prints the counts and is main's exit code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef UNIT_CHECK_H
#define UNIT_CHECK_H

#include <stdio.h>

static unsigned passed, failed;

#define CHECK(cond, ...) do { \
        if (cond) { \
            passed++; \
        } else { \
            failed++; \
            printf("FAIL %s:%d: ", __FILE__, __LINE__); \
            printf(__VA_ARGS__); \
            printf("\n"); \
        } \
    } while (0)

static inline int
unit_check_result(void)
{
    printf("%u passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif /* UNIT_CHECK_H */
