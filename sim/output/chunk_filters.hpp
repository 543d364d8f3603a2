// A chunk of doubles filtered as HDF5's own pipeline filters it for the datasets create_extendible
// makes (shuffle, deflate, Fletcher-32), so that chunks can be filtered on several threads and
// handed to H5Dwrite_chunk one by one: the HDF5 library we link is not thread-safe, and deflating
// every run's series in the one thread that writes the sweep file made it a serial tail of every
// sweep (issue 16). The bytes are those HDF5 writes for the same values: the same byte shuffle,
// zlib's compress2 at the same level (what HDF5's deflate filter calls), and HDF5's own Fletcher-32
// function appended little-endian; tests/sim/output/chunk_filters_test.cpp reads both back raw.
#pragma once
#include <cstddef>
#include <vector>

namespace kringloop::sim::output {

// `count` doubles (little-endian IEEE, as x86-64 holds them) → the stored bytes of one chunk.
std::vector<unsigned char> filter_chunk(const double* values, std::size_t count, int deflate_level);

}  // namespace kringloop::sim::output
