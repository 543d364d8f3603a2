// kringloop sweep: many runs of one scenario over a design, into one HDF5 file (docs/EXPERIMENTS.md).
//
// Order of work: describe (arguments, base scenario, design), validate (every value of every
// point, the output and journal paths), run (only the runs the journal lacks), assemble (the HDF5
// file from the journal, in run order). A sweep killed at any point continues with --resume.
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>

#include <boost/program_options.hpp>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>

#include "agents/app/memory_estimate.hpp"
#include "agents/app/scenario_loading.hpp"
#include "agents/app/share_groups.hpp"
#include "agents/app/sweep_commands.hpp"
#include "agents/app/sweep_runner.hpp"
#include "agents/parameters/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/config/limits.hpp"
#include "sim/errors.hpp"
#include "sim/experiment/mpi_session.hpp"
#include "sim/experiment/sweep_plan.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/journal_files.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/sweep_file.hpp"

namespace kringloop::agents {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using sim::output::SweepIdentity;

namespace {

// Runs `work` on every rank; if it fails on any rank, every rank stops (the failing one with its
// own message). Without MPI it is just `work()`.
template <class Work>
void collectively(const sim::experiment::MpiSession& mpi, Work&& work) {
  std::exception_ptr error;
  try {
    work();
  } catch (...) {
    error = std::current_exception();
  }
  if (!mpi.all_ok(!error)) {
    if (error) std::rethrow_exception(error);
    throw sim::IoError("sweep stopped: another MPI rank failed (see its message)");
  }
}

struct Paths {
  fs::path result;   // SWEEP.h5, or the shard file
  fs::path journal;  // this process's journal
  std::uint64_t shard_index = 0, shard_count = 1;
  bool shard_file = false;  // the result is the finished journal itself (--shard)
};

// Refuses to touch a result that exists unless --overwrite, or --resume finds it is this sweep's.
// Returns true when the result is already complete (nothing to do).
bool check_result(const Paths& paths, std::uint64_t hash, bool resume, bool overwrite) {
  std::error_code error;
  const std::string name = paths.result.string();
  if (name.empty()) throw sim::ConfigError("-o: the output file name is empty");
  const fs::path folder = paths.result.has_parent_path() ? paths.result.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, error)) throw sim::IoError(name + ": output folder " + folder.string() + " does not exist");
  if (fs::is_directory(paths.result, error)) throw sim::IoError(name + ": output path is a directory");
  if (!fs::exists(paths.result, error) || overwrite) return false;
  if (!resume) throw sim::IoError(name + ": output file exists (use --overwrite to replace it, or --resume to check it)");
  if (paths.shard_file) {
    // A shard file is complete for this command only if it is this sweep's and this slice's.
    const sim::output::JournalHeader header = sim::output::read_journal_header(paths.result);
    if (header.identity.hash() == hash && (header.shard_index != paths.shard_index || header.shard_count != paths.shard_count))
      throw sim::IoError(name + ": holds slice " + std::to_string(header.shard_index) + "/" +
                         std::to_string(header.shard_count) + " of this sweep, not " + std::to_string(paths.shard_index) +
                         "/" + std::to_string(paths.shard_count) + "; nothing was changed");
  }
  const bool same = paths.shard_file ? sim::output::read_journal_header(paths.result).identity.hash() == hash
                                     : sim::output::read_sweep_id(paths.result) == sim::output::sweep_id_text(hash);
  if (!same) throw sim::IoError(name + ": holds a different sweep (scenario, design, seed or replications differ); nothing was changed");
  return true;
}

