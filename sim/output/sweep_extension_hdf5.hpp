// The identity extension (journal.hpp: labels, scenario_texts, derived keys) in a sweep file's
// /design group (docs/OUTPUT.md):
//   /design/labels/<factor>   strings   a categorical factor's levels; its column of points holds indices
//   /design/scenario_texts    strings   the resolved base scenario of each level of the `scenario` factor
//   /design/derived_names     strings   Q keys each run also sets (shares renormalised)
//   /design/derived_points    D × Q     their values
// Each is present only when used.
#pragma once
#include <hdf5.h>

#include <string>

#include "sim/output/journal.hpp"

namespace kringloop::sim::output {

void write_identity_extension(hid_t design, const SweepIdentity& identity, const std::string& file);
void read_identity_extension(hid_t design, SweepIdentity& identity, const std::string& file);

}  // namespace kringloop::sim::output
