#include "sim/output/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <algorithm>
#include <cstring>

#include <libdeflate.h>

#include "sim/errors.hpp"
#include "sim/random.hpp"

namespace kringloop::sim::output {

namespace fs = std::filesystem;

namespace {

constexpr char header_magic[8] = {'K', 'L', 'S', 'W', 'E', 'E', 'P', 'J'};
// Version 2: record checksums start from the sweep's identity hash (version 1 records could be
// spliced between sweeps unnoticed). Version 3: a record's checksum is the CRC-32 of zlib, three times
// the speed of the byte-wise FNV-1a (each record is checked when written, when the journal is
// scanned and when it is read back: issue 16).
constexpr std::uint32_t journal_version = 3;
constexpr std::uint32_t record_magic = 0x52524C4Bu;  // "KLRR" in file order
constexpr std::size_t record_head = 4 + 8 + 8;        // magic, run, length
constexpr std::uint64_t max_payload = std::uint64_t{1} << 36;

class ByteWriter {
 public:
  template <class T>
  void put(T value) {
    const auto* bytes = reinterpret_cast<const char*>(&value);
    out_.append(bytes, sizeof(T));
  }
  void put_string(const std::string& text) {
    put<std::uint64_t>(text.size());
    out_.append(text);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  ByteReader(const std::string& bytes, std::string file) : bytes_(bytes), file_(std::move(file)) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, bytes_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return value;
  }
  std::string get_string() {
    const auto size = get<std::uint64_t>();
    need(size);
    std::string text = bytes_.substr(position_, size);
    position_ += size;
    return text;
  }
  // A count of items of at least `item_bytes` each: bounded by what is left, so damage cannot
  // make a reader allocate without limit.
  std::uint64_t get_count(std::size_t item_bytes) {
    const auto count = get<std::uint64_t>();
    if (item_bytes > 0 && count > (bytes_.size() - position_) / item_bytes) damaged();
    return count;
  }
  // `count` values of T at once (their bytes as written, this machine's order).
  template <class T>
  void get_array(T* out, std::size_t count) {
    need(count * sizeof(T));
    std::memcpy(out, bytes_.data() + position_, count * sizeof(T));
    position_ += count * sizeof(T);
  }
  bool at_end() const { return position_ == bytes_.size(); }
  std::size_t position() const { return position_; }

