// Writing and reading single-run files (layout in docs/OUTPUT.md). Files are written under a unique
// temporary name and renamed when complete (atomic_file.hpp); an existing result is never replaced
// without overwrite, and only a regular file is replaced with it.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "sim/output/run_record.hpp"

namespace kringloop::sim::output {

inline constexpr int run_format_version = 1;

// Checks before a run starts (so a long run is not wasted): refuses an existing file without
// overwrite, and a folder that does not exist or cannot be written. Throws IoError.
void check_output_path(const std::filesystem::path& path, bool overwrite);

// Writes a temporary file, then renames it to PATH. On any error the temporary file is removed.
void write_run_file(const std::filesystem::path& path, const RunRecord& record, const RunMetadata& metadata,
                    bool overwrite, bool write_snapshots);

// What `kringloop inspect` shows: root attributes and the summary, in file order.
struct RunFileSummary {
  std::vector<std::pair<std::string, std::string>> text_attributes;
  std::vector<std::pair<std::string, double>> number_attributes;
  std::vector<std::pair<std::string, double>> summary;
};
RunFileSummary read_run_summary(const std::filesystem::path& path);

}  // namespace kringloop::sim::output
