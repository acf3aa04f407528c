# packaging/make-profile.cmake
# Writes the profile "SIP Response Guide" into a folder:
#   cmake -DRULES=data/sipguide.colorfilters -DDEFAULTS=<Wireshark's colorfilters>
#         -DFILES=data/profile -DOUT=<folder> -P make-profile.cmake
# colorfilters is RULES followed by DEFAULTS (Wireshark applies the first rule
# that matches); preferences and dfilter_buttons are copied from FILES.
#
# SPDX-License-Identifier: GPL-2.0-or-later

foreach(var RULES DEFAULTS FILES OUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "make-profile.cmake needs -D${var}=...")
    endif()
endforeach()
foreach(file "${RULES}" "${DEFAULTS}" "${FILES}/preferences" "${FILES}/dfilter_buttons")
    if(NOT EXISTS "${file}")
        message(FATAL_ERROR "make-profile.cmake: ${file} does not exist")
    endif()
endforeach()

file(MAKE_DIRECTORY "${OUT}")
file(READ "${RULES}" rules)
file(READ "${DEFAULTS}" defaults)
if(NOT rules MATCHES "\n$")
    string(APPEND rules "\n")
endif()
file(WRITE "${OUT}/colorfilters.new" "${rules}${defaults}")
file(RENAME "${OUT}/colorfilters.new" "${OUT}/colorfilters")
file(COPY "${FILES}/preferences" "${FILES}/dfilter_buttons" DESTINATION "${OUT}"
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
# file(COPY) keeps the sources' times; the build compares outputs with them.
file(TOUCH "${OUT}/preferences" "${OUT}/dfilter_buttons")
