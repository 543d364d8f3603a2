// InterestCeiling::farmer_ceilings with four farmers in the four double lanes of an AVX2 register.
// Each lane does what ceiling_of (interest_ceiling.cpp) does for its farmer, operation for
// operation in double precision and in the same order, so the bounds are bitwise the same: the
// farm's terms, the option without a scheme, then every offer in offer order. Where the reference
// branches, the lanes compute both sides and keep one: an offer a farmer is not eligible for
// leaves its best and size as they were; an option with no land where it pays is lowest() and
// leaves size as it was; a farmer whose weight is not ≥ 0 is unbounded(). Adding the +0 of a
// lease slot that is skipped in the reference changes no sum (the sums are never −0: they start
// at +0 and add products of positive numbers). Compiled for AVX2 alone (not FMA: a fused
// multiply-add rounds once where the reference rounds twice) and chosen at run time. One farmer
// at a time, the bound took a tenth of a default sweep's time (issue 16).
#include <immintrin.h>

#include "agents/model/interest_ceiling.hpp"
#include "sim/cpu_features.hpp"

namespace kringloop::agents {

namespace {

// Four floats of four farmers' rows side by side, widened to double (loads, not a gather: a gather
// on this processor took longer than its four loads; issue 16).
__attribute__((target("avx2"))) inline __m256d widened(const float* row, const std::uint32_t* at) {
  return _mm256_cvtps_pd(_mm_setr_ps(row[at[0]], row[at[1]], row[at[2]], row[at[3]]));
}

__attribute__((target("avx2"))) inline __m256d absolute(__m256d x) {
  return _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
}

// std::max(0.0, x) = 0.0 < x ? x : 0.0; max_pd(x, 0) is x > 0 ? x : 0 (+0 for −0 and NaN alike).
__attribute__((target("avx2"))) inline __m256d positive_part(__m256d x) {
  return _mm256_max_pd(x, _mm256_setzero_pd());
}

}  // namespace

__attribute__((target("avx2"))) void InterestCeiling::farmer_ceilings_avx2(const std::uint32_t* list, std::size_t count,
                                                                            const MainHorizonRows& own,
                                                                            FarmerCeiling* out) const {
  // Where the premises fail every farmer is unbounded(): the reference says so at once.
  if (!premises_hold_) return farmer_ceilings_reference(list, count, own, out);
  const Rows& r = rows_;
  const __m256d zero = _mm256_setzero_pd(), nine = _mm256_set1_pd(1e-9);
  const __m256d floor = _mm256_set1_pd(lowest());
  const __m256d margin_ha_base = _mm256_set1_pd(margin_ha_), margin_farm_base = _mm256_set1_pd(margin_farm_);
  const __m256d premium_ha = _mm256_set1_pd(premium_ha_), premium_farm = _mm256_set1_pd(premium_farm_);
  const __m256d investment_ha_base = _mm256_set1_pd(investment_ha_), investment_farm_base = _mm256_set1_pd(investment_farm_);
  const __m256d uncertainty = _mm256_set1_pd(uncertainty_), scale = _mm256_set1_pd(utility_scale_);
  const __m256d lease_margin_max = _mm256_set1_pd(lease_margin_max_);
  bool other_government = false;
  for (const Offer& o : offers_) other_government = other_government || !o.main;

  std::size_t j = 0;
  for (; j + 4 <= count; j += 4) {
    const std::uint32_t* at = list + j;
    // The farm's terms (ceiling_of's first lines). A coalition's share of the investment and its
    // norm, looked up one farmer at a time (a coalition view is a pointer chase).
    alignas(32) double share_factor[4], norm_of[4];
    for (int k = 0; k < 4; ++k) {
      const CoalitionView* coalition = coalition_for(month_, r.coalition[at[k]], practice_);
      share_factor[k] = coalition ? 1.0 - coalition->investment_share : 1.0;
      norm_of[k] = coalition ? coalition->norm : 0.0;
    }
    const __m256d margin_ha = _mm256_add_pd(_mm256_add_pd(margin_ha_base, widened(r.margin_offset_ha, at)), premium_ha);
    const __m256d margin_farm =
        _mm256_add_pd(_mm256_add_pd(margin_farm_base, widened(r.margin_offset_farm, at)), premium_farm);
    const __m256d cost_factor = _mm256_mul_pd(widened(r.cost_factor, at), _mm256_load_pd(share_factor));
    const __m256d investment_ha = _mm256_mul_pd(investment_ha_base, cost_factor);
    const __m256d investment_farm = _mm256_mul_pd(investment_farm_base, cost_factor);
    const __m256d risk = _mm256_mul_pd(widened(r.risk_aversion, at), uncertainty);
    const __m256d norm = _mm256_load_pd(norm_of);
    const __m256d owned = widened(r.owned_ha, at);
    __m256d lease[lease_slots];
    for (std::size_t slot = 0; slot < lease_slots; ++slot)
      lease[slot] = _mm256_cvtps_pd(_mm_setr_ps(r.lease_ha[at[0] * lease_slots + slot], r.lease_ha[at[1] * lease_slots + slot],
                                                r.lease_ha[at[2] * lease_slots + slot], r.lease_ha[at[3] * lease_slots + slot]));
    __m256d area = owned;
    if (!land_bound_)
      for (std::size_t slot = 0; slot < lease_slots; ++slot) area = _mm256_add_pd(area, lease[slot]);
    const __m256d base_annuity = _mm256_loadu_pd(own.base_annuity + j);
    __m256d farmer_annuity = zero;
    if (other_government)
      farmer_annuity = _mm256_setr_pd(annuity_(own.farmer[j]), annuity_(own.farmer[j + 1]), annuity_(own.farmer[j + 2]),
                                      annuity_(own.farmer[j + 3]));

    // One option in the lanes `taken` (the others keep `size` and get lowest()): ceiling_of's
    // `option`, the same expressions in the same order.
    __m256d size = zero;
    auto option = [&](bool main, __m256d annuity, __m256d weight, double pay_annuity, double pay_ha, double pay_farm,
                      double once_ha, double once_farm, double admin,
                      __m256d taken) __attribute__((target("avx2"))) {
      const __m256d paid_annuity = _mm256_min_pd(annuity, _mm256_set1_pd(pay_annuity));  // std::min(pay, annuity)
      const __m256d paid_ha = _mm256_mul_pd(
          weight, _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(pay_ha), paid_annuity), _mm256_set1_pd(once_ha)));
      const __m256d margin_owned = _mm256_mul_pd(main ? margin_ha : positive_part(margin_ha), annuity);
      const __m256d minus_investment = _mm256_xor_pd(investment_ha, _mm256_set1_pd(-0.0));
      const __m256d owned_value = _mm256_add_pd(
          _mm256_add_pd(_mm256_add_pd(minus_investment, margin_owned), paid_ha),
          _mm256_mul_pd(nine, _mm256_add_pd(_mm256_add_pd(absolute(investment_ha), absolute(margin_owned)), paid_ha)));
      __m256d land;
      if (land_bound_) {
        // land = 0, plus the owned land where it pays, plus each lease slot where it pays.
        __m256d pays = _mm256_and_pd(_mm256_cmp_pd(owned, zero, _CMP_GT_OQ), _mm256_cmp_pd(owned_value, zero, _CMP_GT_OQ));
        land = _mm256_and_pd(pays, _mm256_mul_pd(owned, owned_value));
        const __m256d margin_lease = _mm256_mul_pd(positive_part(_mm256_add_pd(margin_ha, lease_margin_max)), annuity);
        const __m256d lease_value = _mm256_add_pd(
            _mm256_add_pd(_mm256_add_pd(minus_investment, margin_lease), paid_ha),
            _mm256_mul_pd(nine, _mm256_add_pd(_mm256_add_pd(absolute(investment_ha), margin_lease), paid_ha)));
        const __m256d lease_pays = _mm256_cmp_pd(lease_value, zero, _CMP_GT_OQ);
        for (std::size_t slot = 0; slot < lease_slots; ++slot) {
          const __m256d held = _mm256_and_pd(lease_pays, _mm256_cmp_pd(lease[slot], zero, _CMP_GT_OQ));
          land = _mm256_blendv_pd(land, _mm256_add_pd(land, _mm256_mul_pd(lease[slot], lease_value)), held);
          pays = _mm256_or_pd(pays, held);
        }
        taken = _mm256_and_pd(taken, pays);
      } else {
        land = _mm256_mul_pd(area, owned_value);
      }
      const __m256d margin = _mm256_mul_pd(main ? margin_farm : positive_part(margin_farm), annuity);
      const __m256d paid_farm = _mm256_mul_pd(
          weight, _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(pay_farm), paid_annuity), _mm256_set1_pd(once_farm)));
      const __m256d terms = _mm256_add_pd(
          _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(absolute(land), absolute(investment_farm)), absolute(margin)), paid_farm),
          _mm256_set1_pd(admin));
      size = _mm256_blendv_pd(size, _mm256_max_pd(terms, size), taken);  // std::max(size, terms)
      const __m256d value = _mm256_sub_pd(
          _mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(land, investment_farm), margin), paid_farm), _mm256_set1_pd(admin));
      return _mm256_blendv_pd(floor, value, taken);
    };

    const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
    __m256d best = option(true, base_annuity, zero, 0, 0, 0, 0, 0, 0, all);
    __m256d failed = zero;  // lanes whose weight is not ≥ 0 (a premise fails, or trust is NaN)
    for (const Offer& o : offers_) {
      alignas(32) std::int64_t eligible[4];
      for (int k = 0; k < 4; ++k) {
        const std::uint32_t i = at[k];
        const bool fits = o.types[static_cast<std::size_t>(r.type[i])] && covers(o.regions, r.region[i]) &&
                          !(o.rollout && r.innovativeness[i] > Innovativeness::early_adopter);
        eligible[k] = -std::int64_t{fits};
      }
      const __m256d offered = _mm256_castsi256_pd(_mm256_load_si256(reinterpret_cast<const __m256i*>(eligible)));
      if (_mm256_testz_pd(offered, offered)) continue;  // no lane is eligible
      __m256d trust = widened(o.trust, at);
      if (o.messenger_trust)
        trust = _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(1 - o.messenger_weight), trust),
                              _mm256_mul_pd(_mm256_set1_pd(o.messenger_weight), widened(o.messenger_trust, at)));
      const __m256d weight =
          _mm256_mul_pd(_mm256_mul_pd(trust, _mm256_set1_pd(o.award_probability)), _mm256_set1_pd(o.lead_discount));
      failed = _mm256_or_pd(failed, _mm256_andnot_pd(_mm256_cmp_pd(weight, zero, _CMP_GE_OQ), offered));
      const __m256d value = option(o.main, o.main ? base_annuity : farmer_annuity, weight, o.payment_annuity, o.pay_ha_year,
                                   o.pay_farm_year, o.once_ha, o.once_farm, o.admin, offered);
      best = _mm256_blendv_pd(best, _mm256_max_pd(value, best), offered);  // std::max(best, value)
    }
    // {best ÷ scale − risk + norm, size ÷ scale + |risk| + |norm|}; {lowest(), 0} where nothing can
    // pay; {unbounded(), 0} where a weight failed.
    const __m256d nothing = _mm256_cmp_pd(best, floor, _CMP_EQ_OQ);
    __m256d utility = _mm256_add_pd(_mm256_sub_pd(_mm256_div_pd(best, scale), risk), norm);
    __m256d room = _mm256_add_pd(_mm256_add_pd(_mm256_div_pd(size, scale), absolute(risk)), absolute(norm));
    utility = _mm256_blendv_pd(utility, floor, nothing);
    room = _mm256_blendv_pd(room, zero, nothing);
    utility = _mm256_blendv_pd(utility, _mm256_set1_pd(unbounded()), failed);
    room = _mm256_blendv_pd(room, zero, failed);
    alignas(32) double u[4], s[4];
    _mm256_store_pd(u, utility);
    _mm256_store_pd(s, room);
    for (int k = 0; k < 4; ++k) out[j + k] = {u[k], s[k]};
  }
  // Leave no upper register halves set: the SSE code that follows would run slower (issue 16).
  _mm256_zeroupper();
  farmer_ceilings_reference(list + j, count - j, {own.farmer + j, own.base + j, own.base_annuity + j}, out + j);
}

bool InterestCeiling::avx2_available() { return sim::avx2_supported(); }

}  // namespace kringloop::agents
