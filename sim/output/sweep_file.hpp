// Sweep result files (docs/OUTPUT.md, "Sweep"): assembled from journals in run order, streaming
// one run at a time (memory does not grow with the number of runs), written as a unique temporary
// file and renamed when whole (atomic_file.hpp): at once from complete journals, or in steps while
// this process's one journal still grows (SweepAssembly). Read back by `kringloop sensitivity` and
// `extract`.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/output/journal.hpp"

namespace kringloop::sim::output {

inline constexpr int sweep_format_version = 1;

// Joins journals (one per shard or MPI rank, or a single one) into one sweep file. Refuses journals
// of different sweeps, runs missing or present twice, and runs whose series differ in structure.
// Runs are read and written in run order; between, each run's series are decoded and deflated
// (filter_chunk) on up to the threads oneTBB may use, a few runs at a time, so memory stays flat.
void assemble_sweep_file(const std::vector<std::filesystem::path>& journals, const std::filesystem::path& output,
                         bool overwrite);

// assemble_sweep_file in steps, for a sweep whose one journal this process is still appending to:
// the runs can be handed over as they are appended and written, in run order, by a thread that
// has nothing else to do while the last runs of the sweep end (a sweep of 32 default runs on two
// threads left one idle for half a run on average, then spent ~100 ms assembling; issue 16).
// The file is the one assemble_sweep_file writes: the same calls in the same order.
class SweepAssembly {
 public:
  // Checks the destination and indexes the journals' records so far (as assemble_sweep_file).
  SweepAssembly(const std::vector<std::filesystem::path>& journals, const std::filesystem::path& output, bool overwrite);
  ~SweepAssembly();
  SweepAssembly(const SweepAssembly&) = delete;
  SweepAssembly& operator=(const SweepAssembly&) = delete;

  // Run `run`'s record was appended to the first journal at `offset`. Safe beside write_ready_runs.
  void appended(std::uint64_t run, std::uint64_t offset);
  // Writes the next runs in run order while they are in the journals and keep_going() holds;
  // returns at the first run not there yet. The temporary file is made at its first run. From one
  // thread at a time. Throws nothing: if writing fails, what it wrote is dropped and it does
  // nothing more; finish() then writes every run (and throws if the failure recurs).
  void write_ready_runs(const std::function<bool()>& keep_going);
  // Writes the rest (refusing missing runs), closes the file and renames it into place.
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The sweep's identity hash as a hex string: the `sweep_id` root attribute.
std::string sweep_id_text(std::uint64_t hash);

// Reads a sweep file's identity (everything but the run rows). Throws IoError when the file is
// not a complete Kringloop sweep file.
SweepIdentity read_sweep_identity(const std::filesystem::path& path);
std::string read_sweep_id(const std::filesystem::path& path);

// /runs/summary/<key> (R values); throws IoError naming the available keys when `key` is absent.
std::vector<double> read_sweep_summary(const std::filesystem::path& path, const std::string& key);

// Adds (or replaces) /sensitivity/<metric> safely: copies the file to a temporary file, writes
// the group there, renames over the original.
struct SensitivityGroup {
  std::string metric, method;
  std::vector<std::string> names;
  std::vector<std::pair<std::string, std::vector<double>>> datasets;  // e.g. ("S1", P values)
  std::vector<std::pair<std::string, double>> attributes;             // e.g. ("confidence", 0.95)
};
void write_sensitivity_group(const std::filesystem::path& path, const SensitivityGroup& group);

}  // namespace kringloop::sim::output
