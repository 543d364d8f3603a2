// Assembling a sweep file from journals. Memory holds two run records per thread, the run index
// (16 bytes per run) and a block of summary values, however many runs the sweep has.
#include "sim/output/sweep_file.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include "sim/errors.hpp"
#include "sim/git_describe.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/chunk_filters.hpp"
#include "sim/output/dataset_checksum.hpp"
#include "sim/output/hdf5_handle.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/sweep_extension_hdf5.hpp"
#include "sim/output/sweep_hdf5.hpp"

namespace kringloop::sim::output {

namespace fs = std::filesystem;

std::string sweep_id_text(std::uint64_t hash) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

namespace {

constexpr std::size_t block_rows = 1024;  // rows of per-run scalars written at once
// Of every series dataset (one chunk per run). libdeflate's level 1 packs a sweep's shuffled series
// as small as its level 4 (0.225 against 0.226 of the raw bytes on the default sweep's) in seven
// eighths of the time.
constexpr int series_deflate_level = 1;

// Checks that a run has the structure of the first one: a sweep stacks the same paths from every run.
void check_same_structure(const RunRecord& first, const RunRecord& run, std::uint64_t index, const std::string& name) {
  auto differ = [&](const std::string& what) {
    throw IoError(name + ": run " + std::to_string(index) + " differs from run 0 in " + what +
                  " (a sweep cannot vary the horizon or which sections exist)");
  };
  if (run.month_end_days() != first.month_end_days()) differ("its months");
  if (run.series().size() != first.series().size()) differ("its number of series");
  for (std::size_t s = 0; s < run.series().size(); ++s) {
    const Series &a = first.series()[s], &b = run.series()[s];
    if (a.path != b.path || a.columns != b.columns || a.values.size() != b.values.size()) differ("series '" + b.path + "'");
  }
  if (run.summary().size() != first.summary().size()) differ("its summary keys");
  for (std::size_t k = 0; k < run.summary().size(); ++k)
    if (run.summary()[k].first != first.summary()[k].first) differ("summary key '" + run.summary()[k].first + "'");
}

class SweepWriter {
 public:
  SweepWriter(const fs::path& partial, std::string name, const SweepIdentity& identity, const RunRecord& first)
      : name_(std::move(name)), identity_(identity), runs_(identity.runs()) {
    file_ = create_hdf5_file(partial, name_);
    write_identity();
    write_run_index();
    Handle time = ensure_groups(file_.get(), "time", name_);
    const auto& days = first.month_end_days();
    std::vector<std::int32_t> months(days.size()), day_values(days.begin(), days.end());
    for (std::size_t m = 0; m < months.size(); ++m) months[m] = static_cast<std::int32_t>(m + 1);
    const std::vector<hsize_t> dims{days.size()}, chunk{std::min<hsize_t>(std::max<hsize_t>(days.size(), 1), 1024)};
    write_extendible(time.get(), "month", H5T_NATIVE_INT32, H5T_STD_I32LE, dims, chunk, months.data(), 0, name_);
    write_extendible(time.get(), "day", H5T_NATIVE_INT32, H5T_STD_I32LE, dims, chunk, day_values.data(), 0, name_);
    create_series(first);
    std::size_t key_bytes = 0;
    for (const auto& [key, value] : first.summary()) key_bytes += key.size();
    const std::size_t keys = first.summary().size();
    Handle summary = ensure_groups(file_.get(), "runs/summary", name_, keys, keys > 0 ? key_bytes / keys : 0);
    for (const auto& [key, value] : first.summary()) {
      summary_.push_back(create_extendible(summary.get(), key, H5T_IEEE_F64LE, {runs_}, {scalar_chunk()}, 4, name_));
    }
    summary_block_.assign(summary_.size(), {});
  }

