# packaging/install.cmake
# The Wireshark profile "SIP Response Guide" in the build folder, and what
# "cmake --install" puts where: for everyone (component "system", which is
# also what the Debian package holds) or, with SIPGUIDE_INSTALL_PERSONAL, for
# the user who builds (component "user"; the "system" files then install
# only when asked for by component, as the package does).
#
# SPDX-License-Identifier: GPL-2.0-or-later

set(SIPGUIDE_PACKAGE_NAME wireshark-plugin-sipguide)
set(SIPGUIDE_PROFILE_NAME "SIP Response Guide")

# Wireshark's own folders, as the tshark of this machine reports them.
find_program(TSHARK tshark REQUIRED)
execute_process(COMMAND "${TSHARK}" -G folders
    OUTPUT_VARIABLE _sipguide_folders ERROR_QUIET RESULT_VARIABLE _sipguide_rc)
# sipguide_folder(VAR LABEL): the folder tshark -G folders lists as LABEL.
function(sipguide_folder var label)
    string(REGEX MATCH "${label}:[ \t]*([^\n]*)" _m "${_sipguide_folders}")
    set(${var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()
sipguide_folder(SIPGUIDE_WS_GLOBAL_CONF "Global configuration")
sipguide_folder(SIPGUIDE_WS_PERSONAL_CONF "Personal configuration")
if(NOT _sipguide_rc EQUAL 0 OR SIPGUIDE_WS_GLOBAL_CONF STREQUAL "")
    message(FATAL_ERROR "\"${TSHARK} -G folders\" names no global configuration folder")
endif()

# The global configuration folder relative to the prefix (share/wireshark on
# Debian): the package and "cmake --install" put the profile under it.
file(RELATIVE_PATH SIPGUIDE_WS_DATADIR "${Wireshark_INSTALL_PREFIX}" "${SIPGUIDE_WS_GLOBAL_CONF}")
if(SIPGUIDE_WS_DATADIR MATCHES "^\\.\\.")
    message(FATAL_ERROR "Wireshark's global configuration folder ${SIPGUIDE_WS_GLOBAL_CONF} "
                        "is not below its prefix ${Wireshark_INSTALL_PREFIX}")
endif()

# --------------------------------------------------------------------------
# The profile: data/profile/ and a colorfilters file made of the guide's
# rules followed by Wireshark's default ones (the first rule that matches
# colours a row).

set(SIPGUIDE_PROFILE_DIR "${CMAKE_BINARY_DIR}/profile/${SIPGUIDE_PROFILE_NAME}")
set(SIPGUIDE_PROFILE_FILES colorfilters preferences dfilter_buttons)
set(_sipguide_profile_outputs "")
foreach(f IN LISTS SIPGUIDE_PROFILE_FILES)
    list(APPEND _sipguide_profile_outputs "${SIPGUIDE_PROFILE_DIR}/${f}")
endforeach()
add_custom_command(
    OUTPUT ${_sipguide_profile_outputs}
    COMMAND ${CMAKE_COMMAND}
        "-DRULES=${CMAKE_SOURCE_DIR}/data/sipguide.colorfilters"
        "-DDEFAULTS=${SIPGUIDE_WS_GLOBAL_CONF}/colorfilters"
        "-DFILES=${CMAKE_SOURCE_DIR}/data/profile"
        "-DOUT=${SIPGUIDE_PROFILE_DIR}"
        -P "${CMAKE_SOURCE_DIR}/packaging/make-profile.cmake"
    DEPENDS "${CMAKE_SOURCE_DIR}/data/sipguide.colorfilters"
            "${CMAKE_SOURCE_DIR}/data/profile/preferences"
            "${CMAKE_SOURCE_DIR}/data/profile/dfilter_buttons"
            "${SIPGUIDE_WS_GLOBAL_CONF}/colorfilters"
            "${CMAKE_SOURCE_DIR}/packaging/make-profile.cmake"
    COMMENT "Making the profile \"${SIPGUIDE_PROFILE_NAME}\""
    VERBATIM)
add_custom_target(profile ALL DEPENDS ${_sipguide_profile_outputs})

# --------------------------------------------------------------------------
# Install

# For everyone: the plugin in Wireshark's global plugin folder of the version
# built against, the profile among Wireshark's global profiles (wireshark -C
# and tshark -C copy a global profile to the user's folder on first use),
# the coloring rules on their own, and the documents.
set(_sipguide_system COMPONENT system)
if(SIPGUIDE_INSTALL_PERSONAL)
    list(APPEND _sipguide_system EXCLUDE_FROM_ALL)
endif()
install(TARGETS sipguide LIBRARY DESTINATION "${Wireshark_PLUGIN_LIBDIR}/epan" NAMELINK_SKIP
    ${_sipguide_system})
install(DIRECTORY "${SIPGUIDE_PROFILE_DIR}" DESTINATION "${SIPGUIDE_WS_DATADIR}/profiles"
    ${_sipguide_system})
install(FILES data/sipguide.colorfilters DESTINATION "share/${SIPGUIDE_PACKAGE_NAME}"
    ${_sipguide_system})
install(FILES README.md CHANGELOG.md LICENSE DESTINATION "share/doc/${SIPGUIDE_PACKAGE_NAME}"
    ${_sipguide_system})

# For the user who builds: the personal plugin folder and profile folder.
if(SIPGUIDE_INSTALL_PERSONAL)
    if(SIPGUIDE_WS_PERSONAL_CONF STREQUAL "")
        message(FATAL_ERROR "\"${TSHARK} -G folders\" names no personal configuration folder")
    endif()
    install(TARGETS sipguide
        LIBRARY DESTINATION "$ENV{HOME}/.local/lib/wireshark/plugins/${SIPGUIDE_WS_SERIES}/epan"
        NAMELINK_SKIP COMPONENT user)
    install(DIRECTORY "${SIPGUIDE_PROFILE_DIR}" DESTINATION "${SIPGUIDE_WS_PERSONAL_CONF}/profiles"
        COMPONENT user)
endif()

add_custom_target(uninstall
    COMMAND ${CMAKE_COMMAND} -P "${CMAKE_SOURCE_DIR}/tools/uninstall.cmake"
    WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
    COMMENT "Removing the files listed in install_manifest.txt"
    VERBATIM)
