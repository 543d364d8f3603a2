// Fuzzes the sweep readers: the HDF5 sweep file (identity and a summary column, as `sensitivity` and
// `extract` read them) and the journal / shard file (header, records, run payloads, as `--resume`
// and `merge` read them). The first input byte picks the reader. Typed errors are expected; a crash,
// a hang, an unbounded allocation or another exception is a finding.
#include <string>

#include "sim/errors.hpp"
#include "sim/output/journal.hpp"
#include "sim/output/sweep_file.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace output = kringloop::sim::output;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool journal = data[0] & 1;
  const kringloop::fuzz::InputFile file(data + 1, size - 1);
  try {
    if (journal) {
      const output::JournalScan scan = output::scan_journal(file.path());
      output::JournalReader reader(file.path(), scan.identity_hash);
      for (const auto& [run, offset] : scan.records) (void)output::deserialize_run(reader.read_payload(offset, run), file.path());
    } else {
      const output::SweepIdentity identity = output::read_sweep_identity(file.path());
      (void)output::read_sweep_summary(file.path(), "adoption.organic.final_share");
      (void)identity.runs();
    }
  } catch (const kringloop::sim::IoError&) {
  }
  return 0;
}