  // One run: `chunks[s]`, series s's values as filter_chunk stores them (one chunk per run), or
  // empty for a series without values.
  void write_run(std::uint64_t run, const RunRecord& record, const std::vector<std::vector<unsigned char>>& chunks) {
    for (std::size_t s = 0; s < series_.size(); ++s) {
      const Series& series = record.series()[s];
      std::vector<hsize_t> start{run, 0}, count{1, series.months()};
      if (!series.columns.empty()) {
        start.push_back(0);
        count.push_back(series.width());
      }
      if (chunks[s].empty()) {
        write_rows(series_[s].get(), H5T_NATIVE_DOUBLE, start, count, series.values.data(), name_);
        continue;
      }
      check(H5Dwrite_chunk(series_[s].get(), H5P_DEFAULT, 0, start.data(), chunks[s].size(), chunks[s].data()), name_,
            "writing run " + std::to_string(run) + " of series " + series.path);
    }
    for (std::size_t k = 0; k < summary_.size(); ++k) summary_block_[k].push_back(record.summary()[k].second);
    if (summary_block_.empty() || summary_block_[0].size() == block_rows) flush_summary(run + 1);
    done_ = run + 1;
  }

  void finish() {
    flush_summary(done_);
    close_hdf5_file(file_, name_);
  }

 private:
  hsize_t scalar_chunk() const { return std::clamp<hsize_t>(runs_, 1, block_rows); }

  void write_identity() {
    const hid_t root = file_.get();
    write_string_attribute(root, "format", "kringloop-sweep", name_);
    write_int64_attribute(root, "format_version", sweep_format_version, name_);
    write_string_attribute(root, "kringloop_version", KRINGLOOP_VERSION, name_);
    write_string_attribute(root, "git_describe", git_describe, name_);
    write_string_attribute(root, "sweep_id", sweep_id_text(identity_.hash()), name_);
    write_uint64_attribute(root, "seed", identity_.seed, name_);
    write_string_attribute(root, "design", identity_.design, name_);
    write_string_attribute(root, "scenario_text", identity_.scenario_text, name_);
    write_int64_attribute(root, "runs", static_cast<std::int64_t>(runs_), name_);
    write_int64_attribute(root, "points", static_cast<std::int64_t>(identity_.points.size()), name_);
    write_int64_attribute(root, "replications", static_cast<std::int64_t>(identity_.replications), name_);
    Handle design = ensure_groups(root, "design", name_);
    write_int64_attribute(design.get(), "base_samples", static_cast<std::int64_t>(identity_.base_samples), name_);
    write_int64_attribute(design.get(), "trajectories", static_cast<std::int64_t>(identity_.trajectories), name_);
    write_int64_attribute(design.get(), "levels", static_cast<std::int64_t>(identity_.levels), name_);
    write_attributes_checksum(root, "design_checksum", design.get(), name_);
    write_attributes_checksum(root, "checksum", root, name_);
    write_string_dataset(design.get(), "names", identity_.names, name_);
    std::vector<std::int32_t> integer(identity_.integer_keys.begin(), identity_.integer_keys.end());
    const hsize_t factors = identity_.names.size(), points = identity_.points.size();
    write_extendible(design.get(), "integer", H5T_NATIVE_INT32, H5T_STD_I32LE, {factors}, {std::max<hsize_t>(factors, 1)},
                     integer.data(), 0, name_);
    for (const auto& [table, dataset] : {std::pair{&identity_.points, "points"}, std::pair{&identity_.raw_points, "raw_points"}}) {
      std::vector<double> flat;
      flat.reserve(points * factors);
      for (const auto& point : *table) flat.insert(flat.end(), point.begin(), point.end());
      write_extendible(design.get(), dataset, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, {points, factors},
                       {std::clamp<hsize_t>(points, 1, 4096), std::max<hsize_t>(factors, 1)}, flat.data(), 4, name_);
    }
    write_identity_extension(design.get(), identity_, name_);
  }

