// The sweep journal: an append-only file of finished runs, the crash-safe half of a sweep.
//
// HDF5 1.10 files are not crash-safe (a process killed while a file is open can leave it
// unreadable), so the runs of a sweep live here, not in its HDF5 file. Each finished run is
// appended as one self-checking record; the HDF5 file is assembled from the journal in run order
// under a temporary name (sweep_file.hpp) — in one process begun by a thread with no run left
// while the last runs end — and renamed into place only when every run is in it; a killed
// assembly loses nothing the journal holds. After a crash, `--resume` keeps the valid
// prefix of records (a torn last record fails its length or checksum and is dropped) and runs only
// what is missing. A complete journal of one slice of a sweep is a shard file (`--shard I/N`).
//
// Layout (little-endian, as written by x86-64/aarch64; a journal is not meant to travel between
// machines of different byte order):
//   header:  "KLSWEEPJ" | u32 version | u64 body length | body | u64 checksum(body)
//   body:    identity (SweepIdentity, serialized) | u64 shard index | u64 shard count
//   record:  u32 "KLRR" | u64 run index | u64 payload length | payload
//            | u64 CRC-32 (zlib's) of identity hash, index and payload (the high 32 bits 0)
// The identity hash is the checksum of the identity bytes alone, so every shard of one sweep carries
// the same hash while its slice differs.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/output/run_record.hpp"

namespace kringloop::sim::output {

// Everything that defines a sweep and that its result file records (docs/OUTPUT.md, "Sweep").
struct SweepIdentity {
  std::string scenario_text;                     // the resolved base scenario (INI)
  std::string design;                            // "grid", "lhs", "sobol", "morris"
  std::vector<std::string> names;                // P varied keys
  std::vector<std::uint8_t> integer_keys;        // P flags: factor_real, factor_integer (rounded) or factor_categorical
  std::vector<std::vector<double>> points;       // D × P values the runs use (integer keys rounded)
  std::vector<std::vector<double>> raw_points;   // D × P values as the design made them
  std::uint64_t base_samples = 0, trajectories = 0, levels = 0;
  std::uint64_t seed = 0;                        // root seed
  std::uint64_t replications = 1;
  // Extension (sweep_extension.cpp), all empty for plain numeric sweeps, whose identity and hash
  // are then exactly those of earlier versions:
  std::vector<std::vector<std::string>> labels;  // P lists: a categorical factor's levels (its value is the index)
  std::vector<std::string> scenario_texts;       // the factor `scenario_factor_name`: level k's resolved scenario
  std::vector<std::string> derived_names;        // keys set from each point (rest of a share group renormalised)
  std::vector<std::vector<double>> derived_points;  // D × Q values of derived_names

  bool extended() const { return !labels.empty() || !scenario_texts.empty() || !derived_names.empty(); }
  // The index of the `scenario` factor, or names.size() when the sweep has one base scenario.
  std::size_t scenario_factor() const;
  // The resolved scenario (INI) that point `point` starts from.
  const std::string& base_text(std::uint64_t point) const;
  // Factor i's value at point `point` as scenario text (a categorical factor's label).
  std::string value_text(std::uint64_t point, std::size_t factor) const;

  std::uint64_t runs() const { return points.size() * replications; }
  std::uint64_t point_of(std::uint64_t run) const { return run / replications; }
  std::uint64_t replication_of(std::uint64_t run) const { return run % replications; }
  std::uint64_t seed_of(std::uint64_t run) const;  // derive_seed(seed, point, replication)
  std::uint64_t hash() const;                      // identifies the sweep; equal for all its shards

  // The overrides that make run `run` from its base scenario (base_text): "--seed S --key value ...".
  // The sweep sets exactly these texts, so `kringloop run BASE.ini <these>` repeats the run bit for
  // bit. The scenario factor is not among them: it chooses BASE.ini.
  std::string run_arguments(std::uint64_t run) const;
};

inline constexpr std::uint8_t factor_real = 0, factor_integer = 1, factor_categorical = 2;
// The design factor that varies the base scenario (`sweep --scenarios A.ini B.ini`); option keys
// always have a section ("population.farmers"), so this name cannot clash with one.
inline constexpr const char* scenario_factor_name = "scenario";

// A varied value as scenario text: integers rounded, reals in shortest round-trip form.
std::string factor_value_text(double value, bool integer);

// The extension fields of SweepIdentity as bytes (appended to the identity when extended()), and back.
std::string serialize_identity_extension(const SweepIdentity& identity);
void parse_identity_extension(const std::string& bytes, std::size_t offset, SweepIdentity& identity,
                              const std::string& file);

struct JournalHeader {
  SweepIdentity identity;
  std::uint64_t shard_index = 0, shard_count = 1;
  bool in_shard(std::uint64_t run) const { return run % shard_count == shard_index; }
};

// Payload of one record. Snapshots are not part of sweeps.
std::string serialize_run(const RunRecord& record);
RunRecord deserialize_run(const std::string& payload, const std::string& file);

// A 64-bit FNV-1a checksum (enough to tell a torn or overwritten record from a whole one).
std::uint64_t checksum(const void* data, std::size_t size, std::uint64_t start = 0xcbf29ce484222325ull);

// Reads a journal's header and scans its records. Throws IoError when the file is missing, is not a
// journal, or its header is damaged; a damaged record only ends the valid prefix.
struct JournalScan {
  JournalHeader header;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> records;  // (run index, offset of the record), file order
  std::uint64_t valid_end = 0;                                   // bytes of header + whole records
  std::uint64_t file_size = 0;
  std::uint64_t identity_hash = 0;                               // header.identity.hash()
};
JournalScan scan_journal(const std::filesystem::path& path);
JournalHeader read_journal_header(const std::filesystem::path& path);

// Reads the record at `offset` (as listed by scan_journal); returns its payload.
class JournalReader {
 public:
  JournalReader(const std::filesystem::path& path, std::uint64_t identity_hash);
  ~JournalReader();
  JournalReader(const JournalReader&) = delete;
  JournalReader& operator=(const JournalReader&) = delete;
  std::string read_payload(std::uint64_t offset, std::uint64_t expected_run);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t identity_hash_ = 0;
};

// Appends records. `create` writes a new journal (replacing any file at path); `reopen` truncates an
// existing one to its valid prefix and appends after it. Either holds an exclusive lock on the
// journal until closed: a second writer is refused at once (IoError). Data reach the operating system at every
// append (so a killed process loses nothing written) and the disk every `sync_every` records.
class JournalWriter {
 public:
  static JournalWriter create(const std::filesystem::path& path, const JournalHeader& header);
  static JournalWriter reopen(const std::filesystem::path& path, const JournalScan& scan);
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&&) = delete;
  ~JournalWriter();

  // Returns the record's offset in the file (as scan_journal lists it).
  std::uint64_t append(std::uint64_t run, const std::string& payload);
  // Writes only the first `bytes` of a record, then stops: for tests of torn records.
  void append_torn(std::uint64_t run, const std::string& payload, std::size_t bytes);
  void sync();
  void close();  // syncs and closes; throws IoError on failure

 private:
  JournalWriter(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  void write_all(const std::string& bytes);
  void lock();
  std::filesystem::path path_;
  int fd_ = -1;
  unsigned unsynced_ = 0;
  std::uint64_t identity_hash_ = 0;
  std::uint64_t end_ = 0;  // bytes written: where the next record starts
};

}  // namespace kringloop::sim::output
