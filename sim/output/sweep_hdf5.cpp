#include "sim/output/sweep_hdf5.hpp"

#include <algorithm>

#include "sim/errors.hpp"

namespace kringloop::sim::output {

Handle utf8_string_type(const std::string& file) {
  Handle type(check(H5Tcopy(H5T_C_S1), file, "creating string type"), H5Tclose);
  check(H5Tset_size(type.get(), H5T_VARIABLE), file, "creating string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), file, "creating string type");
  return type;
}

void write_rows(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& start, const std::vector<hsize_t>& count,
                const void* data, const std::string& file) {
  for (hsize_t c : count)
    if (c == 0) return;
  Handle file_space(check(H5Dget_space(dataset), file, "writing rows"), H5Sclose);
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), file,
        "selecting rows");
  Handle memory_space(check(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), file, "writing rows"),
                      H5Sclose);
  check(H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data), file, "writing rows");
}

// Fixed-length UTF-8 strings, not variable-length ones: variable-length strings live in HDF5's
// global heap, which has no checksum, and HDF5 1.10 copies a damaged heap object without checking
// its length (a SIGSEGV in H5HG_read found by tests/cli/reliability_files.sh on /design/names).
// Fixed-length strings sit in the dataset's checksummed chunks.
void write_string_dataset(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                          const std::string& file) {
  std::size_t width = 1;
  for (const auto& value : values) width = std::max(width, value.size() + 1);
  Handle type(check(H5Tcopy(H5T_C_S1), file, "creating string type"), H5Tclose);
  check(H5Tset_size(type.get(), width), file, "creating string type");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), file, "creating string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), file, "creating string type");
  const hsize_t count = values.size();
  Handle dataset = create_extendible(parent, name, type.get(), {count}, {std::max<hsize_t>(count, 1)}, 0, file);
  std::vector<char> buffer(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) std::copy(values[i].begin(), values[i].end(), buffer.begin() + i * width);
  write_rows(dataset.get(), type.get(), {0}, {count}, buffer.data(), file);
}

namespace {
Handle open_dataset(hid_t parent, const std::string& path, const std::string& file) {
  if (H5Lexists(parent, path.c_str(), H5P_DEFAULT) <= 0) {
    // H5Lexists fails for a path whose intermediate group is missing: check each step.
    std::size_t slash = 0;
    while ((slash = path.find('/', slash + 1)) != std::string::npos)
      if (H5Lexists(parent, path.substr(0, slash).c_str(), H5P_DEFAULT) <= 0) break;
    throw IoError(file + ": no dataset /" + path + " (not a complete Kringloop sweep file?)");
  }
  return Handle(check(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), file, "opening /" + path), H5Dclose);
}
}  // namespace

std::vector<hsize_t> dataset_dims(hid_t parent, const std::string& path, const std::string& file) {
  Handle dataset = open_dataset(parent, path, file);
  Handle space(check(H5Dget_space(dataset.get()), file, "reading /" + path), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

std::vector<double> read_doubles(hid_t parent, const std::string& path, const std::string& file) {
  Handle dataset = open_dataset(parent, path, file);
  Handle space(check(H5Dget_space(dataset.get()), file, "reading /" + path), H5Sclose);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  std::vector<double> values(static_cast<std::size_t>(std::max<hssize_t>(count, 0)));
  if (!values.empty())
    check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), file, "reading /" + path);
  return values;
}

std::vector<std::string> read_strings(hid_t parent, const std::string& path, const std::string& file) {
  Handle dataset = open_dataset(parent, path, file);
  Handle space(check(H5Dget_space(dataset.get()), file, "reading /" + path), H5Sclose);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  std::vector<char*> pointers(static_cast<std::size_t>(std::max<hssize_t>(count, 0)), nullptr);
  std::vector<std::string> values;
  if (pointers.empty()) return values;
  Handle file_type(check(H5Dget_type(dataset.get()), file, "reading /" + path), H5Tclose);
  if (H5Tget_class(file_type.get()) != H5T_STRING) throw IoError(file + ": /" + path + " is not a string dataset");
  if (H5Tis_variable_str(file_type.get()) <= 0) {  // fixed-length (what this version writes)
    const std::size_t width = H5Tget_size(file_type.get());
    if (width == 0 || width > (1u << 20)) throw IoError(file + ": /" + path + " is damaged (string width)");
    std::vector<char> buffer(pointers.size() * width, '\0');
    check(H5Dread(dataset.get(), file_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), file, "reading /" + path);
    for (std::size_t i = 0; i < pointers.size(); ++i) {
      const char* begin = buffer.data() + i * width;
      values.emplace_back(begin, std::find(begin, begin + width, '\0'));
    }
    return values;
  }
  // Variable-length strings: files of earlier versions.
  Handle type = utf8_string_type(file);
  check(H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), file, "reading /" + path);
  for (char* text : pointers) values.emplace_back(text ? text : "");
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, pointers.data());
  return values;
}

std::int64_t read_int64_attribute(hid_t object, const std::string& name, const std::string& file) {
  if (!has_attribute(object, name)) throw IoError(file + ": attribute " + name + " is missing");
  Handle attribute(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), file, "opening attribute " + name), H5Aclose);
  std::int64_t value = 0;
  check(H5Aread(attribute.get(), H5T_NATIVE_INT64, &value), file, "reading attribute " + name);
  return value;
}

std::uint64_t read_uint64_attribute(hid_t object, const std::string& name, const std::string& file) {
  if (!has_attribute(object, name)) throw IoError(file + ": attribute " + name + " is missing");
  Handle attribute(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), file, "opening attribute " + name), H5Aclose);
  std::uint64_t value = 0;
  check(H5Aread(attribute.get(), H5T_NATIVE_UINT64, &value), file, "reading attribute " + name);
  return value;
}

}  // namespace kringloop::sim::output