// Opens this process's journal: continues a matching one with --resume, refuses a foreign one.
// Fills `pending` with the runs of this slice that it lacks.
sim::output::JournalWriter open_journal(const Paths& paths, const SweepIdentity& identity, bool resume, bool overwrite,
                                        std::vector<std::uint64_t>& pending, std::uint64_t& already) {
  std::error_code error;
  const std::string name = paths.journal.string();
  sim::output::JournalHeader header{identity, paths.shard_index, paths.shard_count};
  std::vector<std::uint8_t> done(identity.runs(), 0);
  std::optional<sim::output::JournalWriter> writer;
  if (fs::exists(paths.journal, error) && !(overwrite && !resume)) {
    if (!resume)
      throw sim::IoError(name + ": an unfinished sweep journal exists (continue it with --resume, or start over with --overwrite)");
    const sim::output::JournalScan scan = sim::output::scan_journal(paths.journal);
    if (scan.header.identity.hash() != identity.hash())
      throw sim::IoError(name + ": the journal belongs to a different sweep (scenario, design, seed or replications "
                                "differ); nothing was changed");
    if (scan.header.shard_index != paths.shard_index || scan.header.shard_count != paths.shard_count)
      throw sim::IoError(name + ": the journal holds slice " + std::to_string(scan.header.shard_index) + "/" +
                         std::to_string(scan.header.shard_count) + ", not " + std::to_string(paths.shard_index) + "/" +
                         std::to_string(paths.shard_count) + "; nothing was changed");
    for (const auto& [run, offset] : scan.records) done[run] = 1;
    writer.emplace(sim::output::JournalWriter::reopen(paths.journal, scan));
  } else {
    writer.emplace(sim::output::JournalWriter::create(paths.journal, header));
  }
  already = 0;
  for (std::uint64_t run = 0; run < identity.runs(); ++run) {
    if (!header.in_shard(run)) continue;
    if (done[run]) ++already;
    else pending.push_back(run);
  }
  return std::move(*writer);
}

// The runs of one sweep must record the same series: scenarios of --scenarios must have the same
// horizon and the same sections (the same practices, schemes, ...). Checked before any run.
void check_same_structure(const sim::config::ResolvedConfig& first, const sim::config::ResolvedConfig& other,
                          const std::string& first_name, const std::string& other_name) {
  if (first.integer("run.years") != other.integer("run.years"))
    throw sim::ConfigError("--scenarios: " + other_name + " runs " + std::to_string(other.integer("run.years")) +
                           " years and " + first_name + " " + std::to_string(first.integer("run.years")) +
                           "; the runs of one sweep must have the same horizon");
  auto a = first.settings().begin(), b = other.settings().begin();
  for (; a != first.settings().end() && b != other.settings().end() && a->first == b->first; ++a, ++b) {}
  if (a != first.settings().end() || b != other.settings().end()) {
    const bool only_first = b == other.settings().end() || (a != first.settings().end() && a->first < b->first);
    const std::string key = only_first ? a->first : b->first;
    throw sim::ConfigError("--scenarios: " + key + " is set in " + (only_first ? first_name : other_name) +
                           " but not in " + (only_first ? other_name : first_name) +
                           "; the runs of one sweep must have the same sections");
  }
}

// A sweep allocates and frees the same few megabytes for every run. glibc's malloc would give
// freed blocks at the top of the heap back to the kernel and map each large one afresh, so every
// run faulted its pages in again (27,033 page faults in a 32-run default sweep, 5,097 with this):
// the freed memory is kept in the process instead. The peak stays that of the runs in flight.
void keep_freed_memory() {
#ifdef __GLIBC__
  mallopt(M_TRIM_THRESHOLD, 1 << 30);      // never give the heap's top back during the sweep
  mallopt(M_MMAP_THRESHOLD, 32 << 20);     // blocks up to 32 MB (glibc's most) from the heap, reused
#endif
}

int resolve_threads(int requested) {
  if (requested < 0 || requested > sim::limits::max_threads)
    throw sim::ConfigError("command line: --threads = " + std::to_string(requested) + ": must be from 0 (all cores) to " +
                           std::to_string(sim::limits::max_threads));
  return requested == 0 ? oneapi::tbb::info::default_concurrency() : requested;
}

}  // namespace