 private:
  void need(std::uint64_t size) {
    if (size > bytes_.size() - position_) damaged();
  }
  [[noreturn]] void damaged() const { throw IoError(file_ + ": damaged sweep journal (a record does not parse)"); }
  const std::string& bytes_;
  std::string file_;
  std::size_t position_ = 0;
};

std::string serialize_identity(const SweepIdentity& identity) {
  ByteWriter out;
  out.put_string(identity.scenario_text);
  out.put_string(identity.design);
  out.put<std::uint64_t>(identity.names.size());
  for (std::size_t i = 0; i < identity.names.size(); ++i) {
    out.put_string(identity.names[i]);
    out.put<std::uint8_t>(identity.integer_keys.at(i));
  }
  for (const auto* table : {&identity.points, &identity.raw_points}) {
    out.put<std::uint64_t>(table->size());
    for (const auto& point : *table)
      for (double value : point) out.put<double>(value);
  }
  out.put(identity.base_samples);
  out.put(identity.trajectories);
  out.put(identity.levels);
  out.put(identity.seed);
  out.put(identity.replications);
  return std::move(out.bytes());
}

SweepIdentity parse_identity(ByteReader& in) {
  SweepIdentity identity;
  identity.scenario_text = in.get_string();
  identity.design = in.get_string();
  const auto factors = in.get_count(9);
  for (std::uint64_t i = 0; i < factors; ++i) {
    identity.names.push_back(in.get_string());
    identity.integer_keys.push_back(in.get<std::uint8_t>());
  }
  for (auto* table : {&identity.points, &identity.raw_points}) {
    const auto points = in.get_count(factors * sizeof(double));
    table->assign(points, std::vector<double>(factors));
    for (auto& point : *table)
      for (double& value : point) value = in.get<double>();
  }
  identity.base_samples = in.get<std::uint64_t>();
  identity.trajectories = in.get<std::uint64_t>();
  identity.levels = in.get<std::uint64_t>();
  identity.seed = in.get<std::uint64_t>();
  identity.replications = in.get<std::uint64_t>();
  return identity;
}

// A record's checksum covers the sweep's identity hash, the run index and the payload: a whole record
// copied from another sweep's journal fails it like a torn one. CRC-32 (the polynomial and values of
// zlib's crc32, computed by libdeflate with carry-less multiplication: three times zlib's speed,
// issue 16) in the low half of the stored 64 bits, for a torn or overwritten record as sure a sign
// as FNV-1a's 64 bits in practice (a random record passes with probability 2^-32).
std::uint64_t record_checksum(std::uint64_t identity_hash, std::uint64_t run, const std::string& payload) {
  std::uint32_t crc = libdeflate_crc32(0, &identity_hash, 8);
  crc = libdeflate_crc32(crc, &run, 8);
  crc = libdeflate_crc32(crc, payload.data(), payload.size());
  return static_cast<std::uint64_t>(crc);
}

// pread until `size` bytes or end of file; returns the bytes read.
std::size_t read_at(int fd, void* buffer, std::size_t size, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = ::pread(fd, static_cast<char*>(buffer) + done, size - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

int open_for_reading(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) throw IoError(path.string() + ": file not found");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(path.string() + ": cannot read: " + std::strerror(errno));
  return fd;
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Returns the header and its size in bytes.
std::pair<JournalHeader, std::uint64_t> parse_header(int fd, const fs::path& path) {
  const std::string name = path.string();
  char magic[8] = {};
  std::uint32_t version = 0;
  std::uint64_t length = 0;
  if (read_at(fd, magic, 8, 0) != 8 || std::memcmp(magic, header_magic, 8) != 0)
    throw IoError(name + ": not a Kringloop sweep journal or shard file");
  if (read_at(fd, &version, 4, 8) != 4 || version != journal_version)
    throw IoError(name + ": sweep journal version " + std::to_string(version) + " is not supported (expected " +
                  std::to_string(journal_version) + ")");
  // The header's length is checked against the file before allocating (fuzz finding: a damaged
  // length made the reader allocate 9.8 GB).
  struct stat status{};
  const std::uint64_t size = ::fstat(fd, &status) == 0 ? static_cast<std::uint64_t>(status.st_size) : 0;
  if (read_at(fd, &length, 8, 12) != 8 || length > max_payload || size < 28 || length > size - 28)
    throw IoError(name + ": damaged sweep journal header");
  std::string body(length, '\0');
  std::uint64_t stored = 0;
  if (read_at(fd, body.data(), length, 20) != length || read_at(fd, &stored, 8, 20 + length) != 8 ||
      stored != checksum(body.data(), body.size()))
    throw IoError(name + ": damaged sweep journal header (truncated or overwritten)");
  ByteReader in(body, name);
  JournalHeader header;
  header.identity = parse_identity(in);
  header.shard_index = in.get<std::uint64_t>();
  header.shard_count = in.get<std::uint64_t>();
  if (!in.at_end()) parse_identity_extension(body, in.position(), header.identity, name);
  if (header.shard_count == 0 || header.shard_index >= header.shard_count)
    throw IoError(name + ": damaged sweep journal header");
  return {std::move(header), 20 + length + 8};
}

}  // namespace

std::uint64_t checksum(const void* data, std::size_t size, std::uint64_t hash) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= bytes[i];
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::uint64_t SweepIdentity::seed_of(std::uint64_t run) const {
  return derive_seed(seed, point_of(run), replication_of(run));
}

std::uint64_t SweepIdentity::hash() const {
  std::string bytes = serialize_identity(*this);
  if (extended()) bytes += serialize_identity_extension(*this);
  return checksum(bytes.data(), bytes.size());
}

std::string factor_value_text(double value, bool integer) {
  if (integer) return std::to_string(std::llround(value));
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string SweepIdentity::run_arguments(std::uint64_t run) const {
  std::string text = "--seed " + std::to_string(seed_of(run));
  const std::uint64_t point = point_of(run);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (i != scenario_factor()) text += " --" + names[i] + " " + value_text(point, i);
  for (std::size_t q = 0; q < derived_names.size(); ++q)
    text += " --" + derived_names[q] + " " + factor_value_text(derived_points.at(point).at(q), false);
  return text;
}

std::string serialize_run(const RunRecord& record) {
  ByteWriter out;
  out.put<std::uint64_t>(record.month_end_days().size());
  for (Day day : record.month_end_days()) out.put<std::int64_t>(day);
  out.put<std::uint64_t>(record.series().size());
  for (const Series& series : record.series()) {
    out.put_string(series.path);
    out.put_string(series.unit);
    out.put_string(series.description);
    out.put<std::uint64_t>(series.columns.size());
    for (const auto& column : series.columns) out.put_string(column);
    out.put<std::uint64_t>(series.values.size());
    out.bytes().append(reinterpret_cast<const char*>(series.values.data()), series.values.size() * sizeof(double));
  }
  out.put<std::uint64_t>(record.summary().size());
  for (const auto& [key, value] : record.summary()) {
    out.put_string(key);
    out.put<double>(value);
  }
  return std::move(out.bytes());
}

RunRecord deserialize_run(const std::string& payload, const std::string& file) {
  ByteReader in(payload, file);
  RunRecord record;
  const auto months = in.get_count(8);
  for (std::uint64_t m = 0; m < months; ++m) record.add_month(static_cast<Day>(in.get<std::int64_t>()));
  const auto series_count = in.get_count(40);
  for (std::uint64_t s = 0; s < series_count; ++s) {
    std::string path = in.get_string(), unit = in.get_string(), description = in.get_string();
    std::vector<std::string> columns(in.get_count(8));
    for (auto& column : columns) column = in.get_string();
    const std::size_t index = record.add_series(std::move(path), std::move(unit), std::move(description), std::move(columns));
    std::vector<double> values(in.get_count(sizeof(double)));
    in.get_array(values.data(), values.size());
    record.append(index, values);
  }
  const auto summary_count = in.get_count(16);
  for (std::uint64_t k = 0; k < summary_count; ++k) {
    std::string key = in.get_string();
    record.set_summary(std::move(key), in.get<double>());
  }
  if (!in.at_end()) throw IoError(file + ": damaged sweep journal (trailing bytes in a record)");
  return record;
}

JournalHeader read_journal_header(const fs::path& path) {
  FdCloser fd{open_for_reading(path)};
  return parse_header(fd.fd, path).first;
}

JournalScan scan_journal(const fs::path& path) {
  FdCloser fd{open_for_reading(path)};
  JournalScan scan;
  auto [header, offset] = parse_header(fd.fd, path);
  scan.header = std::move(header);
  scan.identity_hash = scan.header.identity.hash();
  scan.file_size = static_cast<std::uint64_t>(fs::file_size(path));
  const std::uint64_t runs = scan.header.identity.runs();
  std::string payload;
  // Stops at the first record that is short, has a bad magic, an impossible run or a bad checksum:
  // everything before it is the valid prefix.
  while (true) {
    char head[record_head];
    if (read_at(fd.fd, head, record_head, offset) != record_head) break;
    std::uint32_t magic = 0;
    std::uint64_t run = 0, length = 0, stored = 0;
    std::memcpy(&magic, head, 4);
    std::memcpy(&run, head + 4, 8);
    std::memcpy(&length, head + 12, 8);
    if (magic != record_magic || run >= runs || length > scan.file_size - offset) break;
    payload.resize(length);
    if (read_at(fd.fd, payload.data(), length, offset + record_head) != length) break;
    if (read_at(fd.fd, &stored, 8, offset + record_head + length) != 8) break;
    if (stored != record_checksum(scan.identity_hash, run, payload)) break;
    scan.records.emplace_back(run, offset);
    offset += record_head + length + 8;
  }
  scan.valid_end = offset;
  return scan;
}

JournalReader::JournalReader(const fs::path& path, std::uint64_t identity_hash)
    : path_(path), fd_(open_for_reading(path)), identity_hash_(identity_hash) {}
JournalReader::~JournalReader() {
  if (fd_ >= 0) ::close(fd_);
}

std::string JournalReader::read_payload(std::uint64_t offset, std::uint64_t expected_run) {
  char head[record_head];
  std::uint64_t run = 0, length = 0, stored = 0;
  if (read_at(fd_, head, record_head, offset) != record_head)
    throw IoError(path_.string() + ": sweep journal changed while reading");
  std::memcpy(&run, head + 4, 8);
  std::memcpy(&length, head + 12, 8);
  if (run != expected_run || length > max_payload) throw IoError(path_.string() + ": sweep journal changed while reading");
  std::string payload(length, '\0');
  if (read_at(fd_, payload.data(), length, offset + record_head) != length ||
      read_at(fd_, &stored, 8, offset + record_head + length) != 8 ||
      stored != record_checksum(identity_hash_, run, payload))
    throw IoError(path_.string() + ": sweep journal changed while reading");
  return payload;
}

JournalWriter JournalWriter::create(const fs::path& path, const JournalHeader& header) {
  // An old journal (the caller decided to start over) is removed only if it is a regular file that
  // no other process is writing; the new one is created exclusively, never through a symlink.
  struct stat status{};
  if (::lstat(path.c_str(), &status) == 0) {
    if (!S_ISREG(status.st_mode))
      throw IoError(path.string() + ": is not a regular file (a symlink, device or pipe); refusing to replace it");
    const int old = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (old >= 0) {
      const bool busy = ::flock(old, LOCK_EX | LOCK_NB) != 0;
      ::close(old);
      if (busy) throw IoError(path.string() + ": another kringloop process is writing this sweep; nothing was changed");
    }
    ::unlink(path.c_str());
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError(path.string() + ": cannot create sweep journal: " + std::strerror(errno));
  JournalWriter writer(path, fd);
  writer.lock();
  writer.identity_hash_ = header.identity.hash();
  ByteWriter body;
  body.bytes() = serialize_identity(header.identity);
  body.put(header.shard_index);
  body.put(header.shard_count);
  if (header.identity.extended()) body.bytes() += serialize_identity_extension(header.identity);
  ByteWriter out;
  out.bytes().append(header_magic, 8);
  out.put(journal_version);
  out.put<std::uint64_t>(body.bytes().size());
  out.bytes() += body.bytes();
  out.put(checksum(body.bytes().data(), body.bytes().size()));
  writer.write_all(out.bytes());
  writer.end_ = out.bytes().size();
  writer.sync();
  return writer;
}

JournalWriter JournalWriter::reopen(const fs::path& path, const JournalScan& scan) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw IoError(path.string() + ": cannot reopen sweep journal: " + std::strerror(errno));
  JournalWriter writer(path, fd);
  writer.lock();
  writer.identity_hash_ = scan.identity_hash;
  const std::uint64_t valid_end = scan.valid_end;
  // Drops a torn last record, so new records follow the valid prefix directly.
  if (::ftruncate(fd, static_cast<off_t>(valid_end)) != 0 || ::lseek(fd, 0, SEEK_END) < 0)
    throw IoError(path.string() + ": cannot truncate sweep journal: " + std::strerror(errno));
  writer.end_ = valid_end;
  return writer;
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      unsynced_(other.unsynced_),
      identity_hash_(other.identity_hash_),
      end_(other.end_) {}

// One writer per journal: a second process (two sweeps to one output, or two --resume at once) is
// refused at once instead of interleaving records. The lock goes with the descriptor.
void JournalWriter::lock() {
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0)
    throw IoError(path_.string() + ": another kringloop process is writing this sweep; nothing was changed");
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::write_all(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) throw IoError(path_.string() + ": cannot write sweep journal: " + std::strerror(errno));
    done += static_cast<std::size_t>(wrote);
  }
}

namespace {
std::string record_bytes(std::uint64_t identity_hash, std::uint64_t run, const std::string& payload) {
  ByteWriter out;
  out.put(record_magic);
  out.put(run);
  out.put<std::uint64_t>(payload.size());
  out.bytes() += payload;
  out.put(record_checksum(identity_hash, run, payload));
  return std::move(out.bytes());
}
}  // namespace

std::uint64_t JournalWriter::append(std::uint64_t run, const std::string& payload) {
  const std::string record = record_bytes(identity_hash_, run, payload);
  write_all(record);
  const std::uint64_t offset = std::exchange(end_, end_ + record.size());
  // Every write reaches the kernel (survives kill -9); fdatasync every few records bounds what a
  // power loss can take.
  if (++unsynced_ >= 16) sync();
  return offset;
}

void JournalWriter::append_torn(std::uint64_t run, const std::string& payload, std::size_t bytes) {
  const std::string whole = record_bytes(identity_hash_, run, payload);
  const std::string torn = whole.substr(0, std::min(bytes, whole.size()));
  write_all(torn);
  end_ += torn.size();
}

void JournalWriter::sync() {
  if (fd_ >= 0 && ::fdatasync(fd_) != 0) throw IoError(path_.string() + ": cannot sync sweep journal: " + std::strerror(errno));
  unsynced_ = 0;
}

void JournalWriter::close() {
  if (fd_ < 0) return;
  sync();
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) throw IoError(path_.string() + ": cannot close sweep journal: " + std::strerror(errno));
}

}  // namespace kringloop::sim::output
