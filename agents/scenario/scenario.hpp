// The typed scenario: what the model runs on. Built once from a validated configuration; model code
// never looks a parameter up by its string name. Cross-references between sections (a scheme's
// practice and government, a government's messenger, a chain partner's practice) are resolved to
// indices here, so per-farmer code only ever indexes vectors.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/resolved_config.hpp"
#include "sim/time.hpp"

namespace kringloop::agents {

enum class FarmType : std::uint8_t { arable, dairy, mixed, intensive_livestock };
inline constexpr std::size_t farm_type_count = 4;
inline constexpr std::array<const char*, farm_type_count> farm_type_names{"arable", "dairy", "mixed", "intensive_livestock"};
using TypeMask = std::array<bool, farm_type_count>;

// Rogers (2003) adopter categories.
enum class Innovativeness : std::uint8_t { innovator, early_adopter, early_majority, late_majority, laggard };
inline constexpr std::size_t innovativeness_count = 5;

// Tenure classes of MODEL §7.2 (P4). Lease kinds are the last three.
enum class Tenure : std::uint8_t { owned, regular, liberalised, one_year };
inline constexpr std::size_t tenure_count = 4;
inline constexpr std::array<const char*, tenure_count> tenure_names{"owned", "regular", "liberalised", "one_year"};

inline constexpr std::uint8_t no_index = 255;  // "none" in uint8 index fields (no scheme, no messenger)

// Regions a government, scheme or coalition covers: bit r = Scenario::regions[r] (at most 32 regions).
using RegionMask = std::uint32_t;
inline constexpr std::size_t max_regions = 32;
inline constexpr RegionMask all_regions = ~RegionMask{0};
constexpr bool covers(RegionMask mask, std::uint8_t region) { return (mask >> region) & 1u; }

struct RunSettings {
  std::string name;
  std::uint64_t seed = 1;
  int years = 30;
  bool snapshots = false;
  // Not a parameter (no key sets it): the review's shortcut for aware farmers (interest_ceiling.hpp)
  // changes no result; tests turn it off to show that runs with and without it are the same.
  bool interest_ceiling = true;
  // Not a parameter either: members per parallel task of a coalition meeting's passes over its
  // members (coalition_meetings.cpp); a coalition with at most this many meets on the calling
  // thread alone. No result depends on it; tests set it small, to split small coalitions' passes,
  // and to the largest value, to keep every pass whole, and compare the runs.
  std::size_t coalition_member_grain = 4096;
  // Not a parameter: whether a day's meetings that touch only their own members until they recruit
  // are opened side by side (coalition_meeting_day.cpp). No result depends on it; tests turn it off
  // and compare the runs.
  bool meetings_side_by_side = true;
  int months() const { return years * sim::months_per_year; }
};

struct PopulationSettings {
  std::int64_t farmers = 3000;
  std::array<double, farm_type_count> type_share{};
  std::array<double, farm_type_count> median_farm_ha{};
  std::array<double, farm_type_count> stocking_lu_per_ha{};  // livestock units per ha by farm type (herd output)
  double farm_size_sigma = 0.5;
  double region_width_km = 40, region_height_km = 40;
  std::array<double, innovativeness_count> innovativeness_share{};
  double age_mean = 52, age_sd = 10, retirement_age = 65, successor_age = 30;
  double retirement_age_spread = 3;  // each farmer retires at retirement_age ± spread (uniform)
  double successor_share = 0.25;
  double entrant_share = 0.1;        // exiting farms taken over whole by a new entrant
  double entrant_age = 35;
  bool region_from_farmland = false; // region area = expected farmland / farmland_share (square)
  double farmland_share = 0.53;
  double liquidity_median_eur = 40000, liquidity_sigma = 0.8;
  double risk_aversion_mean = 1.0, risk_aversion_spread = 0.5;
};

// One region of the scenario (MODEL §2 Space; 000 L5–7, L45–46: several regions per scenario). Regions
// are rectangles laid side by side along x without overlap, so distances and the kNN network keep
// their meaning; ties cross a border only near it or by rewiring. A scenario without [region.NAME]
// has one implicit region, `all`, built from [population] exactly as before regions existed.
struct RegionSettings {
  std::string name;
  std::int64_t farmers = 0;                          // farms generated in the region
  std::array<double, farm_type_count> type_share{};  // the population's unless the region sets its own
  double x_min_km = 0, width_km = 40, height_km = 40; // y runs from 0 to height_km
  // Specialised bands (Fig. 1 of 001 L151–159: land in wholly arable and wholly livestock areas):
  // the southern `livestock_only_share` of the region's height holds only livestock farms (dairy and
  // intensive livestock, in the region's ratio), the northern `arable_only_share` only arable farms;
  // the band between draws from type_share.
  double livestock_only_share = 0, arable_only_share = 0;
  double x_max_km() const { return x_min_km + width_km; }
};

enum class NetworkMode : std::uint8_t { knn, well_mixed };

struct NetworkSettings {
  NetworkMode mode = NetworkMode::knn;
  int neighbours = 8;
  double rewiring = 0.05;
};

// immediate: awareness is adoption (Bass limit); utility: the pipeline of MODEL §7.1; external: no
// farm-level rule, the stages are driven by another submodel (land_exchange, coalition issue).
enum class DecisionRule : std::uint8_t { immediate, utility, external };

struct PracticeSettings {
  std::string name;
  double external_per_year = 0.03;   // p
  double imitation_per_year = 0.38;  // q
  DecisionRule decision = DecisionRule::immediate;
  double investment_per_ha = 0, investment_per_farm = 0;
  double margin_per_ha_year = 0, margin_per_farm_year = 0;
  // Farm-level heterogeneity (issue: no knife edges): each farm's margin is the mean plus its farm
  // type's offset plus a normal deviation; its investment the mean times a lognormal factor.
  double margin_sd_per_ha_year = 0, margin_sd_per_farm_year = 0;
  std::array<double, farm_type_count> margin_type_offset_per_ha_year{};
  double investment_sd = 0;
  double knowledge_threshold = 0.3;
  double uncertainty = 0.2;
  TypeMask eligible_types{true, true, true, true};
  bool land_bound = false;
  bool reversible = true;
  // Relative change of an adopting farm's herd (a deal's term: Schiermonnikoog's seven dairy farms
  // cut their herds by almost 40%, 003 L388–392). 0: the practice leaves the herd as it is.
  double herd_change = 0;
};

// Farm-level decision rules shared by all practices (MODEL §7.1–7.2).
struct DecisionSettings {
  double discount_rate = 0.04;
  double utility_scale_eur = 25000;
  double social_weight = 0.5;
  std::array<double, innovativeness_count> interest_threshold{};
  double patience_months = 6;
  double dropout_per_month = 0.08;
  double rejection_dropout_probability = 0.3;
  double abandon_per_year = 0.2;
  double abandon_tolerance_eur_per_ha = 0;
  double learning_sd = 0;              // σ of a farmer's lognormal learning-rate factor (knowledge channels, §7.6)
  double interest_loss_per_year = 0;   // hazard of losing interest before planning (back to aware)
  double credit_multiplier = 2.0;
  double savings_eur_per_ha_year = 30;
  double max_horizon_years = 40;
};

struct TrustSettings {
  double kept_gain = 0.05;          // a+
  double broken_loss = 0.15;        // a- (= 3 a+ by default)
  double gossip_per_month = 0.05;   // g
  double drift_per_year = 0.05;     // δ
  double messenger_weight = 0.7;    // weight on trust in the intermediary when it announces
  double reference_trust = 0.5;     // trust at which the believed policy horizon equals the vision
  double news_share = 0.3;          // share of a- a reversal costs farmers who only heard of it
  double contact_memory_months = 12; // drift acts only after this long without interaction
};

enum class InstitutionKind : std::uint8_t { government, intermediary };

// Governments first, then intermediaries: trust is kept per institution, in this order.
struct InstitutionSettings {
  std::string name;
  InstitutionKind kind = InstitutionKind::government;
  std::string level;  // national, province, municipality, water_board; collective, union
  double initial_trust_mean = 0.5, initial_trust_sd = 0.15;
  // government only
  double election_cycle_years = 4;
  double reversal_probability = 0;
  bool stop_payments_on_reversal = false;
  double vision_years = 10;
  double enforcement_per_farmer_per_year = 0;
  double regulator_penalty = 0.1;
  std::uint8_t messenger = no_index;  // institution index of the intermediary that announces, or none
  // Regions whose farmers this institution governs (its schemes' default area, its enforcement);
  // intermediaries and governments without `regions` cover all.
  RegionMask regions = all_regions;
  double announcement_awareness_per_year = 0.2;
  // Boundary workers (002 L2917–2938): capacity in coalition roles (director 1.0, partner 0.5,
  // facilitator 0.1: 2.0 directs 2, partners in 4 or facilitates 10 coalitions, 002 L2332–2334).
  double staff_capacity = 2.0;
  double staff_turnover_per_year = 0;  // a boundary worker leaving costs the coalition trust (003 L430–432)
};

// Where money a reversal stops (running payments no longer owed) goes: back to the treasury (the
// scheme's budget shrinks; default) or back into the scheme (a later "go" may award it again).
enum class StoppedMoney : std::uint8_t { treasury, scheme };

enum class SchemeKind : std::uint8_t { investment_grant, area_payment, performance_reward, experiment_fund, rollout };
inline constexpr std::array<const char*, 5> scheme_kind_names{"investment_grant", "area_payment", "performance_reward",
                                                              "experiment_fund", "rollout"};

struct SchemeSettings {
  std::string name;
  SchemeKind kind = SchemeKind::investment_grant;
  std::uint8_t practice = 0, government = 0;
  sim::Day open_day = 0, window_days = 0;
  sim::Day announced_lead_days = 0;
  double lead_mean_days = 0, lead_sd_days = 0;
  double amount_per_ha = 0, amount_per_farm = 0;
  double performance_share = 1;  // expected share of the maximum reward reached (performance_reward)
  int duration_years = 1;
  double budget_eur = 0;                      // absolute part of the budget
  double budget_per_eligible_farm_eur = 0;    // + this × eligible farms at the start
  double budget_per_eligible_ha_eur = 0;      // + this × eligible farms' hectares at the start
  StoppedMoney stopped_money = StoppedMoney::treasury;
  double admin_cost_eur = 0;
  TypeMask eligible_types{true, true, true, true};
  double min_lease_years = 0;
  bool requires_business_plan = false;  // only farmers a coalition's bureau drew up a plan for (003 L539–549)
  RegionMask regions = all_regions;  // farms of these regions are eligible (default: the government's)
  bool annual() const { return kind == SchemeKind::area_payment || kind == SchemeKind::performance_reward; }
};

struct LandlordSettings {
  std::string name;
  std::string kind;  // private, public, nature_org
  Tenure relet_kind = Tenure::liberalised;
  double term_years = 6;
  double renewal_probability = 0.5;
  double sustainability_weight = 0;
  double rent_eur_per_ha = 800;
  double sustainable_rent_discount = 0;
};

struct LandSettings {
  std::array<double, tenure_count> main_tenure_share{};  // farms by main tenure class
  double leased_fraction = 0.7;       // share of a lease farm's area under its main lease
  double regular_continuation_years = 12;
  double liberalised_max_years = 6;
  bool farm_exits = true;
  double sale_share = 0.7;            // share of exiting farms whose owned land is sold to a neighbour
  std::array<std::uint8_t, tenure_count> initial_landlord{};  // landlord of the initial leases (owned: exit pool)
  int relet_candidates = 6;
};

enum class ChainKind : std::uint8_t { processor, bank, manure_processor };

struct ChainSettings {
  std::string name;
  ChainKind kind = ChainKind::processor;
  std::uint8_t practice = 0;
  double premium_per_ha_year = 0, premium_per_farm_year = 0;
  double capacity_farms = 1e9, capacity_growth_per_year = 0;
  double capacity_share = 0;          // + this share of the practice's eligible farms
  double interest_discount = 0;
  double min_commitments = 0;
  double min_commitments_share = 0;   // + this share of the practice's eligible farms
};

// Coalitions (MODEL §7.5): the three forms of 002 L2282–2360 and the rules they follow.
enum class CoalitionForm : std::uint8_t { decision, cooperation, network };
inline constexpr std::size_t coalition_form_count = 3;
inline constexpr std::array<const char*, coalition_form_count> coalition_form_names{"decision", "cooperation", "network"};

// What differs by form; indexed by CoalitionForm.
struct CoalitionFormRules {
  double meeting_months = 1;           // months between meetings
  double visioning_months = 3;         // decision: fixed; cooperation: at full internal trust (∝ 1/trust)
  double awareness_per_year = 2;       // c of the awareness hazard for members (e_coal = 1)
  double norm_strength = 1;            // × norm_weight: how strongly members follow the members' adoption
  double knowledge_exchange = 0.2;     // share of the gap to the best-informed member closed per meeting
  double role_cost = 1;                // staff capacity the government's role takes (director/partner/facilitator)
};

struct CoalitionRules {
  bool emergence = true;               // coalitions may start from the agents' state (besides declared ones)
  std::array<CoalitionFormRules, coalition_form_count> form{};
  double execution_months = 24;        // executing → scaling after this much progress (at full capacity)
  double norm_weight = 1.0;            // w_norm of the utility (MODEL §7.2)
  double fast_track_lead_factor = 0.5; // decision members: actual lead time × this for the director's schemes
  bool budget_priority = true;         // decision members' due applications are decided first
  double pooled_investment_share = 0.3;  // share of a member's investment the pool pays (cooperation, funded coalitions)
  double member_contribution_eur_per_year = 500;  // each cooperation member pays this into the pool
  double internal_trust_gain = 0.05;   // per meeting that makes progress
  double internal_trust_loss = 0.1;    // per member that leaves (defection)
  double peer_trust_gain = 0.02, peer_trust_loss = 0.05;
  double peer_trust_mean = 0.5, peer_trust_sd = 0.15;
  double cooperation_trust_threshold = 0.6;  // θ_coop: mutual trust needed to form or switch to a cooperation
  int cooperation_min_members = 4;           // n_min actors
  double cooperation_initiative_per_year = 0.1;
  double give_take_tolerance = 0.3;          // cooperation members leave when give − take exceeds this (knowledge units)
  double network_initiative_per_year = 0.1;  // per front-runner
  double front_runner_years = 1;             // adopted this long: a front-runner
  double network_join_probability = 0.3;     // per meeting, per aware neighbour of an attendee
  int network_max_members = 150;
  int network_min_attendance = 3;
  int fade_after_missed_meetings = 2;
  int professionalise_members = 15;          // network → cooperation (with trust ≥ θ_coop and a chain partner or money)
  double handover_trust = 0.85;              // decision → cooperation once internal trust reaches this (ownership broadens)
  double reversal_collapse_probability = 0.8;  // a decision coalition dissolves when its director reverses
  double uninterested_leave_per_year = 0.03;   // members not (or no longer) interested in the goal leave
  double lag_check_years = 3;                  // a government checks its schemes' uptake after this long open
  double lag_share = 0.5;                      // uptake below this share of the linear budget path lags
  double invited_share = 0.1;                  // an emergent decision coalition invites this share of eligible farms
  double turnover_trust_loss = 0.2;            // internal trust lost when a boundary worker leaves
};

enum class InviteRule : std::uint8_t { largest, nearest, random };

// Land exchange pairs (MODEL §7.4, P7): arable ⇄ dairy plot exchange for a wider rotation
// (001 L119–121, L137–182). Active when the scenario has an enabled practice named `practice`.
enum class ExchangeRegulation : std::uint8_t { farm, cluster };

struct ExchangeSettings {
  std::string practice = "land_exchange";
  std::uint8_t practice_index = no_index;  // resolved; no_index: no exchange submodel this run
  double max_distance_km = 5;
  int candidates = 8;                      // nearest arable/dairy farms looked at (grid kNN)
  int max_partners = 3;                    // pairs one farm may be in (a shared rotation, 001 L137–140)
  double trust_threshold = 0.45;           // θ_x: both farmers' peer trust needed to form a pair
  double break_trust = 0.3;                // a pair whose trust falls below this breaks
  double trust_gain_per_year = 0.05;       // per season exchanged without conflict
  double conflict_per_year = 0.05;         // chance of a season with a conflict
  double conflict_loss = 0.2;              // pair trust lost in a conflict
  double meet_per_year = 0.5;              // chance an available aware farm approaches its candidates
  double land_share = 0.3;                 // share of the smaller farm's land exchanged each season
  double cost_eur_per_year = 300;          // coordination and transport, per farm and pair
  ExchangeRegulation regulation = ExchangeRegulation::farm;
  double farm_level_gain_factor = 0.7;     // share of the rotation gain left under farm-level rules
  double initial_aware_share = 0;          // eligible farms aware of exchange at the start
  int history_years = 0;                   // exchange seasons run before day 0 (an established system)
  sim::Day season_day = 59;                // day of the year the season's exchange is agreed (1 March)
};

// Spatial measures over a cluster of neighbouring farms that need every farm's consent (MODEL
// §7.4, P10; 003 L258–263).
struct MeasureSettings {
  bool enabled = false;
  std::string kind = "buffer_strip";
  double proposals_per_year_per_1000_farms = 0;
  double first_year = 1;
  int cluster_farms = 4;                   // the site's farm and its nearest neighbours
  double affected_ha_per_farm = 3;
  double margin_eur_per_ha_year = -100;    // what the measure costs a farm per affected ha
  double margin_sd_eur_per_ha_year = 100;
  double payment_eur_per_ha_year = 120;    // the scheme's regular payment
  double compensation_eur_per_ha_year = 0; // lever: extra compensation offered to win holdouts over
  std::uint8_t coalition_practice = no_index;  // members of a coalition pursuing this practice support it
  double coalition_support_eur_per_ha_year = 200;
};

// A coalition the scenario declares ([coalition.NAME]).
struct CoalitionDeclaration {
  std::string name;
  CoalitionForm form = CoalitionForm::decision;
  std::uint8_t practice = 0;
  std::uint8_t director = no_index;          // government directing (decision form); else the partner/facilitator
  std::vector<std::uint8_t> core_partners;   // institutions with a say (governments, intermediaries)
  std::vector<std::uint8_t> chain_partners;  // chain partners that bring resources
  int sounding_board_members = 0;            // informed, no veto (003 L654–660)
  double budget_eur = 0;
  double budget_per_invited_farm_eur = 0;
  sim::Day start_day = 0, end_day = -1;      // end: the programme ends (-1: runs on)
  std::int64_t invited_farmers = 0;
  double invited_share = 0;                  // + this share of the eligible farms
  InviteRule invite_rule = InviteRule::largest;
  bool farmers_at_table = false;             // farmers are a party: peer trust persuades, refusers asked again
  double handover_after_years = 0;           // decision → cooperation after this long executing (0: by the trust rule)
  double business_plans_per_year = 0;        // an external bureau's plans a year for members (003 L517–539)
  std::uint8_t region = no_index;            // invite farms of this region only (no_index: the director's regions)
};

// Knowledge (MODEL §7.6): codified and tacit knowledge per farmer and practice, the channels that
// move them, and where project results go (fragmented or platform, 000 L40–61; 004 L472–499).
enum class KnowledgeMode : std::uint8_t { fragmented, platform };

struct KnowledgeSettings {
  double codified_max_share = 1.0 / 3;  // codified ≤ this × the practice's threshold (004 L275–276: 67% tacit)
  double half_life_years = 2;           // half needs refreshing about every two years (004 L431–437)
  double reading_per_year = 0.3;        // codified: trade press, leaflets, advisors' notes (while interested)
  double trying_per_year = 0.3;         // tacit: the farmer's own small trials (while interested)
  double observing_per_year = 0.6;      // tacit: × fraction of adopting neighbours (watching them)
  double doing_per_year = 0.5;          // tacit: adopters learn by practising (no depreciation while they do)
  double public_codified = 0.5;         // share of the codifiable knowledge in print at the start
  KnowledgeMode mode = KnowledgeMode::fragmented;
  bool regional_benefit = false;        // platform pool split by region (000 L52–54)
  double project_years = 2;             // an executing coalition's project yields results after this long
  double project_result = 0.3;          // knowledge a project's results carry (pool: 1 − Π(1 − r))
  double pool_transfer = 0.3;           // platform: share of the gap to the pool a field day closes
  double reuse_level = 0.5;             // platform: a new coalition reuses the pool once it holds this much
  double project_cost_eur = 250000;
  double platform_build_eur = 3e6, platform_build_years = 2;           // 004 L472–480
  double platform_upkeep_eur_per_year = 1e6, platform_support_eur_per_year = 0.5e6;  // 004 L481–499
  double institute_trust_gain = 0.05;   // trust in an institute gained when its event brings knowledge
};

enum class InstituteKind : std::uint8_t { research, advisory, platform };
inline constexpr std::array<const char*, 3> institute_kind_names{"research", "advisory", "platform"};

// A knowledge institute ([institute.NAME], MODEL §2, §7.6) and its calendar of channels.
struct InstituteSettings {
  std::string name;
  InstituteKind kind = InstituteKind::advisory;
  std::vector<std::uint8_t> practices;  // practices it works on (utility practices)
  double initial_trust_mean = 0.5, initial_trust_sd = 0.15;
  double field_days_per_year = 0;       // + field_days_per_1000_farms_year × farms / 1000
  double field_days_per_1000_farms_year = 0;
  int field_day_places = 25;
  double field_day_tacit = 0.1;
  double cop_sessions_per_year = 0;     // communities of practice
  int cop_members = 15;
  double cop_exchange = 0.2;
  double trial_every_years = 0, trial_years = 3, trial_codified = 0.2;  // research: 001 L128–130
  double portal_codified_per_year = 0;  // portal: codified only (004 L297–299), × trust
  double portal_coverage = 0.8;          // share of the codifiable knowledge the portal gathers
  double core_team_per_year = 0;         // platform: share of the gap to the pool its core team closes a year
  double unaware_attendance = 0.3;      // an unaware farmer's chance relative to an aware one (e_evt)
};

struct Scenario {
  RunSettings run;
  PopulationSettings population;                  // population.farmers = Σ regions' farmers
  std::vector<RegionSettings> regions;            // always at least one (see RegionSettings)
  NetworkSettings network;
  DecisionSettings decision;
  TrustSettings trust;
  LandSettings land;
  std::vector<PracticeSettings> practices;        // enabled ones, by name
  std::vector<InstitutionSettings> institutions;  // governments, then intermediaries
  std::vector<SchemeSettings> schemes;            // schemes of enabled practices
  std::vector<LandlordSettings> landlords;
  std::vector<ChainSettings> chains;              // partners of enabled practices
  CoalitionRules coalition;
  std::vector<CoalitionDeclaration> coalitions;   // declared coalitions (enabled ones)
  KnowledgeSettings knowledge;
  std::vector<InstituteSettings> institutes;      // enabled knowledge institutes
  ExchangeSettings exchange;
  MeasureSettings measure;
  std::size_t government_count = 0;
  std::string resolved_text;                      // the resolved INI, for output metadata
};

// Throws ConfigError for combinations that single-value checks cannot see (shares that do not sum
// to one, a scheme naming an unknown practice, ...).
// Whether build_scenario writes Scenario::resolved_text (the resolved INI, for output metadata):
// a sweep's runs and checks do not need it (the sweep file keeps the scenario texts of its
// identity), and writing it was three fifths of building a scenario (issue 16).
enum class ResolvedText { written, omitted };
Scenario build_scenario(const sim::config::ResolvedConfig& config, ResolvedText text = ResolvedText::written);

// Parts of build_scenario, one file each.
void build_regions(const sim::config::ResolvedConfig& config, Scenario& scenario);
// The regions named in list key `key` as a mask, each of them in `allowed` (empty list: `allowed`).
RegionMask region_mask(const sim::config::ResolvedConfig& config, const std::string& key, const Scenario& scenario,
                       RegionMask allowed);
// Side of the square whose farmland share is population.farmland_share for `farmers` farms.
double square_side_from_farmland_km(const PopulationSettings& population,
                                    const std::array<double, farm_type_count>& type_share, std::int64_t farmers);
void build_institutions(const sim::config::ResolvedConfig& config, Scenario& scenario);
void build_land_and_chain(const sim::config::ResolvedConfig& config, Scenario& scenario);
void build_coalitions(const sim::config::ResolvedConfig& config, Scenario& scenario);
void build_knowledge(const sim::config::ResolvedConfig& config, Scenario& scenario);
void build_exchange_and_measures(const sim::config::ResolvedConfig& config, Scenario& scenario);
TypeMask type_mask(const sim::config::ResolvedConfig& config, const std::string& key);

}  // namespace kringloop::agents
