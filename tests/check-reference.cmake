# check-reference.cmake
# Fails when data/REFERENCE.md is not what data/ makes today.
# Called by ctest with -DGEN=catalog-gen -DSRC=source dir -DOUT=scratch file.
#
# SPDX-License-Identifier: GPL-2.0-or-later

execute_process(
    COMMAND "${GEN}" --data data --markdown "${OUT}"
    WORKING_DIRECTORY "${SRC}"
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "catalog-gen failed on data/")
endif()
execute_process(
    COMMAND diff -u "${SRC}/data/REFERENCE.md" "${OUT}"
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "data/REFERENCE.md is out of date: run 'cmake --build build --target reference' and commit it")
endif()
