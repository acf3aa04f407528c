# packaging/make-tarball.cmake
# Makes the tarball for other distributions:
#   cmake -DCONFIG=<build>/packaging/tarball-config.cmake -DOUT_DIR=<folder> -P make-tarball.cmake
# CONFIG (written by packaging/package.cmake) names the plugin, the profile,
# the source folder, the version, the Wireshark series and the tarball's name.
# OUT_DIR/NAME.tar.gz holds the folder NAME with sipguide.so, install.sh,
# profile/, sipguide.colorfilters, README.md, CHANGELOG.md and LICENSE.
#
# SPDX-License-Identifier: GPL-2.0-or-later

if(NOT DEFINED CONFIG OR NOT DEFINED OUT_DIR)
    message(FATAL_ERROR "make-tarball.cmake needs -DCONFIG=... and -DOUT_DIR=...")
endif()
include("${CONFIG}")
foreach(file "${SO}" "${PROFILE}/colorfilters" "${PROFILE}/preferences" "${PROFILE}/dfilter_buttons")
    if(NOT EXISTS "${file}")
        message(FATAL_ERROR "make-tarball.cmake: ${file} does not exist (build first)")
    endif()
endforeach()

set(stage "${OUT_DIR}/tarball-stage")
file(REMOVE_RECURSE "${stage}")
set(top "${stage}/${NAME}")
file(MAKE_DIRECTORY "${top}/profile")
set(readable OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
file(COPY "${SO}" DESTINATION "${top}" FILE_PERMISSIONS ${readable})
file(COPY "${PROFILE}/colorfilters" "${PROFILE}/preferences" "${PROFILE}/dfilter_buttons"
    DESTINATION "${top}/profile" FILE_PERMISSIONS ${readable})
file(COPY "${SRC}/data/sipguide.colorfilters" "${SRC}/README.md" "${SRC}/CHANGELOG.md" "${SRC}/LICENSE"
    DESTINATION "${top}" FILE_PERMISSIONS ${readable})
configure_file("${SRC}/packaging/install.sh.in" "${stage}/install.sh" @ONLY)
file(COPY "${stage}/install.sh" DESTINATION "${top}"
    FILE_PERMISSIONS ${readable} OWNER_EXECUTE GROUP_EXECUTE WORLD_EXECUTE)
file(REMOVE "${stage}/install.sh")

execute_process(COMMAND "${CMAKE_COMMAND}" -E tar czf "${OUT_DIR}/${NAME}.tar.gz" "${NAME}"
    WORKING_DIRECTORY "${stage}" RESULT_VARIABLE rc)
file(REMOVE_RECURSE "${stage}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "make-tarball.cmake: tar failed")
endif()
message(STATUS "Wrote ${OUT_DIR}/${NAME}.tar.gz")
