// Writing and reading single-run files (layout in docs/OUTPUT.md). Files are written as
// NAME.partial and renamed when complete; an existing result is never replaced without overwrite.
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "sim/output/run_record.hpp"

namespace kringloop::sim::output {

inline constexpr int run_format_version = 1;

// Checks before a run starts (so a long run is not wasted): refuses an existing file without
// overwrite, and a folder that does not exist or cannot be written. Throws IoError.
void check_output_path(const std::filesystem::path& path, bool overwrite);

// Writes `PATH.partial`, then renames it to PATH. On any error the partial file is removed.
void write_run_file(const std::filesystem::path& path, const RunRecord& record, const RunMetadata& metadata,
                    bool overwrite, bool write_snapshots);

// What `kringloop inspect` shows: root attributes and the summary, in file order.
struct RunFileSummary {
  std::vector<std::pair<std::string, std::string>> text_attributes;
  std::vector<std::pair<std::string, double>> number_attributes;
  std::vector<std::pair<std::string, double>> summary;
};
RunFileSummary read_run_summary(const std::filesystem::path& path);

// Removes a file on scope exit unless released: the guarantee behind "nothing half-written".
class PartialFileGuard {
 public:
  explicit PartialFileGuard(std::filesystem::path path) : path_(std::move(path)) {}
  PartialFileGuard(const PartialFileGuard&) = delete;
  PartialFileGuard& operator=(const PartialFileGuard&) = delete;
  ~PartialFileGuard() {
    if (!released_) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }
  void release() { released_ = true; }

 private:
  std::filesystem::path path_;
  bool released_ = false;
};

std::filesystem::path partial_path(const std::filesystem::path& path);

// Renames PATH.partial to PATH (refusing to replace PATH unless overwrite). Throws IoError.
void commit_partial(const std::filesystem::path& path, bool overwrite);

}  // namespace kringloop::sim::output
