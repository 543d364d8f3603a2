// The scenario keys that must keep their sum when a sweep varies some of them
// (sim/experiment/share_groups.hpp renormalises the rest). Listed here, beside the app, because
// which shares belong together is model knowledge (agents/scenario/build_*.cpp check the sums).
#pragma once
#include <vector>

#include "sim/experiment/share_groups.hpp"

namespace kringloop::agents {

const std::vector<sim::experiment::ShareGroup>& model_share_groups();

}  // namespace kringloop::agents
