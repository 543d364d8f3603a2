#include "sim/output/hdf5_handle.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "sim/errors.hpp"
#include "sim/output/dataset_checksum.hpp"

namespace kringloop::sim::output {

namespace {
// HDF5 1.10 cannot close a file whose metadata it failed to write (a full disk, a damaged file
// opened for writing): H5Fclose fails and leaves the file half-closed, and the library's exit
// handler then crashes on it (SIGSEGV in H5F__close_cb from H5_term_library). Kringloop closes every
// file it writes explicitly and discards the temporary file on any error, so the exit handler has
// nothing to do: leaving it out turns these cases into one error line and exit 2. H5dont_atexit
// must precede every other HDF5 call, and macros such as H5F_ACC_RDONLY and H5T_NATIVE_DOUBLE call
// H5open() wherever they are evaluated: so it runs during static initialisation, before main.
const bool hdf5_exit_handler_left_out = (H5dont_atexit(), true);
}  // namespace

// Debian's HDF5 is built thread-safe, and then its automatic error printing is set per thread: a
// run written from another thread (the server's run threads, a Python thread pool) must silence
// its own thread too, or HDF5 prints its error stack on stderr.
void silence_hdf5_errors() {
  thread_local bool silenced = false;
  if (silenced) return;
  (void)hdf5_exit_handler_left_out;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  silenced = true;
}

hid_t check(hid_t status, const std::string& file, const std::string& what) {
  if (status < 0) throw IoError(file + ": HDF5 error while " + what);
  return status;
}

namespace {

// Links and attributes stay in the object header (compact storage) however many there are: object
// headers carry checksums in the latest format, while dense storage (a fractal heap, used by
// default beyond 8 links or attributes) has none, and HDF5 1.10 crashes on some damaged dense
// storage instead of reporting it (found by tests/fuzz: a SIGSEGV in H5G__dense_get_name_by_idx).
constexpr unsigned max_compact = 65535;

void keep_compact(hid_t properties, bool links, const std::string& file) {
  check(H5Pset_attr_phase_change(properties, max_compact, 0), file, "setting attribute storage");
  if (links) check(H5Pset_link_phase_change(properties, max_compact, 0), file, "setting link storage");
}

}  // namespace

Handle compact_group_properties(const std::string& file) {
  Handle properties(check(H5Pcreate(H5P_GROUP_CREATE), file, "creating group"), H5Pclose);
  keep_compact(properties.get(), true, file);
  return properties;
}

Handle ensure_groups(hid_t parent, const std::string& path, const std::string& file, std::size_t links,
                     std::size_t name_bytes) {
  Handle current(H5Oopen(parent, ".", H5P_DEFAULT), H5Oclose);
  std::size_t start = 0;
  while (start < path.size()) {
    const auto slash = path.find('/', start);
    const std::string name = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    start = slash == std::string::npos ? path.size() : slash + 1;
    if (name.empty()) continue;
    const htri_t exists = H5Lexists(current.get(), name.c_str(), H5P_DEFAULT);
    hid_t next = -1;
    if (exists > 0) {
      next = H5Gopen2(current.get(), name.c_str(), H5P_DEFAULT);
    } else {
      Handle properties = compact_group_properties(file);
      const bool last = path.find_first_not_of('/', start) == std::string::npos;
      if (last && links > 0)
        check(H5Pset_est_link_info(properties.get(), static_cast<unsigned>(std::min<std::size_t>(links, 65535)),
                                   static_cast<unsigned>(std::clamp<std::size_t>(name_bytes, 1, 65535))),
              file, "creating group " + path);
      next = H5Gcreate2(current.get(), name.c_str(), H5P_DEFAULT, properties.get(), H5P_DEFAULT);
    }
    current = Handle(check(next, file, "creating group " + path), H5Gclose);
  }
  return current;
}

namespace {

void write_scalar_attribute(hid_t object, const std::string& name, hid_t type, const void* value, const std::string& file) {
  Handle space(check(H5Screate(H5S_SCALAR), file, "creating attribute " + name), H5Sclose);
  if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
  Handle attribute(check(H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT), file,
                         "creating attribute " + name),
                   H5Aclose);
  check(H5Awrite(attribute.get(), type, value), file, "writing attribute " + name);
}

}  // namespace

