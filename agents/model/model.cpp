#include "agents/model/model.hpp"

#include <vector>

#include "agents/model/review.hpp"

namespace kringloop::agents {

Model::Model(const Scenario& scenario)
    : scenario_(scenario), farmers_(generate_farmers(scenario)), recorder_(scenario) {}

void Model::schedule_calendar() {
  for (int month = 0; month < scenario_.run.months(); ++month) {
    queue_.schedule(sim::first_day_of_month(month), phase::farm_review, {EventKind::farm_review, 0});
    queue_.schedule(sim::last_day_of_month(month), phase::record, {EventKind::record, 0});
  }
}

sim::output::RunRecord Model::run() {
  schedule_calendar();
  std::vector<ModelQueue::Event> batch;
  while (queue_.pop_batch(batch))
    for (const auto& event : batch) handle(event);
  return recorder_.finish(farmers_);
}

void Model::handle(const ModelQueue::Event& event) {
  switch (event.payload.kind) {
    case EventKind::farm_review: review_farmers(event.day); break;
    case EventKind::record: recorder_.record_month(event.day, farmers_); break;
  }
}

void Model::review_farmers(sim::Day day) {
  for (std::size_t p = 0; p < scenario_.practices.size(); ++p) {
    review_practice(scenario_, p, day, farmers_);
    reviews_ += farmers_.size();
  }
}

sim::output::RunRecord run_model(const Scenario& scenario) {
  Model model(scenario);
  return model.run();
}

}  // namespace kringloop::agents
