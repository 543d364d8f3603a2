// Schemes: windows, applications against a budget, decisions after the actual lead time, payments
// (MODEL §3 Application → Decision → Payment). Everything here runs serially between parallel
// farmer batches, in a fixed order, so budgets are first come, first served on any thread count.
#pragma once
#include <vector>

#include "agents/model/messages.hpp"
#include "agents/model/month_context.hpp"
#include "agents/scenario/scenario.hpp"
#include "agents/state/farmers.hpp"
#include "agents/state/institutions.hpp"

namespace kringloop::agents {

// Precomputed per practice and scheme: annuity tables, lead-time discounts, scheme lists.
MonthContext make_month_context(const Scenario& scenario);

// Each scheme's budget for this run: budget_eur + per eligible farm × eligible farms + per eligible
// hectare × their area, counted at the start (budgets that scale with the region, issue 8).
void set_scheme_budgets(const Scenario& scenario, const Farmers& farmers, InstitutionState& institutions);

// Closes for good every scheme whose budget left cannot fund a typical award (the mean promise of
// its applications so far); the closing day is recorded (an output event).
void close_exhausted_schemes(const Scenario& scenario, sim::Day day, InstitutionState& institutions);

// Whether scheme `s` accepts applications on `day`: in its window, policy on, not cancelled or
// exhausted, money for a typical award beside the pending promises (MODEL §7.1).
bool scheme_open(const Scenario& scenario, const InstitutionState& institutions, std::size_t s, sim::Day day);

// Scheme views for `day`: open (scheme_open) and award probability.
void refresh_scheme_views(const Scenario& scenario, const InstitutionState& institutions, sim::Day day,
                          MonthContext& month);

// Appends this month's applications to their schemes' queues (already in farmer id order).
void receive_applications(const std::vector<ApplicationMessage>& applications, sim::Day day, InstitutionState& institutions,
                          const Scenario& scenario);

// Decides every application whose decision day has come, in application order: award what was
// applied for while the budget lasts, else reject. A decision later than announced is a broken promise, one on time a
// kept promise (MODEL §7.3).
void decide_applications(const Scenario& scenario, const MonthContext& month, Farmers& farmers,
                         InstitutionState& institutions);

// Books this month's payments and released promises into the schemes.
void account_payments(const Scenario& scenario, const BlockSums& paid, const BlockSums& released,
                      InstitutionState& institutions);

}  // namespace kringloop::agents
