// Knowledge state above the farmer (MODEL §7.6): projects, the pools their results flow into, what
// is in print per practice, communities of practice, and the counters the record reports. Small
// (one row per project, per practice, per community), so plain vectors.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace kringloop::agents {

inline constexpr std::uint32_t no_project = 0xFFFFFFFFu;

struct Project {
  std::uint8_t practice = 0;
  std::uint8_t region = 0;
  std::uint32_t coalition = 0;    // the coalition that runs it
  sim::Day started = 0, result_day = 0;
  bool delivered = false;
  bool duplicate = false;         // started while results on the practice existed or were on the way
};

// Per practice, cumulative.
struct PracticeKnowledgeCounts {
  std::int64_t projects_started = 0, projects_duplicated = 0, projects_reused = 0, projects_delivered = 0;
  std::int64_t trials_published = 0;
};

// Per institute channel, cumulative: events held and farmers attending.
enum class KnowledgeChannel : std::uint8_t { field_day, community, trial };
inline constexpr std::size_t knowledge_channel_count = 3;
inline constexpr const char* knowledge_channel_names[knowledge_channel_count] = {"field_day", "community", "trial"};

struct KnowledgeState {
  std::vector<Project> projects;
  std::vector<std::uint32_t> coalition_project;  // by coalition id: its project, or no_project (grows)
  std::vector<std::uint8_t> coalition_decided;   // by coalition id: started a project or reused the pool
  // Pools of project results, [practice × pool regions] (one pool region unless the regional-
  // benefit clause keeps the platform's pool per region), 1 − Π(1 − r).
  std::vector<double> pool;
  std::size_t pool_regions = 1;
  std::vector<double> in_print;                  // by practice: share of the codifiable knowledge in print
  std::vector<PracticeKnowledgeCounts> counts;   // by practice
  // Events held and attendances, [institute × channel], cumulative.
  std::vector<std::int64_t> events_held, attendances;
  // Communities of practice: members per [institute × practice].
  std::vector<std::vector<std::uint32_t>> community;
  double project_cost_eur = 0, platform_cost_eur = 0;  // spent so far

  double& pool_of(std::size_t practice, std::size_t region) {
    return pool[practice * pool_regions + (pool_regions > 1 ? region : 0)];
  }
  double pool_of(std::size_t practice, std::size_t region) const {
    return pool[practice * pool_regions + (pool_regions > 1 ? region : 0)];
  }
};

}  // namespace kringloop::agents