  // point, replication, seed, done and the reproducing command of every run, in blocks.
  void write_run_index() {
    Handle group = ensure_groups(file_.get(), "runs", name_);
    const hid_t runs_group = group.get();
    Handle point = create_extendible(runs_group, "point", H5T_STD_I64LE, {runs_}, {scalar_chunk()}, 4, name_);
    Handle replication = create_extendible(runs_group, "replication", H5T_STD_I32LE, {runs_}, {scalar_chunk()}, 4, name_);
    Handle seed = create_extendible(runs_group, "seed", H5T_STD_U64LE, {runs_}, {scalar_chunk()}, 4, name_);
    Handle done = create_extendible(runs_group, "done", H5T_STD_U8LE, {runs_}, {scalar_chunk()}, 4, name_);
    Handle string_type = utf8_string_type(name_);
    Handle command = create_extendible(runs_group, "command", string_type.get(), {runs_}, {scalar_chunk()}, 4, name_);
    write_string_attribute(command.get(), "description",
                           "arguments that repeat the run: kringloop run BASE.ini <command>, with BASE.ini the "
                           "root attribute scenario_text saved to a file (or: kringloop extract SWEEP.h5 --run I)",
                           name_);
    for (std::uint64_t first = 0; first < runs_; first += block_rows) {
      const std::uint64_t count = std::min<std::uint64_t>(block_rows, runs_ - first);
      std::vector<std::int64_t> points(count);
      std::vector<std::int32_t> replications(count);
      std::vector<std::uint64_t> seeds(count);
      std::vector<std::uint8_t> dones(count, 1);
      std::vector<std::string> commands(count);
      std::vector<const char*> command_pointers(count);
      for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t run = first + i;
        points[i] = static_cast<std::int64_t>(identity_.point_of(run));
        replications[i] = static_cast<std::int32_t>(identity_.replication_of(run));
        seeds[i] = identity_.seed_of(run);
        commands[i] = identity_.run_arguments(run);
        command_pointers[i] = commands[i].c_str();
      }
      write_rows(point.get(), H5T_NATIVE_INT64, {first}, {count}, points.data(), name_);
      write_rows(replication.get(), H5T_NATIVE_INT32, {first}, {count}, replications.data(), name_);
      write_rows(seed.get(), H5T_NATIVE_UINT64, {first}, {count}, seeds.data(), name_);
      write_rows(done.get(), H5T_NATIVE_UINT8, {first}, {count}, dones.data(), name_);
      write_rows(command.get(), string_type.get(), {first}, {count}, command_pointers.data(), name_);
    }
  }

  void create_series(const RunRecord& first) {
    Handle root = ensure_groups(file_.get(), "runs/series", name_);
    for (const Series& series : first.series()) {
      const auto slash = series.path.rfind('/');
      Handle group = ensure_groups(root.get(), slash == std::string::npos ? "" : series.path.substr(0, slash), name_);
      const std::string leaf = slash == std::string::npos ? series.path : series.path.substr(slash + 1);
      // One run per chunk row: a run's series is compressed and written once, whole.
      std::vector<hsize_t> dims{runs_, series.months()}, chunk{1, std::max<hsize_t>(series.months(), 1)};
      if (!series.columns.empty()) {
        dims.push_back(series.width());
        chunk.push_back(series.width());
      }
      Handle dataset = create_extendible(group.get(), leaf, H5T_IEEE_F64LE, dims, chunk, series_deflate_level, name_);
      write_string_attribute(dataset.get(), "unit", series.unit, name_);
      write_string_attribute(dataset.get(), "description", series.description, name_);
      if (!series.columns.empty()) write_strings_attribute(dataset.get(), "columns", series.columns, name_);
      series_.push_back(std::move(dataset));
    }
  }

  void flush_summary(std::uint64_t end) {
    if (summary_block_.empty() || summary_block_[0].empty()) return;
    const std::uint64_t count = summary_block_[0].size();
    for (std::size_t k = 0; k < summary_.size(); ++k) {
      write_rows(summary_[k].get(), H5T_NATIVE_DOUBLE, {end - count}, {count}, summary_block_[k].data(), name_);
      summary_block_[k].clear();
    }
  }

