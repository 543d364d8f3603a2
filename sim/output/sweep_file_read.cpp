// Reading sweep files back (sensitivity, extract, resume checks) and adding sensitivity results.
#include <algorithm>

#include "sim/config/parameter_registry.hpp"
#include "sim/errors.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/dataset_checksum.hpp"
#include "sim/output/hdf5_handle.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/sweep_extension_hdf5.hpp"
#include "sim/output/sweep_file.hpp"
#include "sim/output/sweep_hdf5.hpp"

namespace kringloop::sim::output {

namespace fs = std::filesystem;

namespace {

Handle open_sweep(const fs::path& path, unsigned flags) {
  return open_kringloop_file(path, flags, "kringloop-sweep", "a sweep");
}

// A design without factors (plain replications of one scenario) has `rows` empty points.
std::vector<std::vector<double>> as_table(const std::vector<double>& flat, std::size_t columns, std::size_t rows) {
  std::vector<std::vector<double>> table;
  if (columns == 0) return std::vector<std::vector<double>>(rows);
  for (std::size_t i = 0; i + columns <= flat.size(); i += columns) table.emplace_back(flat.begin() + i, flat.begin() + i + columns);
  return table;
}

}  // namespace

std::string read_sweep_id(const fs::path& path) {
  Handle file = open_sweep(path, H5F_ACC_RDONLY);
  return read_string_attribute(file.get(), "sweep_id", path.string());
}

SweepIdentity read_sweep_identity(const fs::path& path) {
  Handle file = open_sweep(path, H5F_ACC_RDONLY);
  const std::string name = path.string();
  const hid_t root = file.get();
  SweepIdentity identity;
  identity.scenario_text = read_string_attribute(root, "scenario_text", name);
  identity.design = read_string_attribute(root, "design", name);
  identity.seed = read_uint64_attribute(root, "seed", name);
  identity.replications = static_cast<std::uint64_t>(read_int64_attribute(root, "replications", name));
  Handle design(check(H5Gopen2(root, "design", H5P_DEFAULT), name, "opening /design"), H5Gclose);
  verify_attributes_checksum(root, "design_checksum", design.get(), "/design", name);
  identity.base_samples = static_cast<std::uint64_t>(read_int64_attribute(design.get(), "base_samples", name));
  identity.trajectories = static_cast<std::uint64_t>(read_int64_attribute(design.get(), "trajectories", name));
  identity.levels = static_cast<std::uint64_t>(read_int64_attribute(design.get(), "levels", name));
  identity.names = read_strings(root, "design/names", name);
  for (double flag : read_doubles(root, "design/integer", name))
    identity.integer_keys.push_back(flag == factor_categorical ? factor_categorical : flag != 0 ? factor_integer : factor_real);
  const auto point_count = static_cast<std::size_t>(read_int64_attribute(root, "points", name));
  identity.points = as_table(read_doubles(root, "design/points", name), identity.names.size(), point_count);
  identity.raw_points = as_table(read_doubles(root, "design/raw_points", name), identity.names.size(), point_count);
  if (identity.replications == 0 || identity.integer_keys.size() != identity.names.size() ||
      identity.raw_points.size() != identity.points.size())
    throw IoError(name + ": damaged /design group");
  read_identity_extension(design.get(), identity, name);
  if (read_string_attribute(root, "sweep_id", name) != sweep_id_text(identity.hash()))
    throw IoError(name + ": the sweep's identity does not match its contents (file altered?)");
  return identity;
}

std::vector<double> read_sweep_summary(const fs::path& path, const std::string& key) {
  Handle file = open_sweep(path, H5F_ACC_RDONLY);
  const std::string name = path.string();
  Handle summary(check(H5Gopen2(file.get(), "runs/summary", H5P_DEFAULT), name, "opening /runs/summary"), H5Gclose);
  if (key.find('/') != std::string::npos || H5Lexists(summary.get(), key.c_str(), H5P_DEFAULT) <= 0) {
    std::string available, nearest;
    std::size_t nearest_distance = std::string::npos;
    H5G_info_t info{};
    H5Gget_info(summary.get(), &info);
    for (hsize_t i = 0; i < info.nlinks; ++i) {
      char link[512] = {};
      H5Lget_name_by_idx(summary.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, link, sizeof link, H5P_DEFAULT);
      if (i < 12) available += (i ? ", " : "") + std::string(link);
      const std::size_t distance = config::edit_distance(key, link);
      if (distance < nearest_distance) nearest_distance = distance, nearest = link;
    }
    if (info.nlinks > 12) available += ", ... (" + std::to_string(info.nlinks) + " in all; see /runs/summary)";
    const std::string suggestion = nearest.empty() ? "" : "did you mean '" + nearest + "'? ";
    throw IoError(name + ": no summary metric '" + key + "' (" + suggestion + "available: " + available + ")");
  }
  return read_doubles(summary.get(), key, name);
}

void write_sensitivity_group(const fs::path& path, const SensitivityGroup& group) {
  { Handle check_format = open_sweep(path, H5F_ACC_RDONLY); }
  const std::string name = path.string();
  AtomicOutput atomic(path, true);
  const fs::path& partial = atomic.temporary();
  std::error_code error;
  fs::copy_file(path, partial, fs::copy_options::none, error);  // exclusive: never over an existing file
  if (error) throw IoError(name + ": cannot copy to " + partial.string() + ": " + error.message());
  {
    Handle access(check(H5Pcreate(H5P_FILE_ACCESS), name, "opening copy for writing"), H5Pclose);
    check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG), name, "opening copy for writing");
    Handle file(check(H5Fopen(partial.c_str(), H5F_ACC_RDWR, access.get()), name, "opening copy for writing"), H5Fclose);
    Handle root = ensure_groups(file.get(), "sensitivity", name);
    // Re-running replaces the metric's group. (The old group's bytes stay in the file until h5repack.)
    if (H5Lexists(root.get(), group.metric.c_str(), H5P_DEFAULT) > 0)
      check(H5Ldelete(root.get(), group.metric.c_str(), H5P_DEFAULT), name, "replacing /sensitivity/" + group.metric);
    Handle metric(check(H5Gcreate2(root.get(), group.metric.c_str(), H5P_DEFAULT, compact_group_properties(name).get(), H5P_DEFAULT), name,
                        "creating /sensitivity/" + group.metric),
                  H5Gclose);
    write_string_attribute(metric.get(), "method", group.method, name);
    for (const auto& [key, value] : group.attributes) write_double_attribute(metric.get(), key, value, name);
    write_string_dataset(metric.get(), "names", group.names, name);
    for (const auto& [dataset, values] : group.datasets) {
      const hsize_t count = values.size();
      Handle out = create_extendible(metric.get(), dataset, H5T_IEEE_F64LE, {count}, {std::max<hsize_t>(count, 1)}, 0, name);
      write_rows(out.get(), H5T_NATIVE_DOUBLE, {0}, {count}, values.data(), name);
    }
    close_hdf5_file(file, name);
  }
  atomic.commit();
}

}  // namespace kringloop::sim::output
