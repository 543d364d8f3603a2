// A chunk of doubles filtered as HDF5's own pipeline filters it for the datasets create_extendible
// makes (shuffle, deflate, Fletcher-32), so that chunks can be filtered on several threads and
// handed to H5Dwrite_chunk one by one: the HDF5 library we link is not thread-safe, and deflating
// every run's series in the one thread that writes the sweep file made it a serial tail of every
// sweep (issue 16). The same byte shuffle, a zlib stream (RFC 1950) at the dataset's level, which
// HDF5's deflate filter inflates with zlib, and HDF5's own Fletcher-32 function appended
// little-endian. The stream is libdeflate's, about twice zlib's compress2 in speed on a sweep's
// series (issue 16): its bytes are not those compress2 would write, the values read back are the
// same; tests/sim/output/chunk_filters_test.cpp reads the chunks back raw and through HDF5.
#pragma once
#include <cstddef>
#include <vector>

namespace kringloop::sim::output {

// `count` doubles (little-endian IEEE, as x86-64 holds them) → the stored bytes of one chunk.
std::vector<unsigned char> filter_chunk(const double* values, std::size_t count, int deflate_level);

}  // namespace kringloop::sim::output
