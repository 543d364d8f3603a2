// Telling result files apart before reading them (`kringloop inspect` on a run or a sweep).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "sim/errors.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/sweep_overview.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::output;
namespace fs = std::filesystem;

TEST_CASE("read_file_format names the kind of a result file or says why it has none", "[sim][output]") {
  const fs::path dir = fs::temp_directory_path() / ("kringloop_format_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  RunRecord record;
  const auto series = record.add_series("x/share", "fraction", "share");
  record.add_month(30);
  record.append(series, 0.5);
  write_run_file(dir / "run.h5", record, RunMetadata{}, false, false);
  std::ofstream(dir / "text.h5") << "not hdf5\n";

  CHECK(read_file_format(dir / "run.h5") == "kringloop-run");
  CHECK_THROWS_WITH(read_file_format(dir / "missing.h5"), Catch::Contains("missing.h5: file not found"));
  CHECK_THROWS_WITH(read_file_format(dir / "text.h5"), Catch::Contains("not an HDF5 file"));
  CHECK_THROWS_AS(read_file_format(dir), IoError);
  // A run file is not a sweep: the overview refuses it by name.
  CHECK_THROWS_WITH(read_sweep_overview(dir / "run.h5"), Catch::Contains("not a sweep"));
  fs::remove_all(dir);
}
