// Result files appear whole or not at all, and never replace what they must not.
//
// A result is written to a temporary file with a unique name in the destination's own folder (so
// the final rename stays on one file system and is atomic), created exclusively (O_EXCL: a symlink
// or any other file planted under that name is refused, never followed). Commit renames it over
// the destination in one step:
//   - without overwrite, with RENAME_NOREPLACE (or link(2) where a file system lacks it): when two
//     processes write the same result, the first to finish wins and the second fails with a clear
//     message instead of replacing it;
//   - with overwrite, only a regular file is replaced: a device node, a directory or a symlink at
//     the destination is refused even with --overwrite.
// Until commit, the destructor removes the temporary file, so an error or exception leaves nothing
// half-written behind. (A process killed with SIGKILL leaves its NAME.tmp-XXXXXXXX file; it is never
// mistaken for a result.)
#pragma once
#include <filesystem>

namespace kringloop::sim::output {

class AtomicOutput {
 public:
  // Checks the destination: its folder exists, it is not a directory, it does not exist unless
  // `overwrite` (and then is a regular file). Picks the temporary name. Throws IoError.
  AtomicOutput(std::filesystem::path destination, bool overwrite);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();

  // The unique temporary path; the writer must create it exclusively (O_EXCL / H5F_ACC_EXCL).
  const std::filesystem::path& temporary() const { return temporary_; }
  const std::filesystem::path& destination() const { return destination_; }

  // Creates the temporary file exclusively and returns its descriptor (for POSIX writers).
  int create_exclusive() const;

  // Flushes the temporary file to disk, renames it to the destination (rules above) and syncs the
  // folder. Throws IoError; the temporary file is then removed by the destructor.
  void commit();

 private:
  std::filesystem::path destination_, temporary_;
  bool overwrite_ = false, committed_ = false;
};

// Throws IoError unless `path` is absent, or (when overwrite) a regular file; also refuses a missing
// folder and an empty path. The up-front check commands run before a long computation.
void check_destination(const std::filesystem::path& path, bool overwrite);

// Renames a finished file `from` to `to` by the commit rules above (no replacing without
// overwrite; only a regular file with it). Throws IoError.
void move_into_place(const std::filesystem::path& from, const std::filesystem::path& to, bool overwrite);

}  // namespace kringloop::sim::output