  std::string name_;
  const SweepIdentity& identity_;
  hsize_t runs_;
  Handle file_;
  std::vector<Handle> series_, summary_;
  std::vector<std::vector<double>> summary_block_;
  std::uint64_t done_ = 0;
};

struct RunLocation {
  std::uint32_t journal = 0;
  std::uint64_t offset = 0;
};

// A run between the stages of the assembly: its payload as read, then its record and its series'
// chunks as filter_chunk stores them.
struct RunInTransit {
  std::uint64_t run = 0;
  std::string payload;
  RunRecord record;
  std::vector<std::vector<unsigned char>> chunks;
};

std::vector<std::vector<unsigned char>> filtered_chunks(const RunRecord& record) {
  std::vector<std::vector<unsigned char>> chunks;
  for (const Series& series : record.series())
    chunks.push_back(series.values.empty() ? std::vector<unsigned char>{}
                                           : filter_chunk(series.values.data(), series.values.size(), series_deflate_level));
  return chunks;
}

}  // namespace

struct SweepAssembly::State {
  std::vector<fs::path> journals;
  fs::path output;
  std::string name;
  bool overwrite = false;
  SweepIdentity identity;
  std::uint64_t hash = 0;
  std::mutex index_mutex;  // locations and seen: appended() runs beside write_ready_runs()
  std::vector<RunLocation> locations;
  std::vector<std::uint8_t> seen;
  std::vector<std::unique_ptr<JournalReader>> readers;
  // Written in run order: runs before `next` are in the file.
  std::uint64_t next = 0;
  std::optional<AtomicOutput> atomic;
  std::optional<RunRecord> first;
  std::unique_ptr<SweepWriter> writer;
  bool early_writes_failed = false;  // write_ready_runs gave up: finish() does it all

  RunRecord load(std::uint64_t run, const RunLocation& at) {
    return deserialize_run(readers[at.journal]->read_payload(at.offset, run), journals[at.journal].string());
  }
  // The temporary file, its identity, index and every dataset, from run 0's structure.
  void start_writing(const RunLocation& run0) {
    atomic.emplace(output, overwrite);
    first.emplace(load(0, run0));
    writer = std::make_unique<SweepWriter>(atomic->temporary(), name, identity, *first);
  }
};

SweepAssembly::SweepAssembly(const std::vector<fs::path>& journals, const fs::path& output, bool overwrite)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  silence_hdf5_errors();
  s.journals = journals;
  s.output = output;
  s.name = output.string();
  s.overwrite = overwrite;
  if (journals.empty()) throw IoError(s.name + ": no shard or journal files to assemble");
  check_destination(output, overwrite);

  // Index every run: where its record is. Refuses foreign shards and duplicates.
  for (std::uint32_t j = 0; j < journals.size(); ++j) {
    JournalScan scan = scan_journal(journals[j]);
    if (j == 0) {
      s.identity = std::move(scan.header.identity);
      s.hash = s.identity.hash();
      s.locations.resize(s.identity.runs());
      s.seen.assign(s.identity.runs(), 0);
    } else if (scan.header.identity.hash() != s.hash) {
      throw IoError(journals[j].string() + ": belongs to a different sweep than " + journals[0].string() +
                    " (scenario, design, seed or replications differ)");
    }
    for (const auto& [run, offset] : scan.records) {
      if (s.seen[run])
        throw IoError(journals[j].string() + ": run " + std::to_string(run) + " is also in " +
                      journals[s.locations[run].journal].string() + " (the same shard given twice?)");
      s.seen[run] = 1;
      s.locations[run] = RunLocation{j, offset};
    }
  }
  for (const auto& path : journals) s.readers.push_back(std::make_unique<JournalReader>(path, s.hash));
}

SweepAssembly::~SweepAssembly() = default;

void SweepAssembly::appended(std::uint64_t run, std::uint64_t offset) {
  State& s = *state_;
  const std::lock_guard lock(s.index_mutex);
  if (run >= s.seen.size()) throw IoError(s.journals[0].string() + ": run " + std::to_string(run) + " is not in the sweep");
  s.seen[run] = 1;
  s.locations[run] = RunLocation{0, offset};
}

