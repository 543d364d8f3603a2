#include <catch2/catch.hpp>

#include "sim/config/options_reference.hpp"
#include "sim/config/parameter_registry.hpp"
#include "sim/config/resolved_config.hpp"
#include "sim/errors.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::config;

namespace {
ParameterRegistry small_registry() {
  ParameterRegistry r;
  r.add({"population.farmers", ValueType::integer, "100", "farmers", 1, 1000, {}, "number of farms", ""});
  r.add({"network.mode", ValueType::choice, "knn", "", -1e300, 1e300, {"knn", "well_mixed"}, "network kind", ""});
  r.add({"scheme.*.lead_time_days", ValueType::real, "90", "days", 0, 3650, {}, "announced lead time", "000 L49–51"});
  r.add({"scheme.*.eligible", ValueType::choice_list, "dairy", "", -1e300, 1e300, {"dairy", "arable"}, "types", ""});
  r.add({"output.snapshots", ValueType::boolean, "false", "", -1e300, 1e300, {}, "snapshots", ""});
  return r;
}
}  // namespace

TEST_CASE("templates match one name segment", "[sim][config]") {
  CHECK(key_matches_template("scheme.investment.lead_time_days", "scheme.*.lead_time_days"));
  CHECK_FALSE(key_matches_template("scheme.lead_time_days", "scheme.*.lead_time_days"));
  CHECK_FALSE(key_matches_template("scheme.a.b.lead_time_days", "scheme.*.lead_time_days"));
  CHECK_FALSE(key_matches_template("scheme..lead_time_days", "scheme.*.lead_time_days"));
  CHECK(key_matches_template("population.farmers", "population.farmers"));
}

TEST_CASE("registry finds specs and suggests the nearest name", "[sim][config]") {
  const auto r = small_registry();
  REQUIRE(r.find("scheme.grant.lead_time_days") != nullptr);
  CHECK(r.find("scheme.grant.lead_time_days")->unit == "days");
  CHECK(r.find("population.farmer") == nullptr);
  CHECK(r.nearest("population.farmer") == "population.farmers");
  CHECK(r.nearest("scheme.grant.lead_tme_days") == "scheme.grant.lead_time_days");  // keeps the section name
  CHECK(r.named_section_kinds() == std::vector<std::string>{"scheme"});
  CHECK_THROWS_AS(ParameterRegistry(r).add({"population.farmers", ValueType::integer, "1", "", 0, 1, {}, "", ""}),
                  ConfigError);
}

TEST_CASE("the registry's look-up is the first registered template that matches, as a scan would find", "[sim][config]") {
  // TemplateIndex looks a key up under its segments with any of them replaced by "*" instead of
  // trying every template; it must give what trying them in registration order gives.
  ParameterRegistry r;
  const std::vector<std::string> names{"*.a.x", "zone.*.x", "zone.a.y", "zone.*.y", "*.*.z", "plain", "a.b", "*.b"};
  for (const auto& name : names) r.add({name, ValueType::integer, "1", "", 0, 9, {}, "", ""});
  auto scan = [&](const std::string& key) -> const ParameterSpec* {
    for (const auto& spec : r.all())
      if (key_matches_template(key, spec.key)) return &spec;
    return nullptr;
  };
  const std::vector<std::string> keys{"zone.a.x", "zone.b.x", "other.a.x", "zone.a.y", "zone.b.y", "q.r.z", "plain",
                                      "a.b",      "c.b",      "zone..x",   ".a.x",     "zone.a",   "zone.a.x.w", "x",
                                      "",         "zone.*.x", "*.*.z",     "a.b.c.d.e.f.g.h.i.j"};
  for (const auto& key : keys) {
    INFO(key);
    CHECK(r.find(key) == scan(key));
  }
  CHECK(r.find("zone.a.x")->key == "*.a.x");  // matched by two templates: the first registered
  CHECK(r.find("zone.b.x")->key == "zone.*.x");
  CHECK(r.find("zone.a.y")->key == "zone.a.y");
  // A key of many segments is refused without trying 2^segments names.
  CHECK(r.find(std::string(10000, '.')) == nullptr);
}

