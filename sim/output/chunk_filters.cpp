#include "sim/output/chunk_filters.hpp"

#include <array>
#include <cstdint>
#include <string>

#include <libdeflate.h>

#include "sim/errors.hpp"

// HDF5's Fletcher-32, as its fletcher32 filter computes it (H5checksum.c). Exported by libhdf5
// though declared only in its private headers: calling it, rather than a copy, keeps the checksum
// the one the library verifies on every read.
extern "C" std::uint32_t H5_checksum_fletcher32(const void* data, std::size_t length);

namespace kringloop::sim::output {

namespace {

// One libdeflate compressor per level and thread, made on first use and kept: a compressor holds
// its hash tables (a few hundred kilobytes), which zlib's compress2 allocated, cleared and freed
// again for every one of a sweep's chunks.
class Compressors {
 public:
  Compressors() = default;
  Compressors(const Compressors&) = delete;
  Compressors& operator=(const Compressors&) = delete;
  ~Compressors() {
    for (libdeflate_compressor* c : by_level_)
      if (c != nullptr) libdeflate_free_compressor(c);
  }
  libdeflate_compressor* at(int level) {
    if (level < 0 || level >= static_cast<int>(by_level_.size()))
      throw IoError("deflate level " + std::to_string(level) + " is outside 0–9");
    libdeflate_compressor*& c = by_level_[static_cast<std::size_t>(level)];
    if (c == nullptr) c = libdeflate_alloc_compressor(level);
    if (c == nullptr) throw IoError("allocating a deflate compressor of level " + std::to_string(level) + " failed");
    return c;
  }

 private:
  std::array<libdeflate_compressor*, 10> by_level_{};  // HDF5's deflate levels, 0–9
};

}  // namespace

std::vector<unsigned char> filter_chunk(const double* values, std::size_t count, int deflate_level) {
  constexpr std::size_t width = sizeof(double);
  static_assert(sizeof(double) == 8);
  const std::size_t bytes = count * width;
  // Shuffle (H5Zshuffle.c): byte j of every element, for j = 0..7 in turn.
  thread_local std::vector<unsigned char> shuffled;
  shuffled.resize(bytes);
  const auto* source = reinterpret_cast<const unsigned char*>(values);
  for (std::size_t j = 0; j < width; ++j)
    for (std::size_t i = 0; i < count; ++i) shuffled[j * count + i] = source[i * width + j];
  // Deflate in the zlib format (RFC 1950: header, deflate stream, Adler-32), the format HDF5's
  // deflate filter writes and reads with zlib's inflate.
  thread_local Compressors compressors;
  libdeflate_compressor* const compressor = compressors.at(deflate_level);
  const std::size_t bound = libdeflate_zlib_compress_bound(compressor, bytes);
  std::vector<unsigned char> chunk(bound + 4);
  const std::size_t packed = libdeflate_zlib_compress(compressor, shuffled.data(), bytes, chunk.data(), bound);
  if (packed == 0) throw IoError("deflating a chunk of " + std::to_string(bytes) + " bytes failed");
  // Fletcher-32 (H5Zfletcher32.c): of the deflated bytes, appended little-endian.
  const std::uint32_t sum = H5_checksum_fletcher32(chunk.data(), packed);
  for (std::size_t b = 0; b < 4; ++b) chunk[packed + b] = static_cast<unsigned char>(sum >> (8 * b));
  chunk.resize(packed + 4);
  return chunk;
}

}  // namespace kringloop::sim::output
