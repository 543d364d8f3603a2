// Result files appear whole or not at all and never replace what they must not (issue 17,
// findings 2 and 3): a symlink planted at the old fixed temporary name, a device or symlink at the
// destination, and a second writer that finishes later.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "sim/errors.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/run_file.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::output;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("kringloop_atomic_" + std::to_string(::getpid()) + "_" +
                                               std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Writes `text` through an AtomicOutput and commits.
void atomic_write(const fs::path& path, const std::string& text, bool overwrite) {
  AtomicOutput output(path, overwrite);
  const int fd = output.create_exclusive();
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fd);
  output.commit();
}

std::size_t temporaries(const fs::path& folder) {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(folder))
    count += entry.path().filename().string().find(".tmp-") != std::string::npos;
  return count;
}

RunRecord one_month() {
  RunRecord record;
  const auto share = record.add_series("practice/x/adopted_share", "fraction", "share");
  record.add_month(30);
  record.append(share, 0.5);
  record.set_summary("adoption.x.final_share", 0.5);
  return record;
}

}  // namespace

TEST_CASE("atomic output: a file appears whole, under its name, with nothing else left", "[sim][output]") {
  TempDir dir;
  const fs::path file = dir.path / "result.bin";
  atomic_write(file, "whole", false);
  CHECK(contents(file) == "whole");
  CHECK(temporaries(dir.path) == 0);

  SECTION("an error before commit leaves nothing behind") {
    {
      AtomicOutput output(dir.path / "other.bin", false);
      ::close(output.create_exclusive());
      CHECK(fs::exists(output.temporary()));
    }
    CHECK_FALSE(fs::exists(dir.path / "other.bin"));
    CHECK(temporaries(dir.path) == 0);
  }
  SECTION("the temporary name differs between writers") {
    AtomicOutput first(dir.path / "x", false), second(dir.path / "x", false);
    CHECK(first.temporary() != second.temporary());
    CHECK(first.temporary().parent_path() == dir.path);  // same folder: the rename stays atomic
  }
}

TEST_CASE("atomic output: of two writers of one result the first wins", "[sim][output]") {
  TempDir dir;
  const fs::path file = dir.path / "result.bin";
  AtomicOutput late(file, false);  // both pass the up-front check: the file does not exist yet
  ::close(late.create_exclusive());
  atomic_write(file, "first", false);
  CHECK_THROWS_WITH(late.commit(), Catch::Contains("another process wrote this file first"));
  CHECK(contents(file) == "first");
}

TEST_CASE("atomic output: a planted symlink is never followed", "[sim][output]") {
  TempDir dir;
  const fs::path victim = dir.path / "victim.txt", file = dir.path / "run.h5";
  write_text(victim, "precious");
  // The old writer used the fixed name run.h5.partial and followed a symlink planted there.
  fs::create_symlink(victim, dir.path / "run.h5.partial");
  write_run_file(file, one_month(), RunMetadata{}, false, false);
  CHECK(contents(victim) == "precious");
  CHECK(fs::is_regular_file(fs::symlink_status(file)));

  SECTION("a symlink at the destination is not replaced, even with overwrite") {
    const fs::path link = dir.path / "link.h5";
    fs::create_symlink(victim, link);
    CHECK_THROWS_WITH(write_run_file(link, one_month(), RunMetadata{}, true, false), Catch::Contains("not a regular file"));
    CHECK(fs::is_symlink(link));
    CHECK(contents(victim) == "precious");
  }
  SECTION("a pipe (or device) at the destination is not replaced, even with overwrite") {
    const fs::path pipe = dir.path / "pipe.h5";
    REQUIRE(::mkfifo(pipe.c_str(), 0644) == 0);
    CHECK_THROWS_WITH(check_output_path(pipe, true), Catch::Contains("not a regular file"));
    CHECK_THROWS_AS(write_run_file(pipe, one_month(), RunMetadata{}, true, false), IoError);
    CHECK(fs::is_fifo(pipe));
  }
  SECTION("a regular file is replaced with overwrite") {
    write_text(dir.path / "old.h5", "old");
    write_run_file(dir.path / "old.h5", one_month(), RunMetadata{}, true, false);
    CHECK(contents(dir.path / "old.h5") != "old");
  }
  CHECK(temporaries(dir.path) == 0);
}

TEST_CASE("atomic output: bad destinations are refused up front", "[sim][output]") {
  TempDir dir;
  CHECK_THROWS_WITH(check_destination("", false), Catch::Contains("empty"));
  CHECK_THROWS_WITH(check_destination(dir.path / "no" / "x.h5", false), Catch::Contains("does not exist"));
  CHECK_THROWS_WITH(check_destination(dir.path, true), Catch::Contains("is a directory"));
  write_text(dir.path / "x.h5", "x");
  CHECK_THROWS_WITH(check_destination(dir.path / "x.h5", false), Catch::Contains("--overwrite"));
  CHECK_NOTHROW(check_destination(dir.path / "x.h5", true));
}
