#include "agents/model/review_lists.hpp"

#include "sim/cpu_features.hpp"

namespace kringloop::agents {

// Who is in which stage is random: a test per farmer was mispredicted about every other farmer,
// so every farmer is written to every list and counted only in its own.
void list_reviews_scalar(const ReviewListInput& input, std::size_t begin, std::size_t end, ReviewLists& lists) {
  for (std::size_t i = begin; i < end; ++i) {
    const auto index = static_cast<std::uint32_t>(i);
    const Stage s = input.stage[i];
    const bool reviewed = (input.active[i] != 0) & input.eligible[static_cast<std::size_t>(input.type[i])];
    lists.unaware[lists.unaware_count] = index, lists.unaware_count += reviewed & (s == Stage::unaware);
    lists.aware[lists.aware_count] = index, lists.aware_count += reviewed & (s == Stage::aware);
    lists.adopted[lists.adopted_count] = index, lists.adopted_count += reviewed & (s == Stage::adopted);
    lists.between[lists.between_count] = index;
    lists.between_count += reviewed & (s >= Stage::interested) & (s <= Stage::applied);
  }
}

void list_reviews(const ReviewListInput& input, std::size_t begin, std::size_t end, ReviewLists& lists) {
  static const bool avx2 = sim::avx2_enabled();
  if (avx2) list_reviews_avx2(input, begin, end, lists);
  else list_reviews_scalar(input, begin, end, lists);
}

}  // namespace kringloop::agents
