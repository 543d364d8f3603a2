#include "agents/model/trust.hpp"

#include <algorithm>
#include <array>

#include <xmmintrin.h>

#include "agents/model/trust_rows.hpp"
#include "sim/cpu_features.hpp"
#include "sim/parallel.hpp"
#include "sim/random_batch.hpp"

namespace kringloop::agents {

namespace {

// Farmers whose enforcement draws are computed together (a few kilobytes of numbers, in cache).
constexpr std::size_t draw_chunk = 256;

TrustRowsFunction chosen_rows(TrustKernel kernel) {
  static const TrustRowsFunction fastest = sim::avx2_enabled() ? update_trust_rows_avx2 : update_trust_rows_scalar;
  return kernel == TrustKernel::reference ? update_trust_rows_scalar : fastest;
}

}  // namespace

void snapshot_trust(Farmers& farmers) {
  const std::size_t institutions = farmers.institution_count();
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    float* const seen = farmers.trust_seen.data();
    std::size_t k0 = 0;
    // Four institutions of four farmers at a time: a 4 × 4 transpose in SSE registers, from the
    // institutions' arrays to the farmers' rows (a copy: the same floats, bit for bit).
    for (; k0 + 4 <= institutions; k0 += 4) {
      const float* const t0 = farmers.trust[k0].data();
      const float* const t1 = farmers.trust[k0 + 1].data();
      const float* const t2 = farmers.trust[k0 + 2].data();
      const float* const t3 = farmers.trust[k0 + 3].data();
      std::size_t i = begin;
      for (; i + 4 <= end; i += 4) {
        __m128 r0 = _mm_loadu_ps(t0 + i), r1 = _mm_loadu_ps(t1 + i), r2 = _mm_loadu_ps(t2 + i), r3 = _mm_loadu_ps(t3 + i);
        _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
        _mm_storeu_ps(seen + i * institutions + k0, r0);
        _mm_storeu_ps(seen + (i + 1) * institutions + k0, r1);
        _mm_storeu_ps(seen + (i + 2) * institutions + k0, r2);
        _mm_storeu_ps(seen + (i + 3) * institutions + k0, r3);
      }
      for (; i < end; ++i)
        for (std::size_t k = k0; k < k0 + 4; ++k) seen[i * institutions + k] = farmers.trust[k][i];
    }
    for (; k0 < institutions; ++k0)
      for (std::size_t i = begin; i < end; ++i) seen[i * institutions + k0] = farmers.trust[k0][i];
  });
}

bool trust_pass_changes_anything(const Scenario& scenario) {
  if (scenario.trust.gossip_per_month != 0 || scenario.trust.drift_per_year != 0) return true;
  for (const auto& institution : scenario.institutions)
    if (institution.enforcement_per_farmer_per_year != 0) return true;
  return false;
}

void update_trust_month(const Scenario& scenario, Farmers& farmers, sim::Day day, sim::Day month_days, TrustKernel kernel) {
  const std::size_t n = farmers.size();
  const std::size_t institutions = scenario.institutions.size();
  if (institutions == 0) return;
  // Without gossip, drift and enforcement every farmer's update is trust + 0 = trust (trust is
  // always in [0, 1], so the clamp changes nothing either), and trust_seen is read only here: the
  // pass is skipped, bitwise the same as running it (issue 16: switched-off rules cost nothing).
  if (!trust_pass_changes_anything(scenario)) return;
  snapshot_trust(farmers);
  const TrustMonthRule rule = make_trust_month_rule(scenario, farmers, day, month_days);
  const TrustRowsFunction update_rows = chosen_rows(kernel);
  sim::parallel_blocks(n, [&](std::size_t begin, std::size_t end) {
    // The block's active farms, listed without a branch (exits are scattered at random, so a test
    // of `active` per farmer is mispredicted about every other farmer late in a run); they are
    // updated in the same order as before.
    std::array<std::uint32_t, sim::agents_per_block> active;
    std::size_t count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      active[count] = static_cast<std::uint32_t>(i);
      count += farmers.active[i] != 0;
    }
    // The enforcement draws of a chunk of farmers at once: draw k of farmer i is the k-th uniform
    // of its trust stream for the day, as RandomStream(seed, i, day, trust) gives it (batched:
    // the same numbers, computed side by side).
    // Kept per thread: a fresh, zeroed vector per block and month was a memset of its own.
    thread_local std::vector<double> uniforms;
    uniforms.resize(std::max(uniforms.size(), std::min(count, draw_chunk) * rule.draws));
    for (std::size_t first = 0; first < count; first += draw_chunk) {
      const std::size_t last = std::min(count, first + draw_chunk);
      if (rule.draws > 0)
        sim::batch_uniforms(scenario.run.seed, day, sim::Stream::trust, 0, &active[first], last - first, rule.draws,
                            uniforms.data());
      update_rows(rule, farmers, active.data(), first, last, count, uniforms.data());
    }
  });
}

}  // namespace kringloop::agents
