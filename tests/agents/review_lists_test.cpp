// The review lists' two implementations (review_lists.hpp) give the same lists: the AVX2 one,
// sixteen farmers at a time, against the reference, one farmer at a time. Checked on every block
// length from 0 to 40 and a whole block, starting anywhere, with every stage, exited farms and
// types the practice is closed to, and on the stages the pipeline's lists must separate.
#include <catch2/catch.hpp>

#include <vector>

#include "agents/model/review_lists.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

using namespace kringloop;

namespace {

struct Lists {
  std::vector<std::uint32_t> unaware, aware, adopted, between;
  agents::ReviewLists lists;
  explicit Lists(std::size_t n)
      : unaware(n, 0xDEADu), aware(n, 0xDEADu), adopted(n, 0xDEADu), between(n, 0xDEADu),
        lists{unaware.data(), aware.data(), adopted.data(), between.data()} {}
  // The listed farmers (entries past a list's count are scratch).
  static std::vector<std::uint32_t> head(const std::vector<std::uint32_t>& list, std::size_t count) {
    return {list.begin(), list.begin() + static_cast<std::ptrdiff_t>(count)};
  }
  std::vector<std::vector<std::uint32_t>> listed() const {
    return {head(unaware, lists.unaware_count), head(aware, lists.aware_count), head(adopted, lists.adopted_count),
            head(between, lists.between_count)};
  }
};

}  // namespace

SCENARIO("The AVX2 review lists are the reference's", "[agents]") {
  // Without AVX2 the vector path cannot run here (illegal instruction): the reference is then
  // compared with itself, and its own check below still runs.
  const bool avx2 = agents::list_reviews_avx2_available();
  if (!avx2) WARN("no AVX2 on this processor: only the reference is run");
  const auto fastest_of = avx2 ? agents::list_reviews_avx2 : agents::list_reviews_scalar;
  const std::size_t n = sim::agents_per_block + 100;
  std::vector<agents::Stage> stage(n);
  std::vector<std::uint8_t> active(n);
  std::vector<agents::FarmType> type(n);
  sim::RandomStream random(5, 0, 0, sim::Stream::population);
  for (std::size_t i = 0; i < n; ++i) {
    stage[i] = static_cast<agents::Stage>(random.uniform() * agents::stage_count);
    active[i] = random.uniform() < 0.85 ? static_cast<std::uint8_t>(1 + random.uniform() * 3) : 0;
    type[i] = static_cast<agents::FarmType>(random.uniform() * agents::farm_type_count);
  }
  for (const agents::TypeMask eligible : {agents::TypeMask{true, true, true, true}, agents::TypeMask{false, true, false, true},
                                          agents::TypeMask{true, false, false, false}}) {
    const agents::ReviewListInput input{stage.data(), active.data(), type.data(), eligible};
    std::vector<std::pair<std::size_t, std::size_t>> blocks{{0, sim::agents_per_block}, {77, 77 + sim::agents_per_block}};
    for (std::size_t length = 0; length <= 40; ++length) blocks.emplace_back(13 + length, 13 + 2 * length);
    for (const auto& [begin, end] : blocks) {
      Lists fastest(end - begin), reference(end - begin);
      fastest_of(input, begin, end, fastest.lists);
      agents::list_reviews_scalar(input, begin, end, reference.lists);
      INFO("farmers " << begin << " to " << end);
      REQUIRE(fastest.listed() == reference.listed());
    }
  }
  // A whole block in one list (every farm active, eligible and unaware): the vector path's eight-
  // at-a-time stores run right up to the end of the list's room (ASan watches the buffers here).
  {
    const std::vector<agents::Stage> all_unaware(sim::agents_per_block, agents::Stage::unaware);
    const std::vector<std::uint8_t> all_active(sim::agents_per_block, 1);
    const std::vector<agents::FarmType> all_dairy(sim::agents_per_block, agents::FarmType::dairy);
    const agents::ReviewListInput full{all_unaware.data(), all_active.data(), all_dairy.data(),
                                       agents::TypeMask{true, true, true, true}};
    Lists fastest(sim::agents_per_block), reference(sim::agents_per_block);
    fastest_of(full, 0, sim::agents_per_block, fastest.lists);
    agents::list_reviews_scalar(full, 0, sim::agents_per_block, reference.lists);
    REQUIRE(fastest.lists.unaware_count == sim::agents_per_block);
    REQUIRE(fastest.listed() == reference.listed());
  }
  // The reference's lists: each reviewed farmer in its stage's list, in farmer order.
  const agents::ReviewListInput input{stage.data(), active.data(), type.data(), agents::TypeMask{false, true, true, true}};
  Lists reference(n);
  agents::list_reviews_scalar(input, 0, n, reference.lists);
  std::vector<std::vector<std::uint32_t>> expected(4);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!active[i] || type[i] == agents::FarmType::arable) continue;
    switch (stage[i]) {
      case agents::Stage::unaware: expected[0].push_back(i); break;
      case agents::Stage::aware: expected[1].push_back(i); break;
      case agents::Stage::adopted: expected[2].push_back(i); break;
      case agents::Stage::interested:
      case agents::Stage::planning:
      case agents::Stage::applied: expected[3].push_back(i); break;
      default: break;
    }
  }
  REQUIRE(reference.listed() == expected);
  for (const auto& list : expected) CHECK(list.size() > 100);
}
