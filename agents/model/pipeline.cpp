// The adoption pipeline of MODEL §7.1 for one practice, one farmer at a time, in parallel:
// unaware → aware → interested → planning → applied → adopted, exits dropped and abandoned.
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "agents/model/interest_ceiling.hpp"
#include "agents/model/main_horizons.hpp"
#include "agents/model/review.hpp"
#include "agents/model/review_lists.hpp"
#include "agents/model/trust.hpp"
#include "agents/model/utility.hpp"
#include "sim/random.hpp"
#include "sim/random_batch.hpp"

namespace kringloop::agents {

namespace {

struct FarmerReview {
  const Scenario& scenario;
  const MonthContext& month;
  std::size_t practice;
  Farmers& farmers;
  PracticeState& state;
  ReviewOutputs& outputs;
  const AdoptionView& adoption;

  // Without an open scheme announcing the practice, the awareness probability depends only on
  // the number of adopting neighbours (k + 1 values; one when well mixed): tabulated once a
  // month, instead of one exp() per unaware farmer.
  bool announced = false;
  std::vector<double> quiet_awareness{};  // by adopting neighbours
  // The adopting share of the neighbours, by adopting neighbours (k + 1 values): the same division,
  // done once a month instead of once per farmer and stage (speed, issue 16).
  std::vector<double> fraction_by_adopting{};
  // The Bass hazard p + q·f by adopting neighbours (k + 1 values), for the unaware farmers whose
  // hazard an announcement or a coalition adds to (the same expression, once a month).
  std::vector<double> hazard_by_adopting{};

  // This month's open schemes of the practice, as the review reads them (the settings are
  // reached through three pointers each time otherwise): announcements in the awareness hazard,
  // and the schemes on offer (open, not an experiment fund) in best_option, in scheme order.
  struct Announcement {
    RegionMask regions;
    std::uint8_t sender;  // the government, or its messenger
    double per_year;      // announcement_awareness_per_year
  };
  std::vector<Announcement> announcements{};
  struct Offer {
    std::uint8_t scheme;
    std::uint8_t government;
    bool requires_business_plan;
  };
  std::vector<Offer> offers{};
  std::uint8_t main_government = no_index;
  // This month's bound on an aware farmer's best option (interest_ceiling.hpp).
  std::optional<InterestCeiling> ceiling{};

  // Per-month probabilities and rates that are the same for every farmer (one exp() a month
  // instead of one per interested farmer or per adopter that loses money).
  double interest_loss = 0;  // P(interest fades this month)
  double doing = 0;          // tacit knowledge an adopter gains this month, per missing unit
  double abandon = 0;        // P(abandoning a loss-making practice this month), before a coalition's norm

  int adopting_neighbours(std::size_t i) const { return agents::adopting_neighbours(farmers, adoption, practice, i); }

  double fraction_of(int adopting) const {
    const int k = farmers.neighbours_per_farmer;
    return k == 0 ? adoption.population_fraction[practice] : static_cast<double>(adopting) / k;
  }

  double neighbour_fraction(std::size_t i) const {
    return farmers.neighbours_per_farmer == 0 ? adoption.population_fraction[practice]
                                              : fraction_by_adopting[static_cast<std::size_t>(adopting_neighbours(i))];
  }

  void tabulate_awareness() {
    for (const std::uint8_t s : month.practices[practice].schemes) announced = announced || month.schemes[s].open;
    quiet_awareness.clear();
    fraction_by_adopting.clear();
    for (int adopting = 0; adopting <= farmers.neighbours_per_farmer; ++adopting) {
      quiet_awareness.push_back(monthly_awareness(bass_hazard(fraction_of(adopting))));
      fraction_by_adopting.push_back(fraction_of(adopting));
      hazard_by_adopting.push_back(bass_hazard(fraction_of(adopting)));
    }
  }

