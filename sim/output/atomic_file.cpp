#include "sim/output/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "sim/errors.hpp"

namespace kringloop::sim::output {

namespace fs = std::filesystem;

namespace {

fs::path folder_of(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

// A name no other writer picks: 64 random bits from the operating system's entropy source.
fs::path unique_temporary(const fs::path& destination) {
  std::random_device entropy;
  const unsigned long long word = (static_cast<unsigned long long>(entropy()) << 32) ^ entropy();
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, ".tmp-%016llx", word);
  return fs::path(destination.string() + suffix);
}

void sync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename is atomic whether or not the disk has it yet
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void check_destination(const fs::path& path, bool overwrite) {
  const std::string name = path.string();
  if (name.empty()) throw IoError("output file name is empty");
  const fs::path folder = folder_of(path);
  std::error_code error;
  if (!fs::is_directory(folder, error)) throw IoError(name + ": output folder " + folder.string() + " does not exist");
  struct stat status{};
  if (::lstat(path.c_str(), &status) != 0) {
    if (errno == ENOENT) return;
    throw IoError(name + ": cannot check the output path: " + std::strerror(errno));
  }
  if (S_ISDIR(status.st_mode)) throw IoError(name + ": output path is a directory");
  if (!overwrite) throw IoError(name + ": output file exists (use --overwrite to replace it)");
  if (!S_ISREG(status.st_mode))
    throw IoError(name + ": is not a regular file (a symlink, device or pipe); refusing to replace it even with --overwrite");
}

AtomicOutput::AtomicOutput(fs::path destination, bool overwrite)
    : destination_(std::move(destination)), overwrite_(overwrite) {
  check_destination(destination_, overwrite_);
  temporary_ = unique_temporary(destination_);
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) ::unlink(temporary_.c_str());
}

int AtomicOutput::create_exclusive() const {
  const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError(destination_.string() + ": cannot create " + temporary_.string() + ": " + std::strerror(errno));
  return fd;
}

void AtomicOutput::commit() {
  move_into_place(temporary_, destination_, overwrite_);
  committed_ = true;
}

void move_into_place(const fs::path& from, const fs::path& to, bool overwrite) {
  const std::string name = to.string();
  sync_path(from, O_RDONLY);
  if (overwrite) {
    check_destination(to, true);  // still absent or a regular file (not swapped meanwhile)
    if (::rename(from.c_str(), to.c_str()) != 0)
      throw IoError(name + ": cannot rename the finished file into place: " + std::strerror(errno));
  } else {
    int result = ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE);
    if (result != 0 && (errno == EINVAL || errno == ENOSYS)) {
      // No RENAME_NOREPLACE on this file system: link(2) also fails when the destination exists.
      result = ::link(from.c_str(), to.c_str());
      if (result == 0) ::unlink(from.c_str());
    }
    if (result != 0) {
      if (errno == EEXIST)
        throw IoError(name + ": another process wrote this file first; it was kept and this result discarded "
                             "(use --overwrite to replace it)");
      throw IoError(name + ": cannot rename the finished file into place: " + std::strerror(errno));
    }
  }
  sync_path(folder_of(to), O_RDONLY | O_DIRECTORY);
}

}  // namespace kringloop::sim::output
