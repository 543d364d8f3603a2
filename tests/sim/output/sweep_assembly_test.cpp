// The sweep file assembled in steps while its journal is still being appended to (SweepAssembly,
// sim/output/sweep_file.hpp) is the file assemble_sweep_file makes from the finished journal: runs
// in run order whatever was ready when, nothing written past a run not yet in the journal, no
// temporary file before the first run is written and none left behind when the sweep fails.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/errors.hpp"
#include "sim/output/hdf5_handle.hpp"
#include "sim/output/journal.hpp"
#include "sim/output/sweep_file.hpp"

namespace fs = std::filesystem;
using namespace kringloop::sim;
using namespace kringloop::sim::output;

namespace {

// Six runs: two points, three replications.
SweepIdentity six_run_identity() {
  SweepIdentity identity;
  identity.scenario_text = "[run]\nseed = 1\n";
  identity.design = "grid";
  identity.names = {"a.x"};
  identity.integer_keys = {0};
  identity.points = {{0.5}, {0.25}};
  identity.raw_points = identity.points;
  identity.seed = 11;
  identity.replications = 3;
  return identity;
}

// Run r's record: its values say which run it is.
RunRecord run_record(std::uint64_t run) {
  const double r = static_cast<double>(run);
  RunRecord record;
  record.add_month(30);
  record.add_month(58);
  record.add_month(89);
  const auto flat = record.add_series("group/flat", "u", "a flat series");
  const auto wide = record.add_series("group/wide", "v", "a 2-column series", {"left", "right"});
  for (int m = 0; m < 3; ++m) {
    record.append(flat, 10 * r + m);
    record.append(wide, std::vector<double>{r, -m - r / 8});
  }
  record.set_summary("metric.run", r);
  record.set_summary("metric.nan", std::nan(""));
  return record;
}

struct Folder {
  fs::path path = fs::temp_directory_path() / ("kringloop_assembly_test_" + std::to_string(::getpid()));
  Folder() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  // Names in the folder that start with `stem` (the file and its temporaries).
  std::vector<std::string> starting_with(const std::string& stem) const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(stem, 0) == 0) names.push_back(name);
    }
    return names;
  }
};

