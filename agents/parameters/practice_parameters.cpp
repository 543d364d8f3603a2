#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

void register_practice_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(boolean("practice.*.enabled", "true", "simulate this practice (false removes it from the scenario)", ""));
  // Awareness hazard h = p + q·f_nbr + ... per year (MODEL §7.1); Bass-model magnitudes.
  r.add(real("practice.*.awareness_external_per_year", "0.03", "1/year", 0, 50,
             "p: external influence (media, advisors) on becoming aware",
             "assumption: Bass (1969); mean p in Sultan, Farley & Lehmann (1990)"));
  r.add(real("practice.*.awareness_imitation_per_year", "0.38", "1/year", 0, 50,
             "q: imitation, multiplied by the fraction of neighbours that adopted",
             "assumption: Bass (1969); mean q in Sultan, Farley & Lehmann (1990)"));
  r.add(choice("practice.*.decision", "immediate", {"immediate", "utility"},
               "immediate: an aware farmer adopts at once (pure diffusion, the Bass limit); utility: the full pipeline "
               "of MODEL §7.1 (interest, planning, application, decision)",
               "MODEL §7.1"));
}

}  // namespace kringloop::agents