  void tabulate_month() {
    tabulate_awareness();
    announcements.clear();
    offers.clear();
    for (const std::uint8_t s : month.practices[practice].schemes) {
      const SchemeSettings& settings = scenario.schemes[s];
      if (!month.schemes[s].open) continue;
      const InstitutionSettings& government = scenario.institutions[settings.government];
      const std::uint8_t sender = government.messenger != no_index ? government.messenger : settings.government;
      announcements.push_back({settings.regions, sender, government.announcement_awareness_per_year});
      if (settings.kind != SchemeKind::experiment_fund)
        offers.push_back({s, settings.government, settings.requires_business_plan});
    }
    main_government = month.practices[practice].main_government;
    ceiling.emplace(scenario, month, practice, farmers);
    const auto& d = scenario.decision;
    const double dt_years = static_cast<double>(month.days_in_month()) / sim::days_per_year;
    interest_loss = 1 - std::exp(-d.interest_loss_per_year * dt_years);
    doing = scenario.knowledge.doing_per_year * month.days_in_month() / sim::days_per_year;
    abandon = 1 - std::exp(-scenario.decision.abandon_per_year * month.days_in_month() / sim::days_per_year);
  }

  // The Bass hazard at farmer i's neighbour fraction: bass_hazard(neighbour_fraction(i)), tabulated.
  double neighbour_hazard(std::size_t i) const {
    return farmers.neighbours_per_farmer == 0 ? bass_hazard(adoption.population_fraction[practice])
                                              : hazard_by_adopting[static_cast<std::size_t>(adopting_neighbours(i))];
  }

  // Yearly awareness hazard p + q·f (MODEL §7.1), and its probability over this month.
  double bass_hazard(double fraction) const {
    const PracticeSettings& p = scenario.practices[practice];
    return p.external_per_year + p.imitation_per_year * fraction;
  }
  double monthly_awareness(double hazard) const {
    return 1.0 - std::exp(-hazard * static_cast<double>(month.days_in_month()) / sim::days_per_year);
  }

  sim::RandomStream random(std::size_t i, sim::Stream stream) const {
    return sim::RandomStream(scenario.run.seed, static_cast<std::uint32_t>(i), month.day, stream,
                             static_cast<std::uint16_t>(practice));
  }

  // Best option: without a scheme, or with one open scheme the farmer is eligible for. A scheme
  // that rests on a business plan (003 L539–549) counts for interest — the farmer may hope for a
  // plan — but is offered in planning only to farmers with one (`with_plan_schemes`).
  // The options share the farm's terms, and those of one government share its horizon terms
  // (the schemes of the practice's main government, usually all of them): computed once, those of
  // the main government for the whole list the farmer is in (`own`: main_horizons).
  Option best_option(std::size_t i, double fraction, const MainHorizon& own, int& best_scheme,
                     bool with_plan_schemes = true) const {
    const FarmTerms farm = farm_terms(scenario, month, farmers, i, practice, fraction, own.farmer);
    const HorizonTerms main = horizon_terms(scenario, month, practice, farm, main_government, own.base, own.base_annuity);
    Option best = evaluate(scenario, month, farmers, i, practice, without_scheme, farm, main);
    best_scheme = without_scheme;
    for (const Offer& offer : offers) {
      if (offer.requires_business_plan && !with_plan_schemes) continue;
      if (!eligible(scenario, farmers, i, offer.scheme, month.day)) continue;
      const Option option =
          offer.government == main.government
              ? evaluate(scenario, month, farmers, i, practice, offer.scheme, farm, main)
              : evaluate(scenario, month, farmers, i, practice, offer.scheme, farm,
                         horizon_terms(scenario, month, farmers, i, practice, farm, offer.government));
      if (option.utility > best.utility) best = option, best_scheme = offer.scheme;
    }
    return best;
  }

  // `uniform`: the first draw of the farmer's awareness stream this month (batched by the caller).
  void unaware(std::size_t i, double uniform) {
    // A member of a coalition pursuing the practice hears of it there (e_coal = 1, MODEL §7.1).
    const CoalitionView* coalition = coalition_for(month, farmers.coalition[i], practice);
    bool becomes_aware = false;  // bernoulli(probability): uniform < probability
    if (announced || coalition) {
      double hazard = neighbour_hazard(i);
      // An open scheme is announced by its government or through its intermediary; the sender's
      // trust scales how far the announcement reaches (messenger effect, 003 L992–994).
      for (const Announcement& a : announcements) {
        if (!covers(a.regions, farmers.region[i])) continue;
        hazard += a.per_year * farmers.trust[a.sender][i];
      }
      if (coalition) hazard += coalition->awareness_per_year;
      const double years = static_cast<double>(month.days_in_month()) / sim::days_per_year;
      becomes_aware = below_awareness(uniform, hazard * years, [&] { return monthly_awareness(hazard); });
    } else {
      becomes_aware = uniform < quiet_awareness[static_cast<std::size_t>(adopting_neighbours(i))];
    }
    if (becomes_aware) enter_stage(state, i, Stage::aware, month.day);
  }

