// One run in process: the request goes through the same resolve/validate/simulate functions as
// `kringloop run` (agents/app/run_request.hpp); the record comes back as plain arrays, read
// generically from whatever series and summary keys the recorder produced.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "agents/app/run_request.hpp"
#include "agents/parameters/registry.hpp"
#include "agents/python/bindings.hpp"
#include "sim/config/parameter_schema.hpp"
#include "sim/git_describe.hpp"

namespace py = pybind11;

namespace kringloop::python {

namespace {

py::array_t<double> series_array(const sim::output::Series& series) {
  const auto months = static_cast<py::ssize_t>(series.months());
  if (series.columns.empty()) return py::array_t<double>({months}, series.values.data());
  return py::array_t<double>({months, static_cast<py::ssize_t>(series.width())}, series.values.data());
}

py::dict run_to_python(const agents::LoadedScenario& loaded, const agents::CompletedRun& run) {
  const sim::output::RunMetadata metadata = agents::run_metadata(loaded, run, "");
  const auto& record = run.record;
  py::dict meta;
  meta["kringloop_version"] = KRINGLOOP_VERSION;
  meta["git_describe"] = sim::git_describe;
  meta["seed"] = metadata.seed;
  meta["threads"] = metadata.threads;
  meta["wall_seconds"] = metadata.wall_seconds;
  meta["scenario_name"] = metadata.scenario_name;
  meta["scenario_text"] = metadata.scenario_text;
  meta["years"] = metadata.years;
  meta["farmers"] = metadata.farmers;
  meta["months"] = record.month_end_days().size();

  py::list series;
  for (const auto& s : record.series())
    series.append(py::make_tuple(s.path, s.unit, s.description, s.columns, series_array(s)));
  py::list summary;
  for (const auto& [key, value] : record.summary()) summary.append(py::make_tuple(key, value));
  const auto& days = record.month_end_days();
  py::dict result;
  result["meta"] = meta;
  result["day"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(days.size()),
                                            std::vector<std::int64_t>(days.begin(), days.end()).data());
  result["series"] = series;
  result["summary"] = summary;
  return result;
}

py::dict run(const std::optional<std::string>& scenario, const sim::config::KeyValues& overrides,
             const std::optional<std::uint64_t>& seed, int threads) {
  agents::RunRequest request{scenario, overrides, seed, threads};
  std::optional<agents::LoadedScenario> loaded;
  std::optional<agents::CompletedRun> completed;
  {
    py::gil_scoped_release release;  // validation and the run touch no Python object
    loaded.emplace(agents::load_run_scenario(request));
    completed.emplace(agents::simulate(loaded->scenario, agents::resolve_threads(request.threads)));
  }
  return run_to_python(*loaded, *completed);
}

py::dict validate(const std::optional<std::string>& scenario, const sim::config::KeyValues& overrides,
                  const std::optional<std::uint64_t>& seed) {
  std::optional<agents::LoadedScenario> loaded;
  {
    py::gil_scoped_release release;
    loaded.emplace(agents::load_run_scenario(agents::RunRequest{scenario, overrides, seed, 1}));
  }
  py::dict description;
  description["scenario_name"] = loaded->scenario.run.name;
  description["scenario_text"] = loaded->scenario.resolved_text;
  description["seed"] = loaded->scenario.run.seed;
  description["years"] = loaded->scenario.run.years;
  description["farmers"] = loaded->scenario.population.farmers;
  return description;
}

}  // namespace

void bind_run(py::module_& module) {
  module.def("_run", &run, py::arg("scenario"), py::arg("overrides"), py::arg("seed"), py::arg("threads"),
             "Run one scenario in process; returns {'meta', 'day', 'series', 'summary'} (see kringloop.run).");
  module.def("_validate", &validate, py::arg("scenario"), py::arg("overrides"), py::arg("seed"),
             "Resolve and check a scenario without running it (`kringloop validate`).");
  module.def(
      "_options_json", [] { return sim::cli::dump_json(sim::config::parameter_schema(agents::parameter_registry())); },
      "The schema of every scenario option, as `kringloop options --json` prints it.");
}

}  // namespace kringloop::python