TEST_CASE("values are checked for type and range with a message naming both", "[sim][config]") {
  const auto r = small_registry();
  const auto& farmers = *r.find("population.farmers");
  CHECK_NOTHROW(r.check_value(farmers, "population.farmers", "1000", "f.ini"));
  CHECK_THROWS_WITH(r.check_value(farmers, "population.farmers", "1001", "f.ini"),
                    "f.ini: population.farmers = '1001': out of range (allowed: an integer in [1, 1000])");
  CHECK_THROWS_WITH(r.check_value(farmers, "population.farmers", "12abc", "f.ini"), Catch::Contains("not an integer"));
  CHECK_THROWS_WITH(r.check_value(farmers, "population.farmers", "2.5", "f.ini"), Catch::Contains("not an integer"));
  const auto& lead = *r.find("scheme.x.lead_time_days");
  CHECK_NOTHROW(r.check_value(lead, "scheme.x.lead_time_days", "1.5e2", "cli"));
  CHECK_THROWS_WITH(r.check_value(lead, "scheme.x.lead_time_days", "nan", "cli"), Catch::Contains("not a number"));
  CHECK_THROWS_WITH(r.check_value(lead, "scheme.x.lead_time_days", "-1", "cli"), Catch::Contains("out of range"));
  const auto& mode = *r.find("network.mode");
  CHECK_THROWS_WITH(r.check_value(mode, "network.mode", "grid", "cli"), Catch::Contains("one of: knn well_mixed"));
  const auto& eligible = *r.find("scheme.x.eligible");
  CHECK_NOTHROW(r.check_value(eligible, "scheme.x.eligible", "dairy, arable", "cli"));
  CHECK_THROWS_WITH(r.check_value(eligible, "scheme.x.eligible", "dairy,pigs", "cli"), Catch::Contains("'pigs'"));
  const auto& snapshots = *r.find("output.snapshots");
  CHECK_THROWS_WITH(r.check_value(snapshots, "output.snapshots", "maybe", "cli"), Catch::Contains("not a boolean"));
}

TEST_CASE("options are described with each named section's own values", "[sim][config]") {
  const auto r = small_registry();
  const auto config = ResolvedConfig::resolve(
      r, {{{{"population.farmers", "250"}, {"scheme.grant.lead_time_days", "365"}, {"scheme.area.eligible", "arable"}},
           "s.ini"}});
  const OptionsReference reference{r, config, "scenario s.ini"};
  const std::string markdown = options_markdown(reference);
  // Plain keys show the scenario's value; templates their default, marked as the template.
  CHECK_THAT(markdown, Catch::Contains("| `population.farmers` | integer | `250` | farmers | an integer in [1, 1000] |"));
  CHECK_THAT(markdown, Catch::Contains("| `scheme.*.lead_time_days` | real | `90` | days | a number in [0, 3650] |"));
  CHECK_THAT(markdown, Catch::Contains("000 L49–51"));
  // Each named section with its own values (sorted by name), and an example that exists.
  CHECK_THAT(markdown, Catch::Contains("| key | `area` | `grant` |"));
  CHECK_THAT(markdown, Catch::Contains("| `lead_time_days` | 90 | 365 |"));
  CHECK_THAT(markdown, Catch::Contains("| `eligible` | arable | dairy |"));
  CHECK_THAT(markdown, Catch::Contains("`[scheme.area]` / `--scheme.area.lead_time_days 90`"));
  const std::string text = options_text(reference);
  CHECK_THAT(text, Catch::Contains("population.farmers = 250 [farmers]"));
  CHECK_THAT(text, Catch::Contains("scheme.*.lead_time_days = 90 [days]   (template default)"));
  CHECK_THAT(text, Catch::Contains("    scheme.grant.lead_time_days = 365\n"));
  CHECK(option_names(config) ==
        "network.mode\noutput.snapshots\npopulation.farmers\nscheme.area.eligible\nscheme.area.lead_time_days\n"
        "scheme.grant.eligible\nscheme.grant.lead_time_days\n");
  const std::string man = options_man_page(reference, "prog", "1.0", "a program", "usage: prog COMMAND\n.dot");
  CHECK_THAT(man, Catch::StartsWith(".\\\" Generated by"));
  CHECK_THAT(man, Catch::Contains(".TH prog 1"));
  CHECK_THAT(man, Catch::Contains(".B \\-\\-population.farmers 250 [farmers]"));
  CHECK_THAT(man, Catch::Contains("\n\\&.dot\n"));  // a usage line starting with '.' is not a request
}
