# uninstall.cmake
# Removes every file that "cmake --install" recorded in install_manifest.txt.
# Run from the build folder: cmake --build build --target uninstall
#
# SPDX-License-Identifier: GPL-2.0-or-later

set(manifest "${CMAKE_CURRENT_BINARY_DIR}/install_manifest.txt")
if(NOT EXISTS "${manifest}")
    message(FATAL_ERROR "Nothing to uninstall: ${manifest} does not exist (run cmake --install first)")
endif()

file(STRINGS "${manifest}" installed)
foreach(file IN LISTS installed)
    if(EXISTS "${file}" OR IS_SYMLINK "${file}")
        message(STATUS "Removing ${file}")
        file(REMOVE "${file}")
        if(EXISTS "${file}")
            message(FATAL_ERROR "Could not remove ${file}")
        endif()
    else()
        message(STATUS "Already gone: ${file}")
    endif()
endforeach()
file(REMOVE "${manifest}")
