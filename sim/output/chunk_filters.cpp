#include "sim/output/chunk_filters.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include <libdeflate.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// HDF5's byte shuffle (H5Zshuffle.c) of `count` doubles: byte j of every value, for j = 0..7 in
// turn. Sixteen values at a time as an 8 × 16 byte transpose in SSE2 registers (every x86-64 has
// them): each round interleaves the bytes of register k with those of register k + 4, which
// rotates the 7-bit address (register, byte) of every byte left by one, and four rounds take byte b
// of value d from address 8d + b to 16b + d. The ~6 instructions a byte of the scalar loop were
// about a quarter of a sweep's assembly (issue 16); these are under half an instruction a byte.
// The values left over (count mod 16) go byte by byte, as before: the same bytes either way.
void shuffle_bytes(const double* values, std::size_t count, unsigned char* shuffled) {
  constexpr std::size_t width = sizeof(double);
  const auto* source = reinterpret_cast<const unsigned char*>(values);
  std::size_t first = 0;
#if defined(__SSE2__)
  for (; first + 16 <= count; first += 16) {
    __m128i r[8], next[8];
    for (std::size_t k = 0; k < 8; ++k)
      r[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(source + (first + 2 * k) * width));
    for (int round = 0; round < 4; ++round) {
      for (std::size_t k = 0; k < 4; ++k) {
        next[2 * k] = _mm_unpacklo_epi8(r[k], r[k + 4]);
        next[2 * k + 1] = _mm_unpackhi_epi8(r[k], r[k + 4]);
      }
      std::copy(next, next + 8, r);
    }
    for (std::size_t j = 0; j < width; ++j)
      _mm_storeu_si128(reinterpret_cast<__m128i*>(shuffled + j * count + first), r[j]);
  }
#endif
  for (std::size_t j = 0; j < width; ++j)
    for (std::size_t i = first; i < count; ++i) shuffled[j * count + i] = source[i * width + j];
}

}  // namespace

std::vector<unsigned char> filter_chunk(const double* values, std::size_t count, int deflate_level) {
  constexpr std::size_t width = sizeof(double);
  static_assert(sizeof(double) == 8);
  const std::size_t bytes = count * width;
  thread_local std::vector<unsigned char> shuffled;
  shuffled.resize(bytes);
  shuffle_bytes(values, count, shuffled.data());
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
