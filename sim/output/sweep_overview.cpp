#include "sim/output/sweep_overview.hpp"

#include "sim/errors.hpp"
#include "sim/output/hdf5_handle.hpp"
#include "sim/output/sweep_file.hpp"
#include "sim/output/sweep_hdf5.hpp"

namespace kringloop::sim::output {

namespace fs = std::filesystem;

namespace {

// Names of the links directly below `group`, in name order; empty when the group is absent.
std::vector<std::string> link_names(hid_t file, const std::string& group, const std::string& name) {
  std::vector<std::string> names;
  if (H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0) return names;
  Handle handle(check(H5Gopen2(file, group.c_str(), H5P_DEFAULT), name, "opening /" + group), H5Gclose);
  H5G_info_t info{};
  check(H5Gget_info(handle.get(), &info), name, "reading /" + group);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t size = H5Lget_name_by_idx(handle.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    std::string link(static_cast<std::size_t>(check(size, name, "reading /" + group)), '\0');
    H5Lget_name_by_idx(handle.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, link.data(), link.size() + 1, H5P_DEFAULT);
    names.push_back(std::move(link));
  }
  return names;
}

herr_t collect_dataset(hid_t, const char* path, const H5O_info_t* info, void* data) {
  if (info->type == H5O_TYPE_DATASET) static_cast<std::vector<std::string>*>(data)->emplace_back(path);
  return 0;
}

std::vector<std::string> dataset_paths(hid_t file, const std::string& group, const std::string& name) {
  std::vector<std::string> paths;
  if (H5Lexists(file, "runs", H5P_DEFAULT) <= 0 || H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0) return paths;
  Handle handle(check(H5Gopen2(file, group.c_str(), H5P_DEFAULT), name, "opening /" + group), H5Gclose);
  check(H5Ovisit(handle.get(), H5_INDEX_NAME, H5_ITER_INC, collect_dataset, &paths), name,
        "listing /" + group);
  return paths;
}

std::vector<std::uint64_t> read_uint64s(hid_t file, const std::string& path, const std::string& name) {
  const auto dims = dataset_dims(file, path, name);
  std::vector<std::uint64_t> values(dims.empty() ? 0 : dims[0]);
  Handle dataset(check(H5Dopen2(file, path.c_str(), H5P_DEFAULT), name, "opening /" + path), H5Dclose);
  if (!values.empty())
    check(H5Dread(dataset.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name, "reading /" + path);
  return values;
}

}  // namespace

std::string read_file_format(const fs::path& path) {
  silence_hdf5_errors();
  const std::string name = path.string();
  std::error_code error;
  if (!fs::exists(path, error)) throw IoError(name + ": file not found");
  if (fs::is_directory(path, error)) throw IoError(name + ": is a directory, not a result file");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw IoError(name + ": not an HDF5 file (or truncated)");
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file) throw IoError(name + ": cannot open HDF5 file (truncated or damaged?)");
  if (!has_attribute(file.get(), "format")) throw IoError(name + ": not a Kringloop file (no 'format' attribute)");
  return read_string_attribute(file.get(), "format", name);
}

SweepOverview read_sweep_overview(const fs::path& path) {
  SweepOverview overview;
  overview.identity = read_sweep_identity(path);  // checks format, design and sweep_id
  const std::string name = path.string();
  Handle file = open_kringloop_file(path, H5F_ACC_RDONLY, "kringloop-sweep", "a sweep");
  for (const char* key : {"kringloop_version", "git_describe", "sweep_id"})
    if (has_attribute(file.get(), key)) overview.text_attributes.emplace_back(key, read_string_attribute(file.get(), key, name));
  overview.run_point = read_uint64s(file.get(), "runs/point", name);
  overview.run_replication = read_uint64s(file.get(), "runs/replication", name);
  overview.run_seed = read_uint64s(file.get(), "runs/seed", name);
  const std::uint64_t runs = overview.identity.runs();
  if (overview.run_point.size() != runs || overview.run_replication.size() != runs || overview.run_seed.size() != runs)
    throw IoError(name + ": /runs holds " + std::to_string(overview.run_point.size()) + " rows, the design " +
                  std::to_string(runs) + " runs (damaged file?)");
  const auto months = dataset_dims(file.get(), "time/month", name);
  overview.months = months.empty() ? 0 : months[0];
  overview.metrics = link_names(file.get(), "runs/summary", name);
  overview.series = dataset_paths(file.get(), "runs/series", name);
  overview.sensitivity = link_names(file.get(), "sensitivity", name);
  return overview;
}

std::vector<std::pair<std::string, std::vector<double>>> read_sweep_metrics(const fs::path& path) {
  const std::string name = path.string();
  Handle file = open_kringloop_file(path, H5F_ACC_RDONLY, "kringloop-sweep", "a sweep");
  std::vector<std::pair<std::string, std::vector<double>>> metrics;
  for (auto& key : link_names(file.get(), "runs/summary", name)) {
    auto values = read_doubles(file.get(), "runs/summary/" + key, name);
    metrics.emplace_back(std::move(key), std::move(values));
  }
  return metrics;
}

cli::Json sweep_overview_json(const SweepOverview& overview) {
  const auto& identity = overview.identity;
  cli::Json object = cli::Json::object();
  object["format"] = "kringloop-sweep";
  for (const auto& [key, value] : overview.text_attributes) object[key] = value;
  object["seed"] = identity.seed;
  object["replications"] = identity.replications;
  object["points"] = identity.points.size();
  object["runs"] = identity.runs();
  object["months"] = overview.months;
  cli::Json design = cli::Json::object();
  design["kind"] = identity.design;
  design["names"] = identity.names;
  cli::Json integer = cli::Json::array();
  for (auto flag : identity.integer_keys) integer.push_back(flag != 0);
  design["integer"] = std::move(integer);
  design["base_samples"] = identity.base_samples;
  design["trajectories"] = identity.trajectories;
  design["levels"] = identity.levels;
  design["points"] = identity.points;
  object["design"] = std::move(design);
  object["run_point"] = overview.run_point;
  object["run_replication"] = overview.run_replication;
  object["run_seed"] = overview.run_seed;
  object["metrics"] = overview.metrics;
  object["series"] = overview.series;
  object["sensitivity"] = overview.sensitivity;
  return object;
}

}  // namespace kringloop::sim::output
