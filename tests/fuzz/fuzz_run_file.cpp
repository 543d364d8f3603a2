// Fuzzes the single-run file reader (`kringloop inspect`): any bytes must be read or refused with an
// IoError; a crash, a hang or another exception is a finding.
#include <string>

#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const kringloop::fuzz::InputFile file(data, size);
  try {
    (void)kringloop::sim::output::read_run_summary(file.path());
  } catch (const kringloop::sim::IoError&) {
  }
  return 0;
}
