#include "agents/parameters/registry.hpp"
#include "agents/parameters/spec_builders.hpp"

namespace kringloop::agents {

// Land, leases and landlords (MODEL §7.4).
void register_land_parameters(sim::config::ParameterRegistry& r) {
  using namespace spec;
  r.add(real("land.share_owned", "0.55", "fraction", 0, 1, "farms whose land is all owned", "assumption"));
  r.add(real("land.share_regular", "0.2", "fraction", 0, 1, "farms whose main lease is a regular lease", "assumption"));
  r.add(real("land.share_liberalised", "0.15", "fraction", 0, 1, "farms whose main lease is liberalised",
             "assumption; 003 L627–628"));
  r.add(real("land.share_one_year", "0.1", "fraction", 0, 1,
             "farms whose main lease is a one-year lease (the four shares sum to 1)", "assumption; 003 L1643–1644"));
  r.add(real("land.leased_fraction", "0.7", "fraction", 0, 1, "share of a lease farm's area under its main lease",
             "assumption"));
  r.add(real("land.regular_continuation_years", "12", "years", 0, 100, "expected continuation of a regular lease",
             "assumption: MODEL §7.2"));
  r.add(real("land.liberalised_max_years", "6", "years", 0.1, 100, "maximum term of a liberalised lease", "003 L627–628"));
  r.add(boolean("land.farm_exits", "true",
                "a farmer without successor exits at retirement age and its land goes to the landlord pool",
                "003 L584–585"));
  r.add(real("land.sale_share", "0.7", "fraction", 0, 1,
             "share of exiting farms whose owned land is sold to a neighbouring farm (scale enlargement); the "
             "rest goes to land.landlord_owned and is let through the lease market", "assumption"));
  r.add(text("land.landlord_owned", "private", "landlord that receives owned land of exiting farms"));
  r.add(text("land.landlord_regular", "private", "landlord of the initial regular leases"));
  r.add(text("land.landlord_liberalised", "public", "landlord of the initial liberalised leases"));
  r.add(text("land.landlord_one_year", "nature_org", "landlord of the initial one-year leases (003 L1643–1644)"));
  r.add(integer("land.relet_candidates", "6", "farms", 1, 64,
                "farms near the parcel that bid when a landlord re-lets", "assumption"));
  r.add(choice("landlord.*.kind", "private", {"private", "public", "nature_org"}, "kind of landlord", "MODEL §2"));
  r.add(choice("landlord.*.relet_kind", "liberalised", {"regular", "liberalised", "one_year"},
               "lease kind offered when re-letting", "003 L627–632, L1643–1653"));
  r.add(real("landlord.*.term_years", "6", "years", 0.1, 100, "term of a new or renewed lease", "003 L627–628"));
  r.add(real("landlord.*.renewal_probability", "0.5", "probability", 0, 1, "chance a lease is renewed at expiry",
             "assumption"));
  r.add(real("landlord.*.sustainability_weight", "0", "0–1", 0, 1,
             "w: weight of sustainability vs rent in renewal and re-letting (lever)", "003 L1634–1638, L2794–2808"));
  r.add(real("landlord.*.rent_eur_per_ha", "800", "€/ha/yr", 0, 1e5, "rent asked", "assumption; 003 L1627–1633"));
  r.add(real("landlord.*.sustainable_rent_discount", "0", "fraction", 0, 1,
             "rent discount for tenants who adopt a land-bound practice (lever)", "003 L1454–1464"));
}

}  // namespace kringloop::agents