  bool worth_interest(std::size_t i, double fraction, const MainHorizon& own) const {
    int scheme = without_scheme;
    const Option best = best_option(i, fraction, own, scheme);
    return best.utility > scenario.decision.interest_threshold[static_cast<std::size_t>(farmers.innovativeness[i])];
  }

  // `bound`: the interest ceiling of the farmer's options (InterestCeiling::farmer_ceilings).
  void aware(std::size_t i, const MainHorizon& own, const FarmerCeiling& bound) {
    // Depreciated without a test: knowledge of +0 stays +0 (× a factor in (0, 1]), and whether a
    // farmer knows anything varies at random from one aware farmer to the next (a branch the
    // processor mispredicted; issue 16).
    depreciate(i);
    // A farmer whose interest faded looks again only after a year (assumption), not next month.
    if ((state.reached[i] & stage_bit(Stage::interested)) && month.day - state.since[i] < sim::days_per_year) return;
    // Most aware farmers stay aware: where the bound on the best option is below the threshold the
    // options are not weighed (the outcome is the same), and where it is so even with every
    // neighbour adopting, the neighbours are not read either (interest_ceiling.hpp; speed, issue 16).
    const double threshold = scenario.decision.interest_threshold[static_cast<std::size_t>(farmers.innovativeness[i])];
    if (scenario.run.interest_ceiling && bound.rules_out(ceiling->largest_social(), threshold)) return;
    const double fraction = neighbour_fraction(i);
    if (scenario.run.interest_ceiling && bound.rules_out(ceiling->social(fraction), threshold)) return;
    if (worth_interest(i, fraction, own)) enter_stage(state, i, Stage::interested, month.day);
  }

  // Depreciation of what the farmer knows and does not practise (MODEL §7.6: half needs refreshing
  // about every two years, 004 L431–437). Applied as the review passes the farmer, every month.
  void depreciate(std::size_t i) {
    state.codified[i] *= month.knowledge_kept;
    state.tacit[i] *= month.knowledge_kept;
  }

