# The AVX2 fast paths' objects (qs_formats_avx2) must define no symbol the rest of the program
# could link to by accident: every global or weak symbol they define is in the AVX2 instruction
# set's inline namespace (isa_avx2, core/util/isa.h) or is one of the entry points
# qs::avx2::rowKernels<T>() (or, in error feedback's objects, in the Eigen they rename to
# EigenIsaAvx2 / EigenIsaAvx512 and their isa_avx2 / isa_avx512 namespaces:
# core/eval/ef_linalg_avx2.cpp, core/eval/ef_linalg_avx512.cpp). Otherwise an inline function or template compiled
# with -mavx2 could replace the baseline copy for the whole program and crash a CPU without AVX2.
#   cmake -DNM=nm -DOBJECTS=a.o;b.o -P check_isa_symbols.cmake
set(entries 0)
set(bad "")
foreach(obj IN LISTS OBJECTS)
  execute_process(COMMAND ${NM} --defined-only ${obj} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${obj}")
  endif()
  string(REPLACE "\n" ";" lines "${out}")
  foreach(line IN LISTS lines)
    # "<address> <type> <mangled name>": lower-case types other than u are local to the object.
    if(line MATCHES "^[0-9a-fA-F]* *([A-Za-z]) (.+)$")
      set(type "${CMAKE_MATCH_1}")
      set(name "${CMAKE_MATCH_2}")
      if(type MATCHES "^[A-Zu]$")
        if(name MATCHES "4avx210rowKernels")
          math(EXPR entries "${entries} + 1")
        elseif(name MATCHES "^qt_version_tag" OR name MATCHES "^DW\\.ref\\.__gxx_personality" OR type STREQUAL "V")
          # Data, not code: Qt's version tag (qversiontagging.h), which every TU including Qt may
          # carry, the exception-handling personality reference (sanitizer builds), and weak objects
          # (inline variables, type info: clang's UBSan emits it for function types).
        elseif(name STREQUAL "_ZNSt9bad_allocC2Ev")
          # std::bad_alloc's constructor (Eigen's allocation failure; out of line in clang's -O1
          # sanitizer build): it stores a vtable pointer, nothing an instruction set changes.
        elseif(NOT name MATCHES "8isa_avx2" AND NOT name MATCHES "12EigenIsaAvx2" AND
               NOT name MATCHES "10isa_avx512" AND NOT name MATCHES "14EigenIsaAvx512")
          list(APPEND bad "${obj}: ${type} ${name}")
        endif()
      endif()
    endif()
  endforeach()
endforeach()
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "AVX2 objects define symbols outside namespace isa_avx2:\n  ${bad}")
endif()
if(entries LESS 11)
  message(FATAL_ERROR "only ${entries} AVX2 row-kernel entry points found (expected one per block format)")
endif()
message(STATUS "${entries} AVX2 row-kernel entry points, nothing else exported")