int command_sweep(const Arguments& arguments) {
  const auto split = sim::cli::split_overrides(arguments);
  po::options_description options(
      "kringloop sweep [SCENARIO.ini | --scenarios A.ini B.ini ...] [--vary KEY=V1,V2,... | --vary KEY=LO:HI ...] "
      "[--section.key VALUE ...] [options]");
  sim::experiment::SweepRequest request;
  std::string output = "out/sweep.h5", shard;
  std::vector<std::string> scenario_files;
  int threads = 0;
  sim::cli::Count replications = 1, levels = 4;
  options.add_options()
      ("help,h", "show this help")
      ("vary", po::value<std::vector<std::string>>(&request.vary)->composing()->value_name("KEY=VALUES"),
       "vary a scenario option: KEY=V1,V2,... (numbers: grid only; words and booleans: any design) or KEY=LO:HI; "
       "repeat for more keys; none: --replications R runs of one scenario")
      ("scenarios", po::value<std::vector<std::string>>(&scenario_files)->multitoken()->value_name("FILE..."),
       "vary the base scenario: a design factor 'scenario' whose levels are these files")
      ("design", po::value<std::string>(&request.design)->value_name("KIND"), "grid (default), lhs, sobol or morris")
      ("samples", po::value<sim::cli::Count>()->value_name("N"),
       "grid: levels per range; lhs: points; sobol: base samples N (N (P+2) points); morris: trajectories")
      ("levels", po::value<sim::cli::Count>(&levels)->value_name("p"), "morris: grid levels (even, default 4)")
      ("replications", po::value<sim::cli::Count>(&replications)->value_name("R"), "runs per design point, each with its own seed (default 1)")
      ("seed", po::value<sim::cli::Count>()->value_name("S"), "root seed (default: run.seed of the scenario)")
      ("output,o", po::value<std::string>(&output)->value_name("SWEEP.h5"), "result file (default out/sweep.h5)")
      ("threads", po::value<int>(&threads)->value_name("N"), "worker threads, 0 = all cores (results do not depend on it)")
      ("shard", po::value<std::string>(&shard)->value_name("I/N"),
       "run only runs with index % N == I and write a shard file to -o (join with kringloop merge)")
      ("resume", "continue an interrupted sweep from its journal (SWEEP.h5.journal)")
      ("overwrite", "replace an existing result and start over")
      ("quiet,q", "no progress bar, no final line")
      ("scenario", po::value<std::string>(), "scenario file (default: the embedded default scenario)");
  po::options_description hidden;
  hidden.add_options()("test-crash-after", po::value<sim::cli::Count>(), "tests: stop abruptly after K runs");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(split.others).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options << "\nMPI: " << (sim::experiment::built_with_mpi() ? "mpi enabled" : "not built with MPI")
              << " (mpirun -np N kringloop sweep ... spreads runs over ranks).\n"
                 "Base scenario options can be overridden as in `kringloop run`: --population.farmers 200.\n";
    return 0;
  }
  const bool resume = vm.count("resume") > 0, overwrite = vm.count("overwrite") > 0, quiet = vm.count("quiet") > 0;
  if (resume && overwrite) throw sim::ConfigError("command line: --resume and --overwrite exclude each other");
  request.replications = replications;
  request.morris_levels = levels;
  if (vm.count("samples")) request.samples = vm["samples"].as<sim::cli::Count>().value;

  // Describe and validate: the base scenario, the design, every value of every point.
  const std::optional<std::string> scenario_file =
      vm.count("scenario") ? std::optional(vm["scenario"].as<std::string>()) : std::nullopt;
  if (scenario_file && !scenario_files.empty())
    throw sim::ConfigError("sweep: give one scenario file or --scenarios A.ini B.ini ..., not both");
  request.share_groups = model_share_groups();
  for (const auto& file : scenario_files) {
    if (std::find(request.scenario_labels.begin(), request.scenario_labels.end(), file) != request.scenario_labels.end())
      throw sim::ConfigError("--scenarios: " + file + " is given twice");
    request.scenario_labels.push_back(file);
    request.scenario_configs.push_back(resolve_scenario_config(file, split.overrides));
    (void)build_scenario(request.scenario_configs.back());
    check_same_structure(request.scenario_configs.front(), request.scenario_configs.back(),
                         request.scenario_labels.front(), file);
  }
  const sim::config::ResolvedConfig base =
      scenario_files.empty() ? resolve_scenario_config(scenario_file, split.overrides) : request.scenario_configs.front();
  (void)build_scenario(base);
  request.seed = vm.count("seed") ? vm["seed"].as<sim::cli::Count>().value : static_cast<std::uint64_t>(base.integer("run.seed"));
  const SweepIdentity identity = sim::experiment::plan_sweep(request, parameter_registry(), base);
  const int thread_count = resolve_threads(threads);
  std::uint64_t run_bytes = 0;
  {
    oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                      static_cast<std::size_t>(thread_count));
    run_bytes = check_every_point(identity, base);
  }
  const std::uint64_t hash = identity.hash();
  const std::uint64_t at_once = std::min<std::uint64_t>(static_cast<std::uint64_t>(thread_count), identity.runs());
  check_memory_fits(run_bytes * at_once, std::to_string(at_once) + " run" + (at_once == 1 ? "" : "s") + " at once",
                    "use fewer --threads, or fewer farmers or neighbours");

  sim::experiment::MpiSession mpi;
  Paths paths;
  paths.result = output;
  if (!shard.empty()) {
    if (mpi.active()) throw sim::ConfigError("--shard: not with mpirun (MPI ranks already split the sweep)");
    std::tie(paths.shard_index, paths.shard_count) = sim::experiment::parse_shard(shard);
    paths.shard_file = true;
    paths.journal = output + ".journal";
  } else if (mpi.active()) {
    paths.shard_index = static_cast<std::uint64_t>(mpi.rank());
    paths.shard_count = static_cast<std::uint64_t>(mpi.size());
    paths.journal = sim::output::rank_journal(output, mpi.rank(), mpi.size());
  } else {
    paths.journal = output + ".journal";
  }
  const bool root = mpi.rank() == 0;
  if (!vm.count("output") && root) fs::create_directories("out");

  bool complete = false;
  collectively(mpi, [&] {
    if (root || paths.shard_file) complete = check_result(paths, hash, resume, overwrite);
  });
  complete = !mpi.all_ok(!complete);  // every rank learns rank 0's answer
  if (complete) {
    if (root && !quiet) std::printf("sweep: %s is already complete; nothing to do\n", output.c_str());
    return 0;
  }

  // Journals of this output from another layout (rank count, with or without MPI) are refused
  // before anything runs, or removed with --overwrite.
  collectively(mpi, [&] {
    if (!root || paths.shard_file) return;
    std::vector<fs::path> used{paths.journal};
    if (mpi.active())
      for (int rank = 0; rank < mpi.size(); ++rank) used.push_back(sim::output::rank_journal(paths.result, rank, mpi.size()));
    sim::output::handle_foreign_journals(paths.result, used, overwrite);
  });

  std::vector<std::uint64_t> pending;
  std::uint64_t already = 0;
  std::optional<sim::output::JournalWriter> journal;
  collectively(mpi, [&] { journal.emplace(open_journal(paths, identity, resume, overwrite, pending, already)); });

  keep_freed_memory();
  const std::uint64_t slice_runs = already + pending.size();
  SweepProgress progress(slice_runs, already, quiet || !root);
  // One process with one journal starts the sweep file while its last runs end (SweepAssembly).
  // Not with a simulated crash: a test's kill must find only the journal.
  std::optional<sim::output::SweepAssembly> assembly;
  if (!paths.shard_file && !mpi.active() && !vm.count("test-crash-after"))
    assembly.emplace(std::vector<fs::path>{paths.journal}, paths.result, overwrite);
  collectively(mpi, [&] {
    oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                      static_cast<std::size_t>(thread_count));
    RunOptions run_options;
    run_options.threads = thread_count;
    if (vm.count("test-crash-after")) run_options.crash_after = vm["test-crash-after"].as<sim::cli::Count>().value;
    run_options.assembly = assembly ? &*assembly : nullptr;
    run_sweep_runs(identity, base, pending, *journal, progress, run_options);
    journal->close();
  });
  progress.finish();

  // Assemble: the shard file is the finished journal; a sweep file is built from the journal(s).
  collectively(mpi, [&] {
    // The assembly deflates the runs' series on as many threads as the runs had.
    oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                      static_cast<std::size_t>(thread_count));
    if (paths.shard_file) {
      sim::output::move_into_place(paths.journal, paths.result, overwrite);
    } else if (assembly) {
      assembly->finish();
      assembly.reset();
      fs::remove(paths.journal);
    } else if (root) {
      std::vector<fs::path> journals{paths.journal};
      if (mpi.active()) {
        journals.clear();
        for (int rank = 0; rank < mpi.size(); ++rank)
          journals.push_back(sim::output::rank_journal(paths.result, rank, mpi.size()));
      }
      sim::output::assemble_sweep_file(journals, paths.result, overwrite);
      for (const auto& path : journals) fs::remove(path);
    }
  });
  if (root && !quiet) {
    const double seconds = progress.seconds();
    std::printf("sweep: %zu points x %llu replications = %llu runs (%llu run here, %.1f s, %.2f runs/s) -> %s\n",
                identity.points.size(), static_cast<unsigned long long>(identity.replications),
                static_cast<unsigned long long>(identity.runs()), static_cast<unsigned long long>(progress.ran_here()),
                seconds, seconds > 0 ? static_cast<double>(progress.ran_here()) / seconds : 0.0,
                paths.result.c_str());
  }
  return 0;
}

}  // namespace kringloop::agents
