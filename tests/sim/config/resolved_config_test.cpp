#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/config/resolved_config.hpp"
#include "sim/errors.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::config;

namespace {
ParameterRegistry registry() {
  ParameterRegistry r;
  r.add({"run.name", ValueType::text, "base", "", -1e300, 1e300, {}, "name", ""});
  r.add({"population.farmers", ValueType::integer, "100", "farmers", 1, 1000, {}, "number of farms", ""});
  r.add({"scheme.*.amount_eur", ValueType::real, "5000", "€", 0, 1e9, {}, "amount", ""});
  r.add({"scheme.*.open", ValueType::boolean, "true", "", -1e300, 1e300, {}, "open", ""});
  return r;
}
ResolvedConfig resolve(std::vector<ResolvedConfig::Layer> layers) { return ResolvedConfig::resolve(registry(), layers); }
}  // namespace

TEST_CASE("INI sections become key prefixes", "[sim][config]") {
  const auto values = read_ini("# comment\n[population]\nfarmers = 20   # trailing comment\n[scheme.grant]\namount_eur=10\n", "t.ini");
  REQUIRE(values.size() == 2);
  CHECK(values[0] == std::pair<std::string, std::string>{"population.farmers", "20"});
  CHECK(values[1] == std::pair<std::string, std::string>{"scheme.grant.amount_eur", "10"});
}

TEST_CASE("malformed INI is refused with the file named", "[sim][config]") {
  CHECK_THROWS_WITH(read_ini("[a]\nx = 1\n[b]\ny = 2\n[a]\nz = 3\n", "s.ini"),
                    "s.ini: duplicate section [a] at lines 1 and 5");
  CHECK_THROWS_WITH(read_ini("[a]\nx = 1\nx = 2\n", "s.ini"), "s.ini: duplicate key a.x");
  CHECK_THROWS_WITH(read_ini("[a]\nthis line has no equals sign\n", "s.ini"), Catch::StartsWith("s.ini: "));
}

TEST_CASE("layers overlay in order and defaults fill the rest", "[sim][config]") {
  const auto config = resolve({{{{"population.farmers", "10"}, {"scheme.grant.amount_eur", "1"}}, "base.ini"},
                               {{{"population.farmers", "20"}}, "file.ini"},
                               {{{"scheme.grant.amount_eur", "7"}}, "command line"}});
  CHECK(config.integer("population.farmers") == 20);
  CHECK(config.settings().at("population.farmers").origin == "file.ini");
  CHECK(config.real("scheme.grant.amount_eur") == 7);
  CHECK(config.boolean("scheme.grant.open"));  // template default filled for the instance
  CHECK(config.text("run.name") == "base");
  CHECK(config.instances("scheme") == std::vector<std::string>{"grant"});
  CHECK_FALSE(config.has("scheme.other.amount_eur"));
}

TEST_CASE("unknown keys and bad values name the layer", "[sim][config]") {
  CHECK_THROWS_WITH(resolve({{{{"population.farmer", "10"}}, "file.ini"}}),
                    "file.ini: unknown key 'population.farmer' (did you mean 'population.farmers'?)");
  CHECK_THROWS_WITH(resolve({{{{"population.farmers", "0"}}, "command line"}}),
                    Catch::StartsWith("command line: population.farmers = '0': out of range"));
}

TEST_CASE("to_ini round-trips the resolved scenario", "[sim][config]") {
  const auto config = resolve({{{{"scheme.b.amount_eur", "2"}, {"scheme.a.open", "false"}, {"population.farmers", "30"}}, "f"}});
  const std::string text = config.to_ini();
  CHECK(text.find("[run]") < text.find("[population]"));
  CHECK(text.find("[scheme.a]") < text.find("[scheme.b]"));
  const auto again = resolve({{read_ini(text, "round trip"), "round trip"}});
  CHECK(again.to_ini() == text);
  for (const auto& [key, setting] : config.settings()) CHECK(again.text(key) == setting.value);
}

TEST_CASE("to_ini orders sections and keys as the registry does, templates included", "[sim][config]") {
  // Sections by the registry rank of their first key, then by name; keys by rank. An instance's
  // key takes the rank of the template that names it (zone.a.late: zone.*.late).
  ParameterRegistry r;
  r.add({"run.name", ValueType::text, "base", "", -1e300, 1e300, {}, "name", ""});
  r.add({"zone.*.late", ValueType::integer, "1", "", 0, 9, {}, "registered before early", ""});
  r.add({"population.farmers", ValueType::integer, "100", "farmers", 1, 1000, {}, "number of farms", ""});
  r.add({"zone.*.early", ValueType::integer, "2", "", 0, 9, {}, "registered after late", ""});
  const auto config =
      ResolvedConfig::resolve(r, {{{{"zone.b.early", "3"}, {"zone.a.late", "4"}, {"population.farmers", "30"}}, "f"}});
  const std::string text = config.to_ini();
  const auto at = [&](const std::string& part) {
    const auto found = text.find(part);
    REQUIRE(found != std::string::npos);
    return found;
  };
  CHECK(at("[run]") < at("[zone.a]"));
  CHECK(at("[zone.a]") < at("[zone.b]"));
  CHECK(at("[zone.b]") < at("[population]"));
  CHECK(at("[zone.a]\nlate = 4\nearly = 2\n") < at("[zone.b]\nlate = 1\nearly = 3\n"));
}

TEST_CASE("scenario files that are missing or unreadable are named", "[sim][config]") {
  CHECK_THROWS_WITH(read_scenario_file("/no/such/file.ini"), "/no/such/file.ini: scenario file not found");
  CHECK_THROWS_WITH(read_scenario_file(std::filesystem::temp_directory_path()), Catch::Contains("is a directory"));
}
