// The parts of a sweep's identity that plain numeric sweeps do not have: categorical factors'
// labels, the base scenario of each level of the `scenario` factor, and the keys derived from each
// point (share groups). They are appended to the identity bytes only when present, so a numeric
// sweep keeps the identity, hash and journal layout it had before they existed.
#include <cstring>

#include "sim/errors.hpp"
#include "sim/output/journal.hpp"

namespace kringloop::sim::output {

namespace {

void put_u64(std::string& out, std::uint64_t value) { out.append(reinterpret_cast<const char*>(&value), 8); }
void put_text(std::string& out, const std::string& text) {
  put_u64(out, text.size());
  out += text;
}

class Reader {
 public:
  Reader(const std::string& bytes, std::size_t offset, const std::string& file)
      : bytes_(bytes), position_(offset), file_(file) {}
  std::uint64_t u64() {
    need(8);
    std::uint64_t value;
    std::memcpy(&value, bytes_.data() + position_, 8);
    position_ += 8;
    return value;
  }
  double real() {
    const std::uint64_t bits = u64();
    double value;
    std::memcpy(&value, &bits, 8);
    return value;
  }
  // A count of items of at least `item_bytes` each, bounded by what is left.
  std::uint64_t count(std::size_t item_bytes) {
    const std::uint64_t value = u64();
    if (value > (bytes_.size() - position_) / std::max<std::size_t>(item_bytes, 1)) damaged();
    return value;
  }
  std::string text() {
    const std::uint64_t size = count(1);
    std::string value = bytes_.substr(position_, size);
    position_ += size;
    return value;
  }
  bool at_end() const { return position_ == bytes_.size(); }
  [[noreturn]] void damaged() const { throw IoError(file_ + ": damaged sweep identity (categorical or derived keys)"); }

 private:
  void need(std::size_t size) const {
    if (size > bytes_.size() - position_) damaged();
  }
  const std::string& bytes_;
  std::size_t position_;
  const std::string& file_;
};

}  // namespace

std::size_t SweepIdentity::scenario_factor() const {
  if (scenario_texts.empty()) return names.size();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == scenario_factor_name) return i;
  return names.size();
}

const std::string& SweepIdentity::base_text(std::uint64_t point) const {
  const std::size_t factor = scenario_factor();
  if (factor == names.size()) return scenario_text;
  return scenario_texts.at(static_cast<std::size_t>(points.at(point).at(factor)));
}

std::string SweepIdentity::value_text(std::uint64_t point, std::size_t factor) const {
  const double value = points.at(point).at(factor);
  if (integer_keys.at(factor) == factor_categorical) return labels.at(factor).at(static_cast<std::size_t>(value));
  return factor_value_text(value, integer_keys.at(factor) == factor_integer);
}

std::string serialize_identity_extension(const SweepIdentity& identity) {
  std::string out;
  put_u64(out, identity.labels.size());
  for (const auto& levels : identity.labels) {
    put_u64(out, levels.size());
    for (const auto& label : levels) put_text(out, label);
  }
  put_u64(out, identity.scenario_texts.size());
  for (const auto& text : identity.scenario_texts) put_text(out, text);
  put_u64(out, identity.derived_names.size());
  for (const auto& name : identity.derived_names) put_text(out, name);
  put_u64(out, identity.derived_points.size());
  for (const auto& point : identity.derived_points)
    for (double value : point) out.append(reinterpret_cast<const char*>(&value), 8);
  return out;
}

void parse_identity_extension(const std::string& bytes, std::size_t offset, SweepIdentity& identity,
                              const std::string& file) {
  Reader in(bytes, offset, file);
  identity.labels.resize(in.count(8));
  for (auto& levels : identity.labels) {
    levels.resize(in.count(8));
    for (auto& label : levels) label = in.text();
  }
  identity.scenario_texts.resize(in.count(8));
  for (auto& text : identity.scenario_texts) text = in.text();
  identity.derived_names.resize(in.count(8));
  for (auto& name : identity.derived_names) name = in.text();
  const std::size_t width = identity.derived_names.size();
  identity.derived_points.resize(in.count(width * 8));
  for (auto& point : identity.derived_points) {
    point.resize(width);
    for (double& value : point) value = in.real();
  }
  if (!in.at_end() || (!identity.labels.empty() && identity.labels.size() != identity.names.size()) ||
      (width > 0 && identity.derived_points.size() != identity.points.size()))
    in.damaged();
  for (std::size_t i = 0; i < identity.integer_keys.size(); ++i) {
    if (identity.integer_keys[i] != factor_categorical) continue;
    if (identity.labels.empty()) in.damaged();
    for (const auto& point : identity.points)
      if (!(point[i] >= 0) || point[i] >= static_cast<double>(identity.labels[i].size())) in.damaged();
  }
  if (identity.scenario_factor() == identity.names.size() && !identity.scenario_texts.empty()) in.damaged();
}

}  // namespace kringloop::sim::output