std::vector<double> read_all(const fs::path& file, const std::string& dataset) {
  Handle f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  REQUIRE(f.get() >= 0);
  Handle d(H5Dopen2(f.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  REQUIRE(d.get() >= 0);
  Handle space(H5Dget_space(d.get()), H5Sclose);
  std::vector<double> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  REQUIRE(H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
  return values;
}

// Every run's values in run order, as the file holds them.
void check_runs_in_order(const fs::path& file) {
  const std::vector<double> flat = read_all(file, "runs/series/group/flat");
  const std::vector<double> wide = read_all(file, "runs/series/group/wide");
  const std::vector<double> runs = read_all(file, "runs/summary/metric.run");
  REQUIRE(flat.size() == 6 * 3);
  REQUIRE(wide.size() == 6 * 3 * 2);
  REQUIRE(runs.size() == 6);
  for (std::size_t r = 0; r < 6; ++r) {
    CHECK(runs[r] == static_cast<double>(r));
    for (std::size_t m = 0; m < 3; ++m) {
      CHECK(flat[r * 3 + m] == 10.0 * static_cast<double>(r) + static_cast<double>(m));
      CHECK(wide[(r * 3 + m) * 2] == static_cast<double>(r));
      CHECK(wide[(r * 3 + m) * 2 + 1] == -static_cast<double>(m) - static_cast<double>(r) / 8);
    }
  }
}

}  // namespace

TEST_CASE("A sweep file assembled while its journal grows is the one assembled at the end", "[sim][sweep]") {
  silence_hdf5_errors();
  Folder folder;
  const SweepIdentity identity = six_run_identity();
  JournalHeader header;
  header.identity = identity;

  // At the end, from the finished journal.
  const fs::path whole_journal = folder.path / "whole.journal", whole = folder.path / "whole.h5";
  {
    JournalWriter writer = JournalWriter::create(whole_journal, header);
    for (std::uint64_t run = 0; run < 6; ++run) writer.append(run, serialize_run(run_record(run)));
    writer.close();
  }
  assemble_sweep_file({whole_journal}, whole, false);
  check_runs_in_order(whole);

  // In steps: runs appended out of order (as a resumed sweep's are), a gap, a pause.
  const fs::path journal = folder.path / "steps.journal", steps = folder.path / "steps.h5";
  JournalWriter writer = JournalWriter::create(journal, header);
  writer.append(1, serialize_run(run_record(1)));  // in the journal before the assembly starts
  SweepAssembly assembly({journal}, steps, false);
  auto append = [&](std::uint64_t run) { assembly.appended(run, writer.append(run, serialize_run(run_record(run)))); };
  int asked = 0;
  const auto always = [&] {
    ++asked;
    return true;
  };
  // Run 0 is not there yet: nothing is written, not even the temporary file.
  assembly.write_ready_runs(always);
  CHECK(asked == 1);
  CHECK(folder.starting_with("steps.h5").empty());
  append(0);
  append(3);
  asked = 0;
  assembly.write_ready_runs(always);  // runs 0 and 1; it stops at run 2, which is missing
  CHECK(asked == 3);
  CHECK(folder.starting_with("steps.h5").size() == 1);  // the temporary file, not the result
  CHECK(!fs::exists(steps));
  append(2);
  asked = 0;
  assembly.write_ready_runs([&] { return ++asked < 2; });  // lets it write one run: run 2
  CHECK(asked == 2);
  append(5);
  append(4);
  writer.close();
  assembly.finish();  // runs 3, 4, 5
  CHECK(folder.starting_with("steps.h5") == std::vector<std::string>{"steps.h5"});
  check_runs_in_order(steps);
  for (const std::string dataset : {"runs/series/group/flat", "runs/series/group/wide", "runs/summary/metric.run",
                                    "runs/summary/metric.nan", "runs/seed", "runs/point"}) {
    INFO(dataset);
    const std::vector<double> a = read_all(whole, dataset), b = read_all(steps, dataset);
    REQUIRE(a.size() == b.size());
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("A sweep assembled in steps refuses missing runs and leaves no file behind", "[sim][sweep]") {
  silence_hdf5_errors();
  Folder folder;
  JournalHeader header;
  header.identity = six_run_identity();
  const fs::path journal = folder.path / "part.journal", output = folder.path / "part.h5";
  JournalWriter writer = JournalWriter::create(journal, header);
  {
    SweepAssembly assembly({journal}, output, false);
    for (std::uint64_t run : {0, 1, 2, 4, 5}) assembly.appended(run, writer.append(run, serialize_run(run_record(run))));
    assembly.write_ready_runs([] { return true; });
    CHECK(folder.starting_with("part.h5").size() == 1);  // runs 0–2 are in the temporary file
    try {
      assembly.finish();
      FAIL("finish() accepted a sweep without run 3");
    } catch (const IoError& error) {
      CHECK_THAT(error.what(), Catch::Contains("1 of 6 runs are missing (first: run 3)"));
    }
  }
  CHECK(folder.starting_with("part.h5").empty());  // no result, no temporary file
  writer.close();
}

TEST_CASE("A journal append returns the offset scan_journal lists", "[sim][sweep]") {
  Folder folder;
  JournalHeader header;
  header.identity = six_run_identity();
  const fs::path journal = folder.path / "offsets.journal";
  std::vector<std::uint64_t> offsets;
  {
    JournalWriter writer = JournalWriter::create(journal, header);
    for (std::uint64_t run : {2, 0, 5}) offsets.push_back(writer.append(run, serialize_run(run_record(run))));
    writer.close();
  }
  JournalScan scan = scan_journal(journal);
  REQUIRE(scan.records.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(scan.records[i].second == offsets[i]);
  // And after a reopen, where appends continue behind the valid prefix.
  {
    JournalWriter writer = JournalWriter::reopen(journal, scan);
    offsets.push_back(writer.append(1, serialize_run(run_record(1))));
    writer.close();
  }
  scan = scan_journal(journal);
  REQUIRE(scan.records.size() == 4);
  CHECK(scan.records[3].second == offsets[3]);
}

TEST_CASE("A failure while writing early waits for the end of the runs, where it is written again or reported",
          "[sim][sweep]") {
  silence_hdf5_errors();
  Folder folder;
  JournalHeader header;
  header.identity = six_run_identity();
  const fs::path journal = folder.path / "fail.journal", output = folder.path / "fail.h5";

  SECTION("a failure that passes: run 2 not readable where it was said to be, after runs 0 and 1 were written") {
    JournalWriter writer = JournalWriter::create(journal, header);
    SweepAssembly assembly({journal}, output, false);
    std::vector<std::uint64_t> offsets;
    for (std::uint64_t run = 0; run < 6; ++run) offsets.push_back(writer.append(run, serialize_run(run_record(run))));
    assembly.appended(0, offsets[0]);
    assembly.appended(1, offsets[1]);
    assembly.appended(2, offsets[1]);  // run 1's record: refused when read as run 2
    assembly.write_ready_runs([] { return true; });  // writes 0 and 1, fails at 2; throws nothing
    CHECK(folder.starting_with("fail.h5").empty());  // what it wrote is dropped
    for (std::uint64_t run = 2; run < 6; ++run) assembly.appended(run, offsets[run]);
    assembly.write_ready_runs([] { return true; });  // gave up: writes nothing more
    CHECK(folder.starting_with("fail.h5").empty());
    writer.close();
    assembly.finish();  // every run again, from run 0
    CHECK(folder.starting_with("fail.h5") == std::vector<std::string>{"fail.h5"});
    check_runs_in_order(output);
  }
  SECTION("a failure that stays: the destination made after the sweep checked it") {
    JournalWriter writer = JournalWriter::create(journal, header);
    SweepAssembly assembly({journal}, output, false);
    for (std::uint64_t run = 0; run < 6; ++run) assembly.appended(run, writer.append(run, serialize_run(run_record(run))));
    { std::ofstream(output) << "not a sweep"; }
    assembly.write_ready_runs([] { return true; });  // the temporary file's own check refuses
    CHECK(folder.starting_with("fail.h5") == std::vector<std::string>{"fail.h5"});
    writer.close();
    try {
      assembly.finish();
      FAIL("finish() replaced a file it was not asked to overwrite");
    } catch (const IoError& error) {
      CHECK_THAT(error.what(), Catch::Contains("output file exists"));
    }
    std::ifstream kept(output);
    std::string text;
    std::getline(kept, text);
    CHECK(text == "not a sweep");
    CHECK(folder.starting_with("fail.h5") == std::vector<std::string>{"fail.h5"});
  }
}
