#include "agents/model/coalition_recorder.hpp"

#include <cmath>
#include <string>

namespace kringloop::agents {

namespace {

std::vector<std::string> form_columns() { return {coalition_form_names.begin(), coalition_form_names.end()}; }

std::string codes(const char* what, const auto& names) {
  std::string text = std::string(what) + ": ";
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + std::to_string(i) + " " + names[i];
  return text;
}

}  // namespace

CoalitionRecorder::CoalitionRecorder(const Scenario& scenario, sim::output::RunRecord& record)
    : scenario_(scenario), record_(record) {
  active_ = record.add_series("coalitions/active", "coalitions", "active coalitions at month end, by form", form_columns());
  formed_ = record.add_series("coalitions/formed", "per month", "coalitions formed this month, by form", form_columns());
  dissolved_ = record.add_series("coalitions/dissolved", "per month", "coalitions dissolved this month, by form",
                                 form_columns());
  switched_ = record.add_series("coalitions/switched", "per month",
                                "coalitions that switched form this month, by the form they left", form_columns());
  members_ = record.add_series("coalitions/members", "farmers", "farmers in active coalitions at month end, by form",
                               form_columns());
  by_phase_ = record.add_series("coalitions/by_phase", "coalitions", "active coalitions by phase",
                                {"forming", "visioning", "executing", "scaling"});
  commitment_ = record.add_series("coalitions/commitment", "0–1",
                                  "mean commitment (share of members planning, applied or adopted) over active "
                                  "coalitions, by form (0 when none)", form_columns());
  reached_ = record.add_series("coalitions/reached_farmers", "farmers",
                               "farmers ever a member of a coalition of this form (cumulative)", form_columns());
  for (const CoalitionDeclaration& d : scenario.coalitions)
    declared_members_.push_back(record.add_series("coalitions/declared/" + d.name + "/members", "farmers",
                                                  "members of this declared coalition at month end (0 before it starts "
                                                  "and after it ends)"));
  for (const CoalitionDeclaration& d : scenario.coalitions)
    declared_cohort_.push_back(record.add_series("coalitions/declared/" + d.name + "/cohort_adopted_share", "0–1",
                                                 "share of the farmers that ever joined (still farming) who have adopted "
                                                 "the goal practice; follows the cohort after the coalition ends"));
  // Only coalitions with a bureau write their plans (most scenarios have none).
  for (const CoalitionDeclaration& d : scenario.coalitions)
    declared_plans_.push_back(d.business_plans_per_year > 0
                                  ? record.add_series("coalitions/declared/" + d.name + "/business_plans", "plans",
                                                      "business plans the coalition's bureau has drawn up (cumulative)")
                                  : no_series);
  for (std::size_t g = 0; g < scenario.government_count; ++g)
    capacity_.push_back(record.add_series("government/" + scenario.institutions[g].name + "/capacity_used",
                                          "share of staff capacity",
                                          "coalition roles held (director 1, partner 0.5, facilitator 0.1) / staff_capacity; "
                                          "above 1 the government slows every coalition it serves"));
}

void CoalitionRecorder::record_month(CoalitionModel& model, const Farmers& farmers) {
  const Coalitions& t = model.state();
  std::vector<double> active(coalition_form_count, 0), members(coalition_form_count, 0), commitment(coalition_form_count, 0),
      phases(4, 0);
  for (std::size_t c = 0; c < t.size(); ++c) {
    if (!t.active(c)) continue;
    const auto f = static_cast<std::size_t>(t.form[c]);
    active[f] += 1;
    members[f] += static_cast<double>(t.members[c].size());
    commitment[f] += t.commitment[c];
    phases[static_cast<std::size_t>(t.phase[c])] += 1;
  }
  for (std::size_t f = 0; f < coalition_form_count; ++f) commitment[f] = active[f] > 0 ? commitment[f] / active[f] : 0.0;
  const CoalitionModel::MonthCounts counts = model.take_month_counts();
  auto row = [](const std::array<std::int64_t, coalition_form_count>& values) {
    return std::vector<double>(values.begin(), values.end());
  };
  record_.append(active_, active);
  record_.append(formed_, row(counts.formed));
  record_.append(dissolved_, row(counts.dissolved));
  record_.append(switched_, row(counts.switched));
  record_.append(members_, members);
  record_.append(by_phase_, phases);
  record_.append(commitment_, commitment);
  // Farmers reached: bits set when joining; counted over all farmers (a byte each, once a month).
  std::array<std::int64_t, coalition_form_count> reached{};
  if (t.size() > 0)  // nobody has joined anything before the first coalition
    for (const std::uint8_t bits : farmers.joined_forms)
    for (std::size_t f = 0; f < coalition_form_count; ++f) reached[f] += (bits >> f) & 1u;
  record_.append(reached_, row(reached));
  std::vector<double> declared(declared_members_.size(), 0.0);
  std::vector<double> cohort(declared_members_.size(), 0.0);
  std::vector<double> plans(declared_members_.size(), 0.0);
  for (std::size_t c = 0; c < t.size(); ++c) {
    if (t.declaration[c] < 0) continue;
    const auto d = static_cast<std::size_t>(t.declaration[c]);
    declared[d] = static_cast<double>(t.members[c].size());
    plans[d] = t.business_plans[c];
    const PracticeState& state = farmers.practice[t.goal_practice[c]];
    std::size_t farming = 0, adopted = 0;
    for (const std::uint32_t i : t.cohort[c])
      if (farmers.active[i]) ++farming, adopted += state.stage[i] == Stage::adopted;
    cohort[d] = farming > 0 ? static_cast<double>(adopted) / static_cast<double>(farming) : 0.0;
  }
  for (std::size_t d = 0; d < declared_members_.size(); ++d) {
    record_.append(declared_members_[d], declared[d]);
    record_.append(declared_cohort_[d], cohort[d]);
    if (declared_plans_[d] != no_series) record_.append(declared_plans_[d], plans[d]);
  }
  for (std::size_t g = 0; g < capacity_.size(); ++g)
    record_.append(capacity_[g], model.capacity_used(g) / std::max(1e-9, scenario_.institutions[g].staff_capacity));
}

void CoalitionRecorder::finish(sim::output::RunRecord& record, const CoalitionModel& model, sim::Day horizon) const {
  const Coalitions& t = model.state();
  std::array<double, coalition_form_count> formed{}, lifetime{}, to_executing{}, executed{};
  for (std::size_t c = 0; c < t.size(); ++c) {
    const auto f = static_cast<std::size_t>(t.initial_form[c]);
    formed[f] += 1;
    lifetime[f] += sim::days_to_years((t.ended_day[c] >= 0 ? t.ended_day[c] : horizon) - t.created_day[c]);
    if (t.executing_day[c] >= 0) to_executing[f] += sim::days_to_years(t.executing_day[c] - t.created_day[c]), executed[f] += 1;
  }
  const auto& members = record.series()[members_];
  const auto& reached = record.series()[reached_];
  const auto& commitment = record.series()[commitment_];
  const auto& active = record.series()[active_];
  for (std::size_t f = 0; f < coalition_form_count; ++f) {
    const std::string p = std::string("coalitions.") + coalition_form_names[f] + ".";
    double peak = 0, commitment_sum = 0, months_active = 0;
    for (std::size_t m = 0; m < members.months(); ++m) {
      peak = std::max(peak, members.values[m * coalition_form_count + f]);
      if (active.values[m * coalition_form_count + f] > 0)
        commitment_sum += commitment.values[m * coalition_form_count + f], months_active += 1;
    }
    record.set_summary(p + "formed", formed[f]);
    record.set_summary(p + "mean_lifetime_years", formed[f] > 0 ? lifetime[f] / formed[f] : NAN);
    record.set_summary(p + "members_peak", peak);
    record.set_summary(p + "reached_farmers", reached.months() ? reached.values[(reached.months() - 1) * coalition_form_count + f] : 0.0);
    record.set_summary(p + "mean_commitment", months_active > 0 ? commitment_sum / months_active : NAN);
    record.set_summary(p + "years_to_executing", executed[f] > 0 ? to_executing[f] / executed[f] : NAN);
  }
  record.set_summary("coalitions.switched", static_cast<double>(t.switches.size()));
  // Per declared coalition: the funnel invited → members (peak, end), and when it executed.
  for (std::size_t c = 0; c < t.size(); ++c) {
    if (t.declaration[c] < 0) continue;
    const std::string p = "coalition." + scenario_.coalitions[static_cast<std::size_t>(t.declaration[c])].name + ".";
    record.set_summary(p + "invited", t.invited[c]);
    record.set_summary(p + "members_peak", t.peak_members[c]);
    record.set_summary(p + "members_end", static_cast<double>(t.members[c].size()));
    record.set_summary(p + "business_plans", t.business_plans[c]);
    record.set_summary(p + "years_to_executing",
                       t.executing_day[c] >= 0 ? sim::days_to_years(t.executing_day[c] - t.created_day[c]) : NAN);
  }

  sim::output::Table table;
  table.name = "coalitions";
  table.description = "one row per coalition formed; " + codes("forms", coalition_form_names) + "; " +
                      codes("initiator", initiator_names) + "; " + codes("end_reason", coalition_end_names) +
                      "; days from the start, -1 for none; government -1 for none; region: index in the scenario's regions";
  table.columns = {"initial_form", "form",         "goal_practice", "initiator",    "government", "created_day",
                   "ended_day",    "executing_day", "peak_members", "end_reason",   "switches",   "members_end",
                   "invited",      "declaration",   "region"};
  for (std::size_t c = 0; c < t.size(); ++c) {
    double switches = 0;
    for (const auto& s : t.switches) switches += s.coalition == c;
    const double government = t.government[c] == no_index ? -1.0 : t.government[c];
    table.values.insert(table.values.end(),
                        {static_cast<double>(t.initial_form[c]), static_cast<double>(t.form[c]),
                         static_cast<double>(t.goal_practice[c]), static_cast<double>(t.initiator[c]), government,
                         static_cast<double>(t.created_day[c]), static_cast<double>(t.ended_day[c]),
                         static_cast<double>(t.executing_day[c]), static_cast<double>(t.peak_members[c]),
                         static_cast<double>(t.end_reason[c]), switches, static_cast<double>(t.members[c].size()),
                         static_cast<double>(t.invited[c]), static_cast<double>(t.declaration[c]),
                         static_cast<double>(t.region[c])});
  }
  record.add_table(std::move(table));
  sim::output::Table history;
  history.name = "coalition_switches";
  history.description = "form history: one row per switch; " + codes("forms", coalition_form_names);
  history.columns = {"coalition", "day", "from_form", "to_form"};
  for (const auto& s : t.switches)
    history.values.insert(history.values.end(), {static_cast<double>(s.coalition), static_cast<double>(s.day),
                                                 static_cast<double>(s.from), static_cast<double>(s.to)});
  record.add_table(std::move(history));
}

}  // namespace kringloop::agents
