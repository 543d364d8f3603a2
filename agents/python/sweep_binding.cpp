// Sweeps from Python drive `kringloop sweep` itself (its argument parsing, validation, journal,
// resume and assembly), so there is one sweep implementation; the result is read back with the
// same reader as `kringloop inspect SWEEP.h5 --json`.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "agents/app/sweep_commands.hpp"
#include "agents/python/bindings.hpp"
#include "sim/output/sweep_overview.hpp"

namespace py = pybind11;

namespace kringloop::python {

void bind_sweep(py::module_& module) {
  module.def(
      "_sweep",
      [](const std::vector<std::string>& arguments) {
        py::gil_scoped_release release;
        return agents::command_sweep(arguments);
      },
      py::arg("arguments"), "Run `kringloop sweep ARGUMENTS...` in process; returns its exit code.");
  module.def(
      "_sweep_overview_json",
      [](const std::string& path) { return sim::cli::dump_json(sim::output::sweep_overview_json(sim::output::read_sweep_overview(path))); },
      py::arg("path"), "What `kringloop inspect SWEEP.h5 --json` prints.");
  module.def(
      "_sweep_metrics",
      [](const std::string& path) {
        py::list metrics;
        for (const auto& [key, values] : sim::output::read_sweep_metrics(path))
          metrics.append(py::make_tuple(key, py::array_t<double>(static_cast<py::ssize_t>(values.size()), values.data())));
        return metrics;
      },
      py::arg("path"), "Every /runs/summary metric of a sweep file as (name, values) in name order.");
}

}  // namespace kringloop::python