  // Learning toward the knowledge threshold through the channels of MODEL §7.6, at the farmer's own
  // rate (learning_factor: farmers differ): codified from print and from portals the farmer trusts,
  // up to what is in print and at most a third of what is needed (004 L275–276, L297–299); tacit
  // from own trials and from watching adopting neighbours (field days, communities of practice and
  // coalition meetings add to it from their own events). Interest can fade before the knowledge is
  // there (hazard interest_loss_per_year), and goes when the option stops being worth it (a scheme
  // closed): back to aware, so the funnel loses farmers between interested and planning, as the
  // Brummen funnel does (003 L513–556).
  void interested(std::size_t i, double fraction, const MainHorizon& own) {
    const KnowledgeSettings& k = scenario.knowledge;
    const double dt_years = static_cast<double>(month.days_in_month()) / sim::days_per_year;
    auto draw = random(i, sim::Stream::decision);
    depreciate(i);
    if (draw.bernoulli(interest_loss) || !worth_interest(i, fraction, own)) {
      // Half of what was learnt is gone by the time interest returns (assumption, after 004 L431–437:
      // half of the knowledge needs refreshing about every two years).
      state.codified[i] *= 0.5f;
      state.tacit[i] *= 0.5f;
      enter_stage(state, i, Stage::aware, month.day);
      return;
    }
    const PracticeKnowledgeView& view = month.knowledge[practice];
    const double factor = farmers.learning_factor[i] * dt_years;
    // A portal the farmer trusts gathers what is scattered (004 L240–243: existing sites answer 9%
    // of the questions): more of the codifiable knowledge within reach, and faster to read.
    double reading = k.reading_per_year, reach = view.in_print;
    for (const PortalView& portal : view.portals) {
      const double trust = farmers.institute_trust[portal.institute][i];
      reading += portal.codified_per_year * trust;
      reach = std::max(reach, view.in_print + std::max(0.0, portal.coverage - view.in_print) * trust);
    }
    const double cap = std::max<double>(view.codified_full * reach, state.codified[i]);
    state.codified[i] = static_cast<float>(std::min(cap, state.codified[i] + factor * reading));
    double tacit_gain = factor * (k.trying_per_year + k.observing_per_year * fraction);
    // A platform's core team answers a farmer's questions by routing them to those who know
    // (004 L364–384): tacit knowledge toward the pool of project results, for those who trust it.
    const double pool = view.pool[view.pool.size() > 1 ? farmers.region[i] : 0];
    for (const PortalView& portal : view.portals)
      if (portal.core_team_per_year > 0 && pool > state.tacit[i])
        tacit_gain += dt_years * portal.core_team_per_year * farmers.institute_trust[portal.institute][i] * (pool - state.tacit[i]);
    state.tacit[i] = static_cast<float>(std::min(1.0 - state.codified[i], state.tacit[i] + tacit_gain));
    if (state.knowledge(i) >= scenario.practices[practice].knowledge_threshold)
      enter_stage(state, i, Stage::planning, month.day);
  }

  // Drop-out while waiting (P2): after `patience` months in planning or applied, a monthly hazard.
  bool drops_out(std::size_t i) const {
    const double waited_months = static_cast<double>(month.day - state.since[i]) * 12.0 / sim::days_per_year;
    if (waited_months < scenario.decision.patience_months) return false;
    auto draw = random(i, sim::Stream::dropout);
    return draw.bernoulli(scenario.decision.dropout_per_month);
  }

  void planning(std::size_t i, double fraction, const MainHorizon& own) {
    depreciate(i);
    // Early money: an open experiment fund is asked once, while planning (003 L620–622).
    if (!(state.flags[i] & practice_flag::experiment_applied)) {
      for (const std::uint8_t s : month.practices[practice].schemes) {
        if (scenario.schemes[s].kind != SchemeKind::experiment_fund || !month.schemes[s].open) continue;
        if (!eligible(scenario, farmers, i, s, month.day)) continue;
        state.flags[i] |= practice_flag::experiment_applied;
        Option early_money;
        early_money.grant_eur = scenario.schemes[s].amount_per_farm + scenario.schemes[s].amount_per_ha * farmers.area_ha(i);
        apply(i, s, early_money);
        break;
      }
    }
    // Without a business plan the schemes that need one are not on offer: the farmer takes another
    // option that pays, or waits for a plan (and may drop out).
    int scheme = without_scheme;
    const Option best = best_option(i, fraction, own, scheme, (state.flags[i] & practice_flag::business_plan) != 0);
    const double own_investment = std::max(0.0, best.investment_eur - best.grant_eur);
    const bool can_finance = own_investment <= scenario.decision.credit_multiplier * farmers.liquidity_eur[i];
    if (best.utility > 0 && can_finance) {
      if (scheme == without_scheme) {
        adopt(i, best);
      } else {
        // Only open schemes are offered (best_option), so nobody pays to apply to a closed one.
        farmers.liquidity_eur[i] -= static_cast<float>(scenario.schemes[static_cast<std::size_t>(scheme)].admin_cost_eur);
        state.scheme[i] = static_cast<std::uint8_t>(scheme);
        enter_stage(state, i, Stage::applied, month.day);
        apply(i, static_cast<std::size_t>(scheme), best);
      }
      return;
    }
    if (drops_out(i)) enter_stage(state, i, Stage::dropped, month.day);
  }

