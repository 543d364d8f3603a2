#include "sim/output/run_file.hpp"

#include <unistd.h>

#include <cstring>

#include "sim/errors.hpp"
#include "sim/git_describe.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/dataset_checksum.hpp"
#include "sim/output/hdf5_handle.hpp"

namespace kringloop::sim::output {

namespace fs = std::filesystem;

void check_output_path(const fs::path& path, bool overwrite) {
  check_destination(path, overwrite);
  // Probe by creating (and removing) a temporary file: catches read-only folders up front.
  AtomicOutput probe(path, overwrite);
  const int fd = probe.create_exclusive();
  ::close(fd);
}

namespace {

void write_time(hid_t file_id, const RunRecord& record, const std::string& name) {
  Handle time = ensure_groups(file_id, "time", name);
  const std::vector<Day>& days = record.month_end_days();
  std::vector<std::int32_t> months(days.size());
  for (std::size_t m = 0; m < months.size(); ++m) months[m] = static_cast<std::int32_t>(m + 1);
  const std::vector<hsize_t> dims{days.size()}, chunk{std::min<hsize_t>(days.size(), 1024)};
  write_extendible(time.get(), "month", H5T_NATIVE_INT32, H5T_STD_I32LE, dims, chunk, months.data(), 0, name);
  write_extendible(time.get(), "day", H5T_NATIVE_INT32, H5T_STD_I32LE, dims, chunk, days.data(), 0, name);
}

void write_series(hid_t file_id, const RunRecord& record, const std::string& name) {
  Handle root = ensure_groups(file_id, "series", name);
  for (const Series& series : record.series()) {
    const auto slash = series.path.rfind('/');
    Handle group = ensure_groups(root.get(), slash == std::string::npos ? "" : series.path.substr(0, slash), name);
    const std::string leaf = slash == std::string::npos ? series.path : series.path.substr(slash + 1);
    std::vector<hsize_t> dims{series.months()}, chunk{std::min<hsize_t>(series.months(), 120)};
    if (!series.columns.empty()) {
      dims.push_back(series.width());
      chunk.push_back(series.width());
    }
    write_extendible(group.get(), leaf, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, dims, chunk, series.values.data(), 0, name);
    Handle dataset(check(H5Dopen2(group.get(), leaf.c_str(), H5P_DEFAULT), name, "opening " + series.path), H5Dclose);
    write_string_attribute(dataset.get(), "unit", series.unit, name);
    write_string_attribute(dataset.get(), "description", series.description, name);
    if (!series.columns.empty()) write_strings_attribute(dataset.get(), "columns", series.columns, name);
  }
}

void write_snapshots(hid_t file_id, const RunRecord& record, const std::string& name) {
  if (record.snapshots().empty()) return;
  Handle group = ensure_groups(file_id, "snapshots", name);
  for (const Snapshot& snapshot : record.snapshots()) {
    const hsize_t agents = snapshot.agents, years = agents ? snapshot.values.size() / agents : 0;
    write_extendible(group.get(), snapshot.name, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, {years, agents},
                     {1, std::min<hsize_t>(std::max<hsize_t>(agents, 1), 1u << 18)}, snapshot.values.data(), 4, name);
    Handle dataset(check(H5Dopen2(group.get(), snapshot.name.c_str(), H5P_DEFAULT), name, "opening snapshot"), H5Dclose);
    write_string_attribute(dataset.get(), "unit", snapshot.unit, name);
  }
}

// Tables as 2-D float64 datasets (rows × columns) under /tables, with column names.
void write_tables(hid_t file_id, const RunRecord& record, const std::string& name) {
  if (record.tables().empty()) return;
  Handle group = ensure_groups(file_id, "tables", name);
  for (const Table& table : record.tables()) {
    const hsize_t rows = table.rows(), width = table.columns.size();
    write_extendible(group.get(), table.name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, {rows, width},
                     {std::max<hsize_t>(1, std::min<hsize_t>(rows, 1024)), width}, table.values.data(), 0, name);
    Handle dataset(check(H5Dopen2(group.get(), table.name.c_str(), H5P_DEFAULT), name, "opening table"), H5Dclose);
    write_string_attribute(dataset.get(), "description", table.description, name);
    write_strings_attribute(dataset.get(), "columns", table.columns, name);
  }
}

}  // namespace

void write_run_file(const fs::path& path, const RunRecord& record, const RunMetadata& metadata, bool overwrite,
                    bool include_snapshots) {
  silence_hdf5_errors();
  const std::string name = path.string();
  AtomicOutput output(path, overwrite);
  {
    Handle file = create_hdf5_file(output.temporary(), name);
    const hid_t root = file.get();
    write_string_attribute(root, "format", "kringloop-run", name);
    write_int64_attribute(root, "format_version", run_format_version, name);
    write_string_attribute(root, "kringloop_version", KRINGLOOP_VERSION, name);
    write_string_attribute(root, "git_describe", git_describe, name);
    write_uint64_attribute(root, "seed", metadata.seed, name);
    write_int64_attribute(root, "threads", metadata.threads, name);
    write_double_attribute(root, "wall_seconds", metadata.wall_seconds, name);
    write_string_attribute(root, "scenario_name", metadata.scenario_name, name);
    write_string_attribute(root, "scenario_text", metadata.scenario_text, name);
    write_string_attribute(root, "command_line", metadata.command_line, name);
    if (!metadata.lever_changes.empty()) write_string_attribute(root, "lever_changes", metadata.lever_changes, name);
    write_int64_attribute(root, "years", metadata.years, name);
    write_int64_attribute(root, "farmers", metadata.farmers, name);
    write_int64_attribute(root, "months", static_cast<std::int64_t>(record.month_end_days().size()), name);
    write_time(root, record, name);
    write_series(root, record, name);
    write_tables(root, record, name);
    Handle summary = ensure_groups(root, "summary", name);
    for (const auto& [key, value] : record.summary()) write_double_attribute(summary.get(), key, value, name);
    write_attributes_checksum(root, "summary_checksum", summary.get(), name);
    write_attributes_checksum(root, "checksum", root, name);
    if (include_snapshots) write_snapshots(root, record, name);
    summary.reset();  // before the file: closing the file first left this id dangling (an HDF5 error)
    close_hdf5_file(file, name);
  }
  output.commit();
}

namespace {

struct AttributeCollector {
  std::vector<std::pair<std::string, std::string>>* texts;
  std::vector<std::pair<std::string, double>>* numbers;
  std::string file;
};

herr_t collect_attribute(hid_t location, const char* name, const H5A_info_t*, void* data) {
  auto* collector = static_cast<AttributeCollector*>(data);
  if (is_checksum_attribute(name)) return 0;  // verified, not shown (dataset_checksum.hpp)
  Handle attribute(H5Aopen(location, name, H5P_DEFAULT), H5Aclose);
  if (!attribute) return -1;
  Handle type(H5Aget_type(attribute.get()), H5Tclose);
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_STRING) {
    if (collector->texts) collector->texts->emplace_back(name, read_string_attribute(location, name, collector->file));
  } else if (type_class == H5T_INTEGER || type_class == H5T_FLOAT) {
    double value = 0;
    if (H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value) < 0) return -1;
    collector->numbers->emplace_back(name, value);
  }
  return 0;
}

}  // namespace

RunFileSummary read_run_summary(const fs::path& path) {
  const std::string name = path.string();
  Handle file = open_kringloop_file(path, H5F_ACC_RDONLY, "kringloop-run", "a single run");
  RunFileSummary result;
  AttributeCollector root{&result.text_attributes, &result.number_attributes, name};
  hsize_t index = 0;
  check(H5Aiterate2(file.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_attribute, &root), name, "reading attributes");
  if (H5Lexists(file.get(), "summary", H5P_DEFAULT) <= 0) throw IoError(name + ": no /summary group (truncated run?)");
  Handle summary(check(H5Gopen2(file.get(), "summary", H5P_DEFAULT), name, "opening /summary"), H5Gclose);
  verify_attributes_checksum(file.get(), "summary_checksum", summary.get(), "/summary", name);
  AttributeCollector summary_collector{nullptr, &result.summary, name};
  index = 0;
  check(H5Aiterate2(summary.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_attribute, &summary_collector), name,
        "reading /summary");
  return result;
}

}  // namespace kringloop::sim::output
