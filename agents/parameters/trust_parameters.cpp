#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Farmer → institution trust (MODEL §7.3).
void register_trust_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(real("trust.kept_gain", "0.05", "fraction", 0, 1, "a+: kept promise T += a+ (1 − T)", "assumption"));
  r.add(real("trust.loss_ratio", "3", "×", 0, 100,
             "a− = loss_ratio × a+: a broken promise T −= a− T; trust is lost faster than built",
             "assumption: MODEL §7.3; 003 L806–808"));
  r.add(real("trust.gossip_per_month", "0.05", "1/month", 0, 1, "g: monthly pull toward the neighbours' mean trust",
             "assumption"));
  r.add(real("trust.drift_per_year", "0.05", "1/yr", 0, 1, "δ: drift toward the institution's initial mean", "assumption"));
  r.add(real("trust.messenger_weight", "0.7", "0–1", 0, 1,
             "weight of trust in the intermediary when it announces a scheme (credibility blend)",
             "assumption; 003 L992–994"));
  r.add(real("trust.news_share", "0.3", "fraction", 0, 1,
             "share of a- that a policy reversal costs active farmers aware of the practice but not directly "
             "involved (the news of a broken promise)", "assumption; 003 L806–808"));
  r.add(real("trust.contact_memory_months", "12", "months", 0, 600,
             "drift toward the baseline acts only after this long without interaction with the institution",
             "MODEL §7.3"));
  r.add(real("trust.reference", "0.5", "0–1", 0.01, 1,
             "trust at which the believed policy horizon equals the government's vision", "assumption"));
}

}  // namespace kringloop::agents
