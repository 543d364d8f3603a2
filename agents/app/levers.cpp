#include "agents/app/levers.hpp"

#include <algorithm>

#include "sim/errors.hpp"

namespace kringloop::agents {

namespace {

// kind ("scheme") and field ("announced_lead_time_days") of "scheme.NAME.announced_lead_time_days".
struct KeyParts {
  std::string kind, field;
};

KeyParts split_key(const std::string& key) {
  const auto first = key.find('.'), last = key.rfind('.');
  if (first == std::string::npos || first == last) return {};
  return {key.substr(0, first), key.substr(last + 1)};
}

std::string joined_patterns() {
  std::string text;
  for (const auto& pattern : mid_run_lever_patterns()) text += (text.empty() ? "" : ", ") + pattern;
  return text;
}

}  // namespace

const std::vector<std::string>& mid_run_lever_patterns() {
  // Fields the model reads afresh every month (schemes.cpp refresh_scheme_views, pipeline.cpp's
  // lead-time draw, leases.cpp at renewal and re-letting, elections.cpp at each election); fields
  // read once at set-up (budgets, the lease mix, farm counts) are start-time overrides only.
  static const std::vector<std::string> patterns{
      "scheme.*.announced_lead_time_days", "scheme.*.lead_time_mean_days",       "scheme.*.lead_time_sd_days",
      "landlord.*.term_years",             "landlord.*.renewal_probability",     "landlord.*.sustainability_weight",
      "landlord.*.rent_eur_per_ha",        "landlord.*.sustainable_rent_discount", "government.*.reversal_probability"};
  return patterns;
}

LeverChange parse_lever_option(const std::string& text) {
  const auto colon = text.find(':'), equals = text.find('=');
  if (colon == std::string::npos || equals == std::string::npos || equals < colon || colon == 0)
    throw sim::ConfigError("command line: --lever = '" + text + "': expected MONTH:KEY=VALUE, e.g. 24:scheme.province_grant.announced_lead_time_days=30");
  LeverChange change;
  const std::string month = text.substr(0, colon);
  if (month.find_first_not_of("0123456789") != std::string::npos || month.size() > 6)
    throw sim::ConfigError("command line: --lever = '" + text + "': the month must be a whole number from 0");
  change.month = std::stoi(month);
  change.key = text.substr(colon + 1, equals - colon - 1);
  change.value = text.substr(equals + 1);
  return change;
}

LiveScenario::LiveScenario(const RunRequest& request) : request_(request), loaded_(load_run_scenario(request)) {}

LoadedScenario LiveScenario::reload_with(const LeverChange& change) const {
  RunRequest request = request_;
  for (const auto& earlier : applied_) request.overrides.emplace_back(earlier.key, earlier.value);
  request.overrides.emplace_back(change.key, change.value);
  return load_run_scenario(request);  // the registry checks the key and the value
}

void LiveScenario::check(const LeverChange& change) const {
  const std::string quoted = "lever " + change.key + " = " + change.value;
  const auto parts = split_key(change.key);
  const bool allowed = std::any_of(mid_run_lever_patterns().begin(), mid_run_lever_patterns().end(), [&](const std::string& p) {
    const auto pattern = split_key(p);
    return pattern.kind == parts.kind && pattern.field == parts.field;
  });
  if (!allowed) throw sim::ConfigError(quoted + ": not a lever that can change during a run (levers: " + joined_patterns() + ")");
  if (change.month < 0 || change.month >= scenario().run.months())
    throw sim::ConfigError(quoted + ": month " + std::to_string(change.month) + " is outside the run (0 to " +
                           std::to_string(scenario().run.months() - 1) + ")");
  if (!loaded_.config.has(change.key))
    throw sim::ConfigError(quoted + ": no such " + parts.kind + " in this scenario");
  reload_with(change);
}

void LiveScenario::apply(const LeverChange& change) {
  check(change);
  const Scenario fresh = reload_with(change).scenario;
  Scenario& live = loaded_.scenario;
  // Same sections in the same order (the overrides change no section), so indices match.
  for (std::size_t s = 0; s < live.schemes.size(); ++s) {
    live.schemes[s].announced_lead_days = fresh.schemes[s].announced_lead_days;
    live.schemes[s].lead_mean_days = fresh.schemes[s].lead_mean_days;
    live.schemes[s].lead_sd_days = fresh.schemes[s].lead_sd_days;
  }
  for (std::size_t l = 0; l < live.landlords.size(); ++l) {
    auto& landlord = live.landlords[l];
    const auto& changed = fresh.landlords[l];
    landlord.term_years = changed.term_years;
    landlord.renewal_probability = changed.renewal_probability;
    landlord.sustainability_weight = changed.sustainability_weight;
    landlord.rent_eur_per_ha = changed.rent_eur_per_ha;
    landlord.sustainable_rent_discount = changed.sustainable_rent_discount;
  }
  for (std::size_t i = 0; i < live.institutions.size(); ++i)
    live.institutions[i].reversal_probability = fresh.institutions[i].reversal_probability;
  applied_.push_back(change);
}

std::string LiveScenario::applied_text() const {
  std::string text;
  for (const auto& change : applied_)
    text += (text.empty() ? "" : "; ") + ("month " + std::to_string(change.month) + ": " + change.key + " = " + change.value);
  return text;
}

BetweenBatches month_boundary_hook(std::function<void(const Model&, int months_done)> at_boundary) {
  auto recorded = std::make_shared<std::size_t>(0);
  return [recorded, at_boundary = std::move(at_boundary)](const Model& model, sim::Day) {
    const std::size_t months = model.record_so_far().month_end_days().size();
    if (months == *recorded) return;
    *recorded = months;
    at_boundary(model, static_cast<int>(months));
  };
}

}  // namespace kringloop::agents