namespace {
Handle utf8_string_type(const std::string& file) {
  Handle type(check(H5Tcopy(H5T_C_S1), file, "creating string type"), H5Tclose);
  check(H5Tset_size(type.get(), H5T_VARIABLE), file, "creating string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), file, "creating string type");
  return type;
}
}  // namespace

void write_string_attribute(hid_t object, const std::string& name, const std::string& value, const std::string& file) {
  Handle type = utf8_string_type(file);
  const char* text = value.c_str();
  write_scalar_attribute(object, name, type.get(), &text, file);
}

void write_double_attribute(hid_t object, const std::string& name, double value, const std::string& file) {
  write_scalar_attribute(object, name, H5T_NATIVE_DOUBLE, &value, file);
}

void write_int64_attribute(hid_t object, const std::string& name, std::int64_t value, const std::string& file) {
  write_scalar_attribute(object, name, H5T_NATIVE_INT64, &value, file);
}

void write_uint64_attribute(hid_t object, const std::string& name, std::uint64_t value, const std::string& file) {
  write_scalar_attribute(object, name, H5T_NATIVE_UINT64, &value, file);
}

void write_strings_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values,
                             const std::string& file) {
  Handle type = utf8_string_type(file);
  const hsize_t count = values.size();
  Handle space(check(H5Screate_simple(1, &count, nullptr), file, "creating attribute " + name), H5Sclose);
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
  Handle attribute(check(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), file,
                         "creating attribute " + name),
                   H5Aclose);
  check(H5Awrite(attribute.get(), type.get(), pointers.data()), file, "writing attribute " + name);
}

Handle create_extendible(hid_t parent, const std::string& name, hid_t file_type, const std::vector<hsize_t>& dims,
                         const std::vector<hsize_t>& chunk, int deflate, const std::string& file) {
  std::vector<hsize_t> max_dims = dims;
  max_dims[0] = H5S_UNLIMITED;
  std::vector<hsize_t> chunk_dims = chunk;
  for (auto& c : chunk_dims) c = std::max<hsize_t>(c, 1);
  const int rank = static_cast<int>(dims.size());
  Handle space(check(H5Screate_simple(rank, dims.data(), max_dims.data()), file, "creating dataspace " + name), H5Sclose);
  Handle create(check(H5Pcreate(H5P_DATASET_CREATE), file, "creating dataset " + name), H5Pclose);
  keep_compact(create.get(), false, file);
  check(H5Pset_chunk(create.get(), rank, chunk_dims.data()), file, "chunking dataset " + name);
  if (deflate > 0 && H5Tget_class(file_type) != H5T_STRING) check(H5Pset_shuffle(create.get()), file, "compressing " + name);
  if (deflate > 0) check(H5Pset_deflate(create.get(), static_cast<unsigned>(deflate)), file, "compressing dataset " + name);
  // Last in the filter pipeline: the checksum covers the bytes as stored, so any damage on disk is
  // found before decompression sees it.
  // (Not for variable-length strings: their chunks hold only references into the global heap.)
  if (H5Tis_variable_str(file_type) <= 0)
    check(H5Pset_fletcher32(create.get()), file, "adding a checksum to dataset " + name);
  Handle access(check(H5Pcreate(H5P_DATASET_ACCESS), file, "creating dataset " + name), H5Pclose);
  if (chunk_dims.size() > 1) check(H5Pset_chunk_cache(access.get(), 0, 0, 1.0), file, "creating dataset " + name);
  return Handle(check(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT, create.get(), access.get()), file,
                      "creating dataset " + name),
                H5Dclose);
}

void write_extendible(hid_t parent, const std::string& name, hid_t memory_type, hid_t file_type,
                      const std::vector<hsize_t>& dims, const std::vector<hsize_t>& chunk, const void* data,
                      int deflate_level, const std::string& file) {
  Handle dataset = create_extendible(parent, name, file_type, dims, chunk, deflate_level, file);
  bool empty = false;
  for (auto d : dims) empty = empty || d == 0;
  if (!empty) check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file, "writing dataset " + name);
}

Handle create_hdf5_file(const std::filesystem::path& path, const std::string& name) {
  silence_hdf5_errors();
  Handle access(check(H5Pcreate(H5P_FILE_ACCESS), name, "creating file"), H5Pclose);
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST), name, "creating file");
  // Closing the file closes every object still open in it: no half-closed file outlives an error.
  check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG), name, "creating file");
  Handle creation(check(H5Pcreate(H5P_FILE_CREATE), name, "creating file"), H5Pclose);
  keep_compact(creation.get(), true, name);  // the root group's links and attributes
  return Handle(check(H5Fcreate(path.c_str(), H5F_ACC_EXCL, creation.get(), access.get()), name, "creating file"),
                H5Fclose);
}

void close_hdf5_file(Handle& file, const std::string& name) {
  check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), name, "writing file (disk full?)");
  const hid_t id = file.get();
  file.release();
  check(H5Fclose(id), name, "closing file (disk full?)");
}

