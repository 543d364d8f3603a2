#include "sim/output/journal_files.hpp"

#include <algorithm>

#include "sim/errors.hpp"

namespace kringloop::sim::output {

namespace fs = std::filesystem;

fs::path rank_journal(const fs::path& result, int rank, int size) {
  return fs::path(result.string() + ".journal.rank" + std::to_string(rank) + "of" + std::to_string(size));
}

std::vector<fs::path> journals_of(const fs::path& result) {
  const fs::path folder = result.has_parent_path() ? result.parent_path() : fs::path(".");
  const std::string plain = result.filename().string() + ".journal", ranked = plain + ".rank";
  std::vector<fs::path> found;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name == plain || (name.rfind(ranked, 0) == 0 && name.find("of", ranked.size()) != std::string::npos))
      found.push_back(folder / name);
  }
  std::sort(found.begin(), found.end());
  return found;
}

void handle_foreign_journals(const fs::path& result, const std::vector<fs::path>& used, bool remove) {
  for (const fs::path& journal : journals_of(result)) {
    const bool ours = std::any_of(used.begin(), used.end(), [&](const fs::path& path) {
      return path.filename() == journal.filename();
    });
    if (ours) continue;
    std::error_code error;
    if (remove && fs::is_regular_file(fs::symlink_status(journal, error))) {
      fs::remove(journal, error);
      continue;
    }
    const std::string name = journal.filename().string();
    const auto rank = name.find(".rank");
    const std::string layout = rank == std::string::npos
                                   ? "without MPI (resume it without mpirun)"
                                   : "with " + name.substr(name.find("of", rank) + 2) +
                                         " MPI ranks (resume it with mpirun -np " + name.substr(name.find("of", rank) + 2) + ")";
    throw IoError(journal.string() + ": an unfinished journal of this output written " + layout +
                  ", or start over with --overwrite; nothing was changed");
  }
}

}  // namespace kringloop::sim::output
