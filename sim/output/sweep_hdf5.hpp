// HDF5 primitives of sweep files beyond hdf5_handle.hpp: fixed-size chunked datasets written in
// row blocks (hyperslabs), string datasets, and reading whole datasets back.
#pragma once
#include <hdf5.h>

#include <string>
#include <vector>

#include "sim/output/hdf5_handle.hpp"

namespace kringloop::sim::output {

Handle utf8_string_type(const std::string& file);

// Writes the block starting at `start` of extent `count` from `data` (row-major).
void write_rows(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& start, const std::vector<hsize_t>& count,
                const void* data, const std::string& file);

void write_string_dataset(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                          const std::string& file);

// Whole datasets, converted to the requested type.
std::vector<double> read_doubles(hid_t parent, const std::string& path, const std::string& file);
std::vector<std::string> read_strings(hid_t parent, const std::string& path, const std::string& file);
std::vector<hsize_t> dataset_dims(hid_t parent, const std::string& path, const std::string& file);
std::int64_t read_int64_attribute(hid_t object, const std::string& name, const std::string& file);
std::uint64_t read_uint64_attribute(hid_t object, const std::string& name, const std::string& file);

}  // namespace kringloop::sim::output
