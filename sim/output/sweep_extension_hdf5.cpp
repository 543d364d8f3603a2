#include "sim/output/sweep_extension_hdf5.hpp"

#include <algorithm>

#include "sim/errors.hpp"
#include "sim/output/hdf5_handle.hpp"
#include "sim/output/sweep_hdf5.hpp"

namespace kringloop::sim::output {

namespace {

bool exists(hid_t parent, const std::string& path) { return H5Lexists(parent, path.c_str(), H5P_DEFAULT) > 0; }

}  // namespace

void write_identity_extension(hid_t design, const SweepIdentity& identity, const std::string& file) {
  if (!identity.labels.empty()) {
    Handle labels = ensure_groups(design, "labels", file);
    for (std::size_t i = 0; i < identity.names.size(); ++i)
      if (identity.integer_keys.at(i) == factor_categorical)
        write_string_dataset(labels.get(), identity.names[i], identity.labels.at(i), file);
  }
  if (!identity.scenario_texts.empty()) write_string_dataset(design, "scenario_texts", identity.scenario_texts, file);
  if (!identity.derived_names.empty()) {
    write_string_dataset(design, "derived_names", identity.derived_names, file);
    const hsize_t points = identity.derived_points.size(), width = identity.derived_names.size();
    std::vector<double> flat;
    flat.reserve(points * width);
    for (const auto& point : identity.derived_points) flat.insert(flat.end(), point.begin(), point.end());
    write_extendible(design, "derived_points", H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, {points, width},
                     {std::clamp<hsize_t>(points, 1, 4096), width}, flat.data(), 4, file);
  }
}

void read_identity_extension(hid_t design, SweepIdentity& identity, const std::string& file) {
  const bool categorical = std::count(identity.integer_keys.begin(), identity.integer_keys.end(), factor_categorical) > 0;
  if (categorical) {
    identity.labels.assign(identity.names.size(), {});
    for (std::size_t i = 0; i < identity.names.size(); ++i) {
      if (identity.integer_keys[i] != factor_categorical) continue;
      identity.labels[i] = read_strings(design, "labels/" + identity.names[i], file);
      for (const auto& point : identity.points)
        if (!(point[i] >= 0) || point[i] >= static_cast<double>(identity.labels[i].size()))
          throw IoError(file + ": damaged /design group (a level index of '" + identity.names[i] + "' is out of range)");
    }
  }
  if (exists(design, "scenario_texts")) identity.scenario_texts = read_strings(design, "scenario_texts", file);
  if (exists(design, "derived_names")) {
    identity.derived_names = read_strings(design, "derived_names", file);
    const std::vector<double> flat = read_doubles(design, "derived_points", file);
    const std::size_t width = identity.derived_names.size();
    if (flat.size() != width * identity.points.size()) throw IoError(file + ": damaged /design/derived_points");
    identity.derived_points.assign(identity.points.size(), std::vector<double>(width));
    for (std::size_t d = 0; d < identity.points.size(); ++d)
      std::copy_n(flat.begin() + static_cast<std::ptrdiff_t>(d * width), width, identity.derived_points[d].begin());
  }
}

}  // namespace kringloop::sim::output
