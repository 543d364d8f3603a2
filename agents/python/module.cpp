// _kringloop: the compiled half of the `kringloop` Python package (analysis/kringloop/ is the other
// half: DataFrames, keyword arguments, the EMA Workbench function). Everything here calls the same
// functions as the `kringloop` program, so a run or sweep from Python gives the CLI's numbers.
// Long work releases the GIL; errors arrive as kringloop.ConfigError / kringloop.FileError with
// the one-line message the CLI would print after "kringloop: error: ".
#include <pybind11/pybind11.h>

#include <boost/program_options/errors.hpp>

#include "agents/python/bindings.hpp"
#include "sim/errors.hpp"
#include "sim/git_describe.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_kringloop, module) {
  module.doc() = "Kringloop's simulator, in process (use the `kringloop` package, not this module).";
  module.attr("__version__") = KRINGLOOP_VERSION;
  module.attr("git_describe") = kringloop::sim::git_describe;

  static py::exception<kringloop::sim::ConfigError> config_error(module, "ConfigError", PyExc_ValueError);
  static py::exception<kringloop::sim::IoError> file_error(module, "FileError", PyExc_OSError);
  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const kringloop::sim::ConfigError& e) {
      config_error(e.what());
    } catch (const kringloop::sim::IoError& e) {
      file_error(e.what());
    } catch (const boost::program_options::error& e) {
      config_error((std::string("command line: ") + e.what()).c_str());
    }
  });

  kringloop::python::bind_run(module);
  kringloop::python::bind_sweep(module);
}
