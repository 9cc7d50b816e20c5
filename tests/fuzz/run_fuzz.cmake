# Runs a fuzzer for SECONDS seconds (ctest fuzz_weights, fuzz_checkpoint): seeds are SCRIPT's
# good and bad files; new finds accumulate in WORK/corpus, crashes go to WORK/artifacts.
#   cmake [-DNAME=fuzz_weights] -DFUZZER=... -DPYTHON=... -DSCRIPT=... -DWORK=... -DDICT=...
#     -DSECONDS=60 -P run_fuzz.cmake
if(NOT NAME)
  set(NAME fuzz_weights)
endif()
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/seeds ${WORK}/artifacts)
if(EXISTS ${PYTHON})
  execute_process(COMMAND ${PYTHON} ${SCRIPT} ${WORK}/seeds ${WORK}/seeds-marker
    RESULT_VARIABLE generated OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT generated EQUAL 0)
    message(WARNING "${SCRIPT} failed, fuzzing without its seeds:\n${output}")
  endif()
  file(REMOVE ${WORK}/seeds/manifest.txt)
else()
  message(WARNING "${PYTHON} is missing: fuzzing without seed files")
endif()
execute_process(COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=10
    -max_len=16384 -dict=${DICT} -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/
    ${WORK}/corpus ${WORK}/seeds
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NAME} failed (exit ${result}): the input is in ${WORK}/artifacts")
endif()
