// The farmers of one block the adoption review passes by, listed by stage (pipeline.cpp): on an
// active farm of a type the practice is open to, unaware, aware, adopted, or in between
// (interested, planning, applied); dropped and abandoned farmers are in no list. Each list in
// farmer order. Two implementations that give the same lists: one farmer at a time without a
// branch (the reference, and the path without AVX2), and sixteen farmers at a time in byte lanes,
// each list's members written eight at a time from a table of bit positions (AVX2, chosen at run
// time: issue 16, the listing was about a third of the review's own time).
// tests/agents/review_lists_test.cpp holds them to each other.
#pragma once
#include <cstddef>
#include <cstdint>

#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"

namespace kringloop::agents {

// Room for at least end − begin farmers in each list (every farmer may fall in one), the counts
// starting at 0: the AVX2 path writes eight entries at a time past a list's count, never beyond
// the farmers read so far.
struct ReviewLists {
  std::uint32_t* unaware;
  std::uint32_t* aware;
  std::uint32_t* adopted;
  std::uint32_t* between;
  std::size_t unaware_count = 0, aware_count = 0, adopted_count = 0, between_count = 0;
};

// What the listing reads: the practice's stages, whether each farm is active, its type.
struct ReviewListInput {
  const Stage* stage;
  const std::uint8_t* active;
  const FarmType* type;
  TypeMask eligible;
};

void list_reviews_scalar(const ReviewListInput& input, std::size_t begin, std::size_t end, ReviewLists& lists);
void list_reviews_avx2(const ReviewListInput& input, std::size_t begin, std::size_t end, ReviewLists& lists);
bool list_reviews_avx2_available();

// The fastest of the two this processor runs.
void list_reviews(const ReviewListInput& input, std::size_t begin, std::size_t end, ReviewLists& lists);

}  // namespace kringloop::agents
