// What the dashboard receives over the WebSocket, built on the simulation thread at each month
// boundary (docs/API.md "Frames"):
//   {"type":"farms"}  once: farm positions (km), the names of practices, stages and institutions, and
//                     each series' unit, description and columns;
//   {"type":"month"}  every month: the last row of every series the run records (key metrics:
//                     adoption, funnel, trust, subsidy, chain capacity; new submodels' series appear
//                     as they are recorded);
//   binary map frame  the stage of every farm for every practice (latest only: merged for slow clients).
#pragma once
#include <string>

#include "agents/model/model.hpp"

namespace kringloop::agents::serve {

std::string farms_frame(const Model& model, const Scenario& scenario);
// `levers_applied`: lever changes in force for the month just recorded (a client sees its change land).
std::string month_frame(const sim::output::RunRecord& record, int months_done, int months_total, std::size_t levers_applied);

// Binary layout (little-endian): "KMAP", uint32 months_done, uint32 farms, uint32 practices, then
// practices × farms bytes: the farm's stage index (farmers.hpp stage_names), 255 for an exited farm.
std::string map_frame(const Model& model, int months_done);

}  // namespace kringloop::agents::serve