  // The application is the contract the decision awards or rejects (parts, investment, payments).
  void apply(std::size_t i, std::size_t scheme, const Option& contract) {
    const SchemeSettings& s = scenario.schemes[scheme];
    auto draw = sim::RandomStream(scenario.run.seed, static_cast<std::uint32_t>(i), month.day, sim::Stream::lead_time,
                                  static_cast<std::uint16_t>(scheme));
    double lead = std::max(0.0, draw.normal(s.lead_mean_days, s.lead_sd_days));
    // Decision-oriented members are fast-tracked to their director's schemes: a shorter actual
    // lead time and budget priority (MODEL §7.5).
    const CoalitionView* coalition = coalition_for(month, farmers.coalition[i], practice);
    const bool fast_track = coalition && coalition->form == CoalitionForm::decision && coalition->director == s.government;
    if (fast_track) lead *= month.fast_track_lead_factor;
    outputs.applications.emit({static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(scheme),
                               month.day + static_cast<sim::Day>(lead + 0.5), contract.parts,
                               static_cast<float>(contract.investment_eur), static_cast<float>(contract.grant_eur),
                               static_cast<float>(contract.annual_eur), fast_track});
  }

  void adopt(std::size_t i, const Option& option) {
    farmers.liquidity_eur[i] -= static_cast<float>(option.investment_eur);
    state.parts[i] = option.parts;
    enter_stage(state, i, Stage::adopted, month.day);
  }

  void applied(std::size_t i) {
    depreciate(i);
    if (drops_out(i)) {
      state.scheme[i] = no_index;  // the pending application is withdrawn
      enter_stage(state, i, Stage::dropped, month.day);
    }
  }

  void adopted_farm(std::size_t i) {
    // Doing teaches: an adopter's tacit knowledge grows and does not depreciate (MODEL §7.6).
    state.tacit[i] = static_cast<float>(std::min(1.0 - state.codified[i], state.tacit[i] + doing * (1.0 - state.knowledge(i))));
    const PracticeEconomics& economics = month.practices[practice];
    const double area = farmers.parts_area(i, state.parts[i]);
    const double premium = economics.premium_per_ha_paid * area + economics.premium_per_farm_paid;
    farmers.liquidity_eur[i] += static_cast<float>(premium * month.days_in_month() / sim::days_per_year);
    const std::uint8_t s = state.scheme[i];
    if (s != no_index && state.payments_left[i] > 0 && state.next_payment[i] <= month.day) {
      const SchemeSettings& settings = scenario.schemes[s];
      const auto payment = static_cast<double>(state.annual_payment[i]);
      // A payment made is a promise kept; stopped payments are handled by the election (elections.cpp).
      outputs.paid.add(i, s, payment);
      farmers.liquidity_eur[i] += static_cast<float>(payment);
      state.next_payment[i] += sim::days_per_year;
      --state.payments_left[i];
      kept_promise(scenario, farmers, i, settings.government, month.day);
    }
    if (!scenario.practices[practice].reversible || state.payments_left[i] > 0 || area <= 0) return;
    // Abandonment once payments have ended and the practice loses money (MODEL §7.1).
    const PracticeSettings& p = scenario.practices[practice];
    const double yearly = (p.margin_per_ha_year + state.margin_offset_ha[i] + economics.premium_per_ha_paid) * area +
                          p.margin_per_farm_year + state.margin_offset_farm[i] + economics.premium_per_farm_paid;
    if (yearly / area >= -scenario.decision.abandon_tolerance_eur_per_ha) return;
    auto draw = random(i, sim::Stream::decision);
    double probability = abandon;
    // A coalition's norm holds its adopters (strong in a cooperation, weak in a network; MODEL §7.5).
    if (const CoalitionView* coalition = coalition_for(month, farmers.coalition[i], practice))
      probability *= 1 - coalition->norm_strength;
    if (draw.bernoulli(probability)) {
      state.parts[i] = 0;
      enter_stage(state, i, Stage::abandoned, month.day);
    }
  }

