#include "sim/output/chunk_filters.hpp"

#include <cstdint>
#include <string>

#include <zlib.h>

#include "sim/errors.hpp"

// HDF5's Fletcher-32, as its fletcher32 filter computes it (H5checksum.c). Exported by libhdf5
// though declared only in its private headers: calling it, rather than a copy, keeps the checksum
// the one the library verifies on every read.
extern "C" std::uint32_t H5_checksum_fletcher32(const void* data, std::size_t length);

namespace kringloop::sim::output {

std::vector<unsigned char> filter_chunk(const double* values, std::size_t count, int deflate_level) {
  constexpr std::size_t width = sizeof(double);
  static_assert(sizeof(double) == 8);
  const std::size_t bytes = count * width;
  // Shuffle (H5Zshuffle.c): byte j of every element, for j = 0..7 in turn.
  std::vector<unsigned char> shuffled(bytes);
  const auto* source = reinterpret_cast<const unsigned char*>(values);
  for (std::size_t j = 0; j < width; ++j)
    for (std::size_t i = 0; i < count; ++i) shuffled[j * count + i] = source[i * width + j];
  // Deflate (H5Zdeflate.c): compress2 into a buffer of compressBound bytes.
  uLongf packed = compressBound(static_cast<uLong>(bytes));
  std::vector<unsigned char> chunk(packed + 4);
  if (compress2(chunk.data(), &packed, shuffled.data(), static_cast<uLong>(bytes), deflate_level) != Z_OK)
    throw IoError("deflating a chunk of " + std::to_string(bytes) + " bytes failed");
  // Fletcher-32 (H5Zfletcher32.c): of the deflated bytes, appended little-endian.
  const std::uint32_t sum = H5_checksum_fletcher32(chunk.data(), packed);
  for (std::size_t b = 0; b < 4; ++b) chunk[packed + b] = static_cast<unsigned char>(sum >> (8 * b));
  chunk.resize(packed + 4);
  return chunk;
}

}  // namespace kringloop::sim::output
