// filter_chunk stores what HDF5's own filter pipeline reads (sim/output/chunk_filters.hpp): the
// sweep assembly deflates chunks on several threads and hands them to H5Dwrite_chunk, and a file
// written so must read back through HDF5's filters (shuffle, deflate, Fletcher-32) as the values,
// in a form any HDF5 reader decodes: a zlib stream of the shuffled bytes with a checksum HDF5
// verifies.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <vector>

#include <zlib.h>

#include "sim/output/chunk_filters.hpp"
#include "sim/output/hdf5_handle.hpp"
#include "sim/output/sweep_hdf5.hpp"
#include "sim/random.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::output;
namespace fs = std::filesystem;

extern "C" std::uint32_t H5_checksum_fletcher32(const void* data, std::size_t length);

namespace {

// The stored bytes of chunk `row` of a 2-D dataset, with its filter mask.
std::vector<unsigned char> raw_chunk(hid_t dataset, hsize_t row, std::uint32_t& mask) {
  const hsize_t offset[2] = {row, 0};
  hsize_t size = 0;
  REQUIRE(H5Dget_chunk_storage_size(dataset, offset, &size) >= 0);
  std::vector<unsigned char> bytes(size);
  REQUIRE(H5Dread_chunk(dataset, H5P_DEFAULT, offset, &mask, bytes.data()) >= 0);
  return bytes;
}

}  // namespace

TEST_CASE("A chunk filtered ahead is HDF5's shuffle, a zlib stream and Fletcher-32, and reads back", "[output]") {
  silence_hdf5_errors();
  const fs::path path = fs::temp_directory_path() / ("kringloop_chunks_" + std::to_string(::getpid()) + ".h5");
  fs::remove(path);
  // Series like a run's: smooth, constant, with NaN, and noise that hardly compresses; lengths
  // odd and even, one value, around the sixteen values the shuffle takes at a time, and one long
  // enough that deflate emits several blocks.
  RandomStream random(5, 0, 0, Stream::decision);
  struct Case {
    std::vector<double> values;
    bool compressible;  // a long constant series, which deflate shrinks to a few bytes
  };
  std::vector<Case> cases;
  for (const std::size_t months : {1u, 7u, 16u, 17u, 47u, 360u, 361u, 20000u}) {
    std::vector<double> smooth(months), constant(months, 0.25), noise(months);
    for (std::size_t m = 0; m < months; ++m) {
      smooth[m] = 1 - std::exp(-0.01 * static_cast<double>(m));
      noise[m] = random.uniform() * 1e6;
    }
    if (months > 3) smooth[3] = std::nan("");
    cases.push_back({smooth, false});
    cases.push_back({constant, months >= 360});
    cases.push_back({noise, false});
  }
  for (const int level : {1, 4, 9}) {
    INFO("deflate level " << level);
    for (const auto& [values, compressible] : cases) {
      INFO(values.size() << " values");
      Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
      REQUIRE(file);
      Handle dataset = create_extendible(file.get(), "series", H5T_IEEE_F64LE, {2, values.size()}, {1, values.size()}, level,
                                         path.string());
      // Row 0 through HDF5's own filters, row 1 filtered ahead.
      write_rows(dataset.get(), H5T_NATIVE_DOUBLE, {0, 0}, {1, values.size()}, values.data(), path.string());
      const std::vector<unsigned char> ahead = filter_chunk(values.data(), values.size(), level);
      const hsize_t row1[2] = {1, 0};
      REQUIRE(H5Dwrite_chunk(dataset.get(), H5P_DEFAULT, 0, row1, ahead.size(), ahead.data()) >= 0);
      std::uint32_t mask0 = 99, mask1 = 99;
      const std::vector<unsigned char> by_hdf5 = raw_chunk(dataset.get(), 0, mask0);
      CHECK(raw_chunk(dataset.get(), 1, mask1) == ahead);
      CHECK(mask0 == 0);
      CHECK(mask1 == 0);
      // Both chunks end in the Fletcher-32 of what precedes it (HDF5's function, little-endian),
      // and what precedes it is a zlib stream (header, deflate, Adler-32) of HDF5's byte shuffle
      // of the values: zlib's own inflate, as HDF5's deflate filter calls it, gives those bytes.
      std::vector<unsigned char> shuffled(values.size() * sizeof(double));
      const auto* bytes = reinterpret_cast<const unsigned char*>(values.data());
      for (std::size_t j = 0; j < sizeof(double); ++j)
        for (std::size_t i = 0; i < values.size(); ++i) shuffled[j * values.size() + i] = bytes[i * sizeof(double) + j];
      for (const auto* chunk : {&by_hdf5, &ahead}) {
        REQUIRE(chunk->size() > 4);
        const std::size_t packed = chunk->size() - 4;
        std::uint32_t stored = 0;
        for (std::size_t b = 0; b < 4; ++b) stored |= std::uint32_t{(*chunk)[packed + b]} << (8 * b);
        CHECK(stored == H5_checksum_fletcher32(chunk->data(), packed));
        std::vector<unsigned char> inflated(shuffled.size() + 1);
        uLongf length = static_cast<uLongf>(inflated.size());
        REQUIRE(uncompress(inflated.data(), &length, chunk->data(), static_cast<uLong>(packed)) == Z_OK);
        inflated.resize(length);
        CHECK(inflated == shuffled);
      }
      // Deflated at the dataset's level, not stored: a smooth or constant series shrinks.
      if (compressible) CHECK(ahead.size() < shuffled.size() / 2);
      // And HDF5 reads it back (checking the Fletcher-32 sum on the way) as the values.
      std::vector<double> back(values.size());
      const hsize_t start[2] = {1, 0}, count[2] = {1, values.size()};
      Handle memory(H5Screate_simple(2, count, nullptr), H5Sclose);
      Handle space(H5Dget_space(dataset.get()), H5Sclose);
      REQUIRE(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) >= 0);
      REQUIRE(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, back.data()) >= 0);
      CHECK(std::memcmp(back.data(), values.data(), values.size() * sizeof(double)) == 0);
    }
  }
  fs::remove(path);
}

TEST_CASE("A chunk whose checksum is wrong is refused when read", "[output]") {
  // The checksum is HDF5's: a chunk with one stored byte changed does not read back.
  silence_hdf5_errors();
  const fs::path path = fs::temp_directory_path() / ("kringloop_chunks_bad_" + std::to_string(::getpid()) + ".h5");
  fs::remove(path);
  std::vector<double> values(360);
  for (std::size_t m = 0; m < values.size(); ++m) values[m] = static_cast<double>(m) / 7;
  Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
  Handle dataset = create_extendible(file.get(), "series", H5T_IEEE_F64LE, {1, values.size()}, {1, values.size()}, 4,
                                     path.string());
  std::vector<unsigned char> chunk = filter_chunk(values.data(), values.size(), 4);
  chunk[chunk.size() / 2] ^= 0x10;
  const hsize_t row0[2] = {0, 0};
  REQUIRE(H5Dwrite_chunk(dataset.get(), H5P_DEFAULT, 0, row0, chunk.size(), chunk.data()) >= 0);
  std::vector<double> back(values.size());
  CHECK(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data()) < 0);
  fs::remove(path);
}
