// The functions of the _kringloop module, one file per job.
#pragma once
#include <pybind11/pybind11.h>

namespace kringloop::python {

// _run(scenario, overrides, seed, threads) -> dict, _options_json() -> str
void bind_run(pybind11::module_& module);

// _sweep(arguments), _sweep_overview_json(path) -> str, _sweep_metrics(path) -> list
void bind_sweep(pybind11::module_& module);

}  // namespace kringloop::python
