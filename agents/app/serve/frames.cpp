#include "agents/app/serve/frames.hpp"

#include <cmath>

#include "sim/cli/json.hpp"

namespace kringloop::agents::serve {

namespace {

void append_u32(std::string& out, std::uint32_t value) {
  for (int byte = 0; byte < 4; ++byte) out += static_cast<char>((value >> (8 * byte)) & 0xffu);
}

// Positions to 10 m: enough for any screen, and a third of the bytes of full floats.
double to_10m(float km) { return std::round(static_cast<double>(km) * 100.0) / 100.0; }

}  // namespace

std::string farms_frame(const Model& model, const Scenario& scenario) {
  const Farmers& farmers = model.farmers();
  sim::cli::Json frame;
  frame["type"] = "farms";
  frame["width_km"] = scenario.population.region_width_km;
  frame["height_km"] = scenario.population.region_height_km;
  sim::cli::Json x = sim::cli::Json::array(), y = sim::cli::Json::array();
  for (std::size_t i = 0; i < farmers.size(); ++i) {
    x.push_back(to_10m(farmers.x_km[i]));
    y.push_back(to_10m(farmers.y_km[i]));
  }
  frame["x_km"] = std::move(x);
  frame["y_km"] = std::move(y);
  sim::cli::Json practices = sim::cli::Json::array();
  for (const auto& practice : scenario.practices) practices.push_back(practice.name);
  frame["practices"] = std::move(practices);
  sim::cli::Json stages = sim::cli::Json::array();
  for (const char* stage : stage_names) stages.push_back(stage);
  frame["stages"] = std::move(stages);
  sim::cli::Json institutions = sim::cli::Json::array();
  for (const auto& institution : scenario.institutions) institutions.push_back(institution.name);
  frame["institutions"] = std::move(institutions);
  // What each series is, so the dashboard can label any series without knowing the model.
  sim::cli::Json series = sim::cli::Json::object();
  for (const auto& s : model.record_so_far().series())
    series[s.path] = {{"unit", s.unit}, {"description", s.description}, {"columns", s.columns}};
  frame["series"] = std::move(series);
  return sim::cli::dump_json(frame);
}

std::string month_frame(const sim::output::RunRecord& record, int months_done, int months_total, std::size_t levers_applied) {
  sim::cli::Json frame;
  frame["type"] = "month";
  frame["month"] = months_done;
  frame["months"] = months_total;
  frame["levers_applied"] = levers_applied;
  frame["day"] = record.month_end_days().empty() ? 0 : record.month_end_days().back();
  sim::cli::Json series = sim::cli::Json::object();
  for (const auto& s : record.series()) {
    const std::size_t width = s.width();
    if (s.values.size() < width) continue;
    const auto row = s.values.end() - static_cast<std::ptrdiff_t>(width);
    if (s.columns.empty()) {
      series[s.path] = sim::cli::json_number(*row);
    } else {
      sim::cli::Json values = sim::cli::Json::array();
      for (std::size_t c = 0; c < width; ++c) values.push_back(sim::cli::json_number(row[static_cast<std::ptrdiff_t>(c)]));
      series[s.path] = std::move(values);
    }
  }
  frame["series"] = std::move(series);
  return sim::cli::dump_json(frame);
}

std::string map_frame(const Model& model, int months_done) {
  const Farmers& farmers = model.farmers();
  const std::size_t n = farmers.size(), practices = farmers.practice.size();
  std::string out = "KMAP";
  out.reserve(16 + n * practices);
  append_u32(out, static_cast<std::uint32_t>(months_done));
  append_u32(out, static_cast<std::uint32_t>(n));
  append_u32(out, static_cast<std::uint32_t>(practices));
  const std::size_t header = out.size();
  out.resize(header + n * practices);
  char* stages = out.data() + header;
  for (std::size_t p = 0; p < practices; ++p)
    for (std::size_t i = 0; i < n; ++i)
      *stages++ = static_cast<char>(farmers.active[i] ? static_cast<std::uint8_t>(farmers.practice[p].stage[i]) : 255u);
  return out;
}

}  // namespace kringloop::agents::serve
