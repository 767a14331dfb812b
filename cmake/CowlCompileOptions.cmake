# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings and hardening for every Cowl target: call cowl_target_defaults(tgt).
set(COWL_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")

function(cowl_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror=format-security
    -fstack-protector-strong -fstack-clash-protection)
  target_compile_definitions(${target} PRIVATE
    $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>
    JSON_USE_IMPLICIT_CONVERSIONS=0)
  if(COWL_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${COWL_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${COWL_SANITIZE})
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE -Wl,-z,relro,-z,now -pie)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  else()
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  endif()
endfunction()
