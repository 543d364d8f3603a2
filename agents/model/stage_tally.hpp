// The month-end recorder's count of one practice's stages over the active farms of one block, and
// the list of the active adopters (recorder.cpp). Two implementations that give the same counts
// and list: one farmer at a time without a branch (the reference, and the path without AVX2), and
// thirty-two farmers at a time in byte lanes, each stage's count a lane-wise compare and subtract,
// the adopters written eight at a time from a table of bit positions (AVX2, chosen at run time:
// issue 16, the recorder's histogram of one farmer at a time was a tenth of its time).
// The funnel's count of set bits likewise. tests/agents/stage_tally_test.cpp holds them to each other.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "agents/state/farmers.hpp"

namespace kringloop::agents {

struct StageTally {
  std::array<std::int64_t, stage_count> stages{};  // active farms in each stage
  std::size_t adopters = 0;                        // entries of the adopter list
};

// Counts the stages of the active farms of [begin, end) and lists the active adopters as offsets
// from `begin`, in farmer order. `adopter_rows` has room for end − begin + 8 entries: the AVX2 path
// writes eight at a time past the list's end.
using StageTallyFunction = void (*)(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t end,
                                    std::uint16_t* adopter_rows, StageTally& tally);
void tally_stages_scalar(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t end,
                         std::uint16_t* adopter_rows, StageTally& tally);
void tally_stages_avx2(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t end,
                       std::uint16_t* adopter_rows, StageTally& tally);
bool tally_stages_avx2_available();
// The reference over [from, end) of the block that starts at `begin` (offsets from `begin`), adding
// to `tally`: the vector path's last farmers.
void tally_stages_rest(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t from,
                       std::size_t end, std::uint16_t* adopter_rows, StageTally& tally);

// How many of `count` bytes have each bit set (the recorder's funnel: bit s of a farmer's `reached`
// byte is stage s ever reached), in the same two implementations: eight bytes at a time in 64-bit
// words, and thirty-two at a time by AVX2's movemask and a popcount per bit (every processor with
// AVX2 has POPCNT).
std::array<std::int64_t, 8> count_set_bits_scalar(const std::uint8_t* bytes, std::size_t count);
std::array<std::int64_t, 8> count_set_bits_avx2(const std::uint8_t* bytes, std::size_t count);
std::array<std::int64_t, 8> count_set_bits(const std::uint8_t* bytes, std::size_t count);

// The implementation the recorder uses (sim::avx2_enabled(): AVX2 unless KRINGLOOP_NO_AVX2).
void tally_stages(const std::uint8_t* active, const Stage* stage, std::size_t begin, std::size_t end,
                  std::uint16_t* adopter_rows, StageTally& tally);

}  // namespace kringloop::agents
