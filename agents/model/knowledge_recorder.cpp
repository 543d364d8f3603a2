#include "agents/model/knowledge_recorder.hpp"

#include <algorithm>
#include <string>

namespace kringloop::agents {

KnowledgeRecorder::KnowledgeRecorder(const Scenario& scenario, sim::output::RunRecord& record)
    : scenario_(scenario), record_(record) {
  std::vector<std::string> names;
  for (std::size_t p = 0; p < scenario.practices.size(); ++p)
    if (scenario.practices[p].decision == DecisionRule::utility) practices_.push_back(p), names.push_back(scenario.practices[p].name);
  const std::vector<std::string> channels(knowledge_channel_names, knowledge_channel_names + knowledge_channel_count);
  events_ = record.add_series("knowledge/events_held", "events",
                              "knowledge events held by all institutes, cumulative, by channel (trial: trials started)",
                              channels);
  attendances_ = record.add_series("knowledge/attendances", "farmers", "attendances at knowledge events, cumulative, by channel",
                                   channels);
  started_ = record.add_series("knowledge/projects_started", "projects", "projects started, cumulative, by practice", names);
  duplicated_ = record.add_series("knowledge/projects_duplicated", "projects",
                                  "projects started while another on the practice existed, cumulative, by practice", names);
  reused_ = record.add_series("knowledge/projects_reused", "coalitions",
                              "executing coalitions that reused the platform's pool instead of starting a project, "
                              "cumulative, by practice", names);
  pool_ = record.add_series("knowledge/pool", "0–1", "project results in the shared pool (platform mode; the largest "
                            "regional pool when kept per region), by practice", names);
  in_print_ = record.add_series("knowledge/in_print", "0–1",
                                "share of the codifiable knowledge in print (trials and the platform add to it), by practice",
                                names);
  spending_ = record.add_series("knowledge/spending_eur", "€", "money spent on knowledge, cumulative: projects, platform",
                                {"projects", "platform"});
}

void KnowledgeRecorder::record_month(const KnowledgeModel& model) {
  const KnowledgeState& k = model.state();
  std::vector<double> events(knowledge_channel_count, 0), attendances(knowledge_channel_count, 0);
  for (std::size_t i = 0; i < k.events_held.size(); ++i) {
    events[i % knowledge_channel_count] += static_cast<double>(k.events_held[i]);
    attendances[i % knowledge_channel_count] += static_cast<double>(k.attendances[i]);
  }
  record_.append(events_, events);
  record_.append(attendances_, attendances);
  std::vector<double> started, duplicated, reused, pool, print;
  for (const std::size_t p : practices_) {
    started.push_back(static_cast<double>(k.counts[p].projects_started));
    duplicated.push_back(static_cast<double>(k.counts[p].projects_duplicated));
    reused.push_back(static_cast<double>(k.counts[p].projects_reused));
    double largest = 0;
    for (std::size_t r = 0; r < k.pool_regions; ++r) largest = std::max(largest, k.pool_of(p, r));
    pool.push_back(largest);
    print.push_back(k.in_print[p]);
  }
  record_.append(started_, started);
  record_.append(duplicated_, duplicated);
  record_.append(reused_, reused);
  record_.append(pool_, pool);
  record_.append(in_print_, print);
  record_.append(spending_, std::vector<double>{k.project_cost_eur, k.platform_cost_eur});
}

void KnowledgeRecorder::finish(sim::output::RunRecord& record, const KnowledgeModel& model, const Farmers& farmers) const {
  const KnowledgeState& k = model.state();
  double adopted_ha = 0;
  for (const std::size_t p : practices_) {
    const std::string name = scenario_.practices[p].name;
    record.set_summary("projects." + name + ".started", static_cast<double>(k.counts[p].projects_started));
    record.set_summary("projects." + name + ".duplicated", static_cast<double>(k.counts[p].projects_duplicated));
    record.set_summary("projects." + name + ".reused", static_cast<double>(k.counts[p].projects_reused));
    // Mean knowledge at the end over the active farms eligible for the practice.
    const PracticeState& state = farmers.practice[p];
    double codified = 0, tacit = 0, farms = 0;
    for (std::size_t i = 0; i < farmers.size(); ++i) {
      if (!farmers.active[i] || !scenario_.practices[p].eligible_types[static_cast<std::size_t>(farmers.type[i])]) continue;
      codified += state.codified[i], tacit += state.tacit[i], farms += 1;
      if (state.stage[i] == Stage::adopted) adopted_ha += farmers.parts_area(i, state.parts[i]);
    }
    record.set_summary("knowledge." + name + ".mean_end", farms > 0 ? (codified + tacit) / farms : 0.0);
    record.set_summary("knowledge." + name + ".codified_end", farms > 0 ? codified / farms : 0.0);
    record.set_summary("knowledge." + name + ".tacit_end", farms > 0 ? tacit / farms : 0.0);
  }
  std::int64_t events = 0, attendances = 0;
  for (const std::int64_t e : k.events_held) events += e;
  for (const std::int64_t a : k.attendances) attendances += a;
  record.set_summary("knowledge.events_held", static_cast<double>(events));
  record.set_summary("knowledge.attendances", static_cast<double>(attendances));
  const double spent = k.project_cost_eur + k.platform_cost_eur;
  record.set_summary("knowledge.spending_eur", spent);
  record.set_summary("knowledge.eur_per_adopted_ha", adopted_ha > 0 ? spent / adopted_ha : 0.0);

  sim::output::Table table;
  table.name = "projects";
  table.description = "one row per project; days from the start; duplicate 1 when another project on the practice "
                      "had started before it";
  table.columns = {"practice", "region", "coalition", "started_day", "result_day", "delivered", "duplicate"};
  for (const Project& p : k.projects)
    table.values.insert(table.values.end(),
                        {static_cast<double>(p.practice), static_cast<double>(p.region), static_cast<double>(p.coalition),
                         static_cast<double>(p.started), static_cast<double>(p.result_day), p.delivered ? 1.0 : 0.0,
                         p.duplicate ? 1.0 : 0.0});
  record.add_table(std::move(table));
}

}  // namespace kringloop::agents