  // Farmer i, in `stage` (not unaware: see unaware), on an active farm of an eligible type
  // (review_practice_pipeline skips the others); `own`: its main-government horizons, read by the
  // stages that weigh options.
  void review(std::size_t i, Stage stage, const MainHorizon& own) {
    // The neighbours are read only by the stages that look at them (scattered reads: costly).
    switch (stage) {
      case Stage::interested: interested(i, neighbour_fraction(i), own); break;
      case Stage::planning: planning(i, neighbour_fraction(i), own); break;
      case Stage::applied: applied(i); break;
      case Stage::adopted: adopted_farm(i); break;
      default: break;
    }
  }
};

}  // namespace

void review_practice_pipeline(const Scenario& scenario, const MonthContext& month, std::size_t practice,
                              const AdoptionView& adoption, Farmers& farmers, ReviewOutputs& outputs) {
  PracticeState& state = farmers.practice[practice];
  FarmerReview review{scenario, month, practice, farmers, state, outputs, adoption};
  review.tabulate_month();
  const TypeMask eligible_types = scenario.practices[practice].eligible_types;
  const MainHorizonRule horizon_rule{scenario, farmers, month.practices[practice].annuity, month.day, review.main_government};
  sim::parallel_blocks(farmers.size(), [&](std::size_t begin, std::size_t end) {
    // The block's farmers on active farms of an eligible type, listed by stage (review_lists.hpp):
    // the unaware, the aware, the adopters, and the few interested, planning or applied. Dropped
    // and abandoned farmers are in no list (absorbing stages). A review changes only its own
    // farmer (stage, knowledge, liquidity, trust, contacts), its applications are sorted by farmer
    // when drained, and its payments (adopters only) are added in farmer order, so taking the
    // lists one after another gives what one pass in farmer order gave; a farmer who becomes aware
    // this month is not reviewed again this month, as before (the lists are made first).
    thread_local std::vector<std::uint32_t> unaware(sim::agents_per_block), aware(sim::agents_per_block),
        adopted(sim::agents_per_block), between(sim::agents_per_block);
    thread_local std::vector<double> uniforms(sim::agents_per_block);
    thread_local std::vector<FarmerCeiling> ceilings(sim::agents_per_block);
    thread_local std::vector<double> own_horizon(sim::agents_per_block), base_horizon(sim::agents_per_block),
        base_annuity(sim::agents_per_block);
    const MainHorizonRows horizons{own_horizon.data(), base_horizon.data(), base_annuity.data()};
    // Read through a local: the review's byte stores may alias anything reached through a
    // reference, so the stages' address would be reloaded for every farmer.
    const Stage* stage = state.stage.data();
    ReviewLists lists{unaware.data(), aware.data(), adopted.data(), between.data()};
    list_reviews({stage, farmers.active.data(), farmers.type.data(), eligible_types}, begin, end, lists);
    const std::size_t unaware_count = lists.unaware_count, aware_count = lists.aware_count,
                      adopted_count = lists.adopted_count, between_count = lists.between_count;
    // The unaware farmers' awareness draws, all of the block's at once (batched: the numbers
    // RandomStream(seed, i, day, awareness, practice) gives, computed side by side).
    sim::batch_uniforms(scenario.run.seed, month.day, sim::Stream::awareness, static_cast<std::uint16_t>(practice),
                        unaware.data(), unaware_count, 1, uniforms.data());
    for (std::size_t j = 0; j < unaware_count; ++j) review.unaware(unaware[j], uniforms[j]);
    // The main government's horizons of a list's farmers, for all of them at once: they read birth
    // days, successors and trust in that government, which no review of this pass changes before
    // the farmer's own options are weighed (only an adopter's payment changes its own trust).
    main_horizons(horizon_rule, aware.data(), aware_count, horizons);
    if (scenario.run.interest_ceiling) review.ceiling->farmer_ceilings(aware.data(), aware_count, horizons, ceilings.data());
    for (std::size_t j = 0; j < aware_count; ++j) review.aware(aware[j], horizons.at(j), ceilings[j]);
    main_horizons(horizon_rule, between.data(), between_count, horizons);
    for (std::size_t j = 0; j < between_count; ++j) review.review(between[j], stage[between[j]], horizons.at(j));
    // Adopters weigh no options: no horizons (their payments change their own trust, which is why
    // they come after the lists whose horizons were computed above).
    for (std::size_t j = 0; j < adopted_count; ++j) review.review(adopted[j], Stage::adopted, MainHorizon{});
  });
}

}  // namespace kringloop::agents
