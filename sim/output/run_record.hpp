// Everything one run produces, in memory, before it is written: monthly series, the run summary
// and optional yearly agent snapshots. Series are registered once (fixed order) and then receive
// one row per month, so a sweep can stack the same paths from every run.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace kringloop::sim::output {

struct Series {
  std::string path;         // "practice/nature_inclusive/stage_count" (under /series)
  std::string unit;
  std::string description;
  std::vector<std::string> columns;  // empty for a 1-D series
  std::vector<double> values;        // months × width, row-major
  std::size_t width() const { return columns.empty() ? 1 : columns.size(); }
  std::size_t months() const { return values.size() / width(); }
};

struct Snapshot {
  std::string name;                    // "stage_nature_inclusive", "trust_province"
  std::string unit;
  std::vector<float> values;           // years × agents, row-major
  std::size_t agents = 0;
};

// A table of one row per entity (e.g. every coalition of the run): numeric columns, codes
// explained in the description. Written once at the end, under /tables.
struct Table {
  std::string name;
  std::string description;
  std::vector<std::string> columns;
  std::vector<double> values;  // rows × columns, row-major
  std::size_t rows() const { return columns.empty() ? 0 : values.size() / columns.size(); }
};

class RunRecord {
 public:
  std::size_t add_series(std::string path, std::string unit, std::string description,
                         std::vector<std::string> columns = {}) {
    series_.push_back(Series{std::move(path), std::move(unit), std::move(description), std::move(columns), {}});
    return series_.size() - 1;
  }
  void append(std::size_t series, double value) { series_[series].values.push_back(value); }
  void append(std::size_t series, const std::vector<double>& row) {
    series_[series].values.insert(series_[series].values.end(), row.begin(), row.end());
  }
  // A row from any range of numbers (converted to double as a vector<double> of them would be),
  // without a temporary vector per month.
  template <class Iterator>
  void append(std::size_t series, Iterator first, Iterator last) {
    series_[series].values.insert(series_[series].values.end(), first, last);
  }
  // Room for `months` rows in every series registered so far (grown month by month, each was copied
  // a dozen times over a run; issue 16). Call it before the first month, from one thread: the
  // recorders append to their own series side by side, and a reservation moves every series.
  void reserve_months(std::size_t months) {
    month_end_days_.reserve(months);
    for (Series& s : series_) s.values.reserve(months * s.width());
  }
  void add_month(Day last_day) { month_end_days_.push_back(last_day); }
  void set_summary(std::string key, double value) { summary_.emplace_back(std::move(key), value); }
  Snapshot& snapshot(const std::string& name, const std::string& unit, std::size_t agents) {
    for (auto& s : snapshots_)
      if (s.name == name) return s;
    snapshots_.push_back(Snapshot{name, unit, {}, agents});
    return snapshots_.back();
  }

  void add_table(Table table) { tables_.push_back(std::move(table)); }
  const std::vector<Table>& tables() const { return tables_; }
  const Table* find_table(const std::string& name) const {
    for (const auto& t : tables_)
      if (t.name == name) return &t;
    return nullptr;
  }
  const std::vector<Series>& series() const { return series_; }
  const std::vector<std::pair<std::string, double>>& summary() const { return summary_; }
  const std::vector<Snapshot>& snapshots() const { return snapshots_; }
  const std::vector<Day>& month_end_days() const { return month_end_days_; }
  const Series* find_series(const std::string& path) const {
    for (const auto& s : series_)
      if (s.path == path) return &s;
    return nullptr;
  }
  double summary_value(const std::string& key, double fallback) const {
    for (const auto& [k, v] : summary_)
      if (k == key) return v;
    return fallback;
  }

 private:
  std::vector<Series> series_;
  std::vector<std::pair<std::string, double>> summary_;
  std::vector<Snapshot> snapshots_;
  std::vector<Table> tables_;
  std::vector<Day> month_end_days_;
};

// Identity of a run, written as root attributes.
struct RunMetadata {
  std::uint64_t seed = 0;
  int threads = 1;
  double wall_seconds = 0;
  std::string scenario_name;
  std::string scenario_text;  // the resolved scenario, INI
  int years = 0;
  std::int64_t farmers = 0;
  std::string command_line;
  std::string lever_changes;  // levers changed during the run ("month 24: KEY = VALUE; ..."); empty: none
};

}  // namespace kringloop::sim::output