namespace {

struct StructureCheck {
  std::string file;
  int depth = 0;
  std::set<haddr_t> visited;  // a damaged or crafted file may link a group into itself
  bool failed = false;
};

// Kringloop files are a few levels deep (runs/series/practice/x/...) with some thousand objects.
constexpr int max_depth = 16;
constexpr std::size_t max_objects = 100'000;

bool attributes_compact(hid_t object, StructureCheck& check, bool& seen) {
  H5O_info_t info{};
  if (H5Oget_info2(object, &info, H5O_INFO_BASIC | H5O_INFO_NUM_ATTRS | H5O_INFO_HDR) < 0) return false;
  seen = !check.visited.insert(info.addr).second;
  return info.num_attrs == 0 || (info.hdr.mesg.present & H5O_SHMESG_ATTR_FLAG) != 0;
}

herr_t check_link(hid_t group, const char* name, const H5L_info_t* link, void* data);

// Links and attributes of every object in compact storage (see keep_compact): dense storage has no
// checksums, so in a file written with checksums it means damage, and HDF5 may crash reading it.
// A second link to an object, or a structure deeper or larger than Kringloop writes, is damage too.
bool structure_compact(hid_t object, StructureCheck& check) {
  bool seen = false;
  if (check.depth > max_depth || check.visited.size() > max_objects || !attributes_compact(object, check, seen) || seen)
    return false;
  if (H5Iget_type(object) != H5I_GROUP && H5Iget_type(object) != H5I_FILE) return true;
  H5G_info_t info{};
  if (H5Gget_info(object, &info) < 0 || (info.storage_type != H5G_STORAGE_TYPE_COMPACT && info.nlinks > 0)) return false;
  hsize_t index = 0;
  ++check.depth;
  const bool compact = H5Literate(object, H5_INDEX_NAME, H5_ITER_INC, &index, check_link, &check) >= 0 && !check.failed;
  --check.depth;
  return compact;
}

herr_t check_link(hid_t group, const char* name, const H5L_info_t* link, void* data) {
  auto& check = *static_cast<StructureCheck*>(data);
  if (link->type != H5L_TYPE_HARD) return 0;  // Kringloop writes none; never followed
  Handle object(H5Oopen(group, name, H5P_DEFAULT), H5Oclose);
  if (!object || !structure_compact(object.get(), check)) {
    check.failed = true;
    return -1;
  }
  return 0;
}

}  // namespace

Handle open_kringloop_file(const std::filesystem::path& path, unsigned flags, const std::string& format,
                           const std::string& what) {
  silence_hdf5_errors();
  const std::string name = path.string();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw IoError(name + ": file not found");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw IoError(name + ": not an HDF5 file (or truncated)");
  Handle file(H5Fopen(path.c_str(), flags, H5P_DEFAULT), H5Fclose);
  if (!file) throw IoError(name + ": cannot open HDF5 file (truncated or damaged?)");
  // Order matters: nothing is read from the file's attributes before the whole structure is known
  // to sit in checksummed object headers (HDF5 1.10 crashes on some damaged dense storage and
  // global heaps: fuzz findings), and no string is read before the checksum, which refuses
  // variable-length strings (global heap) unread.
  StructureCheck structure;
  structure.file = name;
  if (!structure_compact(file.get(), structure))
    throw IoError(name + ": damaged, or written before Kringloop kept its files checksummed (HDF5 dense storage, which "
                         "has no checksums); re-create it with this version (analysis/ still reads it)");
  if (!has_attribute(file.get(), "format")) throw IoError(name + ": not a Kringloop file (no 'format' attribute)");
  if (!has_attribute(file.get(), "checksum"))
    throw IoError(name + ": written before Kringloop kept its files checksummed, or not by Kringloop; re-create it with "
                         "this version (analysis/ still reads it)");
  verify_attributes_checksum(file.get(), "checksum", file.get(), "the root group", name);
  const std::string found = read_string_attribute(file.get(), "format", name);
  if (found != format) throw IoError(name + ": is a '" + found + "' file, not " + what);
  return file;
}

bool has_attribute(hid_t object, const std::string& name) { return H5Aexists(object, name.c_str()) > 0; }

std::string read_string_attribute(hid_t object, const std::string& name, const std::string& file) {
  Handle attribute(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), file, "opening attribute " + name), H5Aclose);
  Handle type(check(H5Aget_type(attribute.get()), file, "reading attribute " + name), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_STRING) throw IoError(file + ": attribute " + name + " is not a string");
  if (H5Tis_variable_str(type.get()) > 0) {
    // Read with the file's own string type (same character set), so no conversion is needed.
    Handle memory = Handle(check(H5Tcopy(type.get()), file, "reading attribute " + name), H5Tclose);
    char* text = nullptr;
    check(H5Aread(attribute.get(), memory.get(), &text), file, "reading attribute " + name);
    std::string value = text ? text : "";
    Handle space(H5Aget_space(attribute.get()), H5Sclose);
    H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, &text);
    return value;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::string value(size, '\0');
  check(H5Aread(attribute.get(), type.get(), value.data()), file, "reading attribute " + name);
  value.resize(value.find('\0') == std::string::npos ? size : value.find('\0'));
  return value;
}

}  // namespace kringloop::sim::output
