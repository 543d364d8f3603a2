// Projects (MODEL §7.6, P8): a coalition that executes runs a project on its goal practice. In
// fragmented mode the results stay in that coalition and every new coalition starts its own project
// ("zo'n 100 projecten rond mestverwaarding ... terwijl het ook 3 grote projecten hadden kunnen
// zijn", 000 L59–61; preference for one's own project, 000 L45–46). In platform mode the results
// flow into a shared pool per practice (per region when regional subsidies require regional
// benefit, 000 L52–54) that every coalition draws on and that the platform publishes; a new
// coalition reuses the pool once it holds enough. The platform costs €3 M to build over two years,
// then €1 M/yr upkeep and €0.5 M/yr support (004 L472–499).
#include <algorithm>

#include "agents/model/knowledge.hpp"

namespace kringloop::agents {

void KnowledgeModel::deliver(Project& project) {
  const KnowledgeSettings& k = scenario_.knowledge;
  project.delivered = true;
  ++state_.counts[project.practice].projects_delivered;
  if (k.mode == KnowledgeMode::platform) {
    double& pool = state_.pool_of(project.practice, project.region);
    pool = 1 - (1 - pool) * (1 - k.project_result);
    // The platform publishes what its projects found: codified knowledge in print for everyone.
    double& print = state_.in_print[project.practice];
    print = 1 - (1 - print) * (1 - k.project_result);
  }
}

void KnowledgeModel::project_month(sim::Day day, const Coalitions& coalitions) {
  const KnowledgeSettings& k = scenario_.knowledge;
  const bool platform = k.mode == KnowledgeMode::platform;
  if (platform) {
    const double build_days = k.platform_build_years * sim::days_per_year;
    const double month_share = 1.0 / sim::months_per_year;
    state_.platform_cost_eur += day < build_days ? k.platform_build_eur / k.platform_build_years * month_share
                                                 : (k.platform_upkeep_eur_per_year + k.platform_support_eur_per_year) * month_share;
  }
  for (Project& project : state_.projects)
    if (!project.delivered && project.result_day <= day) deliver(project);

  const std::size_t count = coalitions.size();
  state_.coalition_project.resize(count, no_project);
  state_.coalition_decided.resize(count, 0);
  coalition_source_.resize(count, 0.0f);
  for (std::size_t c = 0; c < count; ++c) {
    if (!coalitions.active(c)) continue;
    const std::uint8_t practice = coalitions.goal_practice[c];
    const std::uint8_t region = coalitions.region[c];
    const bool executing = coalitions.phase[c] == CoalitionPhase::executing || coalitions.phase[c] == CoalitionPhase::scaling;
    if (executing && !state_.coalition_decided[c]) {
      state_.coalition_decided[c] = 1;
      PracticeKnowledgeCounts& counts = state_.counts[practice];
      // On a platform a coalition finds what exists: it reuses a pool that holds enough, or joins a
      // project on the practice that is under way in its pool (who's who, 000 L9–29).
      const bool under_way = platform && std::any_of(state_.projects.begin(), state_.projects.end(), [&](const Project& p) {
        return !p.delivered && p.practice == practice && (state_.pool_regions == 1 || p.region == region);
      });
      if (platform && (under_way || state_.pool_of(practice, region) >= k.reuse_level)) {
        ++counts.projects_reused;
      } else {
        Project project;
        project.practice = practice;
        project.region = region;
        project.coalition = static_cast<std::uint32_t>(c);
        project.started = day;
        project.result_day = day + sim::years_to_days(k.project_years);
        project.duplicate = counts.projects_started > 0;
        counts.projects_duplicated += project.duplicate ? 1 : 0;
        ++counts.projects_started;
        state_.project_cost_eur += k.project_cost_eur;
        state_.coalition_project[c] = static_cast<std::uint32_t>(state_.projects.size());
        state_.projects.push_back(project);
      }
    }
    // What its meetings draw on: the pool (platform) or its own delivered results (fragmented).
    double source = 0;
    if (platform) {
      source = state_.pool_of(practice, region);
    } else if (state_.coalition_project[c] != no_project && state_.projects[state_.coalition_project[c]].delivered) {
      source = k.project_result;
    }
    coalition_source_[c] = static_cast<float>(source);
  }
}

}  // namespace kringloop::agents