void SweepAssembly::write_ready_runs(const std::function<bool()>& keep_going) {
  State& s = *state_;
  if (s.early_writes_failed) return;
  try {
    while (s.next < s.identity.runs() && keep_going()) {
      RunLocation at;
      {
        const std::lock_guard lock(s.index_mutex);
        if (!s.seen[s.next]) return;
        at = s.locations[s.next];
      }
      if (!s.writer) s.start_writing(at);  // s.next is 0
      const RunRecord record = s.next == 0 ? *s.first : s.load(s.next, at);
      check_same_structure(*s.first, record, s.next, s.name);
      s.writer->write_run(s.next, record, filtered_chunks(record));
      ++s.next;
    }
  } catch (const std::exception&) {
    // A failure here (a full disk, the destination made meanwhile, a run of another structure)
    // must not stop the runs still going: what was written is dropped, the temporary file with
    // it, and finish() starts over from run 0 once every run is in the journal — and reports the
    // error then if it is still there, the journal complete, as before this was done early.
    s.writer.reset();
    s.first.reset();
    s.atomic.reset();
    s.next = 0;
    s.early_writes_failed = true;
  }
}

void SweepAssembly::finish() {
  State& s = *state_;
  std::uint64_t missing = 0, first_missing = 0;
  for (std::uint64_t run = s.seen.size(); run-- > 0;)
    if (!s.seen[run]) {
      ++missing;
      first_missing = run;
    }
  if (missing > 0)
    throw IoError(s.name + ": " + std::to_string(missing) + " of " + std::to_string(s.seen.size()) +
                  " runs are missing (first: run " + std::to_string(first_missing) + "); a shard is missing or unfinished");
  if (s.identity.runs() == 0) throw IoError(s.name + ": the sweep has no runs");

  if (!s.writer) s.start_writing(s.locations[0]);
  // Read in run order, decoded and filtered in parallel (deflate is most of the assembly's
  // work), written in run order. At most two runs per thread in flight: memory stays flat.
  oneapi::tbb::parallel_pipeline(
      2 * std::max<std::size_t>(1, oneapi::tbb::global_control::active_value(
                                       oneapi::tbb::global_control::max_allowed_parallelism)),
      oneapi::tbb::make_filter<void, std::shared_ptr<RunInTransit>>(
          oneapi::tbb::filter_mode::serial_in_order,
          [&](oneapi::tbb::flow_control& control) -> std::shared_ptr<RunInTransit> {
            if (s.next == s.identity.runs()) {
              control.stop();
              return nullptr;
            }
            auto run = std::make_shared<RunInTransit>();
            run->run = s.next++;
            const RunLocation& at = s.locations[run->run];
            run->payload = s.readers[at.journal]->read_payload(at.offset, run->run);
            return run;
          }) &
          oneapi::tbb::make_filter<std::shared_ptr<RunInTransit>, std::shared_ptr<RunInTransit>>(
              oneapi::tbb::filter_mode::parallel,
              [&](std::shared_ptr<RunInTransit> run) {
                run->record = deserialize_run(run->payload, s.journals[s.locations[run->run].journal].string());
                run->payload = std::string();
                check_same_structure(*s.first, run->record, run->run, s.name);
                run->chunks = filtered_chunks(run->record);
                return run;
              }) &
          oneapi::tbb::make_filter<std::shared_ptr<RunInTransit>, void>(
              oneapi::tbb::filter_mode::serial_in_order,
              [&](std::shared_ptr<RunInTransit> run) { s.writer->write_run(run->run, run->record, run->chunks); }));
  s.writer->finish();
  s.writer.reset();
  s.atomic->commit();
}

void assemble_sweep_file(const std::vector<fs::path>& journals, const fs::path& output, bool overwrite) {
  SweepAssembly(journals, output, overwrite).finish();
}

}  // namespace kringloop::sim::output
