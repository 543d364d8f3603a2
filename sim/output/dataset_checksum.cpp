#include "sim/output/dataset_checksum.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include "sim/errors.hpp"
#include "sim/output/hdf5_handle.hpp"
#include "sim/output/journal.hpp"

namespace kringloop::sim::output {

namespace {

struct Digest {
  std::uint64_t value = 0xcbf29ce484222325ull;
  std::string file;
  bool failed = false;
  void add(const void* data, std::size_t size) { value = checksum(data, size, value); }
};

herr_t digest_attribute(hid_t location, const char* name, const H5A_info_t*, void* data) {
  auto* digest = static_cast<Digest*>(data);
  if (is_checksum_attribute(name)) return 0;
  Handle attribute(H5Aopen(location, name, H5P_DEFAULT), H5Aclose);
  Handle type(attribute ? H5Aget_type(attribute.get()) : H5I_INVALID_HID, H5Tclose);
  Handle space(attribute ? H5Aget_space(attribute.get()) : H5I_INVALID_HID, H5Sclose);
  if (!attribute || !type || !space || H5Sget_simple_extent_npoints(space.get()) != 1) {
    digest->failed = true;  // our groups hold scalar attributes only
    return -1;
  }
  digest->add(name, std::strlen(name) + 1);
  char tag = 0;
  std::uint64_t bits = 0;
  herr_t status = 0;
  switch (H5Tget_class(type.get())) {
    case H5T_INTEGER:
      if (H5Tget_sign(type.get()) == H5T_SGN_NONE) {
        tag = 'u';
        status = H5Aread(attribute.get(), H5T_STD_U64LE, &bits);
      } else {
        tag = 'i';
        status = H5Aread(attribute.get(), H5T_STD_I64LE, &bits);
      }
      break;
    case H5T_FLOAT:
      tag = 'f';
      status = H5Aread(attribute.get(), H5T_IEEE_F64LE, &bits);
      break;
    case H5T_STRING: {
      tag = 's';
      digest->add(&tag, 1);
      try {
        const std::string text = read_string_attribute(location, name, digest->file);
        digest->add(text.c_str(), text.size() + 1);
      } catch (const IoError&) {
        digest->failed = true;
        return -1;
      }
      return 0;
    }
    default: digest->failed = true; return -1;
  }
  if (status < 0) {
    digest->failed = true;
    return -1;
  }
  digest->add(&tag, 1);
  digest->add(&bits, 8);  // x86-64 and aarch64 are little-endian, as the journal assumes
  return 0;
}

std::uint64_t digest_of(hid_t object, const std::string& file) {
  Digest digest;
  digest.file = file;
  hsize_t index = 0;
  if (H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, digest_attribute, &digest) < 0 || digest.failed)
    throw IoError(file + ": damaged file: cannot read its attributes (checksum mismatch in the HDF5 metadata?)");
  return digest.value;
}

}  // namespace

bool is_checksum_attribute(const std::string& name) {
  const std::string suffix = "_checksum";
  return name == "checksum" ||
         (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0);
}

void write_attributes_checksum(hid_t holder, const std::string& name, hid_t object, const std::string& file) {
  write_uint64_attribute(holder, name, digest_of(object, file), file);
}

void verify_attributes_checksum(hid_t holder, const std::string& name, hid_t object, const std::string& what,
                                const std::string& file) {
  if (!has_attribute(holder, name)) return;
  Handle attribute(check(H5Aopen(holder, name.c_str(), H5P_DEFAULT), file, "opening the checksum of " + what), H5Aclose);
  std::uint64_t stored = 0;
  if (H5Aread(attribute.get(), H5T_NATIVE_UINT64, &stored) < 0)
    throw IoError(file + ": damaged file: cannot read the checksum of " + what);
  if (stored != digest_of(object, file))
    throw IoError(file + ": damaged file: the attributes of " + what + " do not match their checksum");
}

}  // namespace kringloop::sim::output
