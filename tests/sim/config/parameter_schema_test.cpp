// The options schema programs read: typed defaults, null for unbounded ranges, registry order.
#include <catch2/catch.hpp>

#include <limits>

#include "sim/config/parameter_schema.hpp"

using namespace kringloop::sim;
using namespace kringloop::sim::config;

TEST_CASE("the options schema types every default and marks unbounded ranges null", "[sim][config]") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  ParameterRegistry r;
  r.add({"population.farmers", ValueType::integer, "3000", "farmers", 1, 1e7, {}, "number of farms", "assumption"});
  r.add({"trust.gain", ValueType::real, "0.025", "0–1", 0, 1, {}, "gain", "003 L1"});
  r.add({"output.snapshots", ValueType::boolean, "false", "", -inf, inf, {}, "snapshots", ""});
  r.add({"scheme.*.eligible", ValueType::choice_list, "dairy, arable", "", -inf, inf, {"dairy", "arable"}, "types", ""});
  r.add({"network.mode", ValueType::choice, "knn", "", -inf, inf, {"knn", "well_mixed"}, "kind", ""});
  r.add({"scheme.*.kind", ValueType::text, "", "", -inf, inf, {}, "set per section", ""});
  const cli::Json schema = parameter_schema(r);
  const auto& options = schema.at("options");
  REQUIRE(options.size() == 6);

  SECTION("keys stay in registry order, each with every field") {
    CHECK(options[0]["key"] == "population.farmers");
    CHECK(options[5]["key"] == "scheme.*.kind");
    for (const auto& option : options)
      for (const char* field : {"key", "type", "default", "default_text", "unit", "min", "max", "choices", "meaning", "source"})
        CHECK(option.contains(field));
  }
  SECTION("defaults carry their type, the text is kept beside them") {
    CHECK(options[0]["default"].is_number_integer());
    CHECK(options[0]["default"] == 3000);
    CHECK(options[1]["default"].get<double>() == 0.025);
    CHECK(options[2]["default"] == false);
    CHECK(options[3]["default"] == cli::Json::array({"dairy", "arable"}));
    CHECK(options[4]["default"] == "knn");
    CHECK(options[5]["default"] == "");
    CHECK(options[1]["default_text"] == "0.025");
    CHECK(options[3]["type"] == "list");
  }
  SECTION("ranges: numbers when bounded, null when not") {
    CHECK(options[0]["min"] == 1);
    CHECK(options[0]["max"] == 10000000);
    CHECK(options[2]["min"].is_null());
    CHECK(options[2]["max"].is_null());
    CHECK(options[4]["choices"] == cli::Json::array({"knn", "well_mixed"}));
  }
}

TEST_CASE("JSON numbers: integral values as integers, non-finite as null, reals round-trip", "[sim][cli]") {
  CHECK(cli::dump_json(cli::json_number(8.0)) == "8");
  CHECK(cli::dump_json(cli::json_number(-3.0)) == "-3");
  CHECK(cli::dump_json(cli::json_number(std::numeric_limits<double>::quiet_NaN())) == "null");
  CHECK(cli::dump_json(cli::json_number(-std::numeric_limits<double>::infinity())) == "null");
  const double third = 1.0 / 3.0;
  CHECK(cli::Json::parse(cli::dump_json(cli::json_number(third))).get<double>() == third);
  CHECK(cli::json_number(1e16).is_number_float());  // beyond exact integers: stays a double
  CHECK(cli::dump_json(cli::Json("bad \xff byte")) == "\"bad \xEF\xBF\xBD byte\"");  // damaged text still prints
}
