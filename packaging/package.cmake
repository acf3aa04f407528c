# packaging/package.cmake
# The packages.
# - The tarball for other distributions (cmake --build build --target
#   tarball): sipguide-<version>-wireshark-<X.Y>-<processor>.tar.gz, made by
#   packaging/make-tarball.cmake, with the module, the profile and an install
#   script (packaging/install.sh.in).
# - The Debian package (cmake --build build --target package, by CPack):
#   wireshark-plugin-sipguide_<version>_<arch>.deb holds what the install
#   component "system" installs (packaging/install.cmake) under /usr, and
#   depends on the libwireshark package of the Wireshark it was built against,
#   as dpkg names it on this machine.
#
# SPDX-License-Identifier: GPL-2.0-or-later

if(SIPGUIDE_SANITIZE)
    message(STATUS "Sanitized build: no Debian package target (package)")
    return()
endif()
# --------------------------------------------------------------------------
# The tarball

set(SIPGUIDE_TARBALL_NAME
    "sipguide-${PROJECT_VERSION}-wireshark-${SIPGUIDE_WS_SERIES}-${CMAKE_SYSTEM_PROCESSOR}")
set(SIPGUIDE_TARBALL_CONFIG "${CMAKE_BINARY_DIR}/packaging/tarball-config.cmake")
file(GENERATE OUTPUT "${SIPGUIDE_TARBALL_CONFIG}" CONTENT "# Written by packaging/package.cmake
set(SO \"$<TARGET_FILE:sipguide>\")
set(PROFILE \"${SIPGUIDE_PROFILE_DIR}\")
set(SRC \"${CMAKE_SOURCE_DIR}\")
set(VERSION \"${PROJECT_VERSION}\")
set(SERIES \"${SIPGUIDE_WS_SERIES}\")
set(NAME \"${SIPGUIDE_TARBALL_NAME}\")
")
add_custom_target(tarball
    COMMAND ${CMAKE_COMMAND} "-DCONFIG=${SIPGUIDE_TARBALL_CONFIG}" "-DOUT_DIR=${CMAKE_BINARY_DIR}"
            -P "${CMAKE_SOURCE_DIR}/packaging/make-tarball.cmake"
    DEPENDS sipguide profile
    COMMENT "Making ${SIPGUIDE_TARBALL_NAME}.tar.gz"
    VERBATIM)
set(SIPGUIDE_HAVE_TARBALL ON)

# --------------------------------------------------------------------------
# The Debian package

find_program(DPKG dpkg)
find_program(DPKG_QUERY dpkg-query)
if(NOT DPKG OR NOT DPKG_QUERY)
    message(STATUS "No dpkg: no Debian package target (package)")
    return()
endif()

# The library of Wireshark's epan target, and the package that owns it.
get_target_property(_sipguide_configs epan IMPORTED_CONFIGURATIONS)
set(_sipguide_libwireshark "")
foreach(config IN LISTS _sipguide_configs ITEMS "")
    if(config STREQUAL "")
        get_target_property(_sipguide_location epan IMPORTED_LOCATION)
    else()
        get_target_property(_sipguide_location epan IMPORTED_LOCATION_${config})
    endif()
    if(_sipguide_location)
        set(_sipguide_libwireshark "${_sipguide_location}")
        break()
    endif()
endforeach()
if(NOT _sipguide_libwireshark)
    message(FATAL_ERROR "Cannot tell which library Wireshark's epan target is")
endif()
get_filename_component(_sipguide_libwireshark_real "${_sipguide_libwireshark}" REALPATH)
set(SIPGUIDE_LIBWIRESHARK_PACKAGE "")
foreach(path IN ITEMS "${_sipguide_libwireshark_real}" "${_sipguide_libwireshark}")
    execute_process(COMMAND "${DPKG}" -S "${path}"
        OUTPUT_VARIABLE _sipguide_owner ERROR_QUIET RESULT_VARIABLE _sipguide_rc)
    # "libwireshark16:amd64: /usr/lib/x86_64-linux-gnu/libwireshark.so.16.0.17"
    if(_sipguide_rc EQUAL 0 AND _sipguide_owner MATCHES "^([^:, ]+)(:[^:, ]+)?: ")
        set(SIPGUIDE_LIBWIRESHARK_PACKAGE "${CMAKE_MATCH_1}")
        set(_sipguide_owner_arch "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
        break()
    endif()
endforeach()
if(SIPGUIDE_LIBWIRESHARK_PACKAGE STREQUAL "")
    message(STATUS "${_sipguide_libwireshark} belongs to no Debian package: no package target")
    return()
endif()
execute_process(COMMAND "${DPKG_QUERY}" -W -f=\${Version} "${_sipguide_owner_arch}"
    OUTPUT_VARIABLE SIPGUIDE_LIBWIRESHARK_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
# The upstream part of a Debian version: no epoch, no revision.
string(REGEX REPLACE "^[0-9]+:" "" _sipguide_upstream "${SIPGUIDE_LIBWIRESHARK_VERSION}")
string(REGEX REPLACE "-[^-]*$" "" _sipguide_upstream "${_sipguide_upstream}")
if(NOT _sipguide_upstream STREQUAL Wireshark_VERSION)
    message(WARNING "Building against Wireshark ${Wireshark_VERSION}, but ${SIPGUIDE_LIBWIRESHARK_PACKAGE} "
                    "is version ${SIPGUIDE_LIBWIRESHARK_VERSION}")
endif()
# Wireshark loads a plugin only into the major.minor series it was built
# for, and the plugin lives in that series' folder: from this version up to
# the next series.
math(EXPR _sipguide_next_minor "${Wireshark_MINOR_VERSION} + 1")
set(SIPGUIDE_PACKAGE_DEPENDS
    "${SIPGUIDE_LIBWIRESHARK_PACKAGE} (>= ${Wireshark_VERSION}), ${SIPGUIDE_LIBWIRESHARK_PACKAGE} (<< ${Wireshark_MAJOR_VERSION}.${_sipguide_next_minor}~)")
message(STATUS "Debian package: Depends: ${SIPGUIDE_PACKAGE_DEPENDS}")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME "${SIPGUIDE_PACKAGE_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "SIP Response Guide")
set(CPACK_PACKAGE_CONTACT "SIP Response Guide maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin that explains SIP responses")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
# Only the files for everyone, whatever this build installs by default.
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};${PROJECT_NAME};system;/")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${SIPGUIDE_PACKAGE_DEPENDS}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "tshark | wireshark")
set(CPACK_DEBIAN_PACKAGE_ENHANCES "tshark, wireshark")
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY in front of this.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "SIP Response Guide adds under every SIP response a subtree that explains its
Status-Code for the request it answers: meaning, class, IMS context, next
step, troubleshooting hints, evidence read from the response (Reason,
Retry-After, Warning ...) and links to the request, CANCEL or retry.
.
Built for Wireshark ${Wireshark_VERSION} (plugin folder ${SIPGUIDE_WS_SERIES}). The package also
installs the Wireshark profile ${SIPGUIDE_PROFILE_NAME} (coloring rules, columns and
filter buttons), for wireshark -C and tshark -C.")
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git" "/build[^/]*/")
include(CPack)
set(SIPGUIDE_HAVE_DEB_PACKAGE ON)
