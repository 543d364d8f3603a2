// RAII for HDF5 identifiers and the few primitives the writers share. HDF5's C API reports errors
// through negative return values; every call here is checked and turned into an IoError naming the
// file and the object, with the library's automatic error printing switched off.
#pragma once
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace kringloop::sim::output {

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  ~Handle() { reset(); }
  hid_t get() const { return id_; }
  hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }
  explicit operator bool() const { return id_ >= 0; }
  void reset() {
    if (id_ >= 0 && closer_ != nullptr) closer_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Silences HDF5's own error stack printing once per process: we report errors ourselves.
void silence_hdf5_errors();

// Throws IoError("<file>: <what>") when status < 0.
hid_t check(hid_t status, const std::string& file, const std::string& what);

// Group creation properties that keep links and attributes in the (checksummed) object header.
Handle compact_group_properties(const std::string& file);

// Creates every missing group along `path` ("series/practice/x") below `parent`; returns the last.
// `links` and `name_bytes`: how many links the last group will hold and their mean name length,
// when known, so that HDF5 sizes its header once (a sweep file's runs/summary holds some 150
// datasets, and growing a compact group's header link by link cost ~30 µs a link; issue 16). They
// change where HDF5 puts the links in the file, not the links.
Handle ensure_groups(hid_t parent, const std::string& path, const std::string& file, std::size_t links = 0,
                     std::size_t name_bytes = 0);

void write_string_attribute(hid_t object, const std::string& name, const std::string& value, const std::string& file);
void write_double_attribute(hid_t object, const std::string& name, double value, const std::string& file);
void write_int64_attribute(hid_t object, const std::string& name, std::int64_t value, const std::string& file);
void write_uint64_attribute(hid_t object, const std::string& name, std::uint64_t value, const std::string& file);
void write_strings_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values,
                             const std::string& file);

// A dataset of shape `dims` (first dimension unlimited), chunked, shuffled and deflated at `deflate`
// (0 = none), each chunk with a Fletcher-32 checksum that HDF5 checks whenever the chunk is read. Its chunk cache is off: each chunk is written whole, once, so caching only costs memory.
Handle create_extendible(hid_t parent, const std::string& name, hid_t file_type, const std::vector<hsize_t>& dims,
                         const std::vector<hsize_t>& chunk, int deflate, const std::string& file);

// create_extendible, then all dims[0] rows written from `data`.
void write_extendible(hid_t parent, const std::string& name, hid_t memory_type, hid_t file_type,
                      const std::vector<hsize_t>& dims, const std::vector<hsize_t>& chunk, const void* data,
                      int deflate_level, const std::string& file);

// Creates a new HDF5 file exclusively (H5F_ACC_EXCL: O_EXCL, so an existing file or symlink at
// `path` is refused, never followed), with the latest format, whose superblock, object headers
// (holding the attributes) and chunk indexes carry checksums that HDF5 verifies on every read.
Handle create_hdf5_file(const std::filesystem::path& path, const std::string& name);

// Flushes and closes a file the writer created, checking both: a full disk often shows only here.
void close_hdf5_file(Handle& file, const std::string& name);

// Opens an existing Kringloop file and checks its `format` attribute is `format`; throws IoError
// naming the file when it is missing, not HDF5, damaged, or of another kind ("not <what>").
Handle open_kringloop_file(const std::filesystem::path& path, unsigned flags, const std::string& format,
                           const std::string& what);

std::string read_string_attribute(hid_t object, const std::string& name, const std::string& file);
bool has_attribute(hid_t object, const std::string& name);

}  // namespace kringloop::sim::output
