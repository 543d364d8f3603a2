#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::output;
namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("kringloop_test_" + std::to_string(::getpid()) + "_" +
                                               std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

// No temporary file (NAME.tmp-*) is left in `folder`.
bool no_temporaries(const fs::path& folder) {
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) return false;
  return true;
}

RunRecord small_record() {
  RunRecord record;
  const auto share = record.add_series("practice/x/adopted_share", "fraction", "share");
  const auto stages = record.add_series("practice/x/stage_count", "farmers", "stages", {"a", "b"});
  for (int m = 0; m < 3; ++m) {
    record.add_month(last_day_of_month(m));
    record.append(share, 0.1 * m);
    record.append(stages, std::vector<double>{double(m), double(10 - m)});
  }
  record.set_summary("adoption.x.final_share", 0.2);
  return record;
}
}  // namespace

TEST_CASE("a run file is written whole and read back", "[sim][output]") {
  TempDir dir;
  const fs::path file = dir.path / "run.h5";
  RunMetadata metadata;
  metadata.seed = 77;
  metadata.scenario_name = "unit";
  write_run_file(file, small_record(), metadata, false, false);
  CHECK(fs::exists(file));
  CHECK(no_temporaries(dir.path));
  const auto summary = read_run_summary(file);
  REQUIRE(summary.summary.size() == 1);
  CHECK(summary.summary[0].first == "adoption.x.final_share");
  CHECK(summary.summary[0].second == 0.2);
  bool found_seed = false;
  for (const auto& [key, value] : summary.number_attributes) found_seed |= key == "seed" && value == 77;
  CHECK(found_seed);

  SECTION("an existing file is not overwritten without overwrite") {
    const auto size = fs::file_size(file);
    CHECK_THROWS_WITH(check_output_path(file, false), Catch::Contains("exists (use --overwrite"));
    CHECK_THROWS_AS(write_run_file(file, small_record(), metadata, false, false), IoError);
    CHECK(fs::file_size(file) == size);
    CHECK(no_temporaries(dir.path));
    CHECK_NOTHROW(write_run_file(file, small_record(), metadata, true, false));
  }
}

TEST_CASE("unwritable or missing output folders are refused before running", "[sim][output]") {
  TempDir dir;
  CHECK_THROWS_WITH(check_output_path(dir.path / "missing" / "run.h5", false), Catch::Contains("does not exist"));
  CHECK_THROWS_WITH(check_output_path(dir.path, false), Catch::Contains("is a directory"));
  CHECK_FALSE(fs::exists(dir.path / "missing"));
}

TEST_CASE("damaged and foreign files give clear errors", "[sim][output]") {
  TempDir dir;
  CHECK_THROWS_WITH(read_run_summary(dir.path / "none.h5"), Catch::Contains("file not found"));
  const fs::path junk = dir.path / "junk.h5";
  std::ofstream(junk) << "not hdf5 at all";
  CHECK_THROWS_WITH(read_run_summary(junk), Catch::Contains("not an HDF5 file"));
  const fs::path good = dir.path / "good.h5";
  write_run_file(good, small_record(), RunMetadata{}, false, false);
  const fs::path truncated = dir.path / "truncated.h5";
  fs::copy_file(good, truncated);
  fs::resize_file(truncated, fs::file_size(good) / 2);
  CHECK_THROWS_AS(read_run_summary(truncated), IoError);
}
