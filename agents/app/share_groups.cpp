#include "agents/app/share_groups.hpp"

namespace kringloop::agents {

const std::vector<sim::experiment::ShareGroup>& model_share_groups() {
  // build_scenario.cpp: the farm-type shares must sum to 1; build_institutions.cpp: the tenure
  // shares of the land must sum to 1. (The innovativeness shares leave the rest to laggards, so
  // they need no renormalisation.)
  static const std::vector<sim::experiment::ShareGroup> groups{
      {{"population.share_arable", "population.share_dairy", "population.share_mixed",
        "population.share_intensive_livestock"},
       1.0},
      {{"land.share_owned", "land.share_regular", "land.share_liberalised", "land.share_one_year"}, 1.0},
  };
  return groups;
}

}  // namespace kringloop::agents
